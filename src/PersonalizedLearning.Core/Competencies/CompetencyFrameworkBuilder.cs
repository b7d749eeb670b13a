using System.Collections.Immutable;

namespace PersonalizedLearning.Competencies;

/// <summary>
/// Collects competencies and the relations between them, then validates the whole definition at once
/// and builds an immutable <see cref="CompetencyFramework"/>.
/// </summary>
/// <remarks>
/// <para>Methods reject a malformed single argument (an empty id, a blank title) at once with an
/// <see cref="ArgumentException"/> and leave the builder unchanged. Problems that only show across items
/// (duplicate ids, unknown ids in relations, self-relations, repeated relations, hierarchy cycles and
/// prerequisite cycles) are all reported together by <see cref="Build"/> or <see cref="Validate"/>.</para>
/// <para>Not thread-safe: build on one thread, then share the framework freely.</para>
/// </remarks>
/// <example>
/// <code>
/// var framework = new CompetencyFrameworkBuilder("Fractions")
///     .AddCompetency("F1", "Unit fractions")
///     .AddCompetency("F2", "Equivalent fractions")
///     .AddPrerequisite("F1", "F2")
///     .Build();
/// </code>
/// </example>
public sealed class CompetencyFrameworkBuilder
{
    private readonly List<Competency> _competencies = [];
    private readonly List<CompetencyRelation> _relations = [];
    private readonly List<CompetencyId> _rootOrder = [];

    /// <summary>Starts an empty framework definition.</summary>
    /// <param name="title">An optional title for the framework: null for none, otherwise not blank.</param>
    /// <exception cref="ArgumentException"><paramref name="title"/> is empty or white space.</exception>
    public CompetencyFrameworkBuilder(string? title = null) => Title = CheckTitle(title, nameof(title));

    /// <summary>What the builder holds so far; culture-invariant.</summary>
    /// <returns>Its title and how many competencies and relations it holds, such as <c>CompetencyFrameworkBuilder 'Algebra': 2 competencies, 1 relations</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"CompetencyFrameworkBuilder {(Title is null ? "(untitled)" : $"'{Title}'")}: {_competencies.Count} competencies, {_relations.Count} relations");

    /// <summary>The framework's title.</summary>
    /// <value>Null unless given; never blank.</value>
    /// <exception cref="ArgumentException">Set to an empty or white-space title (a competency's title is refused the same
    /// way); the title is left as it was.</exception>
    public string? Title { get; set => field = CheckTitle(value, nameof(value)); }

    // A title is optional, but one given says something: an empty or white-space one is a mistake (a blank cell, a trimmed
    // field), refused as a competency's blank title is. CASE requires a non-blank title on the document too.
    private static string? CheckTitle(string? title, string parameter) => title is not null && string.IsNullOrWhiteSpace(title)
        ? throw new ArgumentException($"A framework's title must not be blank; got \"{title}\". Give a title, or none (null).", parameter)
        : title;

    /// <summary>Adds a competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="competency"/> is null.</exception>
    public CompetencyFrameworkBuilder Add(Competency competency)
    {
        ArgumentNullException.ThrowIfNull(competency);
        _competencies.Add(competency);
        return this;
    }

    /// <summary>Adds a competency from its fields.</summary>
    /// <param name="id">Its identifier, unique within the framework.</param>
    /// <param name="title">A short, human-readable name.</param>
    /// <param name="code">An optional human coding scheme, such as <c>3.NF.A.1</c>.</param>
    /// <param name="description">An optional longer statement.</param>
    /// <param name="tags">Optional tags.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">A field breaks the rules of <see cref="Competency"/>.</exception>
    public CompetencyFrameworkBuilder AddCompetency(CompetencyId id, string title, string? code = null, string? description = null, IEnumerable<string>? tags = null)
        => Add(new Competency(id, title, code, description, tags is null ? [] : [.. tags]));

    /// <summary>Declares <paramref name="parent"/> the parent of <paramref name="child"/> in the hierarchy.</summary>
    /// <param name="parent">The broader competency.</param>
    /// <param name="child">The narrower competency.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Either id is the empty identifier.</exception>
    public CompetencyFrameworkBuilder AddChild(CompetencyId parent, CompetencyId child)
        => AddRelation(new CompetencyRelation(CompetencyRelationKind.ParentOf, parent, child));

    /// <summary>Declares that <paramref name="prerequisite"/> must be mastered before <paramref name="dependent"/> is ready to learn.</summary>
    /// <param name="prerequisite">The competency to master first.</param>
    /// <param name="dependent">The competency that builds on it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Either id is the empty identifier.</exception>
    public CompetencyFrameworkBuilder AddPrerequisite(CompetencyId prerequisite, CompetencyId dependent)
        => AddRelation(new CompetencyRelation(CompetencyRelationKind.PrerequisiteOf, prerequisite, dependent));

    /// <summary>Declares two competencies related, with no order implied.</summary>
    /// <param name="first">One competency.</param>
    /// <param name="second">The other.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Either id is the empty identifier.</exception>
    public CompetencyFrameworkBuilder AddRelated(CompetencyId first, CompetencyId second)
        => AddRelation(new CompetencyRelation(CompetencyRelationKind.RelatedTo, first, second));

    /// <summary>Adds a relation of any kind.</summary>
    /// <param name="relation">The relation.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An end of the relation is the empty identifier.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The relation kind is not a defined value.</exception>
    public CompetencyFrameworkBuilder AddRelation(CompetencyRelation relation)
    {
        if (relation.Source.IsEmpty || relation.Target.IsEmpty)
        {
            throw new ArgumentException($"A relation needs two non-empty competency ids; got '{relation.Source}' and '{relation.Target}'.", nameof(relation));
        }

        if (!Enum.IsDefined(relation.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(relation), relation.Kind, $"Relation kind must be one of {string.Join(", ", Enum.GetNames<CompetencyRelationKind>())}; got {(int)relation.Kind}.");
        }

        _relations.Add(relation);
        return this;
    }

    /// <summary>Checks the whole definition without building it.</summary>
    /// <returns>Every problem found; empty when <see cref="Build"/> would succeed.</returns>
    public ImmutableArray<ValidationProblem> Validate() => Compile(out _);

    /// <summary>Validates the whole definition and builds the framework.</summary>
    /// <returns>An immutable framework, safe to share across threads.</returns>
    /// <exception cref="DefinitionValidationException">The definition breaks one or more rules; every problem is listed.</exception>
    public CompetencyFramework Build()
    {
        var problems = Compile(out var framework);
        return problems.IsEmpty ? framework! : throw new DefinitionValidationException("competency framework", problems);
    }

    /// <summary>Builds a framework that may be empty: the CASE reader's result for a package whose items all failed, whose
    /// problems it reports itself.</summary>
    internal CompetencyFramework BuildAllowingEmpty()
    {
        var problems = Compile(out var framework, allowEmpty: true);
        return problems.IsEmpty ? framework! : throw new DefinitionValidationException("competency framework", problems);
    }

    private ImmutableArray<ValidationProblem> Compile(out CompetencyFramework? framework, bool allowEmpty = false)
    {
        framework = null;
        var problems = ImmutableArray.CreateBuilder<ValidationProblem>();
        if (_competencies.Count == 0 && !allowEmpty)
        {
            problems.Add(new(ValidationRule.Empty, Title ?? string.Empty, $"The framework{(Title is null ? string.Empty : $" '{Title}'")} has no competencies; add at least one, or check that the source it was read from held any."));
        }

        var index = new Dictionary<CompetencyId, int>(_competencies.Count);
        var unique = new List<Competency>(_competencies.Count);
        var reported = new HashSet<CompetencyId>();
        foreach (var competency in _competencies)
        {
            if (index.TryAdd(competency.Id, unique.Count))
            {
                unique.Add(competency);
            }
            else if (reported.Add(competency.Id))
            {
                var count = _competencies.Count(c => c.Id == competency.Id);
                problems.Add(new(ValidationRule.DuplicateId, competency.Id.Value,
                    $"Competency id '{competency.Id}' is declared {count} times; each competency needs its own id."));
            }
        }

        var uris = new Dictionary<Uri, CompetencyId>(UriIdentity.Default);
        foreach (var competency in unique)
        {
            if (competency.Uri is { } uri && !uris.TryAdd(uri, competency.Id))
            {
                problems.Add(new(ValidationRule.DuplicateId, competency.Id.Value,
                    $"Competency '{competency.Id}' has URI '{uri}', which competency '{uris[uri]}' has too; a URI names one competency."));
            }
        }

        var hierarchy = new List<(int, int)>();
        var prerequisites = new List<(int, int)>();
        var related = new List<(int, int)>();
        var seen = new HashSet<(CompetencyRelationKind, int, int)>();
        var kept = ImmutableArray.CreateBuilder<CompetencyRelation>();
        foreach (var relation in _relations)
        {
            var subject = $"{relation.Source} -> {relation.Target}";
            var known = true;
            foreach (var end in (ReadOnlySpan<CompetencyId>)[relation.Source, relation.Target])
            {
                if (!index.ContainsKey(end))
                {
                    known = false;
                    problems.Add(new(ValidationRule.UnknownReference, subject,
                        $"Relation '{relation}' names competency '{end}', which is not in the framework; add it or remove the relation."));
                }
            }

            if (relation.Source == relation.Target)
            {
                problems.Add(new(ValidationRule.SelfRelation, subject,
                    $"Relation '{relation}' links competency '{relation.Source}' to itself; a relation needs two different competencies."));
                continue;
            }

            if (!known)
            {
                continue;
            }

            var (from, to) = (index[relation.Source], index[relation.Target]);
            var key = relation.Kind == CompetencyRelationKind.RelatedTo ? (relation.Kind, Math.Min(from, to), Math.Max(from, to)) : (relation.Kind, from, to);
            if (!seen.Add(key))
            {
                problems.Add(new(ValidationRule.DuplicateRelation, subject,
                    $"Relation '{relation}' is declared more than once; declare it once."));
                continue;
            }

            kept.Add(relation);
            var list = relation.Kind switch
            {
                CompetencyRelationKind.ParentOf => hierarchy,
                CompetencyRelationKind.PrerequisiteOf => prerequisites,
                _ => related,
            };
            list.Add((from, to));
        }

        var n = unique.Count;
        var children = AdjacencyList.Create(n, hierarchy);
        var dependents = AdjacencyList.Create(n, prerequisites);
        var before = problems.Count;
        ReportCycles(children, unique, ValidationRule.HierarchyCycle, "Hierarchy cycle", "a competency cannot be its own ancestor; remove one of these parent links", problems);
        var hierarchyCycles = problems.Count > before;
        ReportCycles(dependents, unique, ValidationRule.PrerequisiteCycle, "Prerequisite cycle", "no order can satisfy these prerequisites; remove one of these links", problems);
        if (!hierarchyCycles)
        {
            ReportPrerequisitesOfDescendants(hierarchy, prerequisites, unique, problems); // ancestors are defined without a hierarchy cycle
        }

        if (problems.Count > 0)
        {
            return problems.ToImmutable();
        }

        var symmetric = related.Concat(related.Select(e => (e.Item2, e.Item1))).ToList();
        framework = new CompetencyFramework(
            Title,
            [.. unique],
            index,
            kept.ToImmutable(),
            children,
            dependents,
            AdjacencyList.Create(n, symmetric),
            _rootOrder);
        return [];
    }

    /// <summary>Orders the roots (competencies without a parent): those named here first, in this order, then the others
    /// in declaration order. Used by the CASE reader for the document's children.</summary>
    internal CompetencyFrameworkBuilder OrderRoots(IEnumerable<CompetencyId> order)
    {
        _rootOrder.AddRange(order);
        return this;
    }

    // A competency that is a prerequisite of one of its own descendants: the descendant needs it first, and its mastery
    // rolls up from the descendant (a parent is reached through its children), so neither can come first. A cycle
    // through the prerequisite and the hierarchy links together, reported as a prerequisite cycle (fresh review of issue
    // 21: the recommender offered nothing on such a framework while the playlist builder taught the descendant). Each
    // prerequisite link walks up from its dependent through the parents, each ancestor once: O(links × ancestors).
    private static void ReportPrerequisitesOfDescendants(List<(int Parent, int Child)> hierarchy, List<(int From, int To)> prerequisites, List<Competency> competencies,
        ImmutableArray<ValidationProblem>.Builder problems)
    {
        if (hierarchy.Count == 0 || prerequisites.Count == 0)
        {
            return;
        }

        var parents = AdjacencyList.Create(competencies.Count, [.. hierarchy.Select(e => (e.Child, e.Parent))]);
        var seenFor = new int[competencies.Count];
        var pending = new Stack<int>();
        var below = new int[competencies.Count];
        for (var link = 0; link < prerequisites.Count; link++)
        {
            var (prerequisite, dependent) = prerequisites[link];
            pending.Clear();
            pending.Push(dependent);
            seenFor[dependent] = link + 1;
            while (pending.TryPop(out var at))
            {
                foreach (var parent in parents[at])
                {
                    if (seenFor[parent] == link + 1)
                    {
                        continue;
                    }

                    seenFor[parent] = link + 1;
                    below[parent] = at;
                    if (parent == prerequisite)
                    {
                        // The chain of parents from the prerequisite down to the dependent, for the message.
                        var chain = new List<string> { competencies[prerequisite].Id.Value };
                        for (var c = at; c != dependent; c = below[c])
                        {
                            chain.Add(competencies[c].Id.Value);
                        }

                        chain.Add(competencies[dependent].Id.Value);
                        var (p, d) = (competencies[prerequisite].Id, competencies[dependent].Id);
                        problems.Add(new(ValidationRule.PrerequisiteCycle, $"{p} -> {d}",
                            $"Prerequisite cycle through the hierarchy: '{p}' is a prerequisite of '{d}', its descendant ({string.Join(" ⊃ ", chain)}), and a parent's mastery rolls up from its descendants, so neither can come first; remove the prerequisite link or the parent link."));
                        pending.Clear();
                        break;
                    }

                    pending.Push(parent);
                }
            }
        }
    }

    private static void ReportCycles(AdjacencyList graph, List<Competency> competencies, ValidationRule rule, string label, string advice, ImmutableArray<ValidationProblem>.Builder problems)
    {
        foreach (var cycle in GraphAlgorithms.FindCycles(graph))
        {
            var path = string.Join(" -> ", cycle.Select(i => competencies[i].Id.Value));
            problems.Add(new(rule, path, $"{label}: {path}; {advice}."));
        }
    }
}

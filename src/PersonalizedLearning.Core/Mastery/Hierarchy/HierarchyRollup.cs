using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.Hierarchy;

/// <summary>
/// Rolls mastery up a framework's hierarchy: each parent is decided from its children by its <see cref="ParentRule"/>
/// (all children proficient unless told otherwise), and every node gets a <see cref="HierarchyStatus"/>.
/// </summary>
/// <remarks>
/// <para>A competency counts as proficient for its parent when its own level reaches <see cref="ProficientLevel"/> or its
/// own rule holds. A parent is Demonstrated when either holds for it. Rules only ever ask for children to be <em>at
/// least</em> some level, so more proficient children never lower a parent.</para>
/// <para>Rules are compiled against the framework's dense indices once. <see cref="Evaluate"/> computes every node,
/// children before parents; <see cref="Update"/> recomputes only the changed competency and the ancestors whose inputs
/// changed, stopping where nothing changes.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class HierarchyRollup
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>HierarchyRollup { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private const byte AllChildren = 0;
    private const byte PointsKind = 1;
    private const byte CriteriaKind = 2;

    private readonly byte[] _kind;
    private readonly (int Required, int[] Children, int[] Points, bool[] RequiredChild)?[] _points;
    private readonly CompiledCriterion?[] _criteria;
    private readonly int[] _order;
    private readonly int[] _rank;

    /// <summary>Compiles rules against a framework.</summary>
    /// <param name="framework">The competencies and their hierarchy.</param>
    /// <param name="rules">A rule per parent; parents without one need all children proficient.</param>
    /// <param name="proficientLevel">The level at which a competency counts as proficient for its parent.</param>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    /// <exception cref="DefinitionValidationException">A rule is not valid; every problem is listed: an unknown
    /// competency, a rule for a competency without children, a rule that names a non-child, a points total below 1 or
    /// above what the children carry, an empty AND/OR group, a parent with two rules.</exception>
    public HierarchyRollup(CompetencyFramework framework, IEnumerable<KeyValuePair<CompetencyId, ParentRule>>? rules = null, MasteryLevel proficientLevel = MasteryLevel.Proficient)
    {
        ArgumentNullException.ThrowIfNull(framework);
        Framework = framework;
        ProficientLevel = proficientLevel;
        var n = framework.Count;
        _kind = new byte[n];
        _points = new (int, int[], int[], bool[])?[n];
        _criteria = new CompiledCriterion?[n];
        var problems = ImmutableArray.CreateBuilder<ValidationProblem>();
        var seen = new HashSet<CompetencyId>();
        foreach (var (parent, rule) in rules ?? [])
        {
            if (!framework.TryGetIndex(parent, out var p))
            {
                problems.Add(new(ValidationRule.UnknownReference, parent.Value, $"A rule is given for competency '{parent}', which is not in the framework."));
                continue;
            }

            if (!seen.Add(parent))
            {
                problems.Add(new(ValidationRule.DuplicateId, parent.Value, $"Competency '{parent}' has two rules."));
                continue;
            }

            if (framework.ChildIndices(p).IsEmpty)
            {
                problems.Add(new(ValidationRule.NotAChild, parent.Value, $"Competency '{parent}' has no children, so a parent rule cannot apply to it."));
                continue;
            }

            switch (rule)
            {
                case null:
                    problems.Add(new(ValidationRule.MissingValue, parent.Value, $"The rule for competency '{parent}' is null."));
                    break;
                case ParentRule.PointsRule points:
                    CompilePoints(parent, p, points, problems);
                    break;
                case ParentRule.CriteriaRule criteria:
                    _kind[p] = CriteriaKind;
                    _criteria[p] = CompiledCriterion.Compile(criteria.Root, parent, framework, p, problems);
                    break;
                default:
                    _kind[p] = AllChildren;
                    break;
            }
        }

        if (problems.Count > 0)
        {
            throw new DefinitionValidationException("hierarchy rollup", problems.ToImmutable());
        }

        // Children before parents: Kahn's algorithm on child → parent edges (the hierarchy is acyclic).
        _order = new int[n];
        _rank = new int[n];
        var pending = new int[n];
        var queue = new Queue<int>();
        for (var i = 0; i < n; i++)
        {
            pending[i] = framework.ChildIndices(i).Length;
            if (pending[i] == 0)
            {
                queue.Enqueue(i);
            }
        }

        for (var k = 0; queue.TryDequeue(out var node); k++)
        {
            _order[k] = node;
            _rank[node] = k;
            foreach (var parent in framework.ParentIndices(node))
            {
                if (--pending[parent] == 0)
                {
                    queue.Enqueue(parent);
                }
            }
        }
    }

    /// <summary>The framework.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>The level at which a competency counts as proficient.</summary>
    /// <value>Proficient unless given.</value>
    public MasteryLevel ProficientLevel { get; }

    /// <summary>Rolls up every competency from each competency's own level.</summary>
    /// <param name="levels">Each competency's own level (from its own evidence); absent means NotStarted.</param>
    /// <returns>Every competency's status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="levels"/> is null.</exception>
    /// <exception cref="ArgumentException">A competency is not in the framework.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A level is not a defined <see cref="MasteryLevel"/>.</exception>
    public HierarchyRollupResult Evaluate(IEnumerable<KeyValuePair<CompetencyId, MasteryLevel>> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var own = new byte[Framework.Count];
        foreach (var (id, level) in levels)
        {
            own[Index(id)] = Level(level);
        }

        var effective = new byte[own.Length];
        var result = new HierarchyRollupResult(this, own, new bool[own.Length], new byte[own.Length], effective, own.Length);
        foreach (var node in _order)
        {
            Compute(result, node);
        }

        return result;
    }

    /// <summary>Rolls up again after one competency's own level changed, recomputing only what that can change.</summary>
    /// <param name="previous">The result before.</param>
    /// <param name="competency">The competency whose level changed.</param>
    /// <param name="level">Its new own level.</param>
    /// <returns>The new result; <paramref name="previous"/> is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="previous"/> is null.</exception>
    /// <exception cref="ArgumentException">The result comes from another rollup, or the competency is not in the framework.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined <see cref="MasteryLevel"/>.</exception>
    public HierarchyRollupResult Update(HierarchyRollupResult previous, CompetencyId competency, MasteryLevel level)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (!ReferenceEquals(previous.Rollup, this))
        {
            throw new ArgumentException("This result was computed by another hierarchy rollup.", nameof(previous));
        }

        var start = Index(competency);
        var result = previous.Copy();
        result.Own[start] = Level(level);
        var queued = new List<int> { start };
        var work = new PriorityQueue<int, int>();
        work.Enqueue(start, _rank[start]);
        var recomputed = 0;
        while (work.TryDequeue(out var node, out _))
        {
            recomputed++;
            if (!Compute(result, node))
            {
                continue;
            }

            foreach (var parent in Framework.ParentIndices(node))
            {
                // Few nodes are ever queued (a path to the root), so a list beats a bit per competency.
                if (!queued.Contains(parent))
                {
                    queued.Add(parent);
                    work.Enqueue(parent, _rank[parent]);
                }
            }
        }

        result.Recomputed = recomputed;
        return result;
    }

    /// <summary>Why a competency has its status, in words.</summary>
    internal string Explain(HierarchyRollupResult result, int node)
    {
        var own = (MasteryLevel)result.Own[node];
        var children = Framework.ChildIndices(node);
        if (children.IsEmpty)
        {
            return own >= ProficientLevel ? $"own level {own} ≥ {ProficientLevel}" : own > MasteryLevel.NotStarted ? $"own level {own} < {ProficientLevel}" : "no evidence yet";
        }

        var proficient = 0;
        foreach (var c in children)
        {
            proficient += result.Proficient[c] ? 1 : 0;
        }

        var because = _kind[node] switch
        {
            PointsKind => PointsExplanation(result, node),
            CriteriaKind => $"criteria {_criteria[node]} {(_criteria[node]!.Holds(result) ? "hold" : "do not hold")}",
            _ => $"{proficient} of {children.Length} children proficient (needs all)",
        };
        return own >= ProficientLevel ? $"own level {own} ≥ {ProficientLevel}; {because}" : because;
    }

    // Computes a node from its own level and its children; returns whether what its parents read from it changed.
    private bool Compute(HierarchyRollupResult result, int node)
    {
        var own = (MasteryLevel)result.Own[node];
        var ownProficient = own >= ProficientLevel;
        var children = Framework.ChildIndices(node);
        bool proficient;
        HierarchyStatus status;
        if (children.IsEmpty)
        {
            proficient = ownProficient;
            status = proficient ? HierarchyStatus.Demonstrated : own > MasteryLevel.NotStarted ? HierarchyStatus.AttemptedNotDemonstrated : HierarchyStatus.NotAttempted;
        }
        else
        {
            proficient = ownProficient || RuleHolds(result, node, children);
            var attempted = 0;
            foreach (var c in children)
            {
                attempted += result.Status[c] != (byte)HierarchyStatus.NotAttempted ? 1 : 0;
            }

            status = proficient ? HierarchyStatus.Demonstrated
                : attempted == children.Length || own > MasteryLevel.NotStarted ? HierarchyStatus.AttemptedNotDemonstrated
                : attempted > 0 ? HierarchyStatus.PartiallyAttempted
                : HierarchyStatus.NotAttempted;
        }

        var changed = proficient != result.Proficient[node] || (byte)status != result.Status[node] || result.Own[node] != result.EffectiveOwn[node];
        result.Proficient[node] = proficient;
        result.Status[node] = (byte)status;
        result.EffectiveOwn[node] = result.Own[node];
        return changed;
    }

    private bool RuleHolds(HierarchyRollupResult result, int node, ReadOnlySpan<int> children)
    {
        switch (_kind[node])
        {
            case PointsKind:
                var (required, ids, points, requiredChild) = _points[node]!.Value;
                var total = 0;
                for (var k = 0; k < ids.Length; k++)
                {
                    if (result.Proficient[ids[k]])
                    {
                        total += points[k];
                    }
                    else if (requiredChild[k])
                    {
                        return false;
                    }
                }

                return total >= required;
            case CriteriaKind:
                return _criteria[node]!.Holds(result);
            default:
                foreach (var c in children)
                {
                    if (!result.Proficient[c])
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    private string PointsExplanation(HierarchyRollupResult result, int node)
    {
        var (required, ids, points, requiredChild) = _points[node]!.Value;
        var total = 0;
        var missing = new List<string>();
        for (var k = 0; k < ids.Length; k++)
        {
            if (result.Proficient[ids[k]])
            {
                total += points[k];
            }
            else if (requiredChild[k])
            {
                missing.Add($"'{Framework.Competencies[ids[k]].Id}'");
            }
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"points {total} {(total >= required ? "≥" : "<")} {required}");
        return missing.Count == 0 ? $"{text}, every required child proficient" : $"{text}; required child {string.Join(", ", missing)} not proficient";
    }

    private void CompilePoints(CompetencyId parent, int p, ParentRule.PointsRule rule, ImmutableArray<ValidationProblem>.Builder problems)
    {
        var before = problems.Count;
        var ids = new int[rule.Children.Length];
        var seen = new HashSet<CompetencyId>();
        var available = 0;
        for (var k = 0; k < ids.Length; k++)
        {
            var child = rule.Children[k];
            if (!Framework.TryGetIndex(child.Child, out ids[k]) || !Framework.ChildIndices(p).Contains(ids[k]))
            {
                problems.Add(new(ValidationRule.NotAChild, parent.Value, $"The points rule of '{parent}' names '{child.Child}', which is not one of its children."));
            }
            else if (!seen.Add(child.Child))
            {
                problems.Add(new(ValidationRule.DuplicateId, parent.Value, $"The points rule of '{parent}' names child '{child.Child}' twice."));
            }

            if (child.Points < 0)
            {
                problems.Add(new(ValidationRule.OutOfRange, parent.Value, string.Create(CultureInfo.InvariantCulture, $"The points rule of '{parent}' gives child '{child.Child}' {child.Points} points; points must be at least 0.")));
            }
            else
            {
                available += child.Points;
            }
        }

        if (rule.RequiredPoints < 1)
        {
            problems.Add(new(ValidationRule.OutOfRange, parent.Value, string.Create(CultureInfo.InvariantCulture, $"The points rule of '{parent}' requires {rule.RequiredPoints} points; it must require at least 1.")));
        }
        else if (rule.RequiredPoints > available)
        {
            problems.Add(new(ValidationRule.Unsatisfiable, parent.Value, string.Create(CultureInfo.InvariantCulture, $"The points rule of '{parent}' requires {rule.RequiredPoints} points, but its children carry only {available}.")));
        }

        if (problems.Count == before)
        {
            _kind[p] = PointsKind;
            _points[p] = (rule.RequiredPoints, ids, [.. rule.Children.Select(c => c.Points)], [.. rule.Children.Select(c => c.Required)]);
        }
    }

    private static byte Level(MasteryLevel level) => level is >= MasteryLevel.NotStarted and <= MasteryLevel.Mastered
        ? (byte)level
        : throw new ArgumentOutOfRangeException(nameof(level), level, $"A mastery level must be NotStarted … Mastered; got {(int)level}.");

    private int Index(CompetencyId id) => Framework.TryGetIndex(id, out var i) ? i
        : throw new UnknownCompetencyException(id, $"Competency '{id}' is not in the framework.", nameof(id));

    /// <summary>An AND/OR tree over child indices, evaluated left to right with short-circuiting.</summary>
    private sealed class CompiledCriterion
    {
        private readonly bool _isAll;
        private readonly CompiledCriterion[] _parts = [];
        private readonly int _child = -1;
        private readonly MasteryLevel _level;
        private readonly Criterion _source;

        private CompiledCriterion(Criterion source, bool isAll, CompiledCriterion[] parts)
        {
            _source = source;
            _isAll = isAll;
            _parts = parts;
        }

        private CompiledCriterion(Criterion source, int child, MasteryLevel level)
        {
            _source = source;
            _child = child;
            _level = level;
        }

        public static CompiledCriterion? Compile(Criterion? criterion, CompetencyId parent, CompetencyFramework framework, int p, ImmutableArray<ValidationProblem>.Builder problems)
        {
            switch (criterion)
            {
                case Criterion.Threshold t:
                    if (!framework.TryGetIndex(t.ChildId, out var c) || !framework.ChildIndices(p).Contains(c))
                    {
                        problems.Add(new(ValidationRule.NotAChild, parent.Value, $"The criteria of '{parent}' name '{t.ChildId}', which is not one of its children."));
                        return null;
                    }

                    return new CompiledCriterion(t, c, t.Level);
                case Criterion.Group g:
                    if (g.Parts.IsEmpty)
                    {
                        problems.Add(new(ValidationRule.Unsatisfiable, parent.Value, $"The criteria of '{parent}' have an empty {(g.IsAll ? "all" : "any")} group; a group needs at least one part."));
                        return null;
                    }

                    var parts = g.Parts.Select(part => Compile(part, parent, framework, p, problems)).ToArray();
                    return parts.Any(part => part is null) ? null : new CompiledCriterion(g, g.IsAll, parts!);
                default:
                    problems.Add(new(ValidationRule.MissingValue, parent.Value, $"The criteria of '{parent}' contain a null part."));
                    return null;
            }
        }

        public bool Holds(HierarchyRollupResult result)
        {
            if (_child >= 0)
            {
                return (MasteryLevel)result.Own[_child] >= _level || (result.Proficient[_child] && result.Rollup.ProficientLevel >= _level);
            }

            foreach (var part in _parts)
            {
                var holds = part.Holds(result);
                if (holds != _isAll)
                {
                    return holds;
                }
            }

            return _isAll;
        }

        // The rule as written, which Criterion's own ToString already describes.
        public override string ToString() => _source.ToString()!;
    }
}

/// <summary>Every competency's rolled-up status.</summary>
/// <remarks>Immutable to its users and thread-safe.</remarks>
public sealed class HierarchyRollupResult
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>HierarchyRollupResult { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    // Levels and statuses are stored a byte each, so that copying a result for an update stays small.
    internal HierarchyRollupResult(HierarchyRollup rollup, byte[] own, bool[] proficient, byte[] status, byte[] effectiveOwn, int recomputed)
    {
        Rollup = rollup;
        Own = own;
        Proficient = proficient;
        Status = status;
        EffectiveOwn = effectiveOwn;
        Recomputed = recomputed;
    }

    /// <summary>The rollup that computed it.</summary>
    public HierarchyRollup Rollup { get; }

    /// <summary>How many competencies the computation that produced this result evaluated.</summary>
    public int Recomputed { get; internal set; }

    internal byte[] Own { get; }

    internal bool[] Proficient { get; }

    internal byte[] Status { get; }

    // The own level a node was last computed with, so that Compute knows when its parents must look again.
    internal byte[] EffectiveOwn { get; }

    /// <summary>A competency's status.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>Its status.</returns>
    /// <exception cref="ArgumentException">The competency is not in the framework.</exception>
    public HierarchyStatus this[CompetencyId competency] => (HierarchyStatus)Status[IndexOf(competency)];

    /// <summary>Whether a competency counts as proficient for its parents.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>True when its own level or its rule makes it proficient.</returns>
    /// <exception cref="ArgumentException">The competency is not in the framework.</exception>
    public bool IsProficient(CompetencyId competency) => Proficient[IndexOf(competency)];

    /// <summary>Why a competency has its status, such as "3 of 4 children proficient (needs all)".</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentException">The competency is not in the framework.</exception>
    public string Explain(CompetencyId competency) => Rollup.Explain(this, IndexOf(competency));

    internal HierarchyRollupResult Copy()
        => new(Rollup, (byte[])Own.Clone(), (bool[])Proficient.Clone(), (byte[])Status.Clone(), (byte[])EffectiveOwn.Clone(), 0);

    private int IndexOf(CompetencyId competency) => Rollup.Framework.TryGetIndex(competency, out var i) ? i
        : throw new UnknownCompetencyException(competency, $"Competency '{competency}' is not in the framework.", nameof(competency));
}

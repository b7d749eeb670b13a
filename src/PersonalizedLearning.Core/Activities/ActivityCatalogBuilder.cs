using System.Collections.Immutable;

namespace PersonalizedLearning.Activities;

/// <summary>
/// Collects learning activities for a framework, then validates them together and builds an immutable
/// <see cref="ActivityCatalog"/>.
/// </summary>
/// <remarks>
/// <para><see cref="Build"/> reports every problem at once: fields out of range (non-positive or non-finite
/// minutes, difficulty outside [0, 1], alignment weights outside [1e-6, 1]), blank ids or titles, activities aligned to
/// no competency, duplicate activity ids, alignments to competencies the framework does not define, and
/// an activity aligned twice to one competency.</para>
/// <para>Not thread-safe: build on one thread, then share the catalog freely.</para>
/// </remarks>
public sealed class ActivityCatalogBuilder
{
    private readonly List<Draft> _drafts = [];

    /// <summary>Starts an empty catalog for <paramref name="framework"/>.</summary>
    /// <param name="framework">The framework whose competencies the activities align to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    public ActivityCatalogBuilder(Competencies.CompetencyFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        Framework = framework;
    }

    /// <summary>The framework the catalog is validated against.</summary>
    public Competencies.CompetencyFramework Framework { get; }

    /// <summary>What the builder holds so far; culture-invariant.</summary>
    /// <returns>Its framework's title and how many activities it holds, such as <c>ActivityCatalogBuilder for 'Algebra': 3 activities</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"ActivityCatalogBuilder for {(Framework.Title is null ? "an untitled framework" : $"'{Framework.Title}'")}: {_drafts.Count} activities");

    /// <summary>Adds an activity that has already checked its own fields.</summary>
    /// <param name="activity">The activity.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> is null.</exception>
    public ActivityCatalogBuilder Add(LearningActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _drafts.Add(new Draft(activity.Id.Value, activity.Title, activity.Kind, activity.EstimatedMinutes, activity.Alignments, activity.Modality, activity.Difficulty, activity.Topics));
        return this;
    }

    /// <summary>
    /// Adds an activity from raw fields. Nothing is checked now; <see cref="Build"/> checks everything
    /// and reports every problem together, which suits definitions read from files.
    /// </summary>
    /// <param name="id">The activity id.</param>
    /// <param name="title">A short, human-readable name.</param>
    /// <param name="kind">What kind of activity it is.</param>
    /// <param name="estimatedMinutes">How long a typical learner takes, in minutes.</param>
    /// <param name="alignments">The competencies it teaches or assesses, with weights.</param>
    /// <param name="modality">How it is delivered.</param>
    /// <param name="difficulty">Optional difficulty in [0, 1].</param>
    /// <param name="topics">What it is about, matched against learners' interests; null for none.</param>
    /// <returns>This builder.</returns>
    public ActivityCatalogBuilder AddActivity(
        string? id,
        string? title,
        ActivityKind kind,
        double estimatedMinutes,
        IEnumerable<ActivityAlignment>? alignments,
        LearningModality modality = LearningModality.Digital,
        double? difficulty = null,
        IEnumerable<string>? topics = null)
    {
        _drafts.Add(new Draft(id, title, kind, estimatedMinutes, alignments is null ? [] : [.. alignments], modality, difficulty, topics is null ? [] : [.. topics]));
        return this;
    }

    /// <summary>Checks every activity without building the catalog.</summary>
    /// <returns>Every problem found; empty when <see cref="Build"/> would succeed.</returns>
    public ImmutableArray<ValidationProblem> Validate() => Compile(out _);

    /// <summary>Validates every activity and builds the catalog.</summary>
    /// <returns>An immutable catalog, safe to share across threads.</returns>
    /// <exception cref="DefinitionValidationException">One or more activities break a rule; every problem is listed.</exception>
    public ActivityCatalog Build()
    {
        var problems = Compile(out var catalog);
        return problems.IsEmpty ? catalog! : throw new DefinitionValidationException("activity catalog", problems);
    }

    private ImmutableArray<ValidationProblem> Compile(out ActivityCatalog? catalog)
    {
        catalog = null;
        var problems = new List<ValidationProblem>();
        if (_drafts.Count == 0)
        {
            problems.Add(new(ValidationRule.Empty, string.Empty, $"The catalog has no activities; add at least one activity aligned to a competency of the framework{(Framework.Title is null ? string.Empty : $" '{Framework.Title}'")}, or nothing can be recommended or recorded by activity."));
        }

        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var draft in _drafts)
        {
            LearningActivity.CheckFields(draft.Id, draft.Title, draft.Kind, draft.Modality, draft.EstimatedMinutes, draft.Difficulty, draft.Alignments, draft.Topics, problems);
            var subject = draft.Id ?? string.Empty;
            if (draft.Id is not null)
            {
                seenIds[draft.Id] = seenIds.GetValueOrDefault(draft.Id) + 1;
                if (seenIds[draft.Id] == 2)
                {
                    problems.Add(new(ValidationRule.DuplicateId, subject,
                        $"Activity id '{draft.Id}' is declared {_drafts.Count(d => d.Id == draft.Id)} times; each activity needs its own id."));
                }
            }

            foreach (var alignment in draft.Alignments.IsDefault ? [] : draft.Alignments.DistinctBy(a => a.Competency))
            {
                if (!alignment.Competency.IsEmpty && !Framework.Contains(alignment.Competency))
                {
                    problems.Add(new(ValidationRule.UnknownReference, subject,
                        $"Activity '{subject}' is aligned to competency '{alignment.Competency}', which is not in the framework; fix the id or add the competency."));
                }
            }
        }

        if (problems.Count > 0)
        {
            return [.. problems];
        }

        var activities = _drafts
            .Select(d => new LearningActivity(new ActivityId(d.Id!), d.Title!, d.Kind, d.EstimatedMinutes, d.Alignments, d.Modality, d.Difficulty, d.Topics))
            .ToImmutableArray();
        catalog = new ActivityCatalog(Framework, activities);
        return [];
    }

    private sealed record Draft(
        string? Id,
        string? Title,
        ActivityKind Kind,
        double EstimatedMinutes,
        ImmutableArray<ActivityAlignment> Alignments,
        LearningModality Modality,
        double? Difficulty,
        ImmutableArray<string> Topics);
}

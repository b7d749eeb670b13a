using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// Which activities teach best: for each competency of a BKT fit with a learn rate per activity, every activity's learn
/// rate with a bootstrap confidence interval and the evidence it rests on. Made by
/// <see cref="BktActivityEfficacy.Estimate"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; equal when the options and every competency's rows are equal.</remarks>
public sealed class BktEfficacyReport : IEquatable<BktEfficacyReport>
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>BktEfficacyReport { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    internal BktEfficacyReport(ImmutableArray<BktCompetencyEfficacy> competencies, BktEfficacyOptions options)
    {
        Competencies = competencies;
        Options = options;
    }

    /// <summary>Each competency reported, in ordinal order of competency id.</summary>
    public ImmutableArray<BktCompetencyEfficacy> Competencies { get; }

    /// <summary>The options the report was made with.</summary>
    public BktEfficacyOptions Options { get; }

    /// <summary>The report of one competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>Its report.</returns>
    /// <exception cref="UnknownCompetencyException">The competency was not reported.</exception>
    public BktCompetencyEfficacy this[CompetencyId competency]
        => Competencies.FirstOrDefault(c => c.Competency == competency)
            ?? throw new UnknownCompetencyException(competency, $"The efficacy report has no competency '{competency}'.", nameof(competency));

    /// <inheritdoc />
    public bool Equals(BktEfficacyReport? other) => other is not null
        && (ReferenceEquals(this, other) || (Options == other.Options && Competencies.SequenceEqual(other.Competencies)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BktEfficacyReport);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Options, Competencies.Length);
}

/// <summary>
/// The activity-efficacy report of one competency: each activity with a learn rate of its own, best teacher first.
/// </summary>
/// <remarks>Immutable and thread-safe; equal when every value and row is equal.</remarks>
public sealed class BktCompetencyEfficacy : IEquatable<BktCompetencyEfficacy>
{
    internal BktCompetencyEfficacy(CompetencyId competency, ImmutableArray<BktActivityLearnRate> activities, int samples, int notConvergedSamples)
    {
        Competency = competency;
        Activities = activities;
        Samples = samples;
        NotConvergedSamples = notConvergedSamples;
        LowEvidence = [.. activities.Where(a => a.HasLowEvidence)];
        Explanations = Explain(activities, samples, notConvergedSamples, LowEvidence.Length);
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Each activity with a learn rate of its own, by learn rate from highest to lowest (ties by ordinal order of
    /// activity id): the activities that teach best come first; then those whose rate the data do not determine
    /// (<see cref="BktActivityLearnRate.IsDetermined"/>), by activity id.</summary>
    /// <value>Empty when no answer on the competency names an activity.</value>
    public ImmutableArray<BktActivityLearnRate> Activities { get; }

    /// <summary>How many bootstrap samples were refitted.</summary>
    /// <value><see cref="BktEfficacyOptions.Samples"/>, or 0 when the competency has no activities.</value>
    public int Samples { get; }

    /// <summary>How many bootstrap refits stopped at the iteration limit before EM converged.</summary>
    /// <value>0 for a clean report. A refit starts from the fitted parameters, so one stopped early stays closer to them
    /// than its own estimate would, and the intervals come out too narrow; raise
    /// <see cref="BktFitOptions.MaxIterations"/> in the fit.</value>
    public int NotConvergedSamples { get; }

    /// <summary>The activities whose learn rate rests on little evidence (see
    /// <see cref="BktActivityLearnRate.HasLowEvidence"/>), in the order of <see cref="Activities"/>.</summary>
    /// <value>Found once, at construction (the report is immutable), so reading it does not allocate.</value>
    public ImmutableArray<BktActivityLearnRate> LowEvidence { get; }

    /// <summary>What to keep in mind when reading the competency's rows, in words, for a report; empty when nothing.</summary>
    /// <value>Written once, at construction (the report is immutable), so reading it does not allocate.</value>
    public ImmutableArray<string> Explanations { get; }

    private static ImmutableArray<string> Explain(ImmutableArray<BktActivityLearnRate> activities, int samples, int notConvergedSamples, int low)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        if (activities.IsEmpty)
        {
            lines.Add("no answer on it names an activity, so it has no learn rate per activity");
        }

        if (notConvergedSamples > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{notConvergedSamples} of {samples} bootstrap refits stopped at the iteration limit before EM converged, so the intervals may be too narrow; fit with a higher iteration limit"));
        }

        if (low > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{low} of {activities.Length} activities rest on little evidence"));
        }

        return lines.ToImmutable();
    }

    /// <summary>The row of one activity.</summary>
    /// <param name="activity">The activity.</param>
    /// <returns>Its row.</returns>
    /// <exception cref="Activities.UnknownActivityException">The activity has no learn rate of its own on this competency.</exception>
    public BktActivityLearnRate this[ActivityId activity]
        => Activities.FirstOrDefault(a => a.Activity == activity)
            ?? throw new UnknownActivityException(activity, $"Competency '{Competency}' has no learn rate for activity '{activity}'.", nameof(activity));

    /// <inheritdoc />
    public bool Equals(BktCompetencyEfficacy? other) => other is not null
        && (ReferenceEquals(this, other)
            || (Competency == other.Competency && Samples == other.Samples && NotConvergedSamples == other.NotConvergedSamples
                && Activities.SequenceEqual(other.Activities)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BktCompetencyEfficacy);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Competency, Samples, Activities.Length);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Competency}: {Activities.Length} activities, {Samples} bootstrap samples");
}

using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Insights;

/// <summary>How many learners of a class are at each mastery level of one competency.</summary>
/// <remarks>The default value counts no learner for no competency (the empty identifier); an overview never holds it. Immutable and thread-safe.</remarks>
public readonly record struct CompetencyLevelCounts
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal CompetencyLevelCounts(CompetencyId Competency, int NotStarted, int Attempted, int Familiar, int Proficient, int Mastered)
    {
        this.Competency = Competency;
        this.NotStarted = NotStarted;
        this.Attempted = Attempted;
        this.Familiar = Familiar;
        this.Proficient = Proficient;
        this.Mastered = Mastered;
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; internal init; }

    /// <summary>Learners at NotStarted.</summary>
    public int NotStarted { get; internal init; }

    /// <summary>Learners at Attempted.</summary>
    public int Attempted { get; internal init; }

    /// <summary>Learners at Familiar.</summary>
    public int Familiar { get; internal init; }

    /// <summary>Learners at Proficient.</summary>
    public int Proficient { get; internal init; }

    /// <summary>Learners at Mastered.</summary>
    public int Mastered { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="NotStarted">The value of <see cref="NotStarted"/>.</param>
    /// <param name="Attempted">The value of <see cref="Attempted"/>.</param>
    /// <param name="Familiar">The value of <see cref="Familiar"/>.</param>
    /// <param name="Proficient">The value of <see cref="Proficient"/>.</param>
    /// <param name="Mastered">The value of <see cref="Mastered"/>.</param>
    public void Deconstruct(out CompetencyId Competency, out int NotStarted, out int Attempted, out int Familiar, out int Proficient, out int Mastered)
    {
        Competency = this.Competency;
        NotStarted = this.NotStarted;
        Attempted = this.Attempted;
        Familiar = this.Familiar;
        Proficient = this.Proficient;
        Mastered = this.Mastered;
    }

    /// <summary>The count at a level.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not defined.</exception>
    public int this[MasteryLevel level] => level switch
    {
        MasteryLevel.NotStarted => NotStarted,
        MasteryLevel.Attempted => Attempted,
        MasteryLevel.Familiar => Familiar,
        MasteryLevel.Proficient => Proficient,
        MasteryLevel.Mastered => Mastered,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Undefined mastery level."),
    };
}

/// <summary>A learner who keeps working on a competency without mastering it.</summary>
/// <remarks>The default value names no learner and no competency (the empty identifiers), with 0 attempts; an overview never reports it. Immutable and thread-safe.</remarks>
public readonly record struct StuckLearner
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal StuckLearner(LearnerId Learner, CompetencyId Competency, int Attempts, MasteryLevel Level)
    {
        this.Learner = Learner;
        this.Competency = Competency;
        this.Attempts = Attempts;
        this.Level = Level;
    }

    /// <summary>The learner.</summary>
    public LearnerId Learner { get; internal init; }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; internal init; }

    /// <summary>The pieces of evidence on it.</summary>
    public int Attempts { get; internal init; }

    /// <summary>The learner's level of it.</summary>
    public MasteryLevel Level { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learner">The value of <see cref="Learner"/>.</param>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="Attempts">The value of <see cref="Attempts"/>.</param>
    /// <param name="Level">The value of <see cref="Level"/>.</param>
    public void Deconstruct(out LearnerId Learner, out CompetencyId Competency, out int Attempts, out MasteryLevel Level)
    {
        Learner = this.Learner;
        Competency = this.Competency;
        Attempts = this.Attempts;
        Level = this.Level;
    }
}

/// <summary>A class at a glance, as plain data a UI or a report can render: a competency × mastery-level count table,
/// and the learners who are stuck.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record ClassOverview
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal ClassOverview(int Learners, ImmutableArray<CompetencyLevelCounts> Rows, ImmutableArray<StuckLearner> Stuck)
    {
        this.Learners = Learners;
        this.Rows = Rows;
        this.Stuck = Stuck;
    }

    /// <summary>How many learners it covers.</summary>
    public int Learners { get; internal init; }

    /// <summary>One row per competency, in the framework's sequence.</summary>
    public ImmutableArray<CompetencyLevelCounts> Rows { get; internal init; }

    /// <summary>Learners with at least the wheel-spinning number of pieces of evidence on a competency they have not mastered, by learner id then the competency's sequence.</summary>
    public ImmutableArray<StuckLearner> Stuck { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    /// <param name="Rows">The value of <see cref="Rows"/>.</param>
    /// <param name="Stuck">The value of <see cref="Stuck"/>.</param>
    public void Deconstruct(out int Learners, out ImmutableArray<CompetencyLevelCounts> Rows, out ImmutableArray<StuckLearner> Stuck)
    {
        Learners = this.Learners;
        Rows = this.Rows;
        Stuck = this.Stuck;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The overview of a class with no learners yet: a row per competency of the framework, in topological
    /// order, every count 0, nobody stuck.</summary>
    /// <param name="framework">The class's framework.</param>
    /// <returns>The overview.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    public static ClassOverview Empty(CompetencyFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return new ClassOverview(0, [.. framework.TopologicalOrder.Select(c => new CompetencyLevelCounts(c, 0, 0, 0, 0, 0))], []);
    }

    /// <summary>Builds the overview of a class.</summary>
    /// <param name="snapshots">One snapshot per learner, all over one framework; not empty.</param>
    /// <param name="wheelSpinningAttempts">Pieces of evidence without mastery that flag a learner as stuck (Beck and Gong 2013 use 10); at least 1.</param>
    /// <returns>The overview.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or an item is null.</exception>
    /// <exception cref="ArgumentException">There is no snapshot, they are over different frameworks, or a learner appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="wheelSpinningAttempts"/> is below 1.</exception>
    public static ClassOverview Create(IReadOnlyList<MasterySnapshot> snapshots, int wheelSpinningAttempts = StuckRule.DefaultAttempts)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentOutOfRangeException.ThrowIfLessThan(wheelSpinningAttempts, 1);
        if (snapshots.Count == 0)
        {
            throw new ArgumentException("A class overview needs at least one learner.", nameof(snapshots));
        }

        var framework = snapshots[0]?.Framework ?? throw new ArgumentNullException(nameof(snapshots));
        var counts = new int[framework.Count, 5];
        var stuck = new List<(LearnerId Learner, int Rank, StuckLearner Flag)>();
        var seen = new HashSet<LearnerId>();
        foreach (var snapshot in snapshots)
        {
            ArgumentNullException.ThrowIfNull(snapshot, nameof(snapshots));
            if (!snapshot.Framework.Equals(framework))
            {
                throw new ArgumentException($"The snapshot of learner '{snapshot.Learner}' is over a different framework from the first one's.", nameof(snapshots));
            }

            if (!seen.Add(snapshot.Learner))
            {
                throw new ArgumentException($"Learner '{snapshot.Learner}' is listed twice.", nameof(snapshots));
            }

            var touched = snapshot.TouchedIndices;
            for (var k = 0; k < touched.Length; k++)
            {
                counts[touched[k], (int)snapshot.AssessmentAt(k).Level]++;
            }

            // The library's one stuck-learner rule (as NextStepResult.Stuck), in topological order.
            foreach (var k in StuckRule.Positions(snapshot, wheelSpinningAttempts))
            {
                var assessment = snapshot.AssessmentAt(k);
                stuck.Add((snapshot.Learner, framework.TopologicalRank(touched[k]), new StuckLearner(snapshot.Learner, assessment.Competency, assessment.EvidenceCount, assessment.Level)));
            }
        }

        var rows = ImmutableArray.CreateBuilder<CompetencyLevelCounts>(framework.Count);
        foreach (var id in framework.TopologicalOrder)
        {
            var i = framework.IndexOf(id);
            var touchedCount = counts[i, 1] + counts[i, 2] + counts[i, 3] + counts[i, 4] + counts[i, 0];
            rows.Add(new CompetencyLevelCounts(id, snapshots.Count - touchedCount + counts[i, 0], counts[i, 1], counts[i, 2], counts[i, 3], counts[i, 4]));
        }

        stuck.Sort((a, b) => string.CompareOrdinal(a.Learner.Value, b.Learner.Value) is var byLearner && byLearner != 0 ? byLearner : a.Rank.CompareTo(b.Rank));
        return new ClassOverview(snapshots.Count, rows.MoveToImmutable(), [.. stuck.Select(s => s.Flag)]);
    }

    /// <inheritdoc />
    public bool Equals(ClassOverview? other) => other is not null && Learners == other.Learners && SequenceEquality.Equal(Rows, other.Rows) && SequenceEquality.Equal(Stuck, other.Stuck);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learners, SequenceEquality.Hash(Rows), SequenceEquality.Hash(Stuck));
}

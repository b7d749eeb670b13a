using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Insights;

/// <summary>How many learners of a class are at each mastery level of one competency.</summary>
/// <param name="Competency">The competency.</param>
/// <param name="NotStarted">Learners at NotStarted.</param>
/// <param name="Attempted">Learners at Attempted.</param>
/// <param name="Familiar">Learners at Familiar.</param>
/// <param name="Proficient">Learners at Proficient.</param>
/// <param name="Mastered">Learners at Mastered.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct CompetencyLevelCounts(CompetencyId Competency, int NotStarted, int Attempted, int Familiar, int Proficient, int Mastered)
{
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
/// <param name="Learner">The learner.</param>
/// <param name="Competency">The competency.</param>
/// <param name="Attempts">The pieces of evidence on it.</param>
/// <param name="Level">The learner's level of it.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct StuckLearner(LearnerId Learner, CompetencyId Competency, int Attempts, MasteryLevel Level);

/// <summary>A class at a glance, as plain data a UI or a report can render: a competency × mastery-level count table,
/// and the learners who are stuck.</summary>
/// <param name="Learners">How many learners it covers.</param>
/// <param name="Rows">One row per competency, in the framework's sequence.</param>
/// <param name="Stuck">Learners with at least the wheel-spinning number of pieces of evidence on a competency they have
/// not mastered, by learner id then the competency's sequence.</param>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record ClassOverview(int Learners, ImmutableArray<CompetencyLevelCounts> Rows, ImmutableArray<StuckLearner> Stuck)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

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

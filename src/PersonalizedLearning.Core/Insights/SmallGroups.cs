using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Insights;

/// <summary>A small group a teacher can teach together: learners who share the same next competency.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record SmallGroup
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal SmallGroup(CompetencyId Competency, ImmutableArray<LearnerId> Learners)
    {
        this.Competency = Competency;
        this.Learners = Learners;
    }

    /// <summary>The competency they are all ready to learn next.</summary>
    public CompetencyId Competency { get; internal init; }

    /// <summary>The learners, by id (ordinal).</summary>
    public ImmutableArray<LearnerId> Learners { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    public void Deconstruct(out CompetencyId Competency, out ImmutableArray<LearnerId> Learners)
    {
        Competency = this.Competency;
        Learners = this.Learners;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(SmallGroup? other) => other is not null && Competency == other.Competency && SequenceEquality.Equal(Learners, other.Learners);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Competency, SequenceEquality.Hash(Learners));
}

/// <summary>Small groups for a class, and the learners left out of every group.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record SmallGroupPlan
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal SmallGroupPlan(ImmutableArray<SmallGroup> Groups, ImmutableArray<LearnerId> Ungrouped)
    {
        this.Groups = Groups;
        this.Ungrouped = Ungrouped;
    }

    /// <summary>The groups: largest first, then by the competency's place in the framework's sequence.</summary>
    public ImmutableArray<SmallGroup> Groups { get; internal init; }

    /// <summary>Learners in no group (alone on their next competency, or with nothing next), by id.</summary>
    public ImmutableArray<LearnerId> Ungrouped { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Groups">The value of <see cref="Groups"/>.</param>
    /// <param name="Ungrouped">The value of <see cref="Ungrouped"/>.</param>
    public void Deconstruct(out ImmutableArray<SmallGroup> Groups, out ImmutableArray<LearnerId> Ungrouped)
    {
        Groups = this.Groups;
        Ungrouped = this.Ungrouped;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(SmallGroupPlan? other) => other is not null && SequenceEquality.Equal(Groups, other.Groups) && SequenceEquality.Equal(Ungrouped, other.Ungrouped);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceEquality.Hash(Groups), SequenceEquality.Hash(Ungrouped));
}

/// <summary>
/// Forms small groups for a teacher's small-group time: learners who share the same next competency, at most a given
/// number per group, every learner in at most one group.
/// </summary>
/// <remarks>
/// <para>Learners who share a next competency are taken by id (ordinal) and split into the fewest groups of at most
/// <c>maximumSize</c>, as even as possible (7 learners, at most 3: groups of 3, 2 and 2). A group smaller than
/// <c>minimumSize</c> is not formed; its learners are listed as ungrouped. O(n log n) in the number of learners.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class SmallGroups
{
    /// <summary>Forms groups from each learner's next competency, as a recommender or a playlist chose it.</summary>
    /// <param name="framework">The framework the competencies belong to (it orders groups of equal size).</param>
    /// <param name="nextSteps">Each learner once, with their next competency, or null when there is none.</param>
    /// <param name="maximumSize">The most learners per group; at least 1.</param>
    /// <param name="minimumSize">The fewest learners worth a group; in [1, <paramref name="maximumSize"/>].</param>
    /// <returns>The groups and the ungrouped learners.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> or <paramref name="nextSteps"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A learner appears twice, or a competency is not in the framework.</exception>
    public static SmallGroupPlan Form(CompetencyFramework framework, IEnumerable<(LearnerId Learner, CompetencyId? Next)> nextSteps, int maximumSize, int minimumSize = 2)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(nextSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumSize, maximumSize);
        var byCompetency = new Dictionary<int, List<LearnerId>>();
        var ungrouped = new List<LearnerId>();
        var seen = new HashSet<LearnerId>();
        foreach (var (learner, next) in nextSteps)
        {
            if (!seen.Add(learner))
            {
                throw new ArgumentException($"Learner '{learner}' is listed twice; a learner can be in one group only.", nameof(nextSteps));
            }

            if (next is not { } competency)
            {
                ungrouped.Add(learner);
                continue;
            }

            if (!framework.TryGetIndex(competency, out var index))
            {
                throw new UnknownCompetencyException(competency, $"Learner '{learner}' has next competency '{competency}', which is not in framework '{framework.Title}'.", nameof(nextSteps));
            }

            (byCompetency.TryGetValue(index, out var list) ? list : byCompetency[index] = []).Add(learner);
        }

        var groups = new List<(int Competency, ImmutableArray<LearnerId> Learners)>();
        foreach (var (competency, learners) in byCompetency)
        {
            learners.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
            var count = (learners.Count + maximumSize - 1) / maximumSize;
            var start = 0;
            for (var g = 0; g < count; g++)
            {
                // Even split: the first (n mod count) groups take one more.
                var size = (learners.Count / count) + (g < learners.Count % count ? 1 : 0);
                if (size >= minimumSize)
                {
                    groups.Add((competency, [.. learners.GetRange(start, size)]));
                }
                else
                {
                    ungrouped.AddRange(learners.GetRange(start, size));
                }

                start += size;
            }
        }

        groups.Sort((a, b) => a.Learners.Length != b.Learners.Length ? b.Learners.Length.CompareTo(a.Learners.Length)
            : a.Competency != b.Competency ? framework.TopologicalRank(a.Competency).CompareTo(framework.TopologicalRank(b.Competency))
            : string.CompareOrdinal(a.Learners[0].Value, b.Learners[0].Value));
        ungrouped.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
        return new SmallGroupPlan([.. groups.Select(g => new SmallGroup(framework.Competencies[g.Competency].Id, g.Learners))], [.. ungrouped]);
    }

    /// <summary>Forms groups from mastery snapshots, each learner's next competency being the first of their frontier in
    /// the framework's sequence.</summary>
    /// <param name="snapshots">One snapshot per learner, all over one framework.</param>
    /// <param name="maximumSize">The most learners per group; at least 1.</param>
    /// <param name="minimumSize">The fewest learners worth a group; in [1, <paramref name="maximumSize"/>].</param>
    /// <returns>The groups and the ungrouped learners.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or an item is null.</exception>
    /// <exception cref="ArgumentException">The snapshots are over different frameworks, or a learner appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static SmallGroupPlan FormByFrontier(IReadOnlyList<MasterySnapshot> snapshots, int maximumSize, int minimumSize = 2)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
        {
            return new SmallGroupPlan([], []);
        }

        var framework = snapshots[0]?.Framework ?? throw new ArgumentNullException(nameof(snapshots));
        var next = new (LearnerId, CompetencyId?)[snapshots.Count];
        for (var i = 0; i < snapshots.Count; i++)
        {
            var snapshot = snapshots[i] ?? throw new ArgumentNullException(nameof(snapshots));
            if (!snapshot.Framework.Equals(framework))
            {
                throw new ArgumentException($"The snapshot of learner '{snapshot.Learner}' is over a different framework from the first one's.", nameof(snapshots));
            }

            var frontier = snapshot.FrontierIndices;
            next[i] = (snapshot.Learner, frontier.IsEmpty ? (CompetencyId?)null : framework.Competencies[frontier[0]].Id);
        }

        return Form(framework, next, maximumSize, minimumSize);
    }
}

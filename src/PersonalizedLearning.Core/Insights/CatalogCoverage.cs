using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Insights;

/// <summary>What <see cref="CatalogCoverage.Analyze"/> asks of the catalog.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record CatalogCoverageOptions
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates options.</summary>
    /// <param name="kinds">The kinds of activity every competency on a path needs; default: practice, assessment and
    /// project (the three a personalized pathway cannot do without: learn by doing, show mastery, apply it). Each once.</param>
    /// <param name="modalities">The modalities every competency on a path needs (an activity of any kind in each);
    /// default: none.</param>
    /// <param name="soonWithin">A learner reaches a competency soon when at most this many layers of unmastered
    /// prerequisites stand before it (0: it is on their frontier now); in [0, 1000]. Default 2.</param>
    /// <param name="includeParents">Whether a competency with children in the hierarchy (a strand, a cluster) is reported
    /// too; default false: a container is learned through its children, and activities are built for those.</param>
    /// <exception cref="ArgumentOutOfRangeException">A kind or a modality is not defined or is listed twice, or
    /// <paramref name="soonWithin"/> is out of range: one exception for every problem, whose
    /// <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message names each bad parameter,
    /// its rule and the value given.</exception>
    public CatalogCoverageOptions(ImmutableArray<ActivityKind> kinds = default, ImmutableArray<LearningModality> modalities = default, int soonWithin = 2, bool includeParents = false)
    {
        kinds = kinds.IsDefault ? [ActivityKind.Practice, ActivityKind.Assessment, ActivityKind.Project] : kinds;
        modalities = modalities.OrEmpty();
        var problems = new OptionProblems("catalog-coverage options");
        foreach (var kind in kinds)
        {
            problems.Require(Enum.IsDefined(kind), nameof(kinds), "every activity kind must be defined", kind);
        }

        problems.RequireEachOnce(kinds, nameof(kinds), "every activity kind must be listed once");

        foreach (var modality in modalities)
        {
            problems.Require(Enum.IsDefined(modality), nameof(modalities), "every modality must be defined", modality);
        }

        problems.RequireEachOnce(modalities, nameof(modalities), "every modality must be listed once");

        problems.Require(soonWithin is >= 0 and <= 1000, nameof(soonWithin), "the soon-within layers must be in [0, 1000]", soonWithin);
        problems.ThrowIfAny();
        Kinds = kinds;
        Modalities = modalities;
        SoonWithin = soonWithin;
        IncludeParents = includeParents;
    }

    /// <summary>The defaults: practice, assessment and project; no modality; soon within 2 layers.</summary>
    public static CatalogCoverageOptions Default { get; } = new();

    /// <summary>The kinds of activity every competency on a path needs, in the order given.</summary>
    public ImmutableArray<ActivityKind> Kinds { get; }

    /// <summary>The modalities every competency on a path needs, in the order given.</summary>
    public ImmutableArray<LearningModality> Modalities { get; }

    /// <summary>How many layers of unmastered prerequisites may stand before a competency a learner reaches soon.</summary>
    public int SoonWithin { get; }

    /// <summary>Whether competencies with children in the hierarchy are reported.</summary>
    public bool IncludeParents { get; }

    /// <inheritdoc />
    public bool Equals(CatalogCoverageOptions? other) =>
        other is not null && SequenceEquality.Equal(Kinds, other.Kinds) && SequenceEquality.Equal(Modalities, other.Modalities) && SoonWithin == other.SoonWithin && IncludeParents == other.IncludeParents;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceEquality.Hash(Kinds), SequenceEquality.Hash(Modalities), SoonWithin);
}

/// <summary>A competency on learners' paths that the catalog does not cover as asked.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CoverageGap
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal CoverageGap(CompetencyId Competency, ImmutableArray<ActivityKind> MissingKinds, ImmutableArray<LearningModality> MissingModalities, int LearnersSoon, int LearnersOnPath)
    {
        this.Competency = Competency;
        this.MissingKinds = MissingKinds;
        this.MissingModalities = MissingModalities;
        this.LearnersSoon = LearnersSoon;
        this.LearnersOnPath = LearnersOnPath;
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; internal init; }

    /// <summary>The needed kinds no activity aligned to it has, in the options' order.</summary>
    public ImmutableArray<ActivityKind> MissingKinds { get; internal init; }

    /// <summary>The needed modalities no activity aligned to it has, in the options' order.</summary>
    public ImmutableArray<LearningModality> MissingModalities { get; internal init; }

    /// <summary>How many learners reach it soon (<see cref="CatalogCoverageOptions.SoonWithin"/>).</summary>
    public int LearnersSoon { get; internal init; }

    /// <summary>How many learners have it on their path at all.</summary>
    public int LearnersOnPath { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="MissingKinds">The value of <see cref="MissingKinds"/>.</param>
    /// <param name="MissingModalities">The value of <see cref="MissingModalities"/>.</param>
    /// <param name="LearnersSoon">The value of <see cref="LearnersSoon"/>.</param>
    /// <param name="LearnersOnPath">The value of <see cref="LearnersOnPath"/>.</param>
    public void Deconstruct(out CompetencyId Competency, out ImmutableArray<ActivityKind> MissingKinds, out ImmutableArray<LearningModality> MissingModalities, out int LearnersSoon, out int LearnersOnPath)
    {
        Competency = this.Competency;
        MissingKinds = this.MissingKinds;
        MissingModalities = this.MissingModalities;
        LearnersSoon = this.LearnersSoon;
        LearnersOnPath = this.LearnersOnPath;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(CoverageGap? other) =>
        other is not null && Competency == other.Competency && SequenceEquality.Equal(MissingKinds, other.MissingKinds)
        && SequenceEquality.Equal(MissingModalities, other.MissingModalities) && LearnersSoon == other.LearnersSoon && LearnersOnPath == other.LearnersOnPath;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Competency, SequenceEquality.Hash(MissingKinds), SequenceEquality.Hash(MissingModalities), LearnersSoon, LearnersOnPath);
}

/// <summary>The catalog coverage report: what a curriculum team should build first.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CatalogCoverageReport
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal CatalogCoverageReport(ImmutableArray<CoverageGap> Gaps, int CompetenciesOnPaths, int Learners, CatalogCoverageOptions Options)
    {
        this.Gaps = Gaps;
        this.CompetenciesOnPaths = CompetenciesOnPaths;
        this.Learners = Learners;
        this.Options = Options;
    }

    /// <summary>The uncovered competencies on learners' paths, most urgent first: by learners reaching it soon, then by learners with it on their path, then in the framework's topological order.</summary>
    public ImmutableArray<CoverageGap> Gaps { get; internal init; }

    /// <summary>How many competencies are on at least one learner's path.</summary>
    public int CompetenciesOnPaths { get; internal init; }

    /// <summary>How many learners were read.</summary>
    public int Learners { get; internal init; }

    /// <summary>What was asked of the catalog.</summary>
    public CatalogCoverageOptions Options { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Gaps">The value of <see cref="Gaps"/>.</param>
    /// <param name="CompetenciesOnPaths">The value of <see cref="CompetenciesOnPaths"/>.</param>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    /// <param name="Options">The value of <see cref="Options"/>.</param>
    public void Deconstruct(out ImmutableArray<CoverageGap> Gaps, out int CompetenciesOnPaths, out int Learners, out CatalogCoverageOptions Options)
    {
        Gaps = this.Gaps;
        CompetenciesOnPaths = this.CompetenciesOnPaths;
        Learners = this.Learners;
        Options = this.Options;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(CatalogCoverageReport? other) =>
        other is not null && SequenceEquality.Equal(Gaps, other.Gaps) && CompetenciesOnPaths == other.CompetenciesOnPaths && Learners == other.Learners && Options.Equals(other.Options);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceEquality.Hash(Gaps), CompetenciesOnPaths, Learners, Options);
}

/// <summary>
/// The catalog coverage report: competencies on learners' paths with no activity of a needed kind (practice,
/// assessment, project) or modality, weighted by how many learners will reach them soon.
/// </summary>
/// <remarks>
/// <para><b>Paths.</b> A learner's path is their unmastered goals and every unmastered prerequisite and child of them,
/// direct or indirect (a parent is reached through its children; what a playlist to those goals must teach); a learner without goals has every unmastered competency on
/// their path (the framework is their course). A competency's depth for a learner is 0 when no unmastered
/// prerequisite stands before it, otherwise one more than the deepest unmastered prerequisite; the learner reaches it
/// soon when the depth is at most <see cref="CatalogCoverageOptions.SoonWithin"/>.</para>
/// <para><b>Coverage.</b> An activity covers a competency when it is aligned to it (any weight,
/// <see cref="LearningActivity.IsAlignedTo"/>); a kind is missing when no covering activity is of that kind, a modality
/// when no covering activity has it. Alignment to a child in the hierarchy does not cover the parent; a parent is
/// reported only with <see cref="CatalogCoverageOptions.IncludeParents"/> (it counts on paths either way).</para>
/// <para>O(L·(n + e) + a) for L learners, a framework of n competencies and e prerequisite links, and a alignments.
/// Stateless and thread-safe.</para>
/// </remarks>
public static class CatalogCoverage
{
    /// <summary>Finds the gaps: see the remarks of <see cref="CatalogCoverage"/>.</summary>
    /// <param name="catalog">The catalog (and through it, the framework).</param>
    /// <param name="learners">Each learner once: their mastery and their goals (default or empty: none).</param>
    /// <param name="options">What the catalog should have; <see cref="CatalogCoverageOptions.Default"/> when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="learners"/> or a snapshot is null.</exception>
    /// <exception cref="ArgumentException">A snapshot is over another framework, a learner is listed twice, or a goal is
    /// not in the framework.</exception>
    public static CatalogCoverageReport Analyze(ActivityCatalog catalog, IEnumerable<(MasterySnapshot Mastery, ImmutableArray<LearningGoal> Goals)> learners, CatalogCoverageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(learners);
        options ??= CatalogCoverageOptions.Default;
        var framework = catalog.Framework;
        var n = framework.Count;
        var order = framework.TopologicalOrder.Select(framework.IndexOf).ToArray();
        var prerequisites = Enumerable.Range(0, n).Select(i => framework.GetPrerequisites(framework.Competencies[i].Id).Select(framework.IndexOf).ToArray()).ToArray();
        var soon = new int[n];
        var onPath = new int[n];
        var depth = new int[n];
        var needed = new bool[n];
        var seen = new HashSet<LearnerId>();
        var count = 0;
        foreach (var (mastery, goals) in learners)
        {
            ArgumentNullException.ThrowIfNull(mastery, nameof(learners));
            if (!framework.Equals(mastery.Framework))
            {
                throw new ArgumentException($"The mastery of learner '{mastery.Learner}' was taken over a different framework from the catalog's.", nameof(learners));
            }

            if (!seen.Add(mastery.Learner))
            {
                throw new ArgumentException($"Learner '{mastery.Learner}' is listed twice.", nameof(learners));
            }

            count++;
            Array.Clear(needed);
            if (goals.IsDefaultOrEmpty)
            {
                Array.Fill(needed, true);
            }
            else
            {
                var roots = new int[goals.Length];
                for (var g = 0; g < goals.Length; g++)
                {
                    if (!framework.Contains(goals[g].Competency))
                    {
                        throw new UnknownCompetencyException(goals[g].Competency, $"Learner '{mastery.Learner}' has a goal for competency '{goals[g].Competency}', which is not in framework '{framework.Title}'.", nameof(learners));
                    }

                    roots[g] = framework.IndexOf(goals[g].Competency);
                }

                // The goals and their unmastered prerequisites and children: the walk a playlist to them takes (GoalPaths).
                foreach (var (_, c) in GoalPaths.Walk(mastery, roots))
                {
                    needed[c] = true;
                }
            }

            foreach (var c in order)
            {
                if (!needed[c] || mastery.IsMasteredIndex(c))
                {
                    continue;
                }

                var d = 0;
                foreach (var p in prerequisites[c])
                {
                    if (!mastery.IsMasteredIndex(p))
                    {
                        d = Math.Max(d, depth[p] + 1);
                    }
                }

                depth[c] = d;
                onPath[c]++;
                if (d <= options.SoonWithin)
                {
                    soon[c]++;
                }
            }
        }

        var gaps = new List<(int Index, CoverageGap Gap)>();
        var onPaths = 0;
        for (var c = 0; c < n; c++)
        {
            if (onPath[c] == 0)
            {
                continue;
            }

            onPaths++;
            if (!options.IncludeParents && !framework.GetChildren(framework.Competencies[c].Id).IsEmpty)
            {
                continue;
            }

            var covering = catalog.GetActivitiesFor(framework.Competencies[c].Id);
            var kinds = options.Kinds.Where(k => !covering.Any(a => a.Kind == k)).ToImmutableArray();
            var modalities = options.Modalities.Where(m => !covering.Any(a => a.Modality == m)).ToImmutableArray();
            if (kinds.Length + modalities.Length > 0)
            {
                gaps.Add((c, new CoverageGap(framework.Competencies[c].Id, kinds, modalities, soon[c], onPath[c])));
            }
        }

        var ranked = gaps
            .OrderByDescending(g => g.Gap.LearnersSoon)
            .ThenByDescending(g => g.Gap.LearnersOnPath)
            .ThenBy(g => framework.TopologicalRank(g.Index))
            .Select(g => g.Gap)
            .ToImmutableArray();
        return new CatalogCoverageReport(ranked, onPaths, count, options);
    }
}

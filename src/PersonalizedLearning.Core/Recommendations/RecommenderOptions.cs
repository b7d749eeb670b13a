using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Recommendations;

/// <summary>How <see cref="AdaptiveRecommender"/> weighs its signals and when it remediates or flags a learner.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record RecommenderOptions
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>RecommenderOptions { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates options.</summary>
    /// <param name="weights">The weight of each signal, each finite and ≥ 0, at least one above 0; null for <see cref="RecommendationSignals.DefaultWeights"/>.</param>
    /// <param name="targetSuccess">The success rate practice should aim at, in (0, 1); 0.75 unless given (Pelánek's adaptive practice aims at 0.7–0.8).</param>
    /// <param name="urgencyHorizonDays">A goal due this many days ahead or later has urgency 0, one due now urgency 1; greater than 0.</param>
    /// <param name="remediateAfterFailures">Failures in a row on a competency (with no evidence on its prerequisites in
    /// between) after which its weakest prerequisite is offered; at least 1. A failed checkpoint (an
    /// <see cref="Activities.ActivityKind.Assessment"/>) in the run brings remediation at once, whatever this count, as in
    /// the playlist (one remediation rule).</param>
    /// <param name="passingScore">Evidence that scores below this is a failure, by the library's one rule
    /// (<see cref="EvidenceOutcome.Passes"/>); in (0, 1], <see cref="EvidenceOutcome.DefaultPassingScore"/> unless given.</param>
    /// <param name="wheelSpinningAttempts">Pieces of evidence on a competency without mastering it after which the learner is flagged as stuck (Beck and Gong 2013 use 10); at least 1.</param>
    /// <param name="recentWindow">An activity among the last this many pieces of evidence has novelty 0; at least 0.</param>
    /// <param name="historyLimit">Only the last this many pieces of the request's history are read; at least 1, and at
    /// least <paramref name="remediateAfterFailures"/>, so that the history read can hold the run of failures that
    /// remediates. A playlist reads its request's history the same way (<c>PlaylistOptions.HistoryLimit</c>, same
    /// default, 100).</param>
    /// <param name="goalPathsFirst">When true (the default), a learner with goals is offered what is on the way to a goal
    /// (a goal, an unmastered prerequisite of one, a remediation or review serving one) before anything else, whatever
    /// the scores, except that a due review of a prerequisite (not itself a goal) whose recall is still at least 0.8 waits
    /// behind learning on the way; when false, goal relevance is only one weighted signal.</param>
    /// <param name="stretch">When true, a competency on the way to a goal whose prerequisites are each mastered or
    /// proficient, but not all mastered, is a candidate too (<see cref="RecommendationPurpose.Stretch"/>), until it has
    /// failed <paramref name="remediateAfterFailures"/> times in a row. False by default: in the robust evaluation
    /// matrix (benchmarks/README.md) it saved steps only where learning before the prerequisites is merely slower
    /// (soft-gated BKT), and cost many where prerequisites really gate (a logistic PFA ground truth).</param>
    /// <param name="wheelSpinningDetour">When true (the default), right after a step on a competency the learner is stuck
    /// on without progress (at least <paramref name="wheelSpinningAttempts"/> pieces, not mastered, below Familiar), the
    /// next step goes to anything else first: what blocks the learner may be a prerequisite the framework does not
    /// name. Not when the only other candidates are reviews, which cannot teach it. The robust evaluation matrix
    /// measures it (benchmarks/README.md).</param>
    /// <param name="goalPathsOnly">When true, a learner with goals is offered only what is on the way to a goal (as with
    /// <paramref name="goalPathsFirst"/>), nothing off it, except on a wheel-spinning detour (<paramref name="wheelSpinningDetour"/>:
    /// what blocks a stuck learner may be a prerequisite the framework does not name): a goal-directed product, such as
    /// exam preparation, or a course limited to its goals. On the way are the goal's unmastered prerequisites and, since a
    /// parent is reached through its children, its unmastered children, transitively (all of a parent's children: the
    /// recommender reads no parent rule), so a goal on a parent without activities of its own gives steps on its
    /// children. With every goal mastered the recommendation is then empty; so it is when all that is left on the way has
    /// no activity (a parent without one of its own whose children are all mastered). Independent of
    /// <paramref name="goalPathsFirst"/>, which orders what is offered while this limits it: with both, what is on the way
    /// comes in its tiers; with <paramref name="goalPathsFirst"/> false, what is on the way is ranked by score alone (a due
    /// review of a prerequisite is not held behind learning), as a request at <see cref="Sequencing.AgencyLevel.Guided"/>
    /// or <see cref="Sequencing.AgencyLevel.Choice"/> is kept on the way whatever <paramref name="goalPathsFirst"/> says.
    /// False by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range, or <paramref name="historyLimit"/> is
    /// below <paramref name="remediateAfterFailures"/> (each valid alone): one exception for every problem, whose
    /// <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message names each bad parameter,
    /// its rule and the value given.</exception>
    public RecommenderOptions(
        RecommendationSignals? weights = null,
        double targetSuccess = 0.75,
        double urgencyHorizonDays = 28,
        int remediateAfterFailures = 3,
        double passingScore = EvidenceOutcome.DefaultPassingScore,
        int wheelSpinningAttempts = StuckRule.DefaultAttempts,
        int recentWindow = 3,
        int historyLimit = RemediationRule.DefaultHistoryLimit,
        bool goalPathsFirst = true,
        bool stretch = false,
        bool wheelSpinningDetour = true,
        bool goalPathsOnly = false)
    {
        var w = weights ?? RecommendationSignals.DefaultWeights;
        var problems = new OptionProblems("recommender options");
        for (var i = 0; i < RecommendationSignals.Count; i++)
        {
            problems.Require(w[i] >= 0 && double.IsFinite(w[i]), nameof(weights), $"the weight of {RecommendationSignals.Names[i]} must be a finite number ≥ 0", w[i]);
        }

        problems.Require(w.Sum > 0, nameof(weights), "at least one signal weight must be greater than 0", w.Sum);
        problems.Require(targetSuccess > 0 && targetSuccess < 1, nameof(targetSuccess), "the target success must be in (0, 1)", targetSuccess);
        problems.Require(urgencyHorizonDays > 0 && double.IsFinite(urgencyHorizonDays), nameof(urgencyHorizonDays), "the urgency horizon must be a finite number of days greater than 0", urgencyHorizonDays);
        problems.Require(remediateAfterFailures >= 1, nameof(remediateAfterFailures), "remediation needs at least 1 failure", remediateAfterFailures);
        EvidenceOutcome.CheckPassingScore(ref problems, passingScore, nameof(passingScore));
        problems.Require(wheelSpinningAttempts >= 1, nameof(wheelSpinningAttempts), "wheel-spinning needs at least 1 attempt", wheelSpinningAttempts);
        problems.Require(recentWindow >= 0, nameof(recentWindow), "the recent window must be at least 0", recentWindow);
        RemediationRule.CheckHistoryLimit(ref problems, historyLimit, remediateAfterFailures);
        problems.ThrowIfAny();
        Weights = w;
        TargetSuccess = targetSuccess;
        UrgencyHorizonDays = urgencyHorizonDays;
        RemediateAfterFailures = remediateAfterFailures;
        PassingScore = passingScore;
        WheelSpinningAttempts = wheelSpinningAttempts;
        RecentWindow = recentWindow;
        HistoryLimit = historyLimit;
        GoalPathsFirst = goalPathsFirst;
        Stretch = stretch;
        WheelSpinningDetour = wheelSpinningDetour;
        GoalPathsOnly = goalPathsOnly;
    }

    /// <summary>The defaults.</summary>
    public static RecommenderOptions Default { get; } = new();

    /// <summary>The weight of each signal.</summary>
    public RecommendationSignals Weights { get; }

    /// <summary>The success rate practice aims at.</summary>
    /// <value>0.75 unless given.</value>
    public double TargetSuccess { get; }

    /// <summary>Days ahead at which a goal's urgency reaches 0.</summary>
    /// <value>28 unless given.</value>
    public double UrgencyHorizonDays { get; }

    /// <summary>Failures in a row on a competency, with no evidence on its prerequisites since, after which its weakest
    /// prerequisite is offered; a failed checkpoint in the run brings it at once.</summary>
    /// <value>3 unless given.</value>
    public int RemediateAfterFailures { get; }

    /// <summary>Evidence scoring below this is a failure (<see cref="EvidenceOutcome.Passes"/>).</summary>
    /// <value><see cref="EvidenceOutcome.DefaultPassingScore"/> (0.6) unless given.</value>
    public double PassingScore { get; }

    /// <summary>Pieces of evidence without mastery after which a learner is flagged as stuck on a competency.</summary>
    /// <value>10 unless given.</value>
    public int WheelSpinningAttempts { get; }

    /// <summary>An activity among the last this many pieces of evidence is not new.</summary>
    /// <value>3 unless given.</value>
    public int RecentWindow { get; }

    /// <summary>How much of the request's history is read, from the end.</summary>
    /// <value>100 unless given.</value>
    public int HistoryLimit { get; }

    /// <summary>Whether what is on the way to a goal comes before anything else, whatever the scores.</summary>
    /// <value>True unless given.</value>
    public bool GoalPathsFirst { get; }

    /// <summary>Whether competencies on the way to a goal whose prerequisites are nearly mastered are candidates too.</summary>
    /// <value>False unless given.</value>
    public bool Stretch { get; }

    /// <summary>Whether, right after a step on a competency the learner is stuck on without progress, the next step goes elsewhere first.</summary>
    /// <value>True unless given.</value>
    public bool WheelSpinningDetour { get; }

    /// <summary>Whether a learner with goals is offered only what is on the way to a goal: its unmastered prerequisites
    /// and children, transitively (a parent is reached through its children).</summary>
    /// <value>False unless given.</value>
    public bool GoalPathsOnly { get; }
}

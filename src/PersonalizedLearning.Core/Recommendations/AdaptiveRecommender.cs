using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Recommendations;

/// <summary>
/// The adaptive next-step recommender: candidates from the learner's frontier, due reviews and remediation, scored by
/// named signals, returned as diverse choices or a single best step, each with its reasons.
/// </summary>
/// <remarks>
/// <para><b>Candidates.</b> A competency is a candidate when it is on the frontier (not mastered, every prerequisite
/// mastered: <see cref="RecommendationPurpose.Learn"/>); when it is mastered, every prerequisite is mastered, and the
/// request lists it as due for review (<see cref="RecommendationPurpose.Review"/>; a due competency on the frontier
/// stays Learn and gets the review signal); or when it is the weakest prerequisite (lowest estimate, then earliest in
/// topological order) of a competency that is not mastered and whose current run of failures in the history read holds
/// a failed checkpoint (an <see cref="ActivityKind.Assessment"/>) or at least
/// <see cref="RecommenderOptions.RemediateAfterFailures"/> failures (<see cref="RecommendationPurpose.Remediate"/>, whatever the state of its own prerequisites). A run of failures ends,
/// going back in time, at a success on the competency or at any evidence on one of its prerequisites, so that after a
/// remediation step failures must pile up again before the next; when the run was closed by a success on a prerequisite
/// that came between failures on the competency, it takes twice the
/// failures (whatever that prerequisite piece was: a remediation, a review or the learner's own pick, it showed the
/// prerequisite known). With <see cref="RecommenderOptions.Stretch"/> (off by default), a competency on the way to a goal, not mastered, whose
/// prerequisites are each mastered or proficient (and not all mastered), and which is a dependent of a proficient
/// frontier competency, is a candidate too (<see cref="RecommendationPurpose.Stretch"/>) until its run of failures
/// reaches <see cref="RecommenderOptions.RemediateAfterFailures"/>. Evidence fails when it scores below
/// <see cref="RecommenderOptions.PassingScore"/>; evidence on an activity counts for every competency the activity is
/// aligned to. The activities of a candidate are those aligned to it that pass the request's filter.</para>
/// <para><b>Prerequisites that gate weakly.</b> With <see cref="NextStepRequest.PrerequisiteGating"/> (what logs across
/// learners show of how strongly each link gates, <see cref="Mastery.KnowledgeTracing.PrerequisiteGatingEstimator"/>),
/// a competency on the way to a goal may be started before an unmastered prerequisite, when that is quicker by the
/// evidence: mastering takes about 1 / T steps to learn at rate T and then c answers to confirm (c, the mastery
/// policy's minimum evidence), so with the link's factor f (its lower bound) starting now takes 1 / (f·T) + c steps, and
/// learning the prerequisite first (n + 1)·(1 / T + c), n counting the unmastered competencies of the prerequisite's
/// closure; it is started when n·(1 + c·T) &gt; 1 / f − 1 (T the link's ready rate). The skipped prerequisite and its
/// closure are then not on the way; once every unmastered prerequisite of a competency is skipped it is a candidate
/// (<see cref="RecommendationPurpose.Shortcut"/>, on the way). Its failures remediate only after about as many answers as
/// learning at f·T takes and the answers that confirm it (⌈1 / (f·T)⌉ + c, at most 10 × <see cref="RecommenderOptions.RemediateAfterFailures"/>); and a
/// learner who has answered that often on any competency without mastering it, while lacking a prerequisite whose link
/// is weak, is gated by their prerequisites whatever the class shows: no shortcut is taken for them until that
/// prerequisite is mastered. The robust evaluation matrix measures it (benchmarks/README.md).</para>
/// <para><b>Score.</b> The weighted mean of the <see cref="RecommendationSignals"/>, Σ wᵢ·sᵢ ÷ Σ wᵢ, in [0, 1]. Need is
/// 1 for remediation (the failures show it), and a remediated prerequisite is on the way to the goal of the competency
/// it serves; so is a due review of a goal, or of a direct prerequisite of a goal or of a competency on the way to one.
/// A goal's urgency is 1 − (days to its date ÷ the horizon), clamped to [0, 1].</para>
/// <para><b>On the way to a goal.</b> The goal, unless mastered, and, transitively, every unmastered prerequisite and
/// every unmastered child of a competency on the way: a parent is reached through its children (its mastery is rolled
/// up from them, and it often has no activity of its own), all of them, as the default parent rule (all children
/// proficient) needs. The playlist builder's required set is the same walk.</para>
/// <para><b>Order.</b> Candidates come in tiers, and a lower tier always comes first, whatever the scores: with
/// <see cref="RecommenderOptions.GoalPathsFirst"/> (the default), what is on the way to a goal, then due reviews that
/// serve a goal only as prerequisites (not goals themselves) and whose recall is still at least 0.8, then anything else.
/// Being due on the calendar is weak evidence that a prerequisite is forgotten: while something on the way can be
/// learned, that comes first, and a dependent that keeps failing calls for the prerequisite through remediation anyway;
/// below 0.8 (twice the forgetting FSRS's default desired retention of 0.9 accepts) the review is plausibly needed and
/// takes its place on the way. And, with <see cref="RecommenderOptions.WheelSpinningDetour"/> (the default), right after a step on a competency the
/// learner is stuck on without progress (stuck, see below, and still below Familiar), learning any competency so stuck
/// comes last (wheel-spinning, Beck and Gong 2013: one step elsewhere first, which may teach a prerequisite the
/// framework does not name), unless nothing else can be learned or remediated (a candidate other than a review with an
/// activity the filter lets through): a review cannot teach what the learner lacks. Within a tier, by score.</para>
/// <para><b>Lists.</b> <see cref="RecommendationMode.Choices"/> takes the best activity of each competency and returns
/// the K best competencies (in the order above), then, if fewer than K competencies qualify, fills up with further activities whose modality
/// is not in the list yet, then any. <see cref="RecommendationMode.BestNext"/> returns the best one;
/// <see cref="RecommendationMode.Ranked"/> the K best activities. An activity appears once: in a ranking, an activity
/// aligned to two candidates keeps its better score; among choices, a competency whose best activity another choice
/// already holds (candidates are taken by falling competency-level score, then topological order) is offered its next
/// best.</para>
/// <para><b>Agency.</b> <see cref="NextStepRequest.Agency"/> (gradual release, <see cref="Planning.GradualReleasePolicy"/>):
/// <see cref="Sequencing.AgencyLevel.Guided"/> returns the best one only and, like
/// <see cref="Sequencing.AgencyLevel.Choice"/>, keeps a learner with goals on the way to them as
/// <see cref="RecommenderOptions.GoalPathsOnly"/> does; <see cref="Sequencing.AgencyLevel.SelfDirected"/> changes
/// nothing.</para>
/// <para><b>Determinism.</b> Ties go to the competency earlier in the framework's topological order, then to the
/// activity whose id sorts first (ordinal), so the order activities were added to the catalog never matters.</para>
/// <para><b>Cost.</b> O(frontier and its activities + history + the goals' unmastered prerequisites), never the whole
/// catalog, and not even every touched competency: the snapshot holds the frontier (found when it is assessed), and the
/// few competencies scored are looked up by binary search. A competency whose best possible score cannot enter the list is not
/// scored further, and the predictor is asked only about activities that still could. Working memory is per thread and
/// reused; a call allocates only its result (and the stuck list, when a learner is stuck).</para>
/// <para><b>Stuck learners.</b> Every touched competency that is not mastered after at least
/// <see cref="RecommenderOptions.WheelSpinningAttempts"/> pieces of evidence is listed in <see cref="NextStepResult.Stuck"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class AdaptiveRecommender : INextStepRecommender
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>AdaptiveRecommender { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private readonly RecommendationSignals _w;
    private readonly double _inverseTotalWeight;
    private readonly double _activityWeights;

    /// <summary>Creates a recommender.</summary>
    /// <param name="options">The options; null for <see cref="RecommenderOptions.Default"/>.</param>
    public AdaptiveRecommender(RecommenderOptions? options = null)
    {
        Options = options ?? RecommenderOptions.Default;
        _w = Normalized(Options.Weights);
        _inverseTotalWeight = 1 / _w.Sum;
        _activityWeights = _w.DifficultyFit + _w.ProfileFit + _w.Novelty + _w.TimeFit;
    }

    /// <summary>A recommender with the default options.</summary>
    public static AdaptiveRecommender Default { get; } = new();

    // Only the weights' ratios matter (every score is Σ wᵢ·signalᵢ / Σ wᵢ), but their sum can overflow (nine weights of
    // 1e308: every score NaN) and its inverse too (weights of 5e-324: every score 1). Scaling all of them by the power
    // of two that brings the largest near 1 is exact, so scores and contributions keep their bits for ordinary weights.
    private static RecommendationSignals Normalized(RecommendationSignals w)
    {
        var largest = Math.Max(Math.Max(Math.Max(w.Need, w.Readiness), Math.Max(w.GoalRelevance, w.Urgency)),
            Math.Max(Math.Max(w.DifficultyFit, w.ReviewDue), Math.Max(Math.Max(w.ProfileFit, w.Novelty), w.TimeFit)));
        var k = -Math.ILogB(largest);
        return new(Math.ScaleB(w.Need, k), Math.ScaleB(w.Readiness, k), Math.ScaleB(w.GoalRelevance, k), Math.ScaleB(w.Urgency, k),
            Math.ScaleB(w.DifficultyFit, k), Math.ScaleB(w.ReviewDue, k), Math.ScaleB(w.ProfileFit, k), Math.ScaleB(w.Novelty, k),
            Math.ScaleB(w.TimeFit, k));
    }

    /// <summary>The options.</summary>
    public RecommenderOptions Options { get; }

    /// <inheritdoc />
    public NextStepResult Recommend(NextStepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scratch = RecommenderScratch.Rent(request.Catalog.Framework.Count, request.Catalog.Count);
        var run = new Run(this, request, scratch);
        return run.Execute();
    }

    internal static bool IsInstruction(ActivityKind kind) => kind is ActivityKind.Lesson or ActivityKind.Reading or ActivityKind.Video or ActivityKind.Tutoring or ActivityKind.Discussion;

    // One call's working state. Execute runs its steps in order, each in a part of its own: History, GoalPaths,
    // Candidates, Scoring, Selection and Results (AdaptiveRecommender.*.cs).
    private ref partial struct Run
    {
        private readonly AdaptiveRecommender _owner;
        private readonly NextStepRequest _request;
        private readonly RecommenderScratch _s;
        private readonly MasterySnapshot _mastery;
        private readonly CompetencyFramework _framework;
        private readonly ActivityCatalog _catalog;
        private readonly int _generation;
        private readonly int _count;
        private readonly double _timeFactor;
        private int _preferredCount;
        private int _interestCount;

        public Run(AdaptiveRecommender owner, NextStepRequest request, RecommenderScratch scratch)
        {
            _owner = owner;
            _request = request;
            _s = scratch;
            _mastery = request.Mastery;
            _catalog = request.Catalog;
            _framework = _catalog.Framework;
            _generation = scratch.NextGeneration();
            _count = request.Mode == RecommendationMode.BestNext || request.Agency == AgencyLevel.Guided ? 1 : request.Count;
            _timeFactor = request.Profile?.Accommodations.ExtendedTimeFactor ?? 1;
        }

        public NextStepResult Execute()
        {
            ReadProfile();
            ReadHistory();
            MarkGoalPaths();
            StampExcluded();
            CollectCandidates();
            Select();
            return new NextStepResult(_mastery.Learner, BuildSteps(), FindStuck());
        }

        private readonly bool IsMastered(int competency) => _mastery.IsMasteredIndex(competency);

        // Where a competency is among the touched ones (a binary search), or negative when untouched: looked up only for
        // the few competencies a call scores, so the call never walks all the touched ones.
        private readonly int Position(int competency) => _mastery.PositionOf(competency);

        private readonly double EstimateOf(int competency) => _mastery.EstimateAt(competency);
    }
}

using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// Invariants of the recommender on random frameworks, catalogs, learners, histories, reviews and profiles, with a BKT
/// model folding the evidence and predicting (so the difficulty fit and its pruning are exercised).
/// </summary>
public class AdaptiveRecommenderPropertyTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = TestData.Start;
    private static readonly BktModel Bkt = new([], new BktParameters(0.3, 0.2, 0.2, 0.1));

    private sealed record Scenario(ActivityCatalog Catalog, ActivityCatalog Shuffled, LearnerState State, NextStepRequest Request, int Seed);

    private static readonly Gen<Scenario> Scenarios =
        from dag in TestData.RandomDag
        from seed in Gen.Int
        select Build(dag, seed);

    private static Scenario Build(RandomFramework dag, int seed)
    {
        var random = new Random(seed);
        var framework = TestData.Build(dag);
        var shared = random.Next(2) == 0; // half the catalogs align some activities to two competencies
        var activities = new List<LearningActivity>();
        var kinds = Enum.GetValues<ActivityKind>();
        var modalities = Enum.GetValues<LearningModality>();
        string[] topics = ["sports", "music", "space"];
        for (var i = 0; i < dag.Count; i++)
        {
            var n = random.Next(i == 0 ? 1 : 0, 4); // a catalog holds at least one activity
            for (var k = 0; k < n; k++)
            {
                ImmutableArray<ActivityAlignment> alignments = shared && random.Next(5) == 0 && dag.Count > 1
                    ? [new($"c{i}"), new($"c{(i + 1 + random.Next(dag.Count - 1)) % dag.Count}", 0.5)]
                    : [new($"c{i}")];
                activities.Add(new LearningActivity(
                    $"a{i}-{k}", $"Activity {i}-{k}", kinds[random.Next(kinds.Length)], 5 + random.Next(40), alignments,
                    modalities[random.Next(modalities.Length)], topics: random.Next(3) == 0 ? [topics[random.Next(topics.Length)]] : []));
            }
        }

        var catalog = CatalogOf(framework, activities);
        var shuffled = CatalogOf(framework, activities.OrderBy(_ => random.Next()).ToList());
        var engine = new PersonalizedLearningEngine(catalog, Bkt);
        var evidence = new List<Evidence>();
        var id = 0;
        for (var i = 0; i < dag.Count; i++)
        {
            var answers = random.Next(4) switch { 0 => 0, 1 => 1, 2 => 3, _ => 11 };
            var skill = random.NextDouble();
            for (var a = 0; a < answers; a++)
            {
                var onActivity = catalog.GetActivitiesFor($"c{i}") is { IsEmpty: false } aligned && random.Next(2) == 0;
                var outcome = EvidenceOutcome.FromCorrect(random.NextDouble() < skill);
                evidence.Add(onActivity
                    ? Evidence.ForActivity($"e{id++}", "ana", catalog.GetActivitiesFor($"c{i}")[random.Next(catalog.GetActivitiesFor($"c{i}").Length)].Id, outcome, Now.AddMinutes(-id))
                    : Evidence.ForCompetency($"e{id++}", "ana", $"c{i}", outcome, Now.AddMinutes(-id)));
            }
        }

        evidence.Reverse();
        var state = engine.Rebuild("ana", evidence);
        var goals = Enumerable.Range(0, random.Next(3)).Select(_ => random.Next(dag.Count)).Distinct()
            .Select(g => new LearningGoal($"c{g}", random.Next(2) == 0 ? null : Now.AddDays(random.Next(-5, 60)))).ToImmutableArray();
        var profile = new LearnerProfile("ana", goals, [.. topics.Where(_ => random.Next(2) == 0)],
            [.. modalities.Where(_ => random.Next(3) == 0)], new LearnerAccommodations(1 + random.Next(3) * 0.5));
        var snapshot = engine.Assess(state, Now);
        // Due reviews on half the mastered competencies, a third of the frontier (a competency learnt once and since
        // forgotten, which the retention model still tracks) and a quarter of the other unmastered ones. Recall anywhere
        // in [0, 1], or, half the time, in [0.8, 0.9): due by FSRS's default desired retention but not plausibly
        // forgotten, where a review of a prerequisite waits behind learning on the way.
        var frontier = snapshot.GetFrontier().ToHashSet();
        var reviews = framework.Competencies.Select(c => c.Id)
            .Where(c => random.Next(snapshot.IsMastered(c) ? 2 : frontier.Contains(c) ? 3 : 4) == 0)
            .Select(c => new DueReview(c, random.Next(2) == 0 ? 0.8 + (0.1 * random.NextDouble()) : random.NextDouble(), Now)).ToImmutableArray();
        // A filter on half the requests: some kinds, some modalities, a longest activity, some exclusions.
        var filter = random.Next(2) == 0 ? RecommendationFilter.None : new RecommendationFilter(
            kinds: [.. kinds.Where(_ => random.Next(2) == 0)],
            modalities: [.. modalities.Where(_ => random.Next(3) == 0)],
            maximumMinutes: random.Next(2) == 0 ? null : 10 + random.Next(40),
            excluded: [.. activities.Where(_ => random.Next(6) == 0).Select(a => a.Id)]);
        var request = new NextStepRequest(catalog, snapshot, 1 + random.Next(6), profile)
        {
            Predictor = Bkt,
            History = [.. evidence.Skip(Math.Max(0, evidence.Count - 15))],
            DueReviews = reviews,
            AvailableMinutes = random.Next(2) == 0 ? null : 10 + random.Next(40),
            Mode = (RecommendationMode)random.Next(3),
            Filter = filter,
        };
        return new Scenario(catalog, shuffled, state, request, seed);
    }

    private static ActivityCatalog CatalogOf(CompetencyFramework framework, List<LearningActivity> activities)
    {
        var builder = new ActivityCatalogBuilder(framework);
        activities.ForEach(a => builder.Add(a));
        return builder.Build();
    }

    private static NextStepResult Recommend(NextStepRequest request) => AdaptiveRecommender.Default.Recommend(request);

    private static NextStepRequest With(NextStepRequest r, int count, RecommendationMode mode) => new(r.Catalog, r.Mastery, count, r.Profile)
    {
        Predictor = r.Predictor,
        History = r.History,
        DueReviews = r.DueReviews,
        AvailableMinutes = r.AvailableMinutes,
        Mode = mode,
        Filter = r.Filter,
    };

    [Fact]
    public void Property_AllMasteredActivities_AreOnlyReviewsOrRemediation()
    {
        var reach = new BranchReach(output).Floor(ReviewStep, 0.05).Floor(ReviewOffFrontier, 0.3).Floor(ReviewOnFrontier, 0.3);
        Scenarios.Sample(s =>
        {
            using var scope = reach.Case();
            CountReviews(scope, s.Request);
            foreach (var step in Recommend(s.Request).Steps)
            {
                scope.Hit(ReviewStep, step.Purpose == RecommendationPurpose.Review);
                var allMastered = step.Activity.Alignments.All(a => s.Request.Mastery.IsMastered(a.Competency));
                if (allMastered)
                {
                    step.Purpose.Should().BeOneOf([RecommendationPurpose.Review, RecommendationPurpose.Remediate], $"{step.Activity.Id} serves only mastered competencies (seed {s.Seed})");
                }

                if (step.Purpose == RecommendationPurpose.Review)
                {
                    s.Request.Mastery.IsMastered(step.Competency).Should().BeTrue();
                    s.Request.DueReviews.Select(r => r.Competency).Should().Contain(step.Competency);
                }
            }
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }

    private const string ReviewStep = "a review step";
    private const string ReviewOnFrontier = "a due review on a frontier competency";
    private const string ReviewOffFrontier = "a due review on an unmastered competency off the frontier";
    private const string Filtered = "a filter that leaves out some activity";

    private static void CountReviews(BranchReach.CaseScope scope, NextStepRequest request)
    {
        var frontier = request.Mastery.GetFrontier().ToHashSet();
        scope.Hit(ReviewOnFrontier, request.DueReviews.Any(r => frontier.Contains(r.Competency)));
        scope.Hit(ReviewOffFrontier, request.DueReviews.Any(r => !request.Mastery.IsMastered(r.Competency) && !frontier.Contains(r.Competency)));
    }

    private static bool Passes(NextStepRequest request, LearningActivity activity)
    {
        var filter = request.Filter;
        var factor = request.Profile?.Accommodations.ExtendedTimeFactor ?? 1;
        return (filter.Kinds.IsEmpty || filter.Kinds.Contains(activity.Kind))
            && (filter.Modalities.IsEmpty || filter.Modalities.Contains(activity.Modality))
            && !filter.Excluded.Contains(activity.Id)
            && !(filter.MaximumMinutes is { } maximum && activity.EstimatedMinutes * factor > maximum);
    }

    [Fact]
    public void Property_DueReviews_CarryTheirRecall_AndOnesOffTheFrontierChangeNothingElse()
    {
        var reach = new BranchReach(output).Floor(ReviewOnFrontier, 0.3).Floor(ReviewOffFrontier, 0.3)
            .Floor("a learning step carries a due review's recall", 0.1).Floor("reviews off the frontier dropped", 0.2);
        Scenarios.Sample(s =>
        {
            using var scope = reach.Case();
            CountReviews(scope, s.Request);
            var ranked = With(s.Request, 100, RecommendationMode.Ranked);
            var steps = Recommend(ranked).Steps;
            var recall = s.Request.DueReviews.ToDictionary(r => r.Competency, r => r.Retrievability);
            foreach (var step in steps)
            {
                // Null unless due; when due, the review's own figure.
                if (step.Retrievability is { } r)
                {
                    recall.Should().ContainKey(step.Competency, $"seed {s.Seed}");
                    r.Should().Be(recall[step.Competency], $"seed {s.Seed}");
                }

                if (step.Purpose is RecommendationPurpose.Review or RecommendationPurpose.Learn && recall.TryGetValue(step.Competency, out var due))
                {
                    step.Retrievability.Should().Be(due, $"{step.Purpose} of due {step.Competency} (seed {s.Seed})");
                    scope.Hit("a learning step carries a due review's recall", step.Purpose == RecommendationPurpose.Learn);
                }
            }

            // A review of a competency that is neither mastered nor ready is not a candidate: unless that competency is
            // a candidate anyway (a shortcut or remediation shown in the full ranking), dropping it changes nothing.
            var shown = steps.Select(st => st.Competency).ToHashSet();
            var frontier = s.Request.Mastery.GetFrontier().ToHashSet();
            var kept = s.Request.DueReviews.Where(r => s.Request.Mastery.IsMastered(r.Competency) || frontier.Contains(r.Competency) || shown.Contains(r.Competency)).ToImmutableArray();
            if (steps.Length < 100 && scope.Hit("reviews off the frontier dropped", kept.Length < s.Request.DueReviews.Length))
            {
                Recommend(ranked with { DueReviews = kept }).Steps.Should().Equal(steps, $"seed {s.Seed}");
            }
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }

    [Fact]
    public void Property_Filters_LetThroughOnlyWhatTheyAllow_AndOnlyRemoveSteps()
    {
        var reach = new BranchReach(output).Floor(Filtered, 0.3).Floor("a filtered request with steps", 0.08).Floor("the filter removed a step", 0.05);
        Scenarios.Sample(s =>
        {
            using var scope = reach.Case();
            var ranked = With(s.Request, 100, RecommendationMode.Ranked);
            var filtered = Recommend(ranked).Steps;
            foreach (var step in filtered.Concat(Recommend(s.Request).Steps))
            {
                Passes(s.Request, step.Activity).Should().BeTrue($"{step.Activity.Id} passes the filter (seed {s.Seed})");
            }

            if (!scope.Hit(Filtered, s.Catalog.Activities.Any(a => !Passes(s.Request, a))))
            {
                return;
            }

            scope.Hit("a filtered request with steps", !filtered.IsEmpty);
            var open = Recommend(ranked with { Filter = RecommendationFilter.None }).Steps;
            if (open.Length < 100)
            {
                // The filter removes activities; it does not rescore or re-purpose the ones it lets through.
                var unfiltered = open.Select(st => (st.Activity.Id, st.Competency, st.Purpose, st.Score)).ToHashSet();
                filtered.Select(st => (st.Activity.Id, st.Competency, st.Purpose, st.Score)).Should().BeSubsetOf(unfiltered, $"seed {s.Seed}");
                scope.Hit("the filter removed a step", open.Any(st => !Passes(s.Request, st.Activity)));
            }
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }

    [Fact]
    public void Property_UnmasteredPrerequisites_OnlyForRemediationOrAStretch()
    {
        Scenarios.Sample(s =>
        {
            var framework = s.Catalog.Framework;
            foreach (var step in Recommend(s.Request).Steps.Where(st => st.Purpose != RecommendationPurpose.Remediate))
            {
                var prerequisites = framework.GetPrerequisites(step.Competency);
                if (step.Purpose == RecommendationPurpose.Stretch)
                {
                    // A stretch: on the way to a goal, each prerequisite mastered or proficient, not all mastered.
                    step.Goal.Should().NotBeNull($"{step.Competency} is a stretch (seed {s.Seed})");
                    prerequisites.Should().AllSatisfy(p => (s.Request.Mastery.IsMastered(p) || s.Request.Mastery.Get(p).Level == MasteryLevel.Proficient).Should().BeTrue());
                    prerequisites.All(s.Request.Mastery.IsMastered).Should().BeFalse();
                    s.Request.Mastery.IsMastered(step.Competency).Should().BeFalse();
                    continue;
                }

                prerequisites.All(s.Request.Mastery.IsMastered).Should().BeTrue($"{step.Competency} is recommended to {step.Purpose} (seed {s.Seed})");
                if (step.Purpose == RecommendationPurpose.Learn)
                {
                    s.Request.Mastery.IsMastered(step.Competency).Should().BeFalse();
                }
            }
        }, iter: PropertyRuns.Iter(300));
    }

    [Fact]
    public void Property_ResultsAreWellFormed_DistinctAndRankedByScore()
    {
        Scenarios.Sample(s =>
        {
            var result = Recommend(s.Request);
            var steps = result.Steps;
            var expectedMax = s.Request.Mode == RecommendationMode.BestNext ? 1 : s.Request.Count;
            steps.Length.Should().BeLessThanOrEqualTo(expectedMax);
            steps.Select(st => st.Rank).Should().Equal(Enumerable.Range(1, steps.Length));
            steps.Select(st => st.Activity.Id).Should().OnlyHaveUniqueItems();
            foreach (var step in steps)
            {
                step.Score.Should().BeInRange(0, 1);
                step.Contributions.Sum.Should().BeApproximately(step.Score, 1e-9);
                for (var i = 0; i < RecommendationSignals.Count; i++)
                {
                    step.Signals[i].Should().BeInRange(0, 1, RecommendationSignals.Names[i]);
                }

                step.GetReasons().Should().NotBeEmpty();
                step.Activity.IsAlignedTo(step.Competency).Should().BeTrue();
            }

            if (s.Request.Mode == RecommendationMode.Choices)
            {
                // Competencies repeat only once every candidate competency is in the list (unless an activity aligned to
                // two competencies went to the other one, which the shared-activity catalogs allow). Until then, the
                // choices come best first.
                var distinct = steps.Select(st => st.Competency).Distinct().Count();
                if (distinct == steps.Length)
                {
                    InPromisedOrder(steps, s.Request, result).Should().BeTrue($"seed {s.Seed}");
                }
                else if (s.Catalog.Activities.All(a => a.Alignments.Length == 1))
                {
                    var everyCandidate = Recommend(With(s.Request, 100, RecommendationMode.Ranked)).Steps.Select(st => st.Competency).Distinct();
                    steps.Select(st => st.Competency).Should().Contain(everyCandidate);
                    InPromisedOrder(steps.Take(distinct), s.Request, result).Should().BeTrue($"seed {s.Seed}");
                }
            }
            else
            {
                InPromisedOrder(steps, s.Request, result).Should().BeTrue($"seed {s.Seed}");
            }
        }, iter: PropertyRuns.Iter(300));
    }

    // The order the recommender promises: by tier (on the way to a goal; then due reviews serving a goal as a prerequisite
    // of it, not the goal itself, whose recall is still at least 0.8; then anything else; then, right after a step on a
    // competency the learner is stuck on without progress, learning what they are so stuck on), then by falling score.
    private static bool InPromisedOrder(IEnumerable<NextStep> steps, NextStepRequest request, NextStepResult result)
    {
        var keys = steps.Select(st => (Tier: Tier(st, request, result), st.Score)).ToList();
        return keys.Zip(keys.Skip(1)).All(p => p.First.Tier < p.Second.Tier || (p.First.Tier == p.Second.Tier && p.First.Score >= p.Second.Score));
    }

    private static int Tier(NextStep step, NextStepRequest request, NextStepResult result) =>
        step.Purpose == RecommendationPurpose.Learn && IsStuck(step.Competency, result) && NewestIsStuck(request, result) && CanLearnElsewhere(request, result) ? 3
        : step.Goal is null ? 2
        : step.Purpose == RecommendationPurpose.Review && step.Goal != step.Competency && step.Retrievability >= 0.8 ? 1
        : 0;

    // The detour needs somewhere to go that could teach: a step, other than a review, on a competency the learner is
    // not stuck on without progress.
    private static bool CanLearnElsewhere(NextStepRequest request, NextStepResult result) =>
        Recommend(With(request, 100, RecommendationMode.Ranked)).Steps
            .Any(st => st.Purpose != RecommendationPurpose.Review && !(st.Purpose == RecommendationPurpose.Learn && IsStuck(st.Competency, result)));

    // Stuck without progress: listed as stuck, and still below Familiar.
    private static bool IsStuck(CompetencyId competency, NextStepResult result) => result.Stuck.Any(x => x.Competency == competency && x.Level < MasteryLevel.Familiar);

    private static bool NewestIsStuck(NextStepRequest request, NextStepResult result) =>
        !request.History.IsEmpty && request.History[^1] is var newest
        && (newest.Competency ?? request.Catalog.GetActivity(newest.Activity!.Value).Alignments[0].Competency) is var about && IsStuck(about, result);

    [Fact]
    public void Property_RightAfterAStepOnAStuckCompetency_TheNextStepGoesElsewhere_WhenAnythingElseIsOpen()
    {
        var reached = 0;
        var stayed = 0;
        Scenarios.Sample(s =>
        {
            var result = Recommend(With(s.Request, 1, RecommendationMode.BestNext));
            if (result.Steps.IsEmpty || !NewestIsStuck(s.Request, result))
            {
                return;
            }

            Interlocked.Increment(ref reached);
            var step = result.Steps[0];
            if (step.Purpose == RecommendationPurpose.Learn && IsStuck(step.Competency, result))
            {
                // Nothing but stuck competencies to learn and reviews was left: a review cannot teach what the learner
                // lacks, so the detour does not spend a step on one.
                CanLearnElsewhere(s.Request, result).Should().BeFalse($"seed {s.Seed}");
                Interlocked.Increment(ref stayed);
            }
        }, iter: PropertyRuns.Iter(1200));
        output.WriteLine($"{reached} scenarios right after a stuck step; {stayed} stayed for want of anything teachable elsewhere");
        if (PropertyRuns.FloorsAsserted)
        {
            reached.Should().BeGreaterThan(10, "the scenarios must reach a learner whose newest step was on a stuck competency");
            stayed.Should().BeGreaterThan(0, "the scenarios must reach a learner with nothing teachable elsewhere");
        }
    }

    // A random gating of every link of the scenario's framework: a third hard (no entry), the rest with a factor lower
    // bound in (0, 1] and a ready rate in [0.05, 0.5), seeded by the scenario.
    private static PrerequisiteGating RandomGating(Scenario s)
    {
        var random = new Random(s.Seed ^ 0x5eed);
        var framework = s.Catalog.Framework;
        var links = new List<PrerequisiteLinkGating>();
        foreach (var dependent in framework.Competencies)
        {
            foreach (var prerequisite in framework.GetPrerequisites(dependent.Id))
            {
                if (random.Next(3) != 0)
                {
                    var lower = 0.05 + (0.95 * random.NextDouble());
                    var ready = 0.05 + (0.45 * random.NextDouble());
                    links.Add(new PrerequisiteLinkGating(prerequisite, dependent.Id, ready, lower * ready, lower, 1, 50, 50, 10));
                }
            }
        }

        return new PrerequisiteGating(framework, links);
    }

    [Fact]
    public void Property_Shortcuts_OnlyOnTheWay_PastWeakLinksTheCostModelSkips_AndHardGatingChangesNothing()
    {
        var shortcuts = 0;
        Scenarios.Sample(s =>
        {
            var ranked = With(s.Request, 100, RecommendationMode.Ranked);
            var plain = Recommend(ranked).Steps;

            // All-hard gating is what the engine assumes without any.
            var framework = s.Catalog.Framework;
            var hard = new PrerequisiteGating(framework, framework.Competencies.SelectMany(c => framework.GetPrerequisites(c.Id).Select(p => PrerequisiteLinkGating.Hard(p, c.Id))));
            Recommend(ranked with { PrerequisiteGating = hard }).Steps.Should().Equal(plain, $"seed {s.Seed}");

            var gating = RandomGating(s);
            var steps = Recommend(ranked with { PrerequisiteGating = gating }).Steps;
            var goals = s.Request.Profile?.Goals.Select(g => g.Competency).ToHashSet() ?? [];
            foreach (var step in steps.Where(st => st.Purpose == RecommendationPurpose.Shortcut))
            {
                Interlocked.Increment(ref shortcuts);
                goals.Should().NotBeEmpty($"seed {s.Seed}: a shortcut is on the way to a goal");
                s.Request.Mastery.IsMastered(step.Competency).Should().BeFalse($"seed {s.Seed}");
                var unmastered = framework.GetPrerequisites(step.Competency).Where(p => !s.Request.Mastery.IsMastered(p)).ToList();
                unmastered.Should().NotBeEmpty($"seed {s.Seed}: a shortcut lacks a prerequisite");
                foreach (var prerequisite in unmastered)
                {
                    // Every prerequisite it lacks is weak, and skipping it is quicker by the cost model:
                    // n·(1 + c·T) > 1/f − 1, n the unmastered closure of the prerequisite (itself included).
                    var link = gating.Find(prerequisite, step.Competency);
                    link.Should().NotBeNull($"seed {s.Seed}: a hard link is never skipped");
                    var closure = framework.GetPrerequisiteClosure([prerequisite]).Append(prerequisite).Count(c => !s.Request.Mastery.IsMastered(c));
                    (closure * (1 + (s.Request.Mastery.Policy.MinimumEvidenceForMastered * link!.LearnReady))).Should().BeGreaterThan((1 / link.FactorLower) - 1, $"seed {s.Seed}");
                }
            }

            // Nothing else starts before an unmastered prerequisite (remediation and reviews aside, as without gating).
            steps.Where(st => st.Purpose == RecommendationPurpose.Learn)
                .All(st => framework.GetPrerequisites(st.Competency).All(s.Request.Mastery.IsMastered)).Should().BeTrue($"seed {s.Seed}");
        }, iter: PropertyRuns.Iter(500));
        output.WriteLine($"shortcut steps checked: {shortcuts}");
        if (PropertyRuns.FloorsAsserted)
        {
            shortcuts.Should().BeGreaterThan(15, "the scenarios must reach shortcuts (about 50 in 500 scenarios)");
        }
    }

    [Fact]
    public void Property_EveryResultTheRecommenderMakes_IsReadBackFromJsonAsItself()
    {
        // The reader refuses results the recommender would not make (contributions against signals, weights that differ
        // between steps, minutes that are not the activity's); it must accept every one it does make, under every weighting.
        var weights = Gen.Double[0, 3].Array[RecommendationSignals.Count].Select(w => w.Sum() > 0 ? w : [1, 1, 1, 1, 1, 1, 1, 1, 1]);
        // The steps' facts about their activities are checked too (a prediction only off instruction, the neutral fit without
        // one, an interest among the activity's topics, the time fit; no activity twice), in both modes.
        var reach = new BranchReach(output).Floor("two or more steps", 0.5).Floor("a predicted success", 0.49).Floor("an instruction step", 0.54)
            .Floor("a matched interest", 0.26).Floor("a time fit below 1", 0.17).Floor("choices", 0.38)
            // Measured over three runs of 300: a review due 49.7-54.7 %, a preferred modality 45-51 %, not preferred with a
            // fit of 0 56.7-64.7 %; a stretch or shortcut only 1.3-1.7 % (4-5 cases), reported without a floor, which
            // would fail by chance (the reader's rule for them has its own tests).
            .Floor("a review due", 0.38).Floor("a preferred modality", 0.33).Floor("a modality not preferred, fit 0", 0.45);
        Gen.Select(Scenarios, weights, Gen.Bool, Gen.Bool).Sample((s, w, stretch, choices) =>
        {
            using var scope = reach.Case();
            var recommender = new AdaptiveRecommender(new RecommenderOptions(weights: new RecommendationSignals(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8]), stretch: stretch));
            var result = recommender.Recommend(With(s.Request, 20, scope.Hit("choices", choices) ? RecommendationMode.Choices : RecommendationMode.Ranked));
            scope.Hit("two or more steps", result.Steps.Length >= 2);
            scope.Hit("a predicted success", result.Steps.Any(st => st.PredictedSuccess is not null));
            scope.Hit("an instruction step", result.Steps.Any(st => AdaptiveRecommender.IsInstruction(st.Activity.Kind)));
            scope.Hit("a matched interest", result.Steps.Any(st => st.MatchedInterest is not null));
            scope.Hit("a time fit below 1", result.Steps.Any(st => st.Signals.TimeFit < 1));
            // The signals the reader holds to the step's facts (issue 21): review due to the recall chance, the profile fit
            // to the preferred modality and matched interest, readiness without prerequisites; and the derived reasons.
            scope.Hit("a review due", result.Steps.Any(st => st.Retrievability is not null));
            scope.Hit("a preferred modality", result.Steps.Any(st => st.PreferredModality));
            scope.Hit("a modality not preferred, fit 0", result.Steps.Any(st => !st.PreferredModality && st.Signals.ProfileFit == 0));
            scope.Hit("a stretch or shortcut", result.Steps.Any(st => st.Purpose is RecommendationPurpose.Stretch or RecommendationPurpose.Shortcut));
            var json = PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(result);
            PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(PersonalizedLearning.Serialization.PersonalizedLearningJson.Deserialize<NextStepResult>(json))
                .Should().Be(json, $"seed {s.Seed}");
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }

    [Fact]
    public void Property_StretchIsOffByDefault_AndWhenOn_OnlyAddsStretchSteps() => StretchOnlyAddsStretchSteps(seed: null);

    [Fact]
    public void Stretch_DoesNotChangeARemediationTargetsDueReview_FoundSeed()
    {
        // Found by the property above about once in 2,400 scenarios: c16, off the frontier, due for review and the
        // weakest prerequisite of a failing competency, was a remediation step with its review signal (0.57) only when a
        // stretch had made it a candidate first, and 0 otherwise (score 0.752 against 0.661).
        StretchOnlyAddsStretchSteps(seed: "3vvO7MgBsAo1");
    }

    private static void StretchOnlyAddsStretchSteps(string? seed)
    {
        var stretched = 0;
        var plain = AdaptiveRecommender.Default;
        var stretching = new AdaptiveRecommender(new RecommenderOptions(stretch: true));
        Scenarios.Sample(s =>
        {
            var ranked = With(s.Request, 100, RecommendationMode.Ranked);
            var without = plain.Recommend(ranked).Steps;
            without.Should().NotContain(st => st.Purpose == RecommendationPurpose.Stretch);
            plain.Recommend(s.Request).Steps.Should().NotContain(st => st.Purpose == RecommendationPurpose.Stretch);
            var with = stretching.Recommend(ranked).Steps;
            Interlocked.Add(ref stretched, with.Count(st => st.Purpose == RecommendationPurpose.Stretch));

            // Stretches only add candidates: every other step keeps the score and signals it has without them.
            foreach (var step in with.Where(st => st.Purpose != RecommendationPurpose.Stretch))
            {
                foreach (var same in without.Where(w => w.Activity.Id == step.Activity.Id && w.Competency == step.Competency))
                {
                    same.Signals.Should().Be(step.Signals, $"seed {s.Seed}, {step.Activity.Id} for {step.Competency}");
                    same.Score.Should().Be(step.Score, $"seed {s.Seed}");
                }
            }
        }, iter: PropertyRuns.Iter(300), seed: seed);
        if (seed is null && PropertyRuns.FloorsAsserted)
        {
            stretched.Should().BeGreaterThan(0, "the scenarios must reach a stretch");
        }
    }

    [Fact]
    public void Property_AWaitingPrerequisiteReview_ComesAfterEveryStepOnTheWay_AndBeforeEveryStepOffIt()
    {
        // About 1 scenario in 60 has a due prerequisite review that waits.
        const string Waits = "a due prerequisite review that waits";
        var reach = new BranchReach(output).Floor(Waits, 0.008);
        Scenarios.Sample(s =>
        {
            using var scope = reach.Case();
            var result = Recommend(With(s.Request, 100, RecommendationMode.Ranked));
            var steps = result.Steps.ToList();
            var waiting = steps.FindIndex(st => Tier(st, s.Request, result) == 1);
            if (!scope.Hit(Waits, waiting >= 0))
            {
                return;
            }

            steps.Take(waiting).All(st => st.Goal is not null).Should().BeTrue($"everything before it is on the way (seed {s.Seed})");
            var review = steps[waiting];
            review.Retrievability.Should().BeGreaterThanOrEqualTo(0.8, $"seed {s.Seed}");
            s.Request.Profile!.Goals.Should().NotContain(g => g.Competency == review.Competency, $"seed {s.Seed}");
            var lastWaiting = steps.FindLastIndex(x => Tier(x, s.Request, result) == 1);
            steps.Take(lastWaiting).All(st => st.Goal is not null).Should().BeTrue($"nothing off the way comes before a waiting review (seed {s.Seed})");
        }, iter: PropertyRuns.Iter(1500));
        reach.Check();
    }

    [Fact]
    public void Property_GoalPathsFirst_NeverPutsAStepOffEveryGoalPathBeforeOneOnIt()
    {
        Scenarios.Sample(s =>
        {
            var result = Recommend(With(s.Request, 100, RecommendationMode.Ranked));
            var firstOff = result.Steps.ToList().FindIndex(st => st.Goal is null);
            if (firstOff >= 0)
            {
                result.Steps.Skip(firstOff).Should().AllSatisfy(st => (st.Goal is null || Tier(st, s.Request, result) == 3).Should().BeTrue($"seed {s.Seed}"));
            }
        }, iter: PropertyRuns.Iter(300));
    }

    [Fact]
    public void Property_StableUnderReorderingOfTheCatalog_AndDeterministic()
    {
        Scenarios.Sample(s =>
        {
            var r = s.Request;
            var shuffledEngine = new PersonalizedLearningEngine(s.Shuffled, Bkt);
            var shuffled = new NextStepRequest(s.Shuffled, shuffledEngine.Assess(s.State, Now), r.Count, r.Profile)
            {
                Predictor = Bkt,
                History = r.History,
                DueReviews = r.DueReviews,
                AvailableMinutes = r.AvailableMinutes,
                Mode = r.Mode,
                Filter = r.Filter,
            };

            var expected = Recommend(r).Steps.Select(st => (st.Activity.Id, st.Competency, st.Score, st.Purpose));
            Recommend(shuffled).Steps.Select(st => (st.Activity.Id, st.Competency, st.Score, st.Purpose)).Should().Equal(expected, $"seed {s.Seed}");
            Recommend(r).Should().Be(Recommend(r));
        }, iter: PropertyRuns.Iter(200));
    }

    [Fact]
    public void Property_PruningNeverChangesTheAnswer()
    {
        // With 100 places nothing can be pruned until 100 candidates are scored, so the full ranking is the reference:
        // the K best must be its first K, and K choices its best activity per competency.
        Scenarios.Sample(s =>
        {
            var r = s.Request;
            var all = Recommend(With(r, 100, RecommendationMode.Ranked)).Steps;
            Recommend(With(r, r.Count, RecommendationMode.Ranked)).Steps.Select(st => (st.Activity.Id, st.Score))
                .Should().Equal(all.Take(r.Count).Select(st => (st.Activity.Id, st.Score)));

            var bestPerCompetency = all.GroupBy(st => st.Competency).Select(g => g.First()).ToList();
            if (bestPerCompetency.Count >= r.Count && all.Length < 100 && r.Catalog.Activities.All(a => a.Alignments.Length == 1))
            {
                Recommend(With(r, r.Count, RecommendationMode.Choices)).Steps.Select(st => (st.Activity.Id, st.Competency))
                    .Should().Equal(bestPerCompetency.Take(r.Count).Select(st => (st.Activity.Id, st.Competency)), $"seed {s.Seed}");
            }
        }, iter: PropertyRuns.Iter(300));
    }

    [Fact]
    public void Property_SparseSnapshotFrontier_EqualsTheFrameworkFrontier()
    {
        Scenarios.Sample(s =>
        {
            var snapshot = s.Request.Mastery;
            snapshot.GetFrontier().Should().Equal(s.Catalog.Framework.GetFrontier(snapshot.Mastered));
        }, iter: PropertyRuns.Iter(200));
    }
}

using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Benchmarks.Recommendations;

/// <summary>
/// Next-step recommendations on a generated framework of 5,000 competencies (one to three prerequisites each among the
/// 50 before it) and 50,000 activities (ten per competency, mixed kinds, modalities, lengths and topics), for learners
/// with 500 touched competencies (400–499 mastered, the rest in progress) folded by BKT, which also predicts; each has
/// two dated goals, interests, preferred modalities, 30 minutes and their last 20 answers.
/// The baseline scores every candidate activity (a ranking of 100, so nothing can be skipped).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RecommenderBenchmarks
{
    private const int Competencies = 5_000;
    private const int DistinctLearners = 1_000;
    private const int BatchLearners = 100_000;
    private readonly AdaptiveRecommender _recommender = AdaptiveRecommender.Default;
    private NextStepRequest[] _requests = [];
    private NextStepRequest _top5 = null!;
    private NextStepRequest _best = null!;
    private NextStepRequest _all = null!;
    private PersonalizedLearningEngine _engine = null!;
    private LearnerState _state = null!;

    private Evidence[] _pieces = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var framework = GeneratedFramework.Layered(Competencies, random);
        var kinds = Enum.GetValues<ActivityKind>();
        var modalities = Enum.GetValues<LearningModality>();
        string[] topics = ["sports", "music", "animals", "space", "games", "art"];
        var catalogBuilder = new ActivityCatalogBuilder(framework);
        for (var i = 0; i < Competencies; i++)
        {
            for (var k = 0; k < 10; k++)
            {
                catalogBuilder.Add(new LearningActivity($"a{i}-{k}", $"Activity {i}-{k}", kinds[random.Next(kinds.Length)], 5 + random.Next(40),
                    [new($"c{i}")], modalities[random.Next(modalities.Length)], topics: [topics[random.Next(topics.Length)]]));
            }
        }

        var catalog = catalogBuilder.Build();
        var model = new BktModel([], new BktParameters(0.3, 0.2, 0.2, 0.1));
        var engine = new PersonalizedLearningEngine(catalog, model);
        var now = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var order = framework.TopologicalOrder;
        _requests = new NextStepRequest[DistinctLearners];
        for (var l = 0; l < DistinctLearners; l++)
        {
            var learner = new LearnerId($"learner{l}");
            var masteredCount = 400 + (l % 100);
            var evidence = new List<Evidence>();
            for (var t = 0; t < 500; t++)
            {
                var competency = order[t];
                var answers = t < masteredCount ? new[] { true, true, true } : [false, random.Next(2) == 0];
                foreach (var correct in answers)
                {
                    evidence.Add(Evidence.ForActivity($"e{evidence.Count}", learner, $"a{competency.Value[1..]}-{random.Next(10)}", EvidenceOutcome.FromCorrect(correct), now.AddMinutes(-2000 + evidence.Count)));
                }
            }

            var state = engine.Rebuild(learner, evidence);
            if (l == 0)
            {
                _engine = engine;
                _state = state;
            }

            var profile = new LearnerProfile(learner, [new LearningGoal(order[600 + (l % 50)], now.AddDays(20)), new LearningGoal(order[700 + (l % 70)], now.AddDays(60))],
                [topics[l % topics.Length]], [modalities[l % modalities.Length]]);
            _requests[l] = engine.CreateRequest(state, 5, profile, now) with { History = [.. evidence.Skip(evidence.Count - 20)], AvailableMinutes = 30 };
        }

        _top5 = _requests[0];

        // One more answer each on the learner's competencies in progress, to fold into the state before a recommendation.
        var inProgress = order.Skip(400).Take(100).ToArray();
        _pieces = [.. Enumerable.Range(0, 1_000).Select(i => Evidence.ForActivity($"next{i}", _state.Learner, $"a{inProgress[i % inProgress.Length].Value[1..]}-{i % 10}", EvidenceOutcome.FromCorrect(i % 3 != 0), now.AddMinutes(1)))];
        _engine.Assess(_state, _top5.Mastery.AsOf.AddMinutes(5));
        _best = _top5 with { Mode = RecommendationMode.BestNext };
        _all = new NextStepRequest(_top5.Catalog, _top5.Mastery, 100, _top5.Profile)
        {
            Predictor = _top5.Predictor,
            History = _top5.History,
            AvailableMinutes = 30,
            Mode = RecommendationMode.Ranked,
        };
    }

    [Benchmark(Baseline = true, Description = "score every candidate (ranking of 100)")]
    public NextStepResult ScoreEverything() => _recommender.Recommend(_all);

    [Benchmark(Description = "top-5 choices")]
    public NextStepResult TopFiveChoices() => _recommender.Recommend(_top5);

    [Benchmark(Description = "best next")]
    public NextStepResult BestNext() => _recommender.Recommend(_best);

    [Benchmark(Description = "assess 500 touched, nothing kept (from the state's tracks)")]
    public MasterySnapshot AssessFromScratch()
    {
        _state.ForgetAssessment();
        return _engine.Assess(_state, _top5.Mastery.AsOf);
    }

    [Benchmark(Description = "assess 500 touched, state asked before (kept)")]
    public MasterySnapshot Assess() => _engine.Assess(_state, _top5.Mastery.AsOf);

    [Benchmark(Description = "CreateRequest (kept), 20-piece history, then top-5")]
    public NextStepResult AssessAndRecommend() => _recommender.Recommend(_engine.CreateRequest(_state, 5, _top5.Profile, _top5.Mastery.AsOf) with { History = _top5.History, AvailableMinutes = 30 });

    [Benchmark(Description = "front door: RecommendNext, nothing kept (assess from scratch)")]
    public NextStepResult FrontDoorFromScratch()
    {
        _state.ForgetAssessment();
        return _engine.RecommendNext(_state, 5, _top5.Profile, _top5.Mastery.AsOf.AddMinutes(5));
    }

    [Benchmark(Description = "front door: RecommendNext, state asked before (kept)")]
    public NextStepResult FrontDoorKept() => _engine.RecommendNext(_state, 5, _top5.Profile, _top5.Mastery.AsOf.AddMinutes(5));

    [Benchmark(Description = "front door: Record one piece")]
    public LearnerState RecordOnePiece() => _engine.Record(_state, _pieces[_next++ % _pieces.Length]);

    [Benchmark(Description = "front door: Record one piece, then RecommendNext (derived)")]
    public NextStepResult RecordThenRecommend() => _engine.RecommendNext(_engine.Record(_state, _pieces[_next++ % _pieces.Length]), 5, _top5.Profile, _top5.Mastery.AsOf.AddMinutes(5));

    [Benchmark(OperationsPerInvoke = BatchLearners, Description = "top-5 for 100,000 learners, 2 threads (per learner)")]
    public int Batch()
    {
        var total = 0;
        Parallel.For(0, BatchLearners, () => 0, (i, _, sum) => sum + _recommender.Recommend(_requests[i % DistinctLearners]).Steps.Length, sum => Interlocked.Add(ref total, sum));
        return total;
    }
}

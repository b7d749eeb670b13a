using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Benchmarks.Mastery;

/// <summary>
/// Folding one new score into a competency that already has <see cref="History"/> scores, with Canvas's
/// decaying average. The baseline is what a store of raw results does: recompute the rollup from the whole
/// history. The model folds in O(1) from its memory; the engine adds validation and a new immutable state.
/// </summary>
[MemoryDiagnoser]
public class EvidenceUpdateBenchmarks
{
    private readonly RollupMasteryModel _model = RollupMasteryModel.DecayingAverage(0.65);
    private double[] _history = [];
    private CompetencyState _competencyState;
    private MasteryObservation _observation;
    private PersonalizedLearningEngine _engine = null!;
    private LearnerState _learner = null!;
    private Evidence _next = null!;

    [Params(10, 100)]
    public int History { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var framework = new CompetencyFrameworkBuilder().AddCompetency("K", "Knowledge").AddCompetency("L", "Other").AddPrerequisite("K", "L").Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("k", "Practice", ActivityKind.Practice, 5, [new("K")])).Build();
        _engine = new PersonalizedLearningEngine(catalog, _model);
        var random = new Random(42);
        _history = [.. Enumerable.Range(0, History).Select(_ => random.NextDouble())];
        var start = new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
        _learner = _engine.Rebuild("ana", _history.Select((s, i) => Evidence.ForCompetency($"e{i}", "ana", "K", EvidenceOutcome.FromScore(s), start.AddMinutes(i))));
        _competencyState = _learner.Get("K");
        _observation = new MasteryObservation(EvidenceOutcome.FromScore(0.9), 1, EvidenceKind.Formative, start.AddDays(1));
        _next = Evidence.ForCompetency("next", "ana", "K", EvidenceOutcome.FromScore(0.9), start.AddDays(1));
    }

    [Benchmark(Baseline = true, Description = "recompute from history")]
    public double RecomputeFromHistory()
    {
        var d = _history[0];
        for (var i = 1; i < _history.Length; i++)
        {
            d = (0.35 * d) + (0.65 * _history[i]);
        }

        return (0.35 * d) + (0.65 * 0.9);
    }

    [Benchmark(Description = "model fold, O(1)")]
    public double? ModelUpdate() => _model.Update(_competencyState, _observation).Estimate;

    [Benchmark(Description = "engine Record")]
    public LearnerState EngineRecord() => _engine.Record(_learner, _next);
}

using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Elo;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Benchmarks.Mastery.Elo;

/// <summary>
/// One Elo update per answer (1,000 answers per invocation). The baseline is <see cref="EloRating.Update"/>, the bare
/// learner-and-item arithmetic; <see cref="EloModel.Update"/> adds the item's difficulty lookup among 1,000 items and
/// the new competency state.
/// </summary>
[MemoryDiagnoser]
public class EloUpdateBenchmarks
{
    private const int Answers = 1_000;
    private EloModel _model = null!;
    private MasteryObservation[] _observations = [];
    private double[] _scores = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        var bank = EloItemBank.From(Enumerable.Range(0, 1000).Select(i => new KeyValuePair<ActivityId, Rated>($"item-{i}", new Rated((random.NextDouble() * 4) - 2, 100))));
        _model = new EloModel(bank, guessFloor: 0.25);
        _scores = [.. Enumerable.Range(0, Answers).Select(_ => random.NextDouble() < 0.7 ? 1.0 : 0.0)];
        var time = new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
        _observations = [.. _scores.Select((s, i) => new MasteryObservation("k", new ActivityId($"item-{i}"), EvidenceOutcome.FromScore(s), 1, EvidenceKind.Formative, time))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Answers, Description = "EloRating.Update (arithmetic)")]
    public double Arithmetic()
    {
        Rated learner = default, item = new(0.3, 100);
        foreach (var score in _scores)
        {
            (learner, _) = EloRating.Default.Update(learner, item, score, 0.25);
        }

        return learner.Value;
    }

    [Benchmark(OperationsPerInvoke = Answers, Description = "EloModel.Update")]
    public double ModelUpdate()
    {
        var state = default(CompetencyState);
        foreach (ref readonly var observation in _observations.AsSpan())
        {
            var step = _model.Update(state, observation);
            state = new CompetencyState(state.EvidenceCount + 1, step.Estimate, observation.Timestamp, observation.Timestamp, step.Memory);
        }

        return state.Memory.Slot0;
    }
}

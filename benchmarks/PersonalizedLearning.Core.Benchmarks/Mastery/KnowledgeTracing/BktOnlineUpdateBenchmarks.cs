using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Benchmarks.Mastery.KnowledgeTracing;

/// <summary>
/// One answer folded online into one competency's state, per answer (each invocation folds 1,000 answers). The baseline
/// is the bare arithmetic of <see cref="BktParameters.Next"/>; a second row runs it where P(unknown) has left the
/// double range; <see cref="BktModel.Update"/> adds what a live product needs: finding the competency's parameters
/// among 100 by id (and the activity's guess and slip among 10).
/// </summary>
[MemoryDiagnoser]
public class BktOnlineUpdateBenchmarks
{
    private const int Answers = 1_000;
    private readonly BktParameters _parameters = new(0.3, 0.15, 0.2, 0.1);
    private BktModel _model = null!;
    private MasteryObservation[] _observations = [];
    private MasteryObservation[] _activityObservations = [];
    private bool[] _correct = [];

    // Slip 1e-9 and 1,000 correct answers: P(unknown) leaves the double range after about 400 answers (0.16 per
    // answer), so most updates run in extended range.
    private readonly BktParameters _extreme = new(0.3, 0.2, 0.2, 1e-9);
    private readonly bool[] _allCorrect = [.. Enumerable.Repeat(true, Answers)];

    [GlobalSetup]
    public void Setup()
    {
        var activities = Enumerable.Range(0, 10).Select(a => new KeyValuePair<ActivityId, (double, double)>($"a{a}", (0.1 + (a * 0.02), 0.1)));
        _model = new BktModel(Enumerable.Range(0, 100).Select(i => new BktCompetencyParameters($"competency-{i}", _parameters, i == 42 ? activities : null)));
        var random = new Random(7);
        _correct = [.. Enumerable.Range(0, Answers).Select(_ => random.NextDouble() < 0.7)];
        var time = new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
        _observations = [.. _correct.Select(c => new MasteryObservation("competency-42", null, c ? EvidenceOutcome.Correct : EvidenceOutcome.Incorrect, 1, EvidenceKind.Formative, time))];
        _activityObservations = [.. _correct.Select((c, i) => new MasteryObservation("competency-42", new ActivityId($"a{i % 10}"), c ? EvidenceOutcome.Correct : EvidenceOutcome.Incorrect, 1, EvidenceKind.Formative, time))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Answers, Description = "BktParameters.Next (arithmetic)")]
    public double Arithmetic() => Run(_parameters, _correct);

    [Benchmark(OperationsPerInvoke = Answers, Description = "BktParameters.Next, beyond the double range")]
    public double ArithmeticExtended() => Run(_extreme, _allCorrect);

    private static double Run(BktParameters parameters, bool[] answers)
    {
        var belief = parameters.InitialBelief;
        foreach (var correct in answers)
        {
            belief = parameters.Next(belief, correct);
        }

        return belief.Known;
    }

    [Benchmark(OperationsPerInvoke = Answers, Description = "BktModel.Update")]
    public double ModelUpdate() => Fold(_observations);

    [Benchmark(OperationsPerInvoke = Answers, Description = "BktModel.Update, guess/slip per activity")]
    public double ModelUpdatePerActivity() => Fold(_activityObservations);

    private double Fold(MasteryObservation[] observations)
    {
        var state = default(CompetencyState);
        foreach (ref readonly var observation in observations.AsSpan())
        {
            var step = _model.Update(state, observation);
            state = new CompetencyState(state.EvidenceCount + 1, step.Estimate, observation.Timestamp, observation.Timestamp, step.Memory);
        }

        return state.Memory.Slot0;
    }
}

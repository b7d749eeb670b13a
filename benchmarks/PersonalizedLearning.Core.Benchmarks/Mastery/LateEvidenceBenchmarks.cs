using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Benchmarks.Mastery;

/// <summary>
/// Evidence that arrives late, a retraction and a regrade, against the baseline a host without them would pay: rebuilding
/// the learner's state from the whole log. A learner with <see cref="Pieces"/> pieces of evidence over 50 competencies
/// (a third on a competency, the rest from activities, a tenth of those aligned to two competencies), Canvas's decaying
/// average. The late piece is dated in the middle of the learner's history.
/// </summary>
[MemoryDiagnoser]
public class LateEvidenceBenchmarks
{
    private PersonalizedLearningEngine _engine = null!;
    private LearnerState _learner = null!;
    private Evidence[] _log = [];
    private Evidence[] _withLate = [];
    private Evidence _late = null!;
    private Evidence _newest = null!;
    private Evidence _regrade = null!;
    private EvidenceId _retracted;

    [Params(500, 5_000)]
    public int Pieces { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_engine, _log) = LearnerLogs.Make(Pieces, seed: 42);
        var start = LearnerLogs.Start;
        _learner = _engine.Rebuild("ana", _log);
        _late = Evidence.ForCompetency("late", "ana", "c17", EvidenceOutcome.FromScore(0.3), start.AddDays(50).AddSeconds(1));
        _newest = Evidence.ForCompetency("newest", "ana", "c17", EvidenceOutcome.FromScore(0.3), start.AddDays(200));
        _withLate = [.. _log, _late];
        var middle = _log[_log.Length / 2];
        _retracted = middle.Id;
        _regrade = new Evidence("regrade", "ana", EvidenceOutcome.FromScore(1 - middle.Outcome.Score), middle.Timestamp, middle.Competency, middle.Activity);
    }

    [Benchmark(Baseline = true, Description = "full rebuild with the late piece")]
    public LearnerState FullRebuild() => _engine.Rebuild("ana", _withLate);

    [Benchmark(Description = "Record a late piece (refolds its competency)")]
    public LearnerState RecordLate() => _engine.Record(_learner, _late);

    [Benchmark(Description = "Record the newest piece (folds onward)")]
    public LearnerState RecordNewest() => _engine.Record(_learner, _newest);

    [Benchmark(Description = "Retract a piece from the middle")]
    public LearnerState Retract() => _engine.Retract(_learner, _retracted);

    [Benchmark(Description = "Supersede a piece from the middle (regrade)")]
    public LearnerState Supersede() => _engine.Supersede(_learner, _retracted, _regrade);
}

/// <summary>Generated learner logs shared by the evidence benchmarks and the state-memory measurement.</summary>
internal static class LearnerLogs
{
    public static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An engine over 50 competencies in a chain (an activity per competency, and pair projects aligned to two),
    /// and one learner's shuffled log of <paramref name="pieces"/> pieces over 100 days.</summary>
    public static (PersonalizedLearningEngine Engine, Evidence[] Log) Make(int pieces, int seed, string learner = "ana")
    {
        var engine = Engine();
        return (engine, Log(pieces, seed, learner));
    }

    public static PersonalizedLearningEngine Engine()
    {
        var framework = new CompetencyFrameworkBuilder();
        for (var c = 0; c < 50; c++)
        {
            framework.AddCompetency($"c{c}", $"Competency {c}");
            if (c > 0)
            {
                framework.AddPrerequisite($"c{c - 1}", $"c{c}");
            }
        }

        var built = framework.Build();
        var catalog = new ActivityCatalogBuilder(built);
        for (var c = 0; c < 50; c++)
        {
            catalog.Add(new LearningActivity($"a{c}", $"Practice {c}", ActivityKind.Practice, 10, [new($"c{c}")]));
            catalog.Add(new LearningActivity($"p{c}", $"Project {c}", ActivityKind.Project, 30, [new($"c{c}"), new($"c{(c + 1) % 50}", 0.5)]));
        }

        // The logs span Start to 200 days on; the engine's clock is a year on, so that none of it is from the future.
        return new PersonalizedLearningEngine(catalog.Build(), RollupMasteryModel.DecayingAverage(), timeProvider: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddYears(1)));
    }

    public static Evidence[] Log(int pieces, int seed, string learner)
    {
        var random = new Random(seed);
        var log = new Evidence[pieces];
        for (var i = 0; i < pieces; i++)
        {
            var at = Start.AddMinutes(random.Next(0, 100 * 24 * 60));
            var c = random.Next(50);
            var outcome = EvidenceOutcome.FromScore(random.Next(101) / 100.0);
            var id = $"{learner}-{i:D6}";
            log[i] = (random.Next(30)) switch
            {
                < 10 => Evidence.ForCompetency(id, learner, $"c{c}", outcome, at),
                < 27 => Evidence.ForActivity(id, learner, $"a{c}", outcome, at),
                _ => Evidence.ForActivity(id, learner, $"p{c}", outcome, at),
            };
        }

        return log;
    }
}

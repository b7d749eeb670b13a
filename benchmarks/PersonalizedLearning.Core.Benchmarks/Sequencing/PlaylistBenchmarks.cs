using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Benchmarks.Sequencing;

/// <summary>
/// A playlist through 500 competencies: a generated framework of 2,000 competencies (one to three prerequisites among
/// the 50 before each), five activities each (practice, video, worksheet, project, assessment), a learner who has
/// mastered the first 300 in sequence and a goal whose unmastered prerequisites number about 500. Re-planning follows
/// one piece of evidence that masters the first step, incremental; re-planning after a mastered competency is lost
/// rebuilds (keeping unchanged steps). The baseline builds from scratch on the new state.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PlaylistBenchmarks
{
    private PlaylistRequest _request = null!;
    private PlaylistRequest _after = null!;
    private PlaylistRequest _lost = null!;
    private Playlist _playlist = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int size = 2_000;
        var random = new Random(5);
        var framework = GeneratedFramework.Layered(size, random);
        var engine = new PersonalizedLearningEngine(GeneratedFramework.FourActivitiesEach(framework, random), RollupMasteryModel.Latest());
        var now = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var order = framework.TopologicalOrder;
        var evidence = order.Take(300).SelectMany((c, i) => new[]
        {
            Evidence.ForCompetency($"e{i}a", "ana", c, EvidenceOutcome.Correct, now),
            Evidence.ForCompetency($"e{i}b", "ana", c, EvidenceOutcome.Correct, now),
        }).ToList();
        var state = engine.Rebuild("ana", evidence);

        // The goal whose unmastered closure is nearest to 500 competencies.
        var goal = order.Skip(300).OrderBy(c => Math.Abs(framework.GetPrerequisiteClosure([c]).Count(p => !order.Take(300).Contains(p)) - 500)).First();
        var options = new PlaylistOptions(sessionMinutes: 45);
        _request = new PlaylistRequest(engine.Catalog, engine.Assess(state, now), [new LearningGoal(goal, now.AddDays(90))], options);
        _playlist = PlaylistBuilder.Default.Build(_request);
        var first = _playlist.Steps[0].Competency;
        var next = engine.Record(engine.Record(state, Evidence.ForCompetency("n1", "ana", first, EvidenceOutcome.Correct, now)), Evidence.ForCompetency("n2", "ana", first, EvidenceOutcome.Correct, now));
        _after = new PlaylistRequest(engine.Catalog, engine.Assess(next, now), _request.Goals, options);
        var lastMastered = order[299];
        _lost = new PlaylistRequest(engine.Catalog, engine.Assess(engine.Record(state, Evidence.ForCompetency("lost", "ana", lastMastered, EvidenceOutcome.Incorrect, now)), now), _request.Goals, options);
        Console.WriteLine($"// playlist steps: {_playlist.Steps.Length}, sessions: {_playlist.Sessions.Length}");
    }

    [Benchmark(Baseline = true, Description = "build from scratch after one piece of evidence")]
    public Playlist BuildAfter() => PlaylistBuilder.Default.Build(_after);

    [Benchmark(Description = "build a playlist")]
    public Playlist Build() => PlaylistBuilder.Default.Build(_request);

    [Benchmark(Description = "re-plan after one piece of evidence")]
    public Playlist Replan() => PlaylistBuilder.Default.Replan(_playlist, _after);

    [Benchmark(Description = "re-plan after losing a mastered competency (rebuilds)")]
    public Playlist ReplanAfterLoss() => PlaylistBuilder.Default.Replan(_playlist, _lost);
}

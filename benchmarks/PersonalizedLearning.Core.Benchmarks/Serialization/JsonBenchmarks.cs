using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Benchmarks.Interop;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Benchmarks.Serialization;

/// <summary>
/// Reading and writing the documents a product stores, through <see cref="PersonalizedLearningJson"/>: a learner state
/// of 600 pieces of evidence, a playlist of about 500 steps and the learning plan drafted from it, and ten next steps.
/// The setup is <see cref="Sequencing.PlaylistBenchmarks"/>'s (a generated framework of 2,000 competencies, four
/// activities each, a learner who has mastered the first 300). Each document is a category whose baseline parses the
/// same text with <see cref="JsonDocument"/> and does nothing else, the least any reader must do; the ratios say what
/// the library's reading costs on top (building the values, and the checks that refuse a document no library call
/// makes: a playlist's steps rebuilt and compared, a plan's history, a result's rules).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonBenchmarks
{
    private ActivityCatalog _catalog = null!;
    private LearnerState _state = null!;
    private Playlist _playlist = null!;
    private LearningPlan _plan = null!;
    private NextStepResult _next;
    private string _stateJson = null!;
    private string _playlistJson = null!;
    private string _planJson = null!;
    private string _nextJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int size = 2_000;
        var random = new Random(5);
        var framework = GeneratedFramework.Layered(size, random);
        var engine = new PersonalizedLearningEngine(GeneratedFramework.FourActivitiesEach(framework, random), RollupMasteryModel.Latest());
        _catalog = engine.Catalog;
        var now = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var order = framework.TopologicalOrder;
        var evidence = order.Take(300).SelectMany((c, i) => new[]
        {
            Evidence.ForCompetency($"e{i}a", "ana", c, EvidenceOutcome.Correct, now.AddMinutes(2 * i)),
            Evidence.ForActivity($"e{i}b", "ana", $"{c}-check", EvidenceOutcome.FromScore(0.9), now.AddMinutes((2 * i) + 1)),
        }).ToList();
        _state = engine.Rebuild("ana", evidence);

        var goal = order.Skip(300).OrderBy(c => Math.Abs(framework.GetPrerequisiteClosure([c]).Count(p => !order.Take(300).Contains(p)) - 500)).First();
        var request = new PlaylistRequest(engine.Catalog, engine.Assess(_state, now), [new LearningGoal(goal, now.AddDays(90))], new PlaylistOptions(sessionMinutes: 45));
        _playlist = PlaylistBuilder.Default.Build(request);
        _plan = new LearningPlanner().Draft(request);
        _next = engine.RecommendNext(_state, count: 10, asOf: now);

        _stateJson = PersonalizedLearningJson.Serialize(_state);
        _playlistJson = PersonalizedLearningJson.Serialize(_playlist);
        _planJson = PersonalizedLearningJson.Serialize(_plan);
        _nextJson = PersonalizedLearningJson.Serialize(_next);
        Console.WriteLine($"// evidence: {_state.Evidence.Length}, playlist steps: {_playlist.Steps.Length}, next steps: {_next.Steps.Length}; "
            + $"characters: state {_stateJson.Length:N0}, playlist {_playlistJson.Length:N0}, plan {_planJson.Length:N0}, next steps {_nextJson.Length:N0}");
    }

    [Benchmark(Baseline = true, Description = "parse only (JsonDocument)")]
    [BenchmarkCategory("learner state")]
    public int ParseState() => Parse(_stateJson);

    [Benchmark(Description = "read")]
    [BenchmarkCategory("learner state")]
    public LearnerState ReadState() => PersonalizedLearningJson.Deserialize<LearnerState>(_stateJson);

    [Benchmark(Description = "write")]
    [BenchmarkCategory("learner state")]
    public string WriteState() => PersonalizedLearningJson.Serialize(_state);

    [Benchmark(Baseline = true, Description = "parse only (JsonDocument)")]
    [BenchmarkCategory("playlist")]
    public int ParsePlaylist() => Parse(_playlistJson);

    [Benchmark(Description = "read")]
    [BenchmarkCategory("playlist")]
    public Playlist ReadPlaylist() => PersonalizedLearningJson.DeserializePlaylist(_playlistJson, _catalog);

    [Benchmark(Description = "write")]
    [BenchmarkCategory("playlist")]
    public string WritePlaylist() => PersonalizedLearningJson.Serialize(_playlist);

    [Benchmark(Baseline = true, Description = "parse only (JsonDocument)")]
    [BenchmarkCategory("learning plan")]
    public int ParsePlan() => Parse(_planJson);

    [Benchmark(Description = "read")]
    [BenchmarkCategory("learning plan")]
    public LearningPlan ReadPlan() => PersonalizedLearningJson.DeserializeLearningPlan(_planJson, _catalog);

    [Benchmark(Baseline = true, Description = "parse only (JsonDocument)")]
    [BenchmarkCategory("next steps")]
    public int ParseNext() => Parse(_nextJson);

    [Benchmark(Description = "read")]
    [BenchmarkCategory("next steps")]
    public NextStepResult ReadNext() => PersonalizedLearningJson.Deserialize<NextStepResult>(_nextJson);

    [Benchmark(Description = "read with JsonSerializer and the library's options")]
    [BenchmarkCategory("next steps")]
    public NextStepResult ReadNextWithOptions() => JsonSerializer.Deserialize<NextStepResult>(_nextJson, PersonalizedLearningJson.Options);

    private static int Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetArrayLength2();
    }
}

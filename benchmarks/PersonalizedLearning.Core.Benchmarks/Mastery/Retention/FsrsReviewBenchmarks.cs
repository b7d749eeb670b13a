using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Mastery.Retention;

namespace PersonalizedLearning.Benchmarks.Mastery.Retention;

/// <summary>
/// One FSRS-6 review per call (1,000 reviews of a card in Review state per invocation, a day apart, mixed ratings).
/// The baseline is the retrievability alone (one power); a review adds the stability and difficulty updates, the four
/// ordered intervals and the new card.
/// </summary>
[MemoryDiagnoser]
public class FsrsReviewBenchmarks
{
    private const int Reviews = 1_000;
    private readonly FsrsScheduler _scheduler = FsrsScheduler.Default;
    private FsrsCard _card;
    private FsrsRating[] _ratings = [];
    private DateTimeOffset _start;
    private DateTimeOffset[] _times = [];

    [GlobalSetup]
    public void Setup()
    {
        _start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        _card = new FsrsScheduler(FsrsParameters.Default with { EnableShortTerm = false }).Review(FsrsCard.New(_start), FsrsRating.Good, _start).Card;
        var random = new Random(5);
        _ratings = [.. Enumerable.Range(0, Reviews).Select(_ => (FsrsRating)random.Next(2, 5))];
        _times = [.. Enumerable.Range(0, Reviews).Select(i => _start.AddDays(1 + (i & 7)).AddMinutes(i % 300))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Reviews, Description = "retrievability only")]
    public double RetrievabilityOnly()
    {
        var sum = 0.0;
        for (var i = 0; i < Reviews; i++)
        {
            sum += _scheduler.Retrievability(1 + (i & 7), 10.5);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Reviews, Description = "FsrsScheduler.Review")]
    public double Review()
    {
        var sum = 0.0;
        for (var i = 0; i < Reviews; i++)
        {
            // Every review starts from the same Review-state card, so each one does the full long-term update.
            sum += _scheduler.Review(_card, _ratings[i], _times[i]).Card.Stability;
        }

        return sum;
    }
}

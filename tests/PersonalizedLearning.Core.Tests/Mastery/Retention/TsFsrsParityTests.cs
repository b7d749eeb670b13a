using System.Globalization;
using System.Text.Json;
using PersonalizedLearning.Mastery.Retention;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.Retention;

/// <summary>
/// Parity with ts-fsrs 5.4.2 (FSRS-6), the reference TypeScript implementation: replaying
/// <c>../shared/data/fsrs/sample_logs.json</c> gives the schedules ts-fsrs computed for it.
/// </summary>
public sealed class TsFsrsParityTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("sample_out_default.json", true)]
    [InlineData("sample_out_no_short_term.json", false)]
    public void Replay_SampleLogs_MatchesTsFsrsTo1e6(string expectedFile, bool shortTerm)
    {
        using var logs = JsonDocument.Parse(File.ReadAllText(SharedData.Require("fsrs/sample_logs.json")));
        using var expected = JsonDocument.Parse(File.ReadAllText(SharedData.Require($"fsrs/{expectedFile}")));
        var parameters = expected.RootElement.GetProperty("params");
        parameters.GetProperty("enable_short_term").GetBoolean().Should().Be(shortTerm);
        parameters.GetProperty("w").EnumerateArray().Select(w => w.GetDouble()).Should().Equal(FsrsParameters.DefaultWeights);
        var scheduler = new FsrsScheduler(FsrsParameters.Default with { EnableShortTerm = shortTerm });

        var cards = new Dictionary<string, FsrsCard>();
        var reviews = expected.RootElement.GetProperty("reviews").EnumerateArray().ToList();
        var log = logs.RootElement.EnumerateArray().ToList();
        log.Should().HaveSameCount(reviews);
        var worst = 0.0;
        for (var i = 0; i < log.Count; i++)
        {
            var id = log[i].GetProperty("card_id").GetString()!;
            var at = DateTimeOffset.Parse(log[i].GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            var card = cards.TryGetValue(id, out var c) ? c : FsrsCard.New(at);
            var review = scheduler.Review(card, (FsrsRating)log[i].GetProperty("rating").GetInt32(), at);
            cards[id] = review.Card;

            var e = reviews[i];
            review.StateBefore.ToString().Should().Be(e.GetProperty("state_before").GetString(), $"review {i}");
            review.Card.State.ToString().Should().Be(e.GetProperty("state").GetString(), $"review {i}");
            review.ElapsedDays.Should().Be(e.GetProperty("elapsed_days").GetInt32(), $"review {i}");
            review.Card.Reps.Should().Be(e.GetProperty("reps").GetInt32());
            review.Card.Lapses.Should().Be(e.GetProperty("lapses").GetInt32());
            review.Card.LearningStep.Should().Be(e.GetProperty("learning_steps").GetInt32(), $"review {i}");
            review.Card.ScheduledDays.Should().Be(e.GetProperty("scheduled_days").GetInt32(), $"review {i}");
            review.Card.Due.Should().Be(DateTimeOffset.Parse(e.GetProperty("due").GetString()!, CultureInfo.InvariantCulture), $"review {i}");
            review.Interval.TotalDays.Should().BeApproximately(e.GetProperty("interval_days").GetDouble(), 1e-9);
            var diffs = new[]
            {
                Math.Abs(review.Card.Stability - e.GetProperty("stability").GetDouble()),
                Math.Abs(review.Card.Difficulty - e.GetProperty("difficulty").GetDouble()),
                e.GetProperty("retrievability_before").ValueKind == JsonValueKind.Null
                    ? (review.RetrievabilityBefore is null ? 0 : 1)
                    : Math.Abs(review.RetrievabilityBefore!.Value - e.GetProperty("retrievability_before").GetDouble()),
            };
            worst = Math.Max(worst, diffs.Max());
            diffs.Should().OnlyContain(d => d <= 1e-6, $"review {i} of card {id}");
        }

        output.WriteLine($"{log.Count} reviews; largest difference in stability, difficulty or retrievability: {worst:E2}");
    }
}

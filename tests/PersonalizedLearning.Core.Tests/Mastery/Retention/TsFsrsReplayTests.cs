using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using PersonalizedLearning.Mastery.Retention;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.Retention;

/// <summary>
/// Differential test against ts-fsrs 5.4.2 (FSRS-6, fuzz off) on generated histories: every review of
/// <c>Fixtures/ts-fsrs-5.4.2-replay.json.gz</c> (made by <c>eng/fsrs/make-replay-fixture.sh</c> from the npm package:
/// 10 scheduler settings, 400 cards, 5,974 reviews at every state, rating and gap) must come out as ts-fsrs computed it.
/// </summary>
public sealed class TsFsrsReplayTests(ITestOutputHelper output)
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Mastery", "Retention", "Fixtures", "ts-fsrs-5.4.2-replay.json.gz");

    [Fact]
    public void Replay_GeneratedHistories_EveryFieldEqualsTsFsrs()
    {
        using var fixture = Load();
        var mismatches = new List<string>();
        var reviews = 0;
        foreach (var setting in fixture.RootElement.GetProperty("settings").EnumerateArray())
        {
            var scheduler = new FsrsScheduler(ParametersOf(setting.GetProperty("parameters")));
            var name = setting.GetProperty("name").GetString();
            var c = 0;
            foreach (var history in setting.GetProperty("cards").EnumerateArray())
            {
                var card = FsrsCard.New(Time(history.GetProperty("created")));
                var i = 0;
                foreach (var e in history.GetProperty("reviews").EnumerateArray())
                {
                    var review = scheduler.Review(card, (FsrsRating)e.GetProperty("rating").GetInt32(), Time(e.GetProperty("at")));
                    card = review.Card;
                    reviews++;
                    var where = $"{name}, card {c}, review {i} ({e.GetProperty("gap").GetString()}, {e.GetProperty("stateBefore").GetString()} rated {e.GetProperty("rating").GetInt32()})";
                    var expectedR = e.GetProperty("retrievabilityBefore");
                    var problems = new List<string>();
                    void Check(string field, object ours, object theirs)
                    {
                        if (!Equals(ours, theirs))
                        {
                            problems.Add($"{field} {ours} vs {theirs}");
                        }
                    }

                    void Near(string field, double? ours, double? theirs)
                    {
                        if (ours is null != theirs is null || (ours is { } a && theirs is { } b && !(Math.Abs(a - b) <= 1e-8)))
                        {
                            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{field} {ours:R} vs {theirs:R}"));
                        }
                    }

                    Check("state before", review.StateBefore.ToString(), e.GetProperty("stateBefore").GetString()!);
                    Check("elapsed days", review.ElapsedDays, e.GetProperty("elapsedDays").GetInt32());
                    Check("state", card.State.ToString(), e.GetProperty("state").GetString()!);
                    Check("step", card.LearningStep, e.GetProperty("step").GetInt32());
                    Check("due", card.Due, Time(e.GetProperty("due")));
                    Check("scheduled days", card.ScheduledDays, e.GetProperty("scheduledDays").GetInt32());
                    Check("reps", card.Reps, e.GetProperty("reps").GetInt32());
                    Check("lapses", card.Lapses, e.GetProperty("lapses").GetInt32());
                    Near("S", card.Stability, e.GetProperty("stability").GetDouble());
                    Near("D", card.Difficulty, e.GetProperty("difficulty").GetDouble());
                    Near("R", review.RetrievabilityBefore, expectedR.ValueKind == JsonValueKind.Null ? null : expectedR.GetDouble());
                    if (problems.Count > 0)
                    {
                        mismatches.Add($"{where}: {string.Join("; ", problems)}");
                        // Later reviews of a card that went wrong only repeat the fault; go on with ts-fsrs's card.
                        card = ExpectedCard(e, card);
                    }

                    i++;
                }

                c++;
            }
        }

        output.WriteLine($"{reviews} reviews, {mismatches.Count} differ");
        foreach (var m in mismatches.Take(40))
        {
            output.WriteLine(m);
        }

        reviews.Should().Be(fixture.RootElement.GetProperty("reviews").GetInt32()).And.BeGreaterThanOrEqualTo(5000);
        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Fixture_CoversEveryStateRatingAndGap_UnderBothShortTermSettings()
    {
        using var fixture = Load();
        var seen = new HashSet<(bool ShortTerm, string State, int Rating, string Gap)>();
        var daySteps = false;
        foreach (var setting in fixture.RootElement.GetProperty("settings").EnumerateArray())
        {
            var parameters = ParametersOf(setting.GetProperty("parameters"));
            daySteps |= parameters.EnableShortTerm && parameters.LearningSteps.Concat(parameters.RelearningSteps).Any(s => s >= TimeSpan.FromDays(1));
            foreach (var review in setting.GetProperty("cards").EnumerateArray().SelectMany(h => h.GetProperty("reviews").EnumerateArray()))
            {
                seen.Add((parameters.EnableShortTerm, review.GetProperty("stateBefore").GetString()!, review.GetProperty("rating").GetInt32(), review.GetProperty("gap").GetString()!));
            }
        }

        daySteps.Should().BeTrue();
        string[] gaps = ["same minute", "same day", "at due", "next day", "weeks", "overdue"];
        foreach (var shortTerm in new[] { true, false })
        {
            // Without short-term memory a card never stays in Learning or Relearning.
            var states = shortTerm ? new[] { "Learning", "Relearning", "Review" } : ["Review"];
            var missing = (from state in states from rating in Enumerable.Range(1, 4) from gap in gaps
                           where !seen.Contains((shortTerm, state, rating, gap)) select $"{state} rated {rating} after {gap}").ToList();
            missing.Should().BeEmpty($"short-term memory {(shortTerm ? "on" : "off")}");
            Enumerable.Range(1, 4).Where(rating => !seen.Contains((shortTerm, "New", rating, "first"))).Should().BeEmpty();
        }
    }

    private static JsonDocument Load()
    {
        using var file = File.OpenRead(FixturePath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }

    private static DateTimeOffset Time(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static FsrsParameters ParametersOf(JsonElement p) => new()
    {
        Weights = [.. p.GetProperty("w").EnumerateArray().Select(w => w.GetDouble())],
        DesiredRetention = p.GetProperty("request_retention").GetDouble(),
        MaximumInterval = p.GetProperty("maximum_interval").GetInt32(),
        EnableShortTerm = p.GetProperty("enable_short_term").GetBoolean(),
        LearningSteps = Steps(p.GetProperty("learning_steps")),
        RelearningSteps = Steps(p.GetProperty("relearning_steps")),
    };

    // ts-fsrs's step strings: a whole number of minutes, hours or days ("10m", "1h", "2d").
    private static ImmutableArray<TimeSpan> Steps(JsonElement steps) => [.. steps.EnumerateArray().Select(s =>
    {
        var text = s.GetString()!;
        var value = int.Parse(text[..^1], CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => throw new FormatException(text),
        };
    })];

    private static FsrsCard ExpectedCard(JsonElement e, FsrsCard ours) => ours with
    {
        State = Enum.Parse<FsrsState>(e.GetProperty("state").GetString()!),
        LearningStep = e.GetProperty("step").GetInt32(),
        Due = Time(e.GetProperty("due")),
        ScheduledDays = e.GetProperty("scheduledDays").GetInt32(),
        Reps = e.GetProperty("reps").GetInt32(),
        Lapses = e.GetProperty("lapses").GetInt32(),
        Stability = e.GetProperty("stability").GetDouble(),
        Difficulty = e.GetProperty("difficulty").GetDouble(),
    };
}

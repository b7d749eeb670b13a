// LevelUp: a learner levels up on a competency, forgets it over the weeks ("respawning"), is asked to review it,
// and gets review credit from using it in a later competency.
// Run it with: dotnet run --project samples/LevelUp
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 130;
}

// 1. Three fractions competencies, each the prerequisite of the next.
var framework = new CompetencyFrameworkBuilder("Fractions")
    .AddCompetency("F3", "Understand a/b as a parts of size 1/b", code: "3.NF.A.1")
    .AddCompetency("F5", "Recognise equivalent fractions", code: "3.NF.A.3")
    .AddCompetency("F8", "Compare fractions with unlike denominators", code: "4.NF.A.2")
    .AddPrerequisite("F3", "F5").AddPrerequisite("F5", "F8")
    .Build();

// 2. Khan Academy's levels, and FSRS-6 for memory (day-based, as a school would schedule reviews).
var levels = LevelProgression.Default;
var reviews = new ReviewScheduler(framework, new FsrsScheduler(FsrsParameters.Default with { EnableShortTerm = false }));
var memory = ImmutableSortedDictionary<CompetencyId, FsrsCard>.Empty;
var level = MasteryLevel.NotStarted;
var day0 = new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);
var timeline = new Table().Title("Ana on F5, equivalent fractions").AddColumns("date", "what happened", "level", "recall", "why");

void Show(DateTimeOffset at, string what, LevelTransition t, double? recall)
    => timeline.AddRow(Day(at), what,
        t.LeveledUp ? $"[green]{t.To}[/]" : t.LeveledDown ? $"[red]{t.To}[/]" : t.To.ToString(),
        recall is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "", Markup.Escape(t.Reason));

// 3. Leveling up: three practices, then a mixed assessment. Each piece of evidence is also a review for FSRS.
foreach (var (day, correct) in new[] { (0, 6), (1, 8), (2, 10) })
{
    var t = levels.AfterPractice(level, correct, 10);
    level = t.To;
    memory = reviews.Record(memory, "F5", EvidenceOutcome.FromPoints(correct, 10), day0.AddDays(day)).Memory;
    Show(day0.AddDays(day), $"practice, {correct}/10 right", t, null);
}

var quiz = levels.AfterAssessmentAnswer(level, correct: true);
level = quiz.To;
memory = reviews.Record(memory, "F5", EvidenceOutcome.Correct, day0.AddDays(4)).Memory;
Show(day0.AddDays(4), "mixed quiz, right", quiz, null);

// 4. Forgetting: recall fades; below 0.9 a review is due; below 0.7 the level shows as Proficient ("respawn").
var shown = level;
foreach (var days in new[] { 10, 40, 150, 300 })
{
    var at = day0.AddDays(4 + days);
    var recall = reviews.Scheduler.Retrievability(memory["F5"], at)!.Value;
    var (t, due) = levels.AfterTime(level, recall);
    shown = t.To;
    Show(at, due ? "[yellow]asked to review[/]" : "time passes", t, recall);
}

// 5. The review: right again, so the level is earned back and the next review is further away.
var reviewAt = day0.AddDays(304);
var (after, made) = reviews.Record(memory, "F5", EvidenceOutcome.Correct, reviewAt);
memory = after;
Show(reviewAt, "review, right", new LevelTransition(shown, MasteryLevel.Mastered, "reviewed: recall back to 1.00"), 1.0);
AnsiConsole.Write(timeline);
AnsiConsole.MarkupLineInterpolated($"Next review of F5 due {Day(memory["F5"].Due)} (stability {memory["F5"].Stability.ToString("0.0", CultureInfo.InvariantCulture)} days; recall was {made[0].Review.RetrievabilityBefore?.ToString("0.00", CultureInfo.InvariantCulture)} when reviewed).");

// 6. Using F5 inside F8 counts as a review of F5 too (rated Hard): prerequisites are practised by what builds on them.
var useAt = reviewAt.AddDays(20);
var (withF8, credited) = reviews.Record(memory, "F8", EvidenceOutcome.FromScore(0.8), useAt);
var credit = new Table().Title("Practising F8 also reviews its prerequisite").AddColumns("competency", "rating", "recall before", "stability before (days)", "stability after (days)");
foreach (var (competency, review) in credited)
{
    credit.AddRow(competency.Value, review.Rating.ToString(), review.RetrievabilityBefore?.ToString("0.00", CultureInfo.InvariantCulture) ?? "new",
        memory.TryGetValue(competency, out var before) ? before.Stability.ToString("0.0", CultureInfo.InvariantCulture) : "-",
        review.Card.Stability.ToString("0.0", CultureInfo.InvariantCulture));
}

AnsiConsole.Write(credit);

// 7. What is due on the first day of the next term, most forgotten first. A competency with no review history has no
//    recall to fall, so it is never due: it is listed as not reviewed yet, without a figure.
var term = useAt.AddDays(90);
var dueNextTerm = reviews.DueReviews(withF8, term);
var notReviewed = framework.Competencies.Select(c => c.Id).Where(c => !withF8.ContainsKey(c)).ToList();
AnsiConsole.WriteLine($"Due for review on {Day(term)}: {(dueNextTerm.IsEmpty ? "nothing" : string.Join(", ", dueNextTerm.Select(d => $"{d.Competency} (recall {d.Retrievability.ToString("0.00", CultureInfo.InvariantCulture)})")))}."
    + (notReviewed.Count == 0 ? string.Empty : $" Not reviewed yet, so no recall to track: {string.Join(", ", notReviewed)}."));

static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

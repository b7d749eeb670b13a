// LearningPlan: one learner's personalized learning plan (pathway, sessions, pacing against her dates and the state
// test) and the teacher's view of the class (small groups by next step, levels, stuck learners).
// Run it with: dotnet run --project samples/LearningPlan
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// 1. A grade 6 unit on ratios and rates (Common Core 6.RP), with prerequisites.
var framework = new CompetencyFrameworkBuilder("Ratios and proportional relationships, grade 6")
    .AddCompetency("R1", "Describe a ratio relationship with ratio language", code: "6.RP.A.1")
    .AddCompetency("R2", "Understand a unit rate a/b for a ratio a:b", code: "6.RP.A.2")
    .AddCompetency("R3", "Make tables of equivalent ratios", code: "6.RP.A.3a")
    .AddCompetency("R4", "Plot ratio tables on the coordinate plane", code: "6.RP.A.3a")
    .AddCompetency("R5", "Solve unit rate problems, including unit pricing", code: "6.RP.A.3b")
    .AddCompetency("R6", "Find a percent of a quantity as a rate per 100", code: "6.RP.A.3c")
    .AddCompetency("R7", "Convert measurement units with ratio reasoning", code: "6.RP.A.3d")
    .AddCompetency("R8", "Solve percent problems: find the whole from a part", code: "6.RP.A.3c")
    .AddPrerequisite("R1", "R2").AddPrerequisite("R1", "R3").AddPrerequisite("R3", "R4").AddPrerequisite("R2", "R5")
    .AddPrerequisite("R3", "R5").AddPrerequisite("R5", "R6").AddPrerequisite("R5", "R7").AddPrerequisite("R6", "R8")
    .Build();

// 2. Activities of several kinds and modalities for each competency, a checkpoint each, and one project.
var catalog = new ActivityCatalogBuilder(framework);
foreach (var competency in framework.Competencies)
{
    var id = competency.Id.Value.ToLowerInvariant();
    catalog.Add(new LearningActivity($"{id}-video", $"Watch: {competency.Title}", ActivityKind.Video, 8, [new(competency.Id)], LearningModality.Media));
    catalog.Add(new LearningActivity($"{id}-practice", $"Practise: {competency.Title}", ActivityKind.Practice, 20, [new(competency.Id)]));
    catalog.Add(new LearningActivity($"{id}-mini-lesson", $"Mini-lesson: {competency.Title}", ActivityKind.Lesson, 15, [new(competency.Id)], LearningModality.TeacherLed));
    catalog.Add(new LearningActivity($"{id}-check", $"Checkpoint {competency.Code}: {competency.Title}", ActivityKind.Assessment, 10, [new(competency.Id)]));
}

catalog.Add(new LearningActivity("grocery-project", "Project: best buy at the grocery store", ActivityKind.Project, 60,
    [new("R5", 0.5), new("R6", 0.5)], LearningModality.Collaborative));
var engine = new PersonalizedLearningEngine(catalog.Build(), RollupMasteryModel.DecayingAverage(0.65));

// 3. A class of eight, each with a timed evidence history: how far they got and how fast they work (actual ÷
//    estimated minutes) are seeded, so every run prints the same.
var start = new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);
var today = start.AddDays(21);
var random = new Random(6);
var order = framework.TopologicalOrder;
var names = new[] { "maya", "leo", "ines", "sam", "noor", "ben", "ada", "kofi" };
var logs = new Dictionary<LearnerId, List<Evidence>>();
foreach (var name in names)
{
    var log = new List<Evidence>();
    var reached = name == "maya" ? 4 : random.Next(1, 6);
    var pace = 0.8 + (random.NextDouble() * 0.8);
    for (var i = 0; i <= reached && i < order.Length; i++)
    {
        var id = order[i].Value.ToLowerInvariant();
        var day = start.AddDays(i * 4);
        var strong = i < reached;
        log.Add(Timed($"{name}-{i}-p", name, $"{id}-practice", strong ? 0.9 : 0.4, day, 20 * pace));
        log.Add(Timed($"{name}-{i}-c", name, $"{id}-check", strong ? 1.0 : 0.5, day.AddDays(1), 10 * pace));
        if (strong)
        {
            log.Add(Timed($"{name}-{i}-c2", name, $"{id}-check", 1.0, day.AddDays(2), 10 * pace));
        }
        else if (name == "kofi")
        {
            for (var k = 0; k < 9; k++)
            {
                log.Add(Timed($"{name}-{i}-retry{k}", name, $"{id}-practice", 0.3, day.AddDays(2), 20 * pace)); // wheel-spinning
            }
        }
    }

    logs[name] = log;
}

var snapshots = names.Select(n => engine.Assess(engine.Rebuild(n, logs[n]), today)).ToList();

// 4. Maya's plan: percent by the end of term, unit conversion sooner, a milestone, and the state test.
//    She has extended time (time and a half); the planner's clock says "today".
var clock = new ManualClock(today);
var planner = new LearningPlanner(clock: clock);
var maya = snapshots[0];
var options = new PlaylistOptions(AgencyLevel.Choice, choicesPerStep: 3, sessionMinutes: 45);
ImmutableArray<LearningGoal> goals = [new("R8", new DateTimeOffset(2026, 12, 18, 15, 0, 0, TimeSpan.Zero)), new("R7", new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero))];
var accommodations = new LearnerAccommodations(extendedTimeFactor: 1.5);
var plan = planner.Draft(new PlaylistRequest(engine.Catalog, maya, goals, options, accommodations),
    [new PlanMilestone("Unit rates", new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero), ["R5"])],
    new ExternalDeadline("State test", new DateTimeOffset(2026, 12, 11, 9, 0, 0, TimeSpan.Zero)));
plan = planner.Activate(plan);

var steps = new Table().Title($"[bold]Maya's pathway[/] ({plan.Pathway.Steps.Length} steps, {plan.Pathway.TotalMinutes:0} min with extended time)")
    .AddColumns("#", "Step", "Choose one of", "Checkpoint", "Min");
for (var i = 0; i < plan.Pathway.Steps.Length; i++)
{
    var step = plan.Pathway.Steps[i];
    var competencies = step.Kind == PlaylistStepKind.Project ? step.DependsOn : [step.Competency]; // a project integrates several
    steps.AddRow($"{i + 1}", Markup.Escape($"{step.Kind} {string.Join(" + ", competencies.Select(c => $"{c} {framework.GetCompetency(c).Code}"))}"),
        Markup.Escape(string.Join(" | ", step.Choices.Select(c => $"{c.Kind} ({c.Modality})"))), Markup.Escape(step.Checkpoint?.Title ?? "-"), $"{step.Minutes:0}");
}

AnsiConsole.Write(steps);

// Sessions are cut at the budget between activities, never inside one: an activity longer than the budget (here the
// 60-minute project, 90 with extended time) gets a session of its own, marked over budget.
var budget = options.SessionMinutes!.Value;
foreach (var (session, n) in plan.Pathway.Sessions.Take(3).Select((s, n) => (s, n + 1)))
{
    var over = session.OverBudget ? $", a session of its own: longer than the {budget:0}-minute budget" : string.Empty;
    AnsiConsole.MarkupLine(Markup.Escape($"Session {n} ({session.Minutes:0} min{over}): {string.Join(", ", session.Items.Select(i => $"{i.Activity.Title} ({i.Minutes:0} min)"))}"));
}

var overBudget = plan.Pathway.Sessions.Count(s => s.OverBudget);
AnsiConsole.MarkupLine($"[grey]… {plan.Pathway.Sessions.Length} sessions in all: at most {budget:0} minutes each"
    + (overBudget == 0 ? "." : $", except {overBudget} with a single activity longer than that.") + "[/]");

// 5. Pacing: at 50 minutes a week, from Maya's own pace on her timed evidence.
var pacing = new PacingOptions(minutesPerWeek: 50);
Print(planner.Project(plan, pacing, [.. logs["maya"]]), "today");

// 6. A week later: Maya masters the first step and fails the next checkpoint; the plan re-plans (remediation of the
//    weakest prerequisite comes first) and records the change.
clock.Now = today.AddDays(7);
var first = plan.Pathway.Steps[0];
var second = plan.Pathway.Steps.First(s => s.Competency != first.Competency && s.Checkpoint is not null);
logs["maya"].AddRange([
    Timed("maya-w1", "maya", first.Choices[0].Id.Value, 0.9, clock.Now.AddDays(-3), first.Choices[0].EstimatedMinutes * 1.4),
    Timed("maya-w2", "maya", first.Checkpoint!.Id.Value, 1.0, clock.Now.AddDays(-2), 14),
    Timed("maya-w3", "maya", first.Checkpoint!.Id.Value, 1.0, clock.Now.AddDays(-2), 12),
    Timed("maya-w4", "maya", second.Checkpoint!.Id.Value, 0.3, clock.Now.AddDays(-1), 15)]);
var mayaNow = engine.Assess(engine.Rebuild("maya", logs["maya"]), clock.Now);
plan = planner.Update(plan, new PlaylistRequest(engine.Catalog, mayaNow, goals, options, accommodations, [.. logs["maya"].TakeLast(4)]));
Print(planner.Project(plan, pacing, [.. logs["maya"]]), "a week later");
var history = new Table().Title("[bold]Plan history[/]").AddColumns("When", "Change", "What");
foreach (var change in plan.History)
{
    history.AddRow($"{change.At:yyyy-MM-dd}", change.Kind.ToString(), Markup.Escape(change.Summary));
}

AnsiConsole.Write(history);

// 7. The teacher's view: small groups of at most three learners who share the next step of their own plans, then the
//    class's levels per competency and who is stuck.
snapshots[0] = mayaNow;
var nextSteps = snapshots.Select(s =>
{
    var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(engine.Catalog, s, [new LearningGoal("R8")], options));
    return (s.Learner, playlist.Steps.IsEmpty ? (CompetencyId?)null : playlist.Steps[0].Competency);
});
var groups = SmallGroups.Form(framework, nextSteps, maximumSize: 3);
var groupTable = new Table().Title("[bold]Small groups for tomorrow[/]").AddColumns("Teach", "Learners");
foreach (var group in groups.Groups)
{
    groupTable.AddRow(Markup.Escape($"{group.Competency} {framework.GetCompetency(group.Competency).Title}"), string.Join(", ", group.Learners));
}

AnsiConsole.Write(groupTable);
AnsiConsole.MarkupLine($"Working on their own: {(groups.Ungrouped.IsEmpty ? "nobody" : string.Join(", ", groups.Ungrouped))}.");

var overview = ClassOverview.Create(snapshots, wheelSpinningAttempts: 8);
var levels = new Table().Title($"[bold]Class overview[/] ({overview.Learners} learners)").AddColumns("Competency", "Not started", "Attempted", "Familiar", "Proficient", "Mastered");
foreach (var row in overview.Rows)
{
    levels.AddRow(row.Competency.Value, $"{row.NotStarted}", $"{row.Attempted}", $"{row.Familiar}", $"{row.Proficient}", $"{row.Mastered}");
}

AnsiConsole.Write(levels);
foreach (var stuck in overview.Stuck)
{
    AnsiConsole.MarkupLine($"[yellow]Stuck:[/] {stuck.Learner} on {stuck.Competency} after {stuck.Attempts} attempts ({stuck.Level}): time for one-to-one help.");
}

static Evidence Timed(string id, string learner, string activity, double score, DateTimeOffset when, double minutes) =>
    new(id, learner, EvidenceOutcome.FromScore(score), when, activity: activity, duration: TimeSpan.FromMinutes(Math.Round(minutes)));

static void Print(PacingProjection projection, string when)
{
    var pace = projection.Pace.IsObserved
        ? $"her observed pace, {projection.Pace.Factor:0.00}× the estimates over {projection.Pace.TimedEvidence} timed activities"
        : $"the expected pace, {projection.Pace.Factor:0.00}× the estimates";
    var table = new Table().Title($"[bold]Pacing {when}[/] ({projection.AsOf:yyyy-MM-dd}, {projection.MinutesPerWeek:0} min/week at {pace})")
        .AddColumns("Goal", "Status", "Why");
    foreach (var goal in projection.Goals)
    {
        table.AddRow(goal.Competency.Value, Colour(goal.Forecast.Status), Markup.Escape(goal.ToString()));
    }

    foreach (var milestone in projection.Milestones)
    {
        table.AddRow(Markup.Escape(milestone.Milestone.Title), Colour(milestone.Forecast.Status), Markup.Escape(milestone.ToString()));
    }

    AnsiConsole.Write(table);
    if (projection.ExtraMinutesPerWeek is { } extra && extra > 0)
    {
        AnsiConsole.MarkupLine($"To be back on track: {projection.Overall.RequiredMinutesPerWeek:0} min/week ({extra:0} more).");
    }

    if (projection.Deadline is { } deadline)
    {
        AnsiConsole.MarkupLine(deadline.NotReached.IsEmpty
            ? $"{deadline.Deadline.Name} on {deadline.Deadline.Date:yyyy-MM-dd}: everything in the plan is projected to be reached by then."
            : $"{deadline.Deadline.Name} on {deadline.Deadline.Date:yyyy-MM-dd}: not reached by then at this pace: {string.Join(", ", deadline.NotReached)}.");
    }
}

static string Colour(PacingStatus status) => status switch
{
    PacingStatus.OnTrack or PacingStatus.Complete => $"[green]{status}[/]",
    PacingStatus.AtRisk => $"[yellow]{status}[/]",
    PacingStatus.OffTrack => $"[red]{status}[/]",
    _ => status.ToString(),
};

// A clock the sample moves by hand, so that the plan's history shows the days as they pass.
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

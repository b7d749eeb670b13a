// QuickStart: from a competency framework to a learner's first recommendations, in one page.
// Run it with: dotnet run --project samples/QuickStart
using System.Text;
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Hierarchy;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Serialization;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;

// 1. Define what there is to learn: a fractions unit (grades 3-4) with prerequisites.
//    Building validates everything at once: duplicate ids, unknown ids, cycles (with their path).
var framework = new CompetencyFrameworkBuilder("Fractions, grades 3-4")
    .AddCompetency("FR", "Fractions", description: "Develop understanding of fractions as numbers.")
    .AddCompetency("F1", "Partition shapes into equal parts", code: "3.G.A.2")
    .AddCompetency("F2", "Understand unit fractions 1/b", code: "3.NF.A.1")
    .AddCompetency("F3", "Understand a/b as a parts of size 1/b", code: "3.NF.A.1")
    .AddCompetency("F4", "Place fractions on a number line", code: "3.NF.A.2")
    .AddCompetency("F5", "Recognise equivalent fractions with models", code: "3.NF.A.3")
    .AddCompetency("F6", "Compare fractions with a common numerator or denominator", code: "3.NF.A.3d")
    .AddCompetency("F7", "Generate equivalent fractions by multiplying", code: "4.NF.A.1")
    .AddCompetency("F8", "Compare fractions with unlike denominators", code: "4.NF.A.2")
    .AddCompetency("F9", "Add and subtract fractions with like denominators", code: "4.NF.B.3")
    .AddCompetency("F10", "Multiply a fraction by a whole number", code: "4.NF.B.4")
    .AddChild("FR", "F1").AddChild("FR", "F2").AddChild("FR", "F3").AddChild("FR", "F4").AddChild("FR", "F5")
    .AddChild("FR", "F6").AddChild("FR", "F7").AddChild("FR", "F8").AddChild("FR", "F9").AddChild("FR", "F10")
    .AddPrerequisite("F1", "F2").AddPrerequisite("F2", "F3").AddPrerequisite("F3", "F4").AddPrerequisite("F4", "F5")
    .AddPrerequisite("F3", "F6").AddPrerequisite("F5", "F7").AddPrerequisite("F7", "F8").AddPrerequisite("F6", "F8")
    .AddPrerequisite("F3", "F9").AddPrerequisite("F9", "F10")
    .AddRelated("F4", "F6")
    .Build();

// 2. Describe the activities, each aligned to the competencies it teaches or assesses.
var catalog = new ActivityCatalogBuilder(framework);
foreach (var competency in framework.Competencies.Where(c => c.Id != "FR"))
{
    var id = competency.Id.Value.ToLowerInvariant();
    catalog.Add(new LearningActivity($"{id}-video", $"Video: {competency.Title}", ActivityKind.Video, 6, [new(competency.Id)], LearningModality.Media));
    catalog.Add(new LearningActivity($"{id}-practice", $"Practice set: {competency.Title}", ActivityKind.Practice, 15, [new(competency.Id)], difficulty: 0.5));
    catalog.Add(new LearningActivity($"{id}-check", $"Checkpoint: {competency.Title}", ActivityKind.Assessment, 10, [new(competency.Id)]));
}

catalog.Add(new LearningActivity("pizza-project", "Project: plan a pizza party", ActivityKind.Project, 90,
    [new("F9", 0.6), new("F10", 0.4)], LearningModality.Collaborative));

// 3. Choose how evidence becomes mastery: Canvas's decaying average (d = 0.65) and a policy with
//    thresholds 0.5 / 0.7 / 0.85 that needs two pieces of evidence before calling anything mastered.
var engine = new PersonalizedLearningEngine(catalog.Build(), RollupMasteryModel.DecayingAverage(0.65), MasteryPolicy.Default);

// 4. Record a short evidence history for one learner (scores in [0, 1]).
var start = new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
var learner = engine.CreateLearner("ana");
(string Activity, double Score)[] history =
[
    ("f1-practice", 1.0), ("f1-check", 1.0),
    ("f2-practice", 0.8), ("f2-check", 1.0), ("f2-check", 1.0),
    ("f3-practice", 0.6), ("f3-practice", 0.9), ("f3-check", 0.95),
    ("f4-practice", 0.5), ("f4-practice", 0.7),
    ("f6-practice", 0.4),
];
for (var i = 0; i < history.Length; i++)
{
    var evidence = Evidence.ForActivity($"ev-{i + 1}", "ana", history[i].Activity, EvidenceOutcome.FromScore(history[i].Score), start.AddDays(i));
    learner = engine.Record(learner, evidence);
}

// Recording the same evidence again changes nothing: ids make recording idempotent. (The same id with another outcome
// is refused with both versions in the message; a regrade is engine.Supersede with the new result's own id.)
var replayed = engine.Record(learner, Evidence.ForActivity("ev-1", "ana", "f1-practice", EvidenceOutcome.FromScore(1.0), start));
AnsiConsole.MarkupLine($"[grey]Recorded {learner.EvidenceCount} pieces of evidence; replaying one left the state unchanged: {ReferenceEquals(replayed, learner)}.[/]");

// 5. Print every competency's mastery level with the reason behind it. A parent such as "Fractions" has no evidence of
//    its own: its standing comes from its children, rolled up by HierarchyRollup (all children proficient, by default).
var asOf = start.AddDays(history.Length);
var mastery = engine.Assess(learner, asOf);
var rollup = new HierarchyRollup(framework).Evaluate(mastery.GetAll().Select(a => KeyValuePair.Create(a.Competency, a.Level)));
var levels = new Table().Title("[bold]Mastery for ana[/]").AddColumns("Competency", "Level", "Why");
foreach (var competency in framework.TopologicalOrder)
{
    var assessment = mastery.Get(competency);
    var (level, why) = framework.GetChildren(competency).IsEmpty
        ? (assessment.Level.ToString(), assessment.Explain())
        : (rollup[competency].ToString(), rollup.Explain(competency));
    levels.AddRow(Markup.Escape($"{competency} {framework.GetCompetency(competency).Title}"), level, Markup.Escape(why));
}

AnsiConsole.Write(levels);

// 6. Ask for the top three next steps, each with its reasons.
var next = new Table().Title("[bold]Top 3 next steps[/]").AddColumns("#", "Activity", "Competency", "Score", "Reasons");
foreach (var step in engine.RecommendNext(learner, count: 3, asOf: asOf).Steps)
{
    next.AddRow(step.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(step.Activity.Title), step.Competency.Value,
        step.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(step.Explain()));
}

AnsiConsole.Write(next);

// 7. Everything is plain data: the learner state round-trips through JSON with a schema version.
var json = PersonalizedLearningJson.Serialize(learner);
var restored = PersonalizedLearningJson.Deserialize<PersonalizedLearning.Learners.LearnerState>(json);
AnsiConsole.MarkupLine($"[grey]Learner state as JSON: {json.Length} characters; restored state equals the original: {restored.Equals(learner)}.[/]");

// ClassroomSimulation: does adaptive sequencing beat the "factory model"? A class of 30 simulated learners works
// through a grade 4 unit (30 competencies); each learner's hidden knowledge follows Bayesian Knowledge Tracing and
// nothing can be learned before its prerequisites. Three policies get the same learners, on five seeds:
//   - the adaptive recommender (goals, difficulty fit from the BKT model, novelty, remediation),
//   - a fixed linear sequence in curriculum order, three steps per competency (the factory model),
//   - a random choice among the learner's frontier (mastery-based, but nothing else).
// It prints the comparison and writes a chart of goal mastery over time (samples/ClassroomSimulation/output/
// ClassroomSimulation.png; --out names another file, .svg for SVG), and prints the path it wrote.
//
//   dotnet run --project samples/ClassroomSimulation [-- --out chart.png|chart.svg] [--learners N] [--seeds N]

using System.Collections.Immutable;
using System.Globalization;
using ClassroomSimulation;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Simulation;
using Spectre.Console;
using PersonalizedLearning.Samples;

var output = Argument("--out") is { } named ? SampleOutput.NamedFile(named) : Path.Combine(SampleOutput.Folder("ClassroomSimulation.csproj"), "ClassroomSimulation.png");
var learners = int.Parse(Argument("--learners") ?? "30", CultureInfo.InvariantCulture);
var seeds = int.Parse(Argument("--seeds") ?? "5", CultureInfo.InvariantCulture);

var catalog = GradeFourUnit.Catalog();
ImmutableArray<CompetencyId> goals = ["4.NF.B.4c", "4.NF.C.7", "4.MD.A.2"];
var closure = catalog.Framework.GetPrerequisiteClosure(goals);
AnsiConsole.MarkupLine($"[bold]{catalog.Framework.Title}[/]: {catalog.Framework.Count} competencies, {catalog.Count} activities; " +
    $"goals {string.Join(", ", goals)} need {closure.Length} of them.");

// The engine's model: one BKT parameter set for every competency, as if fitted to this population.
var model = new BktModel([], new BktParameters(prior: 0.2, learn: 0.2, guess: 0.2, slip: 0.1));
// Mastered means P(known) ≥ 0.95 on at least 3 pieces of evidence: with the default 0.85 on 2, two lucky guesses pass a
// competency that was never learned, and no policy can build on it. Every policy runs under the same rule.
var options = new SimulationOptions(goals, maximumSteps: 600, deadlineStep: 150, start: new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero),
    policy: new MasteryPolicy(familiarThreshold: 0.5, proficientThreshold: 0.7, masteredThreshold: 0.95, minimumEvidenceForMastered: 3));
ISimulationPolicy[] policies = [new RecommenderPolicy(), new LinearSequencePolicy(stepsPerCompetency: 3), new RandomFrontierPolicy(seed: 7)];

var reports = new Dictionary<(ISimulationPolicy Policy, int Seed), SimulationReport>();
void RunPolicy(ISimulationPolicy policy, Action<double>? progress)
{
    for (var seed = 1; seed <= seeds; seed++)
    {
        var @class = SimulatedClass.Create(catalog, learners, seed);
        var done = (seed - 1) * learners;
        reports[(policy, seed)] = ClassroomSimulator.Run(@class, model, policy, options, progress is null ? null : new Progress<int>(n => progress(done + n)));
        progress?.Invoke(seed * learners);
    }
}

if (Console.IsOutputRedirected)
{
    // Into a file or a pipe a live progress bar leaves stray half-drawn lines; one line per policy instead.
    foreach (var policy in policies)
    {
        RunPolicy(policy, null);
        Console.WriteLine($"{policy.Name}: {seeds} classes of {learners} simulated.");
    }
}
else
{
    AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
        .Start(context =>
        {
            foreach (var policy in policies)
            {
                var task = context.AddTask(policy.Name, maxValue: seeds * learners);
                RunPolicy(policy, value => task.Value = Math.Max(task.Value, value));
            }
        });
}

// A learner who has not mastered the goals when the budget runs out counts as the whole budget.
var table = new Table().Title($"[bold]Mean steps to master the goal set, {learners} learners per class (budget {options.MaximumSteps} steps; a learner who runs out counts as {options.MaximumSteps})[/]")
    .AddColumns("Seed", "Adaptive", "Linear", "Random frontier", "Adaptive vs linear", "Adaptive vs random");
double Mean(ISimulationPolicy policy, int seed) => reports[(policy, seed)].MeanStepsToMaster;
for (var seed = 1; seed <= seeds; seed++)
{
    var (adaptive, linear, random) = (Mean(policies[0], seed), Mean(policies[1], seed), Mean(policies[2], seed));
    table.AddRow(seed.ToString(CultureInfo.InvariantCulture), F(adaptive), F(linear), F(random), Reduction(adaptive, linear), Reduction(adaptive, random));
}

var means = policies.Select(p => Enumerable.Range(1, seeds).Average(s => Mean(p, s))).ToArray();
table.AddRow("[bold]mean[/]", F(means[0]), F(means[1]), F(means[2]), Reduction(means[0], means[1]), Reduction(means[0], means[2]));
AnsiConsole.Write(table);

var details = new Table().Title("[bold]All seeds together[/]").AddColumns("Policy", "Learners who mastered the goals within budget", "Goals known by step 150", "Wasted steps per learner");
foreach (var policy in policies)
{
    var all = Enumerable.Range(1, seeds).Select(s => reports[(policy, s)]).ToList();
    details.AddRow(policy.Name, $"{all.Sum(r => r.Mastered)}/{all.Sum(r => r.Learners)}",
        all.Average(r => r.GoalShareByDeadline).ToString("P0", CultureInfo.InvariantCulture), F(all.Average(r => r.MeanWastedSteps)));
}

AnsiConsole.Write(details);

// Mastery over time: the mean share of the goals truly known after each step, averaged over the seeds.
var plot = new ScottPlot.Plot();
foreach (var policy in policies)
{
    var curve = Enumerable.Range(0, options.MaximumSteps + 1).Select(t => Enumerable.Range(1, seeds).Average(s => reports[(policy, s)].GoalShareByStep[t] * 100)).ToArray();
    var line = plot.Add.Signal(curve);
    line.LegendText = policy.Name;
    line.LineWidth = 2;
}

plot.Add.VerticalLine(options.DeadlineStep, pattern: ScottPlot.LinePattern.Dashed).LegendText = "deadline";
plot.Title("Goals truly known over time");
plot.XLabel("Steps (one activity each)");
plot.YLabel("Goals known (%)");
plot.Axes.SetLimitsY(0, 100);
plot.ShowLegend(ScottPlot.Alignment.LowerRight);
if (output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
{
    plot.SavePng(output, 900, 500);
}
else
{
    plot.SaveSvg(output, 900, 500);
}
AnsiConsole.MarkupLine($"[grey]Chart of goal mastery over time written to {Markup.Escape(output)}.[/]");

string? Argument(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

static string Reduction(double ours, double theirs) => (1 - (ours / theirs)).ToString("P0", CultureInfo.InvariantCulture) + " fewer";

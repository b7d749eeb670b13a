// ClassroomSimulation: does the adaptive recommender win under every kind of learner, not only the one it assumes?
// A robust evaluation matrix (Doroudi, Aleven & Brunskill 2017): six student models (gated BKT, soft gating, forgetting
// between sessions, a logistic PFA ground truth, a mixed class, a partly wrong prerequisite graph) × three courses (a
// grade 4 unit, a wide 48-competency course, a deep chain) × six policies (the adaptive recommender, goal-directed, having
// learned from a pilot class's log how strongly the prerequisites gate; the same without the log; linear, mastery
// linear, random frontier and greedy lowest, all limited to the goals and their prerequisites), each cell on the same
// seeded classes for every policy. Learners work in sessions of 6 ten-minute steps, one a day.
// It prints mean steps to master the goals, goals known by the deadline and wasted steps with 95 % intervals over the
// seeds, and the recommender's difference from the best baseline in each cell; it writes the tables as Markdown
// (output/matrix.md) and a chart (output/ClassroomSimulation.png; --out names another file, .svg for SVG).
//
//   dotnet run --project samples/ClassroomSimulation [-- --full] [--seeds N] [--learners N] [--only "student model"] [--out chart.png|chart.svg]
//
// By default a short run (3 seeds of 12 learners, 275 s in CI's Debug build on 2 cores), whose intervals are wide; --full runs
// the measured matrix (10 seeds of 30 learners, about 16 minutes on 2 cores), as benchmarks/README.md reports it.

using System.Globalization;
using System.Text;
using ClassroomSimulation;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Samples;
using PersonalizedLearning.Simulation;
using Spectre.Console;

var folder = SampleOutput.Folder("ClassroomSimulation.csproj");
var known = new[] { "--full", "--seeds", "--learners", "--only", "--out" };
if (args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && !known.Contains(a)) is { } unknown)
{
    return Fail($"Unknown option '{unknown}'. Options: --full, --seeds N, --learners N, --only \"student model\", --out chart.png|chart.svg.");
}

var output = Argument("--out") is { } named ? SampleOutput.NamedFile(named) : Path.Combine(folder, "ClassroomSimulation.png");
if (!output.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && !output.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
{
    return Fail($"--out must name a .png or .svg file; got '{output}'.");
}

var full = args.Contains("--full");
if (!TryCount("--seeds", full ? 10 : 3, 1000, out var seeds) || !TryCount("--learners", full ? 30 : 12, 100_000, out var learners))
{
    return 2;
}

var only = Argument("--only"); // a student model's name, to run one row of the matrix
if (args.Contains("--only") && only is null)
{
    return Fail("--only needs a student model's name.");
}

// The engine's model: one BKT parameter set for every competency, as if fitted to this population. Mastered means
// P(known) ≥ 0.95 on at least 3 pieces of evidence; every policy runs under the same rule.
var model = new BktModel([], new BktParameters(prior: 0.2, learn: 0.2, guess: 0.2, slip: 0.1));
var mastery = new MasteryPolicy(familiarThreshold: 0.5, proficientThreshold: 0.7, masteredThreshold: 0.95, minimumEvidenceForMastered: 3);
var start = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
SimulationOptions Options(CompetencyId[] goals, int budget, int deadline) =>
    new([.. goals], maximumSteps: budget, deadlineStep: deadline, start, policy: mastery, stepsPerSession: 6, sessionInterval: TimeSpan.FromDays(1));

EvaluationCourse[] courses =
[
    new("grade 4 unit", GradeFourUnit.Catalog(), model, Options(["4.NF.B.4c", "4.NF.C.7", "4.MD.A.2"], 600, 150)),
    new("wide (48)", Courses.Wide(), model, Options(Courses.WideGoals, 900, 300)),
    new("deep chain", Courses.Chain(), model, Options(Courses.ChainGoals, 600, 150)),
];
StudentModel[] students =
[
    new BktStudents(),
    new BktStudents(SimulatedLearnerSettings.Default with { GatedLearnFactor = 0.3 }),
    new ForgettingStudents(),
    new LogisticStudents(),
    MixedStudents.FastAverageSlow(),
    new MisspecifiedPrerequisites(new BktStudents(), missingShare: 0.3, spuriousShare: 0.3),
];
var allStudents = students;
if (only is not null)
{
    students = [.. students.Where(s => s.Name == only)];
    if (students.Length == 0)
    {
        Console.Error.WriteLine($"No student model is named '{only}'. The names: {string.Join("; ", allStudents.Select(s => s.Name))}.");
        return 2;
    }
}

// The recommender is goal-directed, as the baselines are (nothing off the way to the goals but a wheel-spinning detour),
// and learns how strongly the course's prerequisites gate from last year's class (a pilot class taught by the pacing
// guide, see RobustEvaluation); the same recommender without that log is shown beside it, not judged.
var goalDirected = new AdaptiveRecommender(new RecommenderOptions(goalPathsOnly: true));
ISimulationPolicy[] policies =
[
    new RecommenderPolicy(goalDirected), new RecommenderPolicy(goalDirected, name: "recommender, no log", calibrate: false),
    new LinearSequencePolicy(stepsPerCompetency: 3), new MasteryLinearPolicy(), new RandomFrontierPolicy(seed: 7), new GreedyLowestEstimatePolicy(),
];
var recommender = policies[0].Name;
var baselines = policies.Skip(2).Select(p => p.Name).ToArray();

foreach (var course in courses)
{
    var closure = course.Catalog.Framework.GetPrerequisiteClosure(course.Options.Goals).Union(course.Options.Goals).Count();
    AnsiConsole.MarkupLine($"[bold]{Markup.Escape(course.Name)}[/]: {course.Catalog.Framework.Count} competencies; goals {string.Join(", ", course.Options.Goals)} need {closure}; " +
        $"budget {course.Options.MaximumSteps} steps, deadline step {course.Options.DeadlineStep}.");
}

var runs = students.Length * courses.Length * policies.Length * seeds;
RobustEvaluationReport report = null!;
var clock = System.Diagnostics.Stopwatch.StartNew();
if (Console.IsOutputRedirected)
{
    // Into a file or a pipe a live progress bar leaves stray half-drawn lines.
    report = RobustEvaluation.Run(students, courses, policies, seeds, learners);
}
else
{
    AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
        .Start(context =>
        {
            var task = context.AddTask($"{runs} classes of {learners}", maxValue: runs);
            report = RobustEvaluation.Run(students, courses, policies, seeds, learners, new Progress<int>(n => task.Value = Math.Max(task.Value, n)));
        });
}

Console.WriteLine($"{runs} classes of {learners} learners simulated in {clock.Elapsed.TotalSeconds:0} s.");

// The headline table: steps to master the goals, and the recommender against the best baseline of each cell.
var table = new Table().Title($"[bold]Mean steps to master the goals, 95 % intervals over {seeds} seeds of {learners} learners (a learner who runs out counts as the budget)[/]")
    .AddColumns(["Student model", "Course", .. policies.Select(p => p.Name), "Recommender − best baseline", "Verdict"]);
var markdown = new StringBuilder();
markdown.AppendLine(CultureInfo.InvariantCulture, $"Mean steps to master the goals (95 % interval over {seeds} seeds of {learners} learners; a learner who runs out counts as the budget).");
markdown.AppendLine().AppendLine($"| Student model | Course | {string.Join(" | ", policies.Select(p => p.Name))} | recommender − best baseline | verdict |");
markdown.AppendLine($"|---|---|{string.Concat(policies.Select(_ => "---:|"))}---:|---|");
var wins = 0;
var significant = 0;
var worse = 0;
foreach (var student in report.StudentModels)
{
    foreach (var course in report.Courses)
    {
        var best = baselines.MinBy(b => report.Cell(student, course, b).StepsToMaster.Mean)!;
        var difference = report.Difference(student, course, recommender, best);
        var verdict = difference.BelowZero ? "fewer (significant)" : difference.Mean < 0 ? "fewer (not significant)" : difference.AboveZero ? "MORE (significant)" : "more (not significant)";
        wins += difference.Mean < 0 ? 1 : 0;
        significant += difference.BelowZero ? 1 : 0;
        worse += difference.AboveZero ? 1 : 0;
        var cells = policies.Select(p => report.Cell(student, course, p.Name).StepsToMaster.ToString()).ToArray();
        table.AddRow([Markup.Escape(student), Markup.Escape(course), .. cells, $"{difference} vs {Markup.Escape(best)}", verdict]);
        markdown.AppendLine($"| {student} | {course} | {string.Join(" | ", cells)} | {difference} vs {best} | {verdict} |");
    }
}

AnsiConsole.Write(table);
var cellCount = report.StudentModels.Length * report.Courses.Length;
var summary = $"The recommender needs fewer mean steps than every baseline in {wins} of {cellCount} cells, significantly in {significant}; significantly more in {worse}.";
AnsiConsole.MarkupLine($"[bold]{summary}[/]");
markdown.AppendLine().AppendLine(summary);

// The other two measures, for every policy.
foreach (var (title, pick, format) in new (string, Func<EvaluationCell, ConfidenceInterval>, string)[]
{
    ("Share of goals truly known at the deadline", c => c.GoalShareByDeadline, "P0"),
    ("Wasted steps per learner (activities whose competencies were all known already)", c => c.WastedSteps, "0.0"),
    ("Learners who mastered the goals within the budget, per class", c => ConfidenceInterval.Of(c.Reports.Select(r => (double)r.Mastered)), "0.0"),
})
{
    var other = new Table().Title($"[bold]{title}[/]").AddColumns(["Student model", "Course", .. policies.Select(p => p.Name)]);
    markdown.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{title} (95 % interval over {seeds} seeds).").AppendLine();
    markdown.AppendLine($"| Student model | Course | {string.Join(" | ", policies.Select(p => p.Name))} |");
    markdown.AppendLine($"|---|---|{string.Concat(policies.Select(_ => "---:|"))}");
    foreach (var student in report.StudentModels)
    {
        foreach (var course in report.Courses)
        {
            var cells = policies.Select(p => pick(report.Cell(student, course, p.Name)) is var i
                ? i.Mean.ToString(format, CultureInfo.InvariantCulture) + " ± " + i.HalfWidth.ToString(format, CultureInfo.InvariantCulture) : "").ToArray();
            other.AddRow([Markup.Escape(student), Markup.Escape(course), .. cells]);
            markdown.AppendLine($"| {student} | {course} | {string.Join(" | ", cells)} |");
        }
    }

    AnsiConsole.Write(other);
}

var tables = Path.Combine(folder, "matrix.md");
File.WriteAllText(tables, markdown.ToString());

// The chart: per cell, each policy's mean steps with its interval.
var plot = new ScottPlot.Plot();
var palette = new ScottPlot.Palettes.Category10();
var ticks = new List<ScottPlot.Tick>();
var group = 0;
foreach (var student in report.StudentModels)
{
    foreach (var course in report.Courses)
    {
        for (var p = 0; p < policies.Length; p++)
        {
            var steps = report.Cell(student, course, policies[p].Name).StepsToMaster;
            var bar = plot.Add.Bar(new ScottPlot.Bar { Position = (group * (policies.Length + 1)) + p, Value = steps.Mean, Error = steps.HalfWidth, FillColor = palette.GetColor(p) });
        }

        ticks.Add(new ScottPlot.Tick((group * (policies.Length + 1)) + ((policies.Length - 1) / 2.0), $"{student}\n{course}"));
        group++;
    }
}

for (var p = 0; p < policies.Length; p++)
{
    plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = policies[p].Name, FillColor = palette.GetColor(p) });
}

plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
plot.Axes.Bottom.MinimumSize = 190;
plot.Axes.Margins(bottom: 0);
plot.Axes.SetLimitsY(0, courses.Max(c => c.Options.MaximumSteps) * 1.05); // intervals are clipped to what steps can be
plot.Title($"Mean steps to master the goals (95 % intervals, {seeds} seeds × {learners} learners); lower is better");
plot.YLabel("Steps (one activity each)");
plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
if (output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
{
    plot.SavePng(output, 1800, 800);
}
else
{
    plot.SaveSvg(output, 1800, 800);
}

AnsiConsole.MarkupLine($"[grey]Tables written to {Markup.Escape(tables)}; chart written to {Markup.Escape(output)}.[/]");
if (!full)
{
    AnsiConsole.MarkupLine("[grey]A short run: --full runs the measured matrix (10 seeds of 30 learners).[/]");
}

return 0;

string? Argument(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value && !value.StartsWith("--", StringComparison.Ordinal) ? value : null;

bool TryCount(string name, int fallback, int maximum, out int value)
{
    value = fallback;
    if (!args.Contains(name))
    {
        return true;
    }

    if (Argument(name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= maximum)
    {
        return true;
    }

    Fail($"{name} needs a whole number from 1 to {maximum}.");
    return false;
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

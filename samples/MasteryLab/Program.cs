// MasteryLab: fit Bayesian Knowledge Tracing to a response log, see how well it predicts, save the parameters as JSON
// the engine loads, and evaluate saved parameters on another log.
//
//   dotnet run --project samples/MasteryLab                                  demo (see below)
//   dotnet run --project samples/MasteryLab -- fit LOG.csv [--out bkt.json] [--forgetting] [--activity-column COL] [--seed N]
//   dotnet run --project samples/MasteryLab -- evaluate bkt.json LOG.csv [--activity-column COL]
//
// A log is CSV with pyBKT's columns: order_id, user_id, skill_name, correct (0/1), as in ../shared/data/kt.
// The demo fits GLOPs (../shared/data/kt/glops_pardos2010.csv) on 80% of its learners, or a generated log when the
// data is absent, saves the parameters, reads them back and evaluates them on the other 20%.
using System.Globalization;
using System.Text;
using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Samples;
using PersonalizedLearning.Serialization;
using PersonalizedLearning.Simulation;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;
if (Console.IsOutputRedirected)
{
    // Logs and CI have no terminal width; keep the tables readable there.
    AnsiConsole.Profile.Width = 150;
}

try
{
    return args switch
    {
        [] => Demo(),
        ["fit", var log, .. var rest] => Fit(log, rest),
        ["evaluate", var parameters, var log, .. var rest] => Evaluate(parameters, log, rest),
        _ => Usage(),
    };
}
catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or System.Text.Json.JsonException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
    return 1;
}

static int Demo()
{
    var glops = SharedDataFolder.Find("kt/glops_pardos2010.csv");
    ResponseLog log;
    if (glops is not null)
    {
        AnsiConsole.MarkupLineInterpolated($"1. Reading [bold]{Path.GetFileName(glops)}[/] (ASSISTments GLOPs, Pardos & Heffernan 2010).");
        log = ResponseLogCsv.Read(glops);
    }
    else
    {
        AnsiConsole.MarkupLine("1. [yellow]../shared/data is absent[/]: generating a log of 1,000 learners on 8 competencies with known parameters.");
        log = BktResponseSimulator.Simulate(
            Enumerable.Range(1, 8).Select(i => new BktCompetencyParameters($"skill-{i}", new BktParameters(0.1 * i, 0.05 + (0.02 * i), 0.2, 0.1))),
            learners: 1000, attempts: 10, seed: 1);
    }

    AnsiConsole.MarkupLineInterpolated($"   {log.Count:N0} answers, {log.LearnerCount:N0} learners, {log.Competencies.Length} competencies.");
    var folds = CrossValidation.AssignFolds(log, 5, seed: 42);
    var train = log.Where(r => folds[r.Learner] != 0);
    var test = log.Where(r => folds[r.Learner] == 0);
    AnsiConsole.MarkupLineInterpolated($"2. Fitting on 80% of the learners ({train.Count:N0} answers); the other 20% are held out.");
    var fit = FitWithProgress(train, BktFitOptions.Default with { FitSingleClassCompetencies = true });
    Report(fit, train);

    var path = Path.Combine(Path.GetTempPath(), "masterylab-bkt.json");
    File.WriteAllText(path, PersonalizedLearningJson.Serialize(fit.ToModel(allowDegenerate: true)));
    AnsiConsole.MarkupLineInterpolated($"3. Saved the parameters to [bold]{path}[/]; reading them back and evaluating on the held-out learners.");
    return Evaluate(path, test);
}

static int Fit(string logPath, string[] options)
{
    var log = ResponseLogCsv.Read(logPath, Option(options, "--activity-column"));
    AnsiConsole.MarkupLineInterpolated($"{log.Count:N0} answers, {log.LearnerCount:N0} learners, {log.Competencies.Length} competencies.");
    var fitOptions = BktFitOptions.Default with
    {
        Forgetting = options.Contains("--forgetting"),
        GuessSlipPerActivity = Option(options, "--activity-column") is not null,
        Seed = Option(options, "--seed") is { } seed ? long.Parse(seed, CultureInfo.InvariantCulture) : BktFitOptions.Default.Seed,
        FitSingleClassCompetencies = true,
    };
    var fit = FitWithProgress(log, fitOptions);
    Report(fit, log);
    var output = Option(options, "--out") ?? "bkt.json";
    File.WriteAllText(output, PersonalizedLearningJson.Serialize(fit.ToModel(allowDegenerate: true)));
    AnsiConsole.MarkupLineInterpolated($"Parameters written to [bold]{output}[/]. Load them with PersonalizedLearningJson.Deserialize<BktModel>(json).");
    return 0;
}

static int Evaluate(string parametersPath, object logOrPath, string[]? options = null)
{
    var model = PersonalizedLearningJson.Deserialize<BktModel>(File.ReadAllText(parametersPath));
    var log = logOrPath as ResponseLog ?? ResponseLogCsv.Read((string)logOrPath, Option(options ?? [], "--activity-column"));
    var known = log.Where(r => model.DefaultParameters is not null || model.Competencies.ContainsKey(r.Competency));
    if (known.Count < log.Count)
    {
        AnsiConsole.MarkupLineInterpolated($"[yellow]{log.Count - known.Count:N0} answers are on competencies the parameters do not cover; they are left out.[/]");
    }

    var report = Replay.Evaluate(known, model);
    var table = new Table().AddColumns("", "answers", "AUC", "RMSE", "log-likelihood", "accuracy");
    table.AddRow("held-out / other log", $"{report.Overall.Count:N0}", F(report.Overall.Auc), F(report.Overall.Rmse), report.Overall.LogLikelihood.ToString("N1", CultureInfo.InvariantCulture), F(report.Overall.Accuracy));
    AnsiConsole.Write(table);
    return 0;
}

static BktFitResult FitWithProgress(ResponseLog log, BktFitOptions options)
{
    BktFitResult? result = null;
    AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).Start(ctx =>
    {
        var task = ctx.AddTask("EM, 5 starts per competency", maxValue: log.Competencies.Length);
        var gate = new Lock();
        result = BktFitter.Fit(log, options, new Reporter(p =>
        {
            lock (gate)
            {
                task.Value = p.Completed;
            }
        }));
    });
    return result!;
}

static void Report(BktFitResult fit, ResponseLog log)
{
    var report = Replay.Evaluate(log, fit.ToModel(allowDegenerate: true));
    var table = new Table().Title("Fitted parameters and training fit per competency")
        .AddColumns("competency", "answers", "P(L0)", "learn", "forget", "guess", "slip", "AUC", "RMSE", "log-lik.", "notes");
    foreach (var c in fit.Competencies)
    {
        var p = c.Parameters.Parameters;
        var m = report.ByCompetency[c.Competency];
        table.AddRow(
            Markup.Escape(c.Competency.Value), $"{c.ResponseCount:N0}", F(p.Prior), F(p.Learn), F(p.Forget), F(p.Guess), F(p.Slip),
            F(m.Auc), F(m.Rmse), m.LogLikelihood.ToString("N1", CultureInfo.InvariantCulture),
            c.Issues == BktFitIssues.None ? "" : Markup.Escape(c.Issues.ToString()));
    }

    AnsiConsole.Write(table);
    AnsiConsole.MarkupLineInterpolated($"Overall (training): {report.Overall.Count:N0} answers, AUC {F(report.Overall.Auc)}, RMSE {F(report.Overall.Rmse)}, log-likelihood {report.Overall.LogLikelihood:N1}, accuracy {F(report.Overall.Accuracy)}.");
    foreach (var problem in fit.Problems)
    {
        AnsiConsole.MarkupLineInterpolated($"[yellow]{problem.Competency}[/]: {string.Join("; ", problem.Explanations)}.");
    }
}

static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

static string? Option(string[] options, string name)
{
    var i = Array.IndexOf(options, name);
    return i >= 0 && i + 1 < options.Length ? options[i + 1] : null;
}

static int Usage()
{
    AnsiConsole.WriteLine("usage: MasteryLab [fit LOG.csv [--out bkt.json] [--forgetting] [--activity-column COL] [--seed N] | evaluate bkt.json LOG.csv [--activity-column COL]]");
    return 2;
}

/// <summary>Forwards fit progress to a callback, on the fitting thread (unlike Progress&lt;T&gt;, which posts).</summary>
internal sealed class Reporter(Action<BktFitProgress> report) : IProgress<BktFitProgress>
{
    public void Report(BktFitProgress value) => report(value);
}

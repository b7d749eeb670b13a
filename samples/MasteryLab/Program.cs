// MasteryLab: fit Bayesian Knowledge Tracing to a response log, see how well it predicts, save the parameters as JSON
// the engine loads, and evaluate saved parameters on another log.
//
//   dotnet run --project samples/MasteryLab                                  demo (see below)
//   dotnet run --project samples/MasteryLab -- fit LOG.csv [--out bkt.json] [--forgetting] [--activity-column COL] [--seed N]
//     (without --out, the parameters go to samples/MasteryLab/output/bkt.json)
//   dotnet run --project samples/MasteryLab -- evaluate bkt.json LOG.csv [--activity-column COL]
//   dotnet run --project samples/MasteryLab -- efficacy LOG.csv --activity-column COL [--samples N] [--competency NAME]... [--top N]
//
// A log is CSV with pyBKT's columns: order_id, user_id, skill_name, correct (0/1), as in ../shared/data/kt.
// The demo fits GLOPs (../shared/data/kt/glops_pardos2010.csv) on 80% of its learners, or a generated log when the
// data is absent, saves the parameters (samples/MasteryLab/output/masterylab-bkt.json), reads them back and evaluates
// them on the other 20%. Then it asks which
// questions teach best: a learn rate per question on OLI Statics 2011 (../shared/data/kt/statics2011_dkvmn.csv), each
// with a bootstrap confidence interval and the evidence it rests on; on a generated log with known rates when the data
// is absent. `efficacy` makes that report for your log.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using PersonalizedLearning.Activities;
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
        ["efficacy", var log, .. var rest] => Efficacy(log, rest),
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
        AnsiConsole.MarkupLine("1. [yellow]The shared data folder (../shared/data, beside this repository's folder) is absent[/]: generating a log of 1,000 learners on 8 competencies with known parameters.");
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

    var path = Path.Combine(SampleOutput.Folder("MasteryLab.csproj"), "masterylab-bkt.json");
    File.WriteAllText(path, PersonalizedLearningJson.Serialize(fit.ToModel(allowDegenerate: true)));
    AnsiConsole.MarkupLineInterpolated($"3. Saved the parameters to [bold]{path}[/]; reading them back and evaluating on the held-out learners.");
    Evaluate(path, test);
    return EfficacyDemo();
}

// 4. Which activities teach best: a learn rate per activity (pyBKT's multilearn), each with a parametric bootstrap
// interval and the evidence it rests on.
static int EfficacyDemo()
{
    var statics = SharedDataFolder.Find("kt/statics2011_dkvmn.csv");
    ResponseLog log;
    IReadOnlyDictionary<ActivityId, double>? truth = null;
    if (statics is not null)
    {
        AnsiConsole.MarkupLineInterpolated($"4. Which questions teach best? Reading [bold]{Path.GetFileName(statics)}[/] (OLI Statics 2011) with its question ids.");
        var all = ResponseLogCsv.Read(statics, "question_id_src");

        // The two competencies with the most questions. The largest, skill_11 (77,829 answers on 590 questions), is left
        // out: its bootstrap takes minutes (try the efficacy command on it).
        var chosen = all.Responses.GroupBy(r => r.Competency)
            .Where(g => g.Count() <= 10_000)
            .OrderByDescending(g => g.Select(r => r.Activity).Distinct().Count()).ThenBy(g => g.Key)
            .Take(2).Select(g => g.Key).ToHashSet();
        log = all.Where(r => chosen.Contains(r.Competency));
    }
    else
    {
        AnsiConsole.MarkupLine("4. Which activities teach best? [yellow]The STATICS log is absent[/]: generating 1,000 learners on one competency whose six activities teach at known rates.");
        truth = new Dictionary<ActivityId, double>
        {
            ["worked-example"] = 0.35, ["practice-set"] = 0.25, ["video"] = 0.2, ["game"] = 0.1, ["reading"] = 0.05, ["quiz"] = 0.02,
        };
        log = BktResponseSimulator.Simulate(
            [new BktCompetencyParameters("fractions-add", new BktParameters(0.2, 0.1, 0.2, 0.1), truth.Select(t => new BktActivityParameters(t.Key, Learn: t.Value)), null, null, null)],
            learners: 1000, attempts: 10, seed: 3);
    }

    // 50 bootstrap samples keep the demo to seconds; the default is 200, and 1,000 or more suits a report you publish.
    var clock = Stopwatch.StartNew();
    var fit = BktFitter.Fit(log, BktFitOptions.Default with { LearnBy = BktLearnBy.Activity, FitSingleClassCompetencies = true });
    var fitted = clock.Elapsed;
    var report = BktActivityEfficacy.Estimate(log, fit, BktEfficacyOptions.Default with { Samples = 50 });
    AnsiConsole.MarkupLineInterpolated(
        $"   A learn rate per activity on {log.Competencies.Length} competenc{(log.Competencies.Length == 1 ? "y" : "ies")} ({log.Count:N0} answers): fitted in {fitted.TotalSeconds:0.0} s; {report.Options.Samples} bootstrap refits of each in {(clock.Elapsed - fitted).TotalSeconds:0.0} s.");
    EfficacyTables(report, log, top: 3, truth);
    return 0;
}

static int Efficacy(string logPath, string[] options)
{
    if (Option(options, "--activity-column") is not { } activityColumn)
    {
        AnsiConsole.MarkupLine("[red]The efficacy report needs the column that names each answer's activity: --activity-column COL.[/]");
        return 2;
    }

    var log = ResponseLogCsv.Read(logPath, activityColumn);
    var named = Options(options, "--competency");
    if (named.Count > 0)
    {
        var missing = named.Where(c => !log.Competencies.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The log has no answers on {string.Join(", ", missing)}.[/]");
            return 1;
        }

        log = log.Where(r => named.Contains(r.Competency.Value));
    }

    var samples = Option(options, "--samples") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : BktEfficacyOptions.Default.Samples;
    var top = Option(options, "--top") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : 5;
    AnsiConsole.MarkupLineInterpolated($"{log.Count:N0} answers, {log.LearnerCount:N0} learners, {log.Competencies.Length} competenc{(log.Competencies.Length == 1 ? "y" : "ies")}.");
    var fit = FitWithProgress(log, BktFitOptions.Default with { LearnBy = BktLearnBy.Activity, FitSingleClassCompetencies = true });

    // The bootstrap can take minutes on a large log; Ctrl+C stops it.
    using var cancellation = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancellation.Cancel();
    };
    BktEfficacyReport? report = null;
    var clock = Stopwatch.StartNew();
    try
    {
        AnsiConsole.Status().Start($"Bootstrap: {samples} refits per competency (Ctrl+C stops)", _ =>
            report = BktActivityEfficacy.Estimate(log, fit, BktEfficacyOptions.Default with { Samples = samples }, cancellationToken: cancellation.Token));
    }
    catch (OperationCanceledException)
    {
        AnsiConsole.MarkupLine("[yellow]Stopped.[/]");
        return 130;
    }

    AnsiConsole.MarkupLineInterpolated($"Bootstrap done in {clock.Elapsed.TotalSeconds:0.0} s.");
    EfficacyTables(report!, log, top, truth: null);
    return 0;
}

// Per competency, the activities that teach best and least among those whose rate rests on enough evidence, each with
// its learn rate, interval and evidence; then the ones with too little evidence to rank.
static void EfficacyTables(BktEfficacyReport report, ResponseLog log, int top, IReadOnlyDictionary<ActivityId, double>? truth)
{
    var confidence = report.Options.Confidence.ToString("0.##%", CultureInfo.InvariantCulture);
    foreach (var competency in report.Competencies.Where(c => !c.Activities.IsEmpty))
    {
        var ranked = competency.Activities.Where(a => !a.HasLowEvidence).ToList();
        var split = ranked.Count > 2 * top;
        var shown = split ? [.. ranked.Take(top), .. ranked.TakeLast(top)] : ranked;
        var answers = log.Responses.Count(r => r.Competency == competency.Competency);
        var table = new Table().Title($"{Markup.Escape(competency.Competency.Value)}: {competency.Activities.Length} activities, {answers:N0} answers");
        if (split)
        {
            table.AddColumn("");
        }

        table.AddColumns("activity", "learn T", $"{confidence} interval", "moves", "learners", "moves while not knowing (expected)");
        if (truth is not null)
        {
            table.AddColumn("true T");
        }

        for (var i = 0; i < shown.Count; i++)
        {
            var a = shown[i];
            List<string> cells = [Markup.Escape(a.Activity.Value), F(a.Learn), $"{F(a.Lower)} – {F(a.Upper)}", $"{a.Moves:N0}", $"{a.Learners:N0}", a.ExpectedMovesWhileUnknown.ToString("N1", CultureInfo.InvariantCulture)];
            if (split)
            {
                cells.Insert(0, i == 0 ? "teaches best" : i == shown.Count - 1 ? "teaches least" : "");
            }

            if (truth is not null)
            {
                cells.Add(F(truth[a.Activity]));
            }

            table.AddRow([.. cells]);
            if (split && i == top - 1)
            {
                table.AddEmptyRow();
            }
        }

        AnsiConsole.Write(table);
        var low = competency.LowEvidence.ToList();
        if (low.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"   [yellow]{low.Count} of {competency.Activities.Length}[/] rest on too little evidence to rank (fewer than {report.Options.LowEvidenceBelow} expected moves while not knowing): {string.Join(", ", low.Take(8).Select(a => a.Activity.Value))}{(low.Count > 8 ? ", …" : "")}.");
        }

        if (competency.NotConvergedSamples > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"   [yellow]{competency.NotConvergedSamples} of {competency.Samples} refits stopped at the iteration limit, so the intervals may be too narrow.[/]");
        }
    }
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
    var output = Option(options, "--out") is { } named ? SampleOutput.NamedFile(named) : Path.Combine(SampleOutput.Folder("MasteryLab.csproj"), "bkt.json");
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
        AnsiConsole.MarkupLineInterpolated($"[yellow]{problem.Competency}[/]: {string.Join("; ", problem.GetExplanations())}.");
    }
}

static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

static string? Option(string[] options, string name)
{
    var i = Array.IndexOf(options, name);
    return i >= 0 && i + 1 < options.Length ? options[i + 1] : null;
}

static List<string> Options(string[] options, string name)
    => [.. options.Select((o, i) => (o, i)).Where(x => x.o == name && x.i + 1 < options.Length).Select(x => options[x.i + 1])];

static int Usage()
{
    AnsiConsole.WriteLine("usage: MasteryLab [fit LOG.csv [--out bkt.json] [--forgetting] [--activity-column COL] [--seed N] | evaluate bkt.json LOG.csv [--activity-column COL] | efficacy LOG.csv --activity-column COL [--samples N] [--competency NAME]... [--top N]]");
    return 2;
}

/// <summary>Forwards fit progress to a callback, on the fitting thread (unlike Progress&lt;T&gt;, which posts).</summary>
internal sealed class Reporter(Action<BktFitProgress> report) : IProgress<BktFitProgress>
{
    public void Report(BktFitProgress value) => report(value);
}

#region usings
using PersonalizedLearning;
using System.Globalization;
using System.Text;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Serialization;
using PersonalizedLearning.Simulation;
#endregion

namespace DocsHowTo;

/// <summary>The code of docs/articles/how-to/calibrate-bkt.md, region by region.</summary>
public static class CalibrateBkt
{
    /// <summary>Reads a log with pyBKT's columns.</summary>
    public static ResponseLog Read(string path)
    {
        #region read
        // One row per answer, with pyBKT's columns: order_id (each learner's time order), user_id, skill_name, correct.
        // Export it from your LRS or gradebook; the core has no CSV reader (samples/MasteryLab has a full one on CsvHelper).
        var lines = File.ReadLines(path).ToList();
        var header = lines[0].Split(',');
        int order = Array.IndexOf(header, "order_id"), user = Array.IndexOf(header, "user_id"),
            skill = Array.IndexOf(header, "skill_name"), correct = Array.IndexOf(header, "correct");
        var responses = lines.Skip(1).Select(line => line.Split(',')).Select(row => new Response(
            row[user], row[skill], row[correct] == "1", long.Parse(row[order], CultureInfo.InvariantCulture)));
        var log = ResponseLog.Create(responses);   // checks every row: ids, one order per answer
        #endregion
        return log;
    }

    /// <summary>Fits on 80 % of the learners and evaluates on the other 20 %.</summary>
    public static (BktFitResult Fit, PredictionMetrics Training, PredictionMetrics HeldOut) FitAndEvaluate(ResponseLog log)
    {
        #region fit
        // Hold out a fifth of the learners (not of the rows: a learner's answers stay together).
        var folds = CrossValidation.AssignFolds(log, folds: 5, seed: 42);
        var train = log.Where(r => folds[r.Learner] != 0);
        var test = log.Where(r => folds[r.Learner] == 0);

        // EM with pyBKT's defaults: 5 seeded restarts per competency, tolerance 1e-3, at most 100 iterations.
        var fit = BktFitter.Fit(train, BktFitOptions.Default);
        foreach (var problem in fit.Problems)
        {
            // What the data cannot identify (too few answers, guess + slip ≥ 1, a prior stuck at 0 or 1...).
            Console.WriteLine($"{problem.Competency}: {string.Join("; ", problem.GetExplanations())}");
        }

        // One-step-ahead predictions: each answer predicted from the answers before it, as pyBKT's evaluate does.
        var model = fit.ToModel();
        var training = Replay.Evaluate(train, model).Overall;
        var heldOut = Replay.Evaluate(test, model).Overall;
        #endregion
        return (fit, training, heldOut);
    }

    /// <summary>Saves the parameters, loads them, and runs the engine on them.</summary>
    public static (string Json, double PKnownAfterOneCorrect) UseIt(BktFitResult fit, DateTimeOffset now)
    {
        #region use
        // The parameters are a JSON document: save them with your release, load them where the engine runs.
        var json = PersonalizedLearningJson.Serialize(fit.ToModel());
        var loaded = PersonalizedLearningJson.Deserialize<BktModel>(json);

        var framework = new CompetencyFrameworkBuilder("Fractions")
            .AddCompetency("fractions-add", "Add fractions")
            .AddCompetency("fractions-compare", "Compare fractions")
            .Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("add-practice", "Practice: adding fractions", ActivityKind.Practice, 10, [new("fractions-add")]))
            .Build();
        // BKT's estimate is P(known); the policy's thresholds read it as a probability (mastered at 0.95 is a common choice).
        var engine = new PersonalizedLearningEngine(catalog, loaded, new MasteryPolicy(masteredThreshold: 0.95));
        var ana = engine.Record(engine.CreateLearner("ana"), Evidence.ForActivity("a1", "ana", "add-practice", EvidenceOutcome.Correct, now));
        var pKnown = engine.Assess(ana, now).Get("fractions-add").Estimate!.Value;   // P(known) before her next answer
        #endregion
        return (json, pKnown);
    }

    /// <summary>What to do when some competencies fit degenerate: keep the others.</summary>
    public static (HashSet<CompetencyId> Degenerate, BktModel Usable) WithoutDegenerate(BktFitResult fit)
    {
        #region degenerate
        // On real logs a competency can fit degenerate: guess + slip ≥ 1, so a correct answer would lower P(known).
        // fit.ToModel() then throws ArgumentException naming every such competency. Keep the fits that make sense: the
        // model below refuses evidence on the others (pass defaultParameters to give them parameters of your choice),
        // and look at their data (a wrong answer key, an item that teaches the wrong thing) before fitting them again.
        var degenerate = fit.Competencies.Where(c => c.Issues.HasFlag(BktFitIssues.Degenerate)).Select(c => c.Competency).ToHashSet();
        var usable = new BktModel(fit.Competencies.Where(c => !degenerate.Contains(c.Competency)).Select(c => c.Parameters));
        // fit.ToModel(allowDegenerate: true) keeps them as they are: for replaying the fit (Replay.Evaluate), not for
        // learners, whose P(known) would fall with each correct answer.
        #endregion
        return (degenerate, usable);
    }

    /// <summary>A log whose "fractions-order" answers get worse with practice (right first, then wrong): its fit is
    /// degenerate; "fractions-add" is drawn from <see cref="TrueParameters"/>.</summary>
    public static ResponseLog DegenerateLog()
    {
        var add = BktResponseSimulator.Simulate(TrueParameters[..1], learners: 200, attempts: 8, seed: 7);
        var worse = add.Responses.Select(r => r.Learner).Distinct().SelectMany(learner => Enumerable.Range(0, 8).Select(i =>
            new Response(learner, "fractions-order", Correct: i < 4, Order: 1_000_000 + i)));
        return ResponseLog.Create(add.Responses.Concat(worse));
    }

    /// <summary>The parameters Data/responses.csv was drawn from.</summary>
    public static readonly BktCompetencyParameters[] TrueParameters =
    [
        new("fractions-add", new BktParameters(prior: 0.2, learn: 0.15, guess: 0.2, slip: 0.1)),
        new("fractions-compare", new BktParameters(prior: 0.4, learn: 0.1, guess: 0.25, slip: 0.08)),
    ];

    /// <summary>Data/responses.csv: 300 learners, 8 answers on each of two competencies, drawn with
    /// <see cref="BktResponseSimulator"/> from <see cref="TrueParameters"/>, seed 2026.</summary>
    public static string GenerateLog()
    {
        var log = BktResponseSimulator.Simulate(TrueParameters, learners: 300, attempts: 8, seed: 2026);
        var csv = new StringBuilder("order_id,user_id,skill_name,correct\n");
        foreach (var r in log.Responses)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Order},{r.Learner},{r.Competency},{(r.Correct ? 1 : 0)}\n");
        }

        return csv.ToString();
    }
}

using System.Text.Json;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Samples;

namespace PersonalizedLearning.Tests;

/// <summary>
/// The real public data in <c>../shared/data</c> (beside the repository). Tests that need it call
/// <see cref="Require"/>, which reports them as skipped, with the reason, when the folder is absent.
/// </summary>
internal static class SharedData
{
    /// <summary>The path of a file under <c>../shared/data</c>; skips the test, with the reason, when it is absent.</summary>
    public static string Require(string relativePath)
    {
        var path = SharedDataFolder.Find(relativePath);
        Skip.If(path is null, $"../shared/data/{relativePath} is absent: this test needs the real public data beside the repository.");
        return path!;
    }

    /// <summary>pyBKT's fitted parameters and figures from a <c>kt/pybkt/*.json</c> file.</summary>
    public static PyBktReference PyBkt(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Require($"kt/pybkt/{name}.json")));
        var root = document.RootElement;
        var parameters = new List<BktCompetencyParameters>();
        foreach (var skill in root.GetProperty("params").EnumerateObject())
        {
            var p = skill.Value;
            parameters.Add(new BktCompetencyParameters(skill.Name, BktParameters.FromEstimates(
                p.GetProperty("prior").GetDouble(), p.GetProperty("learns").GetDouble(), p.GetProperty("guesses").GetDouble(),
                p.GetProperty("slips").GetDouble(), p.GetProperty("forgets").GetDouble())));
        }

        return new PyBktReference(
            parameters,
            root.GetProperty("train_loglik").GetDouble(),
            root.GetProperty("train_auc").GetDouble(),
            root.GetProperty("train_rmse").GetDouble(),
            root.GetProperty("train_accuracy").GetDouble(),
            root.GetProperty("fit_em_only_median_s").GetDouble());
    }
}

internal sealed record PyBktReference(IReadOnlyList<BktCompetencyParameters> Parameters, double LogLikelihood, double Auc, double Rmse, double Accuracy, double EmSeconds)
{
    public BktModel Model => new(Parameters, allowDegenerate: true);
}

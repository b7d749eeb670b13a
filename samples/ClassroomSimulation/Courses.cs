using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace ClassroomSimulation;

/// <summary>The two generated courses of the matrix, besides the grade 4 unit: a wide one, where many competencies are
/// open at once and the choice among them matters, and a deep chain, where each competency needs the one before.</summary>
internal static class Courses
{
    /// <summary>48 competencies in 4 layers of 12; each competency above the first layer needs two of the layer below
    /// (the one under it and one a few places along), so the frontier is wide.</summary>
    public static ActivityCatalog Wide()
    {
        var builder = new CompetencyFrameworkBuilder("Wide course (48 competencies)");
        for (var layer = 0; layer < 4; layer++)
        {
            for (var j = 0; j < 12; j++)
            {
                builder.AddCompetency(Id(layer, j), string.Create(CultureInfo.InvariantCulture, $"Layer {layer + 1}, strand {j + 1}"));
                if (layer > 0)
                {
                    builder.AddPrerequisite(Id(layer - 1, j), Id(layer, j));
                    builder.AddPrerequisite(Id(layer - 1, (j + layer + 1) % 12), Id(layer, j));
                }
            }
        }

        return WithActivities(builder.Build());
    }

    /// <summary>The wide course's goals: three competencies of the top layer.</summary>
    public static CompetencyId[] WideGoals => [Id(3, 0), Id(3, 4), Id(3, 8)];

    /// <summary>16 competencies, each needing the one before.</summary>
    public static ActivityCatalog Chain()
    {
        var builder = new CompetencyFrameworkBuilder("Deep chain (16 competencies)");
        for (var i = 1; i <= 16; i++)
        {
            builder.AddCompetency(ChainId(i), string.Create(CultureInfo.InvariantCulture, $"Step {i}"));
            if (i > 1)
            {
                builder.AddPrerequisite(ChainId(i - 1), ChainId(i));
            }
        }

        return WithActivities(builder.Build());
    }

    /// <summary>The chain's goal: its last competency.</summary>
    public static CompetencyId[] ChainGoals => [ChainId(16)];

    /// <summary>Three practice activities per competency, as in the grade 4 unit.</summary>
    public static ActivityCatalog WithActivities(CompetencyFramework framework)
    {
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var competency in framework.Competencies)
        {
            var code = competency.Id.Value;
            catalog.Add(new LearningActivity($"{code}-practice", $"Practice: {competency.Title}", ActivityKind.Practice, 10, [new(code)]));
            catalog.Add(new LearningActivity($"{code}-worksheet", $"Worksheet: {competency.Title}", ActivityKind.Practice, 15, [new(code)], LearningModality.Print));
            catalog.Add(new LearningActivity($"{code}-game", $"Game: {competency.Title}", ActivityKind.Practice, 20, [new(code)], LearningModality.HandsOn, topics: ["games"]));
        }

        return catalog.Build();
    }

    private static string Id(int layer, int j) => string.Create(CultureInfo.InvariantCulture, $"W{layer + 1}.{j + 1:D2}");

    private static string ChainId(int i) => string.Create(CultureInfo.InvariantCulture, $"C{i:D2}");
}

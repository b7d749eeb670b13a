using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Samples.Cluster;

/// <summary>The course every silo and the client load: four strands of six competencies, each building on the one
/// before, with a practice activity per competency; and the evidence the load generator sends.</summary>
internal static class Course
{
    public const int Strands = 4;
    public const int PerStrand = 6;

    public static ActivityCatalog Catalog { get; } = Build();

    private static ActivityCatalog Build()
    {
        var framework = new CompetencyFrameworkBuilder("Grade 5 mathematics (sample)");
        for (var s = 0; s < Strands; s++)
        {
            for (var c = 0; c < PerStrand; c++)
            {
                framework.AddCompetency(Id(s, c), $"Strand {s + 1}, step {c + 1}");
                if (c > 0)
                {
                    framework.AddPrerequisite(Id(s, c - 1), Id(s, c));
                }
            }
        }

        var catalog = new ActivityCatalogBuilder(framework.Build());
        for (var s = 0; s < Strands; s++)
        {
            for (var c = 0; c < PerStrand; c++)
            {
                catalog.Add(new LearningActivity($"practice-{Id(s, c)}", $"Practice {Id(s, c)}", ActivityKind.Practice, 15, [new(Id(s, c))]));
            }
        }

        return catalog.Build();
    }

    public static string Id(int strand, int step) => $"m5.{strand + 1}.{step + 1}";

    /// <summary>The k-th piece of evidence of a learner: learners walk the strands in turn, a competency every few
    /// pieces, and score by a hidden ability drawn from their index (the same on every run).</summary>
    public static Evidence Piece(string learner, int index, int k, DateTimeOffset start)
    {
        var ability = 0.35 + (0.6 * ((index * 7919 % 1000) / 1000.0));
        var step = k / 4;
        var competency = Id(step / PerStrand % Strands, step % PerStrand);
        var noise = ((index * 31) + (k * 17)) % 11 / 10.0 - 0.5;
        var score = Math.Clamp(ability + (0.4 * noise), 0, 1);
        return Evidence.ForCompetency($"{learner}-{k:000}", learner, competency, EvidenceOutcome.FromScore(Math.Round(score, 2)), start.AddMinutes(k));
    }
}

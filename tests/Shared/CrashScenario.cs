using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Storage.Contract;

/// <summary>
/// What the crash writer records and the crash tests check: the same engine, and batches whose content follows from
/// their number, so a test knows every batch the writer may have written.
/// </summary>
public static class CrashScenario
{
    public const int BatchSize = 10;
    public const int Learners = 5;
    public static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);

    public static PersonalizedLearningEngine Engine()
    {
        var framework = new CompetencyFrameworkBuilder("Crash");
        for (var c = 0; c < 8; c++)
        {
            framework.AddCompetency($"c{c}", $"Competency {c}");
            if (c > 0)
            {
                framework.AddPrerequisite($"c{c - 1}", $"c{c}");
            }
        }

        var built = framework.Build();
        var catalog = new ActivityCatalogBuilder(built);
        for (var c = 0; c < 8; c++)
        {
            catalog.Add(new LearningActivity($"a{c}", $"Practice {c}", ActivityKind.Practice, 10, [new($"c{c}")]));
        }

        return new PersonalizedLearningEngine(catalog.Build(), RollupMasteryModel.DecayingAverage(), timeProvider: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddYears(1)));
    }

    /// <summary>The learner of batch <paramref name="batch"/> of run <paramref name="run"/>.</summary>
    public static string Learner(int run, int batch) => $"learner-{(run + batch) % Learners}";

    /// <summary>Batch <paramref name="batch"/> of run <paramref name="run"/>: ten pieces for one learner, out of time order.</summary>
    public static Evidence[] Batch(int run, int batch)
    {
        var learner = Learner(run, batch);
        return [.. Enumerable.Range(0, BatchSize).Select(i => Evidence.ForActivity(
            $"r{run}-b{batch}-{i}", learner, $"a{(batch + i) % 8}", EvidenceOutcome.FromScore(((run * 7) + (batch * 3) + i) % 11 / 10.0),
            Start.AddMinutes(((run * 1000) + (batch * 37) + (i * 13)) % 5000)))];
    }
}

using System.Collections.Immutable;
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Pictures;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;

namespace SchoolDashboard;

/// <summary>A grade 4 class six weeks into a fractions and decimals unit: the framework, every learner's evidence and
/// mastery today, and one learner's plan with her weekly progress. Seeded: every run builds the same class.</summary>
/// <remarks>Immutable once built and thread-safe.</remarks>
public sealed class SchoolData
{
    /// <summary>The learner whose graph and plan the page shows.</summary>
    public const string FocusLearner = "maya";

    private SchoolData(PersonalizedLearningEngine engine, ImmutableArray<MasterySnapshot> snapshots, LearningPlan plan, PacingProjection projection, PlanProgress progress, DateTimeOffset today)
    {
        Engine = engine;
        Snapshots = snapshots;
        Plan = plan;
        Projection = projection;
        Progress = progress;
        Today = today;
    }

    /// <summary>The engine, and through it the framework and the catalog.</summary>
    public PersonalizedLearningEngine Engine { get; }

    /// <summary>The framework.</summary>
    public CompetencyFramework Framework => Engine.Framework;

    /// <summary>Every learner's mastery today, in roster order.</summary>
    public ImmutableArray<MasterySnapshot> Snapshots { get; }

    /// <summary>The focus learner's plan.</summary>
    public LearningPlan Plan { get; }

    /// <summary>The plan's projection at the focus learner's observed pace.</summary>
    public PacingProjection Projection { get; }

    /// <summary>The focus learner's weekly progress on the plan.</summary>
    public PlanProgress Progress { get; }

    /// <summary>The day the dashboard shows.</summary>
    public DateTimeOffset Today { get; }

    /// <summary>A learner's snapshot today.</summary>
    /// <param name="learner">The learner.</param>
    /// <returns>The snapshot, or null when the learner is not in the class.</returns>
    public MasterySnapshot? SnapshotOf(string learner) => Snapshots.FirstOrDefault(s => s.Learner.Value == learner);

    /// <summary>Builds the class.</summary>
    /// <param name="seed">The seed of the learners' abilities and scores.</param>
    /// <returns>The class.</returns>
    public static SchoolData Create(int seed = 19)
    {
        var framework = Unit();
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var competency in framework.Competencies)
        {
            var id = competency.Id.Value.ToLowerInvariant();
            catalog.Add(new LearningActivity($"{id}-lesson", $"Mini-lesson: {competency.Title}", ActivityKind.Lesson, 15, [new(competency.Id)], LearningModality.TeacherLed));
            catalog.Add(new LearningActivity($"{id}-practice", $"Practise: {competency.Title}", ActivityKind.Practice, 20, [new(competency.Id)]));
            catalog.Add(new LearningActivity($"{id}-check", $"Checkpoint {competency.Code}", ActivityKind.Assessment, 10, [new(competency.Id)]));
        }

        var start = new DateTimeOffset(2026, 9, 7, 8, 30, 0, TimeSpan.Zero);
        var today = start.AddDays(42);
        var clock = new FixedClock(today);
        var engine = new PersonalizedLearningEngine(catalog.Build(), RollupMasteryModel.DecayingAverage(0.65), timeProvider: clock);

        // 1. Six weeks of school: each week a learner works on up to two competencies they are ready for (by what they
        //    have covered), practises and takes the checkpoint; whether it sticks depends on their ability and on gaps.
        var random = new Random(seed);
        var logs = new List<(string Learner, List<Evidence> Log)>();
        foreach (var name in Roster)
        {
            var ability = name == FocusLearner ? 0.7 : 0.3 + (random.NextDouble() * 0.65);
            var pace = 0.8 + (random.NextDouble() * 0.7);
            var learned = new HashSet<CompetencyId>();
            var covered = new HashSet<CompetencyId>();
            var log = new List<Evidence>();
            for (var week = 0; week < 6; week++)
            {
                // The class moves on: what comes next follows what was covered, learned or not.
                var ready = framework.GetFrontier(covered).Take(1 + random.Next(3)).ToList();
                for (var k = 0; k < ready.Count; k++)
                {
                    var competency = ready[k];
                    var id = competency.Value.ToLowerInvariant();
                    var day = start.AddDays((week * 7) + (k * 2) + 1);
                    covered.Add(competency);
                    // A gap in the prerequisites halves the chance that it sticks.
                    var gap = framework.GetPrerequisites(competency).Any(p => !learned.Contains(p));
                    var sticks = random.NextDouble() < ability * (gap ? 0.5 : 1);
                    var score = sticks ? 0.8 + (random.NextDouble() * 0.2) : 0.2 + (random.NextDouble() * 0.55);
                    log.Add(Timed($"{name}-{id}-{week}-p", name, $"{id}-practice", Math.Min(1, score + 0.05), day, 20 * pace));
                    log.Add(Timed($"{name}-{id}-{week}-c", name, $"{id}-check", score, day.AddHours(2), 10 * pace));
                    if (sticks && random.NextDouble() < 0.75)
                    {
                        // Confirmed by a second checkpoint; otherwise it is learned but not yet shown twice (proficient).
                        log.Add(Timed($"{name}-{id}-{week}-c2", name, $"{id}-check", 1.0, day.AddDays(1), 10 * pace));
                        learned.Add(competency);
                    }
                }
            }

            logs.Add((name, log));
        }

        var states = logs.Select(l => engine.Rebuild(l.Learner, l.Log)).ToList();
        ImmutableArray<MasterySnapshot> snapshots = [.. states.Select(s => engine.Assess(s, today))];

        // 2. Maya's plan: the word problems by late November, comparing decimals by early December, the unit test after.
        var focus = states.Single(s => s.Learner.Value == FocusLearner);
        var planner = new LearningPlanner(clock: clock);
        var plan = planner.Activate(planner.Draft(
            new PlaylistRequest(engine.Catalog, engine.Assess(focus, today), [new LearningGoal("F12", new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero)), new LearningGoal("F15", new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero))]),
            deadline: new ExternalDeadline("Unit test", new DateTimeOffset(2026, 12, 11, 9, 0, 0, TimeSpan.Zero))));
        var projection = planner.Project(plan, new PacingOptions(minutesPerWeek: 90), [.. logs.Single(l => l.Learner == FocusLearner).Log]);

        // 3. Her progress: a snapshot at the start of each week, and today.
        var progress = PlanProgress.FromPlan(plan, Enumerable.Range(0, 7).Select(w => engine.Assess(focus, start.AddDays(7 * w))), projection);
        return new SchoolData(engine, snapshots, plan, projection, progress, today);
    }

    /// <summary>The learners, in roster order.</summary>
    public static ImmutableArray<string> Roster { get; } =
    [
        "maya", "leo", "ines", "sam", "noor", "ben", "ada", "kofi", "lena", "omar",
        "priya", "tom", "zoe", "hugo", "amara", "finn", "yuki", "rosa", "dev", "elif",
    ];

    private static Evidence Timed(string id, string learner, string activity, double score, DateTimeOffset when, double minutes) =>
        new(id, learner, EvidenceOutcome.FromScore(score), when, activity: activity, duration: TimeSpan.FromMinutes(Math.Round(minutes)));

    /// <summary>Fractions and decimals, grade 4 (Common Core 4.NF with the grade 3 ideas it builds on), 18 competencies.</summary>
    private static CompetencyFramework Unit() => new CompetencyFrameworkBuilder("Fractions and decimals, grade 4")
        .AddCompetency("F1", "Understand a unit fraction 1/b", code: "3.NF.A.1")
        .AddCompetency("F2", "Place fractions on a number line", code: "3.NF.A.2")
        .AddCompetency("F3", "Recognize simple equivalent fractions", code: "3.NF.A.3")
        .AddCompetency("F4", "Explain equivalent fractions with models", code: "4.NF.A.1")
        .AddCompetency("F5", "Compare fractions with unlike parts", code: "4.NF.A.2")
        .AddCompetency("F6", "Add and subtract fractions as joining parts", code: "4.NF.B.3a")
        .AddCompetency("F7", "Decompose a fraction into a sum", code: "4.NF.B.3b")
        .AddCompetency("F8", "Add and subtract mixed numbers", code: "4.NF.B.3c")
        .AddCompetency("F9", "Word problems adding fractions", code: "4.NF.B.3d")
        .AddCompetency("F10", "Understand a/b as a multiple of 1/b", code: "4.NF.B.4a")
        .AddCompetency("F11", "Multiply a fraction by a whole number", code: "4.NF.B.4b")
        .AddCompetency("F12", "Word problems multiplying fractions", code: "4.NF.B.4c")
        .AddCompetency("F13", "Express tenths as hundredths", code: "4.NF.C.5")
        .AddCompetency("F14", "Decimal notation for tenths & hundredths", code: "4.NF.C.6")
        .AddCompetency("F15", "Compare two decimals to hundredths", code: "4.NF.C.7")
        .AddCompetency("F16", "Line plots with fractions of a unit", code: "4.MD.B.4")
        .AddCompetency("F17", "Convert measurements with fractions", code: "4.MD.A.2")
        .AddCompetency("F18", "Project: scale a recipe for the class", code: "4.NF")
        .AddPrerequisite("F1", "F2").AddPrerequisite("F1", "F3").AddPrerequisite("F3", "F4").AddPrerequisite("F2", "F5")
        .AddPrerequisite("F4", "F5").AddPrerequisite("F1", "F6").AddPrerequisite("F6", "F7").AddPrerequisite("F7", "F8")
        .AddPrerequisite("F8", "F9").AddPrerequisite("F6", "F10").AddPrerequisite("F10", "F11").AddPrerequisite("F11", "F12")
        .AddPrerequisite("F9", "F12").AddPrerequisite("F4", "F13").AddPrerequisite("F13", "F14").AddPrerequisite("F2", "F14")
        .AddPrerequisite("F14", "F15").AddPrerequisite("F5", "F15").AddPrerequisite("F8", "F16").AddPrerequisite("F11", "F17")
        .AddPrerequisite("F14", "F17").AddPrerequisite("F12", "F18").AddPrerequisite("F15", "F18")
        .Build();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

#region usings
using PersonalizedLearning;
using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Pictures;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Scheduling;
using PersonalizedLearning.Scheduling.OrTools;
using PersonalizedLearning.Sequencing;
#endregion

namespace DocsHowTo;

/// <summary>The code of docs/articles/how-to/school-view.md, region by region.</summary>
public static class SchoolView
{
    /// <summary>Monday of the planned week.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A fractions strand over grades 3 to 5 and its catalog; the grade is the first character of the code.</summary>
    public static (ActivityCatalog Catalog, GradeBands Bands) Strand()
    {
        #region strand
        var framework = new CompetencyFrameworkBuilder("Fractions, grades 3-5")
            .AddCompetency("3.NF.A.1", "Unit fractions", code: "3.NF.A.1")
            .AddCompetency("4.NF.A.1", "Equivalent fractions", code: "4.NF.A.1")
            .AddCompetency("4.NF.B.3", "Add and subtract fractions", code: "4.NF.B.3")
            .AddCompetency("5.NF.A.1", "Unlike denominators", code: "5.NF.A.1")
            .AddPrerequisite("3.NF.A.1", "4.NF.A.1")
            .AddPrerequisite("4.NF.A.1", "4.NF.B.3")
            .AddPrerequisite("4.NF.B.3", "5.NF.A.1")
            .Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("3.NF.A.1-practice", "Practice: unit fractions", ActivityKind.Practice, 20, [new("3.NF.A.1")]))
            .Add(new LearningActivity("3.NF.A.1-check", "Checkpoint: unit fractions", ActivityKind.Assessment, 10, [new("3.NF.A.1")]))
            .Add(new LearningActivity("4.NF.A.1-practice", "Practice: equivalent fractions", ActivityKind.Practice, 30, [new("4.NF.A.1")]))
            .Add(new LearningActivity("4.NF.A.1-check", "Checkpoint: equivalent fractions", ActivityKind.Assessment, 10, [new("4.NF.A.1")]))
            .Add(new LearningActivity("4.NF.B.3-practice", "Practice: adding fractions", ActivityKind.Practice, 40, [new("4.NF.B.3")]))
            // 4.NF.B.3 has no checkpoint and 5.NF.A.1 nothing at all yet: CatalogCoverage finds both.
            .Build();
        // Grade bands: from CASE educationLevel (CaseGradeBands.Read) or your own table, here the code's first digit.
        var bands = new GradeBands(framework, competency => competency.Code![0] - '0');
        #endregion
        return (catalog, bands);
    }

    /// <summary>Grades behind, and the time it would take to catch up.</summary>
    public static LearnerCatchUp CatchUpOne(ActivityCatalog catalog, GradeBands bands, MasterySnapshot mastery)
    {
        #region catchup
        // A grade 5 learner is expected to have grades 3 and 4 done on entry. At the strand's 60 minutes a week and the
        // learner's observed pace (1 when too little timed evidence), when will they reach grade level, and how many
        // extra minutes a week would reach it by the end of the year?
        var options = new CatchUpOptions(new PacingOptions(minutesPerWeek: 60), groupSize: 4);
        var endOfYear = new DateTimeOffset(2027, 6, 11, 15, 0, 0, TimeSpan.Zero);
        var catchUp = CatchUp.ForLearner(catalog, bands, new CatchUpLearner(mastery, Grade: 5), endOfYear, options);
        // catchUp.GradesBehind, .Unmastered, .RemainingMinutes, .ProjectedCompletion, .ExtraMinutesPerWeek;
        // CatchUp.ForClass adds it up per class, in teacher-FTE.
        #endregion
        return catchUp;
    }

    /// <summary>What the catalog lacks on the learners' paths.</summary>
    public static CatalogCoverageReport Coverage(ActivityCatalog catalog, IEnumerable<MasterySnapshot> learners)
    {
        #region coverage
        // Each learner's path to their goals; every competency on it should have a practice and an assessment (the
        // kinds you ask for), ranked by how many learners reach it soon (within two steps by default).
        var goals = ImmutableArray.Create(new LearningGoal("5.NF.A.1", new DateTimeOffset(2027, 6, 11, 0, 0, 0, TimeSpan.Zero)));
        var report = CatalogCoverage.Analyze(catalog, learners.Select(learner => (learner, goals)),
            new CatalogCoverageOptions(kinds: [ActivityKind.Practice, ActivityKind.Assessment]));
        #endregion
        return report;
    }

    /// <summary>Gradual release: two learners' last two weeks.</summary>
    public static (ReleaseDecision Maya, ReleaseDecision Leo) Release()
    {
        #region release
        // Maya (Guided) did 5 of her 6 planned pieces by their date: 83 % ≥ 80 %, and her plan is on track.
        var maya = new SelfRegulationEvidence(planned: 6, plannedOnTime: 5, chosen: 0, chosenFinished: 0, PacingStatus.OnTrack);
        // Leo (Choice) did 3 of 6 on time: 50 % < 60 %, the line below which a learner goes back a level.
        var leo = new SelfRegulationEvidence(planned: 6, plannedOnTime: 3, chosen: 5, chosenFinished: 4, PacingStatus.OnTrack);

        var policy = GradualReleasePolicy.Default;   // release at 80 %, return below 60 % (adherence) and 50 % (follow-through)
        var mayaDecision = policy.Decide(AgencyLevel.Guided, maya);   // Released: Guided -> Choice, with every reason
        var leoDecision = policy.Decide(AgencyLevel.Choice, leo);     // Returned: Choice -> Guided
        // Playlists (PlaylistOptions.Agency) and next steps (NextStepRequest.Agency) then respect the new level.
        #endregion
        return (mayaDecision, leoDecision);
    }

    /// <summary>A small week planned by CP-SAT.</summary>
    public static (WeekPlanRequest Request, WeekPlan Plan) PlanWeek(CompetencyFramework framework)
    {
        #region week
        // Monday and Tuesday, two 25-minute slots each; one teacher who teaches the strand; a teacher's table for four and
        // a classroom for independent playlist time.
        TimeSlot[] week = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday }.SelectMany(day =>
            new[] { new TimeSlot(day, new TimeOnly(9, 0), 25), new TimeSlot(day, new TimeOnly(9, 25), 25) })];
        var teacher = new TeacherAvailability("rivera", [.. week], [.. framework.Competencies.Select(c => c.Id)]);
        var table = new RoomAvailability("table-5A", 4, [SessionKind.Workshop, SessionKind.OneToOne], [.. week]);
        var classroom = new RoomAvailability("room-5A", 26, [SessionKind.Independent], [.. week]);

        // What each learner needs this week: their next competency (from the recommender: ScheduleNeeds.FromRecommendation
        // fills this in), whether they are stuck, their mentor, and how many workshop sessions.
        LearnerNeeds Needs(string learner, string next, bool stuck) => new(learner, [.. week], next, stuck, Mentor: null, WorkshopSessions: 1);
        var request = new WeekPlanRequest(framework, week, [teacher], [table, classroom],
            [Needs("ana", "4.NF.A.1", false), Needs("ben", "4.NF.A.1", true), Needs("chloe", "4.NF.A.1", false), Needs("dev", "4.NF.B.3", false)],
            minimumWorkshopSize: 2, maximumWorkshopSize: 4);

        // Deterministic: CP-SAT's work limit ends the search, not the clock, so the same request gives the same plan.
        var plan = new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { RandomSeed = 1 }).Plan(request);
        var violations = WeekPlanChecker.Check(request, plan);   // every rule, every violation: none for CP-SAT's plan
        foreach (var need in plan.Unserved)
        {
            Console.WriteLine($"{need.Learner}: {need.Reason}: {need.Explanation}");   // who was not served, and why
        }
        #endregion
        return (request, plan);
    }

    /// <summary>The class heat map.</summary>
    public static string HeatMap(CompetencyFramework framework, IReadOnlyList<MasterySnapshot> learners)
    {
        #region picture
        // Learners × competencies by level, an accessible SVG (a title, a description, a label on every cell) in a
        // colour-blind-safe palette. FrameworkGraph and PlanBurnUp draw a learner's frontier and a plan's burn-up.
        var svg = ClassHeatMap.Render(framework, learners, new HeatMapOptions { Title = "Fractions, grade 5" });
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "class-heat-map.svg"), svg);
        #endregion
        return svg;
    }

    /// <summary>Mastery snapshots of learners who mastered the first <paramref name="mastered"/> competencies.</summary>
    public static MasterySnapshot Learner(ActivityCatalog catalog, string learner, int mastered)
    {
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var evidence = catalog.Framework.TopologicalOrder.Take(mastered)
            .SelectMany((c, i) => new[] { 0, 1 }.Select(k => Evidence.ForCompetency($"{learner}-{c}-{k}", learner, c, EvidenceOutcome.Correct, Monday.AddDays(-30 + (2 * i) + k))));
        return engine.Assess(engine.Rebuild(learner, [.. evidence]), Monday);
    }
}

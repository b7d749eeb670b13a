// A realistic school week, end to end, as a grade 5 coordinator reads it: 100 learners in four homerooms entering the
// fractions strand (grades 3 to 5) at very different levels, six teachers, four classrooms, a small-group room and an
// office. The sample
//   1. places each learner against grade level and counts the extra teacher time catching up would take (teacher-FTE);
//   2. reviews each learner's self-regulation over the last two weeks and moves them between Guided, Choice and
//      SelfDirected (gradual release), with the reasons;
//   3. asks the recommender for each learner's next step at their level of agency;
//   4. plans the week with CP-SAT (PersonalizedLearning.Scheduling.OrTools): small-group workshops of learners who share a
//      next competency, each learner's weekly one-to-one with their mentor (Summit's model), independent playlist time,
//      within every room's capacity and every learner's timetable; and says who could not be served and why;
//   5. lists what the catalog lacks on the learners' paths, most urgent first.
// Everything is seeded, and the week is planned to CP-SAT's deterministic work limit: the same output on every run (the planning
// time goes to standard error). Runs in about 15 s.
using System.Collections.Immutable;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Scheduling;
using PersonalizedLearning.Scheduling.OrTools;
using PersonalizedLearning.Sequencing;
using SchoolWeek;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var monday = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
var endOfYear = new DateTimeOffset(2027, 6, 11, 15, 0, 0, TimeSpan.Zero);
var endOfTerm = new DateTimeOffset(2027, 1, 29, 15, 0, 0, TimeSpan.Zero);
var catalog = FractionsStrand.Catalog();
var framework = catalog.Framework;
var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest(), timeProvider: new FixedClock(monday));
var bands = new GradeBands(framework, FractionsStrand.Grade);
var random = new Random(2026);

// The school: four homerooms of 25 in grade 5. Math is a block of four 25-minute slots a day: 5A and 5B in the morning,
// 5C and 5D after lunch. Homeroom teachers work in their class's block; the interventionist (grades 3-4) and the math
// coach (grades 4-5) all day, less a duty each day.
string[] homerooms = ["5A", "5B", "5C", "5D"];
string[] homeroomTeachers = ["rivera", "okafor", "chen", "dubois"];
TimeOnly[] morning = [new(9, 0), new(9, 25), new(9, 50), new(10, 15)];
TimeOnly[] afternoon = [new(12, 45), new(13, 10), new(13, 35), new(14, 0)];
DayOfWeek[] days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
ImmutableArray<TimeSlot> Block(TimeOnly[] starts) => [.. days.SelectMany(d => starts.Select(s => new TimeSlot(d, s, 25)))];
var morningBlock = Block(morning);
var afternoonBlock = Block(afternoon);
var week = morningBlock.AddRange(afternoonBlock);
ImmutableArray<TimeSlot> BlockOf(int homeroom) => homeroom < 2 ? morningBlock : afternoonBlock;

var codesUpTo = (int grade) => framework.Competencies.Where(c => FractionsStrand.Grade(c) <= grade).Select(c => c.Id).ToImmutableArray();
var teachers = homeroomTeachers.Select((t, h) => new TeacherAvailability(t, BlockOf(h), [.. framework.Competencies.Select(c => c.Id)]))
    .Append(new TeacherAvailability("patel", [.. week.Where((_, i) => i % 10 != 3)], codesUpTo(4)))
    .Append(new TeacherAvailability("nguyen", [.. week.Where((_, i) => i % 10 != 7)], [.. framework.Competencies.Where(c => FractionsStrand.Grade(c) >= 4).Select(c => c.Id)]))
    .ToImmutableArray();
// Stations: each classroom has 26 seats for independent playlist time and a teacher's table for a small group or a
// one-to-one; a small-group room and an office beside them.
var rooms = homerooms.Select(h => new RoomAvailability($"room-{h}", 26, [SessionKind.Independent], week))
    .Concat(homerooms.Select(h => new RoomAvailability($"table-{h}", 6, [SessionKind.Workshop, SessionKind.OneToOne], week)))
    .Append(new RoomAvailability("small-group-room", 6, [SessionKind.Workshop, SessionKind.OneToOne], week))
    .Append(new RoomAvailability("office", 2, [SessionKind.OneToOne], week))
    .ToImmutableArray();

// The learners: ability decides how far into the strand they have come (grade level on entry is everything of grades 3
// and 4: 20 competencies), with a few holes; pace and self-regulation vary; a few are stuck.
var order = framework.TopologicalOrder;
var learners = new List<(LearnerId Id, int Homeroom, LearnerState State, ImmutableArray<Evidence> Evidence, AgencyLevel Level, double Regulation)>();
for (var n = 0; n < 100; n++)
{
    var id = new LearnerId($"s{n + 1:D3}");
    var ability = Normal(random);
    var reached = Math.Clamp((int)Math.Round(18 + (4.5 * ability)), 0, 26);
    var pace = Math.Exp((0.25 * Normal(random)) - (0.1 * ability));
    var evidence = new List<Evidence>();
    var day = 0;
    for (var k = 0; k < reached; k++)
    {
        var code = order[k].Value;
        if (random.NextDouble() < 0.05)
        {
            continue; // a hole: taught, never learned
        }

        var activity = catalog.Contains($"{code}-practice") ? $"{code}-practice" : $"{code}-lesson";
        var minutes = catalog.GetActivity(activity).EstimatedMinutes * pace;
        for (var i = 0; i < 2; i++)
        {
            evidence.Add(new Evidence($"{id}-{code}-{i}", id, EvidenceOutcome.Correct, monday.AddDays(-120 + day++ / 2.0), activity: activity, duration: TimeSpan.FromMinutes(minutes)));
        }
    }

    if (random.NextDouble() < 0.08 && reached < order.Length)
    {
        // Stuck: ten attempts without mastery on the next competency.
        var code = order[reached].Value;
        for (var i = 0; i < 10; i++)
        {
            evidence.Add(Evidence.ForCompetency($"{id}-{code}-stuck{i}", id, code, EvidenceOutcome.Incorrect, monday.AddDays(-10 + i)));
        }
    }

    var regulation = Normal(random) + (0.3 * ability);
    var level = regulation > 0.9 ? AgencyLevel.SelfDirected : regulation > -0.2 ? AgencyLevel.Choice : AgencyLevel.Guided;
    learners.Add((id, n / 25, engine.Rebuild(id, [.. evidence]), [.. evidence], level, regulation));
}

var snapshots = learners.Select(l => engine.Assess(l.State, monday)).ToList();
Console.WriteLine($"Fractions, grades 3-5: {framework.Count} competencies, {catalog.Count} activities. Grade 5: {learners.Count} learners in {homerooms.Length} homerooms; week of {monday:yyyy-MM-dd}.");

// 1. Catching up to grade level.
var catchUpOptions = new CatchUpOptions(new PacingOptions(minutesPerWeek: 90), groupSize: 4, minutesPerTeacher: 1500, gradeCompletion: 0.8);
// Playlists of practice, checkpoints and projects: the mini-lessons are taught in workshops.
var playlistOptions = new PlaylistOptions(kinds: [ActivityKind.Practice, ActivityKind.Assessment, ActivityKind.Project]);
var catchUp = CatchUp.ForClass(catalog, bands, learners.Select((l, i) => new CatchUpLearner(snapshots[i], 5, l.Evidence)), endOfYear, catchUpOptions, playlistOptions);
Console.WriteLine();
Console.WriteLine("1. Against grade level (grade 5; grades 3 and 4 expected done on entry; a grade counts as done at 80 % of its standards)");
foreach (var count in catchUp.Distribution)
{
    Console.WriteLine($"   {(count.GradesBehind == 0 ? "at grade level      " : $"{count.GradesBehind} grade{(count.GradesBehind > 1 ? "s" : " ")} behind     ")} {count.Learners,3} {new string('#', count.Learners)}");
}

var unplannable = catchUp.Learners.Where(l => !l.Unplanned.IsEmpty).ToList();
if (unplannable.Count > 0)
{
    Console.WriteLine($"   {unplannable.Count} learners need standards the catalog cannot teach yet: {string.Join(", ", unplannable.SelectMany(l => l.Unplanned).Distinct())}.");
}

var late = catchUp.Learners.Where(l => l.ExtraMinutesPerWeek > 0).OrderByDescending(l => l.ExtraMinutesPerWeek).ToList();
Console.WriteLine($"   {late.Count} learners would not reach grade level by {endOfYear:yyyy-MM-dd} at the strand's 90 minutes a week and their observed pace.");
foreach (var l in late.Take(3))
{
    Console.WriteLine($"     {l.Learner}: {l.GradesBehind} behind, {l.Unmastered.Length} standards left, {l.RemainingMinutes:F0} min at pace {l.Pace.Factor:F2}, projected {l.ProjectedCompletion:yyyy-MM-dd}; needs {l.ExtraMinutesPerWeek:F0} more min/week");
}

Console.WriteLine($"   Extra teacher time in groups of {catchUpOptions.GroupSize}: {catchUp.ExtraTeacherMinutesPerWeek:F0} min/week = {catchUp.TeacherFte:F2} teacher-FTE (a {1 + catchUp.TeacherFte / homerooms.Length:F2}x teacher per homeroom).");

// 2. Gradual release: the last two weeks of each learner's work, and their term plan's pacing.
var planner = new LearningPlanner(clock: new FixedClock(monday));
var policy = GradualReleasePolicy.Default;
var decisions = new List<ReleaseDecision>();
for (var i = 0; i < learners.Count; i++)
{
    var l = learners[i];
    var frontier = snapshots[i].GetFrontier();
    var goals = frontier.Take(2).Select(c => new LearningGoal(c, endOfTerm)).ToImmutableArray();
    var pacing = PacingStatus.Complete;
    if (!goals.IsEmpty)
    {
        var plan = planner.Draft(new PlaylistRequest(catalog, snapshots[i], goals, new PlaylistOptions(l.Level, kinds: playlistOptions.Kinds)));
        pacing = planner.Project(plan, new PacingOptions(minutesPerWeek: 90), l.Evidence).Overall.Status;
    }

    var items = new List<SelfRegulationItem>();
    var keep = 1 / (1 + Math.Exp(-(0.9 + (1.5 * l.Regulation))));
    for (var k = 0; k < 7; k++)
    {
        var due = monday.AddDays(-13 + (2 * k));
        items.Add(new SelfRegulationItem(false, due, random.NextDouble() < keep ? due.AddHours(-3) : random.NextDouble() < 0.5 ? due.AddDays(2) : null));
    }

    if (l.Level != AgencyLevel.Guided)
    {
        for (var k = 0; k < 6; k++)
        {
            items.Add(new SelfRegulationItem(true, null, random.NextDouble() < keep ? monday.AddDays(-12 + (2 * k)) : null));
            items.Add(new SelfRegulationItem(true, monday.AddDays(-11 + (2 * k)), null) with { Finished = random.NextDouble() < keep ? monday.AddDays(-11 + (2 * k)) : null });
        }
    }

    decisions.Add(policy.Decide(l.Level, SelfRegulationEvidence.FromWork(items, monday, pacing)));
}

Console.WriteLine();
Console.WriteLine("2. Gradual release (keeping to the plan, finishing what they chose, pacing)");
foreach (var level in Enum.GetValues<AgencyLevel>())
{
    var from = decisions.Where(d => d.From == level).ToList();
    Console.WriteLine($"   {level,-12} {from.Count,3} learners: {from.Count(d => d.Move == ReleaseMove.Released),2} released, {from.Count(d => d.Move == ReleaseMove.Returned),2} returned, {from.Count(d => d.Move == ReleaseMove.Kept),2} kept");
}

foreach (var move in new[] { ReleaseMove.Released, ReleaseMove.Returned })
{
    var (d, who) = decisions.Select((d, i) => (d, learners[i].Id)).FirstOrDefault(x => x.d.Move == move);
    if (d is null)
    {
        continue;
    }

    Console.WriteLine($"   e.g. {who}: {d.From} -> {d.To}: {string.Join(" ", d.Reasons.Where(r => move == ReleaseMove.Returned || r.Met).Select(r => r.Explanation))}");
}

// 3. Next steps at each learner's new level, toward the year's targets; 4. the week's plan.
var profileGoals = ImmutableArray.Create(new LearningGoal("5.NF.A.2", endOfYear), new LearningGoal("5.NF.B.6", endOfYear), new LearningGoal("5.NF.B.7c", endOfYear));
var needs = new List<LearnerNeeds>();
for (var i = 0; i < learners.Count; i++)
{
    var l = learners[i];
    var request = engine.CreateRequest(l.State, 3, new LearnerProfile(l.Id, goals: profileGoals), monday) with { Agency = decisions[i].To };
    var recommendation = engine.Recommender.Recommend(request);
    var h = l.Homeroom;

    // Mentors: the homeroom teacher for the first 15 of a homeroom, the interventionist or the coach for the rest.
    var mentor = (i % 25) < 15 ? homeroomTeachers[h] : (i % 25) < 20 ? "patel" : "nguyen";
    needs.Add(ScheduleNeeds.FromRecommendation(recommendation, BlockOf(h), mentor, workshopSessions: catchUp.Learners[i].GradesBehind > 0 || recommendation.IsStuck ? 2 : 1));
}

var weekRequest = new WeekPlanRequest(framework, week, teachers, rooms, needs, minimumWorkshopSize: 2, maximumWorkshopSize: 6);
var clock = Stopwatch.StartNew();
// A work limit (CP-SAT's deterministic seconds) ends the search, not the clock: one worker, a seed and the same request
// give the same plan on any machine, whatever its load; the wall-clock limit is only a safety net.
var weekPlan = new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { DeterministicTimeLimit = 5, TimeLimit = TimeSpan.FromMinutes(2), RandomSeed = 1, DecomposeByDay = true }).Plan(weekRequest);
clock.Stop();
var violations = WeekPlanChecker.Check(weekRequest, weekPlan);
Console.Error.WriteLine($"(planned in {clock.Elapsed.TotalSeconds:F1} s; the time goes to standard error, the only output that varies)");

Console.WriteLine();
Console.WriteLine($"3-4. The week ({teachers.Length} teachers, {rooms.Length} rooms, {week.Length} slots of 25 minutes; CP-SAT {weekPlan.Status}, day by day, each day's tiers in turn; checker: {(violations.IsEmpty ? "no violation" : $"{violations.Length} violations")})");
var workshops = weekPlan.Sessions.Where(s => s.Kind == SessionKind.Workshop).ToList();
var mentoring = weekPlan.Sessions.Where(s => s.Kind == SessionKind.OneToOne).ToList();
var wantedWorkshops = needs.Sum(n => n.WorkshopSessions);
var gotWorkshops = workshops.Sum(w => w.Learners.Length);
Console.WriteLine($"   Workshops: {workshops.Count} sessions, {gotWorkshops} of {wantedWorkshops} learner-sessions wanted ({100.0 * gotWorkshops / Math.Max(1, wantedWorkshops):F0} %), mean group {(workshops.Count == 0 ? 0 : workshops.Average(w => w.Learners.Length)):F1}.");
var stuckLearners = needs.Where(n => n.IsStuck).Select(n => n.Learner).ToHashSet();
Console.WriteLine($"   Stuck learners in a workshop on what they are stuck on: {workshops.SelectMany(w => w.Learners).Where(stuckLearners.Contains).Distinct().Count()} of {stuckLearners.Count}.");
Console.WriteLine($"   Mentoring one-to-ones: {mentoring.Count} of {needs.Count(n => n.Mentor is not null)}.");
Console.WriteLine($"   Independent playlist time: {weekPlan.Independent.Length} learner-slots ({weekPlan.Independent.Length * 25 / 60.0 / learners.Count:F1} h per learner).");
foreach (var teacher in teachers)
{
    var mine = weekPlan.Sessions.Where(s => s.Teacher == teacher.Id).ToList();
    Console.WriteLine($"     {teacher.Id,-7} {mine.Count(s => s.Kind == SessionKind.Workshop),2} workshops, {mine.Count(s => s.Kind == SessionKind.OneToOne),2} one-to-ones, {teacher.Slots.Length - mine.Count,2} of {teacher.Slots.Length} slots free");
}

Console.WriteLine("   Busiest workshop topics:");
foreach (var topic in workshops.GroupBy(w => w.Competency).OrderByDescending(g => g.Sum(w => w.Learners.Length)).Take(4))
{
    Console.WriteLine($"     {topic.Key,-10} {framework.GetCompetency(topic.Key!.Value).Title,-45} {topic.Count()} sessions, {topic.Sum(w => w.Learners.Length)} learners");
}

Console.WriteLine($"   Not served: {weekPlan.Unserved.Length}");
foreach (var reason in weekPlan.Unserved.GroupBy(u => (u.Kind, u.Reason)).OrderByDescending(g => g.Count()))
{
    Console.WriteLine($"     {reason.Count(),3} x {reason.Key.Kind} / {reason.Key.Reason}: e.g. {reason.First().Explanation}");
}

// 5. What the catalog lacks.
var coverage = CatalogCoverage.Analyze(catalog, snapshots.Select(s => (s, profileGoals)), new CatalogCoverageOptions(modalities: [LearningModality.HandsOn], soonWithin: 1));
Console.WriteLine();
Console.WriteLine($"5. Missing resources: {coverage.Gaps.Length} of the {coverage.CompetenciesOnPaths} competencies on learners' paths lack a practice, an assessment, a project or a hands-on activity. Build first:");
foreach (var gap in coverage.Gaps.Take(6))
{
    var missing = gap.MissingKinds.Select(k => k.ToString().ToLowerInvariant()).Concat(gap.MissingModalities.Select(m => m == LearningModality.HandsOn ? "hands-on" : m.ToString()));
    Console.WriteLine($"   {gap.Competency,-10} {framework.GetCompetency(gap.Competency).Title,-45} {gap.LearnersSoon,3} learners soon, {gap.LearnersOnPath,3} on path; no {string.Join(", ", missing)}");
}

return violations.IsEmpty ? 0 : 1;

static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

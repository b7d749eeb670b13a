using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Planning;

/// <summary>
/// A pacing projection read from JSON is held to what the planner makes: each value's own rules, then the projection's
/// forecasts against each other. On the hand-worked plan of <see cref="LearningPlannerTests"/> (A → B → C and A → X;
/// steps A 30, X 20, B 40, C 60 min, ending 30, 50, 90 and 150 min from now; goals C in 14 days, X in 7), projected at
/// the plan's creation at 70 min a week (m minutes end m ÷ 10 days from now), with the milestone "Foundations" (A, day 6)
/// and the deadline "State test" (day 10):
/// X 50 min, 1 week, 50 a week (on track); C 150 min, 2 weeks, 75 a week (at risk: ≤ 70 × 1.25 = 87.5); the milestone
/// 30 min over 6/7 week, 35 a week (on track); the deadline sees A, X and B (days 3, 5, 9), not C (day 15); overall
/// 150 min, day 15, at risk, 75 a week, 5 extra.
/// </summary>
public class PacingProjectionJsonTests
{
    private static readonly DateTimeOffset Now = TestData.Start;
    private static readonly PersonalizedLearningEngine Engine = new(TestData.PlanCatalog, RollupMasteryModel.Latest());
    private const string Refused = "This pacing projection is not one the library makes: ";

    private static LearningPlan Plan(ImmutableArray<PlanMilestone> milestones = default, ExternalDeadline? deadline = null) =>
        new LearningPlanner(clock: new FakeTimeProvider(Now)).Draft(
            new PlaylistRequest(TestData.PlanCatalog, Engine.Assess(Engine.Rebuild("ana", []), Now), [new LearningGoal("C", Now.AddDays(14)), new LearningGoal("X", Now.AddDays(7))],
                new PlaylistOptions(AgencyLevel.Guided, sessionMinutes: 60)),
            milestones.IsDefault ? [new PlanMilestone("Foundations", Now.AddDays(6), ["A"])] : milestones, deadline ?? new ExternalDeadline("State test", Now.AddDays(10)));

    private static PacingProjection Projection(LearningPlan? plan = null) => new LearningPlanner(clock: new FakeTimeProvider(Now)).Project(plan ?? Plan(), new PacingOptions(70));

    private static JsonNode Node(PacingProjection projection) => JsonNode.Parse(PersonalizedLearningJson.Serialize(projection))!;

    private static void ShouldBeRefused(JsonNode node, string message) =>
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PacingProjection>(node.ToJsonString())).Should().ThrowExactly<JsonException>().WithMessage(message);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, PersonalizedLearningJson.Options)!;

    [Fact]
    public void TheBaseProjection_IsTheHandWorkedOne_AndRoundTrips()
    {
        var projection = Projection();

        projection.Goals.Select(g => (g.Competency.Value, g.Forecast)).Should().Equal(
            ("C", new PacingForecast(150, Now.AddDays(15), PacingStatus.AtRisk, 75)), ("X", new PacingForecast(50, Now.AddDays(5), PacingStatus.OnTrack, 50)));
        projection.Milestones.Single().Forecast.Should().Be(new PacingForecast(30, Now.AddDays(3), PacingStatus.OnTrack, 35));
        projection.Deadline!.NotReached.Should().Equal(new CompetencyId("C"));
        projection.Deadline.GoalsNotReached.Should().Equal(new CompetencyId("C"));
        projection.Overall.Should().Be(new PacingForecast(150, Now.AddDays(15), PacingStatus.AtRisk, 75));
        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection);
    }

    [Theory]
    // Observed, a factor within [0.1, 10]; not observed, the extended-time factor, within [1, 10]; the bounds themselves read.
    [InlineData("""{"factor":0.1,"isObserved":true,"timedEvidence":1,"actualMinutes":0,"estimatedMinutes":10}""", null)]
    [InlineData("""{"factor":10,"isObserved":true,"timedEvidence":1,"actualMinutes":200,"estimatedMinutes":10}""", null)]
    [InlineData("""{"factor":10,"isObserved":false,"timedEvidence":0,"actualMinutes":0,"estimatedMinutes":0}""", null)]
    [InlineData("""{"factor":1,"isObserved":false,"timedEvidence":0,"actualMinutes":0,"estimatedMinutes":0}""", null)]
    [InlineData("""{"factor":0.5,"isObserved":false,"timedEvidence":0,"actualMinutes":0,"estimatedMinutes":0}""",
        "This observed pace is not one the library makes: its factor 0.5 is not a pace (observed: within [0.1, 10]; not observed: the extended-time factor, within [1, 10]).")]
    [InlineData("""{"factor":12,"isObserved":true,"timedEvidence":1,"actualMinutes":200,"estimatedMinutes":10}""",
        "This observed pace is not one the library makes: its factor 12 is not a pace (observed: within [0.1, 10]; not observed: the extended-time factor, within [1, 10]).")]
    [InlineData("""{"factor":12,"isObserved":false,"timedEvidence":0,"actualMinutes":0,"estimatedMinutes":0}""",
        "This observed pace is not one the library makes: its factor 12 is not a pace (observed: within [0.1, 10]; not observed: the extended-time factor, within [1, 10]).")]
    [InlineData("""{"factor":1,"isObserved":false,"timedEvidence":-1,"actualMinutes":0,"estimatedMinutes":1}""",
        "This observed pace is not one the library makes: a count or a number of minutes is negative or not finite.")]
    [InlineData("""{"factor":1,"isObserved":false,"timedEvidence":1,"actualMinutes":-1,"estimatedMinutes":1}""",
        "This observed pace is not one the library makes: a count or a number of minutes is negative or not finite.")]
    [InlineData("""{"factor":1,"isObserved":false,"timedEvidence":1,"actualMinutes":1,"estimatedMinutes":-1}""",
        "This observed pace is not one the library makes: a count or a number of minutes is negative or not finite.")]
    // None timed: both sums 0; some timed: an estimate above 0.
    [InlineData("""{"factor":1,"isObserved":false,"timedEvidence":0,"actualMinutes":30,"estimatedMinutes":0}""",
        "This observed pace is not one the library makes: it counts 0 timed pieces of evidence with 30 actual and 0 estimated minutes (none timed: both 0; some: estimated minutes above 0).")]
    [InlineData("""{"factor":1,"isObserved":false,"timedEvidence":0,"actualMinutes":0,"estimatedMinutes":5}""",
        "This observed pace is not one the library makes: it counts 0 timed pieces of evidence with 0 actual and 5 estimated minutes (none timed: both 0; some: estimated minutes above 0).")]
    [InlineData("""{"factor":1,"isObserved":false,"timedEvidence":2,"actualMinutes":0,"estimatedMinutes":0}""",
        "This observed pace is not one the library makes: it counts 2 timed pieces of evidence with 0 actual and 0 estimated minutes (none timed: both 0; some: estimated minutes above 0).")]
    public void ObservedPace_IsReadOnlyAsThePlannerReportsIt(string json, string? message)
    {
        if (message is null)
        {
            Read<ObservedPace>(json).Should().NotBe(default(ObservedPace));
        }
        else
        {
            FluentActions.Invoking(() => Read<ObservedPace>(json)).Should().ThrowExactly<JsonException>().WithMessage(message);
        }
    }

    [Theory]
    [InlineData("""{"remainingMinutes":0,"projectedCompletion":"2026-09-07T09:00:00+00:00","status":"Complete","requiredMinutesPerWeek":0}""", null)]
    [InlineData("""{"remainingMinutes":-1,"projectedCompletion":"2026-09-07T09:00:00+00:00","status":1,"requiredMinutesPerWeek":0}""",
        "This pacing forecast is not one the library makes: its remaining minutes -1 are not a finite number ≥ 0.")]
    [InlineData("""{"remainingMinutes":1,"projectedCompletion":"2026-09-07T09:00:00+00:00","status":9,"requiredMinutesPerWeek":0}""",
        "This pacing forecast is not one the library makes: its status 9 is not one of the enumeration's values.")]
    [InlineData("""{"remainingMinutes":1,"projectedCompletion":"2026-09-07T09:00:00+00:00","status":1,"requiredMinutesPerWeek":-2}""",
        "This pacing forecast is not one the library makes: its required minutes per week are not a finite number ≥ 0.")]
    public void PacingForecast_IsReadOnlyWithItsOwnRules(string json, string? message)
    {
        if (message is null)
        {
            Read<PacingForecast>(json).Status.Should().Be(PacingStatus.Complete);
        }
        else
        {
            // With the web defaults (enumerations as numbers), so that a status given as a number reaches the forecast's check (the
            // library's options refuse it earlier, as not a member's name).
            FluentActions.Invoking(() => JsonSerializer.Deserialize<PacingForecast>(json, JsonSerializerOptions.Web)).Should().ThrowExactly<JsonException>().WithMessage(message);
        }
    }

    [Theory]
    [InlineData("""["C", "C"]""", """["C"]""", "This deadline projection is not one the library makes: a competency not reached is empty or listed twice.")]
    [InlineData("""["B", "C"]""", """["C", "C"]""", "This deadline projection is not one the library makes: a goal not reached is listed twice.")]
    public void DeadlineProjection_ListsEachCompetencyOnce(string notReached, string goalsNotReached, string message)
    {
        var node = Node(Projection())["deadline"]!;
        node["notReached"] = JsonNode.Parse(notReached);
        node["goalsNotReached"] = JsonNode.Parse(goalsNotReached);

        FluentActions.Invoking(() => Read<DeadlineProjection>(node.ToJsonString())).Should().ThrowExactly<JsonException>().WithMessage(message);
    }

    [Fact]
    public void Milestones_OfTheSameDateAndTitle_OrInDateOrder_ReadBack()
    {
        // Two milestones of one date and title, different competencies, are two milestones, kept by date then title; a third
        // on a later date; a fourth on that date with a later title.
        var plan = Plan([new PlanMilestone("Unit", Now.AddDays(6), ["A"]), new PlanMilestone("Unit", Now.AddDays(6), ["A", "X"]),
            new PlanMilestone("B unit", Now.AddDays(12), ["B"]), new PlanMilestone("C unit", Now.AddDays(12), ["B"])]);
        var projection = Projection(plan);
        projection.Milestones.Select(m => (m.Milestone.Title, m.Milestone.Date)).Should().Equal(
            ("Unit", Now.AddDays(6)), ("Unit", Now.AddDays(6)), ("B unit", Now.AddDays(12)), ("C unit", Now.AddDays(12)));

        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection);
    }

    [Fact]
    public void AMilestoneWorseThanEveryGoal_SetsTheOverallStatus_AndReadsBack()
    {
        // A milestone on A one day away: 30 min in 1/7 week is 210 a week, above 87.5: off track, and so the whole plan.
        var projection = Projection(Plan([new PlanMilestone("Soon", Now.AddDays(1), ["A"])]));
        projection.Overall.Should().Be(new PacingForecast(150, Now.AddDays(15), PacingStatus.OffTrack, 210));

        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection);
    }

    [Fact]
    public void APathwayEndingOnTheDeadline_ReachesEverything_AndListingACompetencyNotReachedIsRefused()
    {
        // The deadline on day 15, when C's step ends: nothing is after it.
        var projection = Projection(Plan(deadline: new ExternalDeadline("End", Now.AddDays(15))));
        (projection.Deadline!.NotReached.IsEmpty, projection.Deadline.GoalsNotReached.IsEmpty).Should().Be((true, true));
        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection);

        var node = Node(projection);
        node["deadline"]!["notReached"] = new JsonArray("B", "C");
        ShouldBeRefused(node, Refused + "its deadline lists competencies not reached (B, C), but the whole pathway is projected to end by the deadline.");
    }

    [Fact]
    public void AnObservedPaceOfOnePiece_ReadsBack_AndAFactorOtherThanItsMinutes_IsRefused()
    {
        // One timed piece is enough here: 30 actual minutes on a-practice's 20, a pace of 1.5.
        var plan = Plan();
        var projection = new LearningPlanner(clock: new FakeTimeProvider(Now)).Project(plan, new PacingOptions(70, minimumTimedEvidence: 1),
            [new Evidence("t", "ana", EvidenceOutcome.Correct, Now, activity: "a-practice", duration: TimeSpan.FromMinutes(30))]);
        projection.Pace.Should().Be(new ObservedPace(1.5, true, 1, 30, 20));
        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection);

        var node = Node(projection);
        node["pace"]!["factor"] = 1.25;
        ShouldBeRefused(node, Refused + "its observed pace is not its actual minutes over its estimated minutes (within the pace bounds), on at least one timed piece.");
    }

    [Fact]
    public void ALateProjection_StatingAnExtraWeeklyTime_IsRefused()
    {
        // On day 8 X's date (day 7) has passed: no weekly time puts it on track, so there is no extra time to state.
        var late = new LearningPlanner(clock: new FakeTimeProvider(Now.AddDays(8))).Project(Plan(deadline: new ExternalDeadline("State test", Now.AddDays(20))), new PacingOptions(70));
        late.ExtraMinutesPerWeek.Should().BeNull();
        var node = Node(late);
        node["extraMinutesPerWeek"] = 0;
        ShouldBeRefused(node, Refused + "its extra minutes per week (0) are not what its overall weekly time and its planned 70 give (none: a date has passed).");
    }

    [Theory]
    [InlineData("minutes-zero", Refused + "its minutes per week 0 are not a finite number > 0.")]
    [InlineData("minutes-negative", Refused + "its minutes per week -70 are not a finite number > 0.")]
    [InlineData("goal-null", Refused + "a goal or milestone entry is null.")]
    [InlineData("milestone-null", Refused + "a goal or milestone entry is null.")]
    [InlineData("goal-twice", Refused + "a goal is projected twice ('C').")]
    [InlineData("goal-forecast", Refused + "the forecast of goal 'X' is not one the planner makes: its weekly time is not its 50 minutes over the 1 weeks to its date.")]
    [InlineData("milestone-forecast", Refused + "the forecast of milestone 'Foundations' is not one the planner makes: it is OffTrack at 35 minutes a week against 70 planned.")]
    [InlineData("deadline-forecast", Refused + "the forecast of deadline 'State test' is not one the planner makes: it is NoTargetDate at 105 minutes a week against 70 planned.")]
    [InlineData("milestones-by-date", Refused + "its milestones are not in date order, then title ('Foundations' on 2026-09-13T09:00:00.0000000+00:00 before 'Later' on 2026-09-12T09:00:00.0000000+00:00).")]
    [InlineData("milestones-by-title", Refused + "its milestones are not in date order, then title ('Foundations' on 2026-09-13T09:00:00.0000000+00:00 before 'Earlier title' on 2026-09-13T09:00:00.0000000+00:00).")]
    [InlineData("milestone-twice", Refused + "milestone 'Foundations' on 2026-09-13T09:00:00.0000000+00:00 is projected twice.")]
    [InlineData("milestone-longer", Refused + "its overall minutes (150) are not its goals' longest (150), are fewer than a milestone's or deadline's, or its completion is not those minutes at its weekly time.")]
    [InlineData("overall-fewer", Refused + "its overall minutes (70) are not its goals' longest (150), are fewer than a milestone's or deadline's, or its completion is not those minutes at its weekly time.")]
    [InlineData("overall-completion", Refused + "its overall minutes (150) are not its goals' longest (150), are fewer than a milestone's or deadline's, or its completion is not those minutes at its weekly time.")]
    [InlineData("overall-status", Refused + "its overall status OffTrack and weekly time are not the tally of its goals and milestones (AtRisk).")]
    [InlineData("goals-not-reached", Refused + "its deadline's goals not reached are not its goals that are not complete and projected after the deadline.")]
    [InlineData("deadline-minutes", Refused + "its deadline's forecast has 100 minutes left, not the whole pathway's 150.")]
    [InlineData("learn-step-late", Refused + "its deadline does not reach the learn step of goal 'X', but lists the goal as reached.")]
    [InlineData("extra", Refused + "its extra minutes per week (12) are not what its overall weekly time and its planned 70 give (5).")]
    public void AProjectionThePlannerWouldNotMake_IsRefused_NamingTheRule(string edit, string message)
    {
        var node = Node(Projection());
        var goals = node["goals"]!.AsArray();
        var milestones = node["milestones"]!.AsArray();
        var forecast = (double minutes, double days, string status, double? required) => JsonNode.Parse(
            $$"""{"remainingMinutes":{{minutes}},"projectedCompletion":"{{Now.AddDays(days):O}}","status":"{{status}}"{{(required is { } r ? $",\"requiredMinutesPerWeek\":{r}" : "")}}}""");
        switch (edit)
        {
            case "minutes-zero": node["minutesPerWeek"] = 0; break;
            case "minutes-negative": node["minutesPerWeek"] = -70; break;
            case "goal-null": goals[1] = null; break;
            case "milestone-null": milestones[0] = null; break;
            case "goal-twice": goals.Add(goals[0]!.DeepClone()); break;
            case "goal-forecast": goals[1]!["forecast"]!["requiredMinutesPerWeek"] = 49; break;
            case "milestone-forecast": milestones[0]!["forecast"]!["status"] = "OffTrack"; break;
            case "deadline-forecast": node["deadline"]!["forecast"]!["status"] = "NoTargetDate"; break;
            case "milestones-by-date":
                // A later entry dated a day before: by title it would come first ('F' < 'L'), by date it must.
                var later = milestones[0]!.DeepClone();
                later["milestone"]!["title"] = "Later";
                later["milestone"]!["date"] = Now.AddDays(5).ToString("O");
                later["forecast"] = forecast(30, 3, "OnTrack", 42);
                milestones.Add(later);
                break;
            case "milestones-by-title":
                // The same date and competencies, so the same forecast: only the order by title is wrong.
                var titled = milestones[0]!.DeepClone();
                titled["milestone"]!["title"] = "Earlier title";
                milestones.Add(titled);
                break;
            case "milestone-twice": milestones.Add(milestones[0]!.DeepClone()); break;
            case "milestone-longer":
                // A milestone of 1,000 min one week away, its own forecast consistent (day 100, 1,000 a week, off track), and
                // the overall status and weekly time its tally: only the minutes give it away, more than the whole pathway's.
                var longer = milestones[0]!.DeepClone();
                longer["milestone"]!["title"] = "Long";
                longer["milestone"]!["date"] = Now.AddDays(7).ToString("O");
                longer["forecast"] = forecast(1000, 100, "OffTrack", 1000);
                milestones.Add(longer);
                node["overall"]!["status"] = "OffTrack";
                node["overall"]!["requiredMinutesPerWeek"] = 1000;
                node.AsObject().Remove("extraMinutesPerWeek");
                break;
            case "overall-fewer":
                // 70 min at 70 a week end a week from now: the completion fits, the minutes do not.
                node["overall"]!["remainingMinutes"] = 70;
                node["overall"]!["projectedCompletion"] = Now.AddDays(7).ToString("O");
                break;
            case "overall-completion": node["overall"]!["projectedCompletion"] = Now.AddDays(16).ToString("O"); break;
            case "overall-status": node["overall"]!["status"] = "OffTrack"; break;
            case "goals-not-reached": node["deadline"]!["goalsNotReached"] = new JsonArray(); break;
            case "deadline-minutes": node["deadline"]!["forecast"] = forecast(100, 10, "OnTrack", 70); break; // 100 min over 10/7 week: 70 a week
            case "learn-step-late": node["deadline"]!["notReached"] = new JsonArray("X", "C"); break; // X ends on day 5
            case "extra": node["extraMinutesPerWeek"] = 12; break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        ShouldBeRefused(node, message);
    }

    [Theory]
    [InlineData("complete-with-weekly-time", "goal 'X' is not one the planner makes: it is complete with minutes left, a weekly time other than 0, or a completion other than the projection's moment.")]
    [InlineData("complete-with-minutes", "goal 'X' is not one the planner makes: it is complete with minutes left, a weekly time other than 0, or a completion other than the projection's moment.")]
    [InlineData("completion", "goal 'X' is not one the planner makes: its completion 2026-09-13T09:00:00.0000000+00:00 is not 50 minutes at 70 a week from 2026-09-07T09:00:00.0000000+00:00.")]
    [InlineData("undated-on-track", "goal 'C' is not one the planner makes: it has no date but a status or weekly time that needs one.")]
    [InlineData("passed-at-risk", "goal 'X' is not one the planner makes: its date has passed, so it is off track with no weekly time.")]
    [InlineData("passed-with-weekly-time", "goal 'X' is not one the planner makes: its date has passed, so it is off track with no weekly time.")]
    public void AGoalsForecastThePlannerWouldNotMake_IsRefused(string edit, string message)
    {
        // The base (above); undated: goals C and X without dates (C's steps end at 130 min); passed: on day 8, a day after X's date.
        var projection = edit switch
        {
            "undated-on-track" => new LearningPlanner(clock: new FakeTimeProvider(Now)).Project(new LearningPlanner(clock: new FakeTimeProvider(Now)).Draft(
                new PlaylistRequest(TestData.PlanCatalog, Engine.Assess(Engine.Rebuild("ana", []), Now), [new LearningGoal("C"), new LearningGoal("X")], new PlaylistOptions(AgencyLevel.Guided, sessionMinutes: 60))), new PacingOptions(70)),
            "passed-at-risk" or "passed-with-weekly-time" => new LearningPlanner(clock: new FakeTimeProvider(Now.AddDays(8))).Project(Plan(deadline: new ExternalDeadline("State test", Now.AddDays(20))), new PacingOptions(70)),
            _ => Projection(),
        };
        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection, "unedited, it reads");
        var node = Node(projection);
        var x = node["goals"]![1]!["forecast"]!;
        switch (edit)
        {
            case "complete-with-weekly-time": node["goals"]![1]!["forecast"] = JsonNode.Parse($$"""{"remainingMinutes":0,"projectedCompletion":"{{Now:O}}","status":"Complete","requiredMinutesPerWeek":5}"""); break;
            case "complete-with-minutes": node["goals"]![1]!["forecast"] = JsonNode.Parse($$"""{"remainingMinutes":50,"projectedCompletion":"{{Now:O}}","status":"Complete","requiredMinutesPerWeek":0}"""); break;
            case "completion": x["projectedCompletion"] = Now.AddDays(6).ToString("O"); break;
            case "undated-on-track": node["goals"]![0]!["forecast"]!["status"] = "OnTrack"; break;
            case "passed-at-risk": x["status"] = "AtRisk"; break;
            case "passed-with-weekly-time": x["requiredMinutesPerWeek"] = 5; break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        ShouldBeRefused(node, Refused + "the forecast of " + message);
    }

    [Fact]
    public void AWeeklyTimeWithinTheToleranceOfItsMinutes_Reads()
    {
        // The weekly time read may differ from minutes ÷ weeks by 1e-12 of the larger of 1 and that quotient: X's 50 a week
        // read as 50 + 1e-11 (within 5e-11) still reads, and a milestone of 0 minutes (0 a week) read with 1e-12 a week.
        var node = Node(Projection());
        node["goals"]![1]!["forecast"]!["requiredMinutesPerWeek"] = 50.00000000001;
        node["milestones"]![0]!["forecast"] = JsonNode.Parse($$"""{"remainingMinutes":0,"projectedCompletion":"{{Now:O}}","status":"OnTrack","requiredMinutesPerWeek":1e-12}""");

        var read = PersonalizedLearningJson.Deserialize<PacingProjection>(node.ToJsonString());
        read.Goals[1].Forecast.RequiredMinutesPerWeek.Should().Be(50.00000000001);
        read.Milestones[0].Forecast.Should().Be(new PacingForecast(0, Now, PacingStatus.OnTrack, 1e-12));
    }
}

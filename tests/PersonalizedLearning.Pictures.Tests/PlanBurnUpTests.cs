using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;
using static PersonalizedLearning.Pictures.Tests.Classes;

namespace PersonalizedLearning.Pictures.Tests;

public class PlanBurnUpTests
{
    private static DateTimeOffset Day(int month, int day) => new(2027, month, day, 0, 0, 0, TimeSpan.Zero);

    private static XElement Role(XElement root, string role) => WithData(root, "role", role).Single();

    [Fact]
    public void Render_KnownPoints_EveryLineAtItsHandWorkedPlace()
    {
        // Scope 10; 0, 4, 5 mastered on 1, 11 and 21 January; deadline 31 January; projected 10 February.
        var progress = new PlanProgress(10, [new(Day(1, 1), 0), new(Day(1, 11), 4), new(Day(1, 21), 5)], Day(1, 31), "State test", Day(2, 10));

        var root = Parse(PlanBurnUp.Render(progress));

        // 640 × 360: the plot spans x 56..616 (560 px for 40 days: 14 px a day) and y 296 (0) up to 40 (10): 25.6 px each.
        root.Descendants(Svg + "circle").Select(c => (Data(c, "at"), Data(c, "mastered"), Number(c, "cx"), Number(c, "cy"))).Should().Equal(
            ("2027-01-01T00:00:00.0000000+00:00", "0", 56d, 296d),
            ("2027-01-11T00:00:00.0000000+00:00", "4", 196d, 193.6d),
            ("2027-01-21T00:00:00.0000000+00:00", "5", 336d, 168d));
        Role(root, "mastered").Attribute("points")!.Value.Should().Be("56,296 196,193.6 336,168");
        var scope = Role(root, "scope");
        (Number(scope, "x1"), Number(scope, "y1"), Number(scope, "x2"), Number(scope, "y2")).Should().Be((56d, 40d, 616d, 40d));
        var projection = Role(root, "projection");
        (Number(projection, "x1"), Number(projection, "y1"), Number(projection, "x2"), Number(projection, "y2")).Should().Be((336d, 168d, 616d, 40d));
        projection.Element(Svg + "title")!.Value.Should().Be("Projected at the learner's pace: all 10 mastered by 2027-02-10");
        var deadline = Role(root, "deadline").Element(Svg + "line")!;
        (Number(deadline, "x1"), Number(deadline, "y1"), Number(deadline, "x2"), Number(deadline, "y2")).Should().Be((476d, 40d, 476d, 296d));
        deadline.Attribute("stroke")!.Value.Should().Be("#D81B60");
        root.Element(Svg + "desc")!.Value.Should().Be(
            "Burn-up of a plan of 10 competencies: 5 mastered by 2027-01-21, from 0 on 2027-01-01; State test on 2027-01-31; projected to finish on 2027-02-10 at the learner's pace, after the deadline.");
    }

    [Fact]
    public void Render_OnePointNoDeadlineNoProjection_ADayWideAxisAndNoExtraLines()
    {
        var root = Parse(PlanBurnUp.Render(new PlanProgress(4, [new(Day(3, 1), 2)]), new BurnUpOptions { Width = 240, Height = 160, Title = "Maya" }));

        // Start and end coincide, so the axis is one day long and the point sits at its start, half way up:
        // y = 96 − 56·2/4 = 68.
        var point = root.Descendants(Svg + "circle").Single();
        (Number(point, "cx"), Number(point, "cy")).Should().Be((56d, 68d));
        WithData(root, "role", "projection").Should().BeEmpty();
        WithData(root, "role", "deadline").Should().BeEmpty();
        root.Element(Svg + "title")!.Value.Should().Be("Maya");

        // The legend names only what is drawn.
        WithData(root, "role", "legend").Single().Descendants(Svg + "text").Select(t => t.Value).Should().Equal("Mastered", "Scope");
        var full = Parse(PlanBurnUp.Render(new PlanProgress(10, [new(Day(1, 1), 0), new(Day(1, 11), 4)], Day(1, 31), "State test", Day(2, 10))));
        WithData(full, "role", "legend").Single().Descendants(Svg + "text").Select(t => t.Value).Should().Equal("Mastered", "Projected", "Scope", "State test");
    }

    [Fact]
    public void Render_NothingToDraw_APictureThatSaysSo()
    {
        WithData(Parse(PlanBurnUp.Render(new PlanProgress(0, []))), "role", "empty").Single().Value.Should().Be("The plan has no competency to master.");
        WithData(Parse(PlanBurnUp.Render(new PlanProgress(5, default))), "role", "empty").Single().Value.Should().Be("No progress has been recorded yet.");
    }

    [Fact]
    public void PlanProgress_BadInputs_ExactExceptions()
    {
        FluentActions.Invoking(() => new PlanProgress(-1, [])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("scope");
        FluentActions.Invoking(() => new PlanProgress(3, [new(Day(1, 1), 4)])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("points").WithMessage("Point 0 (2027-01-01T00:00:00.0000000+00:00) counts 4 competencies mastered; a count must be in [0, 3], the scope.*");
        FluentActions.Invoking(() => new PlanProgress(3, [new(Day(1, 1), -1)])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("points");
        FluentActions.Invoking(() => new PlanProgress(3, [new(Day(1, 2), 1), new(Day(1, 2), 2)])).Should().Throw<ArgumentException>()
            .WithParameterName("points").WithMessage("Point 1 (2027-01-02T00:00:00.0000000+00:00) is not later than point 0*");
        FluentActions.Invoking(() => new PlanProgress(3, [new(Day(1, 5), 1)], projectedCompletion: Day(1, 4))).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("projectedCompletion");
        FluentActions.Invoking(() => PlanBurnUp.Render(null!)).Should().Throw<ArgumentNullException>().WithParameterName("progress");
        FluentActions.Invoking(() => new BurnUpOptions { Width = 239 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Width");
        FluentActions.Invoking(() => new BurnUpOptions { Height = 4001 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Height");
    }

    [Fact]
    public void PlanProgress_EqualByValue() =>
        new PlanProgress(3, [new(Day(1, 1), 1)], Day(2, 1)).Should().Be(new PlanProgress(3, [new(Day(1, 1), 1)], Day(2, 1), "Deadline"))
            .And.NotBe(new PlanProgress(3, [new(Day(1, 1), 2)], Day(2, 1)));

    /// <summary>A chain R1 → R2 → R3 → R4; the goal is R3, so the scope is R1, R2, R3. R1 is mastered on 5 January, R2
    /// on 12 January.</summary>
    private static (PersonalizedLearningEngine Engine, LearnerState State, LearningPlan Plan, LearningPlanner Planner) Chain()
    {
        var framework = new CompetencyFrameworkBuilder("Chain")
            .AddCompetency("R1", "One").AddCompetency("R2", "Two").AddCompetency("R3", "Three").AddCompetency("R4", "Four")
            .AddPrerequisite("R1", "R2").AddPrerequisite("R2", "R3").AddPrerequisite("R3", "R4")
            .Build();
        var engine = Engine(framework, new FakeTimeProvider(Day(3, 1)));
        Evidence Mastered(string id, string competency, DateTimeOffset at) =>
            new(id, "maya", EvidenceOutcome.FromScore(0.95), at, activity: $"{competency}-check", duration: TimeSpan.FromMinutes(12));
        var state = engine.Rebuild("maya", [Mastered("e1", "R1", Day(1, 5)), Mastered("e2", "R2", Day(1, 12))]);
        var planner = new LearningPlanner(clock: new FakeTimeProvider(Day(1, 15)));
        var plan = planner.Draft(new PlaylistRequest(engine.Catalog, engine.Assess(state, Day(1, 15)), [new LearningGoal("R3", Day(2, 1))]),
            deadline: new ExternalDeadline("State test", Day(2, 10)));
        return (engine, state, plan, planner);
    }

    [Fact]
    public void FromPlan_WeeklySnapshots_CountsTheGoalsAndPrerequisitesMasteredAndTakesTheProjection()
    {
        var (engine, state, plan, planner) = Chain();
        var projection = planner.Project(plan, new PacingOptions(minutesPerWeek: 60));
        var history = new[] { Day(1, 15), Day(1, 1), Day(1, 8) }.Select(d => engine.Assess(state, d)); // any order

        var progress = PlanProgress.FromPlan(plan, history, projection);

        progress.Scope.Should().Be(3);
        progress.Points.Should().Equal(new BurnUpPoint(Day(1, 1), 0), new BurnUpPoint(Day(1, 8), 1), new BurnUpPoint(Day(1, 15), 2));
        progress.Deadline.Should().Be(Day(2, 10));
        progress.DeadlineLabel.Should().Be("State test");
        progress.ProjectedCompletion.Should().Be(projection.Overall.ProjectedCompletion);
        projection.Overall.ProjectedCompletion.Should().BeAfter(Day(1, 15));
        PlanProgress.FromPlan(plan, history).ProjectedCompletion.Should().BeNull();
    }

    [Fact]
    public void FromPlan_NoExternalDeadline_TheLatestGoalDate()
    {
        var (engine, state, plan, planner) = Chain();
        plan = planner.SetDeadline(plan, null);

        var progress = PlanProgress.FromPlan(plan, [engine.Assess(state, Day(1, 15))]);

        (progress.Deadline, progress.DeadlineLabel).Should().Be((Day(2, 1), "Goal date"));
    }

    [Fact]
    public void FromPlan_BadInputs_ExactExceptions()
    {
        var (engine, state, plan, _) = Chain();
        var other = engine.Assess(engine.Rebuild("leo", []), Day(1, 15));
        var elsewhere = Snapshot(Diamond(), "maya", new Dictionary<string, Mastery.MasteryLevel>());

        FluentActions.Invoking(() => PlanProgress.FromPlan(null!, [])).Should().Throw<ArgumentNullException>().WithParameterName("plan");
        FluentActions.Invoking(() => PlanProgress.FromPlan(plan, null!)).Should().Throw<ArgumentNullException>().WithParameterName("history");
        FluentActions.Invoking(() => PlanProgress.FromPlan(plan, [null!])).Should().Throw<ArgumentNullException>().WithParameterName("history");
        FluentActions.Invoking(() => PlanProgress.FromPlan(plan, [other])).Should().Throw<ArgumentException>()
            .WithParameterName("history").WithMessage("A snapshot is of learner 'leo', the plan of 'maya'*");
        FluentActions.Invoking(() => PlanProgress.FromPlan(plan, [elsewhere])).Should().Throw<ArgumentException>().WithParameterName("history");
        FluentActions.Invoking(() => PlanProgress.FromPlan(plan, [engine.Assess(state, Day(1, 8)), engine.Assess(state, Day(1, 8))])).Should().Throw<ArgumentException>()
            .WithParameterName("history").WithMessage("Two snapshots are of the same moment*");
    }

    [Fact]
    public void Render_GeneratedSeries_PointsInOrderInsideThePlotAndTheProjectionEndsOnTheScope()
    {
        var series = Gen.Int[1, 40].SelectMany(scope => Gen.Int[0, scope].Array[1, 12].SelectMany(counts =>
            Gen.Int[1, 20].Array[counts.Length].SelectMany(gaps => Gen.Int[-30, 60].Select(deadline => Gen.Int[0, 90].Select(projected => (scope, counts, gaps, deadline, projected))).SelectMany(g => g))));
        series.Sample(s =>
        {
            var at = Day(1, 1);
            var points = s.counts.Select((c, i) => new BurnUpPoint(at = at.AddDays(s.gaps[i]), c)).ToImmutableArray();
            var progress = new PlanProgress(s.scope, points, Day(1, 1).AddDays(s.deadline), projectedCompletion: points[^1].At.AddDays(s.projected));
            var root = Parse(PlanBurnUp.Render(progress));
            var (width, height) = (Number(root, "width"), Number(root, "height"));

            var circles = root.Descendants(Svg + "circle").ToList();
            circles.Select(c => int.Parse(Data(c, "mastered")!, CultureInfo.InvariantCulture)).Should().Equal(s.counts);
            circles.Select(c => Number(c, "cx")).Should().BeInAscendingOrder().And.OnlyContain(x => x >= 56 && x <= width - 24);
            circles.Should().OnlyContain(c => Number(c, "cy") >= 40 && Number(c, "cy") <= height - 64);
            // A higher count is drawn higher (smaller y).
            circles.Zip(circles.Skip(1)).All(p =>
                Math.Sign(Number(p.Second, "cy") - Number(p.First, "cy")) == -Math.Sign(int.Parse(Data(p.Second, "mastered")!, CultureInfo.InvariantCulture) - int.Parse(Data(p.First, "mastered")!, CultureInfo.InvariantCulture)))
                .Should().BeTrue("a higher count is drawn higher");
            var projection = Role(root, "projection");
            Number(projection, "y2").Should().Be(40);
            (Number(projection, "x1"), Number(projection, "y1")).Should().Be((Number(circles[^1], "cx"), Number(circles[^1], "cy")));
            var deadline = Role(root, "deadline").Element(Svg + "line")!;
            Number(deadline, "x1").Should().BeInRange(56, width - 24);
        }, iter: 150);
    }

    [Fact]
    public void BurnUpPoint_PrintsInvariantly_IncludingItsDefault()
    {
        // Issue 21, section 2: the compiler's ToString printed the moment in the current culture.
        new BurnUpPoint(new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero), 3).ToString().Should().Be("BurnUpPoint { At = 2026-09-07T09:00:00.0000000+00:00, Mastered = 3 }");
        default(BurnUpPoint).ToString().Should().Be("BurnUpPoint { At = 0001-01-01T00:00:00.0000000+00:00, Mastered = 0 }");
    }
}

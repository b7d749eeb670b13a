using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Observations;

public class EvidenceTests
{
    private static readonly DateTimeOffset When = TestData.Start;

    [Fact]
    public void Factories_SetTheTarget()
    {
        var byCompetency = Evidence.ForCompetency("e1", "ana", "F1", EvidenceOutcome.Correct, When, EvidenceKind.Summative);
        byCompetency.Competency.Should().Be(new CompetencyId("F1"));
        byCompetency.Activity.Should().BeNull();
        byCompetency.Kind.Should().Be(EvidenceKind.Summative);
        byCompetency.Weight.Should().Be(1);

        var byActivity = Evidence.ForActivity("e2", "ana", "a1", EvidenceOutcome.FromScore(0.5), When);
        byActivity.Activity.Should().Be(new ActivityId("a1"));
        byActivity.Competency.Should().BeNull();
        byActivity.Duration.Should().BeNull();
    }

    [Fact]
    public void Duration_IsKept_AndTakesPartInEquality()
    {
        var timed = new Evidence("e1", "ana", EvidenceOutcome.Correct, When, activity: "a1", duration: TimeSpan.FromMinutes(12));
        timed.Duration.Should().Be(TimeSpan.FromMinutes(12));
        timed.Should().NotBe(new Evidence("e1", "ana", EvidenceOutcome.Correct, When, activity: "a1"));
        new Evidence("e2", "ana", EvidenceOutcome.Correct, When, activity: "a1", duration: TimeSpan.Zero).Duration.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Constructor_TimestampOutsideThePlausibleYears_ThrowsArgumentOutOfRange_NamingWhy()
    {
        // Issue 15: default(DateTimeOffset) or a date centuries off would fold before or after every real piece.
        var unset = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, default, activity: "a1");
        unset.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Evidence 'e1' has no timestamp: default(DateTimeOffset), 0001-01-01, is not when anything was shown.*")
            .And.ParamName.Should().Be("timestamp");
        foreach (var far in new[] { Evidence.EarliestTimestamp.AddTicks(-1), Evidence.LatestTimestamp, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddYears(7000) })
        {
            var act = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, far, activity: "a1");
            act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"Evidence 'e1' is dated {far:O}, outside [1900-01-01, 2200-01-01) UTC*");
        }

        new Evidence("e1", "ana", EvidenceOutcome.Correct, Evidence.EarliestTimestamp, activity: "a1").Timestamp.Should().Be(Evidence.EarliestTimestamp);
        new Evidence("e1", "ana", EvidenceOutcome.Correct, Evidence.LatestTimestamp.AddTicks(-1), activity: "a1").Timestamp.Year.Should().Be(2199);
        // An offset does not move the bounds: they are moments.
        var act2 = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, new DateTimeOffset(1900, 1, 1, 0, 30, 0, TimeSpan.FromHours(1)), activity: "a1");
        act2.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Constructor_NegativeDuration_ThrowsArgumentOutOfRange()
    {
        var act = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, activity: "a1", duration: TimeSpan.FromSeconds(-1));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Evidence 'e1' has a negative duration.*")
            .And.ParamName.Should().Be("duration");
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1.0)]
    [InlineData(1e6)]
    public void Constructor_WeightAtTheBounds_IsKept(double weight)
    {
        (Evidence.MinimumWeight, Evidence.MaximumWeight).Should().Be((1e-6, 1e6));
        Math.BitIncrement(9.999999999999997e-7).Should().Be(Evidence.MinimumWeight, "the case below is the double just under the bound");
        Math.BitDecrement(1000000.0000000001).Should().Be(Evidence.MaximumWeight, "the case below is the double just over the bound");
        new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1", weight: weight).Weight.Should().Be(weight);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(9.999999999999997e-7)] // just below 1e-6
    [InlineData(1000000.0000000001)] // just above 1e6
    [InlineData(5e-324)] // made a mean of 0.5, 1 and 0.75 come out as 0.667 (issue 13's audit)
    [InlineData(1e308)] // made the sums overflow to NaN
    public void Constructor_WeightOutsideTheBounds_ThrowsArgumentOutOfRange_NamingTheRuleAndTheValue(double weight)
    {
        var act = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1", weight: weight);
        var thrown = act.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"Evidence 'e1' must have a weight in [1e-6, 1e6]; got {weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.*").Which;
        thrown.ParamName.Should().Be("weight");
        thrown.ActualValue.Should().Be(weight);
    }

    [Fact]
    public void Record_BatchWithAnOutOfRangeWeight_ChangesNothing()
    {
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), PersonalizedLearning.Mastery.RollupMasteryModel.Average());
        var ana = engine.Record(engine.CreateLearner("ana"), Evidence.ForCompetency("e0", "ana", "A", EvidenceOutcome.FromScore(0.5), When));
        var before = ana.Get("A");
        IEnumerable<Evidence> Batch()
        {
            yield return new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "A", weight: 1e6);
            yield return new Evidence("e2", "ana", EvidenceOutcome.Correct, When, competency: "A", weight: 1e308);
        }

        FluentActions.Invoking(() => engine.Record(ana, Batch())).Should().Throw<ArgumentOutOfRangeException>();
        ana.Get("A").Should().Be(before);
        ana.HasApplied("e1").Should().BeFalse();
        ana.Get("A").Estimate.Should().Be(0.5);
    }

    [Fact]
    public void Constructor_NoTarget_ThrowsArgumentException()
    {
        var act = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, When);
        act.Should().Throw<ArgumentException>().WithMessage("Evidence 'e1' must name a competency, an activity, or both.*");
    }

    [Fact]
    public void Constructor_EmptyIds_ThrowArgumentException()
    {
        FluentActions.Invoking(() => new Evidence(default, "ana", EvidenceOutcome.Correct, When, competency: "F1"))
            .Should().Throw<ArgumentException>().And.ParamName.Should().Be("id");
        FluentActions.Invoking(() => new Evidence("e1", default(LearnerId), EvidenceOutcome.Correct, When, competency: "F1"))
            .Should().Throw<ArgumentException>().And.ParamName.Should().Be("learner");
        FluentActions.Invoking(() => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: default(CompetencyId)))
            .Should().Throw<ArgumentException>().And.ParamName.Should().Be("competency");
        FluentActions.Invoking(() => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, kind: (EvidenceKind)9, competency: "F1"))
            .Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("kind");
    }

    [Fact]
    public void Equality_IsByValue()
    {
        var a = new Evidence("e1", "ana", EvidenceOutcome.FromScore(0.5), When, "F1", "a1", EvidenceKind.TeacherObservation, 2);
        var b = new Evidence("e1", "ana", EvidenceOutcome.FromScore(0.5), When, "F1", "a1", EvidenceKind.TeacherObservation, 2);
        a.Should().Be(b);
        a.Should().NotBe(new Evidence("e1", "ana", EvidenceOutcome.FromScore(0.5), When, "F1", "a1", EvidenceKind.TeacherObservation, 1));
    }

    [Fact]
    public void WhereAPieceWasFound_IsKeptPerCatalog_AndIsNotPartOfEquality()
    {
        // Two catalogs over two frameworks that declare the same competencies in other orders, so every index differs.
        var forward = new CompetencyFrameworkBuilder("F").AddCompetency("x", "X").AddCompetency("y", "Y").Build();
        var backward = new CompetencyFrameworkBuilder("F").AddCompetency("y", "Y").AddCompetency("x", "X").Build();
        var one = new ActivityCatalogBuilder(forward)
            .Add(new LearningActivity("a", "A", ActivityKind.Practice, 5, [new("x")]))
            .Add(new LearningActivity("b", "B", ActivityKind.Practice, 5, [new("y")]))
            .Build();
        var other = new ActivityCatalogBuilder(backward)
            .Add(new LearningActivity("b", "B", ActivityKind.Practice, 5, [new("y")]))
            .Add(new LearningActivity("a", "A", ActivityKind.Practice, 5, [new("x")]))
            .Build();
        var piece = new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "x", activity: "a");
        var twin = new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "x", activity: "a");

        // Asked in turn, each catalog and framework gets its own answer, however often the other asked in between.
        for (var round = 0; round < 3; round++)
        {
            piece.ActivityIndexIn(one).Should().Be(0);
            piece.ActivityIndexIn(other).Should().Be(1);
            piece.CompetencyIndexIn(forward).Should().Be(0);
            piece.CompetencyIndexIn(backward).Should().Be(1);
        }

        // What is not there is not found, and a piece that names nothing of a kind has no index of it.
        new Evidence("e2", "ana", EvidenceOutcome.Correct, When, activity: "nowhere").ActivityIndexIn(one).Should().Be(-1);
        new Evidence("e3", "ana", EvidenceOutcome.Correct, When, competency: "z").CompetencyIndexIn(forward).Should().Be(-1);
        new Evidence("e4", "ana", EvidenceOutcome.Correct, When, activity: "a").CompetencyIndexIn(forward).Should().Be(-1);

        // The kept lookups change nothing a caller sees: equal to a piece never looked up, with the same hash.
        piece.Should().Be(twin);
        twin.Should().Be(piece);
        piece.GetHashCode().Should().Be(twin.GetHashCode());
        piece.ToString().Should().Be(twin.ToString());
    }

    [Fact]
    public void ToString_ListsTheTargetsAndOnlyTheFieldsThatAreNotTheirDefaults()
    {
        Evidence.ForCompetency("e2", "ana", "F1", EvidenceOutcome.Correct, When).ToString()
            .Should().Be("Evidence { Id = e2, Learner = ana, Competency = F1, Outcome = correct, Timestamp = 2026-09-07T09:00:00.0000000+00:00 }");
        Evidence.ForActivity("e3", "ana", "a1", EvidenceOutcome.Incorrect, When.ToOffset(TimeSpan.FromHours(2))).ToString()
            .Should().Be("Evidence { Id = e3, Learner = ana, Activity = a1, Outcome = incorrect, Timestamp = 2026-09-07T11:00:00.0000000+02:00 }");
        new Evidence("e1", "ana", EvidenceOutcome.FromScore(0.75), When, "F1", "a1", EvidenceKind.Summative, 2.5, TimeSpan.FromMinutes(90)).ToString()
            .Should().Be("Evidence { Id = e1, Learner = ana, Competency = F1, Activity = a1, Outcome = 0.75, Timestamp = 2026-09-07T09:00:00.0000000+00:00, Kind = Summative, Weight = 2.5, Duration = 01:30:00 }");
    }

    [Fact]
    public void FoldOrder_IsByInstantThenOrdinalId_WithNullFirst()
    {
        var first = new Evidence("e9", "ana", EvidenceOutcome.Correct, When, competency: "F1");
        var later = new Evidence("e1", "ana", EvidenceOutcome.Correct, When.AddTicks(1), competency: "F1");
        // 11:00 at +02:00 is the same instant as 09:00 UTC: the offset does not order, the id does ("E" < "e" ordinally).
        var sameInstant = new Evidence("E9", "bo", EvidenceOutcome.Incorrect, When.ToOffset(TimeSpan.FromHours(2)), competency: "F2");

        Evidence.FoldOrder.Compare(first, later).Should().BeNegative("the earlier piece folds first whatever its id");
        Evidence.FoldOrder.Compare(later, first).Should().BePositive();
        Evidence.FoldOrder.Compare(sameInstant, first).Should().BeNegative("at one instant the ordinal id decides");
        Evidence.FoldOrder.Compare(first, sameInstant).Should().BePositive();
        Evidence.FoldOrder.Compare(first, new Evidence("e9", "ana", EvidenceOutcome.Correct, When, competency: "F1")).Should().Be(0);
        Evidence.FoldOrder.Compare(first, first).Should().Be(0);
        Evidence.FoldOrder.Compare(null, first).Should().BeNegative();
        Evidence.FoldOrder.Compare(first, null).Should().BePositive();
        Evidence.FoldOrder.Compare(null, null).Should().Be(0);
    }

    [Fact]
    public void Constructor_EmptyActivity_NamesTheActivity_AndUndefinedKindNamesTheValue()
    {
        FluentActions.Invoking(() => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1", activity: default(ActivityId)))
            .Should().Throw<ArgumentException>().WithMessage("Evidence 'e1' names an empty (default) competency or activity id; pass null instead.*")
            .And.ParamName.Should().Be("activity");
        FluentActions.Invoking(() => new Evidence("e1", default(LearnerId), EvidenceOutcome.Correct, When, competency: "F1"))
            .Should().Throw<ArgumentException>().WithMessage("Evidence 'e1' needs a non-empty learner id.*");
        FluentActions.Invoking(() => new Evidence(default, "ana", EvidenceOutcome.Correct, When, competency: "F1"))
            .Should().Throw<ArgumentException>().WithMessage("Evidence needs a non-empty id; got the default (empty) id.*");
        FluentActions.Invoking(() => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, kind: (EvidenceKind)9, competency: "F1"))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("Evidence 'e1' has an undefined kind 9.*");
        FluentActions.Invoking(() => new Evidence("e1", "ana", EvidenceOutcome.Correct, When))
            .Should().Throw<ArgumentException>().And.ParamName.Should().Be("competency");
    }

    [Fact]
    public void ActivityIndexIn_EvidenceNamingNoActivity_IsMinusOne()
    {
        var catalog = TestData.CatalogFor(TestData.Diamond());
        var piece = Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, When);
        piece.ActivityIndexIn(catalog).Should().Be(-1);
        Evidence.ForActivity("e2", "ana", "a-lesson", EvidenceOutcome.Correct, When).ActivityIndexIn(catalog).Should().Be(0, "the catalog's first activity");
    }
}

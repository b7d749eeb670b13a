using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Tests.Activities;

public class LearningActivityTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NonPositiveOrNonFiniteMinutes_ThrowsArgumentOutOfRange(double minutes)
    {
        var act = () => new LearningActivity("a1", "Title", ActivityKind.Practice, minutes, TestData.Align("F1"));
        act.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"Activity 'a1' must have estimated minutes that are finite and greater than 0; got {minutes.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.*")
            .And.ParamName.Should().Be("estimatedMinutes");
    }

    [Fact]
    public void Constructor_ACompetencyAlignedTwice_ThrowsArgumentException()
    {
        // Fresh review of issue 21: the catalog builder refused it, the constructor (and so a next step read from JSON) did not.
        var act = () => new LearningActivity("a1", "Title", ActivityKind.Practice, 5, [new("F1", 1), new("F2", 0.5), new("F1", 0.5)]);
        act.Should().Throw<ArgumentException>()
            .WithMessage("Activity 'a1' is aligned to competency 'F1' more than once; give one alignment with one weight.*")
            .And.ParamName.Should().Be("alignments");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Constructor_DifficultyOutsideUnitInterval_ThrowsArgumentOutOfRange(double difficulty)
    {
        var act = () => new LearningActivity("a1", "Title", ActivityKind.Practice, 5, TestData.Align("F1"), difficulty: difficulty);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Activity 'a1' must have a difficulty in [0, 1] or none*")
            .And.ParamName.Should().Be("difficulty");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(1.0000000000000002)] // just above 1
    [InlineData(9.999999999999997e-7)] // just below 1e-6
    [InlineData(5e-324)]
    [InlineData(1e308)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Constructor_AlignmentWeightOutsideRange_ThrowsArgumentOutOfRange(double weight)
    {
        var act = () => new LearningActivity("a1", "Title", ActivityKind.Practice, 5, TestData.Align("F1", weight));
        act.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"Activity 'a1' must have alignment weights in [1e-6, 1]; got {weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} for competency 'F1'.*")
            .And.ParamName.Should().Be("alignments");
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1.0)]
    public void Constructor_AlignmentWeightAtTheBounds_IsKept(double weight)
    {
        (ActivityAlignment.MinimumWeight, ActivityAlignment.MaximumWeight).Should().Be((1e-6, 1.0));
        Math.BitIncrement(9.999999999999997e-7).Should().Be(ActivityAlignment.MinimumWeight);
        new LearningActivity("a1", "Title", ActivityKind.Practice, 5, TestData.Align("F1", weight)).AlignmentWeight("F1").Should().Be(weight);
    }

    [Fact]
    public void Constructor_NoAlignment_ThrowsArgumentException()
    {
        var act = () => new LearningActivity("a1", "Title", ActivityKind.Practice, 5, []);
        act.Should().Throw<ArgumentException>().WithMessage("Activity 'a1' is aligned to no competency; align it to at least one so that its evidence counts.*")
            .And.ParamName.Should().Be("alignments");
    }

    [Fact]
    public void Constructor_BlankTitleAndBadMinutes_ReportsBoth()
    {
        var act = () => new LearningActivity("a1", "", ActivityKind.Practice, -1, TestData.Align("F1"));
        act.Should().Throw<ArgumentException>()
            .WithMessage("Activity 'a1' needs a title that is not blank; got ''. Activity 'a1' must have estimated minutes that are finite and greater than 0; got -1.*")
            .And.ParamName.Should().Be("title");
    }

    [Fact]
    public void Constructor_TitleWithAControlCharacter_IsRefusedWithTheOtherProblems_TabAndNewlinesAreKept()
    {
        FluentActions.Invoking(() => new LearningActivity("a1", "Quiz\u0000", ActivityKind.Practice, -1, TestData.Align("F1"))).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Activity 'a1''s title must not hold control characters other than white space (U+0009-U+000D, U+0085); U+0000 is at position 4. Activity 'a1' must have estimated minutes that are finite and greater than 0; got -1. (Parameter 'title')")
            .And.ParamName.Should().Be("title");
        FluentActions.Invoking(() => new LearningActivity("a1", "Quiz \u001B[31m", ActivityKind.Practice, 5, TestData.Align("F1"))).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Activity 'a1''s title must not hold control characters other than white space (U+0009-U+000D, U+0085); U+001B is at position 5. (Parameter 'title')");
        new LearningActivity("a1", "Quiz:\n\tpart 1\r\n", ActivityKind.Practice, 5, TestData.Align("F1")).Title.Should().Be("Quiz:\n\tpart 1\r\n");
    }

    [Fact]
    public void Equality_IsByValueIncludingAlignments()
    {
        LearningActivity Make(double weight) => new("p", "Project", ActivityKind.Project, 90, [new("F9", weight), new("F10", 1 - weight)], LearningModality.Collaborative, 0.7);
        Make(0.6).Should().Be(Make(0.6));
        Make(0.6).GetHashCode().Should().Be(Make(0.6).GetHashCode());
        Make(0.6).Should().NotBe(Make(0.5));
        Make(0.6).AlignmentWeight("F9").Should().Be(0.6);
        Make(0.6).AlignmentWeight("F1").Should().Be(0);
        Make(0.6).IsAlignedTo("F10").Should().BeTrue();
    }

    [Fact]
    public void Constructor_AnEmptyId_IsTheParameterNamed_WhateverElseIsWrong()
    {
        var act = () => new LearningActivity(default, " ", ActivityKind.Practice, 5, TestData.Align("F1"));
        act.Should().ThrowExactly<ArgumentException>().WithParameterName("id")
            .WithMessage("An activity id must not be empty or whitespace; got ''. Activity '' needs a title that is not blank; got ' '. (Parameter 'id')");
    }

    [Fact]
    public void Constructor_AControlCharacterFirstInTheTitle_NamesTheTitle()
    {
        var act = () => new LearningActivity("a1", "\u0007Bell", ActivityKind.Practice, 5, TestData.Align("F1"));
        act.Should().ThrowExactly<ArgumentException>().WithParameterName("title");
    }

    [Fact]
    public void Constructor_ABlankTopicOrAnAlignmentWithoutCompetency_IsRefusedNamingIt()
    {
        var topic = () => new LearningActivity("a1", "Title", ActivityKind.Practice, 5, TestData.Align("F1"), topics: ["sports", " "]);
        topic.Should().ThrowExactly<ArgumentException>().WithParameterName("topics")
            .WithMessage("Activity 'a1' has a blank topic; remove it or give it a name. (Parameter 'topics')");

        var alignment = () => new LearningActivity("a1", "Title", ActivityKind.Practice, 5, [new("F1", 1), new(default, 0.5)]);
        alignment.Should().ThrowExactly<ArgumentException>().WithParameterName("alignments")
            .WithMessage("Activity 'a1' has an alignment with an empty competency id. (Parameter 'alignments')");
    }

    [Fact]
    public void Constructor_AnUndefinedKindOrModality_IsOutOfRange_NamingWhichParameter()
    {
        // Found by the mutation survivors: both were named "alignments", the fallback for an out-of-range weight.
        var kind = () => new LearningActivity("a1", "Title", (ActivityKind)99, 5, TestData.Align("F1"));
        kind.Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("kind")
            .WithMessage($"Activity 'a1' has an undefined kind (99) or modality ({(int)LearningModality.Digital}). (Parameter 'kind')");

        var modality = () => new LearningActivity("a1", "Title", ActivityKind.Practice, 5, TestData.Align("F1"), (LearningModality)(-1));
        modality.Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("modality")
            .WithMessage($"Activity 'a1' has an undefined kind ({(int)ActivityKind.Practice}) or modality (-1). (Parameter 'modality')");

        // With bad minutes as well, the first problem listed (the kind) is the parameter named.
        var both = () => new LearningActivity("a1", "Title", (ActivityKind)99, 0, TestData.Align("F1"));
        both.Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("kind");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Constructor_DifficultyAtEitherEnd_IsKept(double difficulty)
    {
        new LearningActivity("a1", "Title", ActivityKind.Practice, 5, TestData.Align("F1"), difficulty: difficulty).Difficulty.Should().Be(difficulty);

        // At 1 the difficulty is fine, so a bad weight beside it is the parameter named.
        var act = () => new LearningActivity("a1", "Title", ActivityKind.Practice, 5, TestData.Align("F1", 2), difficulty: difficulty);
        act.Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("alignments");
    }

    [Fact]
    public void Equality_EachFieldOnItsOwn()
    {
        LearningActivity Make(string id = "p", string title = "Project", ActivityKind kind = ActivityKind.Project, double minutes = 90,
            string competency = "F9", LearningModality modality = LearningModality.Collaborative, double? difficulty = 0.7, string topic = "music") =>
            new(id, title, kind, minutes, TestData.Align(competency), modality, difficulty, [topic]);

        var activity = Make();
        activity.Equals(Make()).Should().BeTrue();
        activity.Equals(Make(id: "q")).Should().BeFalse();
        activity.Equals(Make(title: "Other")).Should().BeFalse();
        activity.Equals(Make(kind: ActivityKind.Practice)).Should().BeFalse();
        activity.Equals(Make(minutes: 91)).Should().BeFalse();
        activity.Equals(Make(competency: "F8")).Should().BeFalse();
        activity.Equals(Make(modality: LearningModality.Digital)).Should().BeFalse();
        activity.Equals(Make(difficulty: null)).Should().BeFalse();
        activity.Equals(Make(topic: "sports")).Should().BeFalse();
        activity.IsAlignedTo("F9").Should().BeTrue();
        activity.IsAlignedTo("F1").Should().BeFalse("an unaligned competency has weight 0");
        activity.Equals(null).Should().BeFalse();
    }
}

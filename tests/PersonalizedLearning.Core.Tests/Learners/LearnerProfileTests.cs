using PersonalizedLearning.Activities;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Learners;

public class LearnerProfileTests
{
    [Fact]
    public void Constructor_NormalisesDefaultsAndComparesByValue()
    {
        var a = new LearnerProfile("ana", [new LearningGoal("F8", TestData.Start.AddDays(30))], ["sports"], [LearningModality.HandsOn], new LearnerAccommodations(1.5));
        var b = new LearnerProfile("ana", [new LearningGoal("F8", TestData.Start.AddDays(30))], ["sports"], [LearningModality.HandsOn], new LearnerAccommodations(1.5));
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(new LearnerProfile("ana", [new LearningGoal("F8")], ["sports"], [LearningModality.HandsOn], new LearnerAccommodations(1.5)));

        var bare = new LearnerProfile("ben");
        bare.Goals.Should().BeEmpty();
        bare.Interests.Should().BeEmpty();
        bare.PreferredModalities.Should().BeEmpty();
        bare.Accommodations.Should().Be(LearnerAccommodations.None);
    }

    [Fact]
    public void Constructor_RepeatedGoal_ThrowsArgumentException()
    {
        var act = () => new LearnerProfile("ana", [new LearningGoal("F8"), new LearningGoal("F8", TestData.Start)]);
        act.Should().Throw<ArgumentException>().WithMessage("Learner 'ana' has 2 goals for competency 'F8'; keep one goal per competency.*")
            .And.ParamName.Should().Be("goals");
    }

    [Fact]
    public void Constructor_BadValues_Throw()
    {
        FluentActions.Invoking(() => new LearnerProfile(default)).Should().Throw<ArgumentException>().And.ParamName.Should().Be("learner");
        FluentActions.Invoking(() => new LearnerProfile("ana", [default])).Should().Throw<ArgumentException>().And.ParamName.Should().Be("goals");
        FluentActions.Invoking(() => new LearnerProfile("ana", interests: [" "])).Should().Throw<ArgumentException>().And.ParamName.Should().Be("interests");
        FluentActions.Invoking(() => new LearningGoal(default)).Should().Throw<ArgumentException>().And.ParamName.Should().Be("competency");
    }

    [Fact]
    public void Constructor_DefaultTargetDate_IsRefusedAsAPlaylistRequestRefusesIt()
    {
        // default(DateTimeOffset) is the value of a date field never set, not a goal long overdue.
        var act = () => new LearnerProfile("ana", [new LearningGoal("F8", TestData.Start), new LearningGoal("G7", default(DateTimeOffset))]);

        var thrown = act.Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("goals");
        thrown.Message.Should().StartWith("Learner 'ana': goal 'G7' has the default target date (0001-01-01T00:00:00.0000000+00:00), a date left unset; give a real date, or null for no date.");
        thrown.ActualValue.Should().Be(default(DateTimeOffset));

        // No date, and the earliest real date, are goals like any other.
        new LearnerProfile("ana", [new LearningGoal("G7")]).Goals[0].TargetDate.Should().BeNull();
        new LearnerProfile("ana", [new LearningGoal("G7", DateTimeOffset.MinValue.AddTicks(1))]).Goals[0].TargetDate.Should().Be(DateTimeOffset.MinValue.AddTicks(1));
    }

    [Fact]
    public void Json_ADefaultTargetDate_IsABadDocument()
    {
        var profile = new LearnerProfile("ana", [new LearningGoal("F8", TestData.Start)]);
        var json = PersonalizedLearningJson.Serialize(profile);
        var written = System.Text.Json.JsonSerializer.Serialize(TestData.Start);
        json.Should().Contain(written, "the date is written as the serializer writes a DateTimeOffset");

        var read = () => PersonalizedLearningJson.Deserialize<LearnerProfile>(json.Replace(written, "\"0001-01-01T00:00:00+00:00\"", StringComparison.Ordinal));

        read.Should().ThrowExactly<System.Text.Json.JsonException>().WithMessage("*goal 'F8' has the default target date*");
        PersonalizedLearningJson.Deserialize<LearnerProfile>(json).Should().Be(profile, "the document itself reads back");
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(10.01)]
    [InlineData(double.NaN)]
    public void Accommodations_ExtendedTimeOutOfRange_ThrowsArgumentOutOfRange(double factor)
    {
        var act = () => new LearnerAccommodations(factor);
        act.Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("extendedTimeFactor")
            .WithMessage($"The accommodations are not valid: extendedTimeFactor: the extended-time factor must be a finite number in [1, 10]; got {factor.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.*");
    }

    [Fact]
    public void Accommodations_ReportEveryProblemAtOnce_EachBlankCodeByPosition()
    {
        var act = () => new LearnerAccommodations(11, other: ["large-print", " ", null!]);

        act.Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("extendedTimeFactor").WithMessage(
            "The accommodations are not valid: extendedTimeFactor: the extended-time factor must be a finite number in [1, 10]; got 11."
            + " other: accommodation code 1 must not be blank; got \" \". other: accommodation code 2 must not be blank; got null.*");
        new Func<LearnerAccommodations>(() => new LearnerAccommodations(other: [""])).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithParameterName("other").WithMessage("*accommodation code 0 must not be blank; got \"\".*");
        new LearnerAccommodations(10, other: ["large-print"]).Other.Should().Equal("large-print");
    }

    [Fact]
    public void Constructor_BadValues_AreRefusedWithMessagesThatNameTheLearnerAndTheRule()
    {
        FluentActions.Invoking(() => new LearnerProfile(default)).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A learner profile needs a non-empty learner id. (Parameter 'learner')");
        FluentActions.Invoking(() => new LearnerProfile("ana", [default])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Learner 'ana' has a goal with an empty competency id. (Parameter 'goals')");
        FluentActions.Invoking(() => new LearnerProfile("ana", interests: ["sports", " "])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Learner 'ana' has a blank interest. (Parameter 'interests')");
        FluentActions.Invoking(() => new LearningGoal(default)).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A learning goal needs a non-empty competency id. (Parameter 'competency')");
    }

    [Fact]
    public void Accommodations_AreKept_AndTellProfilesApart()
    {
        var extended = new LearnerAccommodations(1.5);
        var profile = new LearnerProfile("ana", accommodations: extended);

        profile.Accommodations.Should().BeSameAs(extended);
        profile.Should().NotBe(new LearnerProfile("ana"));
        profile.Equals(new LearnerProfile("ana", accommodations: new LearnerAccommodations(1.5))).Should().BeTrue();
        profile.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void Accommodations_Equality_EachFieldOnItsOwn()
    {
        var accommodations = new LearnerAccommodations(1.5, textToSpeech: true, other: ["large-print"]);

        accommodations.Equals(new LearnerAccommodations(1.5, textToSpeech: true, other: ["large-print"])).Should().BeTrue();
        accommodations.Equals(new LearnerAccommodations(2, textToSpeech: true, other: ["large-print"])).Should().BeFalse("another factor");
        accommodations.Equals(new LearnerAccommodations(1.5, textToSpeech: false, other: ["large-print"])).Should().BeFalse("no text to speech");
        accommodations.Equals(new LearnerAccommodations(1.5, textToSpeech: true, other: ["braille"])).Should().BeFalse("another code");
        accommodations.Equals(null).Should().BeFalse();
    }
}

using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktModelTests
{
    private static readonly BktParameters Truth = new(0.3, 0.15, 0.2, 0.1);

    private static BktModel Model() => new(
    [
        new BktCompetencyParameters("K", Truth, [new("easy", (0.4, 0.1))]),
        new BktCompetencyParameters("L", new BktParameters(0.5, 0.1, 0.25, 0.05)),
    ]);

    private static MasteryObservation Answer(CompetencyId competency, bool correct, ActivityId? activity = null)
        => new(competency, activity, correct ? EvidenceOutcome.Correct : EvidenceOutcome.Incorrect, 1, EvidenceKind.Formative, TestData.Start);

    [Fact]
    public void Update_FromUntouched_StartsAtThePriorAndMatchesTheHandWorkedStep()
    {
        var step = Model().Update(default, Answer("K", correct: true));
        step.Estimate.Should().BeApproximately(29.1 / 41, 1e-15);
        step.Memory.Slot0.Should().Be(step.Estimate!.Value);
    }

    [Fact]
    public void Predict_UsesTheActivitysOwnGuessAndSlip()
    {
        var model = Model();
        model.Predict(default, "K", null).CorrectProbability.Should().BeApproximately(0.41, 1e-15);
        model.Predict(default, "K", null).Estimate.Should().Be(0.3);
        model.Predict(default, "K", "easy").CorrectProbability.Should().BeApproximately((0.3 * 0.9) + (0.7 * 0.4), 1e-15);
        model.Predict(default, "K", "unknown-activity").CorrectProbability.Should().BeApproximately(0.41, 1e-15);
    }

    [Fact]
    public void Update_ScoreCountsAsCorrectAtTheThreshold()
    {
        var model = new BktModel([new BktCompetencyParameters("K", Truth)], passingScore: 0.8);
        var at = new MasteryObservation("K", null, EvidenceOutcome.FromScore(0.8), 1, EvidenceKind.Formative, TestData.Start);
        var below = new MasteryObservation("K", null, EvidenceOutcome.FromScore(0.79), 1, EvidenceKind.Formative, TestData.Start);
        model.Update(default, at).Estimate.Should().BeApproximately(29.1 / 41, 1e-15);
        model.Update(default, below).Estimate.Should().BeApproximately(11.4 / 59, 1e-15);
    }

    [Fact]
    public void Update_ScoreOf055_IsIncorrectAtTheLibrarysPassingScore()
    {
        // Issue 21: BKT took 0.55 as correct (its own 0.5) while remediation took it as a failure (0.6). One rule now,
        // EvidenceOutcome.Passes at 0.6 unless set: P(known) after an incorrect answer from 0.3 (G 0.2, S 0.1, T 0.15) is
        // (0.3·0.1 + 0.7·0.8·0.15) / (0.3·0.1 + 0.7·0.8) = 0.114 / 0.59; at 0.5 it is the correct answer's 0.291 / 0.41.
        var observation = new MasteryObservation("K", null, EvidenceOutcome.FromScore(0.55), 1, EvidenceKind.Formative, TestData.Start);
        var model = new BktModel([new BktCompetencyParameters("K", Truth)]);
        model.PassingScore.Should().Be(0.6);
        model.Update(default, observation).Estimate.Should().BeApproximately(11.4 / 59, 1e-15);
        new BktModel([new BktCompetencyParameters("K", Truth)], passingScore: 0.5).Update(default, observation).Estimate.Should().BeApproximately(29.1 / 41, 1e-15);
    }

    [Fact]
    public void Engine_WithBkt_FoldsEvidenceAndExplainsWithPKnown()
    {
        var framework = new CompetencyFrameworkBuilder().AddCompetency("K", "Knowledge").AddCompetency("L", "Later").AddPrerequisite("K", "L").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("easy", "Easy practice", ActivityKind.Practice, 5, [new("K")]))
            .Add(new LearningActivity("l", "Later practice", ActivityKind.Practice, 5, [new("L")]))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, Model());
        var state = engine.CreateLearner("ana");
        for (var i = 0; i < 4; i++)
        {
            state = engine.Record(state, Evidence.ForActivity($"e{i}", "ana", "easy", EvidenceOutcome.Correct, TestData.Start.AddMinutes(i)));
        }

        // Four correct answers in "easy" (G = 0.4): replay the same steps by hand.
        var easy = Truth.WithGuessSlip(0.4, 0.1);
        var known = Truth.InitialBelief;
        for (var i = 0; i < 4; i++)
        {
            known = easy.Next(known, true);
        }

        state.Get("K").Estimate.Should().BeApproximately(known.Known, 1e-15);
        engine.Assess(state).Get("K").Explain().Should().StartWith("P(known) ");
    }

    [Fact]
    public void Constructor_DegenerateOrDuplicate_ThrowsListingEveryProblem()
    {
        var degenerate = new BktCompetencyParameters("D", BktParameters.FromEstimates(0.2, 0.1, 0.6, 0.5));
        var act = () => new BktModel([degenerate, new BktCompetencyParameters("K", Truth), new BktCompetencyParameters("K", Truth)]);
        var thrown = act.Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("competencies");
        thrown.Message.Should().Be("The BKT model's parameters are not valid: "
            + "competencies: parameters must not be degenerate (guess + slip < 1) unless allowDegenerate; got 'D' with P(L0) = 0.2, T = 0.1, F = 0, G = 0.6, S = 0.5. "
            + "competencies: every competency must have parameters once; got 'K' 2 times. (Parameter 'competencies')");
        new BktModel([degenerate], allowDegenerate: true).Competencies.Should().ContainKey("D");
    }

    [Fact]
    public void Constructor_PassingScoreOutOfRange_IsReportedWithItsRangeAndValue_AndWithEveryOtherProblem()
    {
        // Alone: the range and the value given, as every option says it.
        var alone = FluentActions.Invoking(() => new BktModel([new BktCompetencyParameters("K", Truth)], passingScore: 2)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        alone.ParamName.Should().Be("passingScore");
        alone.Message.Should().Be("The BKT model's parameters are not valid: passingScore: the passing score must be a number in (0, 1]; got 2. (Parameter 'passingScore')");

        // With a competency listed three times and degenerate default parameters: every problem in one exception, the
        // first bad parameter named.
        var degenerate = BktParameters.FromEstimates(0.2, 0.1, 0.6, 0.5);
        var k = new BktCompetencyParameters("K", Truth);
        var all = FluentActions.Invoking(() => new BktModel([k, k, k], defaultParameters: degenerate, passingScore: 2)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        all.ParamName.Should().Be("competencies");
        all.Message.Should().Be("The BKT model's parameters are not valid: "
            + "competencies: every competency must have parameters once; got 'K' 3 times. "
            + "defaultParameters: the default parameters must not be degenerate (guess + slip < 1) unless allowDegenerate; got P(L0) = 0.2, T = 0.1, F = 0, G = 0.6, S = 0.5. "
            + "passingScore: the passing score must be a number in (0, 1]; got 2. (Parameter 'competencies')");

        // A null entry makes it an ArgumentNullException, still listing the rest.
        var withNull = FluentActions.Invoking(() => new BktModel([k, null!], passingScore: 0)).Should().ThrowExactly<ArgumentNullException>().Which;
        withNull.ParamName.Should().Be("competencies");
        withNull.Message.Should().Be("The BKT model's parameters are not valid: competencies: every competency's parameters must be given; got null. "
            + "passingScore: the passing score must be a number in (0, 1]; got 0. (Parameter 'competencies')");
        FluentActions.Invoking(() => new BktModel(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("competencies");
    }

    [Fact]
    public void Update_UnknownCompetency_ThrowsUnlessDefaultsAreGiven()
    {
        FluentActions.Invoking(() => Model().Update(default, Answer("Z", true))).Should().ThrowExactly<UnknownCompetencyException>()
            .WithMessage("The BKT model has no parameters for competency 'Z' and no default parameters.").Which.Competency.Should().Be(new CompetencyId("Z"));
        new BktModel([], defaultParameters: Truth).Update(default, Answer("Z", true)).Estimate.Should().BeApproximately(29.1 / 41, 1e-15);
        FluentActions.Invoking(() => Model().Update(default, new MasteryObservation(EvidenceOutcome.Correct, 1, EvidenceKind.Formative, TestData.Start)))
            .Should().Throw<ArgumentException>().WithMessage("BKT needs observations that name their competency.*");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Constructor_BadThreshold_Throws(double threshold)
        => FluentActions.Invoking(() => new BktModel([], passingScore: threshold)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("passingScore");

    [Fact]
    public void Name_IsAFingerprintOfEveryParameter()
    {
        Model().Name.Should().Be(Model().Name).And.StartWith("bkt(2 competencies, ");
        new BktModel([new BktCompetencyParameters("K", new BktParameters(0.3, 0.15, 0.2, 0.1))]).Name
            .Should().NotBe(new BktModel([new BktCompetencyParameters("K", new BktParameters(0.3, 0.15, 0.2, 0.1000001))]).Name);
    }

    [Fact]
    public void Json_RoundTripsTheModel()
    {
        var model = new BktModel(Model().Competencies.Values, defaultParameters: new BktParameters(0.1, 0.1, 0.2, 0.1), passingScore: 0.75);
        var json = PersonalizedLearningJson.Serialize(model);
        var back = PersonalizedLearningJson.Deserialize<BktModel>(json);
        back.Name.Should().Be(model.Name);
        back.Competencies.Values.Should().Equal(model.Competencies.Values);
        back.DefaultParameters.Should().Be(model.DefaultParameters);
        back.PassingScore.Should().Be(0.75);
        json.Should().Contain("\"schemaVersion\":1").And.Contain("\"competency\":\"K\"");
    }

    [Fact]
    public void Json_DegenerateParameters_AreRefusedUnlessTheDocumentAllowsThem()
    {
        const string json = """{"schemaVersion":1,"competencies":[{"competency":"K","prior":0.2,"learn":0.1,"forget":0,"guess":0.6,"slip":0.5}]}""";
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<BktModel>(json)).Should().Throw<System.Text.Json.JsonException>()
            .WithMessage("*degenerate*");
        PersonalizedLearningJson.Deserialize<BktModel>(json.Replace("{\"schemaVersion\":1,", "{\"schemaVersion\":1,\"allowDegenerate\":true,", StringComparison.Ordinal))
            .AllowsDegenerate.Should().BeTrue();
    }
}

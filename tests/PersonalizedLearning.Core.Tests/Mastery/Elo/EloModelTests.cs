using CsCheck;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Elo;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery.Elo;

public sealed class EloModelTests
{
    private static MasteryObservation Answer(double score, string activity = "item")
        => new("K", activity, EvidenceOutcome.FromScore(score), 1, EvidenceKind.Formative, TestData.Start);

    [Fact]
    public void Update_WorkedByHand()
    {
        // θ = d = 0, n = m = 0: P = 0.5, K(0) = 0.8 → correct: θ = 0.4, d = −0.4.
        var (learner, item) = EloRating.Default.Update(default, default, 1);
        learner.Should().Be(new Rated(0.4, 1));
        item.Should().Be(new Rated(-0.4, 1));

        // Again on the same item: P = σ(0.8) = 0.689974…, K(1) = 0.8 / 1.05 → θ = 0.4 + 0.761905·0.310026 = 0.636210.
        var (again, _) = EloRating.Default.Update(learner, item, 1);
        again.Value.Should().BeApproximately(0.4 + (0.8 / 1.05 * (1 - (1 / (1 + Math.Exp(-0.8))))), 1e-12);
        again.Value.Should().BeApproximately(0.636210, 1e-6);

        // Four options: P = 0.25 + 0.75·0.5 = 0.625.
        EloRating.PredictCorrect(0, 0, 0.25).Should().Be(0.625);
        EloRating.Default.K(20).Should().Be(0.4);
    }

    [Fact]
    public void Model_FoldsSkillAgainstTheBanksDifficulty()
    {
        var bank = EloItemBank.From([new("hard", new Rated(1.0, 50))]);
        var model = new EloModel(bank);
        var step = model.Update(default, Answer(1, "hard"));

        // P = σ(0 − 1) = 0.268941; θ = 0.8·0.731059 = 0.584847; estimate σ(θ).
        step.Memory.Slot0.Should().BeApproximately(0.8 * (1 - (1 / (1 + Math.E))), 1e-12);
        step.Memory.Slot1.Should().Be(1);
        step.Estimate.Should().BeApproximately(1 / (1 + Math.Exp(-step.Memory.Slot0)), 1e-15);
        model.DifficultyOf("unknown").Should().Be(0);
        model.Predict(default, "K", "hard").CorrectProbability.Should().BeApproximately(1 / (1 + Math.E), 1e-15);
    }

    [Fact]
    public void Property_CorrectRaisesSkillAndLowersDifficulty_WrongDoesTheOpposite()
    {
        Gen.Select(Gen.Double[-4, 4], Gen.Double[-4, 4], Gen.Int[0, 200], Gen.Int[0, 200], Gen.Double[0, 0.5]).Sample((theta, d, n, m, g) =>
        {
            var (right, itemAfterRight) = EloRating.Default.Update(new Rated(theta, n), new Rated(d, m), 1, g);
            var (wrong, itemAfterWrong) = EloRating.Default.Update(new Rated(theta, n), new Rated(d, m), 0, g);
            right.Value.Should().BeGreaterThan(theta);
            itemAfterRight.Value.Should().BeLessThan(d);
            wrong.Value.Should().BeLessThan(theta);
            itemAfterWrong.Value.Should().BeGreaterThan(d);
            EloRating.PredictCorrect(theta, d, g).Should().BeInRange(g, 1);
        });
    }

    // Expected values from Python's decimal module at 50 digits (see EloRatingTests): (1 − D(g)) / (1 + D(θ − d).exp()).
    // Before P(incorrect) was computed directly, Predict gave 1 − P(correct): 0, 0, 5.00000000069889e-07 (relative
    // error 1.1e-10) and 0.
    [Theory]
    [InlineData(-50, 0, 1.9287498479639178e-22)]
    [InlineData(-40, 0.25, 3.1862656914686917e-18)]
    [InlineData(0, 0.999999, 5.000000000143778e-07)]
    [InlineData(-720, 0, 2.0322308024e-313)]
    public void Predict_ExtremeGap_IncorrectProbabilityMatchesFiftyDigitReference(double difficulty, double guessFloor, double expected)
    {
        var model = new EloModel(EloItemBank.From([new("item", new Rated(difficulty, 10))]), guessFloor: guessFloor);

        var prediction = model.Predict(default, "K", "item");

        prediction.IncorrectProbability.Should().BeApproximately(expected, (4e-16 * expected) + double.Epsilon);
        prediction.CorrectProbability.Should().Be(model.PredictCorrect(default, "item"));
        prediction.Estimate.Should().Be(0.5, "θ = 0");
    }

    [Fact]
    public void Predict_WrongAnswerFiftyLogitsBelow_HasLogLikelihoodOfMinusFifty()
    {
        // ln(1/(1 + e^50)) = −50 − ln(1 + e^−50) = −50.000000000000000000019…; it was ln 0 = −∞.
        var model = new EloModel(EloItemBank.From([new("easy", new Rated(-50, 10))]));

        Math.Log(model.Predict(default, "K", "easy").ProbabilityOf(correct: false)).Should().BeApproximately(-50, 1e-13);
    }

    [Fact]
    public void Property_PredictAtExtremeDifficulties_SumsToOneWithoutNaN()
    {
        Gen.Select(Gen.Double[-1000, 1000], Gen.Double[0, 0.999999]).Sample((difficulty, g) =>
        {
            var model = new EloModel(EloItemBank.From([new("item", new Rated(difficulty, 0))]), guessFloor: g);
            var prediction = model.Predict(default, "K", "item");
            prediction.CorrectProbability.Should().BeInRange(g, 1);
            prediction.IncorrectProbability.Should().BeInRange(0, 1 - g);
            (prediction.CorrectProbability + prediction.IncorrectProbability).Should().BeApproximately(1, 1e-15);
            prediction.IncorrectProbability.Should().Be(EloRating.PredictIncorrect(0, difficulty, g));
        });
    }

    [Fact]
    public void Bank_Record_CalibratesTheItem()
    {
        var (bank, learner) = EloItemBank.Empty.Record(default, "q1", 0);
        bank.Items["q1"].Should().Be(new Rated(0.4, 1), "a wrong answer makes the item look harder");
        learner.Should().Be(new Rated(-0.4, 1));
        new EloModel(bank).Name.Should().NotBe(new EloModel().Name);
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        FluentActions.Invoking(() => new EloRating(alpha: 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("α must be finite and greater than 0; got 0.*");
        FluentActions.Invoking(() => new EloRating(beta: double.NaN)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("beta");
        FluentActions.Invoking(() => new EloModel(guessFloor: 1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("The guess floor must be in [0, 1); got 1.*");
        FluentActions.Invoking(() => EloItemBank.Empty.Record(default, "q", 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("A score must be in [0, 1]; got 1.5.*");
        FluentActions.Invoking(() => EloItemBank.From([new("q", new Rated(double.NaN, 0))])).Should().Throw<ArgumentException>();
        EloItemBank.Empty.Items.Should().BeEmpty("a failed call changes nothing");
    }

    // Mutation survivors of Mastery/Elo (eng/mutation/Mastery-Elo-Hierarchy-survivors.md).
    [Fact]
    public void Model_KeepsItsRatingAndLabel_AndItsNameFollowsTheBanksDifficulties()
    {
        var rating = new EloRating(alpha: 1.2, beta: 0.1);
        var model = new EloModel(rating: rating);
        model.Rating.Should().Be(rating);
        model.EstimateLabel.Should().Be("Elo skill");
        var one = EloItemBank.From([new("q1", new Rated(0.5, 3))]);
        var other = EloItemBank.From([new("q1", new Rated(-0.5, 3))]);
        new EloModel(one).Name.Should().NotBe(new EloModel(other).Name, "a bank with other difficulties folds otherwise, so states must tell the models apart");
        new EloModel(one).Name.Should().Be(new EloModel(EloItemBank.From([new("q1", new Rated(0.5, 3))])).Name);
    }

    [Fact]
    public void Bank_AnItemTwice_IsRefusedNamingIt_AndAScoreOfOneIsRecorded()
    {
        FluentActions.Invoking(() => EloItemBank.From([new("q1", new Rated(0.5, 3)), new("q1", new Rated(0.1, 1))]))
            .Should().ThrowExactly<ArgumentException>()
            .WithMessage("Item 'q1' must be named, appear once, and have a finite difficulty and a non-negative answer count; got *")
            .Which.ParamName.Should().Be("items");
        var (bank, learner) = EloItemBank.Empty.Record(default, "q1", 1);
        learner.Value.Should().BeGreaterThan(0, "a score of 1 is a correct answer");
        bank.Items["q1"].Answers.Should().Be(1);
    }
}

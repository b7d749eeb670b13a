using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace DocsHowTo;

public sealed class CalibrateBktTests
{
    [Fact]
    public void GenerateLog_IsTheCommittedFile()
    {
        var generated = CalibrateBkt.GenerateLog();
        if (Environment.GetEnvironmentVariable("PL_DOCS_WRITE_FIXTURES") == "1")
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "../../../Data/responses.csv"), generated);
        }

        File.ReadAllText(TestFiles.Path("responses.csv")).Should().Be(generated);
    }

    [Fact]
    public void Read_TheCommittedLog_4800AnswersOf300LearnersOnTwoCompetencies()
    {
        var log = CalibrateBkt.Read(TestFiles.Path("responses.csv"));

        log.Count.Should().Be(4800);
        log.LearnerCount.Should().Be(300);
        log.Competencies.Select(c => c.Value).Should().BeEquivalentTo("fractions-add", "fractions-compare");
    }

    [Fact]
    public void FitAndEvaluate_TheCommittedLog_RecoversTheParametersItWasDrawnFrom()
    {
        var (fit, training, heldOut) = CalibrateBkt.FitAndEvaluate(CalibrateBkt.Read(TestFiles.Path("responses.csv")));

        fit.Problems.Should().BeEmpty();
        foreach (var truth in CalibrateBkt.TrueParameters)
        {
            var p = fit[truth.Competency].Parameters.Parameters;
            p.Prior.Should().BeApproximately(truth.Parameters.Prior, 0.08);
            p.Learn.Should().BeApproximately(truth.Parameters.Learn, 0.05);
            p.Guess.Should().BeApproximately(truth.Parameters.Guess, 0.08);
            p.Slip.Should().BeApproximately(truth.Parameters.Slip, 0.05);
        }

        (training.Count + heldOut.Count).Should().Be(4800);
        heldOut.Auc.Should().BeGreaterThan(0.7);

        // The figures docs/articles/how-to/calibrate-bkt.md quotes, to two decimals.
        var add = fit["fractions-add"].Parameters.Parameters;
        new[] { add.Prior, add.Learn, add.Guess, add.Slip, heldOut.Auc }.Select(v => Math.Round(v, 2))
            .Should().Equal(0.14, 0.18, 0.21, 0.10, 0.77);
    }

    [Fact]
    public void UseIt_OneCorrectAnswer_PKnownIsTheBktPosteriorThenTheLearnStep()
    {
        var fit = CalibrateBkt.FitAndEvaluate(CalibrateBkt.Read(TestFiles.Path("responses.csv"))).Fit;

        var (json, pKnown) = CalibrateBkt.UseIt(fit, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

        // Corbett & Anderson (1995): P(L|correct) = L(1−S) / (L(1−S) + (1−L)G), then P(L') = P(L|correct) + (1 − P(L|correct))·T.
        var p = fit["fractions-add"].Parameters.Parameters;
        var posterior = p.Prior * (1 - p.Slip) / ((p.Prior * (1 - p.Slip)) + ((1 - p.Prior) * p.Guess));
        pKnown.Should().BeApproximately(posterior + ((1 - posterior) * p.Learn), 1e-12);
        json.Should().Contain("fractions-add").And.Contain("fractions-compare");
    }

    [Fact]
    public void WithoutDegenerate_OneCompetencyGetsWorseWithPractice_ToModelThrowsNamingItAndTheOthersAreKept()
    {
        var fit = BktFitter.Fit(CalibrateBkt.DegenerateLog(), BktFitOptions.Default);

        var toModel = () => fit.ToModel();
        toModel.Should().Throw<ArgumentException>().Which.Message.Should().Contain("fractions-order").And.NotContain("fractions-add");

        var (degenerate, usable) = CalibrateBkt.WithoutDegenerate(fit);

        degenerate.Select(c => c.Value).Should().Equal("fractions-order");
        usable.Competencies.Keys.Select(c => c.Value).Should().Equal("fractions-add");
        usable.Competencies["fractions-add"].Should().Be(fit["fractions-add"].Parameters);
    }
}

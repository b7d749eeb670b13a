using System.Collections.Concurrent;
using System.Text.Json;
using CsCheck;
using CsvHelper;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Samples;
using PersonalizedLearning.Simulation;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Evaluation;

/// <summary>
/// pyBKT's cross-validation protocol (folds within each competency): worked by hand, its invariants, bad input, and
/// parity with pyBKT 1.4's <c>crossvalidate</c> on the fixtures <c>eng/pybkt/make_fixtures.py</c> made. The learner-wise
/// <see cref="CrossValidation.Run"/> is tested in <see cref="ReplayTests"/>.
/// </summary>
public sealed class CrossValidationTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Mastery", "KnowledgeTracing", "Fixtures", "pybkt");

    // pyBKT's standard BKT with its defaults (5 random starts, seed 42); pyBKT fits single-class skills too.
    private static readonly BktFitOptions PyBktDefaults = BktFitOptions.Default with { FitSingleClassCompetencies = true };

    /// <summary>
    /// A log whose folds can be worked by hand. Competency a: ann 1 1, ben 0 1, cat 0 0 0, dan 1 1. Competency b:
    /// ann 1 1, ben 0 1, cat 0.
    /// </summary>
    private static readonly ResponseLog Worked = ResponseLog.Create(
    [
        R("ann", "a", 1, 1), R("ann", "a", 1, 2), R("ben", "a", 0, 3), R("ben", "a", 1, 4),
        R("cat", "a", 0, 5), R("cat", "a", 0, 6), R("cat", "a", 0, 7), R("dan", "a", 1, 8), R("dan", "a", 1, 9),
        R("ann", "b", 1, 10), R("ann", "b", 1, 11), R("ben", "b", 0, 12), R("ben", "b", 1, 13), R("cat", "b", 0, 14),
    ]);

    /// <summary>Folds for <see cref="Worked"/>: a: ann, ben in fold 0, cat, dan in 1; b: ann in 0, ben in 1, cat never tested.</summary>
    private static readonly Dictionary<(CompetencyId Competency, LearnerId Learner), int> WorkedFolds = new()
    {
        [("a", "ann")] = 0, [("a", "ben")] = 0, [("a", "cat")] = 1, [("a", "dan")] = 1,
        [("b", "ann")] = 0, [("b", "ben")] = 1,
    };

    [Fact]
    public void RunWithinCompetencies_WorkedByHand_MeanIsTheUnweightedMeanOverFolds()
    {
        var training = new ConcurrentBag<ResponseLog>();
        var result = CrossValidation.RunWithinCompetencies(Worked, WorkedFolds, train =>
        {
            training.Add(train);
            return SuccessRate(train);
        });

        // Competency a. Fold 0 trains on cat and dan (0 0 0 1 1: rate 0.4) and tests ann and ben (1 1 0 1); fold 1
        // trains on ann and ben (1 1 0 1: rate 0.75) and tests cat and dan (0 0 0 1 1).
        var a = result.ByCompetency["a"];
        a.Folds.Select(f => f.Predictions.Select(p => p.Response.Learner.Value).Distinct()).Should().SatisfyRespectively(
            f => f.Should().Equal("ann", "ben"), f => f.Should().Equal("cat", "dan"));
        a.Folds[0].Predictions.Should().OnlyContain(p => Math.Abs(p.CorrectProbability - 0.4) < 1e-15);
        a.Folds[1].Predictions.Should().OnlyContain(p => Math.Abs(p.CorrectProbability - 0.75) < 1e-15);
        a.Folds[0].Overall.Rmse.Should().BeApproximately(Math.Sqrt(((3 * 0.36) + 0.16) / 4), 1e-15);
        a.Folds[1].Overall.Rmse.Should().BeApproximately(Math.Sqrt(((3 * 0.5625) + (2 * 0.0625)) / 5), 1e-15);
        a.Folds.Select(f => f.Overall.Accuracy).Should().Equal(0.25, 0.4);
        a.Folds.Select(f => f.Overall.Auc).Should().Equal(0.5, 0.5);

        // The mean weighs each fold the same (pyBKT's figure); pooled weighs each answer the same.
        a.Mean.FoldCount.Should().Be(2);
        a.Mean.Rmse.Should().BeApproximately((Math.Sqrt(0.31) + Math.Sqrt(0.3625)) / 2, 1e-15);
        a.Mean.Accuracy.Should().BeApproximately(0.325, 1e-15);
        a.Mean.Auc.Should().Be(0.5);
        var logLoss0 = -((3 * Math.Log(0.4)) + Math.Log(0.6)) / 4;
        var logLoss1 = -((3 * Math.Log(0.25)) + (2 * Math.Log(0.75))) / 5;
        a.Mean.LogLoss.Should().BeApproximately((logLoss0 + logLoss1) / 2, 1e-14);
        a.Pooled.Count.Should().Be(9);
        a.Pooled.Rmse.Should().BeApproximately(Math.Sqrt((1.24 + 1.8125) / 9), 1e-15);
        a.Pooled.Accuracy.Should().BeApproximately(3.0 / 9, 1e-15);

        // Pairs (right, wrong): 3 right at 0.4 against 1 wrong at 0.4 (½ each) and 3 wrong at 0.75 (0); 2 right at
        // 0.75 against the wrong one at 0.4 (1 each) and 3 at 0.75 (½ each): 6.5 / 20.
        a.Pooled.Auc.Should().BeApproximately(0.325, 1e-15);
        a.UntestedLearnerCount.Should().Be(0);

        // Competency b: cat is never tested but trains every fold. Fold 0 trains on ben and cat (0 1 0: 1/3) and tests
        // ann (1 1: one class, so AUC is undefined and so is the mean's, as in pyBKT); fold 1 trains on ann and cat
        // (1 1 0: 2/3) and tests ben (0 1).
        var b = result.ByCompetency["b"];
        b.UntestedLearnerCount.Should().Be(1);
        b.Folds[0].Overall.Rmse.Should().BeApproximately(2.0 / 3, 1e-15);
        b.Folds[1].Overall.Rmse.Should().BeApproximately(Math.Sqrt(5.0 / 18), 1e-15);
        double.IsNaN(b.Folds[0].Overall.Auc).Should().BeTrue();
        double.IsNaN(b.Mean.Auc).Should().BeTrue();
        b.Mean.Rmse.Should().BeApproximately(((2.0 / 3) + Math.Sqrt(5.0 / 18)) / 2, 1e-15);
        b.Mean.Accuracy.Should().Be(0.25);
        b.Pooled.Auc.Should().BeApproximately(1.0 / 6, 1e-15);

        // Each training log holds one competency, and never the fold it is tested on.
        training.Should().HaveCount(4).And.OnlyContain(t => t.Competencies.Length == 1);
        training.Select(t => (t.Competencies[0].Value, string.Join(" ", t.Responses.Select(r => r.Learner.Value).Distinct())))
            .Should().BeEquivalentTo([("a", "cat dan"), ("a", "ann ben"), ("b", "ben cat"), ("b", "ann cat")]);
        result.FoldCount.Should().Be(2);
        result.SkippedCompetencies.Should().BeEmpty();
        result.Overall.Count.Should().Be(13, "every answer but cat's on b");
    }

    [Fact]
    public void RunWithinCompetencies_CompetencyWithoutAssignment_IsSkippedAndReported()
    {
        var assignment = WorkedFolds.Where(e => e.Key.Competency == "a").ToDictionary();
        var result = CrossValidation.RunWithinCompetencies(Worked, assignment, SuccessRate);
        result.ByCompetency.Keys.Should().Equal(new CompetencyId("a"));
        result.SkippedCompetencies.Should().Equal(new CompetencyId("b"));
    }

    [Fact]
    public void RunWithinCompetencies_FewerLearnersThanFolds_SkipsThatCompetencyAndReportsIt()
    {
        // a has 4 learners, b 3: with 4 folds, b is skipped and a is split one learner per fold.
        var result = CrossValidation.RunWithinCompetencies(Worked, 4, SuccessRate, seed: 3);
        result.SkippedCompetencies.Should().Equal(new CompetencyId("b"));
        result.ByCompetency["a"].Folds.Should().HaveCount(4)
            .And.OnlyContain(f => f.Predictions.Select(p => p.Response.Learner).Distinct().Count() == 1);
        CrossValidation.AssignFoldsWithinCompetencies(Worked, 4, seed: 3).Keys.Should().OnlyContain(k => k.Competency == "a");
    }

    [Fact]
    public void RunWithinCompetencies_SeededSplit_EqualsRunningItsAssignment()
    {
        var log = BktResponseSimulator.Simulate([new("a", new BktParameters(0.3, 0.2, 0.2, 0.1)), new("b", new BktParameters(0.5, 0.1, 0.25, 0.05))], 23, 6, seed: 4);
        var seeded = CrossValidation.RunWithinCompetencies(log, 5, SuccessRate, seed: 9);
        var given = CrossValidation.RunWithinCompetencies(log, CrossValidation.AssignFoldsWithinCompetencies(log, 5, seed: 9), SuccessRate);
        Summary(seeded).Should().Equal(Summary(given));
    }

    [Fact]
    public void RunWithinCompetencies_BktFits_SameSeedSameResult_LogOrderChangesNothing()
    {
        var log = BktResponseSimulator.Simulate([new("a", new BktParameters(0.3, 0.2, 0.2, 0.1)), new("b", new BktParameters(0.5, 0.1, 0.25, 0.05))], 40, 8, seed: 5);
        IMasteryModel Fit(ResponseLog train) => BktFitter.Fit(train, PyBktDefaults).ToModel(allowDegenerate: true);
        var first = CrossValidation.RunWithinCompetencies(log, 5, Fit, seed: 1);
        var again = CrossValidation.RunWithinCompetencies(ResponseLog.Create(log.Responses.Reverse()), 5, Fit, seed: 1);
        Summary(again).Should().Equal(Summary(first));
        first.ByCompetency["a"].Mean.Auc.Should().BeGreaterThan(0.6, "a model fitted on other learners of the same population predicts well");
        Summary(CrossValidation.RunWithinCompetencies(log, 5, Fit, seed: 2)).Should().NotEqual(Summary(first));
    }

    [Fact]
    public void Property_AssignFoldsWithinCompetencies_DealsEveryLearnerOnceInFoldsWithinOneOfEachOther()
    {
        Gen.Select(Logs, Gen.Int[2, 5], Gen.Long).Sample((log, folds, seed) =>
        {
            var learners = LearnersByCompetency(log);
            if (learners.Values.Max(l => l.Count) < folds)
            {
                FluentActions.Invoking(() => CrossValidation.AssignFoldsWithinCompetencies(log, folds, seed)).Should().Throw<ArgumentOutOfRangeException>();
                return;
            }

            var assignment = CrossValidation.AssignFoldsWithinCompetencies(log, folds, seed);
            foreach (var (competency, its) in learners)
            {
                var assigned = assignment.Where(e => e.Key.Competency == competency).ToList();
                if (its.Count < folds)
                {
                    assigned.Should().BeEmpty();
                    continue;
                }

                assigned.Select(e => e.Key.Learner).Should().BeEquivalentTo(its);
                var sizes = Enumerable.Range(0, folds).Select(f => assigned.Count(e => e.Value == f)).ToList();
                (sizes.Max() - sizes.Min()).Should().BeLessThanOrEqualTo(1);
            }

            CrossValidation.AssignFoldsWithinCompetencies(ResponseLog.Create(log.Responses.Reverse()), folds, seed).Should().Equal(assignment);
        });
    }

    [Fact]
    public void Property_RunWithinCompetencies_TestsEveryLearnerOnce_AndLogOrderChangesNothing()
    {
        Gen.Select(Logs, Gen.Int[2, 4], Gen.Long, Gen.Int).Sample((log, folds, seed, shuffleSeed) =>
        {
            var learners = LearnersByCompetency(log);
            if (learners.Values.Max(l => l.Count) < folds)
            {
                return;
            }

            var result = CrossValidation.RunWithinCompetencies(log, folds, SuccessRate, seed);
            result.SkippedCompetencies.Should().Equal(learners.Where(l => l.Value.Count < folds).Select(l => l.Key).Order());
            foreach (var (competency, cv) in result.ByCompetency)
            {
                // Every learner of the competency in exactly one fold, with all of their answers on it.
                var tested = cv.Folds.SelectMany((f, i) => f.Predictions.Select(p => (p.Response.Learner, Fold: i)).Distinct()).ToList();
                tested.Select(t => t.Learner).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(learners[competency]);
                cv.Pooled.Count.Should().Be(log.Responses.Count(r => r.Competency == competency));
                cv.Folds.Should().OnlyContain(f => f.Predictions.All(p => p.Response.Competency == competency));
            }

            var random = new Random(shuffleSeed);
            var shuffled = ResponseLog.Create(log.Responses.OrderBy(_ => random.Next()).ToList());
            Summary(CrossValidation.RunWithinCompetencies(shuffled, folds, SuccessRate, seed)).Should().Equal(Summary(result));
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void RunWithinCompetencies_FewerThanTwoFolds_Throws(int folds)
    {
        var calls = 0;
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, folds, train => { calls++; return SuccessRate(train); }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(folds))
            .WithMessage($"The number of folds must be at least 2; got {folds}.*");
        FluentActions.Invoking(() => CrossValidation.AssignFoldsWithinCompetencies(Worked, folds))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage($"The number of folds must be at least 2; got {folds}.*");
        calls.Should().Be(0);
    }

    [Fact]
    public void RunWithinCompetencies_MoreFoldsThanAnyCompetencyHasLearners_ThrowsNamingTheMost()
    {
        var calls = 0;
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, 5, train => { calls++; return SuccessRate(train); }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("folds")
            .WithMessage("No competency has as many learners as folds: the most learners a competency has is 4, and 5 folds were asked for. Use at most 4 folds.*");
        calls.Should().Be(0);
    }

    [Fact]
    public void RunWithinCompetencies_NullArguments_Throw()
    {
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(null!, 2, SuccessRate)).Should().Throw<ArgumentNullException>().WithParameterName("log");
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, 2, null!)).Should().Throw<ArgumentNullException>().WithParameterName("fit");
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(null!, WorkedFolds, SuccessRate)).Should().Throw<ArgumentNullException>().WithParameterName("log");
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, null!, SuccessRate)).Should().Throw<ArgumentNullException>().WithParameterName("assignment");
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, WorkedFolds, null!)).Should().Throw<ArgumentNullException>().WithParameterName("fit");
        FluentActions.Invoking(() => CrossValidation.AssignFoldsWithinCompetencies(null!, 2)).Should().Throw<ArgumentNullException>().WithParameterName("log");
    }

    [Fact]
    public void RunWithinCompetencies_FitReturnsNull_ThrowsNamingTheFirstScheduledFit()
    {
        // Scheduled largest training log first: a's fold 0 trains on cat and dan (5 answers).
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, WorkedFolds, _ => null!))
            .Should().Throw<InvalidOperationException>().WithMessage("The fit function returned null for competency 'a', fold 0.");
    }

    [Fact]
    public void RunWithinCompetencies_FitThrows_RethrowsItUnwrapped()
        => FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, WorkedFolds, train => train.Competencies[0] == "b" ? throw new InvalidDataException("no fit for b") : SuccessRate(train)))
            .Should().Throw<InvalidDataException>().WithMessage("no fit for b");

    [Fact]
    public void RunWithinCompetencies_BadAssignment_ListsEveryProblemBeforeFitting()
    {
        var assignment = new Dictionary<(CompetencyId Competency, LearnerId Learner), int>
        {
            [("zz", "ann")] = 0, [("a", "zed")] = 1, [("a", "ben")] = -1, [("a", "ann")] = 0, [("b", "ben")] = 2, [("b", "ann")] = 0,
        };
        var calls = 0;
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, assignment, train => { calls++; return SuccessRate(train); }))
            .Should().Throw<ArgumentException>().WithParameterName("assignment").WithMessage(
                "The fold assignment does not fit the log: competency 'zz' has no answers in the log; learner 'ben' on competency 'a' has fold -1, below 0; "
                + "learner 'zed' has no answers on competency 'a'; fold 1 of competency 'a' has no learners; fold 2 of competency 'a' has no learners; "
                + "fold 1 of competency 'b' has no learners. Folds are numbered from 0 to k - 1 (here k = 3), each fold of a competency needs at least one "
                + "learner, and learners who are never tested are left out.*");
        calls.Should().Be(0);
    }

    [Fact]
    public void RunWithinCompetencies_AssignmentWithOneFoldOrNone_Throws()
    {
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, new Dictionary<(CompetencyId, LearnerId), int>(), SuccessRate))
            .Should().Throw<ArgumentException>().WithParameterName("assignment")
            .WithMessage("The fold assignment is empty: there is nothing to cross-validate. Give the fold of each (competency, learner) pair to test.*");
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, new Dictionary<(CompetencyId, LearnerId), int> { [("a", "ann")] = 0 }, SuccessRate))
            .Should().Throw<ArgumentException>().WithParameterName("assignment")
            .WithMessage("The fold assignment does not fit the log: every fold given is 0, and cross-validation needs at least 2 folds. Folds are numbered from 0 to k - 1 (here k = 1)*");
    }

    [Fact]
    public void RunWithinCompetencies_PyBktsFittedParametersAndFoldsOnGeneratedData_ReproducePyBktsFoldMetricsTo1e9()
        => ReproducePyBktsFoldMetrics(CrossValidateFixture.Load("crossvalidate_generated"), Path.Combine(Folder, "partial_fit.csv"));

    [SkippableFact]
    public void RunWithinCompetencies_PyBktsFittedParametersAndFoldsOnGlops_ReproducePyBktsFoldMetricsTo1e9()
        => ReproducePyBktsFoldMetrics(CrossValidateFixture.Load("crossvalidate_glops"), SharedData.Require("kt/glops_pardos2010.csv"));

    [Fact]
    public void RunWithinCompetencies_PyBktsFoldsOnGeneratedData_FitsMatchPyBktsMeans()
        => CompareFitsWithPyBkt(CrossValidateFixture.Load("crossvalidate_generated"), Path.Combine(Folder, "partial_fit.csv"));

    [SkippableFact]
    public void RunWithinCompetencies_PyBktsFoldsOnGlops_FitsMatchPyBktsMeans()
        => CompareFitsWithPyBkt(CrossValidateFixture.Load("crossvalidate_glops"), SharedData.Require("kt/glops_pardos2010.csv"));

    /// <summary>
    /// The protocol itself, free of fitting differences: with pyBKT's folds, and each fold's model being the
    /// parameters pyBKT fitted for it, every fold's held-out learners, RMSE, AUC and accuracy and each skill's mean are
    /// pyBKT's.
    /// </summary>
    private void ReproducePyBktsFoldMetrics(CrossValidateFixture fixture, string data)
    {
        var log = ResponseLogCsv.Read(data);
        var result = CrossValidation.RunWithinCompetencies(log, fixture.Assignment, fixture.PyBktFoldModel);

        var worst = 0.0;
        foreach (var skill in fixture.Skills)
        {
            var ours = result.ByCompetency[skill];
            ours.UntestedLearnerCount.Should().Be(fixture.UntestedCount(skill));
            for (var f = 0; f < fixture.FoldCount; f++)
            {
                var (rmse, auc, accuracy) = fixture.FoldMetrics(skill, f);
                ours.Folds[f].Predictions.Select(p => p.Response.Learner).ToHashSet().SetEquals(fixture.TestUsers(skill, f))
                    .Should().BeTrue($"fold {f} of {skill} holds out pyBKT's test users");
                worst = new[] { worst, Math.Abs(ours.Folds[f].Overall.Rmse - rmse), Math.Abs(ours.Folds[f].Overall.Auc - auc), Math.Abs(ours.Folds[f].Overall.Accuracy - accuracy) }.Max();
            }

            var mean = fixture.Mean(skill);
            worst = new[] { worst, Math.Abs(ours.Mean.Rmse - mean.Rmse), Math.Abs(ours.Mean.Auc - mean.Auc), Math.Abs(ours.Mean.Accuracy - mean.Accuracy) }.Max();
        }

        output.WriteLine($"{fixture.Name}: {fixture.Skills.Count} skills × {fixture.FoldCount} folds; largest difference from pyBKT's fold and mean RMSE, AUC and accuracy {worst:E2}");
        result.ByCompetency.Keys.Select(k => k.Value).Should().BeEquivalentTo(fixture.Skills);
        worst.Should().BeLessThanOrEqualTo(1e-9);
    }

    /// <summary>
    /// Our fits on pyBKT's folds against pyBKT's crossvalidate. The fits differ: pyBKT stops EM when the
    /// integer-truncated log-likelihood stops rising and picks its restart by it, so ours usually reach higher training
    /// likelihoods; per skill the means agree within a tolerance, and on average over skills ours are at least as good.
    /// </summary>
    private void CompareFitsWithPyBkt(CrossValidateFixture fixture, string data)
    {
        var log = ResponseLogCsv.Read(data);

        // Beside each fold's fit, the training log-likelihood of ours and of pyBKT's parameters for that fold.
        var likelihoods = new ConcurrentBag<(string Skill, double Ours, double Theirs)>();
        var result = CrossValidation.RunWithinCompetencies(log, fixture.Assignment, train =>
        {
            var model = BktFitter.Fit(train, PyBktDefaults).ToModel(allowDegenerate: true);
            likelihoods.Add((train.Competencies[0].Value, Replay.Evaluate(train, model).Overall.LogLikelihood, Replay.Evaluate(train, fixture.PyBktFoldModel(train)).Overall.LogLikelihood));
            return model;
        });

        var rmse = new List<(string Skill, double Ours, double Theirs)>();
        var auc = new List<(string Skill, double Ours, double Theirs)>();
        foreach (var skill in fixture.Skills)
        {
            var ours = result.ByCompetency[skill].Mean;
            var theirs = fixture.Mean(skill);
            rmse.Add((skill, ours.Rmse, theirs.Rmse));
            if (!double.IsNaN(theirs.Auc))
            {
                auc.Add((skill, ours.Auc, theirs.Auc));
            }
        }

        var rmseDifference = rmse.Select(x => x.Ours - x.Theirs).ToList();
        var aucDifference = auc.Select(x => x.Ours - x.Theirs).ToList();
        double oursRmse = rmse.Average(x => x.Ours), theirsRmse = rmse.Average(x => x.Theirs);
        double oursAuc = auc.Average(x => x.Ours), theirsAuc = auc.Average(x => x.Theirs);
        double oursLikelihood = likelihoods.Sum(l => l.Ours), theirsLikelihood = likelihoods.Sum(l => l.Theirs);
        var behind = likelihoods.Where(l => l.Ours < l.Theirs).ToList();
        output.WriteLine($"{fixture.Name}: {rmse.Count} skills × {fixture.FoldCount} folds; per-skill mean, ours − pyBKT's (largest first):");
        foreach (var x in rmse.OrderByDescending(x => Math.Abs(x.Ours - x.Theirs)).Take(5))
        {
            output.WriteLine($"  RMSE {x.Skill}: {x.Ours - x.Theirs:+0.00000;-0.00000} (ours {x.Ours:F5}, pyBKT {x.Theirs:F5}; {log.Responses.Count(r => r.Competency == x.Skill)} answers)");
        }

        foreach (var x in auc.OrderByDescending(x => Math.Abs(x.Ours - x.Theirs)).Take(5))
        {
            output.WriteLine($"  AUC  {x.Skill}: {x.Ours - x.Theirs:+0.00000;-0.00000} (ours {x.Ours:F5}, pyBKT {x.Theirs:F5}; {log.Responses.Count(r => r.Competency == x.Skill)} answers)");
        }

        output.WriteLine($"mean over skills: RMSE ours {oursRmse:F5}, pyBKT {theirsRmse:F5}; AUC ours {oursAuc:F5}, pyBKT {theirsAuc:F5} ({auc.Count} skills)");
        output.WriteLine($"training log-likelihood summed over the {likelihoods.Count} fold fits: ours {oursLikelihood:F2}, pyBKT's {theirsLikelihood:F2}; "
            + $"ours lower in {behind.Count} ({string.Join(", ", behind.Select(l => $"{l.Skill} by {l.Theirs - l.Ours:F2}"))})");
        output.WriteLine($"pooled over every held-out answer: {result.Overall}");

        // Tolerances from the data. On GLOPs the per-skill RMSE means differ by at most 0.0027 and ours are worse by at
        // most 0.0015; AUC means are lower than pyBKT's by at most 0.0087 (G6.216, 894 answers) and higher by up to
        // 0.037 on G5.214, a degenerate skill (slip near 1) where pyBKT's EM stopped after 3 to 8 E-steps, 2 to 23
        // log-likelihood units below ours in every fold. On the generated data every difference is below 0.0003. So:
        // RMSE within 0.005 either way, AUC no more than 0.015 below pyBKT's (and within 0.05 either way); on average
        // over skills RMSE no more than 0.0005 above pyBKT's and AUC no more than 0.001 below; and our fits' summed
        // training log-likelihood at least pyBKT's.
        rmseDifference.Should().OnlyContain(d => Math.Abs(d) <= 0.005);
        aucDifference.Should().OnlyContain(d => d >= -0.015 && d <= 0.05);
        oursRmse.Should().BeLessThanOrEqualTo(theirsRmse + 0.0005);
        oursAuc.Should().BeGreaterThanOrEqualTo(theirsAuc - 0.001);
        oursLikelihood.Should().BeGreaterThanOrEqualTo(theirsLikelihood);
    }

    /// <summary>The documented protocol written out: the learners in ordinal order of id, a Fisher–Yates shuffle (from
    /// the last position down to 1, each swapped with a uniform position at or below it) on the named stream of the
    /// seed, then dealt to folds in turn.</summary>
    private static Dictionary<string, int> DealtAsDocumented(IEnumerable<string> learners, int folds, long seed, string stream)
    {
        var order = learners.Order(StringComparer.Ordinal).ToArray();
        var random = SeededRandom.For(seed, stream);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i % folds);
    }

    [Fact]
    public void AssignFolds_AShuffleOfTheLearnersInOrdinalOrder_DealtInTurn_FromTwoFoldsToOnePerLearner()
    {
        // Seven learners given out of order; 2 folds (the least), 3, and 7 (one per learner, the most).
        string[] learners = ["g", "b", "e", "a", "f", "c", "d"];
        var log = ResponseLog.Create(learners.Select((l, i) => R(l, "k", i % 2, i)));

        foreach (var folds in new[] { 2, 3, 7 })
        {
            var assignment = CrossValidation.AssignFolds(log, folds, seed: 5);

            assignment.ToDictionary(e => e.Key.Value, e => e.Value).Should().Equal(DealtAsDocumented(learners, folds, 5, "folds"), $"{folds} folds");
        }
    }

    [Fact]
    public void AssignFoldsWithinCompetencies_EachCompetencysLearnersShuffledOnItsOwnStream()
    {
        foreach (var (folds, seed) in new[] { (2, 9L), (3, 9L), (2, 10L), (3, 10L) })
        {
            var assignment = CrossValidation.AssignFoldsWithinCompetencies(Worked, folds, seed);

            // a has ann, ben, cat, dan; b has ann, ben, cat.
            assignment.Where(e => e.Key.Competency == "a").ToDictionary(e => e.Key.Learner.Value, e => e.Value)
                .Should().Equal(DealtAsDocumented(["ann", "ben", "cat", "dan"], folds, seed, "folds within competency a"), $"{folds} folds, seed {seed}");
            assignment.Where(e => e.Key.Competency == "b").ToDictionary(e => e.Key.Learner.Value, e => e.Value)
                .Should().Equal(DealtAsDocumented(["ann", "ben", "cat"], folds, seed, "folds within competency b"), $"{folds} folds, seed {seed}");
        }
    }

    [Fact]
    public void NullArguments_AreNamed_BeforeTheFoldCountIsChecked()
    {
        FluentActions.Invoking(() => CrossValidation.AssignFolds(null!, 2)).Should().Throw<ArgumentNullException>().WithParameterName("log");
        FluentActions.Invoking(() => CrossValidation.Run(Worked, 2, null!)).Should().Throw<ArgumentNullException>().WithParameterName("fit");
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(null!, 2, null!)).Should().Throw<ArgumentNullException>().WithParameterName("log");
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, 1, null!)).Should().Throw<ArgumentNullException>().WithParameterName("fit");
    }

    [Fact]
    public void Run_FitsEachFoldOnTheOtherLearnersOnly()
    {
        var folds = CrossValidation.AssignFolds(Worked, 2, seed: 3);
        var training = new List<ResponseLog>();

        var result = CrossValidation.Run(Worked, 2, train =>
        {
            training.Add(train);
            return SuccessRate(train);
        }, seed: 3);

        training.Should().HaveCount(2);
        for (var f = 0; f < 2; f++)
        {
            training[f].Responses.Select(r => r.Learner).Distinct().Should().BeEquivalentTo(folds.Where(e => e.Value != f).Select(e => e.Key));
            result.Folds[f].Predictions.Select(p => p.Response.Learner).Distinct().Should().BeEquivalentTo(folds.Where(e => e.Value == f).Select(e => e.Key));
        }
    }

    [Fact]
    public void RunWithinCompetencies_AnUnknownCompetency_IsOneProblem_NotALearnerWithoutAnswers()
    {
        var assignment = new Dictionary<(CompetencyId Competency, LearnerId Learner), int> { [("a", "ann")] = 0, [("a", "ben")] = 1, [("zz", "zed")] = 1 };

        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, assignment, SuccessRate))
            .Should().Throw<ArgumentException>().WithParameterName("assignment").WithMessage(
                "The fold assignment does not fit the log: competency 'zz' has no answers in the log. Folds are numbered from 0 to k - 1 (here k = 2)*");
    }

    [Fact]
    public void RunWithinCompetencies_TenProblems_AreAllListed_AndAnEleventhIsCounted()
    {
        // Ten (then eleven) competencies the log lacks, beside a valid assignment for a.
        Dictionary<(CompetencyId Competency, LearnerId Learner), int> WithUnknown(int count)
        {
            var assignment = new Dictionary<(CompetencyId Competency, LearnerId Learner), int> { [("a", "ann")] = 0, [("a", "ben")] = 1 };
            for (var i = 0; i < count; i++)
            {
                assignment[($"z{(char)('a' + i)}", "ann")] = 0;
            }

            return assignment;
        }

        var ten = string.Join("; ", "abcdefghij".Select(c => $"competency 'z{c}' has no answers in the log"));
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, WithUnknown(10), SuccessRate))
            .Should().Throw<ArgumentException>().WithMessage($"The fold assignment does not fit the log: {ten}. Folds are numbered from 0 to k - 1 (here k = 2)*");
        FluentActions.Invoking(() => CrossValidation.RunWithinCompetencies(Worked, WithUnknown(11), SuccessRate))
            .Should().Throw<ArgumentException>().WithMessage($"The fold assignment does not fit the log: {ten}; and 1 more. Folds are numbered from 0 to k - 1 (here k = 2)*");
    }

    private static Response R(string learner, string competency, int correct, long order) => Response.FromOutcome(learner, competency, correct, order);

    /// <summary>A "fit" that predicts the training log's share of correct answers for every answer: prior 1, no
    /// learning, slip 1 − rate. Known to the bit for rates exact in binary, and to 1e-16 otherwise.</summary>
    private static BktModel SuccessRate(ResponseLog train)
    {
        var rate = (double)train.Responses.Count(r => r.Correct) / train.Count;
        return new BktModel(train.Competencies.Select(c => new BktCompetencyParameters(c, BktParameters.FromEstimates(1, 0, 0, 1 - rate))), allowDegenerate: true);
    }

    /// <summary>Random small logs: up to 3 competencies, 12 learners (who overlap across competencies), chains of up
    /// to a few answers, in random order.</summary>
    private static readonly Gen<ResponseLog> Logs = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 11], Gen.Bool).Array[1, 120]
        .Select(rows => ResponseLog.Create(rows.Select((row, i) => new Response($"l{row.Item2}", $"c{row.Item1}", row.Item3, i))));

    private static Dictionary<CompetencyId, List<LearnerId>> LearnersByCompetency(ResponseLog log)
        => log.Responses.GroupBy(r => r.Competency).ToDictionary(g => g.Key, g => g.Select(r => r.Learner).Distinct().ToList());

    /// <summary>Everything a result says, as comparable values.</summary>
    private static List<string> Summary(WithinCompetencyCrossValidationResult result)
        => [.. result.ByCompetency.Values.SelectMany(c => c.Folds.Select((f, i) =>
                $"{c.Competency} {i}: {f.Overall.Rmse:R} {f.Overall.Auc:R} {f.Overall.Accuracy:R} {f.Overall.LogLikelihood:R} "
                + string.Join(",", f.Predictions.Select(p => $"{p.Response.Learner}:{p.CorrectProbability:R}"))))
            .Concat(result.ByCompetency.Values.Select(c => $"{c.Competency} mean {c.Mean} pooled {c.Pooled.Rmse:R} {c.Pooled.LogLikelihood:R}"))
            .Concat(result.SkippedCompetencies.Select(c => $"skipped {c}")),
            $"overall {result.Overall.Rmse:R} {result.Overall.Auc:R} {result.Overall.LogLikelihood:R}"];

    /// <summary>A pyBKT crossvalidate fixture: the JSON (per-skill means, per-fold metrics and fitted parameters) and
    /// the fold of each (skill, user), −1 for never tested.</summary>
    private sealed class CrossValidateFixture
    {
        private readonly JsonElement _root;
        private readonly ConcurrentDictionary<(string Skill, int Fold), HashSet<LearnerId>> _testUsers = new();

        private CrossValidateFixture(string name, JsonElement root, Dictionary<(CompetencyId, LearnerId), int> assignment)
        {
            Name = name;
            _root = root;
            Assignment = assignment;
            Skills = [.. root.GetProperty("skill_order").EnumerateArray().Select(s => s.GetString()!)];
            FoldCount = root.GetProperty("options").GetProperty("crossvalidate_kwargs").GetProperty("folds").GetInt32();
            DataFile = root.GetProperty("data").GetProperty("csv").GetString()!;
        }

        public string Name { get; }

        public string DataFile { get; }

        public IReadOnlyList<string> Skills { get; }

        public int FoldCount { get; }

        /// <summary>pyBKT's folds, without the users it never tests.</summary>
        public Dictionary<(CompetencyId, LearnerId), int> Assignment { get; }

        public static CrossValidateFixture Load(string name)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, $"{name}.json")));
            var root = document.RootElement.Clone();
            var assignment = new Dictionary<(CompetencyId, LearnerId), int>();
            using var csv = CsvReader.Create(ResponseLogCsv.Open(Path.Combine(Folder, root.GetProperty("folds_csv").GetString()!)), CsvReaderOptions.Default, leaveOpen: false);
            while (csv.Read())
            {
                var fold = csv.Parse<int>("fold");
                if (fold >= 0)
                {
                    assignment.Add((csv.GetString("skill_name"), csv.GetString("user_id")), fold);
                }
            }

            return new CrossValidateFixture(name, root, assignment);
        }

        public (double Rmse, double Auc, double Accuracy) Mean(string skill)
        {
            var r = _root.GetProperty("result").GetProperty(skill);
            return (r.GetProperty("rmse").GetDouble(), r.GetProperty("auc").GetDouble(), r.GetProperty("accuracy").GetDouble());
        }

        public (double Rmse, double Auc, double Accuracy) FoldMetrics(string skill, int fold)
        {
            var m = Fold(skill, fold).GetProperty("metrics");
            return (m.GetProperty("rmse").GetDouble(), m.GetProperty("auc").GetDouble(), m.GetProperty("accuracy").GetDouble());
        }

        public HashSet<LearnerId> TestUsers(string skill, int fold)
            => _testUsers.GetOrAdd((skill, fold), key => Fold(key.Skill, key.Fold).GetProperty("test_users").EnumerateArray().Select(u => new LearnerId(u.ToString())).ToHashSet());

        public int UntestedCount(string skill)
        {
            var s = _root.GetProperty("per_skill").GetProperty(skill);
            return s.GetProperty("students_in_pybkt_order").GetArrayLength() - (FoldCount * s.GetProperty("split_size").GetInt32());
        }

        /// <summary>The "fit" that returns the parameters pyBKT fitted for the fold whose users the training log lacks.</summary>
        public BktModel PyBktFoldModel(ResponseLog train)
        {
            var skill = train.Competencies.Should().ContainSingle().Subject.Value;
            var learners = train.Responses.Select(r => r.Learner).ToHashSet();
            var fold = Enumerable.Range(0, FoldCount).Single(f => !TestUsers(skill, f).Overlaps(learners));
            var p = Fold(skill, fold).GetProperty("fitted");
            return new BktModel(
                [new BktCompetencyParameters(skill, BktParameters.FromEstimates(p.GetProperty("prior").GetDouble(), p.GetProperty("learns")[0].GetDouble(),
                    p.GetProperty("guesses")[0].GetDouble(), p.GetProperty("slips")[0].GetDouble(), p.GetProperty("forgets")[0].GetDouble()))],
                allowDegenerate: true);
        }

        private JsonElement Fold(string skill, int fold)
            => _root.GetProperty("per_skill").GetProperty(skill).GetProperty("folds").EnumerateArray().Single(f => f.GetProperty("fold").GetInt32() == fold);
    }
}

using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Tests.Simulation;

/// <summary>
/// <see cref="ConfidenceInterval"/> worked by hand against the NIST t table, and a small robust evaluation matrix:
/// its cells' order, its determinism, its paired differences and its common random numbers.
/// </summary>
public sealed class RobustEvaluationTests
{
    // ---------------------------------------------------------------- Confidence intervals

    [Fact]
    public void ConfidenceInterval_Of_IsWorkedByHand()
    {
        // 1..5: mean 3, sample variance (4 + 1 + 0 + 1 + 4) / 4 = 2.5, t(4) = 2.776, half-width 2.776·√(2.5/5) ≈ 1.963.
        var interval = ConfidenceInterval.Of([1, 2, 3, 4, 5]);
        var half = 2.776 * Math.Sqrt(2.5 / 5);
        interval.Mean.Should().Be(3);
        interval.Low.Should().BeApproximately(3 - half, 1e-12);
        interval.High.Should().BeApproximately(3 + half, 1e-12);
        interval.HalfWidth.Should().BeApproximately(half, 1e-12);
        interval.Samples.Should().Be(5);
        interval.AboveZero.Should().BeTrue();
        interval.BelowZero.Should().BeFalse();
        interval.ToString().Should().Be("3.0 ± 2.0");

        // 0 and 2: mean 1, variance 2, t(1) = 12.706, half-width 12.706·√(2/2) = 12.706: the interval straddles 0.
        var two = ConfidenceInterval.Of([0, 2]);
        two.Mean.Should().Be(1);
        two.Low.Should().BeApproximately(1 - 12.706, 1e-12);
        two.High.Should().BeApproximately(1 + 12.706, 1e-12);
        two.AboveZero.Should().BeFalse();
        two.BelowZero.Should().BeFalse();

        // −4, −3, −2: mean −3, variance 1, t(2) = 4.303, half-width 4.303/√3 ≈ 2.484: below 0.
        var below = ConfidenceInterval.Of([-4, -3, -2]);
        below.High.Should().BeApproximately(-3 + (4.303 / Math.Sqrt(3)), 1e-12);
        below.BelowZero.Should().BeTrue();

        // Equal values: a zero-width interval.
        ConfidenceInterval.Of([2.5, 2.5, 2.5, 2.5]).Should().Be(new ConfidenceInterval(2.5, 2.5, 2.5, 4));
    }

    [Fact]
    public void ConfidenceInterval_OfOneValue_IsUnbounded_SoNothingIsSignificant()
    {
        // Found by review: one seed gave a zero-width interval, and the sample called a single difference significant.
        ConfidenceInterval.Of([7.25]).Should().Be(new ConfidenceInterval(7.25, double.NegativeInfinity, double.PositiveInfinity, 1));
        ConfidenceInterval.Of([7.25]).HalfWidth.Should().Be(double.PositiveInfinity);
        ConfidenceInterval.Of([-1]).BelowZero.Should().BeFalse();
        ConfidenceInterval.Of([1]).AboveZero.Should().BeFalse();
    }

    [Fact]
    public void ConfidenceInterval_NearTheLimitsOfADouble_StaysFinite_OrUnbounded_NeverNaN()
    {
        // Found by review: the mean was a plain sum, so two values of 1e308 gave Infinity ± NaN.
        ConfidenceInterval.Of([1e308, 1e308]).Should().Be(new ConfidenceInterval(1e308, 1e308, 1e308, 2));
        var wide = ConfidenceInterval.Of([1e308, -1e308]);
        wide.Mean.Should().Be(0);
        wide.Low.Should().Be(double.NegativeInfinity);
        wide.High.Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void ConfidenceInterval_Constructor_RefusesEndsOnTheWrongSide_AndNoSamples()
    {
        // Found by review: new ConfidenceInterval(5, 10, 0, 3) had a half-width of −5 and counted as above zero.
        FluentActions.Invoking(() => new ConfidenceInterval(5, 10, 0, 3)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "low");
        FluentActions.Invoking(() => new ConfidenceInterval(5, 0, 4, 3)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "high");
        FluentActions.Invoking(() => new ConfidenceInterval(double.NaN, 0, 1, 3)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "mean");
        FluentActions.Invoking(() => new ConfidenceInterval(1, double.NaN, 1, 3)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "low");
        FluentActions.Invoking(() => new ConfidenceInterval(1, 0, 2, 0)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "samples");
        new ConfidenceInterval(1, 0, 2, 3).Deconstruct(out var mean, out var low, out var high, out var samples);
        (mean, low, high, samples).Should().Be((1.0, 0.0, 2.0, 3));
        default(ConfidenceInterval).HalfWidth.Should().Be(0);
    }

    [Fact]
    public void ConfidenceInterval_Of_RejectsBadInput()
    {
        FluentActions.Invoking(() => ConfidenceInterval.Of(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("values");
        FluentActions.Invoking(() => ConfidenceInterval.Of([])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("An interval needs at least one value.*").Which.ParamName.Should().Be("values");
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            FluentActions.Invoking(() => ConfidenceInterval.Of([1, bad, 3])).Should().ThrowExactly<ArgumentException>()
                .WithMessage("Every value must be finite.*").Which.ParamName.Should().Be("values");
        }
    }

    [Fact]
    public void StudentT975_MatchesTheNistTable_AndInterpolatesBetweenItsRows()
    {
        // NIST/SEMATECH e-Handbook 1.3.6.7.2, the 0.975 column.
        ConfidenceInterval.StudentT975(1).Should().Be(12.706);
        ConfidenceInterval.StudentT975(2).Should().Be(4.303);
        ConfidenceInterval.StudentT975(4).Should().Be(2.776);
        ConfidenceInterval.StudentT975(9).Should().Be(2.262);
        ConfidenceInterval.StudentT975(30).Should().Be(2.042);
        ConfidenceInterval.StudentT975(40).Should().BeApproximately(2.021, 1e-12);
        ConfidenceInterval.StudentT975(60).Should().BeApproximately(2.000, 1e-12);
        ConfidenceInterval.StudentT975(100).Should().BeApproximately(1.984, 1e-12);

        // Between rows, linear in 1/df: df 45 is a third of the way from 40 to 60 in 1/df, 2.021 − 0.021/3 = 2.014
        // (the exact quantile is 2.0141); df 200 is half way from 100 to ∞, (1.984 + 1.960)/2 = 1.972 (exactly 1.9719).
        var t45 = ConfidenceInterval.StudentT975(45);
        t45.Should().BeInRange(2.000, 2.021).And.BeApproximately(2.014, 1e-9);
        var t200 = ConfidenceInterval.StudentT975(200);
        t200.Should().BeInRange(1.960, 1.984).And.BeApproximately(1.972, 1e-9);

        // Towards the normal quantile, never rising.
        ConfidenceInterval.StudentT975(1_000_000).Should().BeApproximately(1.96, 1e-4);
        ConfidenceInterval.StudentT975(int.MaxValue).Should().BeApproximately(1.96, 1e-8);
        var values = Enumerable.Range(1, 5_000).Select(ConfidenceInterval.StudentT975).ToList();
        values.Should().BeInDescendingOrder();
        values.Should().OnlyContain(t => t >= 1.96);
    }

    // ---------------------------------------------------------------- The matrix

    private static readonly StudentModel[] Students = [new BktStudents(), new LogisticStudents()];

    private static readonly ISimulationPolicy[] Policies = [new MasteryLinearPolicy(), new LinearSequencePolicy(2)];

    /// <summary>A → B → C, and D on its own; two activities each; the goal C; sessions of 5 steps a day.</summary>
    private static EvaluationCourse Course(string name = "chain", string goal = "C")
    {
        var framework = new CompetencyFrameworkBuilder("chain")
            .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("D", "D")
            .AddPrerequisite("A", "B").AddPrerequisite("B", "C").Build();
        var builder = new ActivityCatalogBuilder(framework);
        foreach (var competency in framework.Competencies)
        {
            var id = competency.Id.Value.ToLowerInvariant();
            builder.Add(new LearningActivity($"{id}-1", id, ActivityKind.Practice, 10, TestData.Align(competency.Id.Value)));
            builder.Add(new LearningActivity($"{id}-2", id, ActivityKind.Practice, 10, TestData.Align(competency.Id.Value)));
        }

        var options = new SimulationOptions([goal], maximumSteps: 60, deadlineStep: 20, TestData.Start, stepsPerSession: 5);
        return new EvaluationCourse(name, builder.Build(), new BktModel([], new BktParameters(0.2, 0.2, 0.2, 0.1)), options);
    }

    [Fact]
    public void Run_CellsComeInTheDocumentedOrder_AndEachSeedIsTheClassThatSeedDraws()
    {
        var course = Course();
        var progress = new List<int>();
        var report = RobustEvaluation.Run(Students, [course], Policies, seeds: 3, learners: 5, new Recorder(progress));

        report.StudentModels.Should().Equal("gated BKT", "logistic (PFA)");
        report.Courses.Should().Equal("chain");
        report.Policies.Should().Equal("mastery linear", "linear (2 steps each)");
        report.Seeds.Should().Be(3);
        report.Learners.Should().Be(5);
        report.ToString().Should().Be("2 student models × 1 courses × 2 policies, 3 seeds of 5 learners");

        // Student models outermost, then courses, then policies.
        report.Cells.Select(c => (c.StudentModel, c.Course, c.Policy)).Should().Equal(
            ("gated BKT", "chain", "mastery linear"),
            ("gated BKT", "chain", "linear (2 steps each)"),
            ("logistic (PFA)", "chain", "mastery linear"),
            ("logistic (PFA)", "chain", "linear (2 steps each)"));
        progress.Should().Equal(Enumerable.Range(1, 12), "one report per student model × course × policy × seed");

        // Seed s's reports are exactly what running the policy on the class seed s draws gives, seed 1 first.
        foreach (var student in Students)
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                var @class = SimulatedClass.Create(course.Catalog, 5, seed, student);
                foreach (var policy in Policies)
                {
                    var cell = report.Cell(student.Name, course.Name, policy.Name);
                    cell.Reports.Should().HaveCount(3);
                    cell.Reports[seed - 1].Should().Be(ClassroomSimulator.Run(@class, course.Model, policy, course.Options), $"{cell}, seed {seed}");
                    cell.Reports[seed - 1].Learners.Should().Be(5);
                    cell.Reports[seed - 1].Policy.Should().Be(policy.Name);
                }
            }
        }

        // The cell's intervals are over its seeds' class means.
        var first = report.Cells[0];
        first.StepsToMaster.Should().Be(ConfidenceInterval.Of(first.Reports.Select(r => r.MeanStepsToMaster)));
        first.GoalShareByDeadline.Should().Be(ConfidenceInterval.Of(first.Reports.Select(r => r.GoalShareByDeadline)));
        first.WastedSteps.Should().Be(ConfidenceInterval.Of(first.Reports.Select(r => r.MeanWastedSteps)));

        FluentActions.Invoking(() => report.Cell("gated BKT", "chain", "nope")).Should().ThrowExactly<ArgumentException>().WithMessage("No cell for student model 'gated BKT', course 'chain' and policy 'nope'.");
        FluentActions.Invoking(() => report.Difference("nope", "chain", "mastery linear", "linear (2 steps each)")).Should().ThrowExactly<ArgumentException>().WithMessage("No cell for student model 'nope'*");
    }

    [Fact]
    public void Run_IsDeterministic()
    {
        var first = RobustEvaluation.Run(Students, [Course()], Policies, 3, 5);
        var again = RobustEvaluation.Run(Students, [Course()], Policies, 3, 5);

        again.Should().Be(first);
        again.Cells.Should().Equal(first.Cells);
        RobustEvaluation.Run(Students, [Course()], Policies, 3, 6).Should().NotBe(first);
    }

    [Fact]
    public void Difference_IsTheMeanOfThePerSeedDifferences_WithTheirTInterval()
    {
        var report = RobustEvaluation.Run(Students, [Course()], Policies, 3, 5);
        foreach (var student in report.StudentModels)
        {
            var ours = report.Cell(student, "chain", "mastery linear").Reports;
            var theirs = report.Cell(student, "chain", "linear (2 steps each)").Reports;
            var d = Enumerable.Range(0, 3).Select(s => ours[s].MeanStepsToMaster - theirs[s].MeanStepsToMaster).ToArray();
            d.Should().Contain(x => x != 0, "the two policies differ, so the check is not trivial");
            var mean = (d[0] + d[1] + d[2]) / 3;
            var sd = Math.Sqrt((((d[0] - mean) * (d[0] - mean)) + ((d[1] - mean) * (d[1] - mean)) + ((d[2] - mean) * (d[2] - mean))) / 2);
            var half = 4.303 * sd / Math.Sqrt(3);

            var difference = report.Difference(student, "chain", "mastery linear", "linear (2 steps each)");

            difference.Samples.Should().Be(3);
            difference.Mean.Should().BeApproximately(mean, 1e-12);
            difference.Low.Should().BeApproximately(mean - half, 1e-9);
            difference.High.Should().BeApproximately(mean + half, 1e-9);

            // The other way round, the same interval mirrored.
            var reversed = report.Difference(student, "chain", "linear (2 steps each)", "mastery linear");
            reversed.Mean.Should().BeApproximately(-mean, 1e-12);
            reversed.HalfWidth.Should().BeApproximately(difference.HalfWidth, 1e-9);
        }
    }

    [Fact]
    public void EveryPolicyInASeed_TeachesTheSameClass()
    {
        // A policy compared with itself under another name: same class, same answers by chance (common random
        // numbers), so the same reports and a difference of exactly 0 with no width.
        var policies = new ISimulationPolicy[] { new MasteryLinearPolicy(), new Renamed(new MasteryLinearPolicy(), "twin"), new RandomFrontierPolicy(5), new Renamed(new RandomFrontierPolicy(5), "random twin") };
        var report = RobustEvaluation.Run(Students, [Course()], policies, 3, 5);
        foreach (var student in report.StudentModels)
        {
            report.Difference(student, "chain", "twin", "mastery linear").Should().Be(new ConfidenceInterval(0, 0, 0, 3));
            report.Difference(student, "chain", "random twin", "random frontier").Should().Be(new ConfidenceInterval(0, 0, 0, 3));
            report.Cell(student, "chain", "twin").Reports.Select(r => r with { Policy = "mastery linear" })
                .Should().Equal(report.Cell(student, "chain", "mastery linear").Reports);
        }
    }

    [Fact]
    public void Run_RejectsBadInput()
    {
        var course = Course();
        StudentModel[] students = [new BktStudents()];
        ISimulationPolicy[] policies = [new MasteryLinearPolicy()];

        Rejects<ArgumentException>(() => RobustEvaluation.Run([new BktStudents(), new BktStudents()], [course], policies, 1, 1), "students");
        Rejects<ArgumentException>(() => RobustEvaluation.Run(students, [course, Course()], policies, 1, 1), "courses");
        Rejects<ArgumentException>(() => RobustEvaluation.Run(students, [course], [new MasteryLinearPolicy(), new MasteryLinearPolicy()], 1, 1), "policies");
        Rejects<ArgumentException>(() => RobustEvaluation.Run([], [course], policies, 1, 1), "students");
        Rejects<ArgumentException>(() => RobustEvaluation.Run(students, [], policies, 1, 1), "courses");
        Rejects<ArgumentException>(() => RobustEvaluation.Run(students, [course], [], 1, 1), "policies");
        Rejects<ArgumentNullException>(() => RobustEvaluation.Run(null!, [course], policies, 1, 1), "students");
        Rejects<ArgumentNullException>(() => RobustEvaluation.Run(students, null!, policies, 1, 1), "courses");
        Rejects<ArgumentNullException>(() => RobustEvaluation.Run(students, [course], null!, 1, 1), "policies");
        Rejects<ArgumentNullException>(() => RobustEvaluation.Run([null!], [course], policies, 1, 1), "students");
        Rejects<ArgumentOutOfRangeException>(() => RobustEvaluation.Run(students, [course], policies, 0, 1), "seeds");
        Rejects<ArgumentOutOfRangeException>(() => RobustEvaluation.Run(students, [course], policies, 1001, 1), "seeds");
        Rejects<ArgumentOutOfRangeException>(() => RobustEvaluation.Run(students, [course], policies, 1, 0), "learners");
        Rejects<ArgumentOutOfRangeException>(() => RobustEvaluation.Run(students, [course], policies, 1, 100_001), "learners");
        FluentActions.Invoking(() => RobustEvaluation.Run(students, [Course("elsewhere", "Z")], policies, 1, 1)).Should().Throw<ArgumentException>()
            .WithMessage("Goal 'Z' of course 'elsewhere' is not in framework 'chain'.*");
        FluentActions.Invoking(() => RobustEvaluation.Run([new BktStudents(), new BktStudents(name: "other")], [course], policies, 1, 1)).Should().NotThrow();

        static void Rejects<T>(Action run, string parameter)
            where T : ArgumentException =>
            FluentActions.Invoking(run).Should().ThrowExactly<T>().Which.ParamName.Should().Be(parameter);
    }

    private sealed class Renamed(ISimulationPolicy inner, string name) : ISimulationPolicy
    {
        public string Name => name;

        public ActivityId? Choose(SimulationContext context) => inner.Choose(context);
    }

    /// <summary>Records reports as they come, on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Recorder(List<int> values) : IProgress<int>
    {
        public void Report(int value) => values.Add(value);
    }

    [Fact]
    public void EveryCourse_IsChecked_BeforeAnythingRuns()
    {
        // Found by review: a bad goal in the second course threw only after the first had run, naming "options".
        var framework = new CompetencyFrameworkBuilder("two").AddCompetency("A", "A").AddCompetency("B", "B").AddPrerequisite("A", "B").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("a", "a", ActivityKind.Practice, 10, TestData.Align("A")))
            .Add(new LearningActivity("b", "b", ActivityKind.Practice, 10, TestData.Align("B")))
            .Build();
        var model = new BktModel([], new BktParameters(0.2, 0.2, 0.2, 0.1));
        var good = new EvaluationCourse("good", catalog, model, new SimulationOptions(["B"], 20, 10, TestData.Start));
        var bad = new EvaluationCourse("bad", catalog, model, new SimulationOptions(["Z"], 20, 10, TestData.Start));
        var runs = 0;
        var progress = new SynchronousProgress(() => runs++);

        var error = Record.Exception(() => RobustEvaluation.Run([new BktStudents()], [good, bad], [new MasteryLinearPolicy()], 2, 3, progress));

        error.Should().BeOfType<UnknownCompetencyException>().Which.ParamName.Should().Be("courses");
        error!.Message.Should().StartWith("Goal 'Z' of course 'bad' is not in framework 'two'.");
        runs.Should().Be(0, "nothing runs before every course is checked");
        FluentActions.Invoking(() => RobustEvaluation.Run([new BktStudents()], [good with { Name = " " }], [new MasteryLinearPolicy()], 2, 3))
            .Should().Throw<ArgumentException>().WithMessage("Item 0 of the courses has no name*").Which.ParamName.Should().Be("courses");
    }

    // ---------------------------------------------------------------- Calibration on a pilot class

    [Fact]
    public void ACalibratedPolicy_GetsAPilotClassLog_PerSeed_TaughtByThePacingGuide_AndTeachesWithWhatItReturns()
    {
        var course = Course();
        var learning = new Recording();
        var report = RobustEvaluation.Run([new BktStudents()], [course], [learning, new MasteryLinearPolicy()], seeds: 2, learners: 4);

        learning.Logs.Should().HaveCount(2, "one pilot per seed");
        for (var seed = 1; seed <= 2; seed++)
        {
            // The pilot is the class drawn with seed + 1,000,000, taught by linear (3 steps each): its log is that run's.
            var pilot = SimulatedClass.Create(course.Catalog, 4, seed + RobustEvaluation.PilotSeedOffset, new BktStudents());
            var (pilotReport, expected) = ClassroomSimulator.RunWithLog(pilot, course.Model, new LinearSequencePolicy(), course.Options);
            learning.Logs[seed - 1].Responses.Should().Equal(expected!.Responses);
            pilotReport.Learners.Should().Be(4);
        }

        // What Calibrate returned taught (it always chooses D's first activity), under the policy's own name.
        report.Cell("gated BKT", "chain", "recording").Reports.Should().OnlyContain(r => r.StepsToMaster.All(s => s == null));
        learning.Chosen.Should().BeGreaterThan(0);
    }

    [Fact]
    public void ACalibrationThatRenamesThePolicy_OrReturnsNothing_IsRefused()
    {
        var renames = () => RobustEvaluation.Run([new BktStudents()], [Course()], [new Recording(rename: "other")], 1, 2);
        renames.Should().Throw<InvalidOperationException>().WithMessage("*'recording' returned a policy named 'other'*");

        var nothing = () => RobustEvaluation.Run([new BktStudents()], [Course()], [new Recording(returnNull: true)], 1, 2);
        nothing.Should().Throw<InvalidOperationException>().WithMessage("*'recording' returned no policy*");
    }

    [Fact]
    public void RunWithLog_KeepsEveryAnswer_InStepOrder_WithItsActivity()
    {
        var course = Course();
        var @class = SimulatedClass.Create(course.Catalog, 5, 3, new BktStudents());
        var (report, log) = ClassroomSimulator.RunWithLog(@class, course.Model, new LinearSequencePolicy(), course.Options);

        // One answer per step (every activity teaches one competency), and in the log every learner goes on to the
        // budget, knowing the goal or not; the report still counts the step each learner knew it.
        log!.Count.Should().Be(5 * course.Options.MaximumSteps);
        report.StepsToMaster.Should().Contain(s => s != null && s < course.Options.MaximumSteps, "some learners knew C before the budget, and answered on");
        report.Should().Be(ClassroomSimulator.Run(@class, course.Model, new LinearSequencePolicy(), course.Options), "keeping the log changes nothing");
        foreach (var learner in log.Responses.GroupBy(r => r.Learner))
        {
            learner.Select(r => r.Order).Should().Equal(Enumerable.Range(0, learner.Count()).Select(i => (long)i));
            learner.Should().OnlyContain(r => r.Activity != null && course.Catalog.GetActivity(r.Activity.Value).Alignments[0].Competency == r.Competency);
        }
    }

    [Fact]
    public void ThePrerequisiteGatingEstimator_RecoversTheSoftGatedSimulatorsFactor_AndFindsTheGatedOnesHard()
    {
        // The simulators' own parameter: soft-gated BKT learns before a prerequisite is known at 0.3 times the rate, gated
        // BKT not at all. A pilot of 150 learners on the chain (linear pacing, 60 steps), pooled over its two links.
        var course = Course();
        double Pooled(StudentModel students)
        {
            var @class = SimulatedClass.Create(course.Catalog, 150, 11, students);
            var log = ClassroomSimulator.RunWithLog(@class, course.Model, new LinearSequencePolicy(), course.Options).Log!;
            return PrerequisiteGatingEstimator.Estimate(log, course.Catalog.Framework, (BktModel)course.Model).PooledFactor;
        }

        Pooled(new BktStudents(SimulatedLearnerSettings.Default with { GatedLearnFactor = 0.3 })).Should().BeInRange(0.15, 0.5);
        Pooled(new BktStudents()).Should().BeLessThan(0.05);
    }

    private sealed class Recording(string? rename = null, bool returnNull = false) : ICalibratedPolicy
    {
        public List<PersonalizedLearning.Observations.ResponseLog> Logs { get; } = [];

        public int Chosen;

        public string Name => "recording";

        public PersonalizedLearning.Activities.ActivityId? Choose(SimulationContext context) => throw new InvalidOperationException("Only the calibrated policy teaches.");

        public ISimulationPolicy Calibrate(PersonalizedLearning.Observations.ResponseLog log, ActivityCatalog catalog, PersonalizedLearning.Mastery.IMasteryModel model)
        {
            Logs.Add(log);
            return returnNull ? null! : new Fixed(rename ?? Name, this);
        }
    }

    private sealed class Fixed(string name, Recording owner) : ISimulationPolicy
    {
        public string Name => name;

        public PersonalizedLearning.Activities.ActivityId? Choose(SimulationContext context)
        {
            Interlocked.Increment(ref owner.Chosen);
            return "d-1";
        }
    }

    private sealed class SynchronousProgress(Action onReport) : IProgress<int>
    {
        public void Report(int value) => onReport();
    }

    [Fact]
    public void EvaluationCell_Intervals_AreTheIntervalsOfTheReports_ReadWithoutAllocating()
    {
        // Issue 21: each read went through Enumerable.Select over the boxed array and copied the values into a new one.
        var cell = RobustEvaluation.Run(Students, [Course()], Policies, 3, 5).Cells[0];
        cell.StepsToMaster.Should().Be(ConfidenceInterval.Of(cell.Reports.Select(r => r.MeanStepsToMaster)));
        cell.GoalShareByDeadline.Should().Be(ConfidenceInterval.Of(cell.Reports.Select(r => r.GoalShareByDeadline)));
        cell.WastedSteps.Should().Be(ConfidenceInterval.Of(cell.Reports.Select(r => r.MeanWastedSteps)));
        cell.StepsToMaster.Samples.Should().Be(3);

        Allocations.OfWarmCall(() => _ = ConfidenceInterval.Of(cell.Reports.Select(r => r.MeanStepsToMaster))).Should().BePositive("the measure must see the old way's allocations");
        Allocations.OfWarmCall(() => _ = cell.StepsToMaster).Should().Be(0);
        Allocations.OfWarmCall(() => _ = cell.GoalShareByDeadline).Should().Be(0);
        Allocations.OfWarmCall(() => _ = cell.WastedSteps).Should().Be(0);
    }
}

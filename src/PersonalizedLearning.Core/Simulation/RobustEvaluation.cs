using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Simulation;

/// <summary>A course a policy is judged on: a catalog, the mastery model the policies see, and the goals, budget,
/// deadline and sessions of the simulation.</summary>
/// <param name="Name">A short name for reports.</param>
/// <param name="Catalog">The catalog, and through it the authored framework.</param>
/// <param name="Model">The mastery model that folds the evidence policies see.</param>
/// <param name="Options">The goals, budget, deadline and sessions.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EvaluationCourse(string Name, ActivityCatalog Catalog, IMasteryModel Model, SimulationOptions Options)
{
    /// <summary>The name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}

/// <summary>A mean over seeds with its 95 % confidence interval (Student's t with n − 1 degrees of freedom).</summary>
/// <remarks>The default value is the interval [0, 0] around 0 of no samples. Immutable and thread-safe.</remarks>
public readonly record struct ConfidenceInterval
{
    /// <summary>Creates an interval.</summary>
    /// <param name="mean">The mean, finite.</param>
    /// <param name="low">The interval's lower end, at most the mean; −∞ when there is one sample (one value says nothing of the spread).</param>
    /// <param name="high">The interval's upper end, at least the mean; +∞ when there is one sample.</param>
    /// <param name="samples">How many values, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The mean is not finite, an end is NaN or on the wrong side of the
    /// mean, or <paramref name="samples"/> is below 1.</exception>
    public ConfidenceInterval(double mean, double low, double high, int samples)
    {
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be a finite number.");
        }

        if (!(low <= mean))
        {
            throw new ArgumentOutOfRangeException(nameof(low), low, string.Create(CultureInfo.InvariantCulture, $"The lower end must be at most the mean ({mean:R})."));
        }

        if (!(high >= mean))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, string.Create(CultureInfo.InvariantCulture, $"The upper end must be at least the mean ({mean:R})."));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        Mean = mean;
        Low = low;
        High = high;
        Samples = samples;
    }

    /// <summary>The mean.</summary>
    public double Mean { get; }

    /// <summary>The interval's lower end; −∞ when there is one sample.</summary>
    public double Low { get; }

    /// <summary>The interval's upper end; +∞ when there is one sample.</summary>
    public double High { get; }

    /// <summary>How many values.</summary>
    public int Samples { get; }

    /// <summary>The parts.</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="low">The lower end.</param>
    /// <param name="high">The upper end.</param>
    /// <param name="samples">How many values.</param>
    public void Deconstruct(out double mean, out double low, out double high, out int samples) => (mean, low, high, samples) = (Mean, Low, High, Samples);

    /// <summary>True when the whole interval lies below 0.</summary>
    public bool BelowZero => High < 0;

    /// <summary>True when the whole interval lies above 0.</summary>
    public bool AboveZero => Low > 0;

    /// <summary>The half-width of the interval; +∞ with one sample.</summary>
    public double HalfWidth => (High - Low) / 2;

    /// <summary>The mean and the interval, such as "201.3 ± 12.4".</summary>
    /// <returns>The text, culture-invariant.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Mean:0.0} ± {HalfWidth:0.0}");

    /// <summary>The mean of some values and its 95 % t interval.</summary>
    /// <param name="values">At least one finite value.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a value that is not finite.</exception>
    public static ConfidenceInterval Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Of(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(values.ToArray()), static v => v, nameof(values));
    }

    /// <summary>The interval of one value of each item, read in place: no copy, no allocation (a static selector).</summary>
    internal static ConfidenceInterval Of<T>(ImmutableArray<T> items, Func<T, double> value, string parameter = "values")
    {
        var n = items.Length;
        if (n == 0)
        {
            throw new ArgumentException("An interval needs at least one value.", parameter);
        }

        foreach (var item in items)
        {
            if (!double.IsFinite(value(item)))
            {
                throw new ArgumentException("Every value must be finite.", parameter);
            }
        }

        // The mean as a sum of shares, so values near double.MaxValue cannot overflow it; a spread too wide for a double
        // gives an unbounded interval, never NaN.
        var mean = 0.0;
        foreach (var item in items)
        {
            mean += value(item) / n;
        }

        var squares = 0.0;
        foreach (var item in items)
        {
            var v = value(item);
            squares += (v - mean) * (v - mean);
        }

        if (n == 1)
        {
            return new ConfidenceInterval(mean, double.NegativeInfinity, double.PositiveInfinity, 1);
        }

        var half = StudentT975(n - 1) * Math.Sqrt(squares / (n - 1) / n);
        return double.IsNaN(half) || double.IsInfinity(half)
            ? new ConfidenceInterval(mean, double.NegativeInfinity, double.PositiveInfinity, n)
            : new ConfidenceInterval(mean, mean - half, mean + half, n);
    }

    // The 0.975 quantile of Student's t by degrees of freedom, from the NIST/SEMATECH e-Handbook of Statistical Methods,
    // 1.3.6.7.2 (critical values of the t distribution); between the tabled 30, 40, 60, 100 and ∞ it is interpolated
    // linearly in 1/df, which is exact to the table's three decimals there.
    private static readonly double[] Table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042];

    private static readonly (int Df, double T)[] Tail = [(30, 2.042), (40, 2.021), (60, 2.000), (100, 1.984), (int.MaxValue, 1.960)];

    internal static double StudentT975(int df)
    {
        if (df <= Table.Length)
        {
            return Table[df - 1];
        }

        for (var i = 1; i < Tail.Length; i++)
        {
            if (df <= Tail[i].Df)
            {
                var (a, b) = (Tail[i - 1], Tail[i]);
                var x = 1.0 / df;
                var xa = 1.0 / a.Df;
                var xb = b.Df == int.MaxValue ? 0 : 1.0 / b.Df;
                return a.T + ((b.T - a.T) * (x - xa) / (xb - xa));
            }
        }

        return 1.960;
    }
}

/// <summary>One cell of a robust evaluation matrix: one policy, under one student model, on one course, over every seed.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EvaluationCell
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal EvaluationCell(string StudentModel, string Course, string Policy, ImmutableArray<SimulationReport> Reports)
    {
        this.StudentModel = StudentModel;
        this.Course = Course;
        this.Policy = Policy;
        this.Reports = Reports;
    }

    /// <summary>The student model's name.</summary>
    public string StudentModel { get; internal init; }

    /// <summary>The course's name.</summary>
    public string Course { get; internal init; }

    /// <summary>The policy's name.</summary>
    public string Policy { get; internal init; }

    /// <summary>One report per seed, seed 1 first; each seed's class is the same for every policy.</summary>
    public ImmutableArray<SimulationReport> Reports { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="StudentModel">The value of <see cref="StudentModel"/>.</param>
    /// <param name="Course">The value of <see cref="Course"/>.</param>
    /// <param name="Policy">The value of <see cref="Policy"/>.</param>
    /// <param name="Reports">The value of <see cref="Reports"/>.</param>
    public void Deconstruct(out string StudentModel, out string Course, out string Policy, out ImmutableArray<SimulationReport> Reports)
    {
        StudentModel = this.StudentModel;
        Course = this.Course;
        Policy = this.Policy;
        Reports = this.Reports;
    }

    /// <summary>Mean steps to master the goals (a learner who did not counts as the whole budget), over seeds.</summary>
    /// <value>Computed from <see cref="Reports"/> on each read, in place, without allocating.</value>
    public ConfidenceInterval StepsToMaster => ConfidenceInterval.Of(Reports, static r => r.MeanStepsToMaster);

    /// <summary>The share of goals truly known at the deadline, over seeds.</summary>
    /// <value>Computed from <see cref="Reports"/> on each read, in place, without allocating.</value>
    public ConfidenceInterval GoalShareByDeadline => ConfidenceInterval.Of(Reports, static r => r.GoalShareByDeadline);

    /// <summary>Wasted steps per learner (on activities whose competencies were all known), over seeds.</summary>
    /// <value>Computed from <see cref="Reports"/> on each read, in place, without allocating.</value>
    public ConfidenceInterval WastedSteps => ConfidenceInterval.Of(Reports, static r => r.MeanWastedSteps);

    /// <summary>The cell in one line.</summary>
    /// <returns>The text, culture-invariant.</returns>
    public override string ToString() => $"{StudentModel} / {Course} / {Policy}: {StepsToMaster} steps";

    /// <inheritdoc />
    public bool Equals(EvaluationCell? other) =>
        other is not null && StudentModel == other.StudentModel && Course == other.Course && Policy == other.Policy && SequenceEquality.Equal(Reports, other.Reports);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StudentModel, Course, Policy, Reports.Length);
}

/// <summary>A robust evaluation matrix: every policy under every student model on every course, on the same seeded
/// classes (common random numbers), so that policies are compared seed by seed.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RobustEvaluationReport
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal RobustEvaluationReport(ImmutableArray<string> StudentModels, ImmutableArray<string> Courses, ImmutableArray<string> Policies, ImmutableArray<EvaluationCell> Cells, int Seeds, int Learners)
    {
        this.StudentModels = StudentModels;
        this.Courses = Courses;
        this.Policies = Policies;
        this.Cells = Cells;
        this.Seeds = Seeds;
        this.Learners = Learners;
    }

    /// <summary>The student models' names, in the order given.</summary>
    public ImmutableArray<string> StudentModels { get; internal init; }

    /// <summary>The courses' names, in the order given.</summary>
    public ImmutableArray<string> Courses { get; internal init; }

    /// <summary>The policies' names, in the order given.</summary>
    public ImmutableArray<string> Policies { get; internal init; }

    /// <summary>Every cell: student models outermost, then courses, then policies.</summary>
    public ImmutableArray<EvaluationCell> Cells { get; internal init; }

    /// <summary>Seeds per cell.</summary>
    public int Seeds { get; internal init; }

    /// <summary>Learners per class.</summary>
    public int Learners { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="StudentModels">The value of <see cref="StudentModels"/>.</param>
    /// <param name="Courses">The value of <see cref="Courses"/>.</param>
    /// <param name="Policies">The value of <see cref="Policies"/>.</param>
    /// <param name="Cells">The value of <see cref="Cells"/>.</param>
    /// <param name="Seeds">The value of <see cref="Seeds"/>.</param>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    public void Deconstruct(out ImmutableArray<string> StudentModels, out ImmutableArray<string> Courses, out ImmutableArray<string> Policies, out ImmutableArray<EvaluationCell> Cells, out int Seeds, out int Learners)
    {
        StudentModels = this.StudentModels;
        Courses = this.Courses;
        Policies = this.Policies;
        Cells = this.Cells;
        Seeds = this.Seeds;
        Learners = this.Learners;
    }

    /// <summary>One cell.</summary>
    /// <param name="studentModel">The student model's name.</param>
    /// <param name="course">The course's name.</param>
    /// <param name="policy">The policy's name.</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentException">No cell has these names.</exception>
    public EvaluationCell Cell(string studentModel, string course, string policy) =>
        Cells.FirstOrDefault(c => c.StudentModel == studentModel && c.Course == course && c.Policy == policy)
        ?? throw new ArgumentException($"No cell for student model '{studentModel}', course '{course}' and policy '{policy}'.");

    /// <summary>How much fewer steps <paramref name="policy"/> needs than <paramref name="baseline"/> under one student
    /// model on one course: the mean over seeds of the difference of their class means (policy − baseline; negative
    /// means fewer), with its 95 % t interval, paired by seed.</summary>
    /// <param name="studentModel">The student model's name.</param>
    /// <param name="course">The course's name.</param>
    /// <param name="policy">The policy's name.</param>
    /// <param name="baseline">The baseline's name.</param>
    /// <returns>The difference in steps.</returns>
    /// <exception cref="ArgumentException">No cell has these names.</exception>
    public ConfidenceInterval Difference(string studentModel, string course, string policy, string baseline)
    {
        var ours = Cell(studentModel, course, policy).Reports;
        var theirs = Cell(studentModel, course, baseline).Reports;
        return ConfidenceInterval.Of(ours.Zip(theirs, (a, b) => a.MeanStepsToMaster - b.MeanStepsToMaster));
    }

    /// <summary>The matrix in one line.</summary>
    /// <returns>The text, culture-invariant.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{StudentModels.Length} student models × {Courses.Length} courses × {Policies.Length} policies, {Seeds} seeds of {Learners} learners");

    /// <inheritdoc />
    public bool Equals(RobustEvaluationReport? other) =>
        other is not null && SequenceEquality.Equal(StudentModels, other.StudentModels) && SequenceEquality.Equal(Courses, other.Courses)
        && SequenceEquality.Equal(Policies, other.Policies) && SequenceEquality.Equal(Cells, other.Cells) && Seeds == other.Seeds && Learners == other.Learners;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StudentModels.Length, Courses.Length, Policies.Length, Seeds, Learners);
}

/// <summary>
/// Runs a robust evaluation matrix (Doroudi, Aleven and Brunskill 2017): each policy is judged under several plausible
/// student models on several courses, because any single student model is wrong. Seed s draws one class per student
/// model and course, and every policy teaches that same class.
/// </summary>
/// <remarks><para>A policy that learns from logs (<see cref="ICalibratedPolicy"/>) gets last year's: for each seed,
/// student model and course, a pilot class of as many learners, drawn from the same student model with seed
/// s + 1,000,000 (so never a class any policy is judged on), is taught by the pacing guide
/// (<see cref="LinearSequencePolicy"/>, 3 steps per competency) within the course's budget, and its log is given to
/// <see cref="ICalibratedPolicy.Calibrate"/> before the policy teaches seed s's class. The other policies ignore it.</para>
/// <para>Deterministic: the same arguments give the same report on every machine, whatever the thread count.
/// Thread-safe: holds no state.</para></remarks>
public static class RobustEvaluation
{
    /// <summary>What is added to a seed to draw its pilot class: more than the largest seed, so that a pilot class is never
    /// one a policy is judged on.</summary>
    public const long PilotSeedOffset = 1_000_000;

    /// <summary>Runs every policy under every student model on every course.</summary>
    /// <param name="students">The student models; at least one, names distinct.</param>
    /// <param name="courses">The courses; at least one, names distinct.</param>
    /// <param name="policies">The policies; at least one, names distinct.</param>
    /// <param name="seeds">Seeds per cell (1, 2, …); in [1, 1,000]. Intervals need at least 2.</param>
    /// <param name="learners">Learners per class; in [1, 100,000].</param>
    /// <param name="progress">Told how many of the student model × course × policy × seed runs have finished.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException">A list or an item in one is null.</exception>
    /// <exception cref="ArgumentException">A list is empty, an item has no name or two have the same, or a course has no
    /// catalog or a goal outside its framework; all checked before anything runs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seeds"/> or <paramref name="learners"/> is outside its range.</exception>
    /// <exception cref="InvalidOperationException">A calibrated policy's <see cref="ICalibratedPolicy.Calibrate"/> returned
    /// null or a policy with another name (found when that policy's turn comes, after earlier ones have run).</exception>
    public static RobustEvaluationReport Run(
        IReadOnlyList<StudentModel> students,
        IReadOnlyList<EvaluationCourse> courses,
        IReadOnlyList<ISimulationPolicy> policies,
        int seeds,
        int learners,
        IProgress<int>? progress = null)
    {
        var studentNames = Names(students, nameof(students), s => s.Name);
        var courseNames = Names(courses, nameof(courses), c => c.Name);
        var policyNames = Names(policies, nameof(policies), p => p.Name);
        foreach (var course in courses)
        {
            var framework = course.Catalog?.Framework ?? throw new ArgumentException($"Course '{course.Name}' has no catalog.", nameof(courses));
            ArgumentNullException.ThrowIfNull(course.Model, nameof(courses));
            ArgumentNullException.ThrowIfNull(course.Options, nameof(courses));
            foreach (var goal in course.Options.Goals)
            {
                if (!framework.Contains(goal))
                {
                    throw new UnknownCompetencyException(goal, $"Goal '{goal}' of course '{course.Name}' is not in framework '{framework.Title}'.", nameof(courses));
                }
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seeds, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(learners, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(learners, 100_000);
        var cells = ImmutableArray.CreateBuilder<EvaluationCell>(students.Count * courses.Count * policies.Count);
        var done = 0;
        foreach (var student in students)
        {
            foreach (var course in courses)
            {
                var reports = new SimulationReport[policies.Count, seeds];
                var calibrating = policies.Any(p => p is ICalibratedPolicy);
                for (var seed = 1; seed <= seeds; seed++)
                {
                    var @class = SimulatedClass.Create(course.Catalog, learners, seed, student);
                    var pilot = calibrating
                        ? ClassroomSimulator.RunWithLog(SimulatedClass.Create(course.Catalog, learners, seed + PilotSeedOffset, student), course.Model, PacingGuide, course.Options).Log
                        : null;
                    for (var p = 0; p < policies.Count; p++)
                    {
                        var policy = policies[p] is ICalibratedPolicy learning && pilot is not null ? Calibrated(learning, pilot, course) : policies[p];
                        reports[p, seed - 1] = ClassroomSimulator.Run(@class, course.Model, policy, course.Options);
                        progress?.Report(++done);
                    }
                }

                for (var p = 0; p < policies.Count; p++)
                {
                    var row = new SimulationReport[seeds];
                    for (var s = 0; s < seeds; s++)
                    {
                        row[s] = reports[p, s];
                    }

                    cells.Add(new EvaluationCell(student.Name, course.Name, policies[p].Name, [.. row]));
                }
            }
        }

        return new RobustEvaluationReport(studentNames, courseNames, policyNames, cells.MoveToImmutable(), seeds, learners);
    }

    private static readonly LinearSequencePolicy PacingGuide = new();

    private static ISimulationPolicy Calibrated(ICalibratedPolicy policy, ResponseLog pilot, EvaluationCourse course)
    {
        var calibrated = policy.Calibrate(pilot, course.Catalog, course.Model)
            ?? throw new InvalidOperationException($"Policy '{policy.Name}' returned no policy from Calibrate.");
        return calibrated.Name == policy.Name ? calibrated
            : throw new InvalidOperationException($"Policy '{policy.Name}' returned a policy named '{calibrated.Name}' from Calibrate; it must keep its name.");
    }

    private static ImmutableArray<string> Names<T>(IReadOnlyList<T> items, string parameter, Func<T, string> name)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, parameter);
        if (items.Count == 0)
        {
            throw new ArgumentException("The matrix needs at least one of each dimension.", parameter);
        }

        var names = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(items[i], parameter);
            names[i] = name(items[i]);
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                throw new ArgumentException($"Item {i} of the {parameter} has no name; the report finds cells by name.", parameter);
            }
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException($"Two of the {parameter} have the same name; the report finds cells by name.", parameter);
        }

        return [.. names];
    }
}

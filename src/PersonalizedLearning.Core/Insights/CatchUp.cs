using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Insights;

/// <summary>How <see cref="CatchUp"/> turns the work left into teacher time.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record CatchUpOptions
{
    /// <summary>The members as culture-invariant text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates options.</summary>
    /// <param name="pacing">The learner's planned weekly time on the subject and how their pace is observed.</param>
    /// <param name="groupSize">How many learners one teacher takes at once in the extra time (small-group
    /// intervention); in [1, 100]. Default 4.</param>
    /// <param name="teacherEffect">How many minutes of ordinary work one minute of that teacher time is worth to a
    /// learner; finite, greater than 0. Default 1 (no more than ordinary time: the conservative reading).</param>
    /// <param name="minutesPerTeacher">The weekly teaching minutes of one full-time teacher (1 teacher-FTE); finite,
    /// greater than 0. Default 1,500 (25 contact hours).</param>
    /// <param name="gradeCompletion">The share of a grade's standards a learner must have mastered for the grade to count
    /// as done on entry (<see cref="GradeBands.CompletedGrade"/>); in (0, 1]. Default 1: every standard.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pacing"/> is null: its <see cref="ArgumentException.ParamName"/>
    /// is <c>pacing</c>, and its message lists that problem with every other, as below.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pacing"/> is given and a value is outside its range: one exception for every problem, whose
    /// <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message names each bad parameter,
    /// its rule and the value given.</exception>
    public CatchUpOptions(PacingOptions pacing, int groupSize = 4, double teacherEffect = 1, double minutesPerTeacher = 1500, double gradeCompletion = 1)
    {
        var problems = new OptionProblems("catch-up options");
        problems.RequireNotNull(pacing, nameof(pacing), "the pacing options are required");
        problems.Require(groupSize is >= 1 and <= 100, nameof(groupSize), "the group size must be in [1, 100]", groupSize);
        problems.Require(teacherEffect > 0 && double.IsFinite(teacherEffect), nameof(teacherEffect), "the teacher effect must be finite and greater than 0", teacherEffect);
        problems.Require(minutesPerTeacher > 0 && double.IsFinite(minutesPerTeacher), nameof(minutesPerTeacher), "the minutes per teacher must be finite and greater than 0", minutesPerTeacher);
        problems.Require(gradeCompletion is > 0 and <= 1, nameof(gradeCompletion), "the grade completion must be a share in (0, 1]", gradeCompletion);
        problems.ThrowIfAny();

        Pacing = pacing;
        GradeCompletion = gradeCompletion;
        GroupSize = groupSize;
        TeacherEffect = teacherEffect;
        MinutesPerTeacher = minutesPerTeacher;
    }

    /// <summary>The learner's planned weekly time and how their pace is observed.</summary>
    public PacingOptions Pacing { get; }

    /// <summary>How many learners one teacher takes at once in the extra time.</summary>
    public int GroupSize { get; }

    /// <summary>How many minutes of ordinary work one minute of that teacher time is worth.</summary>
    public double TeacherEffect { get; }

    /// <summary>The weekly teaching minutes of one teacher-FTE.</summary>
    public double MinutesPerTeacher { get; }

    /// <summary>The share of a grade's standards that makes the grade count as done on entry.</summary>
    public double GradeCompletion { get; }
}

/// <summary>One learner of a <see cref="CatchUp"/> request.</summary>
/// <param name="Mastery">The learner's mastery at the start.</param>
/// <param name="Grade">The grade the learner is in (on <see cref="GradeBands"/>' scale).</param>
/// <param name="Evidence">The learner's evidence, for the observed pace (see <see cref="LearningPlanner.Project"/>), each
/// id once (a piece listed again with the same content counts once); default: none.</param>
/// <param name="Accommodations">The learner's accommodations (extended time); null: none.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CatchUpLearner(MasterySnapshot Mastery, int Grade, ImmutableArray<Evidence> Evidence = default, LearnerAccommodations? Accommodations = null)
{
    /// <summary>The members as culture-invariant text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(CatchUpLearner? other) =>
        other is not null && ReferenceEquals(Mastery, other.Mastery) && Grade == other.Grade && SequenceEquality.Equal(Evidence.OrEmpty(), other.Evidence.OrEmpty()) && Equals(Accommodations, other.Accommodations);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mastery, Grade, Evidence.OrEmpty().Length);
}

/// <summary>Where one learner starts against grade level and what it takes to reach it by the end of the year.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LearnerCatchUp
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal LearnerCatchUp(LearnerId Learner, int Grade, int CompletedGrade, int GradesBehind, ImmutableArray<CompetencyId> Unmastered, ImmutableArray<CompetencyId> Unplanned, double RemainingMinutes, ObservedPace Pace, DateTimeOffset ProjectedCompletion, PacingStatus Status, double? ExtraMinutesPerWeek, double? ExtraTeacherMinutesPerWeek)
    {
        this.Learner = Learner;
        this.Grade = Grade;
        this.CompletedGrade = CompletedGrade;
        this.GradesBehind = GradesBehind;
        this.Unmastered = Unmastered;
        this.Unplanned = Unplanned;
        this.RemainingMinutes = RemainingMinutes;
        this.Pace = Pace;
        this.ProjectedCompletion = ProjectedCompletion;
        this.Status = Status;
        this.ExtraMinutesPerWeek = ExtraMinutesPerWeek;
        this.ExtraTeacherMinutesPerWeek = ExtraTeacherMinutesPerWeek;
    }

    /// <summary>The learner.</summary>
    public LearnerId Learner { get; internal init; }

    /// <summary>The grade the learner is in.</summary>
    public int Grade { get; internal init; }

    /// <summary>The highest grade whose standards (and every earlier grade's) the learner has mastered (<see cref="GradeBands.CompletedGrade"/> with <see cref="CatchUpOptions.GradeCompletion"/>).</summary>
    public int CompletedGrade { get; internal init; }

    /// <summary>How many grades behind the learner enters: the grades of the bands above <see cref="CompletedGrade"/> and below <see cref="Grade"/> (<see cref="GradeBands.GradesBehind"/>; a learner in grade 5 is expected to enter with grade 4 done).</summary>
    public int GradesBehind { get; internal init; }

    /// <summary>The grade-level standards (<see cref="GradeBands.ExpectedBy"/> the learner's grade) not mastered, in topological order.</summary>
    public ImmutableArray<CompetencyId> Unmastered { get; internal init; }

    /// <summary>Of <see cref="Unmastered"/>, those the catalog cannot take the learner to: the standard or an unmastered prerequisite of it has no activity of the playlist's kinds (what <see cref="CatalogCoverage"/> reports). Their work is not in <see cref="RemainingMinutes"/>; while any is left, grade level cannot be reached with this catalog, and <see cref="Status"/> is <see cref="PacingStatus.OffTrack"/>.</summary>
    public ImmutableArray<CompetencyId> Unplanned { get; internal init; }

    /// <summary>The work left to reach grade level at the learner's observed pace: the minutes of the playlist to the planned standards (each competency's step once, with its projects) times the pace factor.</summary>
    public double RemainingMinutes { get; internal init; }

    /// <summary>The learner's observed pace (<see cref="LearningPlanner.Project"/>).</summary>
    public ObservedPace Pace { get; internal init; }

    /// <summary>When the learner reaches grade level at the planned weekly time and that pace.</summary>
    public DateTimeOffset ProjectedCompletion { get; internal init; }

    /// <summary>How that stands against the end of the year (<see cref="PacingStatus"/>).</summary>
    public PacingStatus Status { get; internal init; }

    /// <summary>The extra weekly learning time that would bring <see cref="ProjectedCompletion"/> to the end of the year: 0 when it is already there (or nothing is left); null when work is left and the year has ended.</summary>
    public double? ExtraMinutesPerWeek { get; internal init; }

    /// <summary>The teacher time that gives it: <c>extra ÷ teacherEffect ÷ groupSize</c>; null when the year has ended.</summary>
    public double? ExtraTeacherMinutesPerWeek { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learner">The value of <see cref="Learner"/>.</param>
    /// <param name="Grade">The value of <see cref="Grade"/>.</param>
    /// <param name="CompletedGrade">The value of <see cref="CompletedGrade"/>.</param>
    /// <param name="GradesBehind">The value of <see cref="GradesBehind"/>.</param>
    /// <param name="Unmastered">The value of <see cref="Unmastered"/>.</param>
    /// <param name="Unplanned">The value of <see cref="Unplanned"/>.</param>
    /// <param name="RemainingMinutes">The value of <see cref="RemainingMinutes"/>.</param>
    /// <param name="Pace">The value of <see cref="Pace"/>.</param>
    /// <param name="ProjectedCompletion">The value of <see cref="ProjectedCompletion"/>.</param>
    /// <param name="Status">The value of <see cref="Status"/>.</param>
    /// <param name="ExtraMinutesPerWeek">The value of <see cref="ExtraMinutesPerWeek"/>.</param>
    /// <param name="ExtraTeacherMinutesPerWeek">The value of <see cref="ExtraTeacherMinutesPerWeek"/>.</param>
    public void Deconstruct(out LearnerId Learner, out int Grade, out int CompletedGrade, out int GradesBehind, out ImmutableArray<CompetencyId> Unmastered, out ImmutableArray<CompetencyId> Unplanned, out double RemainingMinutes, out ObservedPace Pace, out DateTimeOffset ProjectedCompletion, out PacingStatus Status, out double? ExtraMinutesPerWeek, out double? ExtraTeacherMinutesPerWeek)
    {
        Learner = this.Learner;
        Grade = this.Grade;
        CompletedGrade = this.CompletedGrade;
        GradesBehind = this.GradesBehind;
        Unmastered = this.Unmastered;
        Unplanned = this.Unplanned;
        RemainingMinutes = this.RemainingMinutes;
        Pace = this.Pace;
        ProjectedCompletion = this.ProjectedCompletion;
        Status = this.Status;
        ExtraMinutesPerWeek = this.ExtraMinutesPerWeek;
        ExtraTeacherMinutesPerWeek = this.ExtraTeacherMinutesPerWeek;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(LearnerCatchUp? other) =>
        other is not null && Learner == other.Learner && Grade == other.Grade && CompletedGrade == other.CompletedGrade && GradesBehind == other.GradesBehind
        && SequenceEquality.Equal(Unmastered, other.Unmastered) && SequenceEquality.Equal(Unplanned, other.Unplanned) && RemainingMinutes.Equals(other.RemainingMinutes) && Pace == other.Pace
        && ProjectedCompletion == other.ProjectedCompletion && Status == other.Status && ExtraMinutesPerWeek.Equals(other.ExtraMinutesPerWeek)
        && ExtraTeacherMinutesPerWeek.Equals(other.ExtraTeacherMinutesPerWeek);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learner, Grade, CompletedGrade, SequenceEquality.Hash(Unmastered), RemainingMinutes, ProjectedCompletion, Status);
}

/// <summary>How many learners enter a given number of grades behind.</summary>
/// <remarks>The default value is 0 learners 0 grades behind.</remarks>
public readonly record struct GradesBehindCount
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal GradesBehindCount(int GradesBehind, int Learners)
    {
        this.GradesBehind = GradesBehind;
        this.Learners = Learners;
    }

    /// <summary>Grades behind (0: at grade level).</summary>
    public int GradesBehind { get; internal init; }

    /// <summary>How many learners.</summary>
    public int Learners { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="GradesBehind">The value of <see cref="GradesBehind"/>.</param>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    public void Deconstruct(out int GradesBehind, out int Learners)
    {
        GradesBehind = this.GradesBehind;
        Learners = this.Learners;
    }

    /// <summary>The members as culture-invariant text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);
}

/// <summary>A class against grade level: each learner, the distribution of entering levels, and the extra teacher time
/// in teacher-FTE.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ClassCatchUp
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal ClassCatchUp(ImmutableArray<LearnerCatchUp> Learners, ImmutableArray<GradesBehindCount> Distribution, double ExtraTeacherMinutesPerWeek, double TeacherFte, int LearnersPastTheYear, DateTimeOffset EndOfYear)
    {
        this.Learners = Learners;
        this.Distribution = Distribution;
        this.ExtraTeacherMinutesPerWeek = ExtraTeacherMinutesPerWeek;
        this.TeacherFte = TeacherFte;
        this.LearnersPastTheYear = LearnersPastTheYear;
        this.EndOfYear = EndOfYear;
    }

    /// <summary>Each learner, in the order given.</summary>
    public ImmutableArray<LearnerCatchUp> Learners { get; internal init; }

    /// <summary>How many learners enter 0, 1, 2… grades behind, ascending, every count from 0 to the largest (zeros included).</summary>
    public ImmutableArray<GradesBehindCount> Distribution { get; internal init; }

    /// <summary>The sum of the learners' extra teacher time.</summary>
    public double ExtraTeacherMinutesPerWeek { get; internal init; }

    /// <summary>That in teacher-FTE: <c>minutes ÷ minutesPerTeacher</c> (one study counts "years of a 1.25× teacher needed": 0.25 here).</summary>
    public double TeacherFte { get; internal init; }

    /// <summary>Learners with work left for whom the year has ended (no extra time can help this year); not in the sums.</summary>
    public int LearnersPastTheYear { get; internal init; }

    /// <summary>The end of the year the time is planned for.</summary>
    public DateTimeOffset EndOfYear { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    /// <param name="Distribution">The value of <see cref="Distribution"/>.</param>
    /// <param name="ExtraTeacherMinutesPerWeek">The value of <see cref="ExtraTeacherMinutesPerWeek"/>.</param>
    /// <param name="TeacherFte">The value of <see cref="TeacherFte"/>.</param>
    /// <param name="LearnersPastTheYear">The value of <see cref="LearnersPastTheYear"/>.</param>
    /// <param name="EndOfYear">The value of <see cref="EndOfYear"/>.</param>
    public void Deconstruct(out ImmutableArray<LearnerCatchUp> Learners, out ImmutableArray<GradesBehindCount> Distribution, out double ExtraTeacherMinutesPerWeek, out double TeacherFte, out int LearnersPastTheYear, out DateTimeOffset EndOfYear)
    {
        Learners = this.Learners;
        Distribution = this.Distribution;
        ExtraTeacherMinutesPerWeek = this.ExtraTeacherMinutesPerWeek;
        TeacherFte = this.TeacherFte;
        LearnersPastTheYear = this.LearnersPastTheYear;
        EndOfYear = this.EndOfYear;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(ClassCatchUp? other) =>
        other is not null && SequenceEquality.Equal(Learners, other.Learners) && SequenceEquality.Equal(Distribution, other.Distribution)
        && ExtraTeacherMinutesPerWeek.Equals(other.ExtraTeacherMinutesPerWeek) && TeacherFte.Equals(other.TeacherFte)
        && LearnersPastTheYear == other.LearnersPastTheYear && EndOfYear == other.EndOfYear;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceEquality.Hash(Learners), ExtraTeacherMinutesPerWeek, TeacherFte, EndOfYear);
}

/// <summary>
/// Catching up to grade level: how far behind grade-level standards each learner starts, when they reach them at their
/// observed pace, and the extra weekly teacher time that brings that date to the end of the year; for a class, the
/// distribution of entering levels and the total extra teacher time in teacher-FTE.
/// </summary>
/// <remarks>
/// <para><b>Grade level.</b> A learner in grade <c>g</c> reaches grade level when every standard expected by grade
/// <c>g</c> (<see cref="GradeBands.ExpectedBy"/>) is mastered; they enter <c>g − 1 − completed</c> grades behind, where
/// <c>completed</c> is <see cref="GradeBands.CompletedGrade"/>.</para>
/// <para><b>Gaps in the catalog.</b> A standard the catalog cannot teach (it, with no children, or an unmastered
/// prerequisite or child of it, transitively, has no activity of the playlist's kinds: a parent is reached through its
/// children, as in <see cref="PlaylistBuilder"/>) is listed in <see cref="LearnerCatchUp.Unplanned"/> rather than failing the
/// learner or the class.</para>
/// <para><b>Work and pace</b>, as learning plans count them (<see cref="LearningPlanner"/>): the playlist to the
/// unmastered standards (<see cref="PlaylistBuilder"/>, the request's options and accommodations; goals are the
/// unmastered standards no other unmastered standard depends on, in playlists of at most
/// <see cref="PlaylistRequest.MaximumGoals"/> goals, each competency's step counted once) times the pace factor the
/// learner's timed evidence shows. At <c>w</c> minutes a week, <c>m</c> minutes of work end <c>7·m ÷ w</c> days after
/// the snapshot.</para>
/// <para><b>Extra time.</b> With <c>W</c> weeks to the end of the year, the learner needs <c>m ÷ W</c> minutes a week;
/// the extra is what exceeds the planned weekly time. Given as teacher-led small-group time, one teacher minute serves
/// <c>groupSize</c> learners and is worth <c>teacherEffect</c> minutes to each, so the teacher time is
/// <c>extra ÷ teacherEffect ÷ groupSize</c>; the class's sum over <c>minutesPerTeacher</c> is in teacher-FTE, the unit
/// in which studies of personalized-learning schools count the extra teacher a class that starts behind needs
/// (for example "a 1.25× teacher": 0.25 FTE beyond the class's own).</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class CatchUp
{
    /// <summary>One learner against grade level: see the remarks of <see cref="CatchUp"/>.</summary>
    /// <param name="catalog">The catalog (and through it, the framework).</param>
    /// <param name="bands">The grade bands of the catalog's framework.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="endOfYear">The end of the school year.</param>
    /// <param name="options">The weekly time, the group size and the teacher's week.</param>
    /// <param name="playlist">How the playlist is built; <see cref="PlaylistOptions.Default"/> when null.</param>
    /// <returns>The learner's catch-up.</returns>
    /// <exception cref="ArgumentNullException">An argument or the learner's mastery is null.</exception>
    /// <exception cref="ArgumentException">The bands or the mastery are over another framework than the catalog's, or a
    /// piece of evidence is for another learner or names an activity not in the catalog; an
    /// <see cref="Observations.EvidenceConflictException"/> when one evidence id is listed twice with different content.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The learner's grade is outside
    /// [<see cref="GradeBands.MinimumGrade"/>, <see cref="GradeBands.MaximumGrade"/>].</exception>
    public static LearnerCatchUp ForLearner(ActivityCatalog catalog, GradeBands bands, CatchUpLearner learner, DateTimeOffset endOfYear, CatchUpOptions options, PlaylistOptions? playlist = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(learner.Mastery, nameof(learner));
        var framework = catalog.Framework;
        if (!framework.Equals(bands.Framework))
        {
            throw new ArgumentException("The grade bands are over a different framework from the catalog's.", nameof(bands));
        }

        if (!framework.Equals(learner.Mastery.Framework))
        {
            throw new ArgumentException($"The mastery of learner '{learner.Mastery.Learner}' was taken over a different framework from the catalog's.", nameof(learner));
        }

        if (learner.Grade is < GradeBands.MinimumGrade or > GradeBands.MaximumGrade)
        {
            throw new ArgumentOutOfRangeException(nameof(learner), learner.Grade, $"Learner '{learner.Mastery.Learner}' is in grade {learner.Grade}; grades are in [{GradeBands.MinimumGrade}, {GradeBands.MaximumGrade}].");
        }

        var mastery = learner.Mastery;
        var completed = bands.CompletedGrade(mastery, options.GradeCompletion) ?? learner.Grade;
        var unmastered = bands.ExpectedBy(learner.Grade).Where(c => !mastery.IsMastered(c)).ToImmutableArray();
        var (minutes, pace, unplanned) = Work(catalog, learner, unmastered, options.Pacing, playlist ?? PlaylistOptions.Default);
        var now = mastery.AsOf;
        var weekly = options.Pacing.MinutesPerWeek;
        var projected = LearningPlanner.AfterDays(now, 7 * minutes / weekly);
        var weeks = (endOfYear - now).TotalDays / 7;
        double? extra = null;
        var status = PacingStatus.Complete;
        if (minutes > 0)
        {
            if (weeks > 0)
            {
                extra = Math.Max(0, (minutes / weeks) - weekly);
                status = extra == 0 ? PacingStatus.OnTrack : extra <= weekly * options.Pacing.AtRiskTolerance ? PacingStatus.AtRisk : PacingStatus.OffTrack;
            }
            else
            {
                status = PacingStatus.OffTrack;
            }
        }
        else
        {
            extra = 0;
        }

        if (!unplanned.IsEmpty)
        {
            status = PacingStatus.OffTrack; // grade level is out of this catalog's reach
        }

        return new LearnerCatchUp(mastery.Learner, learner.Grade, completed, bands.GradesBehind(learner.Grade, completed), unmastered, unplanned, minutes, pace,
            projected, status, extra, extra / options.TeacherEffect / options.GroupSize);
    }

    /// <summary>A class against grade level: each learner (see <see cref="ForLearner"/>), the distribution of entering
    /// levels and the extra teacher time in teacher-FTE.</summary>
    /// <param name="catalog">The catalog (and through it, the framework).</param>
    /// <param name="bands">The grade bands of the catalog's framework.</param>
    /// <param name="learners">Each learner once.</param>
    /// <param name="endOfYear">The end of the school year.</param>
    /// <param name="options">The weekly time, the group size and the teacher's week.</param>
    /// <param name="playlist">How the playlists are built; <see cref="PlaylistOptions.Default"/> when null.</param>
    /// <returns>The class's catch-up.</returns>
    /// <exception cref="ArgumentNullException">An argument or a learner is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="ForLearner"/>, or a learner is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="ForLearner"/>.</exception>
    public static ClassCatchUp ForClass(ActivityCatalog catalog, GradeBands bands, IEnumerable<CatchUpLearner> learners, DateTimeOffset endOfYear, CatchUpOptions options, PlaylistOptions? playlist = null)
    {
        ArgumentNullException.ThrowIfNull(learners);
        var seen = new HashSet<LearnerId>();
        var results = ImmutableArray.CreateBuilder<LearnerCatchUp>();
        foreach (var learner in learners)
        {
            ArgumentNullException.ThrowIfNull(learner, nameof(learners));
            ArgumentNullException.ThrowIfNull(learner.Mastery, nameof(learners));
            if (!seen.Add(learner.Mastery.Learner))
            {
                throw new ArgumentException($"Learner '{learner.Mastery.Learner}' is listed twice.", nameof(learners));
            }

            results.Add(ForLearner(catalog, bands, learner, endOfYear, options, playlist));
        }

        var all = results.ToImmutable();
        var most = all.IsEmpty ? -1 : all.Max(r => r.GradesBehind);
        var distribution = Enumerable.Range(0, most + 1).Select(g => new GradesBehindCount(g, all.Count(r => r.GradesBehind == g))).ToImmutableArray();
        var teacher = all.Sum(r => r.ExtraTeacherMinutesPerWeek ?? 0);
        var past = all.Count(r => r.ExtraTeacherMinutesPerWeek is null);
        return new ClassCatchUp(all, distribution, teacher, teacher / options.MinutesPerTeacher, past, endOfYear);
    }

    // The playlist minutes to the standards the catalog can take the learner to, each competency's step once, times the
    // observed pace factor; and the standards it cannot (they or an unmastered prerequisite lack an activity of the kinds).
    private static (double Minutes, ObservedPace Pace, ImmutableArray<CompetencyId> Unplanned) Work(ActivityCatalog catalog, CatchUpLearner learner, ImmutableArray<CompetencyId> unmastered, PacingOptions pacing, PlaylistOptions options)
    {
        var framework = catalog.Framework;
        var mastery = learner.Mastery;
        // Blocked: what a playlist cannot reach, as the builder walks (GoalPaths): a competency without children and
        // without an activity of the kinds, or one whose unmastered prerequisite or child is blocked (a parent is reached
        // through its children). Prerequisites come first in the topological order; a hierarchy is followed until
        // nothing changes (a child may come after its parent in that order).
        var blocked = new bool[framework.Count];
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var id in framework.TopologicalOrder)
            {
                var c = framework.IndexOf(id);
                if (blocked[c] || mastery.IsMasteredIndex(c))
                {
                    continue;
                }

                var children = framework.GetChildren(id);
                blocked[c] = (children.IsEmpty && !catalog.GetActivitiesFor(id).Any(a => options.Includes(a.Kind)))
                    || framework.GetPrerequisites(id).Any(p => blocked[framework.IndexOf(p)])
                    || children.Any(k => blocked[framework.IndexOf(k)]);
                changed |= blocked[c];
            }
        }

        var unplanned = unmastered.Where(c => blocked[framework.IndexOf(c)]).ToImmutableArray();
        var set = new HashSet<CompetencyId>(unmastered.Where(c => !blocked[framework.IndexOf(c)]));
        var sinks = set.Where(c => !framework.GetDependents(c).Any(set.Contains)).OrderBy(c => framework.TopologicalRank(framework.IndexOf(c))).ToList();
        var counted = new HashSet<(PlaylistStepKind, CompetencyId, ActivityId?)>();
        var estimated = 0.0;
        for (var start = 0; start < sinks.Count; start += PlaylistRequest.MaximumGoals)
        {
            var goals = sinks.Skip(start).Take(PlaylistRequest.MaximumGoals).Select(c => new LearningGoal(c)).ToImmutableArray();
            var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, learner.Mastery, goals, options, learner.Accommodations));
            foreach (var step in playlist.Steps)
            {
                // A project is keyed by its activity; a learn step by its competency: shared prerequisites count once.
                var key = step.Kind == PlaylistStepKind.Project ? (step.Kind, step.Competency, step.Choices.IsEmpty ? (ActivityId?)null : step.Choices[0].Id) : (step.Kind, step.Competency, (ActivityId?)null);
                if (counted.Add(key))
                {
                    estimated += step.EstimatedMinutes;
                }
            }
        }

        var pace = LearningPlanner.ObservePace(catalog, learner.Mastery.Learner, "the catch-up", learner.Accommodations?.ExtendedTimeFactor ?? 1, pacing, learner.Evidence.OrEmpty(), "learner");
        return (estimated * pace.Factor, pace, unplanned);
    }
}

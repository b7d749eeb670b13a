using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Insights;

/// <summary>
/// The grade by which each competency of a framework is expected: the grade bands of grade-level standards (CASE's
/// <c>CFItem.educationLevel</c>, read by <see cref="Interop.Case.CaseGradeBands"/>, or a host's own table).
/// </summary>
/// <remarks>
/// <para>Grades are integers on one scale: kindergarten 0, first grade 1, … twelfth grade 12 (pre-kindergarten −1),
/// as CEDS entry grade levels number them. A competency without a grade (a strand, a cluster, an off-grade extension)
/// is expected at no grade: it never counts toward grade level. A prerequisite expected at a later grade than its
/// dependent is not refused (real frameworks have such links); whoever plans the dependent plans the prerequisite too.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class GradeBands
{
    private readonly int?[] _grades;

    /// <summary>Creates the bands from each competency's grade.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="gradeOf">The grade by which a competency is expected, in [−1, 20], or null when it has none; called
    /// once per competency, in the framework's order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> or <paramref name="gradeOf"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A grade is outside [−1, 20].</exception>
    public GradeBands(CompetencyFramework framework, Func<Competency, int?> gradeOf)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(gradeOf);
        _grades = new int?[framework.Count];
        for (var i = 0; i < framework.Count; i++)
        {
            var grade = gradeOf(framework.Competencies[i]);
            if (grade is { } g && g is < MinimumGrade or > MaximumGrade)
            {
                throw new ArgumentOutOfRangeException(nameof(gradeOf), g, $"Competency '{framework.Competencies[i].Id}' has grade {g}; grades are in [{MinimumGrade}, {MaximumGrade}].");
            }

            _grades[i] = grade;
        }

        Framework = framework;
        Grades = [.. _grades.OfType<int>().Distinct().Order()];
    }

    /// <summary>The lowest grade: pre-kindergarten.</summary>
    public const int MinimumGrade = -1;

    /// <summary>The highest grade accepted (past twelfth grade, for postsecondary levels).</summary>
    public const int MaximumGrade = 20;

    /// <summary>The framework.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>Every grade some competency is expected by, ascending.</summary>
    public ImmutableArray<int> Grades { get; }

    /// <summary>The grade by which a competency is expected.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>The grade; null when it is expected at no grade.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public int? GetGrade(CompetencyId competency) => _grades[Framework.IndexOf(competency)];

    /// <summary>The grade-level standards of a grade: every competency expected by it or earlier.</summary>
    /// <param name="grade">The grade.</param>
    /// <returns>The competencies, in topological order.</returns>
    public ImmutableArray<CompetencyId> ExpectedBy(int grade) => [.. Framework.TopologicalOrder.Where(c => GetGrade(c) <= grade)];

    /// <summary>The highest grade whose standards (and every earlier grade's) a learner has mastered: all of them, or at
    /// least a given share of each grade's.</summary>
    /// <param name="mastery">The learner's mastery.</param>
    /// <param name="share">The share of a grade's own standards that must be mastered for the grade to count as done; in
    /// (0, 1]. Default 1: every standard (competency-based: one gap holds the grade open).</param>
    /// <returns>That grade; one below the lowest of <see cref="Grades"/> when even the lowest is not done; null when no
    /// competency has a grade.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mastery"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="mastery"/> is over another framework.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is outside (0, 1].</exception>
    public int? CompletedGrade(MasterySnapshot mastery, double share = 1)
    {
        ArgumentNullException.ThrowIfNull(mastery);
        if (!(share > 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The share must be in (0, 1].");
        }

        if (!Framework.Equals(mastery.Framework))
        {
            throw new ArgumentException("The mastery snapshot was taken over a different framework from the grade bands'.", nameof(mastery));
        }

        if (Grades.IsEmpty)
        {
            return null;
        }

        var completed = Grades[0] - 1;
        foreach (var grade in Grades)
        {
            int total = 0, mastered = 0;
            for (var i = 0; i < _grades.Length; i++)
            {
                if (_grades[i] == grade)
                {
                    total++;
                    mastered += mastery.IsMasteredIndex(i) ? 1 : 0;
                }
            }

            // Exact for the default: every standard; otherwise at least the share (a tolerance for 0.8 of 5 = 4).
            if (mastered < total && mastered < (share * total) - 1e-9)
            {
                break;
            }

            completed = grade;
        }

        return completed;
    }

    /// <summary>How many grades of the bands lie between a learner's completed grade and the grade they are in: the
    /// grades strictly above <paramref name="completed"/> and strictly below <paramref name="grade"/> that some standard
    /// is expected by (a grade the framework has no standards for is not counted).</summary>
    /// <param name="grade">The grade the learner is in.</param>
    /// <param name="completed">The grade they have completed (<see cref="CompletedGrade"/>).</param>
    /// <returns>The grades behind; 0 when at or above grade level.</returns>
    public int GradesBehind(int grade, int completed) => Grades.Count(g => g > completed && g < grade);

    /// <summary>The bands as text.</summary>
    /// <returns>For example <c>GradeBands { Framework = Math, Grades = 3..5 }</c>.</returns>
    public override string ToString() =>
        $"GradeBands {{ Framework = {Framework.Title}, Grades = {(Grades.IsEmpty ? "none" : $"{Grades[0]}..{Grades[^1]}")} }}";
}

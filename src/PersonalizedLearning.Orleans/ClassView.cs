using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Orleans;

/// <summary>What a class view shows of one learner: each touched competency's level (and, when stuck, the attempts), and
/// the first frontier competency. A learner reports to its classes only when this changes. O(framework) to make.</summary>
internal sealed class ClassView : IEquatable<ClassView>
{
    private readonly (CompetencyId Competency, MasteryLevel Level, int StuckAttempts)[] _touched;
    private readonly CompetencyId? _next;

    private ClassView((CompetencyId, MasteryLevel, int)[] touched, CompetencyId? next)
    {
        _touched = touched;
        _next = next;
    }

    public static ClassView Of(MasterySnapshot mastery, int wheelSpinningAttempts)
    {
        var touched = mastery.GetAll()
            .Where(a => a.EvidenceCount > 0 || a.Level != MasteryLevel.NotStarted)
            .Select(a => (a.Competency, a.Level, a.Level != MasteryLevel.Mastered && a.EvidenceCount >= wheelSpinningAttempts ? a.EvidenceCount : 0))
            .ToArray();
        var frontier = mastery.GetFrontier();
        return new ClassView(touched, frontier.IsEmpty ? (CompetencyId?)null : frontier[0]);
    }

    public bool Equals(ClassView? other) => other is not null && _next == other._next && _touched.AsSpan().SequenceEqual(other._touched);

    public override bool Equals(object? obj) => Equals(obj as ClassView);

    public override int GetHashCode() => HashCode.Combine(_next, _touched.Length);
}

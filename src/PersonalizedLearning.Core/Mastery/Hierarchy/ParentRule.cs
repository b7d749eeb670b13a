using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.Hierarchy;

/// <summary>
/// How a parent competency is decided from its children: Moodle's "all children proficient" and "points", or an
/// AND/OR tree of child thresholds as in Open edX's competency criteria.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public abstract class ParentRule
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>ParentRule { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private protected ParentRule()
    {
    }

    private static readonly ParentRule AllChildren = new AllChildrenRule();

    /// <summary>Moodle's default: the parent is proficient when every child is.</summary>
    /// <returns>The shared rule (it holds no state; every call returns the same instance). A method like
    /// <see cref="Criteria"/> and <see cref="Points"/>, so the three rules read as one family.</returns>
    public static ParentRule AllChildrenProficient() => AllChildren;

    /// <summary>Moodle's "points": the parent is proficient when every required child is proficient and the points of
    /// the proficient children reach <paramref name="requiredPoints"/>.</summary>
    /// <param name="requiredPoints">The points needed, at least 1 and at most the sum the children carry.</param>
    /// <param name="children">Each child's points (at least 0) and whether it is required.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static ParentRule Points(int requiredPoints, IEnumerable<ChildPoints> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        return new PointsRule(requiredPoints, [.. children]);
    }

    /// <summary>An AND/OR tree over children and thresholds.</summary>
    /// <param name="root">The tree.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    public static ParentRule Criteria(Criterion root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new CriteriaRule(root);
    }

    internal sealed class AllChildrenRule : ParentRule;

    internal sealed class PointsRule(int requiredPoints, ImmutableArray<ChildPoints> children) : ParentRule
    {
        public int RequiredPoints { get; } = requiredPoints;

        public ImmutableArray<ChildPoints> Children { get; } = children;
    }

    internal sealed class CriteriaRule(Criterion root) : ParentRule
    {
        public Criterion Root { get; } = root;
    }
}

/// <summary>A child's weight in a points rule.</summary>
/// <param name="Child">The child competency.</param>
/// <param name="Points">Its points when proficient, at least 0.</param>
/// <param name="Required">Whether the parent needs it proficient whatever the points.</param>
/// <remarks>The default value names no competency (the empty identifier), with 0 points and not required: it means nothing to a rule until it names a child. Immutable and thread-safe.</remarks>
public readonly record struct ChildPoints(CompetencyId Child, int Points, bool Required = false);

/// <summary>A node of an AND/OR criteria tree. Evaluated left to right, stopping as soon as the answer is known.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public abstract class Criterion
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>Criterion { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private protected Criterion()
    {
    }

    /// <summary>Holds when every part holds.</summary>
    /// <param name="parts">At least one part.</param>
    /// <returns>The node.</returns>
    public static Criterion All(params Criterion[] parts) => new Group(true, [.. parts ?? []]);

    /// <summary>Holds when any part holds.</summary>
    /// <param name="parts">At least one part.</param>
    /// <returns>The node.</returns>
    public static Criterion Any(params Criterion[] parts) => new Group(false, [.. parts ?? []]);

    /// <summary>Holds when a child is at or above a level.</summary>
    /// <param name="child">The child.</param>
    /// <param name="level">The level, Proficient unless given.</param>
    /// <returns>The node.</returns>
    public static Criterion Child(CompetencyId child, MasteryLevel level = MasteryLevel.Proficient) => new Threshold(child, level);

    internal sealed class Group(bool all, ImmutableArray<Criterion> parts) : Criterion
    {
        public bool IsAll { get; } = all;

        public ImmutableArray<Criterion> Parts { get; } = parts;

        public override string ToString() => $"{(IsAll ? "all" : "any")} of ({string.Join(", ", Parts)})";
    }

    internal sealed class Threshold(CompetencyId child, MasteryLevel level) : Criterion
    {
        public CompetencyId ChildId { get; } = child;

        public MasteryLevel Level { get; } = level;

        public override string ToString() => $"{ChildId} ≥ {Level}";
    }
}

/// <summary>Where a competency stands once its children are rolled up.</summary>
public enum HierarchyStatus
{
    /// <summary>Nothing in it has evidence.</summary>
    NotAttempted,

    /// <summary>Some of its children have evidence, not all, and it is not demonstrated.</summary>
    PartiallyAttempted,

    /// <summary>It (or every child) has evidence, and it is not demonstrated.</summary>
    AttemptedNotDemonstrated,

    /// <summary>It is demonstrated: proficient on its own evidence, or its rule holds.</summary>
    Demonstrated,
}

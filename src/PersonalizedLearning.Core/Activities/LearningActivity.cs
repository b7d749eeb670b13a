using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Activities;

/// <summary>
/// Something a learner can do to learn or to show what they know: a lesson, practice, a project, an assessment.
/// </summary>
/// <remarks>
/// <para>Construction checks each field on its own (blank title, non-positive or non-finite minutes, difficulty
/// outside [0, 1], alignment weights outside [1e-6, 1], no alignment). Whether the aligned competencies exist is checked
/// when the activity joins an <see cref="ActivityCatalog"/>.</para>
/// <para>Equality is by value, including alignments in order. Immutable and thread-safe.</para>
/// </remarks>
public sealed record LearningActivity
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates an activity.</summary>
    /// <param name="id">Its identifier, unique within a catalog.</param>
    /// <param name="title">A short, human-readable name; not blank, and no control character but white space (U+0009-U+000D,
    /// U+0085, kept for text of several lines; format characters such as a right-to-left mark are allowed).</param>
    /// <param name="kind">What kind of activity it is.</param>
    /// <param name="estimatedMinutes">How long a typical learner takes, in minutes; finite and greater than 0.</param>
    /// <param name="alignments">The competencies it teaches or assesses, each with a weight in [1e-6, 1]; at least one.</param>
    /// <param name="modality">How it is delivered.</param>
    /// <param name="difficulty">Optional difficulty in [0, 1], where 0 is easiest; null when unknown.</param>
    /// <param name="topics">What it is about, such as "sports" or "music", matched against a learner's interests; a
    /// default array is treated as empty.</param>
    /// <exception cref="ArgumentException">The id is empty, the title blank or holding a control character that is not
    /// white space (the message names it and its position), there is no alignment, a competency is aligned twice, or a
    /// topic is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is NaN, infinite or outside its range, or the kind or modality
    /// is not a defined value; <see cref="ArgumentException.ParamName"/> names the first of them.</exception>
    public LearningActivity(
        ActivityId id,
        string title,
        ActivityKind kind,
        double estimatedMinutes,
        ImmutableArray<ActivityAlignment> alignments,
        LearningModality modality = LearningModality.Digital,
        double? difficulty = null,
        ImmutableArray<string> topics = default)
    {
        var problems = new List<ValidationProblem>();
        topics = topics.OrEmpty();
        CheckFields(id.IsEmpty ? null : id.Value, title, kind, modality, estimatedMinutes, difficulty, alignments, topics, problems);
        if (problems.Count > 0)
        {
            var message = string.Join(" ", problems.Select(p => p.Message));
            throw problems[0].Rule == ValidationRule.OutOfRange
                ? new ArgumentOutOfRangeException(OutOfRangeParameter(kind, modality, estimatedMinutes, difficulty), message)
                : new ArgumentException(message, id.IsEmpty ? nameof(id) : string.IsNullOrWhiteSpace(title) || DisplayText.RefusedControl(title) >= 0 ? nameof(title) : topics.Any(string.IsNullOrWhiteSpace) ? nameof(topics) : nameof(alignments));
        }

        Id = id;
        Title = title;
        Kind = kind;
        EstimatedMinutes = estimatedMinutes;
        Alignments = alignments;
        Modality = modality;
        Difficulty = difficulty;
        Topics = topics;
    }

    /// <summary>The activity's identifier.</summary>
    public ActivityId Id { get; }

    /// <summary>A short, human-readable name.</summary>
    public string Title { get; }

    /// <summary>What kind of activity it is.</summary>
    public ActivityKind Kind { get; }

    /// <summary>How long a typical learner takes, in minutes.</summary>
    /// <value>Finite and greater than 0.</value>
    public double EstimatedMinutes { get; }

    /// <summary>The competencies the activity teaches or assesses, each with its weight.</summary>
    /// <value>At least one alignment, each to a different competency.</value>
    public ImmutableArray<ActivityAlignment> Alignments { get; }

    /// <summary>How the activity is delivered.</summary>
    /// <value><see cref="LearningModality.Digital"/> unless given.</value>
    public LearningModality Modality { get; }

    /// <summary>How hard the activity is, in [0, 1] where 0 is easiest.</summary>
    /// <value>Null when unknown.</value>
    public double? Difficulty { get; }

    /// <summary>What the activity is about, such as "sports", matched against a learner's interests (ordinal, ignoring case).</summary>
    /// <value>Empty unless given.</value>
    public ImmutableArray<string> Topics { get; }

    /// <summary>Whether the activity is aligned to <paramref name="competency"/>.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>True when aligned.</returns>
    public bool IsAlignedTo(CompetencyId competency) => AlignmentWeight(competency) > 0;

    /// <summary>The weight of the alignment to <paramref name="competency"/>.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>The weight in [1e-6, 1], or 0 when the activity is not aligned to it.</returns>
    public double AlignmentWeight(CompetencyId competency)
    {
        foreach (var alignment in Alignments)
        {
            if (alignment.Competency == competency)
            {
                return alignment.Weight;
            }
        }

        return 0;
    }

    /// <inheritdoc />
    public bool Equals(LearningActivity? other) =>
        other is not null
        && Id == other.Id
        && Title == other.Title
        && Kind == other.Kind
        && EstimatedMinutes.Equals(other.EstimatedMinutes)
        && Modality == other.Modality
        && Difficulty.Equals(other.Difficulty)
        && SequenceEquality.Equal(Alignments, other.Alignments)
        && SequenceEquality.Equal(Topics, other.Topics);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Id, Title, Kind, EstimatedMinutes, Modality, Difficulty, SequenceEquality.Hash(Alignments), SequenceEquality.Hash(Topics));

    /// <summary>Checks each field on its own and appends what is wrong; shared by the constructor and the catalog builder.</summary>
    internal static void CheckFields(
        string? id,
        string? title,
        ActivityKind kind,
        LearningModality modality,
        double estimatedMinutes,
        double? difficulty,
        ImmutableArray<ActivityAlignment> alignments,
        ImmutableArray<string> topics,
        List<ValidationProblem> problems)
    {
        var subject = id ?? string.Empty;
        var idProblem = Identifier.Check(id, "activity id");
        if (idProblem is not null)
        {
            problems.Add(new(ValidationRule.MissingValue, subject, idProblem));
        }

        var name = $"Activity '{subject}'";
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(new(ValidationRule.MissingValue, subject, $"{name} needs a title that is not blank; got '{title}'."));
        }
        else if (DisplayText.Check(title, $"{name}'s title") is { } control)
        {
            // The rule an id's malformed text is reported under: the value is not one.
            problems.Add(new(ValidationRule.MissingValue, subject, control));
        }

        if (!Enum.IsDefined(kind) || !Enum.IsDefined(modality))
        {
            problems.Add(new(ValidationRule.OutOfRange, subject, $"{name} has an undefined kind ({(int)kind}) or modality ({(int)modality})."));
        }

        if (!double.IsFinite(estimatedMinutes) || estimatedMinutes <= 0)
        {
            problems.Add(new(ValidationRule.OutOfRange, subject, $"{name} must have estimated minutes that are finite and greater than 0; got {Format(estimatedMinutes)}."));
        }

        if (difficulty is { } d && (!double.IsFinite(d) || d < 0 || d > 1))
        {
            problems.Add(new(ValidationRule.OutOfRange, subject, $"{name} must have a difficulty in [0, 1] or none; got {Format(d)}."));
        }

        if (!topics.IsDefault && topics.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new(ValidationRule.MissingValue, subject, $"{name} has a blank topic; remove it or give it a name."));
        }

        if (alignments.IsDefaultOrEmpty)
        {
            problems.Add(new(ValidationRule.NoAlignment, subject, $"{name} is aligned to no competency; align it to at least one so that its evidence counts."));
            return;
        }

        var aligned = new HashSet<Competencies.CompetencyId>();
        foreach (var alignment in alignments)
        {
            if (alignment.Competency.IsEmpty)
            {
                problems.Add(new(ValidationRule.MissingValue, subject, $"{name} has an alignment with an empty competency id."));
            }
            else if (!aligned.Add(alignment.Competency))
            {
                problems.Add(new(ValidationRule.DuplicateRelation, subject,
                    $"{name} is aligned to competency '{alignment.Competency}' more than once; give one alignment with one weight."));
            }

            if (!(alignment.Weight >= ActivityAlignment.MinimumWeight && alignment.Weight <= ActivityAlignment.MaximumWeight))
            {
                problems.Add(new(ValidationRule.OutOfRange, subject, $"{name} must have alignment weights in [1e-6, 1]; got {Format(alignment.Weight)} for competency '{alignment.Competency}'."));
            }
        }
    }

    // The first out-of-range problem's parameter, in the order CheckFields reports them.
    private static string OutOfRangeParameter(ActivityKind kind, LearningModality modality, double estimatedMinutes, double? difficulty) =>
        !Enum.IsDefined(kind) ? nameof(kind)
        : !Enum.IsDefined(modality) ? nameof(modality)
        : !double.IsFinite(estimatedMinutes) || estimatedMinutes <= 0 ? nameof(estimatedMinutes)
        : difficulty is { } d && !(d >= 0 && d <= 1) ? nameof(difficulty)
        : "alignments";

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

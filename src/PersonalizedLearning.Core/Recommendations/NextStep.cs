using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

/// <summary>
/// One recommended next activity: the competency it serves and why, its score, the value and contribution of every
/// signal, and the facts behind its reasons.
/// </summary>
/// <remarks>
/// <para>A value type, so that a whole list of recommendations is one allocation. <see cref="Reasons"/> and
/// <see cref="Explanation"/> build their text when asked.</para>
/// <para>Immutable and thread-safe. The default value (for example <c>Steps.FirstOrDefault()</c> of an empty result) is no
/// recommendation: <see cref="IsEmpty"/> says so, and reading its <see cref="Activity"/> throws rather than giving a null
/// behind a non-null type.</para>
/// <para>Only the library makes a recommendation: its properties are set by the recommender (and by JSON reading one back),
/// not by callers, in an initializer or a <c>with</c> expression, so that a step's score, signals and reasons always agree.</para>
/// </remarks>
public readonly record struct NextStep
{
    private readonly LearningActivity? _activity;

    /// <summary>Its position in the list, starting at 1.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public int Rank { get; internal init; }

    /// <summary>The recommended activity.</summary>
    /// <exception cref="InvalidOperationException">This is the default value, which recommends nothing (see <see cref="IsEmpty"/>).</exception>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    [System.Text.Json.Serialization.JsonInclude]
    public LearningActivity Activity
    {
        get => _activity ?? throw new InvalidOperationException(
            "This NextStep is the default value, not a recommendation: the result had no steps (nothing left to learn, or everything filtered out). Check NextStepResult.IsEmpty or NextStep.IsEmpty first.");
        internal init => _activity = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Whether this is the default value, which recommends nothing.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => _activity is null;

    /// <summary>The competency it serves.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public CompetencyId Competency { get; internal init; }

    /// <summary>Why the competency is a candidate: to learn, to review, to remediate, or a stretch.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public RecommendationPurpose Purpose { get; internal init; }

    /// <summary>The score in [0, 1]: the weighted mean of the signals; higher is better.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public double Score { get; internal init; }

    /// <summary>The value of every signal, each in [0, 1].</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public RecommendationSignals Signals { get; internal init; }

    /// <summary>Each signal's weight × value ÷ the sum of the weights; they add up to <see cref="Score"/>.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public RecommendationSignals Contributions { get; internal init; }

    /// <summary>The learner's level of the competency.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public MasteryLevel Level { get; internal init; }

    /// <summary>The learner's estimate of the competency.</summary>
    /// <value>Null when not scored yet.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public double? Estimate { get; internal init; }

    /// <summary>How many prerequisites the competency has.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public int PrerequisiteCount { get; internal init; }

    /// <summary>The goal this competency leads to: the one with the nearest date, then the first in the profile.</summary>
    /// <value>Null when it leads to no goal.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public CompetencyId? Goal { get; internal init; }

    /// <summary>That goal's date.</summary>
    /// <value>Null when there is no goal or no date.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public DateTimeOffset? GoalDate { get; internal init; }

    /// <summary>P(correct) on the activity, from the request's predictor.</summary>
    /// <value>Null for instruction or when no model predicts.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public double? PredictedSuccess { get; internal init; }

    /// <summary>The retrievability of a competency due for review.</summary>
    /// <value>Null unless due.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public double? Retrievability { get; internal init; }

    /// <summary>For remediation: the competency the learner keeps failing.</summary>
    /// <value>Null otherwise.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public CompetencyId? RemediationFor { get; internal init; }

    /// <summary>For remediation: how often the learner failed <see cref="RemediationFor"/> in the history read.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public int Failures { get; internal init; }

    /// <summary>The learner's interest that a topic of the activity matches.</summary>
    /// <value>Null when none matches.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public string? MatchedInterest { get; internal init; }

    /// <summary>Whether the activity's modality is one the learner prefers.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public bool PreferredModality { get; internal init; }

    /// <summary>The activity's minutes for this learner (extended time applied).</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public double Minutes { get; internal init; }

    /// <summary>The minutes the learner said they have.</summary>
    /// <value>Null when not given.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public double? AvailableMinutes { get; internal init; }

    /// <summary>The reasons, most important first, as codes and sentences a UI can show.</summary>
    public ImmutableArray<RecommendationReason> Reasons
    {
        get
        {
            var reasons = ImmutableArray.CreateBuilder<RecommendationReason>();
            switch (Purpose)
            {
                case RecommendationPurpose.Review:
                    reasons.Add(new(RecommendationReasonCode.DueForReview, $"Due for review: recall chance {P(Retrievability ?? 0)}"));
                    break;
                case RecommendationPurpose.Remediate:
                    reasons.Add(new(RecommendationReasonCode.Remediation, $"Strengthens a prerequisite of {RemediationFor} (failed {(Failures == 1 ? "once" : $"{Failures} times")})"));
                    break;
                case RecommendationPurpose.Stretch:
                    reasons.Add(new(RecommendationReasonCode.Stretch, PrerequisiteCount == 1 ? "Stretch: its prerequisite is nearly mastered" : "Stretch: its prerequisites are nearly mastered"));
                    break;
                case RecommendationPurpose.Shortcut:
                    reasons.Add(new(RecommendationReasonCode.Shortcut, "Shortcut: what it still lacks gates it only weakly, so learning it now is quicker than learning that first"));
                    break;
                default:
                    reasons.Add(PrerequisiteCount == 0
                        ? new(RecommendationReasonCode.ReadyNoPrerequisites, "Ready: no prerequisites")
                        : new(RecommendationReasonCode.ReadyPrerequisitesMastered, PrerequisiteCount == 1 ? "Ready: its prerequisite is mastered" : "Ready: all prerequisites mastered"));
                    if (Retrievability is { } r)
                    {
                        reasons.Add(new(RecommendationReasonCode.DueForReview, $"Due for review: recall chance {P(r)}"));
                    }

                    break;
            }

            if (Goal is { } goal)
            {
                reasons.Add(new(RecommendationReasonCode.OnPathToGoal, goal == Competency ? "Your goal" : $"On the way to your goal {goal}"));
                if (Signals.Urgency > 0 && GoalDate is { } date)
                {
                    reasons.Add(new(RecommendationReasonCode.GoalDateNear, $"Goal date {date.UtcDateTime:yyyy-MM-dd}"));
                }
            }

            if (PredictedSuccess is { } p && Signals.DifficultyFit >= 0.8)
            {
                reasons.Add(new(RecommendationReasonCode.GoodChallenge, $"A good challenge: {P(p)} expected success"));
            }

            if (MatchedInterest is { } interest)
            {
                reasons.Add(new(RecommendationReasonCode.MatchesInterest, $"Matches your interest: {interest}"));
            }

            if (PreferredModality)
            {
                reasons.Add(new(RecommendationReasonCode.PreferredModality, $"In a way you like to learn: {Activity.Modality}"));
            }

            if (AvailableMinutes is { } available && Minutes <= available)
            {
                reasons.Add(new(RecommendationReasonCode.FitsTime, string.Create(CultureInfo.InvariantCulture, $"Fits your {available:0.#} minutes ({Minutes:0.#} min)")));
            }

            if (Purpose is RecommendationPurpose.Learn or RecommendationPurpose.Stretch or RecommendationPurpose.Shortcut)
            {
                reasons.Add(Level == MasteryLevel.NotStarted
                    ? new(RecommendationReasonCode.NotStarted, "Not started yet")
                    : new(RecommendationReasonCode.InProgress, $"In progress: {Level}" + (Estimate is { } e ? string.Create(CultureInfo.InvariantCulture, $" ({e:0.00})") : string.Empty)));
            }

            reasons.Add(AdaptiveRecommender.IsInstruction(Activity.Kind)
                ? new(RecommendationReasonCode.Introduces, $"{Activity.Kind} to learn it")
                : new(RecommendationReasonCode.Practises, $"{Activity.Kind} to show it"));
            return reasons.ToImmutable();
        }
    }

    /// <summary>The reasons in one line, joined by " · ".</summary>
    public string Explanation => string.Join(" · ", Reasons.Select(r => r.Text));

    /// <inheritdoc />
    public override string ToString() => _activity is null
        ? "NextStep { (none: the default value) }"
        : string.Create(CultureInfo.InvariantCulture, $"{Rank}. {_activity.Title} ({Competency}, {Purpose}, score {Score:0.000}): {Explanation}");

    private static string P(double value) => value.ToString("0%", CultureInfo.InvariantCulture);
}

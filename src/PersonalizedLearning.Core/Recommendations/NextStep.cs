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
/// <para>A value type, so that a whole list of recommendations is one allocation. <see cref="GetReasons"/> and
/// <see cref="Explain"/> build their text when asked (methods, not properties, because each call builds it anew).</para>
/// <para>Immutable and thread-safe. The default value (for example <c>Steps.FirstOrDefault()</c> of an empty result) is no
/// recommendation: <see cref="IsEmpty"/> says so, and reading its <see cref="Activity"/> throws rather than giving a null
/// behind a non-null type.</para>
/// <para>Only the library makes a recommendation: its properties are set by the recommender (and by JSON reading one back),
/// not by callers, in an initializer or a <c>with</c> expression, so that a step's score, signals and reasons always agree.</para>
/// <para>Read from JSON, a step is held to what the recommender makes, as far as the step itself tells: its activity is
/// aligned to its competency and valid on its own, its minutes are the activity's times an extended-time factor, no success
/// is predicted on instruction, its difficulty fit is neutral without a prediction, its matched interest is a topic of the
/// activity, and its time fit is what its minutes make of the minutes available. The reader has no catalog, framework or
/// request, so it cannot tell that the activity is the catalog's (its title, minutes and alignments as there), that the
/// competency is in the framework with <see cref="PrerequisiteCount"/> prerequisites, or that the learner's mastery,
/// profile and filter give these signals; a host that needs that compares <see cref="Activity"/> with the catalog's
/// activity of the same id.</para>
/// </remarks>
public readonly record struct NextStep : System.Text.Json.Serialization.IJsonOnDeserialized
{
    private readonly LearningActivity? _activity;

    /// <summary>Its position in the list, starting at 1.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public int Rank { get; internal init; }

    /// <summary>The recommended activity.</summary>
    /// <exception cref="InvalidOperationException">This is the default value, which recommends nothing (see <see cref="IsEmpty"/>).</exception>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    [System.Text.Json.Serialization.JsonIgnore]
    public LearningActivity Activity
    {
        get => _activity ?? throw new InvalidOperationException(
            "This NextStep is the default value, not a recommendation: the result had no steps (nothing left to learn, or everything filtered out). Check NextStepResult.IsEmpty or NextStep.IsEmpty first.");
        internal init => _activity = value ?? throw new ArgumentNullException(nameof(value));
    }

    // The activity as JSON sees it: the default step writes none (and is then refused on reading, as every step without
    // its activity is), rather than the serializer meeting the InvalidOperationException of Activity.
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    [System.Text.Json.Serialization.JsonPropertyName("activity")]
    internal LearningActivity? JsonActivity { get => _activity; init => _activity = value ?? throw new System.Text.Json.JsonException("A next step needs its activity."); }

    /// <summary>Whether this is the default value, which recommends nothing.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => _activity is null;

    /// <summary>The competency it serves.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public CompetencyId Competency { get; internal init; }

    /// <summary>Why the competency is a candidate: to learn, to review, to remediate, or a stretch.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public RecommendationPurpose Purpose { get; internal init; }

    /// <summary>The score in [0, 1]: the weighted mean of the signals; higher is better.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public double Score { get; internal init; }

    /// <summary>The value of every signal, each in [0, 1].</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public RecommendationSignals Signals { get; internal init; }

    /// <summary>Each signal's weight × value ÷ the sum of the weights; they add up to <see cref="Score"/>.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public RecommendationSignals Contributions { get; internal init; }

    /// <summary>The learner's level of the competency.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public MasteryLevel Level { get; internal init; }

    /// <summary>The learner's estimate of the competency.</summary>
    /// <value>Null when not scored yet.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public double? Estimate { get; internal init; }

    /// <summary>How many prerequisites the competency has.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
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
    [System.Text.Json.Serialization.JsonRequired]
    public int Failures { get; internal init; }

    /// <summary>The learner's interest that a topic of the activity matches.</summary>
    /// <value>Null when none matches.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public string? MatchedInterest { get; internal init; }

    /// <summary>Whether the activity's modality is one the learner prefers.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public bool PreferredModality { get; internal init; }

    /// <summary>The activity's minutes for this learner (extended time applied).</summary>
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonRequired]
    public double Minutes { get; internal init; }

    /// <summary>The minutes the learner said they have.</summary>
    /// <value>Null when not given.</value>
    [System.Text.Json.Serialization.JsonInclude]
    public double? AvailableMinutes { get; internal init; }

    /// <summary>The reasons, most important first, as codes and sentences a UI can show.</summary>
    /// <returns>The reasons, built from the step's facts on each call (a new array each time: keep it if read twice).</returns>
    /// <exception cref="InvalidOperationException">This is the default value, which recommends nothing (see <see cref="IsEmpty"/>).</exception>
    public ImmutableArray<RecommendationReason> GetReasons()
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

    /// <summary>The reasons in one line, joined by " · ".</summary>
    /// <returns>The line, built on each call.</returns>
    /// <exception cref="InvalidOperationException">This is the default value, which recommends nothing (see <see cref="IsEmpty"/>).</exception>
    public string Explain()
    {
        var reasons = GetReasons();
        var line = new System.Text.StringBuilder();
        foreach (var reason in reasons)
        {
            line.Append(line.Length == 0 ? string.Empty : " · ").Append(reason.Text);
        }

        return line.ToString();
    }

    // The reasons and their line as JSON writes them, for a UI over HTTP; derived from the facts, so what a document
    // says of them is read and dropped (the init accessors only let the source generator read past them, as it did past
    // the public get-only properties these were).
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonPropertyName("reasons")]
    internal ImmutableArray<RecommendationReason> JsonReasons { get => GetReasons(); init => _ = value; }

    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonPropertyName("explanation")]
    internal string? JsonExplanation { get => Explain(); init => _ = value; }

    /// <inheritdoc />
    public override string ToString() => _activity is null
        ? "NextStep { (none: the default value) }"
        : string.Create(CultureInfo.InvariantCulture, $"{Rank}. {_activity.Title} ({Competency}, {Purpose}, score {Score:0.000}): {Explain()}");

    private static string P(double value) => value.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>Refuses a step read from JSON that the recommender would not make.</summary>
    /// <exception cref="System.Text.Json.JsonException">A rule is broken; the message names it.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized()
    {
        const string Noun = "next step";
        var competency = Competency;
        Serialization.ReadResults.Require(Rank >= 1, Noun, $"its rank is {Rank}, not 1 or more");
        Serialization.ReadResults.Require(!competency.IsEmpty, Noun, "it names no competency");
        Serialization.ReadResults.Require(Activity.Alignments.Any(a => a.Competency == competency), Noun, $"activity '{Activity.Id}' is not aligned to competency '{competency}'");
        Serialization.ReadResults.Require(Enum.IsDefined(Purpose) && Enum.IsDefined(Level), Noun, "its purpose or level is not one of the enumeration's values");
        Serialization.ReadResults.Require(Serialization.ReadResults.IsUnit(Score), Noun, $"its score {Serialization.ReadResults.F(Score)} is not in [0, 1]");
        for (var i = 0; i < RecommendationSignals.Count; i++)
        {
            Serialization.ReadResults.Require(Serialization.ReadResults.IsUnit(Signals[i]) && Serialization.ReadResults.IsUnit(Contributions[i]), Noun,
                $"the signal {RecommendationSignals.Names[i]} or its contribution is not in [0, 1]");
        }

        // A contribution is the signal times its weight's share of the weights (AdaptiveRecommender): never more than the
        // signal, and the shares the step implies add up to at most 1 (NextStepResult checks they are the same on every step).
        var shares = 0.0;
        for (var i = 0; i < RecommendationSignals.Count; i++)
        {
            Serialization.ReadResults.Require(Contributions[i] <= Signals[i] + 1e-12, Noun,
                $"the contribution of {RecommendationSignals.Names[i]} ({Serialization.ReadResults.F(Contributions[i])}) is more than its signal ({Serialization.ReadResults.F(Signals[i])})");
            shares += Signals[i] > 0 ? Contributions[i] / Signals[i] : 0;
        }

        Serialization.ReadResults.Require(shares <= 1 + 1e-9, Noun, $"its contributions give the signals' weights shares that add up to {Serialization.ReadResults.F(shares)}, more than 1");
        Serialization.ReadResults.Require(Minutes >= Activity.EstimatedMinutes * (1 - 1e-12) && Minutes <= Activity.EstimatedMinutes * 10 * (1 + 1e-12), Noun,
            $"its minutes ({Serialization.ReadResults.F(Minutes)}) are not the activity's {Serialization.ReadResults.F(Activity.EstimatedMinutes)} times an extended-time factor in [1, 10]");
        Serialization.ReadResults.Require(Level != MasteryLevel.NotStarted || Estimate is null, Noun, "it has an estimate for a competency not started");
        Serialization.ReadResults.Require(Math.Abs(Contributions.Sum - Score) <= 1e-9, Noun,
            $"its contributions add up to {Serialization.ReadResults.F(Contributions.Sum)}, not its score {Serialization.ReadResults.F(Score)}");
        Serialization.ReadResults.Require(Serialization.ReadResults.IsUnit(Estimate) && Serialization.ReadResults.IsUnit(PredictedSuccess) && Serialization.ReadResults.IsUnit(Retrievability), Noun,
            "its estimate, predicted success or retrievability is not in [0, 1]");
        Serialization.ReadResults.Require(PrerequisiteCount >= 0 && Failures >= 0, Noun, "a count is negative");
        Serialization.ReadResults.Require((Purpose == RecommendationPurpose.Remediate) == (RemediationFor is { IsEmpty: false }), Noun,
            "a remediation step, and only one, names the competency it remediates");
        // What each purpose is made from (AdaptiveRecommender's candidates): a remediation serves another competency, one
        // of whose prerequisites it is, after at least one failure (and only a remediation counts failures); a review is
        // made from a due review, which has a recall chance; a step to learn something is never on a mastered competency.
        Serialization.ReadResults.Require(Purpose != RecommendationPurpose.Remediate || (RemediationFor != Competency && Failures >= 1), Noun,
            "a remediation step serves another competency than its own, after at least one failure");
        Serialization.ReadResults.Require(Purpose == RecommendationPurpose.Remediate || Failures == 0, Noun, "a step that is not a remediation counts failures");
        Serialization.ReadResults.Require(Purpose != RecommendationPurpose.Review || Retrievability is not null, Noun, "a review step has no recall chance");
        Serialization.ReadResults.Require(Purpose is RecommendationPurpose.Review or RecommendationPurpose.Remediate || Level != MasteryLevel.Mastered, Noun,
            $"a step to learn ({Purpose}) is on a mastered competency");
        Serialization.ReadResults.Require(GoalDate is null || Goal is not null, Noun, "it has a goal date without a goal");
        Serialization.ReadResults.Require(Serialization.ReadResults.IsNonNegative(Minutes) && (AvailableMinutes is null || Serialization.ReadResults.IsNonNegative(AvailableMinutes.Value)), Noun,
            "its minutes are not a finite number ≥ 0");

        // What the step says of its activity, checked against the activity it embeds (fresh review of issue 21; the scoring
        // is AdaptiveRecommender.TryScore): no model predicts success on instruction; without a prediction the difficulty
        // fit is the neutral 0.5; a matched interest is a topic of the activity (compared as the catalog compares topics,
        // ignoring case); the time fit is the available minutes over the step's minutes when they do not fit, else 1. What
        // needs the catalog, the framework or the request is not checked here: see the remarks on the type.
        var activity = Activity;
        Serialization.ReadResults.Require(PredictedSuccess is null || !AdaptiveRecommender.IsInstruction(activity.Kind), Noun,
            $"activity '{activity.Id}' is a {activity.Kind}, instruction, on which no model predicts success; the step has a predicted success");
        Serialization.ReadResults.Require(PredictedSuccess is not null || Signals.DifficultyFit == 0.5, Noun,
            $"without a predicted success its difficulty fit is {Serialization.ReadResults.F(Signals.DifficultyFit)}, not the neutral 0.5");
        Serialization.ReadResults.Require(MatchedInterest is null || activity.Topics.Contains(MatchedInterest, StringComparer.OrdinalIgnoreCase), Noun,
            $"its matched interest '{MatchedInterest}' is not a topic of activity '{activity.Id}' ({string.Join(", ", activity.Topics)})");
        var timeFit = AvailableMinutes is { } available && Minutes > available ? available / Minutes : 1;
        Serialization.ReadResults.Require(Signals.TimeFit == timeFit, Noun,
            $"its time fit {Serialization.ReadResults.F(Signals.TimeFit)} is not {Serialization.ReadResults.F(timeFit)}, what its {Serialization.ReadResults.F(Minutes)} minutes make of {(AvailableMinutes is { } a ? Serialization.ReadResults.F(a) + " minutes" : "no time")} available");
    }
}

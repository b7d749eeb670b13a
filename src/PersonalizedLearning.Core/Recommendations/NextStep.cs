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
/// activity, its time fit is what its minutes make of the minutes available, its review-due signal is what its recall
/// chance gives, its readiness is 1 without prerequisites, its profile fit agrees with <see cref="PreferredModality"/> and
/// <see cref="MatchedInterest"/>, and its reasons and explanation, when the document holds them (they may be left out:
/// they are derived), are the ones its facts give. The reader has no catalog, framework or request, so it cannot tell
/// that the activity is the catalog's (its title, minutes and alignments as there), that the competency is in the
/// framework with <see cref="PrerequisiteCount"/> prerequisites, whether the profile prefers the activity's modality when
/// the profile fit allows both answers, or that the learner's mastery, profile and filter give these signals; a host that
/// needs that compares <see cref="Activity"/> with the catalog's activity of the same id.</para>
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
        var reasons = new ReasonList(ImmutableArray.CreateBuilder<RecommendationReason>());
        WriteReasons(ref reasons);
        return reasons.Reasons.ToImmutable();
    }

    /// <summary>The reasons in one line, joined by " · ".</summary>
    /// <returns>The line, built on each call.</returns>
    /// <exception cref="InvalidOperationException">This is the default value, which recommends nothing (see <see cref="IsEmpty"/>).</exception>
    public string Explain()
    {
        var line = new ReasonLine(new System.Text.StringBuilder());
        WriteReasons(ref line);
        return line.Line.ToString();
    }

    // The reasons, most important first, each handed to the sink as its code and its text. A text is formatted into a
    // stack buffer (rented from the pool if longer) and is valid only during the call, so that a sink that compares, as
    // the JSON reader's do, allocates nothing; GetReasons and Explain keep it.
    private void WriteReasons<TSink>(ref TSink sink)
        where TSink : struct, IReasonSink
    {
        var invariant = CultureInfo.InvariantCulture;
        Span<char> buffer = stackalloc char[128];
        switch (Purpose)
        {
            case RecommendationPurpose.Review:
                Write(ref sink, RecommendationReasonCode.DueForReview, invariant, buffer, $"Due for review: recall chance {Retrievability ?? 0:0%}");
                break;
            case RecommendationPurpose.Remediate:
                if (Failures == 1)
                {
                    Write(ref sink, RecommendationReasonCode.Remediation, invariant, buffer, $"Strengthens a prerequisite of {RemediationFor?.Value} (failed once)");
                }
                else
                {
                    Write(ref sink, RecommendationReasonCode.Remediation, invariant, buffer, $"Strengthens a prerequisite of {RemediationFor?.Value} (failed {Failures} times)");
                }

                break;
            case RecommendationPurpose.Stretch:
                sink.Add(RecommendationReasonCode.Stretch, PrerequisiteCount == 1 ? "Stretch: its prerequisite is nearly mastered" : "Stretch: its prerequisites are nearly mastered");
                break;
            case RecommendationPurpose.Shortcut:
                sink.Add(RecommendationReasonCode.Shortcut, "Shortcut: what it still lacks gates it only weakly, so learning it now is quicker than learning that first");
                break;
            default:
                if (PrerequisiteCount == 0)
                {
                    sink.Add(RecommendationReasonCode.ReadyNoPrerequisites, "Ready: no prerequisites");
                }
                else
                {
                    sink.Add(RecommendationReasonCode.ReadyPrerequisitesMastered, PrerequisiteCount == 1 ? "Ready: its prerequisite is mastered" : "Ready: all prerequisites mastered");
                }

                if (Retrievability is { } r)
                {
                    Write(ref sink, RecommendationReasonCode.DueForReview, invariant, buffer, $"Due for review: recall chance {r:0%}");
                }

                break;
        }

        if (Goal is { } goal)
        {
            if (goal == Competency)
            {
                sink.Add(RecommendationReasonCode.OnPathToGoal, "Your goal");
            }
            else
            {
                Write(ref sink, RecommendationReasonCode.OnPathToGoal, invariant, buffer, $"On the way to your goal {goal.Value}");
            }

            if (Signals.Urgency > 0 && GoalDate is { } date)
            {
                Write(ref sink, RecommendationReasonCode.GoalDateNear, invariant, buffer, $"Goal date {date.UtcDateTime:yyyy-MM-dd}");
            }
        }

        if (PredictedSuccess is { } p && Signals.DifficultyFit >= 0.8)
        {
            Write(ref sink, RecommendationReasonCode.GoodChallenge, invariant, buffer, $"A good challenge: {p:0%} expected success");
        }

        if (MatchedInterest is { } interest)
        {
            Write(ref sink, RecommendationReasonCode.MatchesInterest, invariant, buffer, $"Matches your interest: {interest}");
        }

        if (PreferredModality)
        {
            Write(ref sink, RecommendationReasonCode.PreferredModality, invariant, buffer, $"In a way you like to learn: {Activity.Modality}");
        }

        if (AvailableMinutes is { } available && Minutes <= available)
        {
            Write(ref sink, RecommendationReasonCode.FitsTime, invariant, buffer, $"Fits your {available:0.#} minutes ({Minutes:0.#} min)");
        }

        if (Purpose is RecommendationPurpose.Learn or RecommendationPurpose.Stretch or RecommendationPurpose.Shortcut)
        {
            if (Level == MasteryLevel.NotStarted)
            {
                sink.Add(RecommendationReasonCode.NotStarted, "Not started yet");
            }
            else if (Estimate is { } e)
            {
                Write(ref sink, RecommendationReasonCode.InProgress, invariant, buffer, $"In progress: {Level} ({e:0.00})");
            }
            else
            {
                Write(ref sink, RecommendationReasonCode.InProgress, invariant, buffer, $"In progress: {Level}");
            }
        }

        var kind = Activity.Kind;
        if (AdaptiveRecommender.IsInstruction(kind))
        {
            Write(ref sink, RecommendationReasonCode.Introduces, invariant, buffer, $"{kind} to learn it");
        }
        else
        {
            Write(ref sink, RecommendationReasonCode.Practises, invariant, buffer, $"{kind} to show it");
        }
    }

    private static void Write<TSink>(ref TSink sink, RecommendationReasonCode code, IFormatProvider provider, Span<char> buffer,
        [System.Runtime.CompilerServices.InterpolatedStringHandlerArgument(nameof(provider), nameof(buffer))] ref System.Runtime.CompilerServices.DefaultInterpolatedStringHandler text)
        where TSink : struct, IReasonSink
    {
        sink.Add(code, text.Text);
        text.Clear();
    }

    private interface IReasonSink
    {
        void Add(RecommendationReasonCode code, ReadOnlySpan<char> text);
    }

    private readonly struct ReasonList(ImmutableArray<RecommendationReason>.Builder reasons) : IReasonSink
    {
        public ImmutableArray<RecommendationReason>.Builder Reasons { get; } = reasons;

        public void Add(RecommendationReasonCode code, ReadOnlySpan<char> text) => Reasons.Add(new(code, text.ToString()));
    }

    private readonly struct ReasonLine(System.Text.StringBuilder line) : IReasonSink
    {
        public System.Text.StringBuilder Line { get; } = line;

        public void Add(RecommendationReasonCode code, ReadOnlySpan<char> text) => Line.Append(Line.Length == 0 ? string.Empty : " · ").Append(text);
    }

    // Whether the reasons read from JSON are these, in order: the codes equal and the texts equal, character for character.
    private struct SameReasons(ImmutableArray<RecommendationReason> read) : IReasonSink
    {
        private int _next;
        private bool _differ;

        public readonly bool Holds => !_differ && _next == read.Length;

        public void Add(RecommendationReasonCode code, ReadOnlySpan<char> text)
        {
            _differ |= _next >= read.Length || read[_next] is not { } reason || reason.Code != code || !text.SequenceEqual(reason.Text);
            _next++;
        }
    }

    // Whether the explanation read from JSON is these reasons' texts joined by " · ".
    private struct SameLine(string read) : IReasonSink
    {
        private int _at;
        private bool _differ;

        public readonly bool Holds => !_differ && _at == read.Length;

        public void Add(RecommendationReasonCode code, ReadOnlySpan<char> text)
        {
            if (_differ)
            {
                return;
            }

            if (_at > 0)
            {
                if (!read.AsSpan(_at).StartsWith(" · ", StringComparison.Ordinal))
                {
                    _differ = true;
                    return;
                }

                _at += 3;
            }

            if (!read.AsSpan(_at).StartsWith(text, StringComparison.Ordinal))
            {
                _differ = true;
                return;
            }

            _at += text.Length;
        }
    }

    // The reasons and their line as JSON writes them, for a UI over HTTP; derived from the facts, so a document may leave
    // them out, but what it says of them must be what the facts give (issue 21: malformed ones were read past). The source
    // generator sets these two last, after every fact (an object initializer in declaration order; a member left out is
    // passed as its default), so each is compared here with what the facts give, and a difference is only noted: it is
    // refused in OnDeserialized after the facts' own rules, which name the fault more precisely.
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonPropertyName("reasons")]
    internal ImmutableArray<RecommendationReason> JsonReasons
    {
        get => GetReasons();
        init
        {
            if (!value.IsDefault && _activity is not null)
            {
                var same = new SameReasons(value);
                WriteReasons(ref same);
                _derivedAsReadDiffer |= same.Holds ? DerivedAgree : ReasonsDiffer;
            }
        }
    }

    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonPropertyName("explanation")]
    internal string? JsonExplanation
    {
        get => Explain();
        init
        {
            if (value is not null && _activity is not null)
            {
                var same = new SameLine(value);
                WriteReasons(ref same);
                _derivedAsReadDiffer |= same.Holds ? DerivedAgree : ExplanationDiffers;
            }
        }
    }

    private const byte DerivedAgree = 0, ReasonsDiffer = 1, ExplanationDiffers = 2;

    // Which derived members read from JSON differ from what the step's facts give; 0 for every step the library makes and
    // every step read (a step whose are not is refused), so equality is not affected.
    private readonly byte _derivedAsReadDiffer;

    /// <inheritdoc />
    public override string ToString() => _activity is null
        ? "NextStep { (none: the default value) }"
        : string.Create(CultureInfo.InvariantCulture, $"{Rank}. {_activity.Title} ({Competency}, {Purpose}, score {Score:0.000}): {Explain()}");

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

        // Signals the step's own facts fix (issue 21; AdaptiveRecommender's candidates and TryScore). Review due is made
        // from the recall chance: 1 − retrievability ÷ 2 when due, else 0. Readiness is 1 without prerequisites (else the
        // mean of their estimates, which the step does not hold). A stretch is a dependent of a nearly mastered
        // competency, and a shortcut skips a prerequisite it lacks: both have one at least.
        var reviewDue = Retrievability is { } recall ? 1 - (recall / 2) : 0;
        Serialization.ReadResults.Require(Signals.ReviewDue == reviewDue, Noun,
            $"its review-due signal {Serialization.ReadResults.F(Signals.ReviewDue)} is not {Serialization.ReadResults.F(reviewDue)}, what {(Retrievability is { } rr ? "a recall chance of " + Serialization.ReadResults.F(rr) : "no review due")} gives");
        Serialization.ReadResults.Require(PrerequisiteCount > 0 || Signals.Readiness == 1, Noun,
            $"it has no prerequisites, but a readiness of {Serialization.ReadResults.F(Signals.Readiness)}, not 1");
        Serialization.ReadResults.Require(PrerequisiteCount > 0 || Purpose is not (RecommendationPurpose.Stretch or RecommendationPurpose.Shortcut), Noun,
            $"a {Purpose} step is on a competency with no prerequisites");

        // Whether the modality is preferred, against the profile fit (TryScore): the mean of a modality part (1 − its rank
        // ÷ the preferred count, above 0, when preferred; 0 when not; left out when the profile prefers none) and an
        // interest part (1 when matched, else 0; left out without interests), 0.5 when both are left out. Preferred, the
        // fit is above 0, and above 0.5 with a matched interest; not preferred, it is 0 or 0.5, or 0.5 or 1 with a matched
        // interest. Which modalities the profile prefers, and so whether a flip between "not preferred" and "preferred
        // with a fit of 0.5" is one, the step does not say (nor the competency's prerequisites, which are the framework's).
        var fit = Signals.ProfileFit;
        var modalityAgrees = (PreferredModality, MatchedInterest is not null) switch
        {
            (true, false) => fit > 0,
            (true, true) => fit > 0.5,
            (false, false) => fit is 0 or 0.5,
            (false, true) => fit is 0.5 or 1,
        };
        Serialization.ReadResults.Require(modalityAgrees, Noun,
            $"its modality is {(PreferredModality ? "preferred" : "not preferred")}{(MatchedInterest is null ? " and no interest matched" : " and an interest matched")}, but its profile fit is {Serialization.ReadResults.F(fit)}");

        // A contribution is its signal times the signal's share of the weights: a signal of 0 contributes exactly 0.
        for (var i = 0; i < RecommendationSignals.Count; i++)
        {
            Serialization.ReadResults.Require(Signals[i] != 0 || Contributions[i] == 0, Noun,
                $"its signal {RecommendationSignals.Names[i]} is 0 but contributes {Serialization.ReadResults.F(Contributions[i])}");
        }

        Serialization.ReadResults.Require((_derivedAsReadDiffer & ReasonsDiffer) == 0, Noun, "its reasons are not the ones its facts give");
        Serialization.ReadResults.Require((_derivedAsReadDiffer & ExplanationDiffers) == 0, Noun, "its explanation is not its reasons joined by \" · \"");
    }
}

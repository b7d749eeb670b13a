using PersonalizedLearning.Activities;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Tests;

/// <summary>
/// Every options type with a constructor checks every parameter and throws once, naming every problem (issue 21): an
/// <see cref="ArgumentOutOfRangeException"/> whose parameter is the first bad one, and whose message is
/// "The {options} are not valid:" followed by "name: rule; got value." for each, values culture-invariant.
/// BktParameters has its own test (BktParametersTests).
/// </summary>
public sealed class OptionProblemsTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, Func<object>, string, string> SeveralBadValues() => new()
    {
        {
            nameof(RecommenderOptions),
            () => new RecommenderOptions(weights: new RecommendationSignals(1, -1, 0, 0, 0, 0, 0, 0, 0), targetSuccess: 1.5, passingScore: 0, historyLimit: 0),
            "weights",
            "The recommender options are not valid: weights: the weight of Readiness must be a finite number ≥ 0; got -1. "
            + "weights: at least one signal weight must be greater than 0; got 0. "
            + "targetSuccess: the target success must be in (0, 1); got 1.5. "
            + "passingScore: the passing score must be a number in (0, 1]; got 0. "
            + "historyLimit: the history limit must be at least 1; got 0."
        },
        {
            nameof(PlaylistOptions),
            () => new PlaylistOptions((AgencyLevel)7, choicesPerStep: 11, sessionMinutes: double.NaN, kinds: [(ActivityKind)42], passingScore: 1.5, remediateAfterFailures: 0),
            "agency",
            "The playlist options are not valid: agency: the agency level must be Guided, Choice or SelfDirected; got 7. "
            + "choicesPerStep: the choices per step must be in [1, 10]; got 11. "
            + "sessionMinutes: a session budget must be a finite number of minutes greater than 0; got NaN. "
            + "kinds: every activity kind must be defined; got 42. "
            + "passingScore: the passing score must be a number in (0, 1]; got 1.5. "
            + "remediateAfterFailures: remediation needs at least 1 failure; got 0."
        },
        {
            nameof(PacingOptions),
            () => new PacingOptions(0, paceWindow: 0, minimumTimedEvidence: 3, atRiskTolerance: -1),
            "minutesPerWeek",
            "The pacing options are not valid: minutesPerWeek: the weekly time must be a finite number of minutes greater than 0; got 0. "
            + "paceWindow: the pace window must be at least 1; got 0. "
            + "minimumTimedEvidence: the minimum timed evidence must be in [1, 0] (the pace window); got 3. "
            + "atRiskTolerance: the at-risk tolerance must be finite and not negative; got -1."
        },
        {
            nameof(InteropLimits),
            () => new InteropLimits(maxDocumentBytes: 1, maxDepth: 257, maxArrayLength: 0, maxStringBytes: 0),
            "maxDocumentBytes",
            "The interop limits are not valid: maxDocumentBytes: the document limit must be at least 2 bytes; got 1. "
            + "maxDepth: the depth limit must be in [1, 256]; got 257. "
            + "maxArrayLength: the array limit must be at least 1 element; got 0. "
            + "maxStringBytes: the string limit must be at least 1 byte; got 0."
        },
        {
            nameof(GradualReleaseOptions),
            () => new GradualReleaseOptions(releaseAdherence: 0.7, releaseFollowThrough: 1.2, returnAdherence: 0.75, returnFollowThrough: 0.5, minimumPlanned: 0),
            "releaseFollowThrough",
            "The gradual-release options are not valid: releaseFollowThrough: the release follow-through must be a share in [0, 1]; got 1.2. "
            + "returnAdherence: the return adherence must be a share in [0, 0.7] (the release adherence); got 0.75. "
            + "minimumPlanned: the minimum planned work must be at least 1; got 0."
        },
        {
            nameof(CatchUpOptions),
            () => new CatchUpOptions(new PacingOptions(300), groupSize: 101, teacherEffect: double.NaN, gradeCompletion: 0),
            "groupSize",
            "The catch-up options are not valid: groupSize: the group size must be in [1, 100]; got 101. "
            + "teacherEffect: the teacher effect must be finite and greater than 0; got NaN. "
            + "gradeCompletion: the grade completion must be a share in (0, 1]; got 0."
        },
        {
            nameof(CatalogCoverageOptions),
            () => new CatalogCoverageOptions(kinds: [ActivityKind.Practice, (ActivityKind)42, ActivityKind.Practice], modalities: [(LearningModality)9], soonWithin: -1),
            "kinds",
            "The catalog-coverage options are not valid: kinds: every activity kind must be defined; got 42. "
            + "kinds: every activity kind must be listed once; got Practice 2 times. "
            + "modalities: every modality must be defined; got 9. "
            + "soonWithin: the soon-within layers must be in [0, 1000]; got -1."
        },
        {
            nameof(SimulationOptions),
            () => new SimulationOptions(["A", "B", "A"], maximumSteps: 0, deadlineStep: 5, Start, stepLength: TimeSpan.Zero, historyLength: -1, stepsPerSession: -1),
            "goals",
            "The simulation options are not valid: goals: the goal set must name each competency once; got 'A' 2 times. "
            + "maximumSteps: the step budget must be in [1, 100,000]; got 0. "
            + "deadlineStep: the deadline step must be in [0, 0] (the step budget); got 5. "
            + "stepLength: the step length must be greater than 0; got 00:00:00. "
            + "historyLength: the history length must be at least 0; got -1. "
            + "stepsPerSession: the steps per session must be at least 0 (0: one unbroken sitting); got -1."
        },
    };

    [Theory]
    [MemberData(nameof(SeveralBadValues))]
    public void Constructor_SeveralBadValues_ThrowOneExceptionNamingTheFirstAndListingEvery(string type, Func<object> create, string first, string message)
    {
        var thrown = FluentActions.Invoking(create).Should().ThrowExactly<ArgumentOutOfRangeException>(type).Which;
        thrown.ParamName.Should().Be(first, type);
        thrown.Message.Should().Be($"{message} (Parameter '{first}')", type);
    }

    [Fact]
    public void Constructor_NullArgument_StaysArgumentNullException_WhateverElseIsWrong()
        => FluentActions.Invoking(() => new CatchUpOptions(null!, groupSize: 0)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("pacing");

    [Fact]
    public void Constructor_SessionIntervalShorterThanASession_IsListedWithTheOtherProblems()
        => FluentActions.Invoking(() => new SimulationOptions(["A"], 20, 10, Start, TimeSpan.FromMinutes(10), historyLength: -1, stepsPerSession: 6, sessionInterval: TimeSpan.FromMinutes(59)))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which.Message.Should().Be(
                "The simulation options are not valid: historyLength: the history length must be at least 0; got -1. "
                + "sessionInterval: a session of 6 steps of 00:10:00 lasts 01:00:00, so the next must start at least that long after it began; got 00:59:00. (Parameter 'historyLength')");
}

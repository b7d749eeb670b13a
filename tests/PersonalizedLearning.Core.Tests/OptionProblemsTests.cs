using PersonalizedLearning.Activities;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Records;
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
            () => new PlaylistOptions((AgencyLevel)7, choicesPerStep: 11, sessionMinutes: double.NaN, kinds: [(ActivityKind)42], passingScore: 1.5, remediateAfterFailures: 0, historyLimit: 0),
            "agency",
            "The playlist options are not valid: agency: the agency level must be Guided, Choice or SelfDirected; got 7. "
            + "choicesPerStep: the choices per step must be in [1, 10]; got 11. "
            + "sessionMinutes: a session budget must be a finite number of minutes greater than 0; got NaN. "
            + "kinds: every activity kind must be defined; got 42. "
            + "passingScore: the passing score must be a number in (0, 1]; got 1.5. "
            + "remediateAfterFailures: remediation needs at least 1 failure; got 0. "
            + "historyLimit: the history limit must be at least 1; got 0."
        },
        {
            nameof(PacingOptions),
            () => new PacingOptions(0, paceWindow: 0, minimumTimedEvidence: 3, atRiskTolerance: -1),
            "minutesPerWeek",
            "The pacing options are not valid: minutesPerWeek: the weekly time must be a finite number of minutes greater than 0; got 0. "
            + "paceWindow: the pace window must be at least 1; got 0. "
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
            nameof(ErasureReport),
            () => new ErasureReport(-1, 0, -2),
            "LogEntries",
            "The erasure counts are not valid: LogEntries: the log entries removed must be at least 0; got -1. "
            + "Learners: the learner records removed must be at least 0; got -2."
        },
        {
            nameof(SimulationOptions),
            () => new SimulationOptions(["A", "B", "A"], maximumSteps: 0, deadlineStep: 5, Start, stepLength: TimeSpan.Zero, historyLength: -1, stepsPerSession: -1),
            "goals",
            "The simulation options are not valid: goals: the goal set must name each competency once; got 'A' 2 times. "
            + "maximumSteps: the step budget must be in [1, 100,000]; got 0. "
            + "stepLength: the step length must be greater than 0; got 00:00:00. "
            + "historyLength: the history length must be at least 0; got -1. "
            + "stepsPerSession: the steps per session must be at least 0 (0: one unbroken sitting); got -1."
        },
    };

    // Options each valid alone that contradict each other (issue 21), refused at construction with the other problems.
    public static TheoryData<string, Func<object>, string, string> ContradictingValues() => new()
    {
        {
            // A history read of 2 pieces could never hold a run of 3 failures: the failure count would never remediate.
            "recommender: history limit 2, remediation after 3 failures, target success 1.5",
            () => new RecommenderOptions(targetSuccess: 1.5, remediateAfterFailures: 3, historyLimit: 2),
            "targetSuccess",
            "The recommender options are not valid: targetSuccess: the target success must be in (0, 1); got 1.5. "
            + "historyLimit: the history limit must be at least remediateAfterFailures (3), or the history read could never hold a run of failures that remediates; got 2."
        },
        {
            "recommender: history limit 4, remediation after 5 failures, alone",
            () => new RecommenderOptions(remediateAfterFailures: 5, historyLimit: 4),
            "historyLimit",
            "The recommender options are not valid: historyLimit: the history limit must be at least remediateAfterFailures (5), or the history read could never hold a run of failures that remediates; got 4."
        },
        {
            // The failure count is not valid itself: the history limit is not reported against it.
            "recommender: remediation after 0 failures, history limit 1 (valid)",
            () => new RecommenderOptions(remediateAfterFailures: 0, historyLimit: 1),
            "remediateAfterFailures",
            "The recommender options are not valid: remediateAfterFailures: remediation needs at least 1 failure; got 0."
        },
        {
            "playlist: history limit 1, remediation after 2 failures, a kind listed three times and one twice, 11 choices",
            () => new PlaylistOptions(choicesPerStep: 11, kinds: [ActivityKind.Practice, ActivityKind.Video, ActivityKind.Practice, ActivityKind.Video, ActivityKind.Practice], remediateAfterFailures: 2, historyLimit: 1),
            "choicesPerStep",
            "The playlist options are not valid: choicesPerStep: the choices per step must be in [1, 10]; got 11. "
            + "kinds: every activity kind must be listed once; got Practice 3 times. "
            + "kinds: every activity kind must be listed once; got Video 2 times. "
            + "historyLimit: the history limit must be at least remediateAfterFailures (2), or the history read could never hold a run of failures that remediates; got 1."
        },
        {
            "playlist: a kind listed twice, alone",
            () => new PlaylistOptions(kinds: [ActivityKind.Project, ActivityKind.Project]),
            "kinds",
            "The playlist options are not valid: kinds: every activity kind must be listed once; got Project 2 times."
        },
        {
            "filter: an undefined kind listed twice, a modality twice, maximum minutes -5, an empty excluded id",
            () => new RecommendationFilter(kinds: [(ActivityKind)42, ActivityKind.Practice, (ActivityKind)42], modalities: [LearningModality.HandsOn, LearningModality.HandsOn], maximumMinutes: -5, excluded: ["a", default]),
            "kinds",
            "The recommendation filter's settings are not valid: kinds: every activity kind must be defined; got 42. "
            + "kinds: every activity kind must be defined; got 42. "
            + "kinds: every activity kind must be listed once; got 42 2 times. "
            + "modalities: every modality must be listed once; got HandsOn 2 times. "
            + "maximumMinutes: the maximum minutes must be a finite number greater than 0; got -5. "
            + "excluded: every excluded activity id must be non-empty; got an empty id."
        },
    };

    [Theory]
    [MemberData(nameof(ContradictingValues))]
    public void Constructor_ContradictingValues_AreRefusedWithEveryOtherProblem(string scenario, Func<object> create, string first, string message)
    {
        var thrown = FluentActions.Invoking(create).Should().ThrowExactly<ArgumentOutOfRangeException>(scenario).Which;
        thrown.ParamName.Should().Be(first, scenario);
        thrown.Message.Should().Be($"{message} (Parameter '{first}')", scenario);
    }

    [Fact]
    public void Constructor_HistoryLimitEqualToTheFailuresThatRemediate_OrDistinctKinds_AreAccepted()
    {
        // The boundary: a history of exactly the run that remediates holds it.
        new RecommenderOptions(remediateAfterFailures: 5, historyLimit: 5).HistoryLimit.Should().Be(5);
        var playlist = new PlaylistOptions(kinds: [ActivityKind.Video, ActivityKind.Practice], remediateAfterFailures: 1, historyLimit: 1);
        playlist.HistoryLimit.Should().Be(1);
        playlist.Kinds.Should().Equal(ActivityKind.Video, ActivityKind.Practice);
        new RecommendationFilter(kinds: [ActivityKind.Video, ActivityKind.Practice]).Kinds.Should().Equal(ActivityKind.Video, ActivityKind.Practice);

        // goalPathsOnly does not need goalPathsFirst (see RecommenderOptions): the pair is not a contradiction.
        var onlyOnTheWay = new RecommenderOptions(goalPathsFirst: false, goalPathsOnly: true);
        (onlyOnTheWay.GoalPathsFirst, onlyOnTheWay.GoalPathsOnly).Should().Be((false, true));
    }

    [Theory]
    [MemberData(nameof(SeveralBadValues))]
    public void Constructor_SeveralBadValues_ThrowOneExceptionNamingTheFirstAndListingEvery(string type, Func<object> create, string first, string message)
    {
        var thrown = FluentActions.Invoking(create).Should().ThrowExactly<ArgumentOutOfRangeException>(type).Which;
        thrown.ParamName.Should().Be(first, type);
        thrown.Message.Should().Be($"{message} (Parameter '{first}')", type);
    }

    // A rule bounded by another option is checked against it only when that option is valid: a valid value is not
    // reported against an empty, inverted or NaN range ("[1, 0]", "[0, NaN]"), and a bad one is still reported.
    public static TheoryData<string, Func<object>, string, string> BoundByABadOption() => new()
    {
        {
            "pace window 0, minimum 1 (valid)",
            () => new PacingOptions(300, paceWindow: 0, minimumTimedEvidence: 1),
            "paceWindow",
            "The pacing options are not valid: paceWindow: the pace window must be at least 1; got 0."
        },
        {
            "pace window 0, minimum 0",
            () => new PacingOptions(300, paceWindow: 0, minimumTimedEvidence: 0),
            "paceWindow",
            "The pacing options are not valid: paceWindow: the pace window must be at least 1; got 0. "
            + "minimumTimedEvidence: the minimum timed evidence must be at least 1 (and at most the pace window, which is not valid itself); got 0."
        },
        {
            "pace window 2, minimum 3",
            () => new PacingOptions(300, paceWindow: 2, minimumTimedEvidence: 3),
            "minimumTimedEvidence",
            "The pacing options are not valid: minimumTimedEvidence: the minimum timed evidence must be in [1, 2] (the pace window); got 3."
        },
        {
            "release adherence NaN, return 0.5 (valid)",
            () => new GradualReleaseOptions(releaseAdherence: double.NaN, returnAdherence: 0.5),
            "releaseAdherence",
            "The gradual-release options are not valid: releaseAdherence: the release adherence must be a share in [0, 1]; got NaN."
        },
        {
            "release adherence NaN, return 1.5; release follow-through -1, return -0.5",
            () => new GradualReleaseOptions(releaseAdherence: double.NaN, releaseFollowThrough: -1, returnAdherence: 1.5, returnFollowThrough: -0.5),
            "releaseAdherence",
            "The gradual-release options are not valid: releaseAdherence: the release adherence must be a share in [0, 1]; got NaN. "
            + "releaseFollowThrough: the release follow-through must be a share in [0, 1]; got -1. "
            + "returnAdherence: the return adherence must be a share in [0, 1] (and at most the release adherence, which is not valid itself); got 1.5. "
            + "returnFollowThrough: the return follow-through must be a share in [0, 1] (and at most the release follow-through, which is not valid itself); got -0.5."
        },
        {
            "step budget -5, deadline 3 (valid)",
            () => new SimulationOptions(["A"], maximumSteps: -5, deadlineStep: 3, Start),
            "maximumSteps",
            "The simulation options are not valid: maximumSteps: the step budget must be in [1, 100,000]; got -5."
        },
        {
            "step budget -5, deadline -1",
            () => new SimulationOptions(["A"], maximumSteps: -5, deadlineStep: -1, Start),
            "maximumSteps",
            "The simulation options are not valid: maximumSteps: the step budget must be in [1, 100,000]; got -5. "
            + "deadlineStep: the deadline step must be at least 0 (and at most the step budget, which is not valid itself); got -1."
        },
    };

    [Theory]
    [MemberData(nameof(BoundByABadOption))]
    public void Constructor_RuleBoundByAnotherOption_IsReportedOnlyAgainstAValidBound(string scenario, Func<object> create, string first, string message)
    {
        var thrown = FluentActions.Invoking(create).Should().ThrowExactly<ArgumentOutOfRangeException>(scenario).Which;
        thrown.ParamName.Should().Be(first, scenario);
        thrown.Message.Should().Be($"{message} (Parameter '{first}')", scenario);
    }

    [Fact]
    public void Constructor_NullArgument_IsArgumentNullException_ListingEveryOtherProblemToo()
    {
        var thrown = FluentActions.Invoking(() => new CatchUpOptions(null!, groupSize: 0, teacherEffect: double.NaN)).Should().ThrowExactly<ArgumentNullException>().Which;
        thrown.ParamName.Should().Be("pacing");
        thrown.Message.Should().Be("The catch-up options are not valid: pacing: the pacing options are required; got null. "
            + "groupSize: the group size must be in [1, 100]; got 0. "
            + "teacherEffect: the teacher effect must be finite and greater than 0; got NaN. (Parameter 'pacing')");

        // Alone, the null is the one problem listed.
        FluentActions.Invoking(() => new CatchUpOptions(null!)).Should().ThrowExactly<ArgumentNullException>().Which.Message
            .Should().Be("The catch-up options are not valid: pacing: the pacing options are required; got null. (Parameter 'pacing')");
    }

    // Every duration of SimulationOptions: not negative (or zero), and no step past the last date (which overflowed as an
    // OverflowException or an ArgumentOutOfRangeException from DateTimeOffset when the options were used).
    public static TheoryData<string, Func<object>, string, string> BadDurations() => new()
    {
        {
            "negative session interval, one unbroken sitting",
            () => new SimulationOptions(["A"], 20, 10, Start, sessionInterval: TimeSpan.FromHours(-1)),
            "sessionInterval",
            "The simulation options are not valid: sessionInterval: the session interval must be greater than 0; got -01:00:00."
        },
        {
            "zero session interval, one unbroken sitting",
            () => new SimulationOptions(["A"], 20, 10, Start, sessionInterval: TimeSpan.Zero),
            "sessionInterval",
            "The simulation options are not valid: sessionInterval: the session interval must be greater than 0; got 00:00:00."
        },
        {
            "negative step length",
            () => new SimulationOptions(["A"], 20, 10, Start, stepLength: TimeSpan.FromMinutes(-10)),
            "stepLength",
            "The simulation options are not valid: stepLength: the step length must be greater than 0; got -00:10:00."
        },
        {
            // 3 sessions of 6 steps, then 2 steps: 3 × TimeSpan.MaxValue + 2 × 10 minutes = 32,025,597 whole days.
            "TimeSpan.MaxValue session interval",
            () => new SimulationOptions(["A"], 20, 10, Start, TimeSpan.FromMinutes(10), stepsPerSession: 6, sessionInterval: TimeSpan.MaxValue),
            "sessionInterval",
            "The simulation options are not valid: sessionInterval: every step up to the step budget must fall on a date no later than 9999-12-31: "
            + "with sessions of 6 steps of 00:10:00 at this interval, step 20 falls 32,025,597 days after the start, 2026-09-07T09:00:00.0000000+00:00; got 10675199.02:48:05.4775807."
        },
        {
            // 20 × TimeSpan.MaxValue = 213,503,982 whole days.
            "TimeSpan.MaxValue step length",
            () => new SimulationOptions(["A"], 20, 10, Start, TimeSpan.MaxValue),
            "stepLength",
            "The simulation options are not valid: stepLength: every step up to the step budget must fall on a date no later than 9999-12-31: "
            + "with this step length, step 20 falls 213,503,982 days after the start, 2026-09-07T09:00:00.0000000+00:00; got 10675199.02:48:05.4775807."
        },
        {
            // 3,000 steps of 1,000 days: 3,000,000 days (8,213 years) after 2026, a span that fits but no date.
            "1,000-day steps, 3,000 of them",
            () => new SimulationOptions(["A"], 3000, 10, Start, TimeSpan.FromDays(1000)),
            "stepLength",
            "The simulation options are not valid: stepLength: every step up to the step budget must fall on a date no later than 9999-12-31: "
            + "with this step length, step 3000 falls 3000000.00:00:00 after the start, 2026-09-07T09:00:00.0000000+00:00; got 1000.00:00:00."
        },
        {
            // 6 steps of TimeSpan.MaxValue / 2 last longer than any TimeSpan: the session rule reports it, as days.
            "a session longer than any span",
            () => new SimulationOptions(["A"], 20, 10, Start, TimeSpan.FromTicks(long.MaxValue / 2), stepsPerSession: 6, sessionInterval: TimeSpan.MaxValue),
            "sessionInterval",
            "The simulation options are not valid: sessionInterval: a session of 6 steps of 5337599.13:24:02.7387903 lasts 32,025,597 days, so the next must start at least that long after it began; got 10675199.02:48:05.4775807."
        },
    };

    [Theory]
    [MemberData(nameof(BadDurations))]
    public void SimulationOptions_BadDuration_IsReportedNotOverflowed(string scenario, Func<object> create, string first, string message)
    {
        var thrown = FluentActions.Invoking(create).Should().ThrowExactly<ArgumentOutOfRangeException>(scenario).Which;
        thrown.ParamName.Should().Be(first, scenario);
        thrown.Message.Should().Be($"{message} (Parameter '{first}')", scenario);
    }

    [Fact]
    public void SimulationOptions_TheLastDate_IsAllowed_AndEveryStepHasItsMoment()
    {
        // Steps of one day up to 9999-12-31 exactly: the last step is the last day a date has.
        var start = new DateTimeOffset(9999, 12, 11, 0, 0, 0, TimeSpan.Zero);
        var options = new SimulationOptions(["A"], 20, 10, start, TimeSpan.FromDays(1));
        options.MomentOf(20).Should().Be(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero));
        FluentActions.Invoking(() => new SimulationOptions(["A"], 21, 10, start, TimeSpan.FromDays(1)))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("stepLength");

        // With sessions: 20 steps of 6 per week = 3 weeks and 2 steps of an hour.
        var weekly = new SimulationOptions(["A"], 20, 10, Start, TimeSpan.FromHours(1), stepsPerSession: 6, sessionInterval: TimeSpan.FromDays(7));
        weekly.MomentOf(20).Should().Be(Start + TimeSpan.FromDays(21) + TimeSpan.FromHours(2));
    }

    [Fact]
    public void Constructor_SessionIntervalShorterThanASession_IsListedWithTheOtherProblems()
        => FluentActions.Invoking(() => new SimulationOptions(["A"], 20, 10, Start, TimeSpan.FromMinutes(10), historyLength: -1, stepsPerSession: 6, sessionInterval: TimeSpan.FromMinutes(59)))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which.Message.Should().Be(
                "The simulation options are not valid: historyLength: the history length must be at least 0; got -1. "
                + "sessionInterval: a session of 6 steps of 00:10:00 lasts 01:00:00, so the next must start at least that long after it began; got 00:59:00. (Parameter 'historyLength')");
}

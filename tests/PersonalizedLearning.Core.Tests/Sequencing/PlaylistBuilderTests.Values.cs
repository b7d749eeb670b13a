using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

/// <summary>The playlist's values: equality member by member, deconstruction, text, and the request's and options' refusals.</summary>
public partial class PlaylistBuilderTests
{
    // The golden playlist (Playlist_IsWorkedByHand): B (b-video, b-sheet, b-practice → b-check, 13), C (c-lesson → c-check,
    // 21), the B and C project (40), D (d-practice → d-check, 20).
    private static Playlist Golden() => PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(sessionMinutes: 30)));

    [Fact]
    public void PlaylistStep_Equals_EveryMemberByValue()
    {
        var step = Golden().Steps[0];
        RecordEquality.Check(step, step with { Choices = [.. step.Choices], DependsOn = [.. step.DependsOn], Goals = [.. step.Goals] },
            step with { Kind = PlaylistStepKind.Remediate }, step with { Competency = "C" }, step with { Choices = [step.Choices[0]] },
            step with { Checkpoint = null }, step with { Minutes = 14 }, step with { DependsOn = ["A"] }, step with { Goals = ["E"] },
            step with { RemediationFor = "A" }, step with { Reorderable = !step.Reorderable });
    }

    [Fact]
    public void PlaylistStep_Deconstructs_AndReads_ItsTitlesMinutesAndCheckpoint()
    {
        var playlist = Golden();
        var (kind, competency, choices, checkpoint, minutes, dependsOn, goals, remediationFor, reorderable) = playlist.Steps[0];
        (kind, competency.Value, checkpoint!.Id.Value, minutes, remediationFor, reorderable).Should().Be((PlaylistStepKind.Learn, "B", "b-check", 13.0, (CompetencyId?)null, playlist.Steps[0].Reorderable));
        choices.Select(c => c.Id.Value).Should().Equal("b-video", "b-sheet", "b-practice");
        dependsOn.Should().BeEmpty();
        goals.Should().Equal(new CompetencyId("D"));

        playlist.Steps[0].ToString().Should().Be("Learn B: B video | B sheet | B practice → B check (13 min)");
        playlist.Steps[2].ToString().Should().Be("Project B: B and C project (40 min)", "a project has no checkpoint");
    }

    [Fact]
    public void EstimatedMinutes_TheFirstChoiceAndTheCheckpoint_TheCheckpointOnceWhenItIsTheFirstChoice()
    {
        var step = Golden().Steps[0];
        step.EstimatedMinutes.Should().Be(13, "b-video 8 + b-check 5");
        (step with { Checkpoint = step.Choices[0] }).EstimatedMinutes.Should().Be(8, "b-video counted once");
        (step with { Choices = [] }).EstimatedMinutes.Should().Be(5, "no choice: the checkpoint alone");
        (step with { Choices = [], Checkpoint = null }).EstimatedMinutes.Should().Be(0);
    }

    [Fact]
    public void SessionItem_Deconstructs_AndTheDefaultSchedulesNothing()
    {
        var item = Golden().Sessions[0].Items[0];
        var (kind, competency, activity, minutes) = item;
        (kind, competency.Value, activity.Id.Value, minutes).Should().Be((PlaylistStepKind.Learn, "B", "b-video", 8.0));
        item.IsEmpty.Should().BeFalse();
        item.ToString().Should().StartWith("SessionItem { Kind = Learn, Competency = B, Activity = ").And.NotContain("(none");

        var none = default(SessionItem);
        none.IsEmpty.Should().BeTrue();
        none.ToString().Should().Be("SessionItem { (none: the default value) }");
        FluentActions.Invoking(() => none.Activity).Should().ThrowExactly<InvalidOperationException>().WithMessage(
            "This SessionItem is the default value, not an item of a playlist: only the playlist builder makes items. Check SessionItem.IsEmpty first.");
        FluentActions.Invoking(() => { var (_, _, _, _) = none; }).Should().ThrowExactly<InvalidOperationException>();
    }

    [Fact]
    public void PlaylistSession_Equals_EveryMemberByValue_AndDeconstructs()
    {
        var session = Golden().Sessions[0];
        RecordEquality.Check(session, session with { Items = [.. session.Items] },
            session with { Items = [.. session.Items.Skip(1)] }, session with { Minutes = session.Minutes + 1 }, session with { OverBudget = !session.OverBudget });

        var (items, minutes, overBudget) = session;
        items.Select(i => i.Activity.Id.Value).Should().Equal("b-video", "b-check", "c-lesson");
        (minutes, overBudget).Should().Be((28.0, false), "8 + 5 + 15 fits 30; c-check's 6 more would not");
    }

    [Fact]
    public void Playlist_Equals_EveryMemberByValue_AndDeconstructs()
    {
        var playlist = Golden();
        RecordEquality.Check(playlist, playlist with { Goals = [.. playlist.Goals], Steps = [.. playlist.Steps], Sessions = [.. playlist.Sessions] },
            playlist with { Learner = "bob" }, playlist with { Goals = [new LearningGoal("D")] }, playlist with { Options = PlaylistOptions.Default },
            playlist with { Steps = [.. playlist.Steps.Take(3)] }, playlist with { Sessions = [.. playlist.Sessions.Skip(1)] }, playlist with { TimeFactor = 1.5 });

        var (learner, goals, options, steps, sessions, timeFactor) = playlist;
        (learner.Value, options.SessionMinutes, timeFactor).Should().Be(("ana", (double?)30, 1.0));
        goals.Should().Equal(new LearningGoal("D", Now.AddDays(30)));
        steps.Should().Equal(playlist.Steps);
        sessions.Should().Equal(playlist.Sessions);
    }

    [Fact]
    public void PlaylistOptions_Equals_EveryMemberByValue()
    {
        var options = new PlaylistOptions(AgencyLevel.SelfDirected, 4, 30, [ActivityKind.Practice, ActivityKind.Video], 0.7, 2, 50);
        RecordEquality.Check(options, new PlaylistOptions(AgencyLevel.SelfDirected, 4, 30, [ActivityKind.Practice, ActivityKind.Video], 0.7, 2, 50),
            options with { Agency = AgencyLevel.Choice }, options with { ChoicesPerStep = 5 }, new PlaylistOptions(AgencyLevel.SelfDirected, 4, 45, [ActivityKind.Practice, ActivityKind.Video], 0.7, 2, 50),
            options with { Kinds = [ActivityKind.Practice] }, options with { PassingScore = 0.8 }, options with { RemediateAfterFailures = 3 }, options with { HistoryLimit = 51 });
    }

    [Fact]
    public void PlaylistOptions_EveryBadValue_IsOneProblemOfOneException_FirstParameterNamed()
    {
        FluentActions.Invoking(() => new PlaylistOptions((AgencyLevel)9, 0, null, [(ActivityKind)42, ActivityKind.Practice, ActivityKind.Practice], 0, 0, 0))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().WithMessage(
                "The playlist options are not valid: agency: the agency level must be Guided, Choice or SelfDirected; got 9."
                + " choicesPerStep: the choices per step must be in [1, 10]; got 0."
                + " kinds: every activity kind must be defined; got 42."
                + " kinds: every activity kind must be listed once; got Practice 2 times."
                + " passingScore: the passing score must be a number in (0, 1]; got 0."
                + " remediateAfterFailures: remediation needs at least 1 failure; got 0."
                + " historyLimit: the history limit must be at least 1; got 0. (Parameter 'agency')")
            .Which.ParamName.Should().Be("agency");
        FluentActions.Invoking(() => new PlaylistOptions(choicesPerStep: 11)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage("The playlist options are not valid: choicesPerStep: the choices per step must be in [1, 10]; got 11. (Parameter 'choicesPerStep')");
        FluentActions.Invoking(() => new PlaylistOptions(remediateAfterFailures: 4, historyLimit: 3)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage("The playlist options are not valid: historyLimit: the history limit must be at least remediateAfterFailures (4)*; got 3. (Parameter 'historyLimit')");
    }

    [Fact]
    public void PlaylistOptions_TheBoundsThemselves_AreAccepted()
    {
        new PlaylistOptions(choicesPerStep: 1, remediateAfterFailures: 1, historyLimit: 1).Should().BeEquivalentTo(new { ChoicesPerStep = 1, RemediateAfterFailures = 1, HistoryLimit = 1 });
        new PlaylistOptions(choicesPerStep: 10, passingScore: 1).Should().BeEquivalentTo(new { ChoicesPerStep = 10, PassingScore = 1.0 });
    }

    [Fact]
    public void PlaylistRequest_NullArguments_AnotherFramework_AndTooManyGoals_AreRefused()
    {
        var snapshot = Engine.Assess(Mastered(("A", 1)), Now);
        FluentActions.Invoking(() => new PlaylistRequest(null!, snapshot, [new LearningGoal("D")])).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("catalog");
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, null!, [new LearningGoal("D")])).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("mastery");
        var diamond = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, TestData.Mastered(diamond, "ana"), [new LearningGoal("D")])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("The mastery snapshot was taken over a different framework from the catalog's. (Parameter 'mastery')");

        var builder = new CompetencyFrameworkBuilder("wide");
        for (var i = 0; i < PlaylistRequest.MaximumGoals + 1; i++)
        {
            builder.AddCompetency($"K{i}", $"K{i}");
        }

        var wide = new PersonalizedLearningEngine(TestData.CatalogFor(builder.Build()), RollupMasteryModel.Latest());
        var mastery = TestData.Mastered(wide, "ana");
        LearningGoal[] goals = [.. Enumerable.Range(0, PlaylistRequest.MaximumGoals + 1).Select(i => new LearningGoal($"K{i}"))];
        new PlaylistRequest(wide.Catalog, mastery, [.. goals.Take(PlaylistRequest.MaximumGoals)]).Goals.Length.Should().Be(64, "the maximum itself is taken");
        FluentActions.Invoking(() => new PlaylistRequest(wide.Catalog, mastery, [.. goals])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A playlist takes at most 64 goals; got 65. Split them into several playlists. (Parameter 'goals')");
    }

    [Fact]
    public void Builder_NamesItself_AndReplanRefusesNulls()
    {
        PlaylistBuilder.Default.ToString().Should().Be("PlaylistBuilder (stateless)");
        var playlist = Golden();
        FluentActions.Invoking(() => PlaylistBuilder.Default.Replan(null!, Request())).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("previous");
        FluentActions.Invoking(() => PlaylistBuilder.Default.Replan(playlist, null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("request");
    }
}

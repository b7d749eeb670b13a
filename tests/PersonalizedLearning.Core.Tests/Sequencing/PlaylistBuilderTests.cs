using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Sequencing;

/// <summary>
/// Golden tests on a hand-built framework: A → B, A → C, B → D, C → D; E on its own; F without activities. The learner
/// has mastered A (two perfect scores, "latest score" model); the goal is D in 30 days.
/// </summary>
public partial class PlaylistBuilderTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("golden")
        .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("D", "D").AddCompetency("E", "E").AddCompetency("F", "F")
        .AddPrerequisite("A", "B").AddPrerequisite("A", "C").AddPrerequisite("B", "D").AddPrerequisite("C", "D")
        .Build();

    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(Framework)
        .Add(new LearningActivity("a-quiz", "A quiz", ActivityKind.Assessment, 5, TestData.Align("A")))
        .Add(new LearningActivity("b-video", "B video", ActivityKind.Video, 8, TestData.Align("B"), LearningModality.Media))
        .Add(new LearningActivity("b-practice", "B practice", ActivityKind.Practice, 12, TestData.Align("B")))
        .Add(new LearningActivity("b-sheet", "B sheet", ActivityKind.Practice, 10, TestData.Align("B"), LearningModality.Print))
        .Add(new LearningActivity("b-check", "B check", ActivityKind.Assessment, 5, TestData.Align("B")))
        .Add(new LearningActivity("c-lesson", "C lesson", ActivityKind.Lesson, 15, TestData.Align("C"), LearningModality.TeacherLed))
        .Add(new LearningActivity("c-check", "C check", ActivityKind.Assessment, 6, TestData.Align("C")))
        .Add(new LearningActivity("bc-project", "B and C project", ActivityKind.Project, 40, [new("B"), new("C")], LearningModality.HandsOn))
        .Add(new LearningActivity("d-practice", "D practice", ActivityKind.Practice, 10, TestData.Align("D")))
        .Add(new LearningActivity("d-check", "D check", ActivityKind.Assessment, 10, TestData.Align("D")))
        .Add(new LearningActivity("e-reading", "E reading", ActivityKind.Reading, 5, TestData.Align("E")))
        .Build();

    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());

    private static LearnerState Mastered(params (string Competency, double Score)[] scores) => Engine.Rebuild("ana", scores.SelectMany((s, i) => new[]
    {
        Evidence.ForCompetency($"{s.Competency}{i}a", "ana", s.Competency, EvidenceOutcome.FromScore(s.Score), Now.AddDays(-1)),
        Evidence.ForCompetency($"{s.Competency}{i}b", "ana", s.Competency, EvidenceOutcome.FromScore(s.Score), Now.AddDays(-1)),
    }));

    private static PlaylistRequest Request(LearnerState? state = null, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null, ImmutableArray<Evidence> history = default, params LearningGoal[] goals) =>
        new(Catalog, Engine.Assess(state ?? Mastered(("A", 1)), Now), goals.Length == 0 ? [new LearningGoal("D", Now.AddDays(30))] : [.. goals], options, accommodations, history);

    private static string Dump(Playlist p) => string.Join(" ; ", p.Steps.Select(x => Describe(x) + " dep " + string.Join(",", x.DependsOn) + " goals " + string.Join(",", x.Goals))) + "\n  SESSIONS " + string.Join(" | ", p.Sessions.Select(x => string.Join(",", x.Items.Select(i => i.Activity.Id)) + $" {x.Minutes} {x.OverBudget}"));

    private static string Describe(PlaylistStep s) => $"{s.Kind} {s.Competency}: {string.Join(",", s.Choices.Select(c => c.Id))} → {s.Checkpoint?.Id} ({s.Minutes})";

    [Fact]
    public void Playlist_IsWorkedByHand()
    {
        // Required: B, C, D (A is mastered), in the framework's sequence. B's board by minutes, new kind and modality
        // first: b-video (Video, Media), b-sheet (Practice, Print), then b-practice (Practice is no longer new). The
        // project integrates B and C, so it follows C and leaves their boards.
        var playlist = PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(sessionMinutes: 30)));

        playlist.Steps.Select(Describe).Should().Equal(
            "Learn B: b-video,b-sheet,b-practice → b-check (13)",
            "Learn C: c-lesson → c-check (21)",
            "Project B: bc-project →  (40)",
            "Learn D: d-practice → d-check (20)");
        playlist.Steps[2].DependsOn.Should().Equal(new CompetencyId("B"), new CompetencyId("C"));
        playlist.Steps[3].DependsOn.Should().Equal(new CompetencyId("B"), new CompetencyId("C"));
        playlist.Steps[0].DependsOn.Should().BeEmpty("A is mastered, not a step");
        playlist.Steps.Should().AllSatisfy(s => s.Goals.Should().Equal(new CompetencyId("D")));
        playlist.TotalMinutes.Should().Be(94);
    }

    [Fact]
    public void GoalDates_OrderIndependentGoals()
    {
        // E (due in 3 days) comes before everything for D (due in 30); without dates, the framework's sequence.
        var playlist = PlaylistBuilder.Default.Build(Request(goals: [new LearningGoal("D", Now.AddDays(30)), new LearningGoal("E", Now.AddDays(3))]));
        playlist.Steps.Select(s => s.Competency.Value).Should().Equal("E", "B", "C", "B", "D");
        PlaylistBuilder.Default.Build(Request(goals: [new LearningGoal("E"), new LearningGoal("D")])).Steps.Select(s => s.Competency.Value)
            .Should().Equal("B", "C", "B", "D", "E");
    }

    [Fact]
    public void APlaylistDocument_ListsTheMasteredParentsWithoutSteps_AndIsHeldToThem()
    {
        // TestData.Units (above). U, a parent without an activity, mastered by a teacher; goals U and C. The builder's walk
        // stops at U, so C's way is C and B, for C alone. A parent without an activity has no step mastered or not, so the
        // document says U was found mastered ("masteredParents"); the reader rebuilds once with U mastered.
        var catalog = TestData.Units();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var teacher = engine.Assess(engine.Rebuild("ana", [Evidence.ForCompetency("t1", "ana", "U", EvidenceOutcome.Correct, Now.AddDays(-1)),
            Evidence.ForCompetency("t2", "ana", "U", EvidenceOutcome.Correct, Now.AddDays(-1))]), Now);
        var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, teacher, [new LearningGoal("U"), new LearningGoal("C")]));
        var json = PersonalizedLearningJson.Serialize(playlist);
        json.Should().EndWith("\"masteredParents\":[\"U\"]}");
        var read = PersonalizedLearningJson.DeserializePlaylist(json, catalog);
        read.Should().Be(playlist);
        PersonalizedLearningJson.Serialize(read).Should().Be(json, "a playlist read back lists what it was read with");

        // Without a mastered parent on the way (nothing mastered), nothing is listed: the member is left out.
        var none = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, TestData.Mastered(engine, "ana"), [new LearningGoal("U"), new LearningGoal("C")]));
        PersonalizedLearningJson.Serialize(none).Should().NotContain("masteredParents");

        string Edited(System.Text.Json.Nodes.JsonNode? parents)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            node.Remove("masteredParents");
            if (parents is not null)
            {
                node["masteredParents"] = parents;
            }

            return node.ToJsonString();
        }

        void Refused(string edited, string message) => FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(edited, catalog))
            .Should().ThrowExactly<System.Text.Json.JsonException>().WithMessage(message);

        // U left out: taken as not mastered, B and C lead to U too, and the steps' goals are not the document's.
        Refused(Edited(null), "*step 1*leads to goals [C]; the goals whose way reaches it are [U, C]*");
        // Listed twice, outside the framework, or not a parent without an activity on the way (B has activities; G is a
        // parent without one, but not on the way to U or C).
        Refused(Edited(new System.Text.Json.Nodes.JsonArray("U", "U")), "*lists 'U' among its mastered parents twice*");
        Refused(Edited(new System.Text.Json.Nodes.JsonArray("U", "nope")), "*lists 'nope' among its mastered parents but framework*lacks it*");
        Refused(Edited(new System.Text.Json.Nodes.JsonArray("U", "B")), "*lists 'B' among its mastered parents, but it is not a parent without an activity on the way to a goal*");
        Refused(Edited(new System.Text.Json.Nodes.JsonArray("U", "G")), "*lists 'G' among its mastered parents, but it is not a parent without an activity on the way to a goal*");
    }

    [Fact]
    public void AGoalOnAParent_IsTaughtThroughItsChildren_InPrerequisiteOrder()
    {
        // TestData.Units: G ⊃ {U, D}, U ⊃ {B, C}, B → C, H ⊃ {K}; practice 10 + checkpoint 5 minutes each of B, C, D, H,
        // K, Z; none for U and G. Issue 21, fresh review A: a goal on U threw "cannot be reached" (U has no activity, and
        // its children were not on the way). A parent is reached through its children and has no step of its own.
        var catalog = TestData.Units();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        string[] Steps(MasterySnapshot mastery, string goal, PlaylistOptions? options = null) => [.. PlaylistBuilder.Default
            .Build(new PlaylistRequest(catalog, mastery, [new LearningGoal(goal)], options)).Steps.Select(s => $"{s.Competency}<{string.Join(",", s.DependsOn)}>")];
        var none = TestData.Mastered(engine, "ana");

        // B before C (its prerequisite), though C is declared first.
        Steps(none, "U").Should().Equal("B<>", "C<B>");
        PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, none, [new LearningGoal("U")])).Steps
            .Should().AllSatisfy(s => s.Goals.Should().Equal(new CompetencyId("U")));
        // One child mastered: the other alone, depending on nothing left in the playlist.
        Steps(TestData.Mastered(engine, "ana", "B"), "U").Should().Equal("C<>");
        // Nested: G through U and D, U through B and C. In the framework's sequence, children before parents, D (declared
        // before C and B, needing nothing) comes first.
        Steps(none, "G").Should().Equal("D<>", "B<>", "C<B>");
        // A parent with an activity of its own has its step after its children's, though declared before them.
        Steps(none, "H").Should().Equal("K<>", "H<>");
        // Every child mastered and no activity of its own: nothing left to teach, and no error.
        Steps(TestData.Mastered(engine, "ana", "B", "C"), "U").Should().BeEmpty();
        // Truly unreachable: a child with no activity of the included kinds (only checkpoints kept: every child has one,
        // so that passes; only videos: none has one, and the first child on the way is named).
        Steps(none, "U", new PlaylistOptions(kinds: [ActivityKind.Assessment])).Should().Equal("B<>", "C<B>");
        FluentActions.Invoking(() => Steps(none, "U", new PlaylistOptions(kinds: [ActivityKind.Video]))).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Goal 'U' cannot be reached: competency 'B' on the way has no activity of the included kinds.");
        // Its JSON reader takes it back: a parent without a step is reached through its children there too.
        var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, none, [new LearningGoal("G")]));
        PersonalizedLearningJson.DeserializePlaylist(PersonalizedLearningJson.Serialize(playlist), catalog).Should().Be(playlist);
        // U marked mastered by a teacher (evidence on U itself), goals U and C: U's way is empty, C's is C and B, for C
        // alone. U has no step either way, so the document lists it among the mastered parents, and the reader rebuilds
        // with U mastered (APlaylistDocument_ListsTheMasteredParentsWithoutSteps_AndIsHeldToThem).
        var teacher = engine.Assess(engine.Rebuild("ana", [Evidence.ForCompetency("t1", "ana", "U", EvidenceOutcome.Correct, Now.AddDays(-1)),
            Evidence.ForCompetency("t2", "ana", "U", EvidenceOutcome.Correct, Now.AddDays(-1))]), Now);
        var mixed = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, teacher, [new LearningGoal("U"), new LearningGoal("C")]));
        mixed.Steps.Select(s => $"{s.Competency}:{string.Join(",", s.Goals)}").Should().Equal("B:C", "C:C");
        PersonalizedLearningJson.DeserializePlaylist(PersonalizedLearningJson.Serialize(mixed), catalog).Should().Be(mixed);
        // A step left out is still refused.
        var json = PersonalizedLearningJson.Serialize(mixed);
        var cut = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        cut["steps"]!.AsArray().RemoveAt(0);
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(cut.ToJsonString(), catalog)).Should().Throw<System.Text.Json.JsonException>();
    }

    [Fact]
    public void Replan_AfterAGoalsDate_EqualsABuildThen_WithTheLateGoalFirst()
    {
        // Goals D in 30 days and E in 3 days, built now; re-planned 5 days later with B mastered, E's date two days gone.
        // A late goal keeps its date, the earliest, so E still leads, then what D still needs: C, then D.
        LearningGoal[] goals = [new("D", Now.AddDays(30)), new("E", Now.AddDays(3))];
        var before = PlaylistBuilder.Default.Build(Request(goals: goals));
        var later = new PlaylistRequest(Catalog, Engine.Assess(Mastered(("A", 1), ("B", 1)), Now.AddDays(5)), [.. goals]);

        var replanned = PlaylistBuilder.Default.Replan(before, later);

        replanned.Steps.Select(s => s.Competency.Value).Should().Equal("E", "C", "D"); // the project needs B and C both in the playlist
        replanned.Should().Be(PlaylistBuilder.Default.Build(later));
    }

    [Fact]
    public void Replan_DropsMasteredSteps_AndEqualsPlanningFromScratch()
    {
        var before = PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(sessionMinutes: 30)));
        var after = Request(Mastered(("A", 1), ("B", 1)), new PlaylistOptions(sessionMinutes: 30));

        var replanned = PlaylistBuilder.Default.Replan(before, after);

        replanned.Should().Be(PlaylistBuilder.Default.Build(after));
        replanned.Steps.Select(s => s.Competency.Value).Should().Equal("C", "D");
        var withoutProjects = new PlaylistOptions(sessionMinutes: 30, kinds: [ActivityKind.Practice, ActivityKind.Video, ActivityKind.Lesson, ActivityKind.Assessment]);
        var first = PlaylistBuilder.Default.Build(Request(options: withoutProjects));
        var second = PlaylistBuilder.Default.Replan(first, Request(Mastered(("A", 1), ("B", 1)), withoutProjects));
        second.Steps[0].Should().BeSameAs(first.Steps[1], "C's step did not change and is kept");
        second.Should().Be(PlaylistBuilder.Default.Build(Request(Mastered(("A", 1), ("B", 1)), withoutProjects)));
        // Items: B's (b-video 8, b-check 5), C's (c-lesson 15, c-check 6), D's (d-practice 10, d-check 10). Before: [8, 5,
        // 15] [6, 10, 10]. Without B's items: [15, 6] [10, 10]: the second session starts at d-practice, where no session
        // started before, so it is a new one (its minutes differ from the old one's).
        first.Sessions.Select(x => x.Minutes).Should().Equal(28, 26);
        second.Sessions.Select(x => x.Minutes).Should().Equal(21, 20);
        second.Sessions.Select(x => string.Join(",", x.Items.Select(i => i.Activity.Id))).Should().Equal("c-lesson,c-check", "d-practice,d-check");
    }

    [Fact]
    public void BadInput_IsRejected_WithClearErrors()
    {
        var snapshot = Engine.Assess(Mastered(("A", 1)), Now);
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, snapshot, [new LearningGoal("Z")])).Should().Throw<ArgumentException>()
            .WithMessage("Goal 'Z' is not in framework 'golden'.*");
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, snapshot, [new LearningGoal("D"), new LearningGoal("D")])).Should().Throw<ArgumentException>()
            .WithMessage("Goal 'D' is given twice.*");
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, snapshot, [])).Should().Throw<ArgumentException>().WithMessage("A playlist needs at least one goal.*");
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, snapshot, [default])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A playlist has a goal with an empty competency id (a default LearningGoal).*", "as a learner profile refuses it, not as an unknown competency")
            .Which.ParamName.Should().Be("goals");
        FluentActions.Invoking(() => new LearnerProfile("ana", [default])).Should().ThrowExactly<ArgumentException>().WithMessage("*a goal with an empty competency id*");
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, snapshot, [new LearningGoal("D", default(DateTimeOffset))])).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage("Goal 'D' has the default target date (0001-01-01T00:00:00.0000000+00:00), a date left unset; give a real date, or null for no date.*")
            .Which.ParamName.Should().Be("goals");
        FluentActions.Invoking(() => new PlaylistOptions(sessionMinutes: 0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The playlist options are not valid: sessionMinutes: a session budget must be a finite number of minutes greater than 0; got 0.*");
        FluentActions.Invoking(() => new PlaylistOptions(sessionMinutes: -30)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => PlaylistBuilder.Default.Build(new PlaylistRequest(Catalog, snapshot, [new LearningGoal("F")]))).Should().Throw<ArgumentException>()
            .WithMessage("Goal 'F' cannot be reached: competency 'F' on the way has no activity.*");
        FluentActions.Invoking(() => PlaylistBuilder.Default.Build(new PlaylistRequest(Catalog, snapshot, [new LearningGoal("D")], new PlaylistOptions(kinds: [ActivityKind.Video]))))
            .Should().Throw<ArgumentException>().WithMessage("Goal 'D' cannot be reached: competency '*' on the way has no activity of the included kinds.*");
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, snapshot, [new LearningGoal("D")], history: [Evidence.ForCompetency("q", "bob", "A", EvidenceOutcome.Correct, Now)]))
            .Should().Throw<ArgumentException>().WithMessage("Evidence 'q' is about learner 'bob', but the playlist is for 'ana'.*");
        // The one ownership check (issue 21): a playlist's history naming a competency outside the framework is refused
        // as a recommendation request's is (it was let through before).
        FluentActions.Invoking(() => new PlaylistRequest(Catalog, snapshot, [new LearningGoal("D")], history: [Evidence.ForCompetency("z", "ana", "Z", EvidenceOutcome.Correct, Now)]))
            .Should().Throw<ArgumentException>().WithMessage($"Evidence 'z' names competency 'Z', which is not in framework '{Catalog.Framework.Title}'.*").Which.ParamName.Should().Be("history");
        FluentActions.Invoking(() => PlaylistBuilder.Default.Build(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Property_ReplanningEvidenceAfterEvidence_EqualsPlanningFromScratch()
    {
        // Each round is one re-plan. Most are the simple change the incremental path takes (the learner masters what
        // is ready, or fails a checkpoint), but the rounds must also reach the rebuilds: mastery lost, a newly mastered
        // competency whose prerequisites are still in the playlist. A project in the playlist (catalogs with projects in a
        // quarter of the scenarios) is reported, not floored: it holds for all of a scenario's rounds or none, so its
        // share of rounds swings between 1 and 7 %.
        var reach = new BranchReach(output)
            .Floor(Simple, 0.5).Floor(KeptSession, 0.1).Floor(Unchanged, 0.03)
            .Floor(LostMastery, 0.05).Floor(GainedWithPrerequisiteInPlaylist, 0.01).Floor(Remediation, 0.03)
            .Floor(GainedParent, 0.01); // 6.5 % of 948 rounds measured; 3.5-4.6 % after the generator stopped making prerequisites of descendants
        Gen.Select(TestData.RandomDagWithHierarchy, Gen.Int, Gen.Int[0, 3]).Sample((dag, seed, projects) =>
        {
            var s = BuildScenario(dag, seed, projects == 0);
            var engine = new PersonalizedLearningEngine(s.Catalog, RollupMasteryModel.Latest());
            var random = new Random(seed);
            var log = s.Catalog.Framework.Competencies.Where(c => s.Mastery.IsMastered(c.Id)).SelectMany(c => Twice(c.Id, EvidenceOutcome.Correct)).ToList();
            var history = new List<Evidence>();
            Playlist current;
            try
            {
                current = PlaylistBuilder.Default.Build(new PlaylistRequest(s.Catalog, s.Mastery, s.Goals, s.Options));
            }
            catch (ArgumentException)
            {
                return;
            }

            var mastery = s.Mastery;
            for (var round = 0; round < 8 && !current.Steps.IsEmpty; round++)
            {
                // Mostly what the learner does: master the first step; sometimes fail a checkpoint, lose a competency,
                // or master a step at random (whose prerequisites may still be in the playlist).
                var learn = current.Steps.Where(x => x.Kind == PlaylistStepKind.Learn).ToList();
                var framework = s.Catalog.Framework;
                var mastered = mastery.Mastered;
                switch (random.Next(8))
                {
                    case 0 or 1 when learn.Count > 0 && learn[random.Next(learn.Count)].Checkpoint is { } check:
                        var failed = Evidence.ForActivity($"f{round}", "ana", check.Id, EvidenceOutcome.FromScore(0.1), Now);
                        log.Add(failed);
                        history.Add(failed);
                        break;
                    case 2 when !mastered.IsEmpty:
                        log.Add(Evidence.ForCompetency($"l{round}", "ana", mastered[random.Next(mastered.Length)], EvidenceOutcome.Incorrect, Now));
                        break;
                    case 3:
                        log.AddRange(Twice(learn.Count > 0 ? learn[random.Next(learn.Count)].Competency : framework.Competencies[random.Next(framework.Count)].Id, EvidenceOutcome.Correct, $"m{round}"));
                        break;
                    default:
                        log.AddRange(Twice(learn.Count > 0 ? learn[0].Competency : framework.Competencies[0].Id, EvidenceOutcome.Correct, $"s{round}"));
                        break;
                }

                var now = engine.Assess(engine.Rebuild("ana", log), Now);
                var request = new PlaylistRequest(s.Catalog, now, s.Goals, s.Options, history: [.. history]);
                Playlist fresh;
                try
                {
                    fresh = PlaylistBuilder.Default.Build(request);
                }
                catch (ArgumentException)
                {
                    return;
                }

                var replanned = PlaylistBuilder.Default.Replan(current, request);
                replanned.Should().Be(fresh, $"seed {seed}, round {round}\nOLD {Dump(current)}\nNEW {Dump(replanned)}\nFRESH {Dump(fresh)}");
                // Whatever the builder makes, its JSON reader takes back: the reader's rules are the builder's.
                PersonalizedLearningJson.DeserializePlaylist(PersonalizedLearningJson.Serialize(replanned), s.Catalog).Should().Be(replanned, $"seed {seed}, round {round}");
                using (var scope = reach.Case())
                {
                    Classify(scope, current, replanned, mastery, now, s.Catalog, s.Options);
                }

                // The mastery the playlist was made for: the old playlist's when the re-plan returned it unchanged.
                mastery = ReferenceEquals(replanned, current) ? mastery : now;
                current = replanned;
            }
        }, iter: PropertyRuns.Iter(300));

        reach.Check();

        static IEnumerable<Evidence> Twice(CompetencyId c, EvidenceOutcome outcome, string tag = "") =>
            [Evidence.ForCompetency($"{c}{tag}a", "ana", c, outcome, Now), Evidence.ForCompetency($"{c}{tag}b", "ana", c, outcome, Now)];
    }

    private const string Simple = "simple change (the incremental path)";
    private const string KeptSession = "kept an old session object";
    private const string Unchanged = "nothing changed: the same playlist";
    private const string LostMastery = "rebuild: mastery lost";
    private const string ProjectInPlaylist = "rebuild: a project step in the old playlist";
    private const string GainedWithPrerequisiteInPlaylist = "rebuild: newly mastered with a prerequisite on the way (a step, or a parent without one)";
    private const string GainedWithProject = "rebuild: newly mastered with a project that may now be placed";
    private const string Remediation = "re-planned playlist has a remediation step";
    private const string GainedParent = "rebuild: a newly mastered parent (the children it reached may drop)";

    // Labels a re-plan by the conditions under which PlaylistBuilder re-plans incrementally (its "simple change"), worked
    // out here from what the playlists and snapshots show: no project step in the old playlist, nothing mastered lost, and
    // each newly mastered competency either off the playlist or on a step that depends on no other step, with no project
    // aligned to it when projects are allowed. Also what only the incremental path can show: old session objects kept,
    // or the old playlist itself returned.
    private static void Classify(BranchReach.CaseScope scope, Playlist before, Playlist after, MasterySnapshot was, MasterySnapshot now, ActivityCatalog catalog, PlaylistOptions options)
    {
        var lost = scope.Hit(LostMastery, was.Mastered.Any(m => !now.IsMastered(m)));
        var project = scope.Hit(ProjectInPlaylist, before.Steps.Any(st => st.Kind == PlaylistStepKind.Project));
        var gainedBlocked = false;
        foreach (var gained in now.Mastered.Where(m => !was.IsMastered(m)))
        {
            var projectsAllowed = options.Kinds.IsEmpty || options.Kinds.Contains(ActivityKind.Project);
            gainedBlocked |= scope.Hit(GainedWithProject, projectsAllowed && catalog.GetActivitiesFor(gained).Any(a => a.Kind == ActivityKind.Project));
            gainedBlocked |= scope.Hit(GainedWithPrerequisiteInPlaylist,
                before.Steps.Any(st => st.Kind == PlaylistStepKind.Learn && st.Competency == gained && catalog.Framework.GetPrerequisites(gained).Any(p => !was.IsMastered(p))));
            gainedBlocked |= scope.Hit(GainedParent, !catalog.Framework.GetChildren(gained).IsEmpty);
        }

        var simple = scope.Hit(Simple, !lost && !project && !gainedBlocked);
        var kept = scope.Hit(KeptSession, after.Sessions.Any(x => before.Sessions.Any(o => ReferenceEquals(o, x))));
        var same = scope.Hit(Unchanged, ReferenceEquals(before, after));
        if ((kept || same) && !simple)
        {
            throw new InvalidOperationException("Only the incremental path keeps old sessions; the classification is wrong.");
        }

        scope.Hit(Remediation, after.Steps.Any(st => st.Kind == PlaylistStepKind.Remediate));
    }

    // Random frameworks, catalogs (some competencies without activities, some projects over two competencies),
    // mastered sets, goals and budgets.
    private sealed record Scenario(ActivityCatalog Catalog, MasterySnapshot Mastery, ImmutableArray<LearningGoal> Goals, PlaylistOptions Options, int Seed);

    // Projects in half the catalogs: a playlist with a project step is always rebuilt, never re-planned incrementally.
    private static readonly Gen<Scenario> Scenarios =
        from dag in TestData.RandomDagWithHierarchy
        from seed in Gen.Int
        from projects in Gen.Bool
        select BuildScenario(dag, seed, projects);

    private static Scenario BuildScenario(RandomFramework dag, int seed, bool projects = true)
    {
        var random = new Random(seed);
        var framework = TestData.Build(dag);
        var builder = new ActivityCatalogBuilder(framework);
        var kinds = Enum.GetValues<ActivityKind>();
        for (var i = 0; i < dag.Count; i++)
        {
            if (dag.IsParent(i) && random.Next(2) == 0)
            {
                continue; // a parent without an activity of its own, reached through its children
            }

            for (var k = 0; k < 1 + random.Next(4); k++)
            {
                var kind = kinds[random.Next(kinds.Length)];
                kind = kind == ActivityKind.Project && !projects ? ActivityKind.Practice : kind;
                ImmutableArray<ActivityAlignment> alignments = kind == ActivityKind.Project && dag.Count > 1 ? [new($"c{i}"), new($"c{(i + 1) % dag.Count}")] : [new($"c{i}")];
                builder.Add(new LearningActivity($"a{i}-{k}", $"A {i}-{k}", kind, 5 + random.Next(60), alignments, (LearningModality)random.Next(6)));
            }
        }

        var catalog = builder.Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var state = engine.Rebuild("ana", Enumerable.Range(0, dag.Count).Where(_ => random.Next(3) == 0)
            .SelectMany(i => new[] { Evidence.ForCompetency($"e{i}a", "ana", $"c{i}", EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"e{i}b", "ana", $"c{i}", EvidenceOutcome.Correct, Now) }));
        var goals = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(dag.Count)).Distinct()
            .Select(g => new LearningGoal($"c{g}", random.Next(2) == 0 ? null : Now.AddDays(random.Next(1, 90)))).ToImmutableArray();
        var options = new PlaylistOptions((AgencyLevel)random.Next(3), 1 + random.Next(4), random.Next(2) == 0 ? null : 20 + random.Next(60));
        return new Scenario(catalog, engine.Assess(state, Now), goals, options, seed);
    }

    [Fact]
    public void Property_PlaylistsRespectPrerequisites_CoverExactlyTheUnmasteredClosure_AndCutSessionsWithinBudget()
    {
        var reach = new BranchReach(output)
            .Floor("a step depends on another", 0.3).Floor("several sessions", 0.15).Floor("a session over budget", 0.05).Floor("a project step", 0.01)
            .Floor("a goal on a parent without an activity, built", 0.02).Floor("a child on the way", 0.1)
            .Floor("a mastered parent without a step, listed", 0.01); // 7.3-11.3 % of 300 in six local runs, 3 % in one CI run
        Scenarios.Sample(s =>
        {
            using var scope = reach.Case();
            var framework = s.Catalog.Framework;
            Playlist playlist;
            try
            {
                playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(s.Catalog, s.Mastery, s.Goals, s.Options));
            }
            catch (ArgumentException e) when (e.Message.Contains("cannot be reached", StringComparison.Ordinal))
            {
                return; // a competency on the way has no activity: checked by the golden bad-input test
            }

            // The reader rebuilds what the builder derives and compares: it must take back every first build too, and
            // write it again as it was read (the parents without steps found mastered, listed, among it).
            var json = PersonalizedLearningJson.Serialize(playlist);
            var read = PersonalizedLearningJson.DeserializePlaylist(json, s.Catalog);
            read.Should().Be(playlist, $"seed {s.Seed}");
            PersonalizedLearningJson.Serialize(read).Should().Be(json, $"seed {s.Seed}");
            scope.Hit("a mastered parent without a step, listed", json.Contains("\"masteredParents\"", StringComparison.Ordinal));
            var learn = playlist.Steps.Where(st => st.Kind == PlaylistStepKind.Learn).Select(st => st.Competency).ToList();
            // The unmastered closure of the goals over prerequisites and children (a parent is reached through its
            // children); a parent without an activity has no step of its own.
            var expected = new HashSet<CompetencyId>();
            var throughChildren = new HashSet<CompetencyId>();
            var stack = new Stack<CompetencyId>(s.Goals.Select(g => g.Competency).Where(g => !s.Mastery.IsMastered(g)));
            while (stack.TryPop(out var c))
            {
                if (!framework.GetChildren(c).IsEmpty && s.Catalog.GetActivitiesFor(c).IsEmpty)
                {
                    if (throughChildren.Add(c))
                    {
                        framework.GetPrerequisites(c).Concat(framework.GetChildren(c)).Where(p => !s.Mastery.IsMastered(p)).ToList().ForEach(stack.Push);
                    }
                }
                else if (expected.Add(c))
                {
                    framework.GetPrerequisites(c).Concat(framework.GetChildren(c)).Where(p => !s.Mastery.IsMastered(p)).ToList().ForEach(stack.Push);
                }
            }

            learn.Should().OnlyHaveUniqueItems();
            learn.ToHashSet().SetEquals(expected).Should().BeTrue($"seed {s.Seed}");
            scope.Hit("a goal on a parent without an activity, built", s.Goals.Any(g => throughChildren.Contains(g.Competency)));
            scope.Hit("a child on the way", expected.Concat(throughChildren).Any(c => framework.GetParents(c).Any(p => expected.Contains(p) || throughChildren.Contains(p))));
            var position = learn.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
            foreach (var c in learn)
            {
                foreach (var p in framework.GetPrerequisites(c))
                {
                    // A parent without an activity has no step: its children's steps stand for it.
                    (s.Mastery.IsMastered(p) || throughChildren.Contains(p) || position[p] < position[c]).Should().BeTrue($"{p} comes before {c} (seed {s.Seed})");
                }
            }

            var items = playlist.Sessions.SelectMany(se => se.Items).ToList();
            // The items are each step's first choice and distinct checkpoint, in step order.
            items.Select(i => (i.Kind, i.Competency, i.Activity)).Should().Equal(playlist.Steps.SelectMany(st =>
                st.Choices.Take(1).Concat(st.Checkpoint is { } check && !st.Choices.Take(1).Contains(check) ? [check] : []).Select(a => (st.Kind, st.Competency, a))));
            foreach (var session in playlist.Sessions)
            {
                if (s.Options.SessionMinutes is { } budget && session.Minutes > budget + 1e-9)
                {
                    session.OverBudget.Should().BeTrue();
                    session.Items.Should().ContainSingle();
                }
            }

            playlist.Steps.All(st => st.Choices.Length >= 1 && st.Choices.Length <= s.Options.EffectiveChoicesPerStep).Should().BeTrue();
            scope.Hit("a step depends on another", playlist.Steps.Any(st => !st.DependsOn.IsEmpty));
            scope.Hit("several sessions", playlist.Sessions.Length > 1);
            scope.Hit("a session over budget", playlist.Sessions.Any(se => se.OverBudget));
            scope.Hit("a project step", playlist.Steps.Any(st => st.Kind == PlaylistStepKind.Project));
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }

    [Fact]
    public void Property_ReplanningAfterEvidence_EqualsPlanningFromScratch()
    {
        var reach = new BranchReach(output).Floor(Simple, 0.4).Floor(LostMastery, 0.1).Floor(GainedParent, 0.003); // 6.3 % of 300; 1-4.7 % after the generator stopped making prerequisites of descendants
        Scenarios.Sample(s =>
        {
            using var scope = reach.Case();
            var engine = new PersonalizedLearningEngine(s.Catalog, RollupMasteryModel.Latest());
            var framework = s.Catalog.Framework;
            Playlist before;
            try
            {
                before = PlaylistBuilder.Default.Build(new PlaylistRequest(s.Catalog, s.Mastery, s.Goals, s.Options));
            }
            catch (ArgumentException)
            {
                return;
            }

            // New evidence: three times in four, master the first learning step's competency (what the learner does);
            // otherwise lose a mastered one.
            var mastered = s.Mastery.Mastered.ToList();
            var random = new Random(s.Seed);
            var lose = mastered.Count > 0 && random.Next(4) == 0;
            var target = lose ? mastered[random.Next(mastered.Count)]
                : before.Steps.FirstOrDefault(st => st.Kind == PlaylistStepKind.Learn)?.Competency ?? framework.Competencies[0].Id;
            var evidence = mastered.SelectMany(m => new[] { Evidence.ForCompetency($"{m}a", "ana", m, EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"{m}b", "ana", m, EvidenceOutcome.Correct, Now) }).ToList();
            evidence.Add(Evidence.ForCompetency("n1", "ana", target, EvidenceOutcome.Correct, Now));
            evidence.Add(Evidence.ForCompetency("n2", "ana", target, mastered.Contains(target) ? EvidenceOutcome.Incorrect : EvidenceOutcome.Correct, Now));
            var now = engine.Assess(engine.Rebuild("ana", evidence), Now);
            var request = new PlaylistRequest(s.Catalog, now, s.Goals, s.Options);

            Playlist fresh;
            try
            {
                fresh = PlaylistBuilder.Default.Build(request);
            }
            catch (ArgumentException)
            {
                return;
            }

            var replanned = PlaylistBuilder.Default.Replan(before, request);
            replanned.Should().Be(fresh, $"seed {s.Seed}");
            Classify(scope, before, replanned, s.Mastery, now, s.Catalog, s.Options);
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }
}

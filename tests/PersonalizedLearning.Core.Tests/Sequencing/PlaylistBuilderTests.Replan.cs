using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

// The incremental re-plan worked by hand (PlaylistBuilder.Incremental.cs, the re-cut in PlaylistBuilder.Sessions.cs):
// remediation steps added, kept, replaced and dropped between plans, sessions kept before the first change, cut again
// from there and taken over again where a session starts where an old one did.
//
// Framework "replan": W, U and V (mastered) are the prerequisites; S1..S6, all goals (no dates), each need W but S3,
// which needs U and V. Guided (one choice), budget 20, so each step's items are its practice then its check:
//   S1 8+4, S2 6+6, S3 4+3, S4 8+7, S5 6+3, S6 5+10; remediation lessons w 6, u 9, v 9 (one item each).
// The first plan (items 0-11), packed in order (an item that does not fit starts the next session):
//   [s1p 8, s1c 4, s2p 6] 18 | [s2c 6, s3p 4, s3c 3] 13 | [s4p 8, s4c 7] 15 | [s5p 6, s5c 3, s6p 5] 14 | [s6c 10]
//   starting at items 0, 3, 6, 8 and 11.
public partial class PlaylistBuilderTests
{
    private const string FirstPlanCut = "s1p,s1c,s2p 18 | s2c,s3p,s3c 13 | s4p,s4c 15 | s5p,s5c,s6p 14 | s6c 10";

    private static readonly ActivityCatalog ReplanCatalog = BuildReplanCatalog();

    private static readonly PersonalizedLearningEngine ReplanEngine = new(ReplanCatalog, RollupMasteryModel.Latest());

    private static readonly ImmutableArray<LearningGoal> ReplanGoals = [.. Enumerable.Range(1, 6).Select(i => new LearningGoal($"S{i}"))];

    private static ActivityCatalog BuildReplanCatalog()
    {
        var framework = new CompetencyFrameworkBuilder("replan")
            .AddCompetency("W", "W").AddCompetency("U", "U").AddCompetency("V", "V")
            .AddCompetency("S1", "S1").AddCompetency("S2", "S2").AddCompetency("S3", "S3").AddCompetency("S4", "S4").AddCompetency("S5", "S5").AddCompetency("S6", "S6")
            .AddPrerequisite("W", "S1").AddPrerequisite("W", "S2").AddPrerequisite("U", "S3").AddPrerequisite("V", "S3")
            .AddPrerequisite("W", "S4").AddPrerequisite("W", "S5").AddPrerequisite("W", "S6")
            .Build();
        var builder = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("w", "w", ActivityKind.Lesson, 6, TestData.Align("W")))
            .Add(new LearningActivity("u", "u", ActivityKind.Lesson, 9, TestData.Align("U")))
            .Add(new LearningActivity("v", "v", ActivityKind.Lesson, 9, TestData.Align("V")));
        (int Practice, int Check)[] minutes = [(8, 4), (6, 6), (4, 3), (8, 7), (6, 3), (5, 10)];
        for (var i = 0; i < minutes.Length; i++)
        {
            builder.Add(new LearningActivity($"s{i + 1}p", $"s{i + 1}p", ActivityKind.Practice, minutes[i].Practice, TestData.Align($"S{i + 1}")))
                .Add(new LearningActivity($"s{i + 1}c", $"s{i + 1}c", ActivityKind.Assessment, minutes[i].Check, TestData.Align($"S{i + 1}")));
        }

        return builder.Build();
    }

    // W, U and V mastered at these scores (1 unless given), and the S competencies listed (two perfect scores each).
    private static MasterySnapshot Knows(double w = 1, double u = 1, double v = 1, params string[] mastered) =>
        ReplanEngine.Assess(ReplanEngine.Rebuild("ana", new[] { ("W", w), ("U", u), ("V", v) }.Concat(mastered.Select(m => (m, 1.0)))
            .SelectMany(s => new[]
            {
                Evidence.ForCompetency($"{s.Item1}a", "ana", s.Item1, EvidenceOutcome.FromScore(s.Item2), Now.AddDays(-1)),
                Evidence.ForCompetency($"{s.Item1}b", "ana", s.Item1, EvidenceOutcome.FromScore(s.Item2), Now.AddDays(-1)),
            })), Now);

    private static PlaylistRequest ReplanRequest(MasterySnapshot mastery, params Evidence[] history) =>
        new(ReplanCatalog, mastery, ReplanGoals, new PlaylistOptions(AgencyLevel.Guided, sessionMinutes: 20), history: [.. history]);

    private static Evidence Checked(string id, string checkpoint, double score) => Evidence.ForActivity(id, "ana", checkpoint, EvidenceOutcome.FromScore(score), Now);

    private static string Cut(Playlist playlist) =>
        string.Join(" | ", playlist.Sessions.Select(s => string.Join(",", s.Items.Select(i => i.Activity.Id)) + " " + s.Minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    // Per session of the re-plan: "old i" when it is the previous playlist's session i itself (the same object), else "new".
    private static string[] Kept(Playlist before, Playlist after) =>
        [.. after.Sessions.Select(s => before.Sessions.IndexOf(s, ReferenceEqualityComparer.Instance) is var i and >= 0 ? $"old {i}" : "new")];

    // The re-plan, which the library promises equals a build from scratch on the same request.
    private static Playlist ReplannedAsBuilt(Playlist before, PlaylistRequest request)
    {
        var replanned = PlaylistBuilder.Default.Replan(before, request);
        replanned.Should().Be(PlaylistBuilder.Default.Build(request), "a re-plan equals a build from scratch");
        return replanned;
    }

    [Fact]
    public void Replan_MasteringAMiddleStep_KeepsTheSessionsBeforeIt_AndCutsAgainFromTheOneThatMayTakeNewItems()
    {
        var first = PlaylistBuilder.Default.Build(ReplanRequest(Knows()));

        var second = ReplannedAsBuilt(first, ReplanRequest(Knows(mastered: "S4")));

        // S4 (items 6-7) goes. The session before the one starting at S4 ended there because s4p did not fit (13 + 8 > 20);
        // it is cut again, from s2c (the middle of S2's items), and now takes s5p (13 + 6 = 19). The first is kept.
        Cut(first).Should().Be(FirstPlanCut);
        Cut(second).Should().Be("s1p,s1c,s2p 18 | s2c,s3p,s3c,s5p 19 | s5c,s6p,s6c 18");
        Kept(first, second).Should().Equal("old 0", "new", "new");
        second.Steps.Select(s => s.Competency.Value).Should().Equal("S1", "S2", "S3", "S5", "S6");
        second.Steps.Should().AllSatisfy(s => first.Steps.Should().Contain(x => ReferenceEquals(x, s)), "no step changed");
    }

    [Fact]
    public void Replan_TwoStepsMasteredApart_CutsAgainFromTheFirst_AndTakesOverFromAStartAfterTheLast()
    {
        var first = PlaylistBuilder.Default.Build(ReplanRequest(Knows()));

        var second = ReplannedAsBuilt(first, ReplanRequest(Knows(mastered: ["S3", "S5"])));

        // S3 (items 4-5) and S5 (8-9) go. Kept: the first session (the second started at item 3, before S3). From s2c:
        // [s2c 6, s4p 8] 14 (s4c would make 21), [s4c 7, s6p 5] 12 (s6c would make 22); then s6c starts a session, as it
        // did before (old item 11, four items on): the old last session is taken over.
        Cut(second).Should().Be("s1p,s1c,s2p 18 | s2c,s4p 14 | s4c,s6p 12 | s6c 10");
        Kept(first, second).Should().Equal("old 0", "new", "new", "old 4");
    }

    [Fact]
    public void Replan_AFailedCheckpoint_InsertsRemediationBeforeItsStep_ThenKeepsItAsItIs()
    {
        var plan = PlaylistBuilder.Default.Build(ReplanRequest(Knows()));
        var failed = Checked("f4", "s4c", 0.1);
        var request = ReplanRequest(Knows(), failed);

        var remediated = ReplannedAsBuilt(plan, request);

        // s4c failed: W (S4's only prerequisite) is remediated right before S4, its lesson (6) the one item. From s2c:
        // [s2c 6, s3p 4, s3c 3, w 6] 19; then s4p starts a session, as it did before: the rest is taken over.
        remediated.Steps.Select(s => $"{s.Kind} {s.Competency}").Should().Equal("Learn S1", "Learn S2", "Learn S3", "Remediate W", "Learn S4", "Learn S5", "Learn S6");
        Cut(remediated).Should().Be("s1p,s1c,s2p 18 | s2c,s3p,s3c,w 19 | s4p,s4c 15 | s5p,s5c,s6p 14 | s6c 10");
        Kept(plan, remediated).Should().Equal("old 0", "new", "old 2", "old 3", "old 4");

        // Nothing new: the same playlist.
        PlaylistBuilder.Default.Replan(remediated, request).Should().BeSameAs(remediated);

        // S6 mastered, the failure still the last word on S4: the remediation step is kept, the same object, as are the
        // sessions up to the one that started at s5p (item 9), cut again without S6: [s5p 6, s5c 3] 9.
        var later = ReplannedAsBuilt(remediated, ReplanRequest(Knows(mastered: "S6"), failed));
        later.Steps.Should().HaveCount(6);
        for (var i = 0; i < 6; i++)
        {
            later.Steps[i].Should().BeSameAs(remediated.Steps[i]);
        }

        Cut(later).Should().Be("s1p,s1c,s2p 18 | s2c,s3p,s3c,w 19 | s4p,s4c 15 | s5p,s5c 9");
        Kept(remediated, later).Should().Equal("old 0", "old 1", "old 2", "new");
    }

    [Fact]
    public void Replan_APassedCheckpointAfterTheFailure_DropsTheRemediation_AndTakesOverTheSessionsAfterIt()
    {
        var failed = Checked("f4", "s4c", 0.1);
        var remediated = PlaylistBuilder.Default.Build(ReplanRequest(Knows(), failed));

        var passed = ReplannedAsBuilt(remediated, ReplanRequest(Knows(), failed, Checked("p4", "s4c", 0.9)));

        // The pass ends S4's failure run: the remediation step (item 6) goes, and the cut is the first plan's again. The
        // session holding w is cut again from s2c; s4p then starts a session where one started before: taken over.
        passed.Steps.Select(s => s.Kind).Should().NotContain(PlaylistStepKind.Remediate);
        Cut(passed).Should().Be(FirstPlanCut);
        Kept(remediated, passed).Should().Equal("old 0", "new", "old 2", "old 3", "old 4");
    }

    [Fact]
    public void Replan_MasteringARemediatedStep_DropsItsRemediationWithIt()
    {
        var failed = Checked("f5", "s5c", 0.1);
        var remediated = PlaylistBuilder.Default.Build(ReplanRequest(Knows(), failed));

        var mastered = ReplannedAsBuilt(remediated, ReplanRequest(Knows(mastered: "S5"), failed));

        // Before: w (item 8) starts a session, [w 6, s5p 6, s5c 3, s6p 5] 20. S5 mastered: w goes with it. The session that
        // ended at w may take new items, so the cut starts again at s4p and takes s6p (15 + 5 = 20); s6c then starts a
        // session where one started before (item 12), taken over.
        Cut(remediated).Should().Be("s1p,s1c,s2p 18 | s2c,s3p,s3c 13 | s4p,s4c 15 | w,s5p,s5c,s6p 20 | s6c 10");
        mastered.Steps.Select(s => s.Competency.Value).Should().Equal("S1", "S2", "S3", "S4", "S6");
        Cut(mastered).Should().Be("s1p,s1c,s2p 18 | s2c,s3p,s3c 13 | s4p,s4c,s6p 20 | s6c 10");
        Kept(remediated, mastered).Should().Equal("old 0", "old 1", "new", "old 4");
    }

    [Fact]
    public void Replan_AnotherWeakestPrerequisite_ReplacesTheRemediationStep()
    {
        var failed = Checked("f3", "s3c", 0.1);
        var before = PlaylistBuilder.Default.Build(ReplanRequest(Knows(v: 0.9), failed));

        var after = ReplannedAsBuilt(before, ReplanRequest(Knows(u: 0.9), failed));

        // s3c failed. Before, V (0.9) is S3's weaker prerequisite; after, U (0.9, V back at 1): u replaces v, both 9 minutes.
        // [s2c 6, v 9, s3p 4] 19 ended where s3c did not fit; cut again from s2c with u, s3c then starts a session where
        // one started before (item 6): taken over.
        Cut(before).Should().Be("s1p,s1c,s2p 18 | s2c,v,s3p 19 | s3c,s4p,s4c 18 | s5p,s5c,s6p 14 | s6c 10");
        after.Steps[2].Should().Match<PlaylistStep>(s => s.Kind == PlaylistStepKind.Remediate && s.Competency == new CompetencyId("U") && s.RemediationFor == new CompetencyId("S3"));
        Cut(after).Should().Be("s1p,s1c,s2p 18 | s2c,u,s3p 19 | s3c,s4p,s4c 18 | s5p,s5c,s6p 14 | s6c 10");
        Kept(before, after).Should().Equal("old 0", "new", "old 2", "old 3", "old 4");
    }

    [Fact]
    public void Replan_AfterAReplan_KeepsTheSessionsThatReplanKept()
    {
        // The re-plan that mastered S4 kept the first session and cut the others (its session starts: 0, 3, 7). S6
        // mastered next (its items 8-9): the sessions starting at 0 and 3 are kept, [s5c 3] is cut again.
        var first = PlaylistBuilder.Default.Build(ReplanRequest(Knows()));
        var noS4 = ReplannedAsBuilt(first, ReplanRequest(Knows(mastered: "S4")));

        var noS6 = ReplannedAsBuilt(noS4, ReplanRequest(Knows(mastered: ["S4", "S6"])));

        Cut(noS6).Should().Be("s1p,s1c,s2p 18 | s2c,s3p,s3c,s5p 19 | s5c 3");
        Kept(noS4, noS6).Should().Equal("old 0", "old 1", "new");
    }
}

using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

// Sessions: cutting by the budget, and keeping old sessions on a re-plan (PlaylistBuilder.Sessions.cs).
public partial class PlaylistBuilderTests
{
    [Fact]
    public void Sessions_AreCutByTheBudget_AndALongActivityIsFlagged()
    {
        // Items: b-video 8, b-check 5, c-lesson 15 (28), c-check 6 would make 34 > 30: next session; the 40-minute
        // project is longer than the budget: a session of its own, flagged; then d-practice 10 and d-check 10.
        var sessions = PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(sessionMinutes: 30))).Sessions;

        sessions.Select(s => (string.Join(",", s.Items.Select(i => i.Activity.Id)), s.Minutes, s.OverBudget)).Should().Equal(
            ("b-video,b-check,c-lesson", 28.0, false),
            ("c-check", 6.0, false),
            ("bc-project", 40.0, true),
            ("d-practice,d-check", 20.0, false));
        sessions[1].Items[0].Should().Be(new SessionItem(PlaylistStepKind.Learn, "C", Catalog.GetActivity("c-check"), 6));
        sessions[2].Items[0].Kind.Should().Be(PlaylistStepKind.Project);
    }

    [Fact]
    public void Replan_KeepsTheSessionsAfterTheChange_WhenACutFallsWhereItDidBefore()
    {
        var options = new PlaylistOptions(AgencyLevel.Guided, sessionMinutes: 13, kinds: [ActivityKind.Video, ActivityKind.Lesson, ActivityKind.Practice, ActivityKind.Assessment]);
        var first = PlaylistBuilder.Default.Build(Request(options: options));
        var after = Request(Mastered(("A", 1), ("B", 1)), options);

        var second = PlaylistBuilder.Default.Replan(first, after);

        // Before: [b-video 8, b-check 5] [c-lesson 15, flagged] [c-check 6] [d-practice 10] [d-check 10]. B mastered: the
        // first session goes, the cut starts at c-lesson where a session started before, and every session is kept.
        first.Sessions.Select(x => x.Minutes).Should().Equal(13, 15, 6, 10, 10);
        second.Should().Be(PlaylistBuilder.Default.Build(after));
        second.Sessions.Should().HaveCount(4);
        for (var i = 0; i < 4; i++)
        {
            second.Sessions[i].Should().BeSameAs(first.Sessions[i + 1]);
        }
    }
}

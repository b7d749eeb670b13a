using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Learners;

public class EvidenceTrackTests
{
    [Fact]
    public void CountAtOrBefore_CountsThePiecesDatedAtOrBeforeTheMoment_ComparedAsInstants()
    {
        // Pieces at minutes 0, 10, 10, 20, 30. At or before −1: none; 0: 1; 5: 1; 10: 3 (both at 10); 15: 3; 20: 4;
        // 29: 4; 30: 5 (the last, the fast path); 40: 5.
        var track = EvidenceTrack.Of([At("a", 0), At("b", 10), At("c", 10), At("d", 20), At("e", 30)], default);

        new[] { -1, 0, 5, 10, 15, 20, 29, 30, 40 }.Select(m => track.CountAtOrBefore(TestData.Start.AddMinutes(m)))
            .Should().Equal(0, 1, 1, 3, 3, 4, 4, 5, 5);
        track.CountAtOrBefore(TestData.Start.AddMinutes(10).ToOffset(TimeSpan.FromHours(-5))).Should().Be(3, "the same instant at another offset");
        EvidenceTrack.Empty.CountAtOrBefore(TestData.Start).Should().Be(0);
        EvidenceTrack.Of([At("a", 0)], default).CountAtOrBefore(TestData.Start.AddTicks(-1)).Should().Be(0);
    }

    [Fact]
    public void Append_FromTheNewestVersion_FillsTheSharedBuffer_AndEveryOlderVersionKeepsItsOwnPieces()
    {
        var one = EvidenceTrack.Of([At("a", 0)], default);  // a buffer of 1, full
        var two = one.Append([At("b", 1)], default);       // past its end: a copy into max(4, 2 · 2) = 4 slots
        var three = two.Append([At("c", 2)], default);     // slot 2 of two's buffer, claimed by three
        var four = three.Append([At("d", 3)], default);    // slot 3: the buffer exactly full

        // two recorded into again, three times: slot 2 is three's, so each copies.
        var x = two.Append([At("x", 2)], default);
        var y = two.Append([At("y", 2)], default);
        var z = two.Append([At("z", 2)], default);

        SameBuffer(two, three).Should().BeTrue();
        SameBuffer(three, four).Should().BeTrue("the last free slot is used, not copied");
        SameBuffer(two, x).Should().BeFalse();
        Ids(one).Should().Equal("a");
        Ids(two).Should().Equal("a", "b");
        Ids(three).Should().Equal("a", "b", "c");
        Ids(four).Should().Equal("a", "b", "c", "d");
        Ids(x).Should().Equal("a", "b", "x");
        Ids(y).Should().Equal("a", "b", "y");
        Ids(z).Should().Equal("a", "b", "z");
        four.Last.Id.Should().Be(new EvidenceId("d"));
    }

    private static Evidence At(string id, int minute) =>
        Evidence.ForCompetency(id, "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddMinutes(minute));

    private static string[] Ids(EvidenceTrack track) => [.. track.Items.ToArray().Select(e => e.Id.Value)];

    private static bool SameBuffer(EvidenceTrack a, EvidenceTrack b) =>
        Unsafe.AreSame(ref MemoryMarshal.GetReference(a.Items), ref MemoryMarshal.GetReference(b.Items));
}

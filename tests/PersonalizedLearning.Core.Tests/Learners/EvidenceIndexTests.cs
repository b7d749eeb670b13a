using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Learners;

public class EvidenceIndexTests
{
    [Fact]
    public void With_CountsLiveAndRetractedIds_AsTheyMoveBetweenThem_AndLeavesTheOldIndexWhole()
    {
        var two = EvidenceIndex.Empty.With([Set("e1"), Set("e2")]);
        var oneRetracted = two.With([Retract("e1")]);              // live 2 − 1, retracted 0 + 1
        var again = oneRetracted.With([Retract("e1"), Retract("e3")]); // e1 stays one tombstone; e3, unknown, is a new one
        var back = again.With([Set("e1")]);                        // a tombstone replaced by evidence

        (two.Live, two.Retracted).Should().Be((2, 0));
        (oneRetracted.Live, oneRetracted.Retracted).Should().Be((1, 1));
        (again.Live, again.Retracted).Should().Be((1, 2));
        (back.Live, back.Retracted).Should().Be((2, 1));
        back.TryGet("e1", out var e1).Should().BeTrue();
        e1!.Id.Should().Be(new EvidenceId("e1"));
        back.TryGet("e3", out var e3).Should().BeTrue();
        e3.Should().BeNull();
        back.TryGet("e4", out _).Should().BeFalse();
        again.TryGet("e1", out var stillRetracted).Should().BeTrue();
        stillRetracted.Should().BeNull("an older index is left whole");

        EvidenceIndex.Empty.With([]).Should().BeSameAs(EvidenceIndex.Empty, "no change, no new index");
        back.With([]).Should().BeSameAs(back);
    }

    [Fact]
    public void With_PastTheDeltasLimit_MergesBaseDeltaAndChanges_KeepingEveryEntry()
    {
        // 40 retractions at once: 0 + 40 > max(32, 0 / 2), so they are merged at once into a base sized live + retracted
        // = 40 (live − retracted would be −40, which a dictionary refuses).
        var index = EvidenceIndex.Empty.With([.. Enumerable.Range(0, 40).Select(i => Retract($"r{i}"))]);

        // Then one piece at a time: the first 32 go to the delta (32 ≤ max(32, 40 / 2)); the 33rd (33 > 32) merges the
        // base's 40 tombstones, the delta's 32 pieces and itself.
        for (var i = 0; i < 33; i++)
        {
            index = index.With([Set($"e{i}")]);
        }

        (index.Live, index.Retracted).Should().Be((33, 40));
        index.Entries.Should().HaveCount(73);
        for (var i = 0; i < 40; i++)
        {
            index.TryGet($"r{i}", out var tombstone).Should().BeTrue();
            tombstone.Should().BeNull();
        }

        for (var i = 0; i < 33; i++)
        {
            index.TryGet($"e{i}", out var piece).Should().BeTrue();
            piece!.Id.Should().Be(new EvidenceId($"e{i}"));
        }
    }

    [Fact]
    public void With_OneChangeAtATime_CostsAmortisedConstant_NotACopyOfTheIndex()
    {
        // 20,000 pieces recorded one at a time. Kept in a delta until it outgrows half the base, the merges copy about
        // 3n entries in all; merging on every change would copy n²/2 = 2·10⁸ entries (gigabytes), merging every 32 changes
        // n²/64 = 6.25·10⁶ entries of a dictionary (about 24 bytes each with its bucket: 150 MB).
        const int n = 20_000;
        var changes = Enumerable.Range(0, n).Select(i => new[] { Set($"e{i}") }).ToArray();
        var index = EvidenceIndex.Empty;

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var change in changes)
        {
            index = index.With(change);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        index.Live.Should().Be(n);
        allocated.Should().BeLessThan(ALimit, $"{allocated:N0} bytes");
    }

    [Fact]
    public void Adopt_CountsTheTombstones()
    {
        var adopted = EvidenceIndex.Adopt(new Dictionary<EvidenceId, Evidence?>
        {
            ["e1"] = Piece("e1"), ["r1"] = null, ["e2"] = Piece("e2"), ["r2"] = null, ["r3"] = null,
        });

        (adopted.Live, adopted.Retracted).Should().Be((2, 3));
    }

    [Fact]
    public void SetEquals_SameIdsWithEqualEvidenceOrRetractedInBoth_WhateverTheOrderOfChanges()
    {
        var index = EvidenceIndex.Empty.With([Set("e1"), Set("e2"), Retract("r1")]);
        var sameOtherwiseBuilt = EvidenceIndex.Empty.With([Retract("r1")]).With([Set("e2")]).With([Set("e1")]);

        index.SetEquals(sameOtherwiseBuilt).Should().BeTrue();
        sameOtherwiseBuilt.SetEquals(index).Should().BeTrue();

        // Every entry of the smaller one is in the larger: the counts decide.
        EvidenceIndex.Empty.With([Set("e1"), Retract("r1")]).SetEquals(index).Should().BeFalse("one live id fewer");
        index.SetEquals(index.With([Retract("r2")])).Should().BeFalse("one tombstone fewer");
        index.With([Retract("r2")]).SetEquals(index).Should().BeFalse("one tombstone more");

        // The same counts (2 live, 1 retracted).
        index.SetEquals(EvidenceIndex.Empty.With([Set("e1"), Set("e3"), Retract("r1")])).Should().BeFalse("another id");
        index.SetEquals(EvidenceIndex.Empty.With([Set("e1"), Retract("e2"), Set("r1")])).Should().BeFalse("e2 retracted, r1 live");
        index.SetEquals(EvidenceIndex.Empty.With([Set("e1"), new("e2", Piece("e2", minute: 5)), Retract("r1")])).Should().BeFalse("e2 with other content");
    }

    // Applied by hand: merging every 32 changes allocated 195 MB in this test, merging on every change 6.2 GB.
    private const long ALimit = 60_000_000;

    private static Evidence Piece(string id, int minute = 0) =>
        Evidence.ForCompetency(id, "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddMinutes(minute));

    private static KeyValuePair<EvidenceId, Evidence?> Set(string id) => new(id, Piece(id));

    private static KeyValuePair<EvidenceId, Evidence?> Retract(string id) => new(id, null);
}

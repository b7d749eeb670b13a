using PersonalizedLearning;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace DocsHowTo;

public sealed class MapYourLrsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MapAsync_EightStatements_TwoEvidenceOneVoidedAndFourRejectionsWithTheirReasons()
    {
        var catalog = MapYourLrs.Catalog();

        var batch = await MapYourLrs.MapAsync(MapYourLrs.Mapper(catalog), TestFiles.Path("statements.json"));

        // Data/statements.json, by hand: 1 ana scored 0.8; 2 ana passed (no result: correct); 3 statement 1 again;
        // 4 an activity of another LMS; 5 a scaled score of 1.5; 6 a verb that gives no evidence; 7 ben answered
        // incorrectly; 8 ben voids statement 7 (so 7's evidence is left out of this batch).
        batch.Statements.Should().Be(8);
        batch.Evidence.Select(e => (e.Id.Value, e.Learner.Value, e.Activity!.Value.Value, e.Outcome.Score)).Should().Equal(
            ("6f1c0b9e-3c2a-4d5e-8f70-000000000001", "https://sis.example.org#ana", "f1-check", 0.8),
            ("6f1c0b9e-3c2a-4d5e-8f70-000000000002", "https://sis.example.org#ana", "f1-check", 1.0));
        batch.Evidence[0].Duration.Should().Be(TimeSpan.FromMinutes(12));
        batch.Voided.Select(v => v.Value).Should().Equal("6f1c0b9e-3c2a-4d5e-8f70-000000000007");
        batch.Rejected.Select(r => (r.Index, r.Reason)).Should().Equal(
            (2, XapiRejectionReason.Duplicate),
            (3, XapiRejectionReason.UnknownActivity),
            (4, XapiRejectionReason.ScoreOutOfRange),
            (5, XapiRejectionReason.UnsupportedVerb));
        // As the article quotes it.
        batch.Rejected[1].Message.Should().Be("Activity 'https://other-lms.example.org/quiz/7' is not in the catalog and the context names no competency of the framework.");
    }

    [Fact]
    public async Task Record_TheBatch_AnaMastersF1WithADecayingAverageOf093AndBenHasNoEvidence()
    {
        var catalog = MapYourLrs.Catalog();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.DecayingAverage(0.65), MasteryPolicy.Default, timeProvider: new FixedClock(Noon));
        var batch = await MapYourLrs.MapAsync(MapYourLrs.Mapper(catalog), TestFiles.Path("statements.json"));

        var states = MapYourLrs.Record(engine, batch, [], []);

        // Canvas's decaying average, d = 0.65: D = 0.8, then 0.35·0.8 + 0.65·1.0 = 0.93 ≥ 0.85 with 2 pieces.
        states.Keys.Select(k => k.Value).Should().Equal("https://sis.example.org#ana");
        var f1 = engine.Assess(states["https://sis.example.org#ana"], Noon).Get("F1");
        f1.Estimate.Should().BeApproximately(0.93, 1e-12);
        f1.Level.Should().Be(MasteryLevel.Mastered);
    }

    [Fact]
    public void Record_VoidingInALaterBatch_RetractsEvidenceAlreadyRecorded()
    {
        var catalog = MapYourLrs.Catalog();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.DecayingAverage(0.65), MasteryPolicy.Default, timeProvider: new FixedClock(Noon));
        // Batches come from the mapper (only the library makes an XapiMappingResult): two statements of ana, then a
        // later batch that voids the second.
        var mapper = MapYourLrs.Mapper(catalog);
        const string Ana = """{"objectType": "Agent", "account": {"homePage": "https://sis.example.org", "name": "ana"}}""";
        const string Check = """{"objectType": "Activity", "id": "https://lms.example.org/activities/f1-check"}""";
        var first = mapper.Map($$$"""
            [{"id": "6f1c0b9e-3c2a-4d5e-8f70-0000000000a1", "actor": {{{Ana}}}, "verb": {"id": "http://adlnet.gov/expapi/verbs/scored"},
              "object": {{{Check}}}, "result": {"score": {"scaled": 0.4}}, "timestamp": "2026-11-02T10:00:00Z"},
             {"id": "6f1c0b9e-3c2a-4d5e-8f70-0000000000a2", "actor": {{{Ana}}}, "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
              "object": {{{Check}}}, "timestamp": "2026-11-02T11:00:00Z"}]
            """);
        var second = mapper.Map($$$"""
            [{"id": "6f1c0b9e-3c2a-4d5e-8f70-0000000000a3", "actor": {{{Ana}}}, "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
              "object": {"objectType": "StatementRef", "id": "6f1c0b9e-3c2a-4d5e-8f70-0000000000a2"}, "timestamp": "2026-11-02T11:30:00Z"}]
            """);
        first.Evidence.Should().HaveCount(2);
        second.Voided.Should().HaveCount(1);
        var ana = first.Evidence[0].Learner;
        HashSet<EvidenceId> voided = [];

        var states = MapYourLrs.Record(engine, first, voided, []);
        states = MapYourLrs.Record(engine, second, voided, states);

        // Only the first statement is left: the decaying average starts at its score, 0.4.
        engine.Assess(states[ana], Noon).Get("F1").Estimate.Should().Be(0.4);
        states[ana].RetractedEvidence.Select(e => e.Value).Should().Equal("6f1c0b9e-3c2a-4d5e-8f70-0000000000a2");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Tests.Diagnostics;

/// <summary>
/// What a host's tracing and metrics see of a whole flow: import a framework and statements, record evidence (one piece
/// refused for each reason), recommend, fit BKT, and write learner records with a forced conflict. Spans, tags and
/// counter values are asserted exactly, by the public names; the tests run alone (<see cref="TelemetryTestGroup"/>), so
/// no other test's measurements mix in.
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public class PersonalizedLearningTelemetryTests
{
    private static readonly TenantId Tenant = new("district-7");
    private const string XapiQuiz = "https://lms.example.org/a-check";

    [Fact]
    public void TheScopeVersion_IsThePackagesVersion_NotTheAssemblyVersion()
    {
        // A fresh review saw every source and meter report 0.0.0.0 (MinVer's assembly version before the first release).
        var informational = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(PersonalizedLearningEngine).Assembly)!.InformationalVersion;
        informational.Should().NotStartWith("0.0.0.0");
        CoreTelemetry.Source.Version.Should().Be(informational);
        CoreTelemetry.Meter.Version.Should().Be(informational);
    }

    [Fact]
    public void Names_AreOpenTelemetryStyle_AndEverySourceMatchesTheWildcard()
    {
        var constants = typeof(PersonalizedLearningTelemetry).GetNestedTypes()
            .Where(t => t != typeof(EventIds))
            .SelectMany(t => t.GetFields())
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        constants.Should().HaveCountGreaterThan(40).And.OnlyHaveUniqueItems()
            .And.OnlyContain(n => !n.Any(char.IsUpper) && !n.Contains(' ', StringComparison.Ordinal));
        typeof(Metrics).GetFields().Select(f => (string)f.GetRawConstantValue()!)
            .Should().OnlyContain(n => n.StartsWith("personalized_learning.", StringComparison.Ordinal));
        new[] { CoreName, SqliteName, PostgreSqlName }.Should().OnlyContain(n => n.StartsWith(AllSources.TrimEnd('*'), StringComparison.Ordinal));
        typeof(EventIds).GetFields().Select(f => (int)f.GetRawConstantValue()!).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Engine_RecordRejectRecommend_EmitsCountsByReason_AndARecommendationSpanAndDuration()
    {
        var engine = Engine(includeLearnerIds: false);
        var ana = engine.CreateLearner("ana");
        using var recorder = new TelemetryRecorder();

        ana = engine.Record(ana, Piece("e1", 0.9));
        ana = engine.Record(ana, [Piece("e2", 1), Piece("e3", 0.4)]);
        ana = engine.Record(ana, Piece("e1", 0.9)); // the same piece again: folded, counted again
        FluentActions.Invoking(() => engine.Record(ana, Piece("e1", 0.1))).Should().Throw<EvidenceConflictException>();
        FluentActions.Invoking(() => engine.Record(ana, Piece("e4", 1, TestData.Start.AddDays(3)))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => engine.Record(ana, [Piece("e5", 1), Evidence.ForActivity("e6", "ana", "nowhere", EvidenceOutcome.Correct, TestData.Start)]))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => engine.Supersede(ana, "e2", Piece("e7", 1, TestData.Start.AddDays(3)))).Should().Throw<ArgumentOutOfRangeException>();
        // Refusals before the fold (a fresh review found them uncounted): a replacement that replaces itself, and a batch
        // for a state of another model.
        FluentActions.Invoking(() => engine.Supersede(ana, "e2", Piece("e2", 1))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => engine.Record(LearnerState.Create("ana", "another-model"), [Piece("e8", 1), Piece("e9", 1)])).Should().Throw<ArgumentException>();
        var next = engine.RecommendNext(ana, 2);

        recorder.Sum(Metrics.EvidenceRecorded).Should().Be(4);
        recorder.Sum(Metrics.EvidenceRejected, (Attributes.RejectionReason, RejectionReasons.Conflict)).Should().Be(1);
        recorder.Sum(Metrics.EvidenceRejected, (Attributes.RejectionReason, RejectionReasons.FutureTimestamp)).Should().Be(2);
        recorder.Sum(Metrics.EvidenceRejected, (Attributes.RejectionReason, RejectionReasons.Invalid)).Should().Be(5, "a batch is refused whole: 2 + 1 + 2");
        recorder.Sum(Metrics.EvidenceRejected).Should().Be(8);
        recorder.Count(Metrics.RecommendationDuration).Should().Be(1);
        recorder.Measurements.Single(m => m.Instrument == Metrics.RecommendationDuration).Value.Should().BeGreaterThan(0);

        var span = recorder.Named(Spans.Recommend).Should().ContainSingle().Subject;
        span.Source.Name.Should().Be(CoreName);
        span.GetTagItem(Attributes.RecommendationRequested).Should().Be(2);
        span.GetTagItem(Attributes.RecommendationReturned).Should().Be(next.Steps.Length).And.Be(2);
        span.GetTagItem(Attributes.LearnerId).Should().BeNull();
        span.Status.Should().Be(ActivityStatusCode.Unset);
        recorder.Spans.Should().ContainSingle("recording evidence is counted, not traced");
    }

    [Fact]
    public async Task Imports_CaseAndXapi_EmitSpansWithItemsAndProblems_AndCountersByFormatAndReason()
    {
        var document = new CaseDocument("d0000000-0000-4000-8000-000000000000", new Uri("https://case.example.org/uri/d0000000-0000-4000-8000-000000000000"), "Tests", "Diamond", TestData.Start, ImmutableSortedDictionary<string, string>.Empty);
        var package = CasePackageWriter.Write(CasePackageWriter.Describe(TestData.Diamond(), document));
        using var recorder = new TelemetryRecorder();

        CasePackageReader.Read(package).Framework!.Framework.Competencies.Should().HaveCount(6);
        (await CasePackageReader.ReadAsync(new MemoryStream("[]"u8.ToArray()))).Problems.Should().ContainSingle();
        var mapped = Mapper().Map(new JsonArray(Statement("passed", XapiQuiz), Statement("passed", "https://lms.example.org/nowhere"), Statement("frobbed", XapiQuiz)).ToJsonString());
        mapped.Evidence.Should().ContainSingle();

        var spans = recorder.Named(Spans.Import);
        spans.Should().HaveCount(3);
        spans.Select(s => (s.GetTagItem(Attributes.ImportFormat), s.GetTagItem(Attributes.ImportItemCount), s.GetTagItem(Attributes.ImportProblemCount)))
            .Should().Equal((ImportFormats.Case, 6, 0), (ImportFormats.Case, 0, 1), (ImportFormats.Xapi, 3, 2));
        recorder.Sum(Metrics.ImportItems, (Attributes.ImportFormat, ImportFormats.Case)).Should().Be(6);
        recorder.Sum(Metrics.ImportProblems, (Attributes.ImportFormat, ImportFormats.Case)).Should().Be(1);
        recorder.Sum(Metrics.ImportItems, (Attributes.ImportFormat, ImportFormats.Xapi)).Should().Be(3);
        recorder.Sum(Metrics.ImportProblems, (Attributes.ImportFormat, ImportFormats.Xapi), (Attributes.ImportProblemReason, "unknown_activity")).Should().Be(1);
        recorder.Sum(Metrics.ImportProblems, (Attributes.ImportFormat, ImportFormats.Xapi), (Attributes.ImportProblemReason, "unsupported_verb")).Should().Be(1);
        recorder.Count(Metrics.ImportDuration, (Attributes.ImportFormat, ImportFormats.Case)).Should().Be(2);
        recorder.Count(Metrics.ImportDuration, (Attributes.ImportFormat, ImportFormats.Xapi)).Should().Be(1);
    }

    [Fact]
    public async Task Imports_RefusedForTheirSize_AreTracedAndTimed_WithTheirErrorType()
    {
        // A fresh review's case: an import refused by InteropLimits (the string's length, or a stream past the limit) threw
        // before its span began, so it left no span and no duration.
        var limits = new InteropLimits(maxDocumentBytes: 10);
        var tooLong = "[" + new string(' ', 20) + "]";
        using var recorder = new TelemetryRecorder();

        var reads = new Func<Task>[]
        {
            () => Task.FromResult(CasePackageReader.Read(tooLong, limits: limits)),
            () => CasePackageReader.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(tooLong)), limits: limits),
            () => Task.FromResult(Mapper().Map(tooLong, limits)),
            () => Mapper().MapAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(tooLong)), limits),
        };
        foreach (var read in reads)
        {
            await read.Should().ThrowExactlyAsync<InteropLimitExceededException>();
        }

        var error = typeof(InteropLimitExceededException).FullName;
        recorder.Named(Spans.Import).Select(s => (s.GetTagItem(Attributes.ImportFormat), s.Status, s.GetTagItem(Attributes.ErrorType)))
            .Should().Equal((ImportFormats.Case, ActivityStatusCode.Error, error), (ImportFormats.Case, ActivityStatusCode.Error, error), (ImportFormats.Xapi, ActivityStatusCode.Error, error), (ImportFormats.Xapi, ActivityStatusCode.Error, error));
        recorder.Count(Metrics.ImportDuration, (Attributes.ImportFormat, ImportFormats.Case), (Attributes.ErrorType, error)).Should().Be(2);
        recorder.Count(Metrics.ImportDuration, (Attributes.ImportFormat, ImportFormats.Xapi), (Attributes.ErrorType, error)).Should().Be(2);
    }

    [Fact]
    public void BktFit_EmitsASpanWithItsSize_AndOneIterationCountPerCompetency()
    {
        var responses = new List<Response>();
        for (var learner = 0; learner < 12; learner++)
        {
            for (var step = 0; step < 6; step++)
            {
                responses.Add(new Response($"l{learner}", "A", (learner + step) % 3 != 0 || step > 3, step));
                responses.Add(new Response($"l{learner}", "B", (learner * step) % 4 == 1 || step > 4, step));
            }
        }

        var log = ResponseLog.Create(responses);
        using var recorder = new TelemetryRecorder();

        var fit = BktFitter.Fit(log, BktFitOptions.Default with { Restarts = 2 });

        var span = recorder.Named(Spans.BktFit).Should().ContainSingle().Subject;
        span.GetTagItem(Attributes.FitCompetencies).Should().Be(2);
        span.GetTagItem(Attributes.FitResponses).Should().Be(144);
        span.GetTagItem(Attributes.FitIterations).Should().Be((long)fit.Competencies.Sum(c => c.Iterations));
        span.GetTagItem(Attributes.FitProblems).Should().Be(fit.Problems.Length);
        recorder.Measurements.Where(m => m.Instrument == Metrics.BktFitIterations).Select(m => m.Value)
            .Should().Equal(fit.Competencies.Select(c => (double)c.Iterations));
        recorder.Count(Metrics.BktFitDuration).Should().Be(1);
    }

    [Fact]
    public async Task Records_WriteWithAForcedConflict_EmitSpansAppendsAndOneConflict_AndLogIt()
    {
        var engine = Engine(includeLearnerIds: false);
        var store = new InMemoryEvidenceStore();
        var logger = new ListLogger<LearnerRecords>();
        using var first = new LearnerRecords(engine, store, logger: logger);
        using var second = new LearnerRecords(engine, store);
        using var recorder = new TelemetryRecorder();

        await first.RecordAsync(Tenant, Piece("e1", 0.9));          // appends 1 (version 1), kept by the first
        await second.RecordAsync(Tenant, Piece("e2", 1));           // the second loads version 1 and appends (version 2)
        await first.RecordBatchAsync(Tenant, "ana", [Piece("e3", 0.5), Piece("e4", 0.7)]); // expects 1, finds 2: conflict
        await first.RecordAsync(Tenant, Piece("e1", 0.9));          // already stored: nothing appended
        await FluentActions.Awaiting(async () => await first.RecordAsync(Tenant, Piece("e1", 0.2))).Should().ThrowAsync<EvidenceConflictException>();
        await first.RetractAsync(Tenant, "ana", ["e2"]);
        var next = await first.RecommendNextAsync(Tenant, "ana", 1);

        recorder.Sum(Metrics.RecordsAppended).Should().Be(5, "e1, e2, e3 and e4, and the retraction of e2");
        recorder.Sum(Metrics.RecordsConflicts).Should().Be(1);
        recorder.Sum(Metrics.EvidenceRecorded).Should().Be(5, "each call's pieces once: e1, e2, e3 + e4, and e1 again");
        recorder.Sum(Metrics.EvidenceRejected, (Attributes.RejectionReason, RejectionReasons.Conflict)).Should().Be(1);
        recorder.Count(Metrics.RecordsOperationDuration, (Attributes.RecordsOperation, RecordsOperations.Record)).Should().Be(5);
        recorder.Count(Metrics.RecordsOperationDuration, (Attributes.RecordsOperation, RecordsOperations.Record), (Attributes.ErrorType, typeof(EvidenceConflictException).FullName)).Should().Be(1);
        recorder.Count(Metrics.RecordsOperationDuration, (Attributes.RecordsOperation, RecordsOperations.Retract)).Should().Be(1);
        recorder.Count(Metrics.RecordsOperationDuration, (Attributes.RecordsOperation, RecordsOperations.Recommend)).Should().Be(1);

        var writes = recorder.Named(Spans.RecordsPrefix + RecordsOperations.Record);
        writes.Should().HaveCount(5).And.OnlyContain(s => (string?)s.GetTagItem(Attributes.TenantId) == Tenant.Value && s.GetTagItem(Attributes.LearnerId) == null);
        writes.Select(s => s.GetTagItem(Attributes.EvidenceCount)).Should().Equal(1, 1, 2, 1, 1);
        writes.Select(s => s.GetTagItem(Attributes.EntriesWritten)).Should().Equal(new object?[] { 1, 1, 2, null, null });
        writes.Select(s => s.GetTagItem(Attributes.Conflict)).Should().Equal(new object?[] { null, null, true, null, null });
        writes[4].Status.Should().Be(ActivityStatusCode.Error);
        writes[4].GetTagItem(Attributes.ErrorType).Should().Be(typeof(EvidenceConflictException).FullName);
        writes[4].GetTagItem(Attributes.RejectionReason).Should().Be(RejectionReasons.Conflict);

        var recommend = recorder.Named(Spans.RecordsPrefix + RecordsOperations.Recommend).Should().ContainSingle().Subject;
        var engineSpan = recorder.Named(Spans.Recommend).Should().ContainSingle().Subject;
        engineSpan.ParentSpanId.Should().Be(recommend.SpanId, "the engine's recommendation runs inside the records' call");
        engineSpan.TraceId.Should().Be(recommend.TraceId);
        engineSpan.GetTagItem(Attributes.RecommendationReturned).Should().Be(next.Steps.Length);

        logger.Entries.Select(e => (e.Id.Id, e.Level)).Should().Equal(
            (EventIds.RecordsWriteConflict, LogLevel.Information),
            (EventIds.RecordsEvidenceRejected, LogLevel.Warning));
        logger.Entries.First().Message.Should().Be("Learner (hidden) of tenant district-7: another writer appended first (the log was at version 2, not 1); 2 entries were appended at the end and the log's tail folded.");
        logger.Entries.Last().Message.Should().Be("Refused 1 pieces of evidence for learner (hidden) of tenant district-7 (conflict, PersonalizedLearning.Observations.EvidenceConflictException); nothing was written.");

        // Both are logged inside the records' span, so a log exporter correlates them with the trace (the refusal was once
        // logged after its span had ended, with no trace context).
        logger.Spans.Select(e => e.Span).Should().OnlyContain(span => span != null && span.StartsWith(Spans.RecordsPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LearnerIds_AreNowhereByDefault()
    {
        var (spans, measurements, logs) = await RunFlowAsync(includeLearnerIds: false);

        spans.Should().NotBeEmpty();
        spans.SelectMany(s => s.TagObjects).Should().NotContain(t => t.Key == Attributes.LearnerId)
            .And.NotContain(t => Equals(t.Value, "ana-7f3"), "no tag carries the learner's id under any name");
        measurements.SelectMany(m => m.Tags).Should().NotContain(t => Equals(t.Value, "ana-7f3"));
        logs.Should().NotBeEmpty().And.NotContain(l => l.Contains("ana-7f3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LearnerIds_OnSpansAndInLogs_WhenTheHostOptsIn_ButNeverOnMetrics()
    {
        var (spans, measurements, logs) = await RunFlowAsync(includeLearnerIds: true);

        spans.Where(s => (s.OperationName.StartsWith(Spans.RecordsPrefix, StringComparison.Ordinal) && s.OperationName != Spans.RecordsPrefix + RecordsOperations.Rebuild)
                || s.OperationName == Spans.Recommend)
            .Should().NotBeEmpty().And.OnlyContain(s => (string?)s.GetTagItem(Attributes.LearnerId) == "ana-7f3");
        measurements.SelectMany(m => m.Tags).Should().NotContain(t => Equals(t.Value, "ana-7f3"));
        logs.Should().Contain(l => l.Contains("learner ana-7f3 of tenant district-7", StringComparison.Ordinal));
    }

    [Fact]
    public void NobodyListening_NothingIsStarted()
    {
        // No recorder: the engine's guard skips the span entirely (a listener for another source does not count).
        using var other = new ActivityListener { ShouldListenTo = s => s.Name == "Someone.Else", Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData };
        ActivitySource.AddActivityListener(other);
        var engine = Engine(includeLearnerIds: true);

        engine.RecommendNext(engine.Record(engine.CreateLearner("ana"), Piece("e1", 1)), 1);

        CoreTelemetry.Source.HasListeners().Should().BeFalse();
        CoreTelemetry.ObservesRecommendations.Should().BeFalse();
    }

    private static async Task<(List<Activity> Spans, List<TelemetryRecorder.Measurement> Measurements, List<string> Logs)> RunFlowAsync(bool includeLearnerIds)
    {
        var engine = Engine(includeLearnerIds);
        var store = new InMemoryEvidenceStore();
        var logger = new ListLogger<LearnerRecords>();
        using var first = new LearnerRecords(engine, store, logger: logger);
        using var second = new LearnerRecords(engine, store);
        using var recorder = new TelemetryRecorder();
        var learner = new LearnerId("ana-7f3");
        Evidence Of(string id, double score) => Evidence.ForActivity(id, learner, "a-check", EvidenceOutcome.FromScore(score), TestData.Start);

        await first.RecordAsync(Tenant, Of("e1", 0.9));
        await second.RecordAsync(Tenant, Of("e2", 1));
        await first.RecordAsync(Tenant, Of("e3", 0.5));
        await FluentActions.Awaiting(async () => await first.RecordAsync(Tenant, Of("e1", 0.1))).Should().ThrowAsync<EvidenceConflictException>();
        await first.RecommendNextAsync(Tenant, learner, 2);
        await first.RebuildAsync(Tenant);
        return ([.. recorder.Spans], [.. recorder.Measurements], [.. logger.Entries.Select(e => e.Message)]);
    }

    private static PersonalizedLearningEngine Engine(bool includeLearnerIds) =>
        new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.DecayingAverage(0.65), timeProvider: new FakeTimeProvider(TestData.Start.AddHours(1)))
        {
            IncludeLearnerIdsInTelemetry = includeLearnerIds,
        };

    private static Evidence Piece(string id, double score, DateTimeOffset? at = null) =>
        Evidence.ForActivity(id, "ana", "a-check", EvidenceOutcome.FromScore(score), at ?? TestData.Start);

    private static XapiStatementMapper Mapper() =>
        new(TestData.CatalogFor(TestData.Diamond()), new XapiMappingOptions(activityIris: new Dictionary<string, ActivityId> { [XapiQuiz] = "a-check" }.ToImmutableDictionary()));

    private static JsonObject Statement(string verb, string activity) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["actor"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:ana@example.org" },
        ["verb"] = new JsonObject { ["id"] = XapiMappingOptions.AdlVerbs + verb },
        ["object"] = new JsonObject { ["id"] = activity },
        ["timestamp"] = "2026-09-07T09:00:00Z",
    };
}

// Telemetry: what a host's OpenTelemetry sees of PersonalizedLearning. Traces, metrics and logs go to the console
// exporter; every name comes from PersonalizedLearningTelemetry (the table is docs/articles/telemetry.md).
// Run it with: dotnet run --project samples/Telemetry
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Samples;
using PersonalizedLearning.Storage.Sqlite;

// 1. Wire OpenTelemetry as a host would: every PersonalizedLearning source and meter by one wildcard, logs through
//    ILogger. (In a generic host: services.AddOpenTelemetry().WithTracing(t => t.AddSource(...)).WithMetrics(...).)
var resource = ResourceBuilder.CreateDefault().AddService("telemetry-sample");
using var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
    .AddSource(PersonalizedLearningTelemetry.AllSources)
    .AddConsoleExporter()
    .Build();
using var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource)
    .AddMeter(PersonalizedLearningTelemetry.AllSources)
    .AddConsoleExporter()
    .Build();
using var logging = LoggerFactory.Create(builder => builder.AddOpenTelemetry(o => o.SetResourceBuilder(resource).AddConsoleExporter()));

// 2. Import: a CASE package (written here from a small framework) and a batch of xAPI statements, one of them from
//    an activity the catalog does not know.
var framework = new CompetencyFrameworkBuilder("Fractions")
    .AddCompetency("F1", "Unit fractions").AddCompetency("F2", "Fractions on a number line").AddCompetency("F3", "Equivalent fractions")
    .AddPrerequisite("F1", "F2").AddPrerequisite("F2", "F3")
    .Build();
var moment = new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
var package = CasePackageWriter.Write(CasePackageWriter.Describe(framework, new CaseDocument(
    "d0000000-0000-4000-8000-000000000000", new Uri("https://case.example.org/uri/d0000000-0000-4000-8000-000000000000"), "Sample", "Fractions", moment, ImmutableSortedDictionary<string, string>.Empty)));
framework = CasePackageReader.Read(package).Framework!.Framework;
var catalog = new ActivityCatalogBuilder(framework);
foreach (var competency in framework.Competencies)
{
    catalog.Add(new LearningActivity($"{competency.Id}-check", $"Checkpoint {competency.Title}", ActivityKind.Assessment, 10, [new(competency.Id)]));
}

var activities = catalog.Build();
var mapper = new XapiStatementMapper(activities, new XapiMappingOptions(activityIris: ImmutableDictionary<string, ActivityId>.Empty.Add("https://lms.example.org/f1", activities.Activities[0].Id)));
var batch = mapper.Map($$"""
    [{"id": "00000000-0000-4000-8000-000000000001", "actor": {"mbox": "mailto:ana@example.org"}, "verb": {"id": "{{XapiMappingOptions.AdlVerbs}}passed"},
      "object": {"id": "https://lms.example.org/f1"}, "timestamp": "2026-09-07T09:00:00Z"},
     {"id": "00000000-0000-4000-8000-000000000002", "actor": {"mbox": "mailto:ana@example.org"}, "verb": {"id": "{{XapiMappingOptions.AdlVerbs}}passed"},
      "object": {"id": "https://lms.example.org/unknown"}, "timestamp": "2026-09-07T09:05:00Z"}]
    """);

// 3. Record into SQLite through LearnerRecords, with a second writer forcing an optimistic-concurrency conflict, then
//    a piece refused (its id comes back with other content), and a recommendation.
var database = Path.Combine(SampleOutput.Folder("Telemetry.csproj"), "telemetry.db");
foreach (var file in new[] { database, database + "-wal", database + "-shm" })
{
    File.Delete(file);
}

var engine = new PersonalizedLearningEngine(activities, RollupMasteryModel.DecayingAverage(0.65));
using var store = new SqliteEvidenceStore(new SqliteEvidenceStoreOptions { ConnectionString = $"Data Source={database}" }, logging.CreateLogger<SqliteEvidenceStore>());
using var records = new LearnerRecords(engine, store, logger: logging.CreateLogger<LearnerRecords>());
using var otherWriter = new LearnerRecords(engine, store);
var tenant = new TenantId("district-7");
var ana = batch.Evidence[0].Learner;
Evidence Piece(string id, string activity, double score, int minutes) => Evidence.ForActivity(id, ana, activity, EvidenceOutcome.FromScore(score), moment.AddMinutes(minutes));

await records.RecordBatchAsync(tenant, ana, batch.Evidence);
await otherWriter.RecordAsync(tenant, Piece("e2", "F1-check", 0.9, 10));
await records.RecordAsync(tenant, Piece("e3", "F2-check", 0.6, 20));   // expects the version before e2: a conflict
try
{
    await records.RecordAsync(tenant, Piece("e3", "F2-check", 0.1, 20));
}
catch (EvidenceConflictException)
{
    // Refused, counted by reason, logged; nothing was written.
}

var next = await records.RecommendNextAsync(tenant, ana, 2);

// 4. Fit BKT to a small response log.
var responses = new List<Response>();
for (var learner = 0; learner < 20; learner++)
{
    for (var step = 0; step < 8; step++)
    {
        responses.Add(new Response($"learner-{learner}", "F1", step >= learner % 5 || (learner + step) % 4 == 0, step));
    }
}

var fit = BktFitter.Fit(ResponseLog.Create(responses), BktFitOptions.Default with { Restarts = 2, MaxDegreeOfParallelism = 1 });

// 5. The spans above were printed as they ended; the metrics print now, once, as the meter provider closes.
metrics.Dispose();
Console.WriteLine($"Done: {batch.Evidence.Length} statement mapped, {batch.Rejected.Length} rejected; next step {next.Steps[0].Activity.Id}; BKT fit in {fit.Competencies.Sum(c => c.Iterations)} iterations.");

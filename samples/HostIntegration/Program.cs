// HostIntegration: the engine inside a .NET generic host. A CASE package becomes the framework, AddPersonalizedLearning
// wires the engine, AddPersonalizedLearningSqlite keeps every learner's evidence in one SQLite file, and a background
// service maps a stream of xAPI statements from a learning record store to evidence, records it, and reports mastery as
// OneRoster results. Then the host restarts (the learners are still there) and the model is refitted (every learner is
// rebuilt from the stored log, with progress). Last, one host serves two districts with different frameworks, and one
// district's catalog is reloaded without a restart.
// Run it with: dotnet run --project samples/HostIntegration
using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Interop.OneRoster;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Samples;
using PersonalizedLearning.Storage.Sqlite;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;

// 1. The framework comes from a CASE package: the Common Core clusters in ../shared/data, or, without them, a small
//    package this sample writes itself (the same reader takes both).
var casePath = SharedDataFolder.Find("case/opensalt_what_standards_could_be_ccss.case.json");
var caseJson = casePath is null ? SmallPackage() : File.ReadAllText(casePath);
var imported = CasePackageReader.Read(caseJson, CaseImportMode.ImportValid);
foreach (var problem in imported.Problems)
{
    AnsiConsole.MarkupLine($"[yellow]CASE:[/] {Markup.Escape(problem.ToString())}");
}

var framework = imported.Framework!.Framework;
AnsiConsole.MarkupLine($"Framework [bold]{Markup.Escape(framework.Title ?? "")}[/] from {(casePath is null ? "the sample's own package" : "../shared/data")}: {framework.Count} competencies, {framework.Relations.Length} relations, {imported.Framework.Associations.Length} CASE associations kept.");

// 2. The LMS's activities: a practice set and a checkpoint per competency, named by their xAPI activity IRIs.
var catalog = new ActivityCatalogBuilder(framework);
foreach (var competency in framework.Competencies)
{
    catalog.Add(new LearningActivity($"https://lms.example.org/activities/{competency.Id}/practice", $"Practice {competency.Code}", ActivityKind.Practice, 15, [new(competency.Id)]));
    catalog.Add(new LearningActivity($"https://lms.example.org/activities/{competency.Id}/check", $"Checkpoint {competency.Code}", ActivityKind.Assessment, 10, [new(competency.Id)]));
}

// 3. The store: one SQLite file under the sample's output folder, made afresh on each run so the output is the same.
var database = Path.Combine(SampleOutput.Folder("HostIntegration.csproj"), "learners.db");
foreach (var file in new[] { database, database + "-wal", database + "-shm" })
{
    File.Delete(file);
}

AnsiConsole.MarkupLine($"Learners' records go to [bold]{Markup.Escape(database)}[/].");
var builtCatalog = catalog.Build();

// 4. The host: AddPersonalizedLearning registers the engine, planner and xAPI mapper (the options are checked when the
//    host starts; "attempted" counts too in this LMS); AddPersonalizedLearningSqlite registers the store
//    and LearnerRecords, and creates the schema when the host starts.
IHost Build(IMasteryModel model, Action<IServiceCollection> add)
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddPersonalizedLearning(options =>
    {
        options.Catalog = builtCatalog;
        options.Model = model;
        options.Xapi = XapiMappingOptions.Default.WithVerb(XapiMappingOptions.AdlVerbs + "attempted", new XapiVerbRule(EvidenceKind.Formative, null));
    });
    builder.Services.AddPersonalizedLearningSqlite($"Data Source={database}");
    builder.Services.AddSingleton(imported.Framework); // its CFItem identifiers name the learning objectives in OneRoster
    add(builder.Services);
    return builder.Build();
}

var model = RollupMasteryModel.DecayingAverage(0.65);
using (var host = Build(model, services => services.AddHostedService<StatementFeed>()))
{
    await host.RunAsync();
}

// 5. A restart: a new host over the same file finds every learner as the feed left them.
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
var before = new Dictionary<LearnerId, (int Mastered, double Estimate)>();
static double MeanEstimate(MasterySnapshot mastery) => mastery.GetAll().Where(a => a.Estimate is not null).Average(a => a.Estimate!.Value);
using (var host = Build(model, _ => { }))
{
    await host.StartAsync();
    var records = host.Services.GetRequiredService<LearnerRecords>();
    await foreach (var stored in host.Services.GetRequiredService<IEvidenceStore>().ListLearnersAsync(StatementFeed.Tenant))
    {
        var learner = stored.Learner;
        var state = await records.GetStateAsync(StatementFeed.Tenant, learner);
        var mastery = await records.AssessAsync(StatementFeed.Tenant, learner, StatementFeed.Start.AddDays(3));
        before[learner] = (mastery.Mastered.Length, MeanEstimate(mastery));
        AnsiConsole.MarkupLine($"After the restart: {Markup.Escape(StatementFeed.Name(learner))} has {state.EvidenceCount} pieces of evidence ({state.RetractedEvidence.Length} retracted), {before[learner].Mastered} competencies mastered.");
    }

    await host.StopAsync();
}

// 6. A refit: the school moves to "highest score counts". Every learner's snapshot was folded by the old model, so
//    RebuildAsync refolds each one from the stored log (in a real host, in the background), reporting as it goes.
var refit = RollupMasteryModel.Highest();
using (var host = Build(refit, _ => { }))
{
    await host.StartAsync();
    var records = host.Services.GetRequiredService<LearnerRecords>();
    var report = await records.RebuildAsync(StatementFeed.Tenant, new Progress(p => AnsiConsole.MarkupLine($"  rebuilt {p.Rebuilt} of {p.Learners} learners looked at, {p.Entries} log entries read")));
    AnsiConsole.MarkupLine($"Refit to [bold]{Markup.Escape(refit.Name)}[/]: {report.Rebuilt} learners rebuilt, {report.UpToDate} up to date, {report.Failures.Length} could not be folded.");
    foreach (var learner in before.Keys.Order())
    {
        var mastery = await records.AssessAsync(StatementFeed.Tenant, learner, StatementFeed.Start.AddDays(3));
        AnsiConsole.MarkupLine($"  {Markup.Escape(StatementFeed.Name(learner))}: {before[learner].Mastered} → {mastery.Mastered.Length} competencies mastered; mean estimate {before[learner].Estimate:F3} → {MeanEstimate(mastery):F3}");
    }

    await host.StopAsync();
}

// 7. Two districts in one host. district-7 keeps the CASE framework above; district-9 teaches the small ratios unit.
//    Each is a keyed registration with its own options (validated when the host starts: a bad district stops the start
//    with every problem), engine, xAPI mapper and records; both share the SQLite file, their learners kept apart by
//    tenant. A request takes its district's current snapshot once; district-9 then adds an activity without a restart.
var ratios = RatiosCatalog(withProject: false);
using (var host = Tenants())
{
    await host.StartAsync();
    var seven = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>("district-7");
    var nine = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>("district-9");
    var district9 = new TenantId("district-9");
    var ana = new LearnerId("https://sis.example.org#ana");

    // A request in district-9: one snapshot, used to its end.
    var request = nine.Current;
    foreach (var (id, activity, hour) in new[] { ("r1", "ratio-language/check", 1), ("r2", "ratio-language/check", 2), ("r3", "unit-rate/check", 3), ("r4", "unit-rate/check", 4) })
    {
        await request.Records.RecordAsync(district9, Evidence.ForActivity(id, ana, $"https://lms.example.org/activities/{activity}", EvidenceOutcome.Correct, StatementFeed.Start.AddDays(4).AddHours(hour)));
    }

    var inSeven = await seven.Current.Records.GetStateAsync(StatementFeed.Tenant, ana);
    var inNine = await request.Records.GetStateAsync(district9, ana);
    AnsiConsole.MarkupLine($"Two districts, one host: ana has {inSeven.EvidenceCount} pieces of evidence in district-7 ({Markup.Escape(seven.Current.Framework.Title ?? "")}, {seven.Current.Framework.Count} competencies) and {inNine.EvidenceCount} in district-9 ({Markup.Escape(request.Framework.Title ?? "")}, {request.Framework.Count} competencies).");

    // District-9 adds a project for ratio problems: Reload swaps its catalog atomically and tells whoever caches.
    nine.Reloaded += (_, e) => AnsiConsole.MarkupLine($"  district-9 reloaded: generation {e.Previous.Generation} → {e.Current.Generation}, {e.Previous.Catalog.Count} → {e.Current.Catalog.Count} activities");
    var reloaded = nine.Reload(RatiosCatalog(withProject: true));
    var next = await reloaded.Records.RecommendNextAsync(district9, ana, count: 3, asOf: StatementFeed.Start.AddDays(5));
    AnsiConsole.MarkupLine($"  ana's next steps under the new catalog: {Markup.Escape(string.Join(", ", next.Steps.Select(s => s.Activity.Title)))}");
    var held = await request.Records.RecommendNextAsync(district9, ana, count: 3, asOf: StatementFeed.Start.AddDays(5));
    AnsiConsole.MarkupLine($"  the request that began before still has generation {request.Generation}: {Markup.Escape(string.Join(", ", held.Steps.Select(s => s.Activity.Title)))}");
    AnsiConsole.MarkupLine($"  district-7 is untouched: generation {seven.Current.Generation}, {seven.Current.Catalog.Count} activities");

    // A reload that would drop activities learners have evidence on is refused whole; the catalog stays.
    try
    {
        nine.Reload(new ActivityCatalogBuilder(ratios.Framework).Add(ratios.Activities[0]).Build());
    }
    catch (Microsoft.Extensions.Options.OptionsValidationException e)
    {
        AnsiConsole.MarkupLine($"  a reload without {e.Failures.Count()} of the current activities is refused (first: {Markup.Escape(e.Failures.First())}); district-9 stays at generation {nine.Current.Generation}");
    }

    await host.StopAsync();
}

IHost Tenants()
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddPersonalizedLearning(StatementFeed.Tenant.Value, options =>
    {
        options.Catalog = builtCatalog;
        options.Model = model;
    });
    builder.Services.AddPersonalizedLearning("district-9", options => options.Catalog = ratios);
    builder.Services.AddPersonalizedLearningSqlite($"Data Source={database}");
    return builder.Build();
}

// The ratios unit's activities: a practice and a checkpoint per competency, and, in the term's second catalog, a project.
static ActivityCatalog RatiosCatalog(bool withProject)
{
    var framework = Ratios();
    var catalog = new ActivityCatalogBuilder(framework);
    foreach (var competency in framework.Competencies)
    {
        catalog.Add(new LearningActivity($"https://lms.example.org/activities/{competency.Id}/practice", $"Practice {competency.Code}", ActivityKind.Practice, 15, [new(competency.Id)]));
        catalog.Add(new LearningActivity($"https://lms.example.org/activities/{competency.Id}/check", $"Checkpoint {competency.Code}", ActivityKind.Assessment, 10, [new(competency.Id)]));
    }

    if (withProject)
    {
        catalog.Add(new LearningActivity("https://lms.example.org/activities/ratio-project", "Project: scale a recipe", ActivityKind.Project, 40, [new("ratio-problems")]));
    }

    return catalog.Build();
}

static PersonalizedLearning.Competencies.CompetencyFramework Ratios() => new PersonalizedLearning.Competencies.CompetencyFrameworkBuilder("Ratios (sample)")
    .AddCompetency("ratio-language", "Use ratio language", code: "6.RP.A.1")
    .AddCompetency("unit-rate", "Understand unit rates", code: "6.RP.A.2")
    .AddCompetency("ratio-problems", "Solve ratio and rate problems", code: "6.RP.A.3")
    .AddPrerequisite("ratio-language", "unit-rate").AddPrerequisite("unit-rate", "ratio-problems").Build();

static string SmallPackage()
{
    var small = Ratios();
    var document = new CaseDocument("9d1c3f4e-2b7a-4c8d-9e0f-1a2b3c4d5e6f", new Uri("https://case.example.org/uri/9d1c3f4e-2b7a-4c8d-9e0f-1a2b3c4d5e6f"),
        "HostIntegration sample", "Ratios (sample)", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), ImmutableSortedDictionary<string, string>.Empty);
    return CasePackageWriter.Write(CasePackageWriter.Describe(small, document));
}

/// <summary>Reads batches of statements as an LRS would deliver them, folds the evidence into learner states, and
/// reports mastery; then stops the host.</summary>
internal sealed class StatementFeed(PersonalizedLearningEngine engine, LearnerRecords records, XapiStatementMapper mapper, CaseFramework caseFramework, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>The district whose learners this feed records.</summary>
    public static readonly TenantId Tenant = new("district-7");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Feed(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host logs the failure and stops, but exits with 0; the sample must not look like it worked.
            Environment.ExitCode = 1;
            throw;
        }
    }

    private async Task Feed(CancellationToken stoppingToken)
    {
        var states = new Dictionary<LearnerId, LearnerState>();
        // A voiding statement names the statement it voids, not whose it was, and may come before it: the host keeps the
        // voided ids and keeps their statements out when they arrive.
        var voided = new HashSet<EvidenceId>();
        var batches = Batches(engine.Framework).ToList();
        for (var b = 0; b < batches.Count && !stoppingToken.IsCancellationRequested; b++)
        {
            // An LRS answers with a stream; the mapper reads it to the end but never past the document limit.
            using var response = new MemoryStream(Encoding.UTF8.GetBytes(batches[b]));
            var result = await mapper.MapAsync(response, cancellationToken: stoppingToken);
            AnsiConsole.MarkupLine($"Batch {b + 1}: {result.Statements} statements → {result.Evidence.Length} evidence, {result.Voided.Length} voided, {result.Rejected.Length} rejected.");
            foreach (var rejection in result.Rejected)
            {
                AnsiConsole.MarkupLine($"  [grey]statement {rejection.Index}: {rejection.Reason}: {Markup.Escape(rejection.Message)}[/]");
            }

            // Each learner's evidence is recorded in the store and folds in time order, whatever order the LRS sent it in;
            // a statement delivered twice is recorded once.
            voided.UnionWith(result.Voided);
            foreach (var mine in result.Evidence.Where(e => !voided.Contains(e.Id)).GroupBy(e => e.Learner))
            {
                states[mine.Key] = await records.RecordBatchAsync(Tenant, mine.Key, mine, stoppingToken);
            }

            // A voided statement already recorded is retracted from its learner's log, as if it had never been recorded.
            foreach (var (learner, state) in result.Voided.IsEmpty ? [] : states.ToList())
            {
                var theirs = result.Voided.Where(state.HasApplied).ToList();
                if (theirs.Count > 0)
                {
                    states[learner] = await records.RetractAsync(Tenant, learner, theirs, stoppingToken);
                }
            }
        }

        var table = new Table().Title("[bold]Mastery after the feed[/]").AddColumns("Learner", "Mastered", "Next step");
        foreach (var (learner, state) in states.OrderBy(s => s.Key.Value, StringComparer.Ordinal))
        {
            var mastery = engine.Assess(state, Start.AddDays(3));
            var next = engine.RecommendNext(state, count: 1, asOf: Start.AddDays(3)).Steps;
            table.AddRow(Markup.Escape(Name(learner)), Markup.Escape(string.Join(", ", mastery.Mastered.Select(c => (engine.Framework.GetCompetency(c).Code ?? c.Value).Replace("CCSS.Math.Content.", "", StringComparison.Ordinal)))),
                Markup.Escape(next.IsEmpty ? "-" : next[0].Activity.Title));
        }

        AnsiConsole.Write(table);
        var first = states.Keys.Order().First();
        // The unit's line item covers the standards its activities teach: the score is the share of them mastered, the
        // scoreStatus says whether every one has evidence yet, and each gets a learningObjectiveResult.
        var taught = engine.Catalog.Activities.SelectMany(a => a.Alignments).Select(a => a.Competency).ToHashSet();
        var target = new OneRosterResultTarget($"mastery-{Name(first)}", "unit-mastery", Name(first), OneRosterResultTarget.CaseItemIdentifiers(caseFramework))
        {
            LearningObjectives = [.. engine.Framework.Competencies.Select(c => c.Id).Where(taught.Contains)],
            ServiceRootUri = new Uri("https://sis.example.org/"),
            ClassSourcedId = "grade-6-math",
        };
        AnsiConsole.MarkupLine("[bold]OneRoster result[/] for the gradebook:");
        Console.WriteLine(OneRosterResultWriter.Write(engine.Assess(states[first], Start.AddDays(3)), target, indented: true));
        lifetime.StopApplication();
    }

    /// <summary>When the first statement was made.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The mapper names a learner with an account "homePage#name"; the roster knows the name.</summary>
    public static string Name(LearnerId learner) => learner.Value[(learner.Value.IndexOf('#', StringComparison.Ordinal) + 1)..];

    // Three learners working through the first competencies in sequence; one statement delivered twice, one voided,
    // one from an activity the LMS does not know, one with an out-of-range score.
    private static IEnumerable<string> Batches(PersonalizedLearning.Competencies.CompetencyFramework framework)
    {
        var order = framework.TopologicalOrder.Take(4).ToList();
        var learners = new[] { "ana", "ben", "chloe" };
        var n = 0;
        var all = new List<JsonObject>();
        for (var i = 0; i < order.Count; i++)
        {
            for (var l = 0; l < learners.Length; l++)
            {
                if (l == 2 && i > 1)
                {
                    continue; // chloe is behind
                }

                foreach (var (kind, verb, score) in new[] { ("practice", "attempted", 0.7 + (0.1 * l)), ("check", "passed", 0.95), ("check", "passed", 1.0) })
                {
                    all.Add(Statement(++n, learners[l], verb, $"https://lms.example.org/activities/{order[i]}/{kind}", score, Start.AddHours(n)));
                }
            }
        }

        all.Add((JsonObject)all[0].DeepClone()); // delivered twice
        all.Add(Statement(++n, "ben", "answered", "https://other-lms.example.org/quiz/7", 1, Start.AddHours(n)));
        all.Add(Statement(++n, "ana", "scored", $"https://lms.example.org/activities/{order[0]}/check", 1.5, Start.AddHours(n)));
        var voiding = Statement(++n, "ben", "voided", "", 0, Start.AddHours(n));
        voiding["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = all[3]["id"]!.GetValue<string>() };
        all.Add(voiding);
        for (var b = 0; b < all.Count; b += 20)
        {
            yield return new JsonArray([.. all.Skip(b).Take(20).Select(s => s.DeepClone())]).ToJsonString();
        }
    }

    private static JsonObject Statement(int n, string learner, string verb, string activity, double scaled, DateTimeOffset when) => new()
    {
        ["id"] = $"00000000-0000-4000-8000-{n:D12}",
        ["actor"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = "https://sis.example.org", ["name"] = learner } },
        ["verb"] = new JsonObject { ["id"] = XapiMappingOptions.AdlVerbs + verb },
        ["object"] = new JsonObject { ["id"] = activity },
        ["result"] = new JsonObject { ["score"] = new JsonObject { ["scaled"] = scaled }, ["duration"] = "PT12M" },
        ["timestamp"] = when.ToString("O"),
    };
}

/// <summary>Reports progress on the caller's thread, in order.</summary>
internal sealed class Progress(Action<RecordsRebuildProgress> report) : IProgress<RecordsRebuildProgress>
{
    public void Report(RecordsRebuildProgress value) => report(value);
}

using System.Collections.Concurrent;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Storage.Contract;

/// <summary>
/// The contract every <see cref="IEvidenceStore"/> of this repository passes: the same tests, with one fixture per store
/// (in memory in the core's tests, SQLite and PostgreSQL in theirs). Each test works in tenants of its own, so a fixture
/// may share one database between tests.
/// </summary>
public abstract class EvidenceStoreContract
{
    protected static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test.</summary>
    protected abstract IEvidenceStore Store { get; }

    /// <summary>Another instance over the same data, as another process would open it (the same instance in memory).</summary>
    protected abstract IEvidenceStore OpenAnother();

    protected static TenantId NewTenant() => new($"tenant-{Guid.NewGuid():N}");

    protected static Evidence Piece(string id, string learner = "ana", string competency = "A", double score = 0.8, int minutes = 0) =>
        Evidence.ForCompetency(id, learner, competency, EvidenceOutcome.FromScore(score), Start.AddMinutes(minutes));

    protected static EvidenceLogEntry Rec(Evidence evidence) => EvidenceLogEntry.Recorded(evidence);

    /// <summary>A chain A → B → C → D with a practice activity each and a project on C and D.</summary>
    protected static PersonalizedLearningEngine Engine(IMasteryModel? model = null, bool withProject = true)
    {
        var framework = new CompetencyFrameworkBuilder("Contract")
            .AddCompetency("A", "Alpha").AddCompetency("B", "Beta").AddCompetency("C", "Gamma").AddCompetency("D", "Delta")
            .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("C", "D")
            .Build();
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var c in new[] { "A", "B", "C", "D" })
        {
            catalog.Add(new LearningActivity($"{c.ToLowerInvariant()}-practice", $"Practice {c}", ActivityKind.Practice, 10, [new(c)]));
        }

        if (withProject)
        {
            catalog.Add(new LearningActivity("cd-project", "Project", ActivityKind.Project, 30, [new("C"), new("D", 0.5)]));
        }

        return new PersonalizedLearningEngine(catalog.Build(), model ?? RollupMasteryModel.DecayingAverage(), timeProvider: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddYears(1)));
    }

    [SkippableFact]
    public async Task Append_to_a_new_log_then_read_gives_the_entries_in_order_with_their_version()
    {
        var tenant = NewTenant();
        var entries = new[] { Rec(Piece("e1")), EvidenceLogEntry.Retracted("gone"), Rec(Piece("e2", competency: "B", minutes: -5)) };

        var appended = await Store.AppendAsync(tenant, "ana", 0, entries);
        var read = await Store.ReadAsync(tenant, "ana");
        var tail = await Store.ReadAsync(tenant, "ana", 2);

        appended.Should().Match<EvidenceLogAppend>(a => a.Version == 3 && a.Written == 3 && a.Incarnation > 0);
        read.Should().BeEquivalentTo(new EvidenceLogRead(0, [.. entries], 3, appended.Incarnation), o => o.ComparingByValue<EvidenceLogEntry>());
        (await Store.AppendAsync(tenant, "ana", 3, [Rec(Piece("e3"))])).Incarnation.Should().Be(appended.Incarnation, "a log keeps its incarnation");
        read.Entries.Should().Equal(entries);
        tail.Entries.Should().Equal(entries[2]);
        tail.Version.Should().Be(3);
        (await Store.ReadAsync(tenant, "ana", 10)).Should().Match<EvidenceLogRead>(r => r.Entries.IsEmpty && r.Version == 4 && r.After == 10);
        (await Store.ReadAsync(tenant, "bob")).Should().Match<EvidenceLogRead>(r => r.Entries.IsEmpty && r.Version == 0 && r.Incarnation == 0);
    }

    [SkippableFact]
    public async Task Evidence_reads_back_equal_with_every_field_and_its_offset()
    {
        var tenant = NewTenant();
        var full = new Evidence("full", "ana", EvidenceOutcome.FromPoints(2, 4), new DateTimeOffset(2026, 9, 8, 10, 30, 15, 123, TimeSpan.FromHours(-5)).AddTicks(4567),
            competency: null, activity: "cd-project", kind: EvidenceKind.Summative, weight: 2.5, duration: TimeSpan.FromSeconds(754.5));
        var correct = Evidence.ForCompetency("correct", "ana", "B", EvidenceOutcome.FromCorrect(false), Start, EvidenceKind.SelfAssessment);

        await Store.AppendAsync(tenant, "ana", 0, [Rec(full), Rec(correct)]);
        var read = await OpenAnother().ReadAsync(tenant, "ana");

        read.Entries.Select(e => e.Evidence).Should().Equal(full, correct);
        read.Entries[0].Evidence!.Timestamp.Offset.Should().Be(TimeSpan.FromHours(-5));
        read.Entries[0].Evidence!.Timestamp.Ticks.Should().Be(full.Timestamp.Ticks);
    }

    [SkippableFact]
    public async Task An_append_at_a_version_the_log_no_longer_has_writes_nothing()
    {
        var tenant = NewTenant();
        await Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e1"))]);

        var stale = () => Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e2"))]).AsTask();
        var ahead = () => Store.AppendAsync(tenant, "ana", 5, [Rec(Piece("e3"))]).AsTask();

        (await stale.Should().ThrowExactlyAsync<EvidenceLogConcurrencyException>())
            .Which.Should().Match<EvidenceLogConcurrencyException>(e => e.ExpectedVersion == 0 && e.ActualVersion == 1 && e.Tenant == tenant && e.Learner == "ana");
        (await ahead.Should().ThrowExactlyAsync<EvidenceLogConcurrencyException>()).Which.ActualVersion.Should().Be(1);
        (await Store.ReadAsync(tenant, "ana")).Entries.Select(e => e.Id.Value).Should().Equal("e1");
    }

    [SkippableFact]
    public async Task An_append_that_expects_no_version_goes_at_the_end_and_is_still_checked_against_the_log()
    {
        var tenant = NewTenant();
        await Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e1", score: 0.25)), Rec(Piece("e2"))]);

        var version = (await Store.AppendAsync(tenant, "ana", null, [Rec(Piece("e1", score: 0.25)), Rec(Piece("e3"))])).Version;
        var conflict = () => Store.AppendAsync(tenant, "ana", null, [Rec(Piece("e4")), Rec(Piece("e1", score: 0.5))]).AsTask();

        version.Should().Be(3);
        await conflict.Should().ThrowExactlyAsync<EvidenceConflictException>();
        (await Store.ReadAsync(tenant, "ana")).Entries.Select(e => e.Id.Value).Should().Equal("e1", "e2", "e3");
        (await Store.AppendAsync(tenant, "new", null, [Rec(Piece("n1", learner: "new"))])).Version.Should().Be(1);
    }

    [SkippableFact]
    public async Task Evidence_already_in_the_log_with_equal_content_is_skipped_and_takes_no_position()
    {
        var tenant = NewTenant();
        var e1 = Piece("e1");
        await Store.AppendAsync(tenant, "ana", 0, [Rec(e1), EvidenceLogEntry.Retracted("r1")]);

        // The same instant written with another offset is the same evidence.
        var sameInstant = Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.FromScore(0.8), Start.ToOffset(TimeSpan.FromHours(2)));
        var version = (await Store.AppendAsync(tenant, "ana", 2, [Rec(sameInstant), Rec(Piece("e2")), Rec(Piece("e2")), EvidenceLogEntry.Retracted("r1"), EvidenceLogEntry.Retracted("r2"), EvidenceLogEntry.Retracted("r2")])).Version;
        var unchanged = await Store.AppendAsync(tenant, "ana", 4, [Rec(e1)]);

        version.Should().Be(4);
        unchanged.Should().Match<EvidenceLogAppend>(a => a.Version == 4 && a.Written == 0);
        (await Store.ReadAsync(tenant, "ana")).Entries.Select(e => $"{e.Kind} {e.Id}").Should().Equal("Recorded e1", "Retracted r1", "Recorded e2", "Retracted r2");
    }

    [SkippableFact]
    public async Task An_id_with_other_content_fails_the_whole_append_and_the_message_shows_no_values()
    {
        var tenant = NewTenant();
        await Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e1", score: 0.25))]);

        var againstLog = () => Store.AppendAsync(tenant, "ana", 1, [Rec(Piece("e2")), Rec(Piece("e1", score: 0.75))]).AsTask();
        var inBatch = () => Store.AppendAsync(tenant, "ana", 1, [Rec(Piece("e3", score: 0.5)), Rec(Piece("e3", score: 0.625))]).AsTask();

        var thrown = (await againstLog.Should().ThrowExactlyAsync<EvidenceConflictException>()).Which;
        thrown.Message.Should().Contain("'e1'").And.Contain("outcome").And.NotContain("0.25").And.NotContain("0.75").And.NotContain("ana");
        thrown.Existing.Outcome.Should().Be(EvidenceOutcome.FromScore(0.25));
        thrown.Incoming.Outcome.Should().Be(EvidenceOutcome.FromScore(0.75));
        (await inBatch.Should().ThrowExactlyAsync<EvidenceConflictException>()).Which.Message.Should().NotContain("0.625");
        var read = await Store.ReadAsync(tenant, "ana");
        read.Version.Should().Be(1);
        read.Entries.Should().Equal(Rec(Piece("e1", score: 0.25)));
    }

    [SkippableFact]
    public async Task Bad_arguments_are_refused_with_the_exact_exception_and_nothing_is_written()
    {
        var tenant = NewTenant();
        await Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e1"))]);

        await FluentActions.Awaiting(() => Store.AppendAsync(default, "ana", 1, [Rec(Piece("x"))]).AsTask()).Should().ThrowExactlyAsync<ArgumentException>().WithParameterName("tenant");
        await FluentActions.Awaiting(() => Store.AppendAsync(tenant, default, 1, [Rec(Piece("x"))]).AsTask()).Should().ThrowExactlyAsync<ArgumentException>().WithParameterName("learner");
        await FluentActions.Awaiting(() => Store.AppendAsync(tenant, "ana", -1, [Rec(Piece("x"))]).AsTask()).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>().WithParameterName("expectedVersion");
        await FluentActions.Awaiting(() => Store.AppendAsync(tenant, "ana", 1, null!).AsTask()).Should().ThrowExactlyAsync<ArgumentNullException>().WithParameterName("entries");
        await FluentActions.Awaiting(() => Store.AppendAsync(tenant, "ana", 1, [Rec(Piece("x")), null!]).AsTask()).Should().ThrowExactlyAsync<ArgumentNullException>().WithParameterName("entries");
        await FluentActions.Awaiting(() => Store.AppendAsync(tenant, "ana", 1, [Rec(Piece("x")), Rec(Piece("y", learner: "bob"))]).AsTask()).Should().ThrowExactlyAsync<ArgumentException>().WithParameterName("entries");
        await FluentActions.Awaiting(() => Store.ReadAsync(tenant, "ana", -1).AsTask()).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>().WithParameterName("after");
        var incarnation = (await Store.ReadAsync(tenant, "ana")).Incarnation;
        await FluentActions.Awaiting(() => Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(2, "f", "{}", incarnation)).AsTask()).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>().WithParameterName("snapshot");
        await FluentActions.Awaiting(() => Store.SaveSnapshotAsync(tenant, "ana", null!).AsTask()).Should().ThrowExactlyAsync<ArgumentNullException>().WithParameterName("snapshot");
        await FluentActions.Awaiting(() => Store.EraseAsync(tenant, default).AsTask()).Should().ThrowExactlyAsync<ArgumentException>().WithParameterName("learner");
        await FluentActions.Awaiting(async () => await Store.ListLearnersAsync(default).ToListAsync()).Should().ThrowExactlyAsync<ArgumentException>().WithParameterName("tenant");

        var read = await Store.ReadAsync(tenant, "ana");
        read.Entries.Select(e => e.Id.Value).Should().Equal("e1");
        (await Store.LoadSnapshotAsync(tenant, "ana")).Should().BeNull();
    }

    [SkippableFact]
    public async Task A_cancelled_append_writes_nothing()
    {
        var tenant = NewTenant();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e1"))], cancelled.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();

        (await Store.ReadAsync(tenant, "ana")).Version.Should().Be(0);
    }

    [SkippableFact]
    public async Task Snapshots_keep_the_newest_version_and_never_run_ahead_of_the_log_or_outlive_it()
    {
        var tenant = NewTenant();
        var log = (await Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e1")), Rec(Piece("e2")), Rec(Piece("e3"))])).Incarnation;

        (await Store.LoadSnapshotAsync(tenant, "ana")).Should().BeNull();
        (await Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(2, "model-a", "{\"two\":2}", log))).Should().BeTrue();
        (await Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(1, "model-a", "{\"one\":1}", log))).Should().BeFalse();
        (await OpenAnother().LoadSnapshotAsync(tenant, "ana")).Should().Be(new StateSnapshot(2, "model-a", "{\"two\":2}", log));
        (await Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(2, "model-b", "{\"again\":2}", log))).Should().BeTrue("a snapshot of the same version replaces the stored one: another model refolded it");
        (await OpenAnother().LoadSnapshotAsync(tenant, "ana")).Should().Be(new StateSnapshot(2, "model-b", "{\"again\":2}", log));
        (await Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(3, "model-b", "{\"three\":3}", log))).Should().BeTrue();
        (await Store.LoadSnapshotAsync(tenant, "ana")).Should().Be(new StateSnapshot(3, "model-b", "{\"three\":3}", log));
        (await Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(3, "model-c", "{\"other log\":3}", log + 1))).Should().BeFalse("it was folded from another incarnation of the log");

        // Erased and begun again: a snapshot folded from the erased log is refused, whatever its version.
        await Store.EraseAsync(tenant, "ana");
        var again = (await Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("n1")), Rec(Piece("n2")), Rec(Piece("n3"))])).Incarnation;
        again.Should().NotBe(log);
        (await Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(3, "model-b", "{\"erased\":3}", log))).Should().BeFalse();
        (await Store.LoadSnapshotAsync(tenant, "ana")).Should().BeNull();
        (await Store.SaveSnapshotAsync(tenant, "bob", new StateSnapshot(0, "f", "{}", 0))).Should().BeFalse("a learner with no log has no snapshot");
        (await Store.LoadSnapshotAsync(tenant, "bob")).Should().BeNull();
    }

    [SkippableFact]
    public async Task Erasing_a_learner_removes_log_snapshot_and_version_and_says_how_many_rows_went()
    {
        var tenant = NewTenant();
        var log = (await Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e1")), Rec(Piece("e2")), EvidenceLogEntry.Retracted("e9")])).Incarnation;
        (await Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(3, "f", "{}", log))).Should().BeTrue();
        await Store.AppendAsync(tenant, "bob", 0, [Rec(Piece("b1", learner: "bob"))]);

        var erased = await Store.EraseAsync(tenant, "ana");
        var again = await Store.EraseAsync(tenant, "ana");

        erased.Should().Be(new ErasureReport(3, 1, 1));
        erased.Total.Should().Be(5);
        again.Should().Be(new ErasureReport(0, 0, 0));
        (await OpenAnother().ReadAsync(tenant, "ana")).Should().Match<EvidenceLogRead>(r => r.Version == 0 && r.Entries.IsEmpty);
        (await Store.LoadSnapshotAsync(tenant, "ana")).Should().BeNull();
        (await Store.ListLearnersAsync(tenant).ToListAsync()).Should().Equal(new StoredLearner("bob", 1, null, null));
        (await Store.ReadAsync(tenant, "bob")).Version.Should().Be(1);
        var begun = await Store.AppendAsync(tenant, "ana", 0, [Rec(Piece("e1", score: 0.1))]);
        begun.Version.Should().Be(1, "an erased learner starts again, and an id erased may come back with other content");
        begun.Incarnation.Should().NotBe(log, "a log begun again is another incarnation");
    }

    [SkippableFact]
    public async Task An_erasure_racing_a_first_append_leaves_nothing_behind_it_or_the_append()
    {
        var tenant = NewTenant();
        var other = OpenAnother();
        for (var round = 0; round < 150; round++)
        {
            var learner = $"racer-{round}";
            var entries = Enumerable.Range(0, 20).Select(i => Rec(Piece($"{learner}-{i}", learner, minutes: i))).ToList();
            await Task.WhenAll(Task.Run(async () => await Store.AppendAsync(tenant, learner, null, entries)), Task.Run(async () => await other.EraseAsync(tenant, learner)));

            var read = await Store.ReadAsync(tenant, learner);
            read.Entries.Length.Should().Be((int)read.Version, $"round {round}: the log is whole or gone");
            var erased = await Store.EraseAsync(tenant, learner);
            erased.LogEntries.Should().Be(read.Version, $"round {round}: an erasure removes what a read sees, and only that");
            var again = await Store.AppendAsync(tenant, learner, 0, entries);
            again.Written.Should().Be(20, $"round {round}: nothing of the erased log is left to collide with");
        }
    }

    [SkippableFact]
    public async Task A_tenant_never_reads_changes_or_counts_another_tenants_records()
    {
        var (a, b) = (NewTenant(), NewTenant());
        var log = (await Store.AppendAsync(a, "ana", 0, [Rec(Piece("e1", score: 0.1)), Rec(Piece("e2"))])).Incarnation;
        await Store.SaveSnapshotAsync(a, "ana", new StateSnapshot(2, "f", "{\"a\":1}", log));
        await Store.AppendAsync(a, "cy", 0, [Rec(Piece("c1", learner: "cy"))]);

        // The same learner and evidence ids in tenant b: their own log, versions and content.
        (await Store.ReadAsync(b, "ana")).Version.Should().Be(0);
        (await Store.LoadSnapshotAsync(b, "ana")).Should().BeNull();
        (await Store.AppendAsync(b, "ana", 0, [Rec(Piece("e1", score: 0.9))])).Version.Should().Be(1);
        (await Store.ListLearnersAsync(b).ToListAsync()).Should().Equal(new StoredLearner("ana", 1, null, null));
        (await Store.EraseAsync(b, "cy")).Should().Be(new ErasureReport(0, 0, 0));
        (await Store.EraseAsync(b, "ana")).Should().Be(new ErasureReport(1, 0, 1));

        (await Store.ReadAsync(a, "ana")).Entries.Select(e => e.Evidence!.Outcome).Should().Equal(EvidenceOutcome.FromScore(0.1), EvidenceOutcome.FromScore(0.8));
        (await Store.LoadSnapshotAsync(a, "ana")).Should().Be(new StateSnapshot(2, "f", "{\"a\":1}", log), "tenant b's writes left tenant a's snapshot as saved");
        (await Store.ListLearnersAsync(a).ToListAsync()).Should().Equal(new StoredLearner("ana", 2, 2, "f"), new StoredLearner("cy", 1, null, null));
    }

    [SkippableFact]
    public async Task Learners_are_listed_in_code_point_order_across_pages()
    {
        var tenant = NewTenant();

        // A fullwidth letter (U+FF21) and an emoji (U+1F600, two UTF-16 surrogates that sort before U+FF21 ordinally).
        var learners = Enumerable.Range(0, 1200).Select(i => $"L{i % 7}-{i:D4}").Append("a").Append("Z").Append("é").Append("\uFF21").Append("\U0001F600").ToList();
        foreach (var learner in learners)
        {
            await Store.AppendAsync(tenant, learner, 0, [Rec(Piece($"{learner}-1", learner: learner))]);
        }

        var listed = await Store.ListLearnersAsync(tenant).ToListAsync();

        listed.Select(l => l.Learner.Value).Should().Equal(learners.OrderBy(l => System.Text.Encoding.UTF8.GetBytes(l), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))));
        listed[^2].Learner.Value.Should().Be("\uFF21");
        listed.Should().OnlyContain(l => l.Version == 1 && l.SnapshotVersion == null && l.SnapshotFingerprint == null);
    }

    [SkippableFact]
    public async Task Eight_writers_appending_to_the_same_learners_lose_nothing_and_count_nothing_twice()
    {
        var tenant = NewTenant();
        const int Writers = 8, PiecesPerWriter = 40;
        var learners = new[] { "ana", "bob", "cy" };
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var store = w % 2 == 0 ? Store : OpenAnother();
            for (var i = 0; i < PiecesPerWriter; i++)
            {
                // Each piece is sent twice (a retry after a lost acknowledgement), the second time by another writer; its
                // learner and content follow from its id.
                foreach (var k in new[] { w, (w + 1) % Writers })
                {
                    var learner = learners[(k + i) % learners.Length];
                    var piece = Piece($"w{k}-{i}", learner, score: (i % 11) / 10.0, minutes: i);
                    while (true)
                    {
                        var version = (await store.ReadAsync(tenant, learner)).Version;
                        try
                        {
                            await store.AppendAsync(tenant, learner, version, [Rec(piece)]);
                            break;
                        }
                        catch (EvidenceLogConcurrencyException)
                        {
                            Interlocked.Increment(ref conflicts);
                        }
                    }
                }
            }
        })));

        var stored = new List<string>();
        foreach (var learner in learners)
        {
            var read = await Store.ReadAsync(tenant, learner);
            read.Version.Should().Be(read.Entries.Length);
            stored.AddRange(read.Entries.Select(e => e.Id.Value));
        }

        stored.Should().OnlyHaveUniqueItems();
        stored.Should().HaveCount(Writers * PiecesPerWriter);
    }

    // ---- LearnerRecords over the store ----

    // How LearnerRecords writes a snapshot's text: a SHA-256 line over the version and incarnation (little-endian) and the
    // document's UTF-16 code units, then the document.
    private static string WithChecksum(string json, long version, long incarnation)
    {
        var numbers = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(numbers, version);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(numbers.AsSpan(8), incarnation);
        var hashed = numbers.Concat(System.Runtime.InteropServices.MemoryMarshal.AsBytes(json.AsSpan()).ToArray()).ToArray();
        return "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hashed)) + "\n" + json;
    }

    private static LearnerState StateOf(StateSnapshot snapshot) => PersonalizedLearningJson.Deserialize<LearnerState>(snapshot.State[(snapshot.State.IndexOf('\n', StringComparison.Ordinal) + 1)..]);

    private static async Task<LearnerState> RebuiltFromLog(IEvidenceStore store, PersonalizedLearningEngine engine, TenantId tenant, LearnerId learner)
    {
        var read = await store.ReadAsync(tenant, learner);
        return engine.Rebuild(learner, read.Entries.Where(e => e.Evidence is not null).Select(e => e.Evidence!), read.Entries.Where(e => e.Evidence is null).Select(e => e.Id));
    }

    [SkippableFact]
    public async Task Records_write_what_they_fold_and_a_fresh_instance_loads_the_same_state_from_snapshot_and_tail()
    {
        var tenant = NewTenant();
        var engine = Engine();
        using var records = new LearnerRecords(engine, Store, new LearnerRecordsOptions { SnapshotInterval = 4 });
        var pieces = Enumerable.Range(0, 10).Select(i => Piece($"e{i}", competency: "ABCD"[i % 4].ToString(), score: i / 10.0, minutes: (i * 37) % 11)).ToList();

        foreach (var piece in pieces.Take(6))
        {
            await records.RecordAsync(tenant, piece);
        }

        await records.RecordBatchAsync(tenant, "ana", pieces.Skip(6).Append(pieces[0]));
        await records.RetractAsync(tenant, "ana", ["e3", "never-arrived"]);
        var last = await records.SupersedeAsync(tenant, "e4", Piece("e4-regrade", competency: "A", score: 1.0, minutes: 4));

        var expected = engine.Supersede(engine.Retract(engine.Rebuild("ana", pieces), ["e3", "never-arrived"]), "e4", Piece("e4-regrade", competency: "A", score: 1.0, minutes: 4));
        last.Should().Be(expected);
        (await RebuiltFromLog(Store, engine, tenant, "ana")).Should().Be(expected);
        (await Store.ReadAsync(tenant, "ana")).Version.Should().Be(14, "10 pieces, 2 retractions, a retraction and a replacement; the repeated piece is not written");
        (await Store.LoadSnapshotAsync(tenant, "ana"))!.Version.Should().BeGreaterThanOrEqualTo(10);

        using var fresh = new LearnerRecords(Engine(), OpenAnother());
        (await fresh.GetStateAsync(tenant, "ana")).Should().Be(expected);
        (await fresh.AssessAsync(tenant, "ana", Start.AddDays(1))).Should().BeEquivalentTo(engine.Assess(expected, Start.AddDays(1)));
        (await fresh.RecommendNextAsync(tenant, "ana", 2, asOf: Start.AddDays(1))).Steps.Select(s => s.Activity.Id)
            .Should().Equal(engine.RecommendNext(expected, 2, asOf: Start.AddDays(1)).Steps.Select(s => s.Activity.Id));
    }

    [SkippableFact]
    public async Task A_kept_state_sees_what_another_instance_wrote()
    {
        var tenant = NewTenant();
        using var one = new LearnerRecords(Engine(), Store);
        using var two = new LearnerRecords(Engine(), OpenAnother());
        await one.RecordAsync(tenant, Piece("e1"));
        await two.RecordAsync(tenant, Piece("e2", competency: "B"));

        var seen = await one.GetStateAsync(tenant, "ana");
        var written = await one.RecordAsync(tenant, Piece("e3", competency: "C"));

        seen.EvidenceCount.Should().Be(2);
        written.EvidenceCount.Should().Be(3);
        (await Store.ReadAsync(tenant, "ana")).Version.Should().Be(3);
    }

    [SkippableFact]
    public async Task A_single_writer_reads_its_kept_state_and_still_folds_a_second_writer_in_at_its_next_write()
    {
        var tenant = NewTenant();
        using var owner = new LearnerRecords(Engine(), Store, new LearnerRecordsOptions { AssumeSingleWriter = true });
        using var intruder = new LearnerRecords(Engine(), OpenAnother());
        await owner.RecordAsync(tenant, Piece("e1"));
        await intruder.RecordAsync(tenant, Piece("e2", competency: "B"));

        // The owner trusts its kept state: the intruder's evidence is not seen by a read ...
        (await owner.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(1);
        (await owner.AssessAsync(tenant, "ana", Start.AddDays(1))).GetAll().Should().ContainSingle(a => a.EvidenceCount > 0);

        // ... but the next write's expected version is stale, so it is appended at the end and the tail folded in.
        var written = await owner.RecordAsync(tenant, Piece("e3", competency: "C"));
        written.EvidenceCount.Should().Be(3);
        (await owner.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(3);
        (await Store.ReadAsync(tenant, "ana")).Version.Should().Be(3);

        // A new owner forgets what it kept from an earlier ownership and loads the log.
        owner.Forget(tenant, "ana");
        await intruder.RecordAsync(tenant, Piece("e4", competency: "D"));
        (await owner.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(4);
    }

    [SkippableFact]
    public async Task Eight_writers_through_records_lose_nothing_and_the_state_equals_a_rebuild_of_the_log()
    {
        var tenant = NewTenant();
        var engine = Engine();
        var learners = new[] { "ana", "bob" };
        var instances = Enumerable.Range(0, 4).Select(i => new LearnerRecords(Engine(), i % 2 == 0 ? Store : OpenAnother(), new LearnerRecordsOptions { SnapshotInterval = 7 })).ToList();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 30; i++)
                {
                    var learner = learners[(w + i) % 2];
                    var piece = Evidence.ForActivity($"w{w}-{i}", learner, (i % 3) switch { 0 => "a-practice", 1 => "cd-project", _ => "b-practice" }, EvidenceOutcome.FromScore((i * 7 % 11) / 10.0), Start.AddMinutes((w * 31 + i * 17) % 200));
                    await instances[w % 4].RecordAsync(tenant, piece);
                    if (i % 10 == 9)
                    {
                        await instances[(w + 1) % 4].RetractAsync(tenant, learners[(w + i - 1) % 2], [$"w{w}-{i - 1}"]);
                    }
                }
            })));

            foreach (var learner in learners)
            {
                var rebuilt = await RebuiltFromLog(Store, engine, tenant, learner);
                rebuilt.EvidenceCount.Should().Be(8 * 15 - 12);
                rebuilt.RetractedEvidence.Should().HaveCount(12);
                foreach (var instance in instances)
                {
                    (await instance.GetStateAsync(tenant, learner)).Should().Be(rebuilt);
                }
            }
        }
        finally
        {
            instances.ForEach(i => i.Dispose());
        }
    }

    [SkippableFact]
    public async Task A_snapshot_that_does_not_parse_or_does_not_fit_its_evidence_is_rebuilt_from_the_log_and_replaced()
    {
        var tenant = NewTenant();
        var engine = Engine();
        using (var writer = new LearnerRecords(engine, Store, new LearnerRecordsOptions { SnapshotInterval = 0 }))
        {
            await writer.RecordBatchAsync(tenant, "ana", [Piece("e1", score: 0.2), Piece("e2", competency: "B", score: 0.9)]);
            await writer.RecordBatchAsync(tenant, "bob", [Piece("b1", learner: "bob", score: 0.2)]);
        }

        var expected = engine.Rebuild("ana", [Piece("e1", score: 0.2), Piece("e2", competency: "B", score: 0.9)]);
        // A state whose stored estimate is not what its evidence folds to, as a torn or flipped write would leave it.
        var json = PersonalizedLearningJson.Serialize(expected);
        var edited = System.Text.RegularExpressions.Regex.Replace(json, "\"estimate\":0\\.2\\b", "\"estimate\":0.3");
        edited.Should().NotBe(json);
        using var reader = new LearnerRecords(engine, OpenAnother());
        var (ana, bob) = ((await Store.ReadAsync(tenant, "ana")).Incarnation, (await Store.ReadAsync(tenant, "bob")).Incarnation);

        // With a checksum that matches (so only the check against its evidence can catch it), and without one.
        await Store.SaveSnapshotAsync(tenant, "ana", new StateSnapshot(2, reader.Fingerprint, WithChecksum(edited, 2, ana), ana));
        await Store.SaveSnapshotAsync(tenant, "bob", new StateSnapshot(1, reader.Fingerprint, "{ not json", bob));

        (await reader.GetStateAsync(tenant, "ana")).Should().Be(expected);
        (await reader.GetStateAsync(tenant, "bob")).EvidenceCount.Should().Be(1);
        var replaced = await Store.LoadSnapshotAsync(tenant, "ana");
        replaced!.State.Should().Be(WithChecksum(json, 2, ana));
        (await Store.LoadSnapshotAsync(tenant, "bob"))!.State.Should().NotBe("{ not json");

        // A snapshot whose text changed after it was written (a renamed property still parses) fails its checksum.
        var valid = replaced.State;
        var renamed = valid.Replace("\"competencies\"", "\"competencieX\"", StringComparison.Ordinal);
        renamed.Should().NotBe(valid);
        await Store.SaveSnapshotAsync(tenant, "ana", replaced with { State = renamed });
        using var third = new LearnerRecords(engine, OpenAnother());
        (await third.GetStateAsync(tenant, "ana")).Should().Be(expected);
        (await Store.LoadSnapshotAsync(tenant, "ana"))!.State.Should().Be(valid);
    }

    [SkippableFact]
    public async Task After_a_model_change_rebuild_refolds_each_learner_once_reports_progress_and_lists_what_it_cannot_fold()
    {
        var tenant = NewTenant();
        var before = Engine(RollupMasteryModel.Latest());
        using (var writer = new LearnerRecords(before, Store, new LearnerRecordsOptions { SnapshotInterval = 1 }))
        {
            foreach (var learner in new[] { "ana", "bob", "cy" })
            {
                await writer.RecordBatchAsync(tenant, learner, [Piece($"{learner}-1", learner, score: 0.4), Piece($"{learner}-2", learner, score: 0.9, minutes: 5)]);
            }

            await writer.RecordAsync(tenant, Evidence.ForActivity("dee-1", "dee", "cd-project", EvidenceOutcome.FromScore(0.5), Start));
        }

        // The refit: another model, and a catalog without the project dee's evidence names.
        var after = Engine(RollupMasteryModel.Highest(), withProject: false);
        using var records = new LearnerRecords(after, OpenAnother(), new LearnerRecordsOptions { RebuildParallelism = 1 });
        records.Fingerprint.Should().NotBe(new LearnerRecords(before, Store).Fingerprint);
        var reports = new List<RecordsRebuildProgress>();

        var report = await records.RebuildAsync(tenant, new SynchronousProgress<RecordsRebuildProgress>(reports.Add));
        var second = await records.RebuildAsync(tenant);

        report.Should().Match<RecordsRebuildReport>(r => r.Learners == 4 && r.Rebuilt == 3 && r.UpToDate == 0 && r.Entries == 7);
        report.Failures.Should().ContainSingle().Which.Learner.Should().Be((LearnerId)"dee");
        report.Failures[0].Reason.Should().Contain("cd-project");
        reports.Select(p => (p.Learners, p.Rebuilt, p.Failed)).Should().Equal((1, 1, 0), (2, 2, 0), (3, 3, 0), (4, 3, 1));
        second.Should().Match<RecordsRebuildReport>(r => r.Learners == 4 && r.Rebuilt == 0 && r.UpToDate == 3 && r.Failures.Length == 1);
        var snapshot = await Store.LoadSnapshotAsync(tenant, "bob");
        snapshot!.Fingerprint.Should().Be(records.Fingerprint);
        StateOf(snapshot).Should().Be(after.Rebuild("bob", [Piece("bob-1", "bob", score: 0.4), Piece("bob-2", "bob", score: 0.9, minutes: 5)]));
    }

    [SkippableFact]
    public async Task A_parallel_rebuild_refolds_every_learner_once_with_progress_that_only_grows()
    {
        var tenant = NewTenant();
        var learners = Enumerable.Range(0, 40).Select(i => $"learner-{i:D2}").ToList();
        using (var writer = new LearnerRecords(Engine(RollupMasteryModel.Latest()), Store, new LearnerRecordsOptions { SnapshotInterval = 1 }))
        {
            foreach (var learner in learners)
            {
                await writer.RecordBatchAsync(tenant, learner, [Piece($"{learner}-1", learner, score: 0.4), Piece($"{learner}-2", learner, score: 0.9, minutes: 5)]);
            }
        }

        var after = Engine(RollupMasteryModel.Highest());
        using var records = new LearnerRecords(after, OpenAnother(), new LearnerRecordsOptions { RebuildParallelism = 8 });
        var reports = new ConcurrentQueue<RecordsRebuildProgress>();

        var report = await records.RebuildAsync(tenant, new SynchronousProgress<RecordsRebuildProgress>(reports.Enqueue));

        report.Should().Match<RecordsRebuildReport>(r => r.Learners == 40 && r.Rebuilt == 40 && r.UpToDate == 0 && r.Entries == 80 && r.Failures.IsEmpty);
        reports.Select(p => p.Learners).Should().Equal(Enumerable.Range(1, 40));
        reports.Select(p => p.Entries).Should().BeInAscendingOrder();
        foreach (var stored in await Store.ListLearnersAsync(tenant).ToListAsync())
        {
            stored.SnapshotFingerprint.Should().Be(records.Fingerprint);
            stored.SnapshotVersion.Should().Be(2);
        }

        (await records.RebuildAsync(tenant)).UpToDate.Should().Be(40);
    }

    [SkippableFact]
    public async Task A_cancelled_rebuild_stops_between_learners_and_the_next_run_goes_on_where_it_stopped()
    {
        var tenant = NewTenant();
        using (var writer = new LearnerRecords(Engine(RollupMasteryModel.Latest()), Store, new LearnerRecordsOptions { SnapshotInterval = 1 }))
        {
            foreach (var learner in new[] { "ana", "bob", "cy", "dee" })
            {
                await writer.RecordAsync(tenant, Piece($"{learner}-1", learner));
            }
        }

        using var records = new LearnerRecords(Engine(RollupMasteryModel.Highest()), Store, new LearnerRecordsOptions { RebuildParallelism = 1 });
        using var cancel = new CancellationTokenSource();
        var stopped = () => records.RebuildAsync(tenant, new SynchronousProgress<RecordsRebuildProgress>(p =>
        {
            if (p.Learners == 2)
            {
                cancel.Cancel();
            }
        }), cancel.Token);

        await stopped.Should().ThrowAsync<OperationCanceledException>();
        var rest = await records.RebuildAsync(tenant);

        rest.Should().Match<RecordsRebuildReport>(r => r.Learners == 4 && r.Rebuilt == 2 && r.UpToDate == 2);
    }

    [SkippableFact]
    public async Task Records_refuse_bad_evidence_before_writing_and_their_conflict_message_shows_no_values()
    {
        var tenant = NewTenant();
        using var records = new LearnerRecords(Engine(), Store);
        await records.RecordAsync(tenant, Piece("e1", score: 0.25));

        var conflict = () => records.RecordAsync(tenant, Piece("e1", score: 0.75)).AsTask();
        var unknown = () => records.RecordAsync(tenant, Piece("e2", competency: "Z")).AsTask();
        var future = () => records.RecordAsync(tenant, Piece("e3", minutes: 60 * 24 * 800)).AsTask();

        (await conflict.Should().ThrowExactlyAsync<EvidenceConflictException>()).Which.Message.Should().NotContain("0.75").And.NotContain("0.25");
        (await unknown.Should().ThrowExactlyAsync<PersonalizedLearning.Competencies.UnknownCompetencyException>()).Which.Competency.Value.Should().Be("Z");
        await future.Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        (await Store.ReadAsync(tenant, "ana")).Version.Should().Be(1);
    }

    [SkippableFact]
    public async Task A_state_kept_by_another_instance_never_brings_erased_evidence_back()
    {
        var tenant = NewTenant();
        var engine = Engine();
        using var keeper = new LearnerRecords(engine, Store, new LearnerRecordsOptions { SnapshotInterval = 4 });
        using var eraser = new LearnerRecords(engine, OpenAnother(), new LearnerRecordsOptions { SnapshotInterval = 4 });
        await keeper.RecordBatchAsync(tenant, "ana", [Piece("old1"), Piece("old2", competency: "B"), Piece("old3", competency: "C")]);
        (await keeper.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(3);

        // Erased through another instance, then begun again to the same version.
        (await eraser.EraseAsync(tenant, "ana")).LogEntries.Should().Be(3);
        await eraser.RecordBatchAsync(tenant, "ana", [Piece("new1"), Piece("new2"), Piece("new3")]);
        var read = await keeper.GetStateAsync(tenant, "ana");
        var written = await keeper.RecordAsync(tenant, Piece("new4", competency: "D"));

        read.Evidence.Select(e => e.Id.Value).Should().BeEquivalentTo(["new1", "new2", "new3"]);
        written.Evidence.Select(e => e.Id.Value).Should().BeEquivalentTo(["new1", "new2", "new3", "new4"]);
        written.Should().Be(await RebuiltFromLog(Store, engine, tenant, "ana"));
        var snapshot = await Store.LoadSnapshotAsync(tenant, "ana");
        snapshot!.State.Should().NotContain("old1").And.NotContain("old2").And.NotContain("old3");
        using var fresh = new LearnerRecords(engine, OpenAnother());
        (await fresh.GetStateAsync(tenant, "ana")).Should().Be(written);
    }

    [SkippableFact]
    public async Task Evidence_sent_again_through_an_instance_that_kept_an_erased_learner_is_written_to_the_new_log()
    {
        var tenant = NewTenant();
        using var keeper = new LearnerRecords(Engine(), Store);
        using var eraser = new LearnerRecords(Engine(), OpenAnother());
        await keeper.RecordBatchAsync(tenant, "ana", [Piece("x1"), Piece("x2", competency: "B")]);
        await eraser.EraseAsync(tenant, "ana");

        var state = await keeper.RecordAsync(tenant, Piece("x2", competency: "B"));

        state.Evidence.Select(e => e.Id.Value).Should().Equal("x2");
        (await Store.ReadAsync(tenant, "ana")).Entries.Select(e => e.Id.Value).Should().Equal("x2");
    }

    [SkippableFact]
    public async Task A_snapshot_whose_version_was_changed_apart_from_its_state_is_not_trusted()
    {
        var tenant = NewTenant();
        var engine = Engine();
        using (var writer = new LearnerRecords(engine, Store, new LearnerRecordsOptions { SnapshotInterval = 5 }))
        {
            for (var i = 0; i < 9; i++)
            {
                await writer.RecordAsync(tenant, Piece($"e{i}", minutes: i));
            }
        }

        var snapshot = await Store.LoadSnapshotAsync(tenant, "ana");
        snapshot!.Version.Should().Be(5);
        await Store.EraseAsync(tenant, "nobody");
        await Store.SaveSnapshotAsync(tenant, "ana", snapshot with { Version = 8 });

        using var reader = new LearnerRecords(engine, OpenAnother());
        (await reader.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(9);
    }

    [SkippableFact]
    public async Task Writes_racing_an_erasure_leave_a_state_equal_to_its_log_and_no_erased_evidence_in_a_snapshot()
    {
        var tenant = NewTenant();
        var engine = Engine();
        using var records = new LearnerRecords(engine, Store, new LearnerRecordsOptions { SnapshotInterval = 2 });
        var other = OpenAnother();
        for (var round = 0; round < 30; round++)
        {
            LearnerId learner = $"ana-{round}";
            await records.RecordBatchAsync(tenant, learner, [Piece($"{round}-old1", learner.Value), Piece($"{round}-old2", learner.Value, competency: "B")]);
            var writing = Task.Run(async () =>
            {
                for (var i = 0; i < 4; i++)
                {
                    await records.RecordAsync(tenant, Piece($"{round}-new{i}", learner.Value, competency: "ABCD"[i].ToString(), minutes: i));
                }
            });
            var erasing = Task.Run(async () => await other.EraseAsync(tenant, learner));
            await Task.WhenAll(writing, erasing);

            var state = await records.GetStateAsync(tenant, learner);
            state.Should().Be(await RebuiltFromLog(Store, engine, tenant, learner), $"round {round}");
            var read = await Store.ReadAsync(tenant, learner);
            if (await Store.LoadSnapshotAsync(tenant, learner) is { } snapshot)
            {
                var kept = StateOf(snapshot).Evidence.Select(e => e.Id);
                kept.Should().BeSubsetOf(read.Entries.Select(e => e.Id), $"round {round}: a snapshot holds only evidence its log holds");
            }
        }
    }

    [SkippableFact]
    public async Task Evidence_dated_after_the_clock_is_refused_without_showing_when_and_stored_evidence_folds_for_any_reader()
    {
        var tenant = NewTenant();
        var engine = Engine();
        var clock = Start.AddYears(1);
        using var records = new LearnerRecords(engine, Store);
        var ahead = Evidence.ForCompetency("ahead", "ana", "A", EvidenceOutcome.FromScore(0.625), clock.AddDays(3));

        var refused = () => records.RecordAsync(tenant, ahead).AsTask();

        var thrown = (await refused.Should().ThrowExactlyAsync<ArgumentOutOfRangeException>()).Which;
        thrown.Message.Should().Contain("'ahead'").And.Contain("MaximumFutureSkew").And.NotContain(clock.AddDays(3).Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.NotContain("0.625");
        thrown.ActualValue.Should().BeNull();
        (await Store.ReadAsync(tenant, "ana")).Version.Should().Be(0);

        // Accepted by a host with a wider margin, then read and written by one with a narrower margin.
        var wide = new PersonalizedLearningEngine(engine.Catalog, engine.Model, timeProvider: engine.TimeProvider) { MaximumFutureSkew = TimeSpan.FromDays(7) };
        using (var lenient = new LearnerRecords(wide, Store))
        {
            await lenient.RecordAsync(tenant, ahead);
        }

        using var strict = new LearnerRecords(engine, OpenAnother());
        (await strict.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(1);
        var report = await new LearnerRecords(Engine(RollupMasteryModel.Highest()), Store).RebuildAsync(tenant);
        report.Failures.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Erasing_through_records_forgets_the_kept_state_too()
    {
        var tenant = NewTenant();
        using var records = new LearnerRecords(Engine(), Store, new LearnerRecordsOptions { SnapshotInterval = 1 });
        await records.RecordBatchAsync(tenant, "ana", [Piece("e1"), Piece("e2")]);

        var report = await records.EraseAsync(tenant, "ana");

        report.Should().Be(new ErasureReport(2, 1, 1));
        (await records.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(0);
        (await records.RecordAsync(tenant, Piece("e1", score: 0.1))).EvidenceCount.Should().Be(1);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>Async enumeration helpers for the contract.</summary>
internal static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}

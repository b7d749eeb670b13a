using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Storage.Sqlite;

/// <summary>
/// An <see cref="IEvidenceStore"/> in one SQLite file: the embedded default, nothing to install. Learners' logs, versions
/// and snapshots are tables keyed by tenant and learner; the database runs in write-ahead-log mode, so readers never wait
/// for the writer, and every append is one transaction that takes the write lock first (<c>BEGIN IMMEDIATE</c>).
/// </summary>
/// <remarks>
/// <para><b>Schema.</b> Created on first use (or at start by the hosted service that
/// <c>AddPersonalizedLearningSqlite</c> registers), versioned in the table <c>pl_schema</c>, migrated forward by this
/// package and idempotent; a database of a newer schema version is refused with
/// <see cref="EvidenceStoreSchemaException"/> before anything is read or written. Tables: <c>pl_learners</c> (version per
/// learner), <c>pl_log</c> (entries by position, unique by evidence id and kind), <c>pl_snapshots</c>.</para>
/// <para><b>Durability.</b> <c>synchronous=FULL</c> by default: an append that returned survives a killed process and a
/// power loss. <see cref="SqliteEvidenceStoreOptions.Synchronous"/> may lower it to <c>NORMAL</c>, which still survives a
/// killed process.</para>
/// <para><b>Concurrency.</b> Thread-safe; several instances and processes may share a file. Writers of one instance take
/// turns in order; writers of other instances and processes wait in SQLite's busy handler for up to the connection's
/// timeout (the connection string's <c>Default Timeout</c>, 30 s unless set). Dispose the instance when done.</para>
/// <para><b>Telemetry.</b> Appends are spans (<see cref="PersonalizedLearningTelemetry.Spans.StoreAppend"/>), timed and
/// counted (entries written, conflicts) on the source and meter <see cref="PersonalizedLearningTelemetry.SqliteName"/> when
/// someone listens; schema creation, a newer schema and refused appends are logged through the logger given.</para>
/// <para>Evidence is stored as <c>PersonalizedLearningJson</c> documents, so a database outlives this package's
/// versions as the documents do.</para>
/// </remarks>
public sealed class SqliteEvidenceStore : IEvidenceStore, IAsyncDisposable, IDisposable
{
    /// <summary>The newest schema version this package writes and reads.</summary>
    public const int SchemaVersion = 1;

    private const int Page = 500;
    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly int _busyTimeout;
    private readonly SharedMigration _migration;
    private readonly ILogger _logger;
    private static readonly StoreTelemetry Telemetry = new(PersonalizedLearningTelemetry.SqliteName, "sqlite");

    // SQLite has one writer at a time per file. Writers of this instance queue here, in order, rather than on SQLite's
    // lock (where a loser sleeps and retries); writers of other instances and processes wait in SQLite's busy handler.
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Creates the store over a SQLite database.</summary>
    /// <param name="options">The options: the connection string at least.</param>
    /// <param name="logger">Where schema creation, a newer schema and refused appends are logged (event ids in
    /// <see cref="PersonalizedLearningTelemetry.EventIds"/>); nowhere when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The connection string is empty, cannot be parsed or names an in-memory
    /// database; the message lists every problem of the options, <see cref="SqliteEvidenceStoreOptions.Synchronous"/>'s too.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="SqliteEvidenceStoreOptions.Synchronous"/> is not a value of
    /// its enumeration, and the connection string is valid.</exception>
    public SqliteEvidenceStore(SqliteEvidenceStoreOptions options, ILogger<SqliteEvidenceStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _migration = new SharedMigration(MigrateAsync);
        // Every problem at once (issue 21): a bad connection string does not hide a bad Synchronous.
        var problems = new List<string>();
        _connectionString = string.Empty;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("The SQLite connection string is required; got none.");
        }
        else
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true };
                _connectionString = builder.ToString();

                // SQLite's own busy handler waits for another process's writer in short steps, up to the connection's timeout.
                _busyTimeout = checked(builder.DefaultTimeout * 1000);
                if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or ""
                    || builder.DataSource.Contains(":memory:", StringComparison.OrdinalIgnoreCase) || builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add("An in-memory SQLite database lives only as long as one of its connections, and this store opens one per call: give it a file (or use InMemoryEvidenceStore).");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or OverflowException)
            {
                problems.Add($"The SQLite connection string cannot be parsed: {e.Message}");
            }
        }

        _synchronous = options.Synchronous switch
        {
            SqliteSynchronous.Full => "FULL",
            SqliteSynchronous.Normal => "NORMAL",
            _ => string.Empty,
        };
        var synchronousOnly = problems.Count == 0;
        if (_synchronous.Length == 0)
        {
            problems.Add($"Synchronous must be Full or Normal; got {(int)options.Synchronous}.");
        }

        if (problems.Count > 0)
        {
            var message = "The SQLite evidence store options are not valid: " + string.Join(" ", problems);

            // A value out of its range alone is the range exception callers catch; any connection-string problem is the argument's.
            throw synchronousOnly ? new ArgumentOutOfRangeException(nameof(options), options.Synchronous, message) : new ArgumentException(message, nameof(options));
        }
    }

    /// <summary>Creates the store over a SQLite database with the default options.</summary>
    /// <param name="connectionString">The connection string, such as <c>Data Source=learners.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or cannot be parsed.</exception>
    public SqliteEvidenceStore(string connectionString)
        : this(new SqliteEvidenceStoreOptions { ConnectionString = connectionString })
    {
    }

    /// <summary>Creates or migrates the schema if needed; every other call does this first, once per instance.</summary>
    /// <param name="cancellationToken">Stops this caller's wait (a migration under way goes on for the others).</param>
    /// <returns>A task that completes when the schema is ready.</returns>
    /// <exception cref="EvidenceStoreSchemaException">The database was written by a newer package.</exception>
    /// <exception cref="SqliteException">The database cannot be opened or written.</exception>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _migration.EnsureAsync(cancellationToken);

    private async Task MigrateAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);

        // A database of a newer schema is refused before anything is written to it (the journal mode included).
        await using (var existing = connection.CreateCommand())
        {
            existing.CommandText = "SELECT version FROM pl_schema WHERE id = 1;";
            if (await ScalarOrNullAsync(existing).ConfigureAwait(false) is long newer && newer > SchemaVersion)
            {
                SqliteLog.SchemaTooNew(_logger, DataSource, newer, SchemaVersion);
                throw new EvidenceStoreSchemaException("SQLite evidence store", (int)newer, SchemaVersion);
            }
        }

        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", CancellationToken.None).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS pl_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);", CancellationToken.None).ConfigureAwait(false);
        var found = await ScalarAsync(connection, transaction, "SELECT version FROM pl_schema WHERE id = 1;", CancellationToken.None).ConfigureAwait(false) ?? 0;
        if (found > SchemaVersion)
        {
            SqliteLog.SchemaTooNew(_logger, DataSource, found, SchemaVersion);
            throw new EvidenceStoreSchemaException("SQLite evidence store", (int)found, SchemaVersion);
        }

        if (found < 1)
        {
            await ExecuteAsync(connection, transaction, """
                CREATE TABLE IF NOT EXISTS pl_learners (tenant TEXT NOT NULL, learner TEXT NOT NULL, version INTEGER NOT NULL, incarnation INTEGER NOT NULL, PRIMARY KEY (tenant, learner)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS pl_log (tenant TEXT NOT NULL, learner TEXT NOT NULL, position INTEGER NOT NULL, kind INTEGER NOT NULL, evidence_id TEXT NOT NULL, evidence TEXT, PRIMARY KEY (tenant, learner, position)) WITHOUT ROWID;
                CREATE UNIQUE INDEX IF NOT EXISTS pl_log_ids ON pl_log (tenant, learner, evidence_id, kind);
                CREATE TABLE IF NOT EXISTS pl_snapshots (tenant TEXT NOT NULL, learner TEXT NOT NULL, version INTEGER NOT NULL, incarnation INTEGER NOT NULL, fingerprint TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (tenant, learner)) WITHOUT ROWID;
                INSERT INTO pl_schema (id, version) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET version = 1;
                """, CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        if (found < 1)
        {
            SqliteLog.SchemaCreated(_logger, SchemaVersion, DataSource);
        }
    }

    private string DataSource => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <inheritdoc />
    public ValueTask<EvidenceLogAppend> AppendAsync(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries, CancellationToken cancellationToken = default)
        => Telemetry.Observed
            ? Telemetry.AppendAsync(entries?.Count ?? 0, () => AppendUnobservedAsync(tenant, learner, expectedVersion, entries!, cancellationToken))
            : AppendUnobservedAsync(tenant, learner, expectedVersion, entries!, cancellationToken);

    private async ValueTask<EvidenceLogAppend> AppendUnobservedAsync(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries, CancellationToken cancellationToken)
    {
        var batch = EvidenceStoreRules.PrepareAppend(tenant, learner, expectedVersion, entries);
        await using var turn = await WriterTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (version, incarnation) = await VersionAsync(connection, transaction, tenant, learner, cancellationToken).ConfigureAwait(false);
        if (expectedVersion is { } expected && version != expected)
        {
            SqliteLog.AppendConflict(_logger, tenant, version, expected);
            throw new EvidenceLogConcurrencyException(tenant, learner, expected, version);
        }

        using var find = Command(connection, transaction, "SELECT evidence FROM pl_log WHERE tenant = $t AND learner = $l AND evidence_id = $id AND kind = $k;", tenant, learner);
        var findId = find.Parameters.Add("$id", SqliteType.Text);
        var findKind = find.Parameters.Add("$k", SqliteType.Integer);
        using var insert = Command(connection, transaction, "INSERT INTO pl_log (tenant, learner, position, kind, evidence_id, evidence) VALUES ($t, $l, $p, $k, $id, $e);", tenant, learner);
        var position = insert.Parameters.Add("$p", SqliteType.Integer);
        var kind = insert.Parameters.Add("$k", SqliteType.Integer);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var evidence = insert.Parameters.Add("$e", SqliteType.Text);
        var next = version;
        foreach (var entry in batch)
        {
            findId.Value = entry.Id.Value;
            findKind.Value = (int)entry.Kind;
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (entry.Evidence is { } incoming)
                    {
                        EvidenceStoreRules.RequireSame(PersonalizedLearningJson.Deserialize<Evidence>(reader.GetString(0)), incoming);
                    }

                    continue;
                }
            }

            position.Value = ++next;
            kind.Value = (int)entry.Kind;
            id.Value = entry.Id.Value;
            evidence.Value = entry.Evidence is { } piece ? PersonalizedLearningJson.Serialize(piece) : DBNull.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (next != version)
        {
            // A log that begins draws its incarnation; one erased and begun again draws another.
            incarnation = version == 0 ? EvidenceLogRead.NewIncarnation() : incarnation;
            using var update = Command(connection, transaction, "INSERT INTO pl_learners (tenant, learner, version, incarnation) VALUES ($t, $l, $v, $i) ON CONFLICT (tenant, learner) DO UPDATE SET version = excluded.version;", tenant, learner);
            update.Parameters.AddWithValue("$v", next);
            update.Parameters.AddWithValue("$i", incarnation);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return new EvidenceLogAppend(next, incarnation, (int)(next - version));
    }

    /// <inheritdoc />
    public async ValueTask<EvidenceLogRead> ReadAsync(TenantId tenant, LearnerId learner, long after = 0, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        EvidenceStoreRules.RequirePosition(after, nameof(after));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction: the version and the entries from the same snapshot of the database.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var (version, incarnation) = await VersionAsync(connection, transaction, tenant, learner, cancellationToken).ConfigureAwait(false);
        var entries = ImmutableArray.CreateBuilder<EvidenceLogEntry>();
        if (version > after)
        {
            using var select = Command(connection, transaction, "SELECT kind, evidence_id, evidence FROM pl_log WHERE tenant = $t AND learner = $l AND position > $after AND position <= $v ORDER BY position;", tenant, learner);
            select.Parameters.AddWithValue("$after", after);
            select.Parameters.AddWithValue("$v", version);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(reader.GetInt32(0) == (int)EvidenceLogEntryKind.Recorded
                    ? EvidenceLogEntry.Recorded(PersonalizedLearningJson.Deserialize<Evidence>(reader.GetString(2)))
                    : EvidenceLogEntry.Retracted(reader.GetString(1)));
            }
        }

        return new EvidenceLogRead(after, entries.DrainToImmutable(), version, incarnation);
    }

    /// <inheritdoc />
    public async ValueTask<bool> SaveSnapshotAsync(TenantId tenant, LearnerId learner, StateSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        ArgumentNullException.ThrowIfNull(snapshot);
        EvidenceStoreRules.RequirePosition(snapshot.Version, nameof(snapshot));
        await using var turn = await WriterTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (version, incarnation) = await VersionAsync(connection, transaction, tenant, learner, cancellationToken).ConfigureAwait(false);
        if (version == 0 || snapshot.Incarnation != incarnation)
        {
            return false;
        }

        if (snapshot.Version > version)
        {
            throw new ArgumentOutOfRangeException(nameof(snapshot), snapshot.Version, $"The snapshot of learner '{learner}' is of version {snapshot.Version}, past the log's {version}.");
        }

        using var upsert = Command(connection, transaction, "INSERT INTO pl_snapshots (tenant, learner, version, incarnation, fingerprint, state) VALUES ($t, $l, $v, $i, $f, $s) ON CONFLICT (tenant, learner) DO UPDATE SET version = excluded.version, incarnation = excluded.incarnation, fingerprint = excluded.fingerprint, state = excluded.state WHERE excluded.version >= pl_snapshots.version OR excluded.incarnation <> pl_snapshots.incarnation;", tenant, learner);
        upsert.Parameters.AddWithValue("$i", snapshot.Incarnation);
        upsert.Parameters.AddWithValue("$v", snapshot.Version);
        upsert.Parameters.AddWithValue("$f", snapshot.Fingerprint);
        upsert.Parameters.AddWithValue("$s", snapshot.State);
        var saved = await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return saved;
    }

    /// <inheritdoc />
    public async ValueTask<StateSnapshot?> LoadSnapshotAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var select = Command(connection, null, "SELECT version, fingerprint, state, incarnation FROM pl_snapshots WHERE tenant = $t AND learner = $l;", tenant, learner);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StateSnapshot(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3))
            : null;
    }

    /// <inheritdoc />
    public async ValueTask<ErasureReport> EraseAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        await using var turn = await WriterTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var log = await DeleteAsync("pl_log").ConfigureAwait(false);
        var snapshots = await DeleteAsync("pl_snapshots").ConfigureAwait(false);
        var learners = await DeleteAsync("pl_learners").ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new ErasureReport(log, snapshots, learners);

        async Task<long> DeleteAsync(string table)
        {
            using var delete = Command(connection, transaction, $"DELETE FROM {table} WHERE tenant = $t AND learner = $l;", tenant, learner);
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredLearner> ListLearnersAsync(TenantId tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireTenant(tenant);
        string? after = null;
        while (true)
        {
            var page = new List<StoredLearner>(Page);
            await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                using var select = connection.CreateCommand();
                select.CommandText = "SELECT l.learner, l.version, s.version, s.fingerprint FROM pl_learners l LEFT JOIN pl_snapshots s ON s.tenant = l.tenant AND s.learner = l.learner WHERE l.tenant = $t AND ($after IS NULL OR l.learner > $after) ORDER BY l.learner LIMIT $n;";
                select.Parameters.AddWithValue("$t", tenant.Value);
                select.Parameters.AddWithValue("$after", (object?)after ?? DBNull.Value);
                select.Parameters.AddWithValue("$n", Page);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add(new StoredLearner(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                }
            }

            foreach (var learner in page)
            {
                yield return learner;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            after = page[^1].Learner.Value;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"SqliteEvidenceStore {{ DataSource = {new SqliteConnectionStringBuilder(_connectionString).DataSource}, Synchronous = {_synchronous} }}";

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, $"PRAGMA synchronous={_synchronous}; PRAGMA busy_timeout={_busyTimeout};", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Releases the gate this instance's writers take turns at; nothing stored changes.</summary>
    public void Dispose() => _writer.Dispose();

    /// <summary>The same as <see cref="Dispose"/> (the store holds no open connection between calls), for hosts that
    /// dispose asynchronously, as they do <c>PostgreSqlEvidenceStore</c>.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Turn> WriterTurnAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_writer);
    }

    private sealed class Turn(SemaphoreSlim writer) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            writer.Release();
            return ValueTask.CompletedTask;
        }
    }

    private static async Task<(long Version, long Incarnation)> VersionAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, LearnerId learner, CancellationToken cancellationToken)
    {
        using var select = Command(connection, transaction, "SELECT version, incarnation FROM pl_learners WHERE tenant = $t AND learner = $l;", tenant, learner);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, TenantId tenant, LearnerId learner)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", tenant.Value);
        command.Parameters.AddWithValue("$l", learner.Value);
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // The scalar, or null when the table it reads does not exist yet.
    private static async Task<object?> ScalarOrNullAsync(SqliteCommand command)
    {
        try
        {
            return await command.ExecuteScalarAsync().ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            return null;
        }
    }

    private static async Task<long?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Storage.PostgreSql;

/// <summary>
/// An <see cref="IEvidenceStore"/> in PostgreSQL, through Npgsql: the production store. Learners' versions, logs and
/// snapshots are tables in a schema of their own, keyed by tenant and learner; an append locks its learner's row, checks
/// the expected version and writes its entries in one statement, in one transaction.
/// </summary>
/// <remarks>
/// <para><b>Why our own SQL, not Marten.</b> Marten's event store would serve, but this store needs four statements it
/// would hide (the versioned append, the tail read, the snapshot upsert and the counted erasure), tenant keys on every row
/// rather than a tenancy mode, and no second serializer for evidence: Npgsql alone keeps the package small and every
/// query visible.</para>
/// <para><b>Schema.</b> Created on first use (or at start by the hosted service that
/// <c>AddPersonalizedLearningPostgreSql</c> registers) under an advisory lock, so instances starting together migrate
/// once; versioned in <c>schema_version</c>; a database of a newer schema version is refused with
/// <see cref="EvidenceStoreSchemaException"/>. Tables: <c>learners</c> (version per learner), <c>log</c> (entries by
/// position, unique by evidence id and kind), <c>snapshots</c>. Text columns use the "C" collation, so learners are
/// listed in code-point order.</para>
/// <para><b>Concurrency.</b> Thread-safe; several instances and processes may share a database. Writers for one learner
/// queue on its row lock; writers for different learners never wait on each other.</para>
/// <para><b>Ids.</b> PostgreSQL's text cannot hold U+0000, and its index rows are bounded: tenant, learner and evidence
/// ids together may take at most 2,400 bytes of UTF-8 (any three ids of up to 800 ASCII characters); others are refused
/// with <see cref="ArgumentException"/>.</para>
/// <para><b>Telemetry.</b> Appends are spans (<see cref="PersonalizedLearningTelemetry.Spans.StoreAppend"/>), timed and
/// counted (entries written, conflicts) on the source and meter <see cref="PersonalizedLearningTelemetry.PostgreSqlName"/>
/// when someone listens; schema creation, a newer schema and refused appends are logged through the logger given.</para>
/// <para>Owns its <see cref="NpgsqlDataSource"/> (connection pool); dispose the store to close it. The schema version is
/// checked once per instance, when it is first used.</para>
/// </remarks>
public sealed partial class PostgreSqlEvidenceStore : IEvidenceStore, IAsyncDisposable, IDisposable
{
    /// <summary>The newest schema version this package writes and reads.</summary>
    public const int SchemaVersion = 1;

    private const int Page = 500;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _schemaName;
    private readonly SharedMigration _migration;
    private readonly ILogger _logger;
    private static readonly StoreTelemetry Telemetry = new(PersonalizedLearningTelemetry.PostgreSqlName, "postgresql");

    /// <summary>Creates the store over a PostgreSQL database.</summary>
    /// <param name="options">The options: the connection string at least.</param>
    /// <param name="logger">Where schema creation, a newer schema and refused appends are logged (event ids in
    /// <see cref="PersonalizedLearningTelemetry.EventIds"/>); nowhere when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The connection string is empty or cannot be parsed, or the schema name is not
    /// a plain identifier; the message lists every problem.</exception>
    public PostgreSqlEvidenceStore(PostgreSqlEvidenceStoreOptions options, ILogger<PostgreSqlEvidenceStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _migration = new SharedMigration(MigrateAsync);
        // Every problem at once (issue 21): a bad schema name does not hide a bad connection string.
        var problems = new List<string>();
        if (options.Schema is null || !PlainIdentifier().IsMatch(options.Schema))
        {
            problems.Add($"The schema name must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters; got '{options.Schema}'.");
        }

        NpgsqlDataSource? dataSource = null;
        Exception? cause = null;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("The PostgreSQL connection string is required; got none.");
        }
        else if (problems.Count == 0)
        {
            try
            {
                dataSource = NpgsqlDataSource.Create(options.ConnectionString);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                cause = e;
                problems.Add($"The PostgreSQL connection string cannot be parsed: {e.Message}");
            }
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                cause = e;
                problems.Add($"The PostgreSQL connection string cannot be parsed: {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The PostgreSQL evidence store options are not valid: " + string.Join(" ", problems), nameof(options), cause);
        }

        // Quoted in every statement, so that a name PostgreSQL reserves (user, order) works as any other.
        _schemaName = options.Schema!;
        _schema = $"\"{options.Schema}\"";
        _dataSource = dataSource!;
    }

    /// <summary>Creates the store over a PostgreSQL database with the default schema name.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <exception cref="ArgumentException">The connection string is empty or cannot be parsed.</exception>
    public PostgreSqlEvidenceStore(string connectionString)
        : this(new PostgreSqlEvidenceStoreOptions { ConnectionString = connectionString })
    {
    }

    /// <summary>Creates or migrates the schema if needed; every other call does this first, once per instance.</summary>
    /// <param name="cancellationToken">Stops this caller's wait (a migration under way goes on for the others).</param>
    /// <returns>A task that completes when the schema is ready.</returns>
    /// <exception cref="EvidenceStoreSchemaException">The database was written by a newer package.</exception>
    /// <exception cref="NpgsqlException">The database cannot be reached or written.</exception>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _migration.EnsureAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<EvidenceLogAppend> AppendAsync(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries, CancellationToken cancellationToken = default)
        => Telemetry.Observed
            ? Telemetry.AppendAsync(entries?.Count ?? 0, () => AppendUnobservedAsync(tenant, learner, expectedVersion, entries!, cancellationToken))
            : AppendUnobservedAsync(tenant, learner, expectedVersion, entries!, cancellationToken);

    private async ValueTask<EvidenceLogAppend> AppendUnobservedAsync(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries, CancellationToken cancellationToken)
    {
        var batch = EvidenceStoreRules.PrepareAppend(tenant, learner, expectedVersion, entries);
        RequireStorable(tenant, learner, batch);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The learner's row, made if missing (a log that begins draws its incarnation) and locked: writers of one learner
        // queue here. A row made by an append that writes nothing is rolled back with it. An erasure may delete the row
        // between the two statements; then it is made again.
        long version = 0, incarnation = 0;
        for (var found = false; !found;)
        {
            await using (var ensure = Command(connection, $"INSERT INTO {_schema}.learners (tenant, learner, version, incarnation) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING;", tenant, learner))
            {
                ensure.Parameters.Add(new NpgsqlParameter<long> { TypedValue = EvidenceLogRead.NewIncarnation() });
                await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var select = Command(connection, $"SELECT version, incarnation FROM {_schema}.learners WHERE tenant = $1 AND learner = $2 FOR UPDATE;", tenant, learner);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (version, incarnation, found) = (reader.GetInt64(0), reader.GetInt64(1), true);
            }
        }

        if (expectedVersion is { } expected && version != expected)
        {
            PostgreSqlLog.AppendConflict(_logger, tenant, version, expected);
            throw new EvidenceLogConcurrencyException(tenant, learner, expected, version);
        }

        var stored = new Dictionary<(string Id, short Kind), string?>();
        await using (var find = Command(connection, $"SELECT evidence_id, kind, evidence FROM {_schema}.log WHERE tenant = $1 AND learner = $2 AND evidence_id = ANY($3);", tenant, learner))
        {
            find.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Id.Value).Distinct()] });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored[(reader.GetString(0), reader.GetInt16(1))] = reader.IsDBNull(2) ? null : reader.GetString(2);
            }
        }

        var positions = new List<long>(batch.Count);
        var kinds = new List<short>(batch.Count);
        var ids = new List<string>(batch.Count);
        var documents = new List<string?>(batch.Count);
        foreach (var entry in batch)
        {
            if (stored.TryGetValue((entry.Id.Value, (short)entry.Kind), out var document))
            {
                if (entry.Evidence is { } incoming)
                {
                    EvidenceStoreRules.RequireSame(PersonalizedLearningJson.Deserialize<Evidence>(document!), incoming);
                }

                continue;
            }

            positions.Add(version + positions.Count + 1);
            kinds.Add((short)entry.Kind);
            ids.Add(entry.Id.Value);
            documents.Add(entry.Evidence is { } piece ? PersonalizedLearningJson.Serialize(piece) : null);
        }

        if (positions.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new EvidenceLogAppend(version, version == 0 ? 0 : incarnation, 0);
        }

        var next = version + positions.Count;
        await using (var insert = Command(connection, $"INSERT INTO {_schema}.log (tenant, learner, position, kind, evidence_id, evidence) SELECT $1, $2, p, k, i, e FROM unnest($3::bigint[], $4::smallint[], $5::text[], $6::text[]) AS t(p, k, i, e);", tenant, learner))
        {
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. positions] });
            insert.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. kinds] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
            insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. documents], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var update = Command(connection, $"UPDATE {_schema}.learners SET version = $3 WHERE tenant = $1 AND learner = $2;", tenant, learner))
        {
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new EvidenceLogAppend(next, incarnation, positions.Count);
    }

    /// <inheritdoc />
    public async ValueTask<EvidenceLogRead> ReadAsync(TenantId tenant, LearnerId learner, long after = 0, CancellationToken cancellationToken = default)
    {
        RequireStorable(tenant, learner);
        EvidenceStoreRules.RequirePosition(after, nameof(after));
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        // One statement, so one snapshot: the version and the entries up to it.
        await using var select = _dataSource.CreateCommand(
            $"SELECT l.version, l.incarnation, g.kind, g.evidence_id, g.evidence FROM {_schema}.learners l LEFT JOIN {_schema}.log g ON g.tenant = l.tenant AND g.learner = l.learner AND g.position > $3 AND g.position <= l.version WHERE l.tenant = $1 AND l.learner = $2 AND l.version > 0 ORDER BY g.position;");
        AddIds(select, tenant, learner);
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        var (version, incarnation) = (0L, 0L);
        var entries = ImmutableArray.CreateBuilder<EvidenceLogEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            (version, incarnation) = (reader.GetInt64(0), reader.GetInt64(1));
            if (reader.IsDBNull(2))
            {
                continue;
            }

            entries.Add(reader.GetInt16(2) == (short)EvidenceLogEntryKind.Recorded
                ? EvidenceLogEntry.Recorded(PersonalizedLearningJson.Deserialize<Evidence>(reader.GetString(4)))
                : EvidenceLogEntry.Retracted(reader.GetString(3)));
        }

        return new EvidenceLogRead(after, entries.DrainToImmutable(), version, incarnation);
    }

    /// <inheritdoc />
    public async ValueTask<bool> SaveSnapshotAsync(TenantId tenant, LearnerId learner, StateSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        RequireStorable(tenant, learner);
        ArgumentNullException.ThrowIfNull(snapshot);
        EvidenceStoreRules.RequirePosition(snapshot.Version, nameof(snapshot));
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (version, incarnation) = (0L, 0L);
        await using (var select = Command(connection, $"SELECT version, incarnation FROM {_schema}.learners WHERE tenant = $1 AND learner = $2 AND version > 0 FOR SHARE;", tenant, learner))
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (version, incarnation) = (reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        if (version == 0 || snapshot.Incarnation != incarnation)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (snapshot.Version > version)
        {
            throw new ArgumentOutOfRangeException(nameof(snapshot), snapshot.Version, $"The snapshot of learner '{learner}' is of version {snapshot.Version}, past the log's {version}.");
        }

        int saved;
        await using (var upsert = Command(connection, $"INSERT INTO {_schema}.snapshots AS s (tenant, learner, version, fingerprint, state, incarnation) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant, learner) DO UPDATE SET version = excluded.version, fingerprint = excluded.fingerprint, state = excluded.state, incarnation = excluded.incarnation WHERE excluded.version >= s.version OR excluded.incarnation <> s.incarnation;", tenant, learner))
        {
            upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.Version });
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.Fingerprint });
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.State });
            upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.Incarnation });
            saved = await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return saved > 0;
    }

    /// <inheritdoc />
    public async ValueTask<StateSnapshot?> LoadSnapshotAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        RequireStorable(tenant, learner);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var select = _dataSource.CreateCommand($"SELECT version, fingerprint, state, incarnation FROM {_schema}.snapshots WHERE tenant = $1 AND learner = $2;");
        AddIds(select, tenant, learner);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StateSnapshot(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3))
            : null;
    }

    /// <inheritdoc />
    public async ValueTask<ErasureReport> EraseAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        RequireStorable(tenant, learner);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Wait for an append under way to commit, so that none of its entries outlives the erasure: inserting the learner's
        // row waits on a row an uncommitted append inserted (a lock taken by SELECT alone would not see it), then the row
        // is locked.
        await using (var ensure = Command(connection, $"INSERT INTO {_schema}.learners (tenant, learner, version, incarnation) VALUES ($1, $2, 0, 0) ON CONFLICT DO NOTHING;", tenant, learner))
        {
            await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var lockRow = Command(connection, $"SELECT 1 FROM {_schema}.learners WHERE tenant = $1 AND learner = $2 FOR UPDATE;", tenant, learner))
        {
            await lockRow.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var log = await DeleteAsync("log", string.Empty).ConfigureAwait(false);
        var snapshots = await DeleteAsync("snapshots", string.Empty).ConfigureAwait(false);

        // The row made above (version 0) was never the learner's: only a row with a log counts.
        var learners = await DeleteAsync("learners", " AND version > 0").ConfigureAwait(false);
        await DeleteAsync("learners", string.Empty).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new ErasureReport(log, snapshots, learners);

        async Task<long> DeleteAsync(string table, string condition)
        {
            await using var delete = Command(connection, $"DELETE FROM {_schema}.{table} WHERE tenant = $1 AND learner = $2{condition};", tenant, learner);
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredLearner> ListLearnersAsync(TenantId tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireTenant(tenant);
        if (tenant.Value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("PostgreSQL text cannot hold the character U+0000, which the tenant id contains.", nameof(tenant));
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var after = string.Empty;
        while (true)
        {
            var page = new List<StoredLearner>(Page);
            await using (var select = _dataSource.CreateCommand($"SELECT l.learner, l.version, s.version, s.fingerprint FROM {_schema}.learners l LEFT JOIN {_schema}.snapshots s ON s.tenant = l.tenant AND s.learner = l.learner WHERE l.tenant = $1 AND l.learner > $2 AND l.version > 0 ORDER BY l.learner LIMIT {Page};"))
            {
                select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant.Value });
                select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
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

    /// <summary>Closes the connection pool.</summary>
    /// <returns>A task that completes when it is closed.</returns>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => _dataSource.Dispose();

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        return $"PostgreSqlEvidenceStore {{ Host = {builder.Host}, Database = {builder.Database}, Schema = {_schemaName} }}";
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();

    private async Task MigrateAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var lockSchema = connection.CreateCommand())
        {
            lockSchema.CommandText = $"SELECT pg_advisory_xact_lock(hashtext('personalized_learning_schema:{_schemaName}'));";
            await lockSchema.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE SCHEMA IF NOT EXISTS {_schema}; CREATE TABLE IF NOT EXISTS {_schema}.schema_version (id int PRIMARY KEY CHECK (id = 1), version int NOT NULL);";
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        int found;
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = $"SELECT version FROM {_schema}.schema_version WHERE id = 1;";
            found = await select.ExecuteScalarAsync().ConfigureAwait(false) is int v ? v : 0;
        }

        if (found > SchemaVersion)
        {
            PostgreSqlLog.SchemaTooNew(_logger, _schemaName, found, SchemaVersion);
            throw new EvidenceStoreSchemaException("PostgreSQL evidence store", found, SchemaVersion);
        }

        if (found < 1)
        {
            await using var create = connection.CreateCommand();
            create.CommandText = $"""
                CREATE TABLE IF NOT EXISTS {_schema}.learners (tenant text COLLATE "C" NOT NULL, learner text COLLATE "C" NOT NULL, version bigint NOT NULL, incarnation bigint NOT NULL, PRIMARY KEY (tenant, learner));
                CREATE TABLE IF NOT EXISTS {_schema}.log (tenant text COLLATE "C" NOT NULL, learner text COLLATE "C" NOT NULL, position bigint NOT NULL, kind smallint NOT NULL, evidence_id text COLLATE "C" NOT NULL, evidence text, PRIMARY KEY (tenant, learner, position));
                CREATE UNIQUE INDEX IF NOT EXISTS log_ids ON {_schema}.log (tenant, learner, evidence_id, kind);
                CREATE TABLE IF NOT EXISTS {_schema}.snapshots (tenant text COLLATE "C" NOT NULL, learner text COLLATE "C" NOT NULL, version bigint NOT NULL, incarnation bigint NOT NULL, fingerprint text NOT NULL, state text NOT NULL, PRIMARY KEY (tenant, learner));
                INSERT INTO {_schema}.schema_version (id, version) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET version = 1;
                """;
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        if (found < 1)
        {
            PostgreSqlLog.SchemaCreated(_logger, SchemaVersion, _schemaName);
        }
    }

    // PostgreSQL's text holds no U+0000, and a btree index row holds at most 2,704 bytes: ids that SQLite and memory take
    // are refused here with the rule rather than by the server with its code.
    private const int MaximumKeyBytes = 2_400;

    private static void RequireStorable(TenantId tenant, LearnerId learner, IEnumerable<EvidenceLogEntry>? entries = null)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        var keyBytes = System.Text.Encoding.UTF8.GetByteCount(tenant.Value) + System.Text.Encoding.UTF8.GetByteCount(learner.Value);
        Refuse(tenant.Value, keyBytes, "tenant and learner ids", nameof(learner));
        Refuse(learner.Value, keyBytes, "tenant and learner ids", nameof(learner));
        foreach (var entry in entries ?? [])
        {
            var id = entry.Id.Value;
            Refuse(id, keyBytes + System.Text.Encoding.UTF8.GetByteCount(id), "tenant, learner and evidence ids", nameof(entries));
        }

        static void Refuse(string id, int bytes, string what, string parameter)
        {
            if (id.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("PostgreSQL text cannot hold the character U+0000, which an id here contains.", parameter);
            }

            if (bytes > MaximumKeyBytes)
            {
                throw new ArgumentException($"The PostgreSQL store keys its rows by {what}, which together may take at most {MaximumKeyBytes:N0} bytes of UTF-8; these take {bytes:N0}.", parameter);
            }
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, TenantId tenant, LearnerId learner)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        AddIds(command, tenant, learner);
        return command;
    }

    private static void AddIds(NpgsqlCommand command, TenantId tenant, LearnerId learner)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = learner.Value });
    }
}

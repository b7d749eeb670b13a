using Microsoft.Data.Sqlite;
using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.Contract;

namespace PersonalizedLearning.Storage.Sqlite.Tests;

/// <summary>The store contract on a SQLite file of its own per test.</summary>
public sealed class SqliteEvidenceStoreTests : EvidenceStoreContract, IDisposable
{
    private readonly string _path = TemporaryDatabase.NewPath("pl-sqlite");
    private readonly SqliteEvidenceStore _store;

    public SqliteEvidenceStoreTests() => _store = new SqliteEvidenceStore($"Data Source={_path}");

    protected override IEvidenceStore Store => _store;

    protected override IEvidenceStore OpenAnother() => new SqliteEvidenceStore(new SqliteEvidenceStoreOptions { ConnectionString = $"Data Source={_path}", Synchronous = SqliteSynchronous.Normal });

    public void Dispose() => TemporaryDatabase.Delete(_path);

    [Fact]
    public async Task A_database_of_a_newer_schema_is_refused_before_anything_is_read_or_written()
    {
        await _store.EnsureSchemaAsync();
        await using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            using var bump = connection.CreateCommand();
            bump.CommandText = "UPDATE pl_schema SET version = 7;";
            await bump.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "PRAGMA journal_mode=DELETE;";
            (await rollback.ExecuteScalarAsync()).Should().Be("delete");
        }

        SqliteConnection.ClearAllPools();
        var newer = new SqliteEvidenceStore($"Data Source={_path}");
        var read = () => newer.ReadAsync(new TenantId("t"), "ana").AsTask();

        var thrown = (await read.Should().ThrowExactlyAsync<EvidenceStoreSchemaException>()).Which;
        thrown.Found.Should().Be(7);
        thrown.Supported.Should().Be(SqliteEvidenceStore.SchemaVersion);
        thrown.Message.Should().Contain("schema version 7").And.Contain("newer");
        await using var check = new SqliteConnection($"Data Source={_path}");
        await check.OpenAsync();
        using var mode = check.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        (await mode.ExecuteScalarAsync()).Should().Be("delete", "nothing is written to a newer database, its journal mode included");
    }

    [Fact]
    public async Task Creating_the_schema_twice_and_from_two_instances_changes_nothing()
    {
        await _store.EnsureSchemaAsync();
        await _store.AppendAsync(new TenantId("t"), "ana", 0, [Rec(Piece("e1"))]);
        var other = new SqliteEvidenceStore($"Data Source={_path}");

        await other.EnsureSchemaAsync();
        await _store.EnsureSchemaAsync();

        (await other.ReadAsync(new TenantId("t"), "ana")).Version.Should().Be(1);
    }

    [Fact]
    public async Task The_database_runs_in_write_ahead_log_mode()
    {
        await _store.EnsureSchemaAsync();
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";

        (await mode.ExecuteScalarAsync()).Should().Be("wal");
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        FluentActions.Invoking(() => new SqliteEvidenceStore(" ")).Should().ThrowExactly<ArgumentException>();
        FluentActions.Invoking(() => new SqliteEvidenceStore("Data Source=x.db;Bogus Key=1")).Should().ThrowExactly<ArgumentException>().WithMessage("*cannot be parsed*");
        FluentActions.Invoking(() => new SqliteEvidenceStore(new SqliteEvidenceStoreOptions { ConnectionString = "Data Source=x.db", Synchronous = (SqliteSynchronous)5 })).Should().ThrowExactly<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new SqliteEvidenceStore("Data Source=x.db;Default Timeout=3000000")).Should().ThrowExactly<ArgumentException>().WithMessage("*cannot be parsed*");
        FluentActions.Invoking(() => new SqliteEvidenceStore("Data Source=:memory:")).Should().ThrowExactly<ArgumentException>().WithMessage("*in-memory SQLite database*");
        FluentActions.Invoking(() => new SqliteEvidenceStore("Data Source=shared;Mode=Memory;Cache=Shared")).Should().ThrowExactly<ArgumentException>().WithMessage("*in-memory SQLite database*");
        FluentActions.Invoking(() => new SqliteEvidenceStore("Data Source=file::memory:?cache=shared")).Should().ThrowExactly<ArgumentException>().WithMessage("*in-memory SQLite database*");
        FluentActions.Invoking(() => new SqliteEvidenceStore("Data Source=file:x?mode=memory&cache=shared")).Should().ThrowExactly<ArgumentException>().WithMessage("*in-memory SQLite database*");
    }

    [Fact]
    public void Bad_options_are_refused_naming_every_problem_at_once()
    {
        // Issue 21: an in-memory database stopped the check before Synchronous was read.
        FluentActions.Invoking(() => new SqliteEvidenceStore(new SqliteEvidenceStoreOptions { ConnectionString = "Data Source=:memory:", Synchronous = (SqliteSynchronous)5 }))
            .Should().ThrowExactly<ArgumentException>()
            .WithMessage("The SQLite evidence store options are not valid: An in-memory SQLite database *. Synchronous must be Full or Normal; got 5. (Parameter 'options')")
            .Which.ParamName.Should().Be("options");
        FluentActions.Invoking(() => new SqliteEvidenceStore(new SqliteEvidenceStoreOptions { ConnectionString = " ", Synchronous = (SqliteSynchronous)(-1) }))
            .Should().ThrowExactly<ArgumentException>().WithMessage("*connection string is required; got none. Synchronous must be Full or Normal; got -1.*");
    }

    [Fact]
    public void Options_print_their_data_source_and_never_the_password()
    {
        new SqliteEvidenceStoreOptions { ConnectionString = "Data Source=learners.db;Password=secret", Synchronous = SqliteSynchronous.Normal }.ToString()
            .Should().Be("SqliteEvidenceStoreOptions { DataSource = learners.db, Synchronous = Normal }");
        new SqliteEvidenceStoreOptions().ToString().Should().Be("SqliteEvidenceStoreOptions { DataSource = (none), Synchronous = Full }");
        new SqliteEvidenceStoreOptions { ConnectionString = "Bogus Key=1" }.ToString().Should().Contain("(cannot be parsed)");
    }
}

/// <summary>The crash contract on a SQLite file of its own.</summary>
public sealed class SqliteCrashTests : CrashContract, IDisposable
{
    private readonly string _path = TemporaryDatabase.NewPath("pl-crash");

    protected override string Kind => "sqlite";

    protected override string ConnectionString => $"Data Source={_path}";

    protected override IEvidenceStore Open() => new SqliteEvidenceStore(ConnectionString);

    public void Dispose() => TemporaryDatabase.Delete(_path);
}

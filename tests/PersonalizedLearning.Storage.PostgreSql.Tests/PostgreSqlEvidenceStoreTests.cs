using Npgsql;
using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.Contract;

namespace PersonalizedLearning.Storage.PostgreSql.Tests;

/// <summary>Where the tests find a PostgreSQL server: <c>.ci/run</c> starts one (eng/postgres.sh) and sets it.</summary>
internal static class Server
{
    public const string Variable = "PL_POSTGRES_CONNECTION";

    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            Skip.If(string.IsNullOrWhiteSpace(value), $"No PostgreSQL server is configured: set {Variable} to an Npgsql connection string (eng/postgres.sh start DIR starts a throwaway one; .ci/run does).");
            return value!;
        }
    }
}

/// <summary>The store contract on a real PostgreSQL server; each test works in tenants of its own.</summary>
public sealed class PostgreSqlEvidenceStoreTests : EvidenceStoreContract, IDisposable
{
    private readonly List<PostgreSqlEvidenceStore> _opened = [];
    private PostgreSqlEvidenceStore? _store;

    protected override IEvidenceStore Store => _store ??= Open();

    protected override IEvidenceStore OpenAnother() => Open();

    public void Dispose() => _opened.ForEach(s => s.Dispose());

    private PostgreSqlEvidenceStore Open(string schema = "personalized_learning")
    {
        var store = new PostgreSqlEvidenceStore(new PostgreSqlEvidenceStoreOptions { ConnectionString = Server.ConnectionString, Schema = schema });
        _opened.Add(store);
        return store;
    }

    [SkippableFact]
    public async Task A_database_of_a_newer_schema_is_refused_before_anything_is_read_or_written()
    {
        var schema = $"pl_newer_{Guid.NewGuid():N}";
        await Open(schema).EnsureSchemaAsync();
        await using (var connection = new NpgsqlConnection(Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand($"UPDATE {schema}.schema_version SET version = 7;", connection);
            await bump.ExecuteNonQueryAsync();
        }

        var read = () => Open(schema).ReadAsync(new TenantId("t"), "ana").AsTask();

        var thrown = (await read.Should().ThrowExactlyAsync<EvidenceStoreSchemaException>()).Which;
        thrown.Found.Should().Be(7);
        thrown.Message.Should().Contain("schema version 7").And.Contain("newer");
    }

    [SkippableFact]
    public async Task Instances_starting_together_migrate_once_and_all_work()
    {
        var schema = $"pl_race_{Guid.NewGuid():N}";
        var stores = Enumerable.Range(0, 6).Select(_ => Open(schema)).ToList();

        await Task.WhenAll(stores.Select(s => s.EnsureSchemaAsync()));
        await stores[0].AppendAsync(new TenantId("t"), "ana", 0, [Rec(Piece("e1"))]);

        (await stores[5].ReadAsync(new TenantId("t"), "ana")).Version.Should().Be(1);
    }

    [SkippableFact]
    public async Task Ids_PostgreSQL_cannot_key_are_refused_with_the_rule_and_a_reserved_schema_name_works()
    {
        var tenant = new TenantId(new string('t', 900));
        var learner = new string('l', 900);
        var long_ = () => Store.AppendAsync(tenant, learner, 0, [Rec(Piece(new string('e', 900), learner))]).AsTask();
        var nul = () => Store.AppendAsync(new TenantId("t"), "a\0b", 0, [Rec(Piece("e1", "a\0b"))]).AsTask();
        var nulRead = () => Store.ReadAsync(new TenantId("t\0"), "ana").AsTask();

        (await long_.Should().ThrowExactlyAsync<ArgumentException>()).Which.Message.Should().Contain("2,400 bytes");
        (await nul.Should().ThrowExactlyAsync<ArgumentException>()).Which.Message.Should().Contain("U+0000");
        await nulRead.Should().ThrowExactlyAsync<ArgumentException>();
        (await Store.AppendAsync(new TenantId(new string('t', 700)), new string('l', 700), 0, [Rec(Piece(new string('e', 700), new string('l', 700)))])).Version.Should().Be(1);

        var reserved = Open("user");
        (await reserved.AppendAsync(new TenantId($"t-{Guid.NewGuid():N}"), "ana", 0, [Rec(Piece("e1"))])).Version.Should().Be(1);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        FluentActions.Invoking(() => new PostgreSqlEvidenceStore(" ")).Should().ThrowExactly<ArgumentException>();
        FluentActions.Invoking(() => new PostgreSqlEvidenceStore("Host=x;Bogus Key=1")).Should().ThrowExactly<ArgumentException>().WithMessage("*cannot be parsed*");
        FluentActions.Invoking(() => new PostgreSqlEvidenceStore(new PostgreSqlEvidenceStoreOptions { ConnectionString = "Host=x", Schema = "x; DROP TABLE y" })).Should().ThrowExactly<ArgumentException>().WithMessage("*schema name*");
        FluentActions.Invoking(() => new PostgreSqlEvidenceStore(new PostgreSqlEvidenceStoreOptions { ConnectionString = "Host=x", Schema = "MySchema" })).Should().ThrowExactly<ArgumentException>().WithMessage("*lower-case*");
    }

    [Fact]
    public void Bad_options_are_refused_naming_every_problem_at_once()
    {
        // Issue 21: the empty connection string stopped the check before the schema name was read.
        FluentActions.Invoking(() => new PostgreSqlEvidenceStore(new PostgreSqlEvidenceStoreOptions { ConnectionString = " ", Schema = "MySchema" }))
            .Should().ThrowExactly<ArgumentException>()
            .WithMessage("The PostgreSQL evidence store options are not valid: The schema name must be *; got 'MySchema'. The PostgreSQL connection string is required; got none. (Parameter 'options')");
        FluentActions.Invoking(() => new PostgreSqlEvidenceStore(new PostgreSqlEvidenceStoreOptions { ConnectionString = "Host=x;Bogus Key=1", Schema = "x y" }))
            .Should().ThrowExactly<ArgumentException>().WithMessage("*schema name*; got 'x y'. The PostgreSQL connection string cannot be parsed*");
    }

    [Fact]
    public void Options_print_host_database_and_schema_and_never_the_password()
    {
        new PostgreSqlEvidenceStoreOptions { ConnectionString = "Host=db;Database=learning;Username=app;Password=secret" }.ToString()
            .Should().Be("PostgreSqlEvidenceStoreOptions { Host = db, Database = learning, Schema = personalized_learning }");
        new PostgreSqlEvidenceStoreOptions().ToString().Should().Be("PostgreSqlEvidenceStoreOptions { Host = (none), Schema = personalized_learning }");
    }
}

/// <summary>The crash contract on the PostgreSQL server; the writer and the test share its default schema.</summary>
public sealed class PostgreSqlCrashTests : CrashContract, IDisposable
{
    private readonly List<PostgreSqlEvidenceStore> _opened = [];

    protected override string Kind => "postgresql";

    protected override string ConnectionString => Server.ConnectionString;

    protected override IEvidenceStore Open()
    {
        var store = new PostgreSqlEvidenceStore(ConnectionString);
        _opened.Add(store);
        return store;
    }

    public void Dispose() => _opened.ForEach(s => s.Dispose());
}

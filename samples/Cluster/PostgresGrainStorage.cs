using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace PersonalizedLearning.Samples.Cluster;

/// <summary>
/// Grain storage in the same PostgreSQL database as the evidence, for the class rosters and learners' class lists: one
/// row per grain state, written only over the ETag it was read with. A production host would use Orleans' own ADO.NET
/// provider (Microsoft.Orleans.Persistence.AdoNet, whose tables are created from the scripts Orleans publishes); this
/// sample keeps to one table so that it runs with nothing but a server.
/// </summary>
internal sealed class PostgresGrainStorage(NpgsqlDataSource database, string schema, IGrainStorageSerializer serializer) : IGrainStorage
{
    public static async Task CreateAsync(NpgsqlDataSource database, string schema)
    {
        await using var command = database.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.grain_state (
                state_name text NOT NULL, grain_id text NOT NULL, etag bigint NOT NULL, body bytea NOT NULL,
                PRIMARY KEY (state_name, grain_id));
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = database.CreateCommand($"SELECT etag, body FROM {schema}.grain_state WHERE state_name = $1 AND grain_id = $2");
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = grainId.ToString() });
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.ETag = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.State = serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(1)))!;
            grainState.RecordExists = true;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var body = serializer.Serialize(grainState.State).ToArray();
        await using var command = grainState.ETag is null
            ? database.CreateCommand($"INSERT INTO {schema}.grain_state VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING RETURNING etag")
            : database.CreateCommand($"UPDATE {schema}.grain_state SET etag = etag + 1, body = $3 WHERE state_name = $1 AND grain_id = $2 AND etag = $4 RETURNING etag");
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = grainId.ToString() });
        command.Parameters.Add(new() { Value = body });
        if (grainState.ETag is not null)
        {
            command.Parameters.Add(new() { Value = long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture) });
        }

        var etag = await command.ExecuteScalarAsync() ?? throw new InconsistentStateException($"The state of {grainId} was written by another activation.", "", grainState.ETag ?? "");
        grainState.ETag = ((long)etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = database.CreateCommand($"DELETE FROM {schema}.grain_state WHERE state_name = $1 AND grain_id = $2");
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = grainId.ToString() });
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}

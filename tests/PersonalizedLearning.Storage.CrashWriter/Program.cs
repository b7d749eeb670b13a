// The crash tests' child process: records batch after batch for a tenant until it is killed, and writes "ack N" on
// stdout, flushed, after each batch the records service acknowledged.
// Usage: PersonalizedLearning.Storage.CrashWriter sqlite|postgresql CONNECTION TENANT RUN
using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.Contract;
using PersonalizedLearning.Storage.PostgreSql;
using PersonalizedLearning.Storage.Sqlite;

var (kind, connection, tenant, run) = (args[0], args[1], new TenantId(args[2]), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
IEvidenceStore store = kind == "sqlite" ? new SqliteEvidenceStore(connection) : new PostgreSqlEvidenceStore(connection);
using var records = new LearnerRecords(CrashScenario.Engine(), store, new LearnerRecordsOptions { SnapshotInterval = 15 });
var output = Console.Out;
for (var batch = 0; ; batch++)
{
    await records.RecordBatchAsync(tenant, CrashScenario.Learner(run, batch), CrashScenario.Batch(run, batch));
    await output.WriteLineAsync($"ack {batch}");
    await output.FlushAsync();
}

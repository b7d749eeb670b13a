namespace PersonalizedLearning.Diagnostics;

/// <summary>
/// The names of the traces, metrics and log events the PersonalizedLearning packages emit, so that a host wires and
/// filters them without writing a string by hand: each package has one <see cref="System.Diagnostics.ActivitySource"/> and
/// one <see cref="System.Diagnostics.Metrics.Meter"/> of the same name (<see cref="CoreName"/>, <see cref="SqliteName"/>,
/// <see cref="PostgreSqlName"/>), and <see cref="AllSources"/> takes them all.
/// </summary>
/// <remarks>
/// <para>Built on <c>System.Diagnostics</c> alone (no OpenTelemetry dependency); with OpenTelemetry,
/// <c>tracing.AddSource(PersonalizedLearningTelemetry.AllSources)</c> and <c>metrics.AddMeter(PersonalizedLearningTelemetry.AllSources)</c>.
/// Names follow OpenTelemetry's semantic-convention style: lowercase dotted namespaces under <c>personalized_learning</c>,
/// durations as histograms in seconds, counts with UCUM annotations such as <c>{evidence}</c>; <c>error.type</c> and
/// <c>db.system.name</c> are OpenTelemetry's own attributes. The table of every span, instrument and log event, with its
/// unit, attributes and when it is emitted, is docs/articles/telemetry.md.</para>
/// <para>Nothing is measured while nobody listens. No evidence content, score or name is ever emitted; learner ids only
/// when the host opts in (<see cref="PersonalizedLearningEngine.IncludeLearnerIdsInTelemetry"/>).</para>
/// <para>Constants only: thread-safe.</para>
/// </remarks>
public static class PersonalizedLearningTelemetry
{
    /// <summary>A wildcard for every source and meter of the PersonalizedLearning packages: <c>PersonalizedLearning.*</c>
    /// (OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c> take wildcards).</summary>
    public const string AllSources = "PersonalizedLearning.*";

    /// <summary>The activity source and meter of PersonalizedLearning.Core: the engine, the fitters, the importers and
    /// <see cref="Records.LearnerRecords"/>.</summary>
    public const string CoreName = "PersonalizedLearning.Core";

    /// <summary>The activity source and meter of PersonalizedLearning.Storage.Sqlite.</summary>
    public const string SqliteName = "PersonalizedLearning.Storage.Sqlite";

    /// <summary>The activity source and meter of PersonalizedLearning.Storage.PostgreSql.</summary>
    public const string PostgreSqlName = "PersonalizedLearning.Storage.PostgreSql";

    /// <summary>Span (activity) names.</summary>
    public static class Spans
    {
        /// <summary><see cref="PersonalizedLearningEngine.RecommendNext"/>.</summary>
        public const string Recommend = "personalized_learning.recommend";

        /// <summary><see cref="Mastery.KnowledgeTracing.BktFitter.Fit"/>.</summary>
        public const string BktFit = "personalized_learning.bkt.fit";

        /// <summary>An import: a CASE package read, a batch of xAPI statements mapped (<see cref="Attributes.ImportFormat"/>).</summary>
        public const string Import = "personalized_learning.import";

        /// <summary>The prefix of the spans of <see cref="Records.LearnerRecords"/>: the operation follows
        /// (<see cref="RecordsOperations"/>), as in <c>personalized_learning.records.record</c>.</summary>
        public const string RecordsPrefix = "personalized_learning.records.";

        /// <summary>An append to an evidence store's log (the SQLite and PostgreSQL stores); a child of the records'
        /// span that caused it.</summary>
        public const string StoreAppend = "personalized_learning.store.append";
    }

    /// <summary>Metric instrument names.</summary>
    public static class Metrics
    {
        /// <summary>Counter, <c>{evidence}</c>: pieces of evidence in engine calls that folded them (Record, Supersede).</summary>
        public const string EvidenceRecorded = "personalized_learning.evidence.recorded";

        /// <summary>Counter, <c>{evidence}</c>: pieces of evidence in engine calls that refused them, by
        /// <see cref="Attributes.RejectionReason"/> (a batch is refused whole, so each of its pieces counts).</summary>
        public const string EvidenceRejected = "personalized_learning.evidence.rejected";

        /// <summary>Histogram, <c>s</c>: how long <see cref="PersonalizedLearningEngine.RecommendNext"/> took.</summary>
        public const string RecommendationDuration = "personalized_learning.recommendation.duration";

        /// <summary>Histogram, <c>s</c>: how long a BKT fit took.</summary>
        public const string BktFitDuration = "personalized_learning.bkt.fit.duration";

        /// <summary>Histogram, <c>{iteration}</c>: EM iterations of each competency's best start in a BKT fit.</summary>
        public const string BktFitIterations = "personalized_learning.bkt.fit.iterations";

        /// <summary>Histogram, <c>s</c>: how long an import took, by <see cref="Attributes.ImportFormat"/>.</summary>
        public const string ImportDuration = "personalized_learning.import.duration";

        /// <summary>Counter, <c>{item}</c>: items an import read (CASE items, xAPI statements), by <see cref="Attributes.ImportFormat"/>.</summary>
        public const string ImportItems = "personalized_learning.import.items";

        /// <summary>Counter, <c>{problem}</c>: problems an import reported (CASE problems, rejected xAPI statements), by
        /// <see cref="Attributes.ImportFormat"/> and, for xAPI, <see cref="Attributes.ImportProblemReason"/>.</summary>
        public const string ImportProblems = "personalized_learning.import.problems";

        /// <summary>Histogram, <c>s</c>: how long a <see cref="Records.LearnerRecords"/> call took, by
        /// <see cref="Attributes.RecordsOperation"/> (and <see cref="Attributes.ErrorType"/> when it failed).</summary>
        public const string RecordsOperationDuration = "personalized_learning.records.operation.duration";

        /// <summary>Counter, <c>{entry}</c>: log entries <see cref="Records.LearnerRecords"/> appended to its store.</summary>
        public const string RecordsAppended = "personalized_learning.records.appended";

        /// <summary>Counter, <c>{conflict}</c>: appends of <see cref="Records.LearnerRecords"/> that found another writer
        /// had appended first (optimistic concurrency); the entries were appended at the end and the tail folded.</summary>
        public const string RecordsConflicts = "personalized_learning.records.conflicts";

        /// <summary>Histogram, <c>s</c>: how long a store's append took, by <see cref="Attributes.DbSystemName"/> (and
        /// <see cref="Attributes.ErrorType"/> when it failed).</summary>
        public const string StoreAppendDuration = "personalized_learning.store.append.duration";

        /// <summary>Counter, <c>{entry}</c>: log entries a store wrote (entries already in the log are not written again).</summary>
        public const string StoreAppended = "personalized_learning.store.appended";

        /// <summary>Counter, <c>{conflict}</c>: appends a store refused because the log had moved past the expected version.</summary>
        public const string StoreConflicts = "personalized_learning.store.conflicts";
    }

    /// <summary>Attribute (tag) names.</summary>
    public static class Attributes
    {
        /// <summary>Why evidence was refused: one of <see cref="RejectionReasons"/>.</summary>
        public const string RejectionReason = "personalized_learning.rejection.reason";

        /// <summary>The learner's id: only when the host opts in (<see cref="PersonalizedLearningEngine.IncludeLearnerIdsInTelemetry"/>), and on spans only.</summary>
        public const string LearnerId = "personalized_learning.learner.id";

        /// <summary>The tenant's id (a district, a school), on the records' spans.</summary>
        public const string TenantId = "personalized_learning.tenant.id";

        /// <summary>How many recommendations were asked for.</summary>
        public const string RecommendationRequested = "personalized_learning.recommendation.requested";

        /// <summary>How many recommendations were returned.</summary>
        public const string RecommendationReturned = "personalized_learning.recommendation.returned";

        /// <summary>How many competencies a fit fitted.</summary>
        public const string FitCompetencies = "personalized_learning.fit.competencies";

        /// <summary>How many responses a fit read.</summary>
        public const string FitResponses = "personalized_learning.fit.responses";

        /// <summary>EM iterations summed over a fit's competencies (each competency's best start).</summary>
        public const string FitIterations = "personalized_learning.fit.iterations";

        /// <summary>How many competencies of a fit are not identifiable or degenerate.</summary>
        public const string FitProblems = "personalized_learning.fit.problems";

        /// <summary>The format an import read: one of <see cref="ImportFormats"/>.</summary>
        public const string ImportFormat = "personalized_learning.import.format";

        /// <summary>How many items an import read.</summary>
        public const string ImportItemCount = "personalized_learning.import.item_count";

        /// <summary>How many problems an import reported.</summary>
        public const string ImportProblemCount = "personalized_learning.import.problem_count";

        /// <summary>Why an xAPI statement was rejected: the <see cref="Interop.Xapi.XapiRejectionReason"/> in snake_case, such as <c>unknown_activity</c>.</summary>
        public const string ImportProblemReason = "personalized_learning.import.problem_reason";

        /// <summary>The <see cref="Records.LearnerRecords"/> operation: one of <see cref="RecordsOperations"/>.</summary>
        public const string RecordsOperation = "personalized_learning.records.operation";

        /// <summary>Pieces of evidence (or ids, for a retraction) a call was given.</summary>
        public const string EvidenceCount = "personalized_learning.evidence.count";

        /// <summary>Log entries an append wrote.</summary>
        public const string EntriesWritten = "personalized_learning.store.entries_written";

        /// <summary>Whether a write of the records met another writer's append (true), on the records' write spans.</summary>
        public const string Conflict = "personalized_learning.records.conflict";

        /// <summary>OpenTelemetry's <c>error.type</c>: the full name of the exception that ended the operation.</summary>
        public const string ErrorType = "error.type";

        /// <summary>OpenTelemetry's <c>db.system.name</c>: <c>sqlite</c> or <c>postgresql</c>.</summary>
        public const string DbSystemName = "db.system.name";
    }

    /// <summary>The values of <see cref="Attributes.RejectionReason"/>.</summary>
    public static class RejectionReasons
    {
        /// <summary>An evidence id arrived with other content than the one already folded or stored (<see cref="Observations.EvidenceConflictException"/>).</summary>
        public const string Conflict = "conflict";

        /// <summary>Evidence dated after the engine's clock by more than <see cref="PersonalizedLearningEngine.MaximumFutureSkew"/>.</summary>
        public const string FutureTimestamp = "future_timestamp";

        /// <summary>Anything else the engine refuses: evidence about another learner, an undefined competency or activity,
        /// a state folded by another model or catalog.</summary>
        public const string Invalid = "invalid";
    }

    /// <summary>The values of <see cref="Attributes.ImportFormat"/>.</summary>
    public static class ImportFormats
    {
        /// <summary>A 1EdTech CASE package (<see cref="Interop.Case.CasePackageReader"/>).</summary>
        public const string Case = "case";

        /// <summary>xAPI statements (<see cref="Interop.Xapi.XapiStatementMapper"/>).</summary>
        public const string Xapi = "xapi";
    }

    /// <summary>The values of <see cref="Attributes.RecordsOperation"/>, and the ends of the records' span names.</summary>
    public static class RecordsOperations
    {
        /// <summary><see cref="Records.LearnerRecords.RecordAsync"/> and <see cref="Records.LearnerRecords.RecordBatchAsync"/>.</summary>
        public const string Record = "record";

        /// <summary><see cref="Records.LearnerRecords.RetractAsync"/>.</summary>
        public const string Retract = "retract";

        /// <summary><see cref="Records.LearnerRecords.SupersedeAsync"/>.</summary>
        public const string Supersede = "supersede";

        /// <summary><see cref="Records.LearnerRecords.RecommendNextAsync"/>.</summary>
        public const string Recommend = "recommend";

        /// <summary><see cref="Records.LearnerRecords.EraseAsync"/>.</summary>
        public const string Erase = "erase";

        /// <summary><see cref="Records.LearnerRecords.RebuildAsync"/>.</summary>
        public const string Rebuild = "rebuild";
    }

    /// <summary>The event ids of the packages' log messages (through <c>ILogger</c>, in the hosted components only):
    /// 1xxx <see cref="Records.LearnerRecords"/>, 2xxx the SQLite store, 3xxx the PostgreSQL store, 4xxx the Orleans grains.
    /// Stable: an id keeps its meaning across releases.</summary>
    public static class EventIds
    {
        /// <summary>Information: a write met another writer's append and appended at the end.</summary>
        public const int RecordsWriteConflict = 1001;

        /// <summary>Warning: the records refused a batch of evidence (nothing was written).</summary>
        public const int RecordsEvidenceRejected = 1002;

        /// <summary>Warning: a learner's snapshot with the current fingerprint could not be used (damaged); the learner was
        /// rebuilt from the log.</summary>
        public const int RecordsSnapshotUnusable = 1003;

        /// <summary>Information: a rebuild of a tenant finished.</summary>
        public const int RecordsRebuildFinished = 1004;

        /// <summary>Error: a learner could not be folded by a rebuild.</summary>
        public const int RecordsRebuildLearnerFailed = 1005;

        /// <summary>Information: the SQLite store created its schema.</summary>
        public const int SqliteSchemaCreated = 2001;

        /// <summary>Error: the SQLite database was written by a newer package.</summary>
        public const int SqliteSchemaTooNew = 2002;

        /// <summary>Debug: the SQLite store refused an append whose expected version was behind the log.</summary>
        public const int SqliteAppendConflict = 2003;

        /// <summary>Information: the PostgreSQL store created its schema.</summary>
        public const int PostgreSqlSchemaCreated = 3001;

        /// <summary>Error: the PostgreSQL schema was written by a newer package.</summary>
        public const int PostgreSqlSchemaTooNew = 3002;

        /// <summary>Debug: the PostgreSQL store refused an append whose expected version was behind the log.</summary>
        public const int PostgreSqlAppendConflict = 3003;

        /// <summary>Warning: a class grain could not hear from a learner grain.</summary>
        public const int OrleansLearnerDidNotAnswer = 4001;
    }
}

using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;

using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Serialization;

// The JSON shapes of the aggregate types. They are plain, versioned, and internal: the public types stay
// free of serialization concerns, and reading a document always goes back through the same validation
// as building in code.
//
// Every constructor parameter without a default is required (PersonalizedLearningJsonContext's
// RespectRequiredConstructorParameters): a member the writer always writes, missing, is refused rather than read as its
// type's default (fresh review of issue 21: an activity without "kind" was read as a Lesson, a playlist step without
// its dependencies as having none). A member the writer leaves out when it is null has a null default; one in the
// middle of a record's members says so with [Optional, DefaultParameterValue(null)], since C# puts "= null" last.
// schemaVersion, and a few members the document's converter checks itself (a learner state's model, competencies and
// evidence, which an earlier preview's document lacked; a snapshot's framework, policy and estimate label), are
// optional here only so that the converter can say in its own words what a document without one lacks.

internal sealed record CompetencyFrameworkDocument(
    [Optional, DefaultParameterValue(0)] int SchemaVersion,
    [Optional, DefaultParameterValue(null)] string? Title,
    List<Competency>? Competencies,
    List<CompetencyRelation>? Relations,
    List<CompetencyId>? RootOrder = null) : IVersionedDocument;

internal sealed record ActivityCatalogDocument(
    [Optional, DefaultParameterValue(0)] int SchemaVersion,
    [Optional, DefaultParameterValue(null)] string? Framework,
    List<ActivityDocument>? Activities) : IVersionedDocument;

internal sealed record ActivityDocument(
    string? Id,
    string? Title,
    ActivityKind Kind,
    double EstimatedMinutes,
    List<ActivityAlignment>? Alignments,
    LearningModality Modality = LearningModality.Digital,
    double? Difficulty = null,
    List<string>? Topics = null);

internal sealed record LearnerStateDocument(
    [Optional, DefaultParameterValue(0)] int SchemaVersion,
    LearnerId Learner,
    [Optional, DefaultParameterValue(null)] string? Model,
    [Optional, DefaultParameterValue(null)] List<CompetencyStateDocument>? Competencies,
    [Optional, DefaultParameterValue(null)] List<Evidence>? Evidence,
    [Optional, DefaultParameterValue(null)] List<EvidenceId>? Retracted,
    List<EvidenceId>? AppliedEvidence = null) : IVersionedDocument;

internal sealed record MasterySnapshotDocument(
    [Optional, DefaultParameterValue(0)] int SchemaVersion,
    [Optional, DefaultParameterValue(null)] string? Framework,
    LearnerId Learner,
    DateTimeOffset AsOf,
    [Optional, DefaultParameterValue(null)] string? EstimateLabel,
    [Optional, DefaultParameterValue(null)] MasteryPolicy? Policy,
    List<MasterySnapshotEntryDocument>? Competencies) : IVersionedDocument;

internal sealed record MasterySnapshotEntryDocument(
    MasteryAssessment? Assessment,
    CompetencyStateDocument? State);

internal sealed record CompetencyStateDocument(
    CompetencyId Competency,
    int EvidenceCount,
    double? Estimate = null,
    DateTimeOffset? FirstEvidenceAt = null,
    DateTimeOffset? LastEvidenceAt = null,
    double[]? Memory = null);

internal sealed record LearnerProfileDocument(
    [Optional, DefaultParameterValue(0)] int SchemaVersion,
    LearnerId Learner,
    List<LearningGoal>? Goals,
    List<string>? Interests,
    List<LearningModality>? PreferredModalities,
    [Optional, DefaultParameterValue(null)] LearnerAccommodations? Accommodations) : IVersionedDocument;

/// <summary>A document that states the version of its shape.</summary>
internal interface IVersionedDocument
{
    int SchemaVersion { get; }
}

internal static class VersionedDocument
{
    /// <summary>Refuses a document of another schema version, naming both.</summary>
    public static void Check(IVersionedDocument document, string noun)
    {
        if (document.SchemaVersion != PersonalizedLearningJson.SchemaVersion)
        {
            throw new JsonException(OtherVersion(document.SchemaVersion, noun));
        }
    }

    /// <summary>Reads a document; one that cannot be read (a member missing or of another shape) and states another
    /// schema version, or none, is refused for its version first, since another version's shape is not this one's.</summary>
    public static TDocument? Read<TDocument>(ref Utf8JsonReader reader, JsonTypeInfo<TDocument> info, string noun)
        where TDocument : class
    {
        var start = reader;
        try
        {
            return JsonSerializer.Deserialize(ref reader, info);
        }
        catch (JsonException e) when (StatedVersion(start) is { } stated && stated != PersonalizedLearningJson.SchemaVersion)
        {
            throw new JsonException(OtherVersion(stated, noun), e);
        }
    }

    /// <inheritdoc cref="Read{TDocument}(ref Utf8JsonReader, JsonTypeInfo{TDocument}, string)"/>
    public static TDocument? Read<TDocument>(string json, JsonTypeInfo<TDocument> info, string noun)
        where TDocument : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, info);
        }
        catch (JsonException e) when (StatedVersion(new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json))) is { } stated && stated != PersonalizedLearningJson.SchemaVersion)
        {
            throw new JsonException(OtherVersion(stated, noun), e);
        }
    }

    // The schemaVersion an object states at its top level: 0 when it states none, null when that cannot be told (not an
    // object, not well formed, or a version that is not a whole number).
    private static int? StatedVersion(Utf8JsonReader reader)
    {
        try
        {
            if ((reader.TokenType == JsonTokenType.None && !reader.Read()) || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("schemaVersion"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version) ? version : null;
                }

                if (!reader.TrySkip())
                {
                    return null;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject ? 0 : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string OtherVersion(int stated, string noun) => stated == 0
        ? $"This {noun} document has no schemaVersion; this library reads schemaVersion {PersonalizedLearningJson.SchemaVersion} (\"schemaVersion\": {PersonalizedLearningJson.SchemaVersion}, as PersonalizedLearningJson writes it)."
        : $"This {noun} document has schemaVersion {stated}; this library reads schemaVersion {PersonalizedLearningJson.SchemaVersion}.";
}

internal sealed record BktModelDocument(
    [Optional, DefaultParameterValue(0)] int SchemaVersion,
    List<BktCompetencyDocument>? Competencies,
    BktParametersDocument? DefaultParameters = null,
    double PassingScore = EvidenceOutcome.DefaultPassingScore,
    bool AllowDegenerate = false) : IVersionedDocument;

internal sealed record BktCompetencyDocument(
    CompetencyId Competency,
    double Prior,
    double Learn,
    double Forget,
    double Guess,
    double Slip,
    List<BktActivityDocument>? Activities = null);

internal sealed record BktActivityDocument(ActivityId Activity, double Guess, double Slip);

internal sealed record BktParametersDocument(double Prior, double Learn, double Forget, double Guess, double Slip);

internal sealed record PlaylistDocument(
    [Optional, DefaultParameterValue(0)] int SchemaVersion,
    LearnerId Learner,
    List<LearningGoal>? Goals,
    PlaylistOptions? Options,
    double TimeFactor,
    List<PlaylistStepDocument>? Steps,
    List<CompetencyId>? MasteredParents = null) : IVersionedDocument;

internal sealed record PlaylistStepDocument(
    PlaylistStepKind Kind,
    CompetencyId Competency,
    List<ActivityId>? Choices,
    ActivityId? Checkpoint,
    double Minutes,
    List<CompetencyId>? DependsOn,
    List<CompetencyId>? Goals,
    CompetencyId? RemediationFor,
    bool Reorderable)
{
    // The reader's constructor: the two members the writer leaves out when null last, with their null default (a
    // nullable struct takes no DefaultParameterValue attribute); the members keep the record's order when written.
    [JsonConstructor]
    public PlaylistStepDocument(
        PlaylistStepKind kind,
        CompetencyId competency,
        List<ActivityId>? choices,
        double minutes,
        List<CompetencyId>? dependsOn,
        List<CompetencyId>? goals,
        bool reorderable,
        ActivityId? checkpoint = null,
        CompetencyId? remediationFor = null)
        : this(kind, competency, choices, checkpoint, minutes, dependsOn, goals, remediationFor, reorderable)
    {
    }
}

internal sealed record LearningPlanDocument(
    [Optional, DefaultParameterValue(0)] int SchemaVersion,
    PlanStatus Status,
    PlaylistDocument? Pathway,
    List<PlanMilestone>? Milestones,
    [Optional, DefaultParameterValue(null)] ExternalDeadline? Deadline,
    List<PlanChange>? History) : IVersionedDocument;

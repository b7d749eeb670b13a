using System.Text.Json.Serialization;
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

internal sealed record CompetencyFrameworkDocument(
    int SchemaVersion,
    string? Title,
    List<Competency>? Competencies,
    List<CompetencyRelation>? Relations,
    List<CompetencyId>? RootOrder = null) : IVersionedDocument;

internal sealed record ActivityCatalogDocument(
    int SchemaVersion,
    string? Framework,
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
    int SchemaVersion,
    LearnerId Learner,
    string? Model,
    List<CompetencyStateDocument>? Competencies,
    List<Evidence>? Evidence,
    List<EvidenceId>? Retracted,
    List<EvidenceId>? AppliedEvidence = null) : IVersionedDocument;

internal sealed record MasterySnapshotDocument(
    int SchemaVersion,
    string? Framework,
    LearnerId Learner,
    DateTimeOffset AsOf,
    string? EstimateLabel,
    MasteryPolicy? Policy,
    List<MasterySnapshotEntryDocument>? Competencies) : IVersionedDocument;

internal sealed record MasterySnapshotEntryDocument(MasteryAssessment? Assessment, CompetencyStateDocument? State);

internal sealed record CompetencyStateDocument(
    CompetencyId Competency,
    int EvidenceCount,
    double? Estimate,
    DateTimeOffset? FirstEvidenceAt,
    DateTimeOffset? LastEvidenceAt,
    double[]? Memory);

internal sealed record LearnerProfileDocument(
    int SchemaVersion,
    LearnerId Learner,
    List<LearningGoal>? Goals,
    List<string>? Interests,
    List<LearningModality>? PreferredModalities,
    LearnerAccommodations? Accommodations) : IVersionedDocument;

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
        if (document.SchemaVersion == 0)
        {
            throw new System.Text.Json.JsonException($"This {noun} document has no schemaVersion; this library reads schemaVersion {PersonalizedLearningJson.SchemaVersion} (\"schemaVersion\": {PersonalizedLearningJson.SchemaVersion}, as PersonalizedLearningJson writes it).");
        }

        if (document.SchemaVersion != PersonalizedLearningJson.SchemaVersion)
        {
            throw new System.Text.Json.JsonException($"This {noun} document has schemaVersion {document.SchemaVersion}; this library reads schemaVersion {PersonalizedLearningJson.SchemaVersion}.");
        }
    }
}

internal sealed record BktModelDocument(
    int SchemaVersion,
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

// Every member the writer always writes is required (fresh review of issue 21: a playlist without its options, or a
// step without its kind, reorderable flag or dependencies, was read with defaults that happened to fit).
internal sealed record PlaylistDocument(
    int SchemaVersion,
    [property: JsonRequired] LearnerId Learner,
    [property: JsonRequired] List<LearningGoal>? Goals,
    [property: JsonRequired] PlaylistOptions? Options,
    [property: JsonRequired] double TimeFactor,
    [property: JsonRequired] List<PlaylistStepDocument>? Steps) : IVersionedDocument;

internal sealed record PlaylistStepDocument(
    [property: JsonRequired] PlaylistStepKind Kind,
    [property: JsonRequired] CompetencyId Competency,
    [property: JsonRequired] List<ActivityId>? Choices,
    ActivityId? Checkpoint,
    [property: JsonRequired] double Minutes,
    [property: JsonRequired] List<CompetencyId>? DependsOn,
    [property: JsonRequired] List<CompetencyId>? Goals,
    CompetencyId? RemediationFor,
    [property: JsonRequired] bool Reorderable);

internal sealed record LearningPlanDocument(
    int SchemaVersion,
    PlanStatus Status,
    PlaylistDocument? Pathway,
    List<PlanMilestone>? Milestones,
    ExternalDeadline? Deadline,
    List<PlanChange>? History) : IVersionedDocument;

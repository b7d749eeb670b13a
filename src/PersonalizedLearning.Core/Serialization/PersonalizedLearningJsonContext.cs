using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Serialization;

/// <summary>The source-generated serializer context: reflection-free and trimming-safe. Internal on purpose.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    AllowDuplicateProperties = false,
    Converters =
    [
        typeof(EvidenceOutcomeJsonConverter),
        typeof(CompetencyFrameworkJsonConverter),
        typeof(ActivityCatalogJsonConverter),
        typeof(LearnerStateJsonConverter),
        typeof(MasterySnapshotJsonConverter),
        typeof(LearnerProfileJsonConverter),
        typeof(BktModelJsonConverter),
        typeof(PlaylistJsonConverter),
        typeof(LearningPlanJsonConverter),

        // Every enumeration by name only, never an integer (EnumAsTextConverter); UseStringEnumConverter above is the
        // fallback that keeps a new enumeration written as text until it is listed here (a test names it).
        typeof(EnumAsTextConverter<ActivityKind>),
        typeof(EnumAsTextConverter<AgencyLevel>),
        typeof(EnumAsTextConverter<CompetencyRelationKind>),
        typeof(EnumAsTextConverter<EvidenceKind>),
        typeof(EnumAsTextConverter<LearningModality>),
        typeof(EnumAsTextConverter<MasteryLevel>),
        typeof(EnumAsTextConverter<MasteryReason>),
        typeof(EnumAsTextConverter<PacingStatus>),
        typeof(EnumAsTextConverter<PlanChangeKind>),
        typeof(EnumAsTextConverter<PlanStatus>),
        typeof(EnumAsTextConverter<PlaylistStepKind>),
        typeof(EnumAsTextConverter<RecommendationPurpose>),
        typeof(EnumAsTextConverter<RecommendationReasonCode>),
    ])]
[JsonSerializable(typeof(CompetencyId))]
[JsonSerializable(typeof(ActivityId))]
[JsonSerializable(typeof(LearnerId))]
[JsonSerializable(typeof(EvidenceId))]
[JsonSerializable(typeof(Records.TenantId))]
[JsonSerializable(typeof(Scheduling.TeacherId))]
[JsonSerializable(typeof(Scheduling.RoomId))]
[JsonSerializable(typeof(Competency))]
[JsonSerializable(typeof(CompetencyRelation))]
[JsonSerializable(typeof(CompetencyFramework))]
[JsonSerializable(typeof(LearningActivity))]
[JsonSerializable(typeof(ActivityAlignment))]
[JsonSerializable(typeof(ActivityCatalog))]
[JsonSerializable(typeof(Evidence))]
[JsonSerializable(typeof(EvidenceOutcome))]
[JsonSerializable(typeof(List<Evidence>))]
[JsonSerializable(typeof(ImmutableArray<Evidence>))]
[JsonSerializable(typeof(LearnerProfile))]
[JsonSerializable(typeof(LearningGoal))]
[JsonSerializable(typeof(LearnerAccommodations))]
[JsonSerializable(typeof(LearnerState))]
[JsonSerializable(typeof(MasteryMemory))]
[JsonSerializable(typeof(MasteryPolicy))]
[JsonSerializable(typeof(MasteryAssessment))]
[JsonSerializable(typeof(ImmutableArray<MasteryAssessment>))]
[JsonSerializable(typeof(NextStepResult))]
[JsonSerializable(typeof(NextStep))]
[JsonSerializable(typeof(RecommendationReason))]
[JsonSerializable(typeof(CompetencyFrameworkDocument))]
[JsonSerializable(typeof(ActivityCatalogDocument))]
[JsonSerializable(typeof(LearnerStateDocument))]
[JsonSerializable(typeof(MasterySnapshot))]
[JsonSerializable(typeof(MasterySnapshotDocument))]
[JsonSerializable(typeof(LearnerProfileDocument))]
[JsonSerializable(typeof(BktModel))]
[JsonSerializable(typeof(BktModelDocument))]
[JsonSerializable(typeof(Playlist))]
[JsonSerializable(typeof(PlaylistDocument))]
[JsonSerializable(typeof(PlaylistOptions))]
[JsonSerializable(typeof(LearningPlan))]
[JsonSerializable(typeof(LearningPlanDocument))]
[JsonSerializable(typeof(PacingProjection))]
internal sealed partial class PersonalizedLearningJsonContext : JsonSerializerContext;

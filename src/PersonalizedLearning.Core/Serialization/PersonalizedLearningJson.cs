using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Serialization;

/// <summary>
/// JSON for the library's records of learning, through a source-generated context: no reflection, safe to trim and
/// to compile ahead of time. It serializes frameworks (with their competencies, relations and ids), activities and
/// catalogs, evidence and lists of it, learner ids, profiles, goals and accommodations, learner states, mastery policies,
/// BKT models, assessments and snapshots, next steps, their reasons and results, playlists and their options, learning
/// plans and pacing projections. Reports computed from them (class overviews, small groups, fits, evaluations,
/// simulations) and strategies or options objects are not documents; <see cref="Serialize{T}(T)"/> refuses them with
/// <see cref="NotSupportedException"/>. Identifiers are plain strings, enums are their members' names (and only names are read:
/// an integer or a numeric string is refused), names are camelCase, and the
/// aggregate documents (framework, catalog, learner state, learner profile) carry a <c>schemaVersion</c>.
/// </summary>
/// <remarks>
/// <para>Reading a document runs the same validation as building in code: a framework document that breaks a
/// rule throws <see cref="DefinitionValidationException"/> with every problem, and any other invalid value
/// throws <see cref="JsonException"/> naming the rule. Results (next steps, pacing projections, playlists) are only
/// made by the library, so a result document is also held to the rules the library's results keep (ranks, scores in
/// [0, 1], remediation naming what it remediates, a playlist's minutes being its activities').</para>
/// <para>In every document, a member the writer always writes is required: missing, it is refused with
/// <see cref="JsonException"/> naming it, never read as its type's default (an evidence without <c>outcome</c>, an
/// activity without <c>kind</c>). Optional are the members the writer leaves out when they are null (a goal's target date,
/// an estimate not yet made) and those with a documented default (an evidence's kind and weight, an activity's modality).
/// A document that states another <c>schemaVersion</c>, or none, is refused for that first, whatever else it lacks.</para>
/// <para>The parts of a document written through its own document shape (a BKT model's parameters, a learner state's
/// competency states, a playlist's steps and sessions) are not documents on their own: <see cref="Serialize{T}(T)"/>,
/// <see cref="Deserialize{T}(string)"/> and <see cref="Options"/> refuse them with <see cref="NotSupportedException"/>.</para>
/// <para>Thread-safe: <see cref="Options"/> is read-only and shared.</para>
/// </remarks>
public static class PersonalizedLearningJson
{
    /// <summary>The version of the document shapes this library writes and reads.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions SharedOptions = CreateOptions();

    /// <summary>Read-only serializer options that know every type this class serializes.</summary>
    /// <value>Shared; pass them to <see cref="JsonSerializer"/> or use <see cref="Serialize{T}(T)"/>. Read through them, a
    /// value that breaks a rule throws <see cref="JsonException"/> naming the rule, as <see cref="Deserialize{T}(string)"/>
    /// does (a framework document: <see cref="DefinitionValidationException"/>), and so does a null where a document is
    /// read: the whole JSON, an entry of a list of documents, or an entry that
    /// <see cref="JsonSerializer.DeserializeAsyncEnumerable{TValue}(System.IO.Stream, JsonSerializerOptions, System.Threading.CancellationToken)"/> reads.</value>
    public static JsonSerializerOptions Options => SharedOptions;

    /// <summary>Writes a value as JSON.</summary>
    /// <typeparam name="T">One of the types this class serializes (see the class summary), or a list of evidence.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a type this library serializes.</exception>
    /// <exception cref="JsonException">The value holds an empty identifier, as a default struct does
    /// (<c>default(NextStepResult)</c>, <c>default(LearningGoal)</c>): it was not made by the library and could not be read back.</exception>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Reads a value from JSON.</summary>
    /// <typeparam name="T">One of the types this class serializes (see the class summary), other than <see cref="ActivityCatalog"/> and
    /// <see cref="MasterySnapshot"/> (read against their framework), <see cref="Playlist"/> and <see cref="LearningPlan"/>
    /// (read against their catalog).</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not valid JSON for <typeparamref name="T"/>, is null, or holds a value that breaks a rule.</exception>
    /// <exception cref="DefinitionValidationException">A framework document breaks a rule.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not supported, or is one of the types read
    /// against their framework or catalog: <see cref="ActivityCatalog"/> (use <see cref="DeserializeActivityCatalog"/>),
    /// <see cref="MasterySnapshot"/> (<see cref="DeserializeMasterySnapshot"/>), <see cref="Playlist"/>
    /// (<see cref="DeserializePlaylist"/>) or <see cref="LearningPlan"/> (<see cref="DeserializeLearningPlan"/>).</exception>
    /// <remarks>A <see cref="Learners.LearnerState"/> is checked as far as its document alone determines it: each piece of evidence
    /// naming a competency is listed under it, counted by it and within its first and last moments; each competency counts
    /// no more than the pieces naming it and those on activities, and its first and last moments are those of such pieces.
    /// Whether each competency's state (estimate, memory, and which competencies a piece on an activity reached) is what
    /// the model folds from the evidence with the catalog needs the model and the catalog: the engine checks it at the
    /// state's first use and refuses an edited state with <see cref="ArgumentException"/> (see
    /// <see cref="PersonalizedLearningEngine.Assess"/>).</remarks>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw new JsonException($"The JSON holds null, not a {typeof(T).Name}.");
    }

    /// <summary>Reads an activity catalog and validates it against its framework.</summary>
    /// <param name="json">The JSON text, as written by <see cref="Serialize{T}(T)"/>.</param>
    /// <param name="framework">The framework the activities align to.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="JsonException">The text is not a valid catalog document.</exception>
    /// <exception cref="DefinitionValidationException">The activities break one or more rules; every problem is listed.</exception>
    public static ActivityCatalog DeserializeActivityCatalog(string json, CompetencyFramework framework)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(framework);
        ActivityCatalogDocument document;
        try
        {
            document = VersionedDocument.Read(json, PersonalizedLearningJsonContext.Default.ActivityCatalogDocument, "activity catalog")
                ?? throw new JsonException("The JSON holds null, not an activity catalog.");
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"The activity catalog document is not valid: {e.Message}", e);
        }

        return ActivityCatalogJsonConverter.Build(document, framework);
    }

    /// <summary>Reads a mastery snapshot written by <see cref="Serialize{T}(T)"/>, against the framework it was assessed
    /// over: each competency's assessment (level, reason, estimate, explanation) and model state as they were at its
    /// moment, with the mastered flags and the frontier found again.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="framework">The framework it was assessed over.</param>
    /// <returns>The snapshot; every assessment, the frontier and the mastered competencies equal the original's.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="JsonException">The text is not a valid snapshot document: another framework's title, no moment,
    /// policy or estimate label, a competency outside the framework or listed twice, an assessment without its state or
    /// counting other evidence, an assessment whose level, reason, threshold or minimum evidence is not what the
    /// snapshot's policy makes of its estimate and evidence count, a state that breaks its rules, or a missing or other
    /// schemaVersion. The assessment's estimate is taken as written (within [0, 1]): it is the model's estimate at the
    /// snapshot's moment, which the reader cannot compute without the model.</exception>
    public static MasterySnapshot DeserializeMasterySnapshot(string json, CompetencyFramework framework)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(framework);
        try
        {
            var document = VersionedDocument.Read(json, PersonalizedLearningJsonContext.Default.MasterySnapshotDocument, "mastery snapshot")
                ?? throw new JsonException("The JSON holds null, not a mastery snapshot.");
            return MasterySnapshotJsonConverter.Build(document, framework);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"The mastery snapshot document is not valid: {e.Message}", e);
        }
    }

    /// <summary>Reads a playlist, resolving its activities in the catalog; its sessions are cut again from its steps.</summary>
    /// <param name="json">The JSON text, as written by <see cref="Serialize{T}(T)"/>.</param>
    /// <param name="catalog">The catalog it was built from.</param>
    /// <returns>The playlist; re-planning it builds anew once.</returns>
    /// <remarks>The steps are rebuilt with the builder's own functions and must match field by field. A playlist document
    /// holds no mastery or history, so the reader takes the mastery its steps imply: a goal without a learn step, or a
    /// prerequisite without one whose dependents' dependencies agree, reads as mastered, and a remediation step removed
    /// reads as a history without that failure. What the builder would make for some learner is accepted.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="JsonException">The text is not a valid playlist document, or names an activity or competency
    /// the catalog does not have.</exception>
    public static Playlist DeserializePlaylist(string json, ActivityCatalog catalog) =>
        ReadAgainst(json, catalog, PersonalizedLearningJsonContext.Default.PlaylistDocument, "playlist", PlaylistJsonConverter.Build);

    /// <summary>Reads a learning plan, resolving its pathway's activities in the catalog.</summary>
    /// <param name="json">The JSON text, as written by <see cref="Serialize{T}(T)"/>.</param>
    /// <param name="catalog">The catalog its pathway was built from.</param>
    /// <returns>The plan, with its status, milestones, deadline and history.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="JsonException">The text is not a valid learning plan document, or names an activity or
    /// competency the catalog does not have.</exception>
    public static LearningPlan DeserializeLearningPlan(string json, ActivityCatalog catalog) =>
        ReadAgainst(json, catalog, PersonalizedLearningJsonContext.Default.LearningPlanDocument, "learning plan", LearningPlanJsonConverter.Build);

    private static T ReadAgainst<T, TDocument>(string json, ActivityCatalog catalog, JsonTypeInfo<TDocument> info, string noun, Func<TDocument, ActivityCatalog, T> build)
        where TDocument : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalog);
        try
        {
            var document = VersionedDocument.Read(json, info, noun) ?? throw new JsonException($"The JSON holds null, not a {noun}.");
            return build(document, catalog);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"The {noun} document is not valid: {e.Message}", e);
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>() => SharedOptions.TryGetTypeInfo(typeof(T), out var info)
        ? (JsonTypeInfo<T>)info
        : throw new NotSupportedException($"{typeof(T).Name} is not a type PersonalizedLearning.Core serializes.");

    // Internal for the test that shows the options are read-only before anyone has used them.
    internal static JsonSerializerOptions CreateOptions()
    {
        var documentTypes = new DocumentTypesResolver(PersonalizedLearningJsonContext.Default);
        var inner = new JsonSerializerOptions(PersonalizedLearningJsonContext.Default.Options) { TypeInfoResolver = documentTypes };
        inner.MakeReadOnly();
        var options = new JsonSerializerOptions(inner) { TypeInfoResolver = new RuleErrorsAsJsonResolver(inner, documentTypes) };
        options.MakeReadOnly();
        return options;
    }
}

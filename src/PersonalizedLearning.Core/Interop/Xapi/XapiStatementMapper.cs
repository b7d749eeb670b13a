using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Interop.Xapi;

/// <summary>How statements with one verb become evidence.</summary>
/// <param name="Kind">The kind of evidence.</param>
/// <param name="WithoutResult">The outcome when the statement has no score and no success; null when the statement must
/// say (otherwise it is rejected with <see cref="XapiRejectionReason.NoOutcome"/>).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record XapiVerbRule(EvidenceKind Kind, EvidenceOutcome? WithoutResult);

/// <summary>How xAPI statements map to evidence.</summary>
/// <remarks>Equality is by reference. Immutable and thread-safe.</remarks>
public sealed record XapiMappingOptions
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The ADL verb IRIs the defaults know.</summary>
    public const string AdlVerbs = "http://adlnet.gov/expapi/verbs/";

    /// <summary>Creates options.</summary>
    /// <param name="verbs">The verbs that give evidence, by IRI; <see cref="DefaultVerbs"/> when null.</param>
    /// <param name="activityIris">Activity IRIs that name a catalog activity other than by its id; none when null. Whether
    /// each names an activity of the catalog is checked by the mapper that is given these options.</param>
    /// <exception cref="ArgumentNullException">A verb's rule is null; the message lists every problem.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An activity IRI is mapped to the empty activity id
    /// (<c>default(ActivityId)</c>), which names no activity; the message lists every problem.</exception>
    public XapiMappingOptions(ImmutableDictionary<string, XapiVerbRule>? verbs = null, ImmutableDictionary<string, ActivityId>? activityIris = null)
    {
        Verbs = verbs ?? DefaultVerbs;
        ActivityIris = activityIris ?? ImmutableDictionary<string, ActivityId>.Empty;

        // Issue 21: a mapping the mapper could not use is refused here, not met statement by statement in Map (which
        // throws for no content). Ordinal order, so the message is the same in every process.
        var problems = new OptionProblems("xAPI mapping options");
        foreach (var (iri, rule) in Verbs.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            problems.RequireNotNull(rule, nameof(verbs), $"verb '{iri}' needs a rule");
        }

        foreach (var (iri, activity) in ActivityIris.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (activity.IsEmpty)
            {
                problems.Add(nameof(activityIris), $"activity IRI '{iri}' must name an activity", "the empty activity id");
            }
        }

        problems.ThrowIfAny();
    }

    // The activity IRIs that map to an activity the catalog does not have, in ordinal order of the IRI.
    internal IEnumerable<KeyValuePair<string, ActivityId>> UnknownActivities(ActivityCatalog catalog)
        => ActivityIris.Where(a => !catalog.Contains(a.Value)).OrderBy(a => a.Key, StringComparer.Ordinal);

    // How a mapped activity the catalog lacks is reported, by the mapper and by the engine's options alike.
    internal static string UnknownActivityProblem(string iri, ActivityId activity)
        => $"activity IRI '{iri}' is mapped to activity '{activity}', which is not in the catalog; add the activity to the catalog or map the IRI to one it has.";

    /// <summary>answered, scored and completed (formative; the result must say), passed and mastered (summative; correct
    /// without a result), failed (summative; incorrect without a result): each under <see cref="AdlVerbs"/>.</summary>
    public static ImmutableDictionary<string, XapiVerbRule> DefaultVerbs { get; } = new Dictionary<string, XapiVerbRule>
    {
        [AdlVerbs + "answered"] = new(EvidenceKind.Formative, null),
        [AdlVerbs + "scored"] = new(EvidenceKind.Formative, null),
        [AdlVerbs + "completed"] = new(EvidenceKind.Formative, null),
        [AdlVerbs + "passed"] = new(EvidenceKind.Summative, EvidenceOutcome.Correct),
        [AdlVerbs + "failed"] = new(EvidenceKind.Summative, EvidenceOutcome.Incorrect),
        [AdlVerbs + "mastered"] = new(EvidenceKind.Summative, EvidenceOutcome.Correct),
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The defaults.</summary>
    public static XapiMappingOptions Default { get; } = new();

    /// <summary>The verbs that give evidence, by IRI.</summary>
    public ImmutableDictionary<string, XapiVerbRule> Verbs { get; }

    /// <summary>Activity IRIs that name a catalog activity other than by its id.</summary>
    public ImmutableDictionary<string, ActivityId> ActivityIris { get; }

    /// <summary>These options with one more verb (or another rule for a known one).</summary>
    /// <param name="iri">The verb's IRI.</param>
    /// <param name="rule">How its statements become evidence.</param>
    /// <returns>The new options.</returns>
    /// <exception cref="ArgumentException"><paramref name="iri"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public XapiMappingOptions WithVerb(string iri, XapiVerbRule rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(iri);
        ArgumentNullException.ThrowIfNull(rule);
        return new XapiMappingOptions(Verbs.SetItem(iri, rule), ActivityIris);
    }
}

/// <summary>Why a statement gave no evidence.</summary>
/// <remarks>The default value is <see cref="Malformed"/>.</remarks>
public enum XapiRejectionReason
{
    /// <summary>It is not a statement object, or a member has the wrong type.</summary>
    Malformed,

    /// <summary>It has no id (a UUID), which the evidence needs to be counted once.</summary>
    MissingId,

    /// <summary>It has no actor with an identifier (account, mbox, mbox_sha1sum or openid), or the identifier is valid
    /// xAPI but cannot be a learner id (surrounding white space, or longer than a learner id may be; see the
    /// message).</summary>
    MissingActor,

    /// <summary>Its actor is a group, not a learner.</summary>
    GroupActor,

    /// <summary>Its verb is not one that gives evidence (see <see cref="XapiMappingOptions.Verbs"/>).</summary>
    UnsupportedVerb,

    /// <summary>Its object names no catalog activity, and no CASE item URI of the framework is in its context.</summary>
    UnknownActivity,

    /// <summary>Its score is outside its range: scaled outside [−1, 1], or raw outside [min, max].</summary>
    ScoreOutOfRange,

    /// <summary>Neither its result nor its verb says how it went.</summary>
    NoOutcome,

    /// <summary>It has neither a timestamp nor a stored time.</summary>
    MissingTimestamp,

    /// <summary>Its result duration is not an ISO 8601 duration.</summary>
    InvalidDuration,


    /// <summary>Its id was seen earlier in the batch; it counts once.</summary>
    Duplicate,

    /// <summary>Its timestamp (or, without one, its stored time) is not an ISO 8601 date-time with a time zone (see
    /// the message for what is wrong).</summary>
    InvalidTimestamp,

    /// <summary>Its actor's identifier breaks xAPI's rules: more than one inverse functional identifier, an
    /// <c>mbox</c> that is not a <c>mailto:</c> address, an <c>mbox_sha1sum</c> that is not 40 hexadecimal digits, an
    /// <c>openid</c> that is not an absolute URI, an account without an absolute <c>homePage</c> and a <c>name</c>, or an
    /// <c>objectType</c> other than <c>Agent</c> or <c>Group</c> (xAPI 1.0.3, Data §2.4.2.1–2.4.2.4).</summary>
    InvalidActor,

    /// <summary>An IRI it holds is not an absolute IRI (RFC 3987): the verb's id, an activity's id (the object's or a
    /// context activity's), its definition's type or moreInfo, or an extension key (xAPI 1.0.3, Data §2.4.3, §2.4.4.1,
    /// §2.4.6.2, Data 4.1).</summary>
    InvalidIri,

    /// <summary>A language map it holds (the verb's display, an activity definition's name or description) is not an
    /// object of RFC 5646 language tags to strings (xAPI 1.0.3, Data 4.2).</summary>
    InvalidLanguageMap,

    /// <summary>Its id was seen earlier in the batch with other content (an LRS answers such a statement with 409
    /// Conflict, xAPI 1.0.3, Communication 2.1.1); the message shows both versions, and the first one counts. Recording
    /// the second version into a learner state throws <see cref="EvidenceConflictException"/>.</summary>
    Conflict,
}

/// <summary>A statement that gave no evidence, and why.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record XapiRejection
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal XapiRejection(int Index, string? StatementId, XapiRejectionReason Reason, string Message)
    {
        this.Index = Index;
        this.StatementId = StatementId;
        this.Reason = Reason;
        this.Message = Message;
    }

    /// <summary>Its position in the batch, from 0.</summary>
    public int Index { get; internal init; }

    /// <summary>Its id, if it has one.</summary>
    public string? StatementId { get; internal init; }

    /// <summary>Why.</summary>
    public XapiRejectionReason Reason { get; internal init; }

    /// <summary>A sentence.</summary>
    public string Message { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Index">The value of <see cref="Index"/>.</param>
    /// <param name="StatementId">The value of <see cref="StatementId"/>.</param>
    /// <param name="Reason">The value of <see cref="Reason"/>.</param>
    /// <param name="Message">The value of <see cref="Message"/>.</param>
    public void Deconstruct(out int Index, out string? StatementId, out XapiRejectionReason Reason, out string Message)
    {
        Index = this.Index;
        StatementId = this.StatementId;
        Reason = this.Reason;
        Message = this.Message;
    }
}

/// <summary>What a batch of statements gave.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record XapiMappingResult
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal XapiMappingResult(ImmutableArray<Evidence> Evidence, ImmutableArray<EvidenceId> Voided, ImmutableArray<XapiRejection> Rejected, int Statements)
    {
        this.Evidence = Evidence;
        this.Voided = Voided;
        this.Rejected = Rejected;
        this.Statements = Statements;
    }

    /// <summary>The evidence, in statement order, each statement id once, voided ones left out.</summary>
    public ImmutableArray<Evidence> Evidence { get; internal init; }

    /// <summary>The statement ids that voiding statements retract: pass them to <see cref="PersonalizedLearningEngine.Retract"/> for the learners whose evidence they may be (a voiding statement may come before the statement it voids; the state remembers the id and keeps that evidence out), and keep them in the log for <see cref="PersonalizedLearningEngine.Rebuild(LearnerId, IEnumerable{Evidence}, IEnumerable{EvidenceId})"/>.</summary>
    public ImmutableArray<EvidenceId> Voided { get; internal init; }

    /// <summary>Every statement that gave no evidence, with its reason; none is dropped silently.</summary>
    public ImmutableArray<XapiRejection> Rejected { get; internal init; }

    /// <summary>How many statements the batch held.</summary>
    public int Statements { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Evidence">The value of <see cref="Evidence"/>.</param>
    /// <param name="Voided">The value of <see cref="Voided"/>.</param>
    /// <param name="Rejected">The value of <see cref="Rejected"/>.</param>
    /// <param name="Statements">The value of <see cref="Statements"/>.</param>
    public void Deconstruct(out ImmutableArray<Evidence> Evidence, out ImmutableArray<EvidenceId> Voided, out ImmutableArray<XapiRejection> Rejected, out int Statements)
    {
        Evidence = this.Evidence;
        Voided = this.Voided;
        Rejected = this.Rejected;
        Statements = this.Statements;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(XapiMappingResult? other) =>
        other is not null && Statements == other.Statements && SequenceEquality.Equal(Evidence, other.Evidence)
        && SequenceEquality.Equal(Voided, other.Voided) && SequenceEquality.Equal(Rejected, other.Rejected);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Statements, Evidence.Length, Voided.Length, Rejected.Length);
}

/// <summary>
/// Maps xAPI statements to <see cref="Evidence"/>: the actor is the learner, the verb says whether and how the statement
/// counts, the object activity IRI names a catalog activity, and a CASE item URI in <c>context.contextActivities</c>
/// (or as the object, when that is not a catalog activity) names the competency directly.
/// </summary>
/// <remarks>
/// <para><b>Learner:</b> the actor's identifier: <c>account.homePage/account.name</c> as <c>homePage#name</c> (in the
/// home page <c>%</c> written <c>%25</c> and <c>#</c> written <c>%23</c>), else <c>mbox</c> (a <c>mailto:</c> IRI),
/// <c>mbox_sha1sum</c> (in lower case) or <c>openid</c> (<c>%</c> and <c>#</c> written the same way). So different agents never share a learner id: only an
/// account's has a <c>#</c>, only an mbox's starts with <c>mailto:</c> (an openid or home page that is a mailto:
/// address is refused), and a SHA-1 sum has no colon.</para>
/// <para><b>Outcome:</b> <c>result.score.scaled</c> in [−1, 1] (negative means no credit: 0), else <c>raw</c> within
/// <c>min</c>/<c>max</c> scaled to [0, 1], else <c>result.success</c>, else the verb's outcome without a result.
/// <b>Duration</b> from <c>result.duration</c> (ISO 8601:2004 §4.4.3.2: <c>PT12M30S</c>, <c>P1W</c>, <c>PT0.5H</c>).
/// <b>Time</b> from <c>timestamp</c>, else <c>stored</c>: an ISO 8601 date-time with a time zone, not <c>-00:00</c>
/// (one strict reading, the same on every machine and day; see the rejection message for what is wrong).</para>
/// <para><b>Actor:</b> exactly one inverse functional identifier, in its own form (xAPI 1.0.3, Data §2.4.2); a group
/// is refused as a group once its identifier is valid.</para>
/// <para><b>Verb, object and context:</b> xAPI 1.0.3's value rules for what the mapper reads (Data §2.4.3, §2.4.4,
/// §2.4.6.2, 4.1, 4.2): a verb id, activity ids, a definition's type and moreInfo and extension keys that are absolute
/// IRIs (RFC 3987), language maps (verb display, definition name and description) of RFC 5646 language tags to
/// strings, an object type of the vocabulary, an interaction type of the vocabulary, and context activities under
/// parent, grouping, category and other only, each an Activity or an array of them. Each refusal has its reason
/// (<see cref="XapiRejectionReason.InvalidIri"/>, <see cref="XapiRejectionReason.InvalidLanguageMap"/>, or
/// <see cref="XapiRejectionReason.Malformed"/>) and a message naming the member; the context's own members (registration,
/// instructor, team, revision, platform, language, statement; Data §2.4.6) are checked too. A null value outside extensions is
/// refused (Data §2.2); a member xAPI does not define is not (an LRS refuses those before a statement is stored), and
/// neither are the rules of members the mapper does not read (authority, attachments, a SubStatement's contents).</para>
/// <para><b>Once:</b> the statement id, in lower case (UUIDs ignore case), is the evidence id, so a statement delivered
/// twice counts once (in a batch, the second is rejected as a duplicate; across batches, the learner state ignores it).
/// A <c>voided</c> statement retracts its target.</para>
/// <para><b>Hostile input:</b> the batch is scanned against <see cref="InteropLimits"/> first; only
/// <see cref="ArgumentNullException"/> and <see cref="InteropLimitExceededException"/> are thrown; a batch that is not
/// JSON is one rejection.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class XapiStatementMapper
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>XapiStatementMapper { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private const string Voided = "http://adlnet.gov/expapi/verbs/voided";
    private static readonly string[] ContextLists = ["parent", "grouping", "category", "other"];
    private static readonly SearchValues<char> NotInAddress = SearchValues.Create(" \t\r\n<>");
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private readonly ActivityCatalog _catalog;

    /// <summary>Creates a mapper.</summary>
    /// <param name="catalog">The activities (and through them the framework, for CASE item URIs).</param>
    /// <param name="options">The verbs and activity IRIs; <see cref="XapiMappingOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="UnknownActivityException">An activity IRI of <paramref name="options"/> is mapped to an activity
    /// <paramref name="catalog"/> does not have (<see cref="UnknownActivityException.Activity"/> is the first, in ordinal
    /// order of the IRIs; the message names every such IRI and its activity). Evidence on it could not be recorded.</exception>
    public XapiStatementMapper(ActivityCatalog catalog, XapiMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= XapiMappingOptions.Default;
        var unknown = options.UnknownActivities(catalog).ToList();
        if (unknown.Count > 0)
        {
            throw new UnknownActivityException(
                unknown[0].Value,
                "The xAPI mapping options do not fit the catalog: " + string.Join(" ", unknown.Select(u => XapiMappingOptions.UnknownActivityProblem(u.Key, u.Value))),
                nameof(options));
        }

        _catalog = catalog;
        Options = options;
    }

    /// <summary>The verbs and activity IRIs.</summary>
    public XapiMappingOptions Options { get; }

    /// <summary>Maps a statement, an array of statements, or an LRS result (<c>{"statements": [...]}</c>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <returns>The evidence, the voided ids and every rejection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="InteropLimitExceededException">The batch breaks a limit.</exception>
    public XapiMappingResult Map(string json, InteropLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= InteropLimits.Default;
        return ImportTelemetry.Run(PersonalizedLearningTelemetry.ImportFormats.Xapi, () =>
        {
            if (json.Length > limits.MaxDocumentBytes)
            {
                throw new InteropLimitExceededException("document size", limits.MaxDocumentBytes, $"The batch is longer than {limits.MaxDocumentBytes.ToString(CultureInfo.InvariantCulture)} bytes.");
            }

            return MapUnobserved(Encoding.UTF8.GetBytes(json), limits);
        }, Counts);
    }

    /// <summary>Maps a stream of UTF-8 JSON (a statement, an array, or an LRS result), never holding more than the
    /// document limit in memory.</summary>
    /// <param name="stream">The JSON; read to its end.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading the stream.</param>
    /// <returns>The evidence, the voided ids and every rejection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InteropLimitExceededException">The batch breaks a limit (a stream longer than the document limit
    /// fails once that many bytes are read).</exception>
    public async Task<XapiMappingResult> MapAsync(Stream stream, InteropLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= InteropLimits.Default;
        return await ImportTelemetry.RunAsync(
            PersonalizedLearningTelemetry.ImportFormats.Xapi,
            async () => MapUnobserved(await limits.ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false), limits),
            Counts).ConfigureAwait(false);
    }

    /// <summary>Maps UTF-8 JSON: a statement, an array of statements, or an LRS result.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <returns>The evidence, the voided ids and every rejection.</returns>
    /// <exception cref="InteropLimitExceededException">The batch breaks a limit.</exception>
    /// <remarks>Every batch (<see cref="Map"/> and <see cref="MapAsync"/> too) is traced as
    /// <see cref="PersonalizedLearningTelemetry.Spans.Import"/>, timed, and its statements and rejections (by reason)
    /// counted when someone listens (<see cref="PersonalizedLearningTelemetry.ImportFormats.Xapi"/>).</remarks>
    public XapiMappingResult MapUtf8(ReadOnlyMemory<byte> utf8Json, InteropLimits? limits = null)
        => ImportTelemetry.Run(PersonalizedLearningTelemetry.ImportFormats.Xapi, () => MapUnobserved(utf8Json, limits), Counts);

    // What a batch's span and counters count: the statements read and the rejections, by reason.
    private static (int Items, int Problems, IReadOnlyList<XapiRejection>? Rejections) Counts(XapiMappingResult result)
        => (result.Statements, result.Rejected.Length, result.Rejected);

    private XapiMappingResult MapUnobserved(ReadOnlyMemory<byte> utf8Json, InteropLimits? limits)
    {
        limits ??= InteropLimits.Default;
        if (limits.Scan(utf8Json.Span) is { } syntax)
        {
            return new XapiMappingResult([], [], [new XapiRejection(0, null, XapiRejectionReason.Malformed, syntax.Message)], 0);
        }

        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 1 });
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statements", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            root = list;
        }

        var evidence = new List<Evidence>();
        var voided = new List<EvidenceId>();
        var rejected = new List<XapiRejection>();
        var seen = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var statement in root.EnumerateArray())
            {
                One(statement, count++);
            }
        }
        else
        {
            One(root, count++);
        }

        if (voided.Count > 0)
        {
            var retracted = voided.ToHashSet();
            evidence.RemoveAll(e => retracted.Contains(e.Id));
        }

        return new XapiMappingResult([.. evidence], [.. voided], [.. rejected], count);

        void One(JsonElement statement, int index)
        {
            var id = statement.ValueKind == JsonValueKind.Object && statement.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var outcome = MapOne(statement, id, out var reason, out var message);
            if (outcome is { } mapped && id is not null && !seen.TryAdd(id, mapped))
            {
                var earlier = seen[id];
                outcome = null;
                (reason, message) = Equals(earlier, mapped)
                    ? (XapiRejectionReason.Duplicate, $"Statement '{id}' appears earlier in the batch; it counts once.")
                    : (XapiRejectionReason.Conflict, $"Statement '{id}' appears earlier in the batch with other content; an id names one statement, and the first counts. Earlier: {earlier}. Here: {mapped}.");
            }

            switch (outcome)
            {
                case Evidence e:
                    evidence.Add(e);
                    break;
                case EvidenceId target:
                    voided.Add(target);
                    break;
                default:
                    rejected.Add(new XapiRejection(index, id, reason, message!));
                    break;
            }
        }
    }

    // Evidence, the EvidenceId a voiding statement retracts, or null with a reason.
    private object? MapOne(JsonElement statement, string? id, out XapiRejectionReason reason, out string? message)
    {
        reason = XapiRejectionReason.Malformed;
        message = null;
        if (statement.ValueKind != JsonValueKind.Object)
        {
            message = $"A statement must be a JSON object; got {statement.ValueKind}.";
            return null;
        }

        if (id is null || !NameBasedUuid.IsCanonical(id))
        {
            return Reject(XapiRejectionReason.MissingId, id is null ? "The statement has no id; evidence needs one to be counted once." : $"The statement id '{id}' is not a UUID in 8-4-4-4-12 form.", out reason, out message);
        }

        if (ValueProblem(statement, out reason) is { } problem)
        {
            message = problem;
            return null;
        }

        var verb = Member(statement, "verb") is { ValueKind: JsonValueKind.Object } v && Member(v, "id") is { ValueKind: JsonValueKind.String } verbId ? verbId.GetString()! : null;
        var learner = Learner(statement, out reason, out message);
        var voiding = verb == Voided;
        if (learner is null && !(voiding && reason == XapiRejectionReason.GroupActor)) // a group may void a statement
        {
            return null;
        }

        // The timestamp, else the stored time; one that is there but not a date-time with a time zone is an error, not
        // a reason to take the other (and a stored time is checked even when a timestamp is given).
        var (timeMember, time) = ((string?)null, default(DateTimeOffset)); // the timestamp, else the stored time
        foreach (var member in (ReadOnlySpan<string>)["timestamp", "stored"])
        {
            if (Member(statement, member) is not { } value)
            {
                continue;
            }

            string? why = "it is not a string";
            if (value.ValueKind != JsonValueKind.String || !Iso8601.TryParseDateTime(value.GetString(), requireZone: true, out var read, out why))
            {
                return Reject(XapiRejectionReason.InvalidTimestamp, $"The statement's {member} {value.GetRawText()} is not an ISO 8601 date-time with a time zone such as '2026-11-30T10:00:00Z': {why}.", out reason, out message);
            }

            if (timeMember is null)
            {
                (timeMember, time) = (member, read);
            }
        }

        if (voiding)
        {
            // xAPI 1.0.3, Data §2.3.2: a voiding statement's object is a StatementRef to the statement it voids.
            return Member(statement, "object") is { ValueKind: JsonValueKind.Object } target && Member(target, "objectType") is { ValueKind: JsonValueKind.String } refType
                && refType.GetString() == "StatementRef" && Member(target, "id") is { ValueKind: JsonValueKind.String } targetId && NameBasedUuid.IsCanonical(targetId.GetString())
                && !string.Equals(targetId.GetString(), id, StringComparison.OrdinalIgnoreCase) // a statement cannot void itself
                ? new EvidenceId(targetId.GetString()!.ToLowerInvariant())
                : Reject(XapiRejectionReason.Malformed, "A voiding statement needs a StatementRef object (objectType \"StatementRef\") with the id of another statement, the one it voids.", out reason, out message);
        }

        if (verb is null || !Options.Verbs.TryGetValue(verb, out var rule))
        {
            return Reject(XapiRejectionReason.UnsupportedVerb, verb is null ? "The statement has no verb id." : $"Verb '{verb}' gives no evidence; add it to the mapping options to count it.", out reason, out message);
        }

        if (Member(statement, "object") is { } objectValue && Member(objectValue, "objectType")?.GetString() is { } objectKind && objectKind != "Activity")
        {
            return Reject(XapiRejectionReason.UnknownActivity, $"The object is a {objectKind}, not an Activity; evidence is about activities.", out reason, out message);
        }

        var objectIri = Member(statement, "object") is { ValueKind: JsonValueKind.Object } o && Member(o, "id") is { ValueKind: JsonValueKind.String } oid ? oid.GetString()! : null;
        ActivityId? activity = null;
        if (objectIri is not null && Options.ActivityIris.TryGetValue(objectIri, out var mapped))
        {
            activity = mapped;
        }
        else if (objectIri is not null && Identifier.Check(objectIri, "activity id") is null && _catalog.TryGetIndex(new ActivityId(objectIri), out _))
        {
            activity = new ActivityId(objectIri);
        }

        var competency = Competency(statement, activity is null ? objectIri : null); // an object that is a catalog activity is not also read as a CASE item
        if (activity is null && competency is null)
        {
            return Reject(XapiRejectionReason.UnknownActivity, $"Activity '{objectIri ?? "(none)"}' is not in the catalog and the context names no competency of the framework.", out reason, out message);
        }

        if (timeMember is null)
        {
            return Reject(XapiRejectionReason.MissingTimestamp, "The statement has neither a timestamp nor a stored time.", out reason, out message);
        }

        if (time < Evidence.EarliestTimestamp || time >= Evidence.LatestTimestamp)
        {
            return Reject(XapiRejectionReason.InvalidTimestamp, $"The statement's {timeMember} {time.ToString("O", CultureInfo.InvariantCulture)} is outside the years evidence may carry (1900 to 2199).", out reason, out message);
        }
        DateTimeOffset? when = time.ToUniversalTime();

        var result = Member(statement, "result");
        var outcome = Outcome(result, rule, out reason, out message);
        if (outcome is null)
        {
            return null;
        }

        TimeSpan? duration = null;
        // (A duration that is not a string was refused with the result's other members, in Outcome.)
        if (result is { ValueKind: JsonValueKind.Object } r && Member(r, "duration") is { } d)
        {
            if (!Iso8601.TryParseDuration(d.GetString(), out var length, out var durationProblem))
            {
                return Reject(XapiRejectionReason.InvalidDuration, $"The result duration {d.GetRawText()} is not an ISO 8601 duration such as 'PT12M30S': {durationProblem}.", out reason, out message);
            }

            duration = length;
        }

        return new Evidence(id.ToLowerInvariant(), learner!.Value, outcome.Value, when.Value, competency, activity, rule.Kind, duration: duration);
    }

    private static object? Reject(XapiRejectionReason why, string text, out XapiRejectionReason reason, out string? message)
    {
        reason = why;
        message = text;
        return null;
    }

    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static LearnerId? Learner(JsonElement statement, out XapiRejectionReason reason, out string? message)
    {
        reason = XapiRejectionReason.MissingActor;
        message = "The statement has no actor with an account, mbox, mbox_sha1sum or openid.";
        if (Member(statement, "actor") is not { ValueKind: JsonValueKind.Object } actor)
        {
            return null;
        }

        if (AgentProblem(actor, "The actor", out var key, out var group) is { } problem)
        {
            reason = XapiRejectionReason.InvalidActor;
            message = problem;
            return null;
        }

        // A group is refused as a group once it is valid: an identified group with an invalid identifier breaks xAPI's
        // rules, which is the reason to give (ADL's conformance suite expects it refused as invalid).
        if (group)
        {
            return GroupActor(out reason, out message);
        }

        if (key is null)
        {
            return null; // an agent without an identifier
        }

        if (Identifier.Check(key, "learner id") is { } idProblem)
        {
            message = $"The actor's identifier cannot name a learner: {idProblem}";
            return null;
        }

        return new LearnerId(key);
    }

    // xAPI 1.0.3, Data §2.4.2: an Agent or Group (objectType, a string name) with at most one inverse functional
    // identifier, each in its own form (§2.4.2.1, §2.4.2.3, §2.4.2.4); its learner-id key when it has one. Null when
    // valid; an agent or group without an identifier is valid here (the caller decides what it may be).
    private static string? AgentProblem(JsonElement agent, string label, out string? key, out bool group)
    {
        key = null;
        group = false;
        if (Member(agent, "objectType") is { } objectType && (objectType.ValueKind != JsonValueKind.String || objectType.GetString() is not ("Agent" or "Group")))
        {
            return $"{label}'s objectType must be \"Agent\" or \"Group\"; got {objectType.GetRawText()}.";
        }

        group = Member(agent, "objectType")?.GetString() == "Group";
        if (Member(agent, "name") is { } name && name.ValueKind != JsonValueKind.String)
        {
            return $"{label}'s name must be a string; got {name.GetRawText()}.";
        }

        var present = new List<string>(1);
        foreach (var member in (ReadOnlySpan<string>)["mbox", "mbox_sha1sum", "openid", "account"])
        {
            if (Member(agent, member) is not null)
            {
                present.Add(member);
            }
        }

        if (present.Count == 0)
        {
            return null;
        }

        if (present.Count > 1)
        {
            return $"{label} has {present.Count} inverse functional identifiers ({string.Join(", ", present)}); xAPI allows exactly one.";
        }

        var ifi = Member(agent, present[0])!.Value;
        switch (present[0])
        {
            case "mbox":
                var mbox = ifi.ValueKind == JsonValueKind.String ? ifi.GetString()! : null;
                var at = mbox?.IndexOf('@', StringComparison.Ordinal) ?? -1;
                if (mbox is null || !mbox.StartsWith("mailto:", StringComparison.Ordinal) || at <= "mailto:".Length || at == mbox.Length - 1
                    || mbox.AsSpan().IndexOfAny(NotInAddress) >= 0 || mbox.IndexOf('@', at + 1) >= 0)
                {
                    return $"{label}'s mbox {ifi.GetRawText()} is not a mailto IRI of one email address, such as 'mailto:learner@example.org'.";
                }

                key = mbox;
                return null;
            case "mbox_sha1sum":
                var hash = ifi.ValueKind == JsonValueKind.String ? ifi.GetString()! : null;
                if (hash is null || hash.Length != 40 || hash.AsSpan().ContainsAnyExcept(HexDigits))
                {
                    return $"{label}'s mbox_sha1sum {ifi.GetRawText()} is not a SHA-1 hash in 40 hexadecimal digits.";
                }

                key = hash.ToLowerInvariant();
                return null;
            case "openid":
                if (ifi.ValueKind != JsonValueKind.String || !Iri.IsAbsolute(ifi.GetString()) || ifi.GetString()!.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                {
                    return $"{label}'s openid {ifi.GetRawText()} is not an absolute IRI that locates an OpenID (a mailto: address is an mbox).";
                }

                key = HashFree(ifi.GetString()!); // no '#': only an account's id has one
                return null;
            default:
                if (ifi.ValueKind != JsonValueKind.Object || Member(ifi, "homePage") is not { ValueKind: JsonValueKind.String } home
                    || !Iri.IsAbsolute(home.GetString()) || home.GetString()!.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
                    || Member(ifi, "name") is not { ValueKind: JsonValueKind.String } accountName)
                {
                    return $"{label}'s account {ifi.GetRawText()} needs a homePage that is an IRL (an absolute IRI that locates the system, not a mailto: address) and a name.";
                }

                // homePage#name, split at the first '#' (HashFree leaves none in the home page), so that no two accounts,
                // and no account and openid or mbox, give the same learner id.
                key = $"{HashFree(home.GetString()!)}#{accountName.GetString()}";
                return null;
        }
    }

    // The text with '%' written %25 and '#' written %23: one-to-one (xAPI compares identifiers as exact strings), and
    // without a '#'.
    private static string HashFree(string text) =>
        text.AsSpan().IndexOfAny('%', '#') < 0 ? text : text.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);

    private static LearnerId? GroupActor(out XapiRejectionReason reason, out string? message)
    {
        reason = XapiRejectionReason.GroupActor;
        message = "The actor is a group; evidence is about one learner.";
        return null;
    }

    private static readonly string[] ObjectTypes = ["Activity", "Agent", "Group", "SubStatement", "StatementRef"];
    private static readonly string[] InteractionTypes = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"];

    // xAPI 1.0.3's value rules for the members the mapper reads besides the actor and the result: the verb (Data
    // §2.4.3: an id that is an IRI, a display that is a language map), the object (§2.4.4: an objectType of the
    // vocabulary; an Activity as below) and the context activities (§2.4.6.2: parent, grouping, category and other, each
    // an Activity or an array of them).
    private static string? ValueProblem(JsonElement statement, out XapiRejectionReason reason)
    {
        reason = XapiRejectionReason.Malformed;
        if (NullAt(statement, "") is { } nullPath)
        {
            return $"{nullPath} is null; xAPI allows null values only inside extensions (Data §2.2).";
        }

        foreach (var owner in (ReadOnlySpan<string>)["result", "context"])
        {
            if (Member(statement, owner) is { ValueKind: JsonValueKind.Object } o && Member(o, "extensions") is { ValueKind: JsonValueKind.Object } extensions
                && ExtensionKeyProblem(extensions, $"{owner}.extensions", ref reason) is { } keyProblem)
            {
                return keyProblem;
            }
        }
        if (Member(statement, "verb") is not { ValueKind: JsonValueKind.Object } verb || Member(verb, "id") is not { } verbId)
        {
            return "The statement has no verb with an id.";
        }

        if ((IriProblem(verbId, "verb.id", ref reason) ?? LanguageMapProblem(verb, "display", "verb.display", ref reason)) is { } verbProblem)
        {
            return verbProblem;
        }

        if (Member(statement, "object") is not { ValueKind: JsonValueKind.Object } target)
        {
            return "The statement has no object.";
        }

        if (Member(target, "objectType") is { } objectType && (objectType.ValueKind != JsonValueKind.String || Array.IndexOf(ObjectTypes, objectType.GetString()) < 0))
        {
            return $"object.objectType must be one of {string.Join(", ", ObjectTypes)}; got {objectType.GetRawText()}.";
        }

        if (Member(target, "objectType")?.GetString() is null or "Activity" && ActivityProblem(target, "object", ref reason) is { } objectProblem)
        {
            return objectProblem;
        }

        if (Member(statement, "context") is not { } context)
        {
            return null;
        }

        if (context.ValueKind != JsonValueKind.Object)
        {
            return $"context must be an object; got {context.GetRawText()}.";
        }

        if (ContextProblem(context, Member(target, "objectType")?.GetString()) is { } contextProblem)
        {
            return contextProblem;
        }

        if (Member(context, "contextActivities") is not { } lists)
        {
            return null;
        }

        if (lists.ValueKind != JsonValueKind.Object)
        {
            return $"context.contextActivities must be an object; got {lists.GetRawText()}.";
        }

        foreach (var list in lists.EnumerateObject())
        {
            var path = $"context.contextActivities.{list.Name}";
            if (Array.IndexOf(ContextLists, list.Name) < 0)
            {
                return $"context.contextActivities may hold only {string.Join(", ", ContextLists)}; got \"{list.Name}\".";
            }

            if (list.Value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var activity in list.Value.EnumerateArray())
                {
                    if (ActivityProblem(activity, $"{path}[{i++}]", ref reason) is { } p)
                    {
                        return p;
                    }
                }
            }
            else if (list.Value.ValueKind != JsonValueKind.Null && ActivityProblem(list.Value, path, ref reason) is { } p)
            {
                return p;
            }
        }

        return null;
    }

    // Data §2.4.6: registration a UUID; instructor an Agent or Group and team a Group, each valid and identified (or,
    // for a group, with members); revision and platform strings, and only when the object is an Activity (Data
    // §2.4.6.1: "MUST only be used if the Statement's Object is an Activity"); language a
    // language tag; statement a StatementRef.
    private static string? ContextProblem(JsonElement context, string? objectType)
    {
        if (Member(context, "registration") is { } registration && (registration.ValueKind != JsonValueKind.String || !NameBasedUuid.IsCanonical(registration.GetString())))
        {
            return $"context.registration must be a UUID; got {registration.GetRawText()}.";
        }

        foreach (var (member, mustBeGroup) in (ReadOnlySpan<(string, bool)>)[("instructor", false), ("team", true)])
        {
            if (Member(context, member) is not { } agent)
            {
                continue;
            }

            if (agent.ValueKind != JsonValueKind.Object)
            {
                return $"context.{member} must be an {(mustBeGroup ? "Group" : "Agent or Group")} object; got {agent.GetRawText()}.";
            }

            if (AgentProblem(agent, $"context.{member}", out var key, out var group) is { } problem)
            {
                return problem;
            }

            if (mustBeGroup && !group)
            {
                return $"context.team must be a Group (objectType \"Group\"); got {agent.GetRawText()}.";
            }

            if (key is null && !(group && Member(agent, "member") is { ValueKind: JsonValueKind.Array }))
            {
                return $"context.{member} needs an inverse functional identifier (or, for an anonymous group, its members).";
            }
        }

        foreach (var member in (ReadOnlySpan<string>)["revision", "platform"])
        {
            if (Member(context, member) is { } text && (text.ValueKind != JsonValueKind.String || objectType is not (null or "Activity")))
            {
                return text.ValueKind != JsonValueKind.String
                    ? $"context.{member} must be a string; got {text.GetRawText()}."
                    : $"context.{member} is only for a statement about an Activity; the object is a {objectType}.";
            }
        }

        if (Member(context, "language") is { } language && (language.ValueKind != JsonValueKind.String || !Iri.IsLanguageTag(language.GetString())))
        {
            return $"context.language must be an RFC 5646 language tag such as \"en-US\"; got {language.GetRawText()}.";
        }

        if (Member(context, "statement") is { } reference && (reference.ValueKind != JsonValueKind.Object || Member(reference, "objectType")?.GetString() != "StatementRef"
            || Member(reference, "id") is not { ValueKind: JsonValueKind.String } refId || !NameBasedUuid.IsCanonical(refId.GetString())))
        {
            return $"context.statement must be a StatementRef (objectType \"StatementRef\" and a UUID id); got {reference.GetRawText()}.";
        }

        return null;
    }

    // An Activity (Data §2.4.4.1): an id that is an IRI; objectType, if given, "Activity"; a definition, if given, an
    // object whose name and description are language maps, type and moreInfo IRIs, interactionType one of the
    // vocabulary and extensions an object keyed by IRIs.
    private static string? ActivityProblem(JsonElement activity, string path, ref XapiRejectionReason reason)
    {
        reason = XapiRejectionReason.Malformed;
        if (activity.ValueKind != JsonValueKind.Object)
        {
            return $"{path} must be an Activity object; got {activity.GetRawText()}.";
        }

        if (Member(activity, "objectType") is { } type && (type.ValueKind != JsonValueKind.String || type.GetString() != "Activity"))
        {
            return $"{path}.objectType must be \"Activity\"; got {type.GetRawText()}.";
        }

        if (Member(activity, "id") is not { } id)
        {
            return $"{path} has no id; an Activity needs one.";
        }

        if (IriProblem(id, $"{path}.id", ref reason) is { } idProblem)
        {
            return idProblem;
        }

        if (Member(activity, "definition") is not { } definition)
        {
            return null;
        }

        if (definition.ValueKind != JsonValueKind.Object)
        {
            return $"{path}.definition must be an object; got {definition.GetRawText()}.";
        }

        if ((LanguageMapProblem(definition, "name", $"{path}.definition.name", ref reason)
            ?? LanguageMapProblem(definition, "description", $"{path}.definition.description", ref reason)
            ?? (Member(definition, "type") is { } t ? IriProblem(t, $"{path}.definition.type", ref reason) : null)
            ?? (Member(definition, "moreInfo") is { } more ? IriProblem(more, $"{path}.definition.moreInfo", ref reason) : null)) is { } problem)
        {
            return problem;
        }

        if (Member(definition, "interactionType") is { } interaction && (interaction.ValueKind != JsonValueKind.String || Array.IndexOf(InteractionTypes, interaction.GetString()) < 0))
        {
            reason = XapiRejectionReason.Malformed;
            return $"{path}.definition.interactionType must be one of {string.Join(", ", InteractionTypes)}; got {interaction.GetRawText()}.";
        }

        if (Member(definition, "correctResponsesPattern") is { } pattern && (pattern.ValueKind != JsonValueKind.Array || pattern.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String)))
        {
            reason = XapiRejectionReason.Malformed;
            return $"{path}.definition.correctResponsesPattern must be an array of strings; got {pattern.GetRawText()}.";
        }

        foreach (var list in (ReadOnlySpan<string>)["choices", "scale", "source", "target", "steps"])
        {
            if (Member(definition, list) is not { } components)
            {
                continue;
            }

            // Data §2.4.4.1: interaction components, each an object with an id and a language-map description, and only
            // with an interaction type.
            if (Member(definition, "interactionType") is null)
            {
                reason = XapiRejectionReason.Malformed;
                return $"{path}.definition.{list} needs an interactionType.";
            }

            if (components.ValueKind != JsonValueKind.Array)
            {
                reason = XapiRejectionReason.Malformed;
                return $"{path}.definition.{list} must be an array of interaction components; got {components.GetRawText()}.";
            }

            var i = 0;
            foreach (var component in components.EnumerateArray())
            {
                var at = $"{path}.definition.{list}[{i++}]";
                if (component.ValueKind != JsonValueKind.Object || Member(component, "id") is not { ValueKind: JsonValueKind.String })
                {
                    reason = XapiRejectionReason.Malformed;
                    return $"{at} must be an object with a string id; got {component.GetRawText()}.";
                }

                if (LanguageMapProblem(component, "description", $"{at}.description", ref reason) is { } descriptionProblem)
                {
                    return descriptionProblem;
                }
            }
        }

        if (Member(definition, "extensions") is not { } extensions)
        {
            return null;
        }

        if (extensions.ValueKind != JsonValueKind.Object)
        {
            reason = XapiRejectionReason.Malformed;
            return $"{path}.definition.extensions must be an object keyed by IRIs; got {extensions.GetRawText()}.";
        }

        return ExtensionKeyProblem(extensions, $"{path}.definition.extensions", ref reason);
    }

    // Data 4.1: an extensions object's keys are IRIs.
    private static string? ExtensionKeyProblem(JsonElement extensions, string path, ref XapiRejectionReason reason)
    {
        foreach (var extension in extensions.EnumerateObject())
        {
            if (!Iri.IsAbsolute(extension.Name))
            {
                reason = XapiRejectionReason.InvalidIri;
                return $"{path} has the key \"{extension.Name}\", which is not an absolute IRI.";
            }
        }

        return null;
    }

    // The path of the first null value, outside extensions (whose values are the extension's own); null when none.
    private static string? NullAt(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return path.Length == 0 ? "the statement" : path;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (property.Name == "extensions" ? property.Value.ValueKind == JsonValueKind.Null : NullAt(property.Value, at) is not null)
                    {
                        return property.Name == "extensions" ? at : NullAt(property.Value, at);
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (NullAt(item, $"{path}[{i++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? IriProblem(JsonElement value, string path, ref XapiRejectionReason reason)
    {
        if (value.ValueKind == JsonValueKind.String && Iri.IsAbsolute(value.GetString()))
        {
            return null;
        }

        reason = XapiRejectionReason.InvalidIri;
        return $"{path} must be an absolute IRI such as 'http://adlnet.gov/expapi/verbs/completed'; got {value.GetRawText()}.";
    }

    // A language map (Data 4.2): an object whose keys are RFC 5646 language tags and whose values are strings.
    private static string? LanguageMapProblem(JsonElement owner, string name, string path, ref XapiRejectionReason reason)
    {
        if (Member(owner, name) is not { } map)
        {
            return null;
        }

        if (map.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in map.EnumerateObject())
            {
                if (!Iri.IsLanguageTag(entry.Name) || entry.Value.ValueKind != JsonValueKind.String)
                {
                    reason = XapiRejectionReason.InvalidLanguageMap;
                    return $"{path} must be a language map of RFC 5646 language tags to strings, such as {{\"en-US\": \"completed\"}}; its entry \"{entry.Name}\": {entry.Value.GetRawText()} is not.";
                }
            }

            return null;
        }

        reason = XapiRejectionReason.InvalidLanguageMap;
        return $"{path} must be a language map of RFC 5646 language tags to strings, such as {{\"en-US\": \"completed\"}}; got {map.GetRawText()}.";
    }

    // A CASE item URI of the framework among the context activities (or as the object itself, when the object is not a
    // catalog activity) names the competency.
    private CompetencyId? Competency(JsonElement statement, string? objectIri)
    {
        var framework = _catalog.Framework;
        if (objectIri is not null && Uri.TryCreate(objectIri, UriKind.Absolute, out var direct) && framework.TryFindByUri(direct, out var named))
        {
            return named.Id;
        }

        if (Member(statement, "context") is not { ValueKind: JsonValueKind.Object } context || Member(context, "contextActivities") is not { ValueKind: JsonValueKind.Object } activities)
        {
            return null;
        }

        foreach (var list in ContextLists)
        {
            if (Member(activities, list) is not { } value)
            {
                continue;
            }

            foreach (var entry in value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value])
            {
                if (Member(entry, "id") is { ValueKind: JsonValueKind.String } iri && Uri.TryCreate(iri.GetString(), UriKind.Absolute, out var uri)
                    && framework.TryFindByUri(uri, out var competency))
                {
                    return competency.Id;
                }
            }
        }

        return null;
    }

    // (raw − min) / (max − min) for min ≤ raw ≤ max and min < max. The span of two finite numbers can overflow (min
    // −1e308, max 1e308), which gave 0 for the midpoint and ∞/∞ = NaN at the top; half the span never does. Halving
    // leaves the ratio unchanged (exact for the large terms; what a tiny one loses is far below the ratio's precision).
    private static double Fraction(double raw, double min, double max)
    {
        var span = max - min;
        return double.IsFinite(span) ? (raw - min) / span : ((raw / 2) - (min / 2)) / ((max / 2) - (min / 2));
    }

    // xAPI 1.0.3, Data §2.4.5 and §2.4.5.1: the result's members the standard types, and a score whose present members
    // are finite numbers with scaled in [−1, 1], min < max and raw within them, whichever of them gives the outcome.
    private static string? ResultProblem(JsonElement result, out XapiRejectionReason reason)
    {
        reason = XapiRejectionReason.Malformed;
        if (result.ValueKind != JsonValueKind.Object)
        {
            return $"result must be an object; got {result.GetRawText()}.";
        }

        foreach (var (name, kinds, type) in ResultMembers)
        {
            if (Member(result, name) is { } value && Array.IndexOf(kinds, value.ValueKind) < 0)
            {
                return $"result.{name} must be {type}; got {value.GetRawText()}.";
            }
        }

        if (Member(result, "score") is not { } score)
        {
            return null;
        }

        if (score.ValueKind != JsonValueKind.Object)
        {
            return $"result.score must be an object; got {score.GetRawText()}.";
        }

        var values = new double?[4];
        for (var i = 0; i < ScoreMembers.Length; i++)
        {
            if (Member(score, ScoreMembers[i]) is not { } value)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                return $"result.score.{ScoreMembers[i]} must be a finite number; got {value.GetRawText()}.";
            }

            values[i] = number;
        }

        reason = XapiRejectionReason.ScoreOutOfRange;
        var (scaled, raw, min, max) = (values[0], values[1], values[2], values[3]);
        string F(double? x) => x!.Value.ToString("R", CultureInfo.InvariantCulture);
        return scaled is < -1 or > 1 ? $"result.score.scaled must be a number in [-1, 1]; got {F(scaled)}."
            : min is { } lo && max is { } hi && !(lo < hi) ? $"result.score.min {F(min)} must be below max {F(max)}."
            : raw < min ? $"result.score.raw {F(raw)} is below min {F(min)}."
            : raw > max ? $"result.score.raw {F(raw)} is above max {F(max)}."
            : null;
    }

    private static readonly (string Name, JsonValueKind[] Kinds, string Type)[] ResultMembers =
    [
        ("success", [JsonValueKind.True, JsonValueKind.False], "true or false"),
        ("completion", [JsonValueKind.True, JsonValueKind.False], "true or false"),
        ("response", [JsonValueKind.String], "a string"),
        ("duration", [JsonValueKind.String], "an ISO 8601 duration string"),
        ("extensions", [JsonValueKind.Object], "an object"),
    ];

    private static readonly string[] ScoreMembers = ["scaled", "raw", "min", "max"];

    private static EvidenceOutcome? Outcome(JsonElement? result, XapiVerbRule rule, out XapiRejectionReason reason, out string? message)
    {
        reason = XapiRejectionReason.NoOutcome;
        message = null;
        if (result is { } given && ResultProblem(given, out reason) is { } problem)
        {
            message = problem;
            return null;
        }

        reason = XapiRejectionReason.NoOutcome;
        if (result is { ValueKind: JsonValueKind.Object } r)
        {
            if (Member(r, "score") is { ValueKind: JsonValueKind.Object } score)
            {
                if (Member(score, "scaled") is { } scaled)
                {
                    if (scaled.ValueKind != JsonValueKind.Number || !scaled.TryGetDouble(out var s) || s is < -1 or > 1)
                    {
                        reason = XapiRejectionReason.ScoreOutOfRange;
                        message = $"result.score.scaled must be a number in [-1, 1]; got {scaled.GetRawText()}.";
                        return null;
                    }

                    return EvidenceOutcome.FromScore(Math.Max(0, s)); // negative: no credit
                }

                // Without min, raw is read against 0 (the usual floor of points) when it is not below it; a raw below 0
                // without min is valid xAPI (Data §2.4.5.1: raw is unrestricted where min is absent) but cannot be placed
                // on a scale, so success or the verb gives the outcome.
                if (Member(score, "raw") is { ValueKind: JsonValueKind.Number } raw && Member(score, "max") is { ValueKind: JsonValueKind.Number } max
                    && (Member(score, "min") is not null || raw.GetDouble() >= 0))
                {
                    var min = Member(score, "min") is { ValueKind: JsonValueKind.Number } low ? low.GetDouble() : 0;
                    var (x, hi) = (raw.GetDouble(), max.GetDouble());
                    if (!(hi > min) || x < min || x > hi || !double.IsFinite(x) || !double.IsFinite(hi) || !double.IsFinite(min))
                    {
                        reason = XapiRejectionReason.ScoreOutOfRange;
                        message = $"result.score.raw {raw.GetRawText()} must lie within min {min.ToString("R", CultureInfo.InvariantCulture)} and max {max.GetRawText()} (max above min).";
                        return null;
                    }

                    return EvidenceOutcome.FromScore(Fraction(x, min, hi));
                }
            }

            if (Member(r, "success") is { ValueKind: JsonValueKind.True or JsonValueKind.False } success)
            {
                return EvidenceOutcome.FromCorrect(success.GetBoolean());
            }
        }

        if (rule.WithoutResult is { } fallback)
        {
            return fallback;
        }

        message = "The statement's result has no score or success, and its verb needs one.";
        return null;
    }
}

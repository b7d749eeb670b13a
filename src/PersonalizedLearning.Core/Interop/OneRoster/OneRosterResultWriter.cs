using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Hierarchy;

namespace PersonalizedLearning.Interop.OneRoster;

/// <summary>Where a learner's mastery goes in a OneRoster 1.2 gradebook, and which learning objectives it covers.</summary>
/// <param name="ResultSourcedId">The result's sourcedId.</param>
/// <param name="LineItemSourcedId">The line item (the assessed activity or mastery column) it belongs to.</param>
/// <param name="StudentSourcedId">The student's sourcedId in the roster.</param>
/// <param name="LearningObjectiveId">The learningObjectiveId of a competency; its id when null. For a framework read from
/// CASE, <see cref="CaseItemIdentifiers"/> gives each competency's CFItem identifier, which OneRoster's <c>case</c> source
/// expects (a competency's id is the CFItem's only when the package carried no id of its own for it).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed partial record OneRosterResultTarget(string ResultSourcedId, string LineItemSourcedId, string StudentSourcedId, Func<Competency, string>? LearningObjectiveId = null)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The competencies (learning objectives) the line item covers: the result's score is over them, and each gets
    /// one learningObjectiveResult.</summary>
    /// <value>Every competency of the framework without children (what activities teach and evidence reaches; a parent's
    /// standing comes from its children), in declaration order, when empty (the default).</value>
    public ImmutableArray<CompetencyId> LearningObjectives { get; init; } = [];

    /// <summary>The OneRoster server's root, such as <c>https://sis.example.org/</c>: the GUIDRefs' <c>href</c>s are the
    /// referenced objects' endpoints under it in the 1.2 REST binding, <c>ims/oneroster/gradebook/v1p2/lineItems/{id}</c>,
    /// <c>ims/oneroster/rostering/v1p2/users/{id}</c> and <c>ims/oneroster/rostering/v1p2/classes/{id}</c>.</summary>
    /// <value>Null for the endpoints' absolute paths alone (<c>/ims/oneroster/…</c>), which OneRoster's JSON schema, asking
    /// for a URI, does not accept; give the root when the result goes to a service that validates.</value>
    public Uri? ServiceRootUri { get; init; }

    /// <summary>The class's sourcedId, written as the result's <c>class</c> GUIDRef when given.</summary>
    public string? ClassSourcedId { get; init; }

    /// <summary>The learningObjectiveSet's source: <c>case</c> (the ids are CASE CFItem identifiers, which OneRoster
    /// requires to be UUIDs), <c>unknown</c>, or a custom <c>/name</c> of lowercase letters and digits other than
    /// <c>/case</c> and <c>/unknown</c> (OneRoster 1.2's vocabulary).</summary>
    /// <value>Null (the default) for <c>case</c> when every learningObjectiveId written is a UUID, else <c>unknown</c>.</value>
    public string? LearningObjectiveSource { get; init; }

    /// <summary>How a covered objective that has children takes its standing from them: the parent is mastered when the
    /// rollup finds it <see cref="HierarchyStatus.Demonstrated"/>, graded when it is more than
    /// <see cref="HierarchyStatus.NotAttempted"/>, and its textScore is the rollup's status.</summary>
    /// <value>Null (the default): a parent with evidence of its own is assessed on it like any competency; one without
    /// takes its standing from its children by the framework's default rule (every child at least Proficient,
    /// <see cref="HierarchyRollup"/> without rules), so that it never reads NotStarted while its children are mastered.
    /// Given, every covered parent takes its standing from this rollup.</value>
    public HierarchyRollup? Hierarchy { get; init; }

    /// <summary>A <see cref="LearningObjectiveId"/> that gives each competency of a framework read from CASE its CFItem
    /// identifier (a UUID), so that the result's learningObjectiveSet has source <c>case</c>.</summary>
    /// <param name="framework">The framework as read by <see cref="Interop.Case.CasePackageReader"/>.</param>
    /// <returns>The mapping; it throws <see cref="UnknownCompetencyException"/> for a competency the package does not hold
    /// (which <see cref="OneRosterResultWriter.Write"/> reports as an <see cref="ArgumentException"/> with it inside, as
    /// every failure of a target's mapping).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    public static Func<Competency, string> CaseItemIdentifiers(Interop.Case.CaseFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var identifiers = framework.Items.ToDictionary(i => i.Competency, i => i.Identifier);
        return competency => identifiers.TryGetValue(competency.Id, out var identifier)
            ? identifier
            : throw new UnknownCompetencyException(competency.Id, $"Competency '{competency.Id}' is not an item of CASE package '{framework.Document.Title}'.", nameof(competency));
    }

    [GeneratedRegex(@"\A(case|unknown|/(?!case\z)(?!unknown\z)[a-z0-9]+)\z", RegexOptions.CultureInvariant)]
    internal static partial Regex SourcePattern();
}

/// <summary>
/// Writes a learner's mastery of the learning objectives a OneRoster 1.2 line item covers as a gradebook result
/// (OneRoster 1.2 Gradebook Service, <c>ResultDType</c>; checked against 1EdTech's OpenAPI 3 schema for it).
/// </summary>
/// <remarks>
/// <para>The result's <c>score</c> is the share of the covered objectives that are mastered (1 of 10 mastered is 0.1,
/// whatever the other nine show), in [0, 1], and its <c>textScore</c> says so ("1 of 10 mastered"). Its
/// <c>scoreStatus</c> says how much of that is graded: <c>fully graded</c> when every covered objective has evidence,
/// <c>partially graded</c> when some have none, <c>not submitted</c> (and no score) when none has. The
/// <c>learningObjectiveSet</c> holds one learningObjectiveResult per covered objective: its id, the estimate as
/// <c>score</c> when there is one, and the mastery level as <c>textScore</c> (<c>NotStarted</c> without evidence); a
/// parent objective without evidence of its own, or every parent when <see cref="OneRosterResultTarget.Hierarchy"/> is
/// given, takes its standing from its children (the rollup's status as textScore, and no score of its own).
/// <c>dateLastModified</c> is the snapshot's moment; <c>scoreDate</c> its UTC date (a date in OneRoster 1.2).</para>
/// <para>Thread-safe.</para>
/// </remarks>
public static class OneRosterResultWriter
{
    /// <summary>Writes the result.</summary>
    /// <param name="mastery">The learner's mastery.</param>
    /// <param name="target">The result, line item and student ids, and the objectives covered.</param>
    /// <param name="indented">Whether to indent the JSON.</param>
    /// <returns>A OneRoster <c>{"result": …}</c> object, as JSON.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownCompetencyException">A covered objective is not in the framework.</exception>
    /// <exception cref="ArgumentException">An id of the target is blank (the message names it), a covered objective is
    /// listed twice, two objectives map to one
    /// learningObjectiveId, the hierarchy is over another framework, the class id is blank, the source is not in
    /// OneRoster's vocabulary, or the base URI is relative.</exception>
    public static string Write(MasterySnapshot mastery, OneRosterResultTarget target, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(mastery);
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (value, name) in new[] { (target.ResultSourcedId, nameof(target.ResultSourcedId)), (target.LineItemSourcedId, nameof(target.LineItemSourcedId)), (target.StudentSourcedId, nameof(target.StudentSourcedId)) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"The target's {name} is {(value is null ? "null" : "blank")}; OneRoster needs a sourcedId there.", nameof(target));
            }
        }

        if (target.Hierarchy is { } hierarchy && !hierarchy.Framework.Equals(mastery.Framework))
        {
            throw new ArgumentException($"The target's hierarchy rollup is over framework '{hierarchy.Framework.Title}', not the snapshot's '{mastery.Framework.Title}'.", nameof(target));
        }
        if (target.ClassSourcedId is { } classId && string.IsNullOrWhiteSpace(classId))
        {
            throw new ArgumentException("The class sourcedId is blank; leave it null to write no class.", nameof(target));
        }

        if (target.LearningObjectiveSource is { } source && !OneRosterResultTarget.SourcePattern().IsMatch(source))
        {
            throw new ArgumentException($"The learning objective source must be 'case', 'unknown' or '/name' (lowercase letters and digits, not /case or /unknown); got '{source}'.", nameof(target));
        }

        if (target.ServiceRootUri is { } root && (!root.IsAbsoluteUri || root.Query.Length > 0 || root.Fragment.Length > 0))
        {
            throw new ArgumentException($"The service root URI must be absolute, without a query or fragment; got '{root}'.", nameof(target));
        }

        var covered = Covered(mastery.Framework, target);
        var ids = covered.Select(c =>
        {
            var competency = mastery.Framework.GetCompetency(c);
            string? id;
            try
            {
                id = target.LearningObjectiveId is { } map ? map(competency) : competency.Id.Value;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The target's LearningObjectiveId failed for competency '{c}': {e.Message}", nameof(target), e);
            }

            return id is null ? throw new ArgumentException($"The learningObjectiveId of competency '{c}' is null: the target's LearningObjectiveId gave none (a lookup that missed?).", nameof(target))
                : string.IsNullOrWhiteSpace(id) ? throw new ArgumentException($"The learningObjectiveId of competency '{c}' is blank.", nameof(target))
                : id;
        }).ToList();

        // One objective, one id: a UUID (a CASE identifier) compared as a UUID, whatever its case.
        var owners = new Dictionary<string, CompetencyId>(StringComparer.Ordinal);
        for (var k = 0; k < ids.Count; k++)
        {
            var key = Guid.TryParseExact(ids[k], "D", out var uuid) ? uuid.ToString("D") : ids[k];
            if (!owners.TryAdd(key, covered[k]))
            {
                throw new ArgumentException($"Competencies '{owners[key]}' and '{covered[k]}' map to the same learningObjectiveId '{ids[k]}'; each objective needs its own.", nameof(target));
            }
        }

        var objectiveSource = target.LearningObjectiveSource ?? (ids.TrueForAll(id => Guid.TryParseExact(id, "D", out _)) ? "case" : "unknown");
        if (objectiveSource == "case" && ids.Find(id => !Guid.TryParseExact(id, "D", out _)) is { } notUuid)
        {
            throw new ArgumentException($"With source 'case' every learningObjectiveId must be a CASE identifier (a UUID); '{notUuid}' is not. Map competencies to their CFItem identifiers, or use source 'unknown'.", nameof(target));
        }

        // Each objective's standing: its own level, or for a parent the hierarchy's status over its children (the target's
        // rollup, else the default rule for a parent without evidence of its own).
        HierarchyRollupResult? rollup = null;
        var standings = covered.Select(c =>
        {
            var assessment = mastery.Get(c);
            if (mastery.Framework.GetChildren(c).IsEmpty || (target.Hierarchy is null && assessment.EvidenceCount > 0))
            {
                return (Assessment: assessment, Graded: assessment.EvidenceCount > 0, Mastered: assessment.Level == MasteryLevel.Mastered, Text: assessment.Level.ToString(), Score: true);
            }

            rollup ??= (target.Hierarchy ?? new HierarchyRollup(mastery.Framework)).Evaluate(mastery.GetAll().Select(a => KeyValuePair.Create(a.Competency, a.Level)));
            var status = rollup[c];
            // The standing is the rollup's: the parent's own estimate, if it has one, would contradict it, so it is left out.
            return (Assessment: assessment, Graded: status != HierarchyStatus.NotAttempted, Mastered: status == HierarchyStatus.Demonstrated, Text: status.ToString(), Score: false);
        }).ToList();
        var graded = standings.Count(s => s.Graded);
        var mastered = standings.Count(s => s.Mastered);
        var status = graded == 0 ? "not submitted" : graded < covered.Count ? "partially graded" : "fully graded";
        var when = mastery.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return InteropJson.Write(indented, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("result");
            writer.WriteString("sourcedId", target.ResultSourcedId);
            writer.WriteString("status", "active");
            writer.WriteString("dateLastModified", when);
            Reference(writer, target.ServiceRootUri, "lineItem", target.LineItemSourcedId, "lineItem", "gradebook/v1p2/lineItems");
            Reference(writer, target.ServiceRootUri, "student", target.StudentSourcedId, "user", "rostering/v1p2/users");
            if (target.ClassSourcedId is { } classSourcedId)
            {
                Reference(writer, target.ServiceRootUri, "class", classSourcedId, "class", "rostering/v1p2/classes");
            }

            writer.WriteString("scoreStatus", status);
            if (graded > 0)
            {
                writer.WriteNumber("score", Math.Round((double)mastered / covered.Count, 6));
                writer.WriteString("textScore", string.Create(CultureInfo.InvariantCulture, $"{mastered} of {covered.Count} mastered"));
            }

            writer.WriteString("scoreDate", mastery.AsOf.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteStartArray("learningObjectiveSet");
            writer.WriteStartObject();
            writer.WriteString("source", objectiveSource);
            writer.WriteStartArray("learningObjectiveResults");
            for (var k = 0; k < standings.Count; k++)
            {
                var (assessment, _, _, text, score) = standings[k];
                writer.WriteStartObject();
                writer.WriteString("learningObjectiveId", ids[k]);
                if (score && assessment.Estimate is { } estimate)
                {
                    writer.WriteNumber("score", Math.Round(estimate, 6));
                }

                writer.WriteString("textScore", text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static List<CompetencyId> Covered(CompetencyFramework framework, OneRosterResultTarget target)
    {
        if (target.LearningObjectives.IsDefaultOrEmpty)
        {
            return [.. framework.Competencies.Select(c => c.Id).Where(id => framework.GetChildren(id).IsEmpty)];
        }

        var seen = new HashSet<CompetencyId>();
        foreach (var objective in target.LearningObjectives)
        {
            if (!framework.Contains(objective))
            {
                throw new UnknownCompetencyException(objective, $"Learning objective '{objective}' is not a competency of framework '{framework.Title}'.", nameof(target));
            }

            if (!seen.Add(objective))
            {
                throw new ArgumentException($"Learning objective '{objective}' is listed twice.", nameof(target));
            }
        }

        return [.. target.LearningObjectives];
    }

    private static void Reference(Utf8JsonWriter writer, Uri? root, string name, string sourcedId, string type, string collection)
    {
        // Escaped so that no id becomes a dot segment ('.', '..') or leaves its path segment; joined, not resolved, so
        // the root's own path is kept.
        var escaped = Uri.EscapeDataString(sourcedId);
        escaped = escaped is "." ? "%2E" : escaped is ".." ? "%2E%2E" : escaped;
        var path = $"ims/oneroster/{collection}/{escaped}";
        var start = root is null ? "/" : root.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        writer.WriteStartObject(name);
        writer.WriteString("href", start + path);
        writer.WriteString("sourcedId", sourcedId);
        writer.WriteString("type", type);
        writer.WriteEndObject();
    }
}

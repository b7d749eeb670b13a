using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Serialization;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>What a mutation is expected to do to a valid document.</summary>
internal enum Expect
{
    /// <summary>The document stays valid: it must import cleanly.</summary>
    Valid,

    /// <summary>It may or may not stay valid (a swapped link may close a cycle): either is right.</summary>
    Either,

    /// <summary>It breaks a rule the reader checks: the import must report it.</summary>
    Invalid,
}

/// <summary>Shared pieces of the JSON-tree mutators: random choice, fresh identifiers, tallies.</summary>
internal static class Fuzzing
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> list) => list[random.Next(list.Count)];

    public static string Uuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)(0x40 | (bytes[7] & 0x0F)); // version 4 (Guid's byte order puts the version in byte 7)
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    public static void Shuffle(Random random, JsonArray array)
    {
        var nodes = array.Select(n => n?.DeepClone()).ToList();
        array.Clear();
        foreach (var node in nodes.OrderBy(_ => random.Next()))
        {
            array.Add(node);
        }
    }

    public static void Count(this Dictionary<string, int> tally, string key, int by = 1) => tally[key] = tally.GetValueOrDefault(key) + by;

    public static string Describe(Dictionary<string, int> tally) =>
        string.Join(", ", tally.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    public static string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>The figures of one fuzz run over one source of valid documents.</summary>
    internal sealed class Tally(string source)
    {
        public string Source { get; } = source;

        public int Seeds { get; set; }

        public int Inputs { get; set; }

        public int Imported { get; set; } // cleanly (AllOrNothing for CASE; no statement rejected for xAPI)

        public int Partial { get; set; } // something imported, with problems

        public int RoundTrips { get; set; }

        public Dictionary<string, int> Problems { get; } = [];

        public Dictionary<string, int> Mutations { get; } = [];

        public Dictionary<string, int> Exceptions { get; } = [];

        public List<string> Failures { get; } = [];

        public Dictionary<string, int> Expected { get; } = []; // inputs by what their mutations should do

        public void Fail(string what)
        {
            if (Failures.Count < 20)
            {
                Failures.Add(what);
            }
        }

        public void Report(ITestOutputHelper output)
        {
            output.WriteLine($"{Source}: {Seeds} valid seeds, {Inputs} mutated inputs; imported cleanly {Imported} ({Percent(Imported, Inputs)}), partly {Partial}; round trips run {RoundTrips}");
            output.WriteLine($"  inputs by what their mutations should do (each checked): {Describe(Expected)}");
            output.WriteLine($"  problems by kind: {Describe(Problems)}");
            output.WriteLine($"  mutations applied: {Describe(Mutations)}");
            if (Exceptions.Count > 0)
            {
                output.WriteLine($"  exceptions: {Describe(Exceptions)}");
            }

            Failures.ForEach(f => output.WriteLine("  FAILED " + f));
        }
    }
}

/// <summary>
/// Structure-aware mutations of a valid CASE package (a <see cref="JsonObject"/> with CFDocument, CFItems and
/// CFAssociations): each is one a producer or an editor could make, and says whether the package stays valid
/// (<see cref="Expect"/>), so that the fuzz checks the reader's verdict as well as its robustness.
/// </summary>
internal sealed class CasePackageMutator(Random random)
{
    private static readonly string[] AssociationTypes =
        ["isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy", "exemplar", "hasSkillLevel", "isTranslationOf"];

    private static readonly HashSet<string> DocumentRequired = ["identifier", "uri", "creator", "title", "lastChangeDateTime"];
    private static readonly HashSet<string> ItemRequired = ["identifier", "uri", "fullStatement", "lastChangeDateTime"];
    private static readonly HashSet<string> AssociationRequired = ["identifier", "uri", "associationType", "originNodeURI", "destinationNodeURI", "lastChangeDateTime"];

    private int _own;

    /// <summary>The mutations by name, with what each is expected to do.</summary>
    private (string Name, Expect Expect, Func<JsonObject, bool> Apply)[] All => [
        ("drop an optional member", Expect.Valid, DropOptional),
        ("null an optional member", Expect.Valid, NullOptional),
        ("add an unknown member", Expect.Valid, AddUnknown),
        ("reorder items", Expect.Valid, p => Reorder(p, "CFItems")),
        ("reorder associations", Expect.Valid, p => Reorder(p, "CFAssociations")),
        ("remove an item", Expect.Valid, RemoveItem),
        ("remove an association", Expect.Valid, p => Remove(p, "CFAssociations")),
        ("copy an item under new identifiers", Expect.Valid, CopyItemFresh),
        ("copy an association under a new identifier", Expect.Valid, CopyAssociationFresh),
        ("sequence number in range", Expect.Valid, SequenceInRange),
        ("rename an item (and its links)", Expect.Valid, RenameItem),
        ("identifier in upper case", Expect.Valid, UpperCaseIdentifier),
        ("another absolute URI", Expect.Valid, AnotherUri),
        ("another date-time form", Expect.Valid, AnotherDate),
        ("another statement text", Expect.Valid, AnotherStatement),
        ("own id extension", Expect.Valid, OwnId),
        ("another association type", Expect.Either, AnotherType),
        ("another item's value", Expect.Either, OtherItemsValue),
        ("swap origin and destination", Expect.Either, Swap),
        ("link another item", Expect.Either, Rewire),
        ("drop a required member", Expect.Invalid, DropRequired),
        ("identifier not a UUID", Expect.Invalid, NotUuid),
        ("relative URI", Expect.Invalid, RelativeUri),
        ("blank statement", Expect.Invalid, BlankStatement),
        ("impossible date", Expect.Invalid, ImpossibleDate),
        ("sequence number not whole", Expect.Invalid, SequenceNotWhole),
        ("copy an item as it is", Expect.Invalid, CopyItemSame),
        ("own id not an id", Expect.Invalid, BadOwnId),
    ];

    /// <summary>Applies one to three mutations, those that break a rule last (so that nothing mends them), and says
    /// what is expected of the result: <see cref="Expect.Invalid"/> when one broke a rule, <see cref="Expect.Valid"/>
    /// when all keep the package valid.</summary>
    public Expect Mutate(JsonObject package, List<string> applied)
    {
        var all = All;
        var chosen = new List<(string Name, Expect Expect, Func<JsonObject, bool> Apply)>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            // About 70 % keep the package valid, 17 % may or may not, 13 % break a rule.
            var roll = random.Next(100);
            var kind = roll < 70 ? Expect.Valid : roll < 87 ? Expect.Either : Expect.Invalid;
            chosen.Add(random.Pick(all.Where(m => m.Expect == kind).ToList()));
        }

        var expect = Expect.Valid;
        foreach (var mutation in chosen.OrderBy(m => m.Expect == Expect.Invalid))
        {
            if (mutation.Apply(package))
            {
                applied.Add(mutation.Name);
                expect = (Expect)Math.Max((int)expect, (int)mutation.Expect);
            }
        }

        return expect;
    }

    private static List<JsonObject> Objects(JsonObject package, string name) =>
        package[name] is JsonArray array ? [.. array.OfType<JsonObject>()] : [];

    // One of the package's items or associations at random, or null (drawing nothing) when it has none.
    private JsonObject? PickOne(JsonObject package, string name) => Objects(package, name) is { Count: > 0 } all ? random.Pick(all) : null;

    // The extensions of a random item, made when missing, or null when the package has no items.
    private JsonObject? ItemExtensions(JsonObject package)
    {
        if (PickOne(package, "CFItems") is not { } item)
        {
            return null;
        }

        if (item["extensions"] is not JsonObject extensions)
        {
            item["extensions"] = extensions = [];
        }

        return extensions;
    }

    // The document, an item or an association, with the members it must have.
    private (JsonObject Node, HashSet<string> Required)? Any(JsonObject package)
    {
        var candidates = new List<(JsonObject, HashSet<string>)>();
        if (package["CFDocument"] is JsonObject document)
        {
            candidates.Add((document, DocumentRequired));
        }

        candidates.AddRange(Objects(package, "CFItems").Select(i => (i, ItemRequired)));
        candidates.AddRange(Objects(package, "CFAssociations").Select(a => (a, AssociationRequired)));
        return candidates.Count == 0 ? null : random.Pick(candidates);
    }

    private bool DropOptional(JsonObject package)
    {
        if (Any(package) is not var (node, required))
        {
            return false;
        }

        var optional = node.Select(p => p.Key).Where(k => !required.Contains(k)).ToList();
        return optional.Count > 0 && node.Remove(random.Pick(optional));
    }

    private bool NullOptional(JsonObject package)
    {
        if (Any(package) is not var (node, required))
        {
            return false;
        }

        // (A null member is an absent one: CASE's JSON binding has no null; inside extensions it is kept.)
        var optional = node.Select(p => p.Key).Where(k => !required.Contains(k) && k != "extensions").ToList();
        if (optional.Count == 0)
        {
            return false;
        }

        node[random.Pick(optional)] = null;
        return true;
    }

    private bool AddUnknown(JsonObject package)
    {
        if (Any(package) is not var (node, _))
        {
            return false;
        }

        node["fuzzNote" + random.Next(3).ToString(CultureInfo.InvariantCulture)] = random.Next(3) switch
        {
            0 => "a note \"quoted\" ü 𝔸",
            1 => new JsonArray(1, "two", new JsonObject { ["three"] = 3.5 }),
            _ => new JsonObject { ["nested"] = new JsonObject { ["deep"] = true } },
        };
        return true;
    }

    private bool Reorder(JsonObject package, string name)
    {
        if (package[name] is not JsonArray { Count: > 1 } array)
        {
            return false;
        }

        Fuzzing.Shuffle(random, array);
        return true;
    }

    private bool Remove(JsonObject package, string name)
    {
        if (package[name] is not JsonArray { Count: > 0 } array)
        {
            return false;
        }

        array.RemoveAt(random.Next(array.Count));
        return true;
    }

    // An item's links become links to a node outside the package, which CASE allows.
    private bool RemoveItem(JsonObject package) => package["CFItems"] is JsonArray { Count: > 1 } && Remove(package, "CFItems");

    private bool CopyItemFresh(JsonObject package)
    {
        var items = Objects(package, "CFItems");
        if (items.Count == 0)
        {
            return false;
        }

        var copy = random.Pick(items).DeepClone().AsObject();
        var identifier = Fuzzing.Uuid(random);
        copy["identifier"] = identifier;
        copy["uri"] = $"https://fuzz.example.org/items/{identifier}";
        if (copy["extensions"] is JsonObject extensions)
        {
            extensions.Remove("personalizedLearningId"); // a copy is another competency: its id is its identifier
        }

        copy.Remove("CFItemURI"); // (CASE 1.0's link to the item itself: the copy's would be another's)
        ((JsonArray)package["CFItems"]!).Insert(random.Next(items.Count + 1), copy);
        return true;
    }

    private bool CopyItemSame(JsonObject package)
    {
        if (PickOne(package, "CFItems") is not { } item)
        {
            return false;
        }

        ((JsonArray)package["CFItems"]!).Add(item.DeepClone());
        return true;
    }

    private bool CopyAssociationFresh(JsonObject package)
    {
        var associations = Objects(package, "CFAssociations");
        if (associations.Count == 0)
        {
            return false;
        }

        // Another association of the same type between the same nodes, under its own identifier: CASE allows it.
        var copy = random.Pick(associations).DeepClone().AsObject();
        var identifier = Fuzzing.Uuid(random);
        copy["identifier"] = identifier;
        copy["uri"] = $"https://fuzz.example.org/associations/{identifier}";
        ((JsonArray)package["CFAssociations"]!).Insert(random.Next(associations.Count + 1), copy);
        return true;
    }

    private bool SequenceInRange(JsonObject package)
    {
        var associations = Objects(package, "CFAssociations");
        if (associations.Count == 0)
        {
            return false;
        }

        var n = random.Next(-5, 1000);
        random.Pick(associations)["sequenceNumber"] = random.Next(4) switch
        {
            0 => JsonValue.Create(n.ToString(CultureInfo.InvariantCulture).TrimStart('-')), // OpenSALT's string of digits
            1 => JsonValue.Create((double)n), // 2.0 is a whole number
            2 => JsonValue.Create(random.Next(2) == 0 ? int.MaxValue : int.MinValue),
            _ => JsonValue.Create(n),
        };
        return true;
    }

    private bool SequenceNotWhole(JsonObject package)
    {
        if (PickOne(package, "CFAssociations") is not { } association)
        {
            return false;
        }

        association["sequenceNumber"] = random.Next(4) switch
        {
            0 => JsonValue.Create(1.5),
            1 => JsonValue.Create(3e10),
            2 => JsonValue.Create("12a"),
            _ => JsonValue.Create(true),
        };
        return true;
    }

    private static IEnumerable<JsonObject> Links(JsonObject package) =>
        Objects(package, "CFAssociations").SelectMany(a => new[] { a["originNodeURI"], a["destinationNodeURI"] }).OfType<JsonObject>();

    private bool RenameItem(JsonObject package)
    {
        if (PickOne(package, "CFItems") is not { } item || item["identifier"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return false;
        }

        var old = item["identifier"]!.GetValue<string>();
        var identifier = Fuzzing.Uuid(random);
        item["identifier"] = identifier;
        foreach (var link in Links(package).Where(l => l["identifier"] is JsonValue v && string.Equals(v.ToString(), old, StringComparison.OrdinalIgnoreCase)))
        {
            link["identifier"] = identifier;
        }

        return true;
    }

    private bool UpperCaseIdentifier(JsonObject package)
    {
        if (PickOne(package, "CFItems") is not { } item || item["identifier"] is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return false;
        }

        item["identifier"] = value.GetValue<string>().ToUpperInvariant(); // UUIDs ignore case (RFC 4122 §3)
        return true;
    }

    private bool AnotherUri(JsonObject package)
    {
        var items = Objects(package, "CFItems");
        if (items.Count == 0)
        {
            return false;
        }

        // Links name an item by identifier first, so they still find it.
        var identifier = Fuzzing.Uuid(random);
        random.Pick(items)["uri"] = random.Next(3) switch
        {
            0 => $"urn:uuid:{identifier}",
            1 => $"https://fuzz.example.org/a%20b/{identifier}?q=1#frag",
            _ => $"http://fuzz.example.org/{identifier}",
        };
        return true;
    }

    private static readonly string[] ValidDates =
        ["2024-02-29T23:59:59Z", "2024-02-29T23:59:59.123+05:30", "2020-01-01T00:00:00", "2020-01-01T00:00:00-08:00", "1999-12-31T23:59:59.5Z"];

    private bool AnotherDate(JsonObject package)
    {
        if (Any(package) is not var (node, _))
        {
            return false;
        }

        node["lastChangeDateTime"] = random.Pick(ValidDates);
        return true;
    }

    private bool ImpossibleDate(JsonObject package)
    {
        if (Any(package) is not var (node, _))
        {
            return false;
        }

        node["lastChangeDateTime"] = random.Pick(["2024-02-30T00:00:00Z", "yesterday", "2024-13-01T00:00:00Z", "", "2024-01-01T25:00:00Z"]);
        return true;
    }

    private bool AnotherStatement(JsonObject package)
    {
        if (PickOne(package, "CFItems") is not { } item)
        {
            return false;
        }

        item["fullStatement"] = random.Pick(["Résoudre « x² = 4 »", "Line one\nline two", "\"Quoted\" and \\ escaped", "𝔸 outside the BMP", "  padded  "]);
        return true;
    }

    private bool BlankStatement(JsonObject package)
    {
        if (PickOne(package, "CFItems") is not { } item)
        {
            return false;
        }

        item["fullStatement"] = random.Pick(["", "   ", "\t\n"]);
        return true;
    }

    private bool OwnId(JsonObject package)
    {
        if (ItemExtensions(package) is not { } extensions)
        {
            return false;
        }

        extensions["personalizedLearningId"] = $"fuzz.own-{++_own}";
        return true;
    }

    private bool BadOwnId(JsonObject package)
    {
        if (ItemExtensions(package) is not { } extensions)
        {
            return false;
        }

        extensions["personalizedLearningId"] = random.Next(3) switch { 0 => JsonValue.Create(""), 1 => JsonValue.Create(42), _ => JsonValue.Create(" spaced ") };
        return true;
    }

    private bool AnotherType(JsonObject package)
    {
        if (PickOne(package, "CFAssociations") is not { } association)
        {
            return false;
        }

        association["associationType"] = random.Pick(AssociationTypes);
        return true;
    }

    private bool OtherItemsValue(JsonObject package)
    {
        var items = Objects(package, "CFItems");
        if (items.Count < 2)
        {
            return false;
        }

        var (to, from) = (random.Pick(items), random.Pick(items));
        var member = random.Pick(["fullStatement", "humanCodingScheme", "CFItemType", "abbreviatedStatement", "educationLevel", "uri", "identifier", "lastChangeDateTime"]);
        if (from[member] is not { } value)
        {
            return false;
        }

        to[member] = value.DeepClone();
        return true;
    }

    private bool Swap(JsonObject package)
    {
        if (PickOne(package, "CFAssociations") is not { } association)
        {
            return false;
        }

        (association["originNodeURI"], association["destinationNodeURI"]) = (association["destinationNodeURI"]?.DeepClone(), association["originNodeURI"]?.DeepClone());
        return true;
    }

    private bool Rewire(JsonObject package)
    {
        var (associations, items) = (Objects(package, "CFAssociations"), Objects(package, "CFItems"));
        if (associations.Count == 0 || items.Count == 0)
        {
            return false;
        }

        var item = random.Pick(items);
        random.Pick(associations)[random.Next(2) == 0 ? "originNodeURI" : "destinationNodeURI"] = new JsonObject
        {
            ["identifier"] = item["identifier"]?.DeepClone(),
            ["uri"] = item["uri"]?.DeepClone(),
            ["title"] = item["fullStatement"]?.DeepClone(),
        };
        return true;
    }

    private bool DropRequired(JsonObject package)
    {
        if (Any(package) is not var (node, required))
        {
            return false;
        }

        var present = node.Select(p => p.Key).Where(required.Contains).ToList();
        return present.Count > 0 && node.Remove(random.Pick(present));
    }

    private bool NotUuid(JsonObject package)
    {
        if (Any(package) is not var (node, _))
        {
            return false;
        }

        node["identifier"] = random.Pick(["not-a-uuid", "a0000000-0000-4000-8000-00000000000", "{a0000000-0000-4000-8000-000000000001}", "a0000000000040008000000000000001"]);
        return true;
    }

    private bool RelativeUri(JsonObject package)
    {
        if (Any(package) is not var (node, _))
        {
            return false;
        }

        node["uri"] = random.Pick(["/items/1", "items/1", "not a uri", "//host/path"]);
        return true;
    }
}

/// <summary>
/// Structure-aware mutations of a valid xAPI statement batch: each is one an LRS or a producer could make, and says
/// whether the statement stays valid evidence (<see cref="Expect"/>); a statement a mutation breaks is remembered, with
/// the reason the mapper must give.
/// </summary>
internal sealed class XapiBatchMutator(Random random, IReadOnlyList<string> activityIris, IReadOnlyList<string> caseItemUris)
{
    private const string Verbs = XapiMappingOptions.AdlVerbs;

    private (string Name, Expect Expect, XapiRejectionReason? Reason, Func<JsonArray, JsonObject?> Apply)[] All => [
        ("drop an optional member", Expect.Valid, null, DropOptional),
        ("add an unknown member", Expect.Valid, null, AddUnknown),
        ("reorder statements", Expect.Valid, null, Reorder),
        ("remove a statement", Expect.Valid, null, RemoveStatement),
        ("copy a statement under a new id", Expect.Valid, null, CopyFresh),
        ("new id", Expect.Valid, null, s => Each(s, x => x["id"] = Fuzzing.Uuid(random))),
        ("id in upper case", Expect.Valid, null, s => Each(s, x => x["id"] = x["id"]?.GetValue<string>().ToUpperInvariant())),
        ("another score in range", Expect.Valid, null, s => Each(s, ScoreInRange)),
        ("another duration form", Expect.Valid, null, s => Each(s, AnotherDuration)),
        ("another timestamp form", Expect.Valid, null, s => Each(s, x => x["timestamp"] = random.Pick(["2026-03-01T10:00:00+05:30", "2026-03-01T10:00:00.1234567Z", "2026-03-01T10:00:00-08:00", "2026-03-01T10:00Z"]))),
        ("another statement's actor", Expect.Valid, null, OtherActor),
        ("another actor form", Expect.Valid, null, s => Each(s, x => x["actor"] = Actor(random))),
        ("a verb that needs no result", Expect.Valid, null, s => Each(s, x => x["verb"] = Verb(random.Pick(["passed", "failed", "mastered"])))),
        ("another catalog activity", Expect.Valid, null, s => Each(s, x => x["object"] = new JsonObject { ["objectType"] = "Activity", ["id"] = random.Pick(activityIris) })),
        ("another display language", Expect.Valid, null, s => Each(s, x => (x["verb"] as JsonObject)?.Add("display", new JsonObject { ["en-GB"] = "did", ["fr-CA"] = "a fait", ["zh-Hans-CN"] = "做" }), replace: true)),
        ("void another statement", Expect.Valid, null, VoidAnother),
        ("another verb", Expect.Either, null, s => Each(s, x => x["verb"] = Verb(random.Pick(["answered", "scored", "completed", "experienced", "attempted"])))),
        ("drop the context", Expect.Either, null, s => Each(s, x => x.Remove("context"))),
        ("id not a UUID", Expect.Invalid, XapiRejectionReason.MissingId, s => Each(s, x => x["id"] = random.Pick(["statement-1", "12345678123456781234567812345678", "{12345678-1234-5678-1234-567812345678}"]))),
        ("drop the actor", Expect.Invalid, XapiRejectionReason.MissingActor, s => Each(s, x => x.Remove("actor"))),
        ("mbox not a mailto: IRI", Expect.Invalid, XapiRejectionReason.InvalidActor, s => Each(s, x => x["actor"] = new JsonObject { ["mbox"] = "learner@example.org" })),
        ("two identifiers", Expect.Invalid, XapiRejectionReason.InvalidActor, s => Each(s, x => x["actor"] = new JsonObject { ["mbox"] = "mailto:a@example.org", ["openid"] = "https://openid.example.org/a" })),
        ("scaled score outside [-1, 1]", Expect.Invalid, XapiRejectionReason.ScoreOutOfRange, s => Each(s, x => x["result"] = new JsonObject { ["score"] = new JsonObject { ["scaled"] = random.Pick([1.5, -1.01, 100.0]) } })),
        ("raw score outside [min, max]", Expect.Invalid, XapiRejectionReason.ScoreOutOfRange, s => Each(s, x => x["result"] = new JsonObject { ["score"] = new JsonObject { ["raw"] = 11, ["min"] = 0, ["max"] = 10 } })),
        ("duration not ISO 8601", Expect.Invalid, XapiRejectionReason.InvalidDuration, s => Each(s, x => x["result"] = new JsonObject { ["success"] = true, ["duration"] = random.Pick(["12 minutes", "P", "PT", "1H"]) })),
        ("timestamp without a zone", Expect.Invalid, XapiRejectionReason.InvalidTimestamp, s => Each(s, x => x["timestamp"] = random.Pick(["2026-03-01T10:00:00", "2026-03-01", "2026-03-01T10:00:00-00:00"]))),
        ("verb that gives no evidence", Expect.Invalid, XapiRejectionReason.UnsupportedVerb, s => Each(s, x => x["verb"] = new JsonObject { ["id"] = "https://verbs.example.org/juggled" })),
        ("relative object IRI", Expect.Invalid, XapiRejectionReason.InvalidIri, s => Each(s, x => x["object"] = new JsonObject { ["id"] = "quiz/1" })),
        ("bad language tag", Expect.Invalid, XapiRejectionReason.InvalidLanguageMap, s => Each(s, x => x["verb"] = new JsonObject { ["id"] = Verbs + "passed", ["display"] = new JsonObject { ["not a tag!"] = "passed" } })),
        ("null result", Expect.Invalid, XapiRejectionReason.Malformed, s => Each(s, x => x["result"] = null)),
        ("unknown object, no context", Expect.Invalid, XapiRejectionReason.UnknownActivity, s => Each(s, x => { x["object"] = new JsonObject { ["id"] = "https://elsewhere.example.org/" + Fuzzing.Uuid(random) }; x.Remove("context"); })),
    ];

    /// <summary>Applies one to three mutations, those that break a statement last; returns what is expected of the
    /// batch and, for a broken statement, the statement and the reason it must be refused with.</summary>
    /// <remarks>The reason is given only when that mutation is the only one that may break the statement (another one
    /// could be refused first, for its own reason).</remarks>
    public (Expect Expect, JsonObject? Broken, XapiRejectionReason? Reason) Mutate(JsonArray batch, List<string> applied)
    {
        var all = All;
        var chosen = new List<(string Name, Expect Expect, XapiRejectionReason? Reason, Func<JsonArray, JsonObject?> Apply)>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var roll = random.Next(100);
            var kind = roll < 72 ? Expect.Valid : roll < 85 ? Expect.Either : Expect.Invalid;
            chosen.Add(random.Pick(all.Where(m => m.Expect == kind).ToList()));
        }

        var (expect, broken, reason, risky) = (Expect.Valid, (JsonObject?)null, (XapiRejectionReason?)null, 0);
        foreach (var mutation in chosen.OrderBy(m => m.Expect == Expect.Invalid))
        {
            if (mutation.Apply(batch) is { } statement)
            {
                applied.Add(mutation.Name);
                expect = (Expect)Math.Max((int)expect, (int)mutation.Expect);
                risky += mutation.Expect == Expect.Valid ? 0 : 1;
                if (mutation.Expect == Expect.Invalid)
                {
                    (broken, reason) = (statement, mutation.Reason); // the last one: nothing after it mends it
                }
            }
        }

        return (expect, broken, risky == 1 ? reason : null);
    }

    /// <summary>Statements that are valid evidence: one verb, actor, object (a catalog activity or a CASE item URI), a
    /// result in each of xAPI's forms, times with zones, and sometimes a context naming a CASE item.</summary>
    public JsonObject Statement()
    {
        var verb = random.Pick(["answered", "scored", "completed", "passed", "failed", "mastered"]);
        var statement = new JsonObject
        {
            ["id"] = Fuzzing.Uuid(random),
            ["actor"] = Actor(random),
            ["verb"] = Verb(verb),
            ["object"] = random.Next(4) == 0
                ? new JsonObject { ["id"] = random.Pick(caseItemUris), ["definition"] = new JsonObject { ["type"] = "http://adlnet.gov/expapi/activities/objective" } }
                : new JsonObject { ["objectType"] = "Activity", ["id"] = random.Pick(activityIris), ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "Quiz" } } },
            ["timestamp"] = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(500_000)).ToString("yyyy-MM-dd'T'HH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        if (verb is "answered" or "scored" or "completed" || random.Next(2) == 0)
        {
            var result = new JsonObject();
            switch (random.Next(3))
            {
                case 0: result["score"] = new JsonObject { ["scaled"] = Math.Round(random.NextDouble() * 2 - 1, 3) }; break;
                case 1:
                    var max = random.Next(1, 50);
                    result["score"] = new JsonObject { ["raw"] = random.Next(0, max + 1), ["min"] = 0, ["max"] = max };
                    break;
                default: result["success"] = random.Next(2) == 0; break;
            }

            if (random.Next(2) == 0)
            {
                result["duration"] = random.Pick(["PT12M30S", "P1W", "PT0.5H", "PT45S", "P1DT2H"]);
            }

            statement["result"] = result;
        }

        if (random.Next(3) == 0)
        {
            statement["context"] = new JsonObject { ["contextActivities"] = new JsonObject { ["category"] = new JsonArray(new JsonObject { ["id"] = random.Pick(caseItemUris) }) } };
        }

        if (random.Next(3) == 0)
        {
            statement["stored"] = "2026-12-01T00:00:00Z";
        }

        return statement;
    }

    private static JsonObject Verb(string name) => new() { ["id"] = Verbs + name, ["display"] = new JsonObject { ["en-US"] = name } };

    private static JsonObject Actor(Random random)
    {
        var n = random.Next(20).ToString(CultureInfo.InvariantCulture);
        var actor = random.Next(4) switch
        {
            0 => new JsonObject { ["mbox"] = $"mailto:learner{n}@example.org" },
            1 => new JsonObject { ["mbox_sha1sum"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(n)))[..40] /* 40 hexadecimal digits, as a SHA-1 sum is */ },
            2 => new JsonObject { ["openid"] = $"https://openid.example.org/learner{n}" },
            _ => new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://lms.example.org", ["name"] = $"learner{n}" } },
        };
        if (random.Next(2) == 0)
        {
            actor["objectType"] = "Agent";
            actor["name"] = $"Learner {n}";
        }

        return actor;
    }

    private static List<JsonObject> Statements(JsonArray batch) => [.. batch.OfType<JsonObject>()];

    private static bool Voiding(JsonObject statement) => statement["verb"] is JsonObject verb && verb["id"] is JsonValue id && id.ToString() == Verbs + "voided";

    // Applies a change to one statement that is not a voiding one (whose object, result and verb are another matter),
    // and returns it.
    private JsonObject? Each(JsonArray batch, Action<JsonObject> change, bool replace = false)
    {
        var statements = Statements(batch).Where(s => !Voiding(s)).ToList();
        if (statements.Count == 0)
        {
            return null;
        }

        var statement = random.Pick(statements);
        if (replace && statement["verb"] is JsonObject verb)
        {
            verb.Remove("display");
        }

        change(statement);
        return statement;
    }

    private static readonly Dictionary<string, string[]> Optional = new()
    {
        [""] = ["timestamp", "version", "authority"],
        ["verb"] = ["display"],
        ["object"] = ["objectType", "definition"],
        ["actor"] = ["objectType", "name"],
        ["result"] = ["duration", "completion", "response"],
    };

    private JsonObject? DropOptional(JsonArray batch) => Each(batch, statement =>
    {
        var (where, names) = random.Pick(Optional.ToList());
        var node = where.Length == 0 ? statement : statement[where] as JsonObject;
        if (node is null)
        {
            return;
        }

        var name = random.Pick(names);
        if (name == "timestamp" && statement["stored"] is null)
        {
            return; // the time would be lost
        }

        node.Remove(name);
    });

    private JsonObject? AddUnknown(JsonArray batch) => Each(batch, statement =>
    {
        // Members xAPI does not define are not the mapper's to refuse (an LRS refuses them before storing).
        statement["result"] ??= new JsonObject { ["success"] = true };
        if (statement["result"] is JsonObject result)
        {
            result["extensions"] = new JsonObject { ["https://fuzz.example.org/ext/tries"] = random.Next(5), ["https://fuzz.example.org/ext/none"] = null };
        }
    });

    private JsonObject? Reorder(JsonArray batch)
    {
        Fuzzing.Shuffle(random, batch);
        return Statements(batch).FirstOrDefault();
    }

    private JsonObject? RemoveStatement(JsonArray batch)
    {
        if (batch.Count < 2)
        {
            return null;
        }

        batch.RemoveAt(random.Next(batch.Count));
        return Statements(batch).FirstOrDefault();
    }

    private JsonObject? CopyFresh(JsonArray batch)
    {
        var statements = Statements(batch);
        if (statements.Count == 0)
        {
            return null;
        }

        var copy = random.Pick(statements).DeepClone().AsObject();
        copy["id"] = Fuzzing.Uuid(random);
        batch.Insert(random.Next(batch.Count + 1), copy);
        return copy;
    }

    private void ScoreInRange(JsonObject statement)
    {
        if (statement["result"] is not JsonObject result)
        {
            statement["result"] = result = [];
        }

        var max = random.Next(1, 1000) / 10.0;
        result["score"] = random.Next(3) switch
        {
            0 => new JsonObject { ["scaled"] = random.Pick([-1.0, 1.0, 0.0, -0.0, 1e-9, Math.Round(random.NextDouble(), 4)]) },
            1 => new JsonObject { ["raw"] = max, ["min"] = -max, ["max"] = max },
            _ => new JsonObject { ["raw"] = Math.Round(random.NextDouble() * max, 2), ["min"] = 0, ["max"] = max },
        };
    }

    private void AnotherDuration(JsonObject statement)
    {
        if (statement["result"] is not JsonObject result)
        {
            statement["result"] = result = new JsonObject { ["success"] = true };
        }

        result["duration"] = random.Pick(["PT0S", "P1Y", "P2M", "PT1.5S", "P3DT4H5M6S", "PT100H"]);
    }

    private JsonObject? OtherActor(JsonArray batch)
    {
        var statements = Statements(batch).Where(s => !Voiding(s)).ToList();
        if (statements.Count == 0)
        {
            return null;
        }

        var (to, from) = (random.Pick(statements), random.Pick(statements));
        if (from["actor"] is not { } actor)
        {
            return null;
        }

        to["actor"] = actor.DeepClone();
        return to;
    }

    private JsonObject? VoidAnother(JsonArray batch)
    {
        var statements = Statements(batch);
        if (statements.Count == 0 || random.Pick(statements)["id"] is not JsonValue target)
        {
            return null;
        }

        var voiding = new JsonObject
        {
            ["id"] = Fuzzing.Uuid(random),
            ["actor"] = new JsonObject { ["mbox"] = "mailto:admin@example.org" },
            ["verb"] = Verb("voided"),
            ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.DeepClone() },
            ["timestamp"] = "2026-12-01T00:00:00Z",
        };
        batch.Insert(random.Next(batch.Count + 1), voiding);
        return voiding;
    }
}

/// <summary>
/// Fuzz from valid inputs (issue 21): real CASE packages and xAPI statement batches, and generated valid ones, mutated
/// as JSON trees in ways that mostly keep them valid. Every input must be read without an exception the readers do not
/// document; a large share must still import (a floor is asserted per source), so that the import → export → import
/// property really runs on varied input; a mutation that keeps the document valid must import cleanly, and one that
/// breaks a rule must be reported. Figures go to the test output. <see cref="InteropFuzzTests.Iterations"/> inputs per
/// source; seeds are fixed, so the figures are the same on every run (FUZZ_SEED changes them, for a run by hand).
/// </summary>
public sealed class ValidInputFuzzTests(ITestOutputHelper output)
{
    private static int BaseSeed => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 21;

    // (string.GetHashCode differs from run to run.)
    private static int Seed(string source, int i) => unchecked(source.Aggregate(BaseSeed, (h, c) => (h * 31) + c) * 1_000_003 + i);

    private static string CaseFixtures => Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", "case");

    // ---- CASE ----

    private static IEnumerable<(string Name, JsonObject Package)> CaseFixturePackages() =>
        Directory.EnumerateFiles(CaseFixtures, "*.case.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), JsonNode.Parse(File.ReadAllText(f))!.AsObject()));

    // Valid packages the library did not read from anywhere: random frameworks (declared in random order, with ids
    // that are UUIDs or not, hierarchy, prerequisites and related links), described and written as CASE.
    private static IEnumerable<(string Name, JsonObject Package)> GeneratedCasePackages(int count)
    {
        var random = new Random(BaseSeed);
        for (var k = 0; k < count; k++)
        {
            var n = random.Next(1, 16);
            var ids = Enumerable.Range(0, n).Select(i => random.Next(3) == 0 ? Fuzzing.Uuid(random) : $"g{k}.c{i}").ToArray();
            var builder = new CompetencyFrameworkBuilder($"Generated {k}");
            foreach (var i in Enumerable.Range(0, n).OrderBy(_ => random.Next()))
            {
                builder.Add(new Competency(ids[i], $"Competency {i} of {k}", code: random.Next(2) == 0 ? $"G{k}.{i}" : null,
                    uri: random.Next(2) == 0 ? new Uri($"https://generated.example.org/{k}/{i}") : null));
            }

            var parentOf = Enumerable.Repeat(-1, n).ToArray();
            for (var i = 1; i < n; i++)
            {
                if (random.Next(3) > 0)
                {
                    parentOf[i] = random.Next(i);
                    builder.AddChild(ids[parentOf[i]], ids[i]); // parents before children: no cycle
                }
            }

            var edges = new HashSet<(int, int)>();
            for (var e = random.Next(2 * n); e > 0; e--)
            {
                var (a, b) = (random.Next(n), random.Next(n));
                if (a != b && edges.Add((Math.Min(a, b), Math.Max(a, b))))
                {
                    if (random.Next(4) == 0)
                    {
                        builder.AddRelated(ids[a], ids[b]);
                    }
                    else if (!IsAncestor(Math.Min(a, b), Math.Max(a, b)))
                    {
                        // Not a prerequisite of its own descendant, which the framework refuses as a cycle.
                        builder.AddPrerequisite(ids[Math.Min(a, b)], ids[Math.Max(a, b)]);
                    }
                }
            }

            bool IsAncestor(int ancestor, int of)
            {
                for (var at = parentOf[of]; at >= 0; at = parentOf[at])
                {
                    if (at == ancestor)
                    {
                        return true;
                    }
                }

                return false;
            }

            var identifier = Fuzzing.Uuid(random);
            var document = new CaseDocument(identifier, new Uri($"https://generated.example.org/{identifier}"), "Fuzz", $"Generated {k}",
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(k), ImmutableSortedDictionary<string, string>.Empty);
            yield return ($"generated {k}", JsonNode.Parse(CasePackageWriter.Write(CasePackageWriter.Describe(builder.Build(), document)))!.AsObject());
        }
    }

    private Fuzzing.Tally FuzzCase(string source, List<(string Name, JsonObject Package)> seeds, int iterations)
    {
        var tally = new Fuzzing.Tally(source) { Seeds = seeds.Count };
        foreach (var (name, package) in seeds)
        {
            CasePackageReader.Read(package.ToJsonString()).IsClean.Should().BeTrue($"the seed {name} is a valid package");
        }

        for (var i = 0; i < iterations; i++)
        {
            var random = new Random(Seed(source, i));
            var (name, seed) = seeds[i % seeds.Count];
            var package = seed.DeepClone().AsObject();
            var applied = new List<string>();
            var expect = new CasePackageMutator(random).Mutate(package, applied);
            tally.Expected.Count(expect == Expect.Valid ? "stay valid" : expect == Expect.Invalid ? "break a rule" : "either");
            applied.ForEach(m => tally.Mutations.Count(m));
            var json = package.ToJsonString();
            tally.Inputs++;
            var what = $"{source} #{i} ({name}; {string.Join(", ", applied)})";
            try
            {
                var strict = CasePackageReader.Read(json);
                var lenient = CasePackageReader.Read(json, CaseImportMode.ImportValid);
                foreach (var rule in strict.Problems.Select(p => p.Rule).Distinct())
                {
                    tally.Problems.Count(rule);
                }

                if (strict.IsClean != (strict.Framework is not null))
                {
                    tally.Fail($"{what}: AllOrNothing gave a framework with problems, or none without");
                }

                if (strict.IsClean)
                {
                    tally.Imported++;
                    if (!lenient.Equals(strict))
                    {
                        tally.Fail($"{what}: ImportValid differs from AllOrNothing on a clean package");
                    }
                }
                else if (lenient.Framework is not null)
                {
                    tally.Partial++;
                }

                if (expect == Expect.Valid && !strict.IsClean)
                {
                    tally.Fail($"{what}: a valid package was refused: {string.Join("; ", strict.Problems.Take(3))}");
                }
                else if (expect == Expect.Invalid && strict.IsClean)
                {
                    tally.Fail($"{what}: a package that breaks a rule imported cleanly");
                }

                foreach (var result in strict.IsClean ? [strict] : new[] { strict, lenient }) // (clean: the two are equal, checked above)
                {
                    if (result.Framework is { Framework.Count: > 0 } framework)
                    {
                        tally.RoundTrips++;
                        var written = CasePackageWriter.Write(framework);
                        var again = CasePackageReader.Read(written);
                        if (!again.IsClean || !again.Framework!.Equals(framework))
                        {
                            tally.Fail($"{what}: import → export → import changed the framework: {string.Join("; ", again.Problems.Take(3))}");
                        }
                        else if (CasePackageWriter.Write(again.Framework) != written)
                        {
                            tally.Fail($"{what}: writing the framework read back gave other text");
                        }
                    }
                }
            }
            catch (InteropLimitExceededException)
            {
                tally.Exceptions.Count(nameof(InteropLimitExceededException)); // documented
            }
#pragma warning disable CA1031 // any other exception is what the fuzz is looking for
            catch (Exception e)
#pragma warning restore CA1031
            {
                tally.Exceptions.Count(e.GetType().Name);
                tally.Fail($"{what}: {e.GetType().Name}: {e.Message}");
            }
        }

        tally.Report(output);
        return tally;
    }

    private static void AssertFloors(Fuzzing.Tally tally, double importedShare)
    {
        tally.Failures.Should().BeEmpty();
        tally.Exceptions.Keys.Should().BeSubsetOf([nameof(InteropLimitExceededException)]);
        tally.RoundTrips.Should().BeGreaterThanOrEqualTo(tally.Imported, "every clean import is exported and imported again");
        if (PropertyRuns.FloorsAsserted)
        {
            ((double)tally.Imported / tally.Inputs).Should().BeGreaterThanOrEqualTo(importedShare, "most mutations keep the document valid, so most inputs must import");
            tally.Problems.Count.Should().BeGreaterThanOrEqualTo(5, "the mutations that break rules reach several of the reader's checks");
        }
    }

    [Fact]
    public void CasePackages_FromTheFixtures_Mutated_MostlyImport_AndRoundTrip()
    {
        // (Real packages are up to 450 kB, and each input is read and written four times: 1 in 16 of the inputs the others
        // get, to keep the suite's time.)
        var tally = FuzzCase("CASE fixtures", [.. CaseFixturePackages()], InteropFuzzTests.Iterations / 16);

        tally.Seeds.Should().Be(6, "Interop/Fixtures/case holds six conforming packages");
        AssertFloors(tally, 0.5);
    }

    [Fact]
    public void CasePackages_Generated_Mutated_MostlyImport_AndRoundTrip()
    {
        var tally = FuzzCase("CASE generated", [.. GeneratedCasePackages(40)], InteropFuzzTests.Iterations);

        AssertFloors(tally, 0.5);
    }

    [SkippableFact]
    public void CasePackages_FromSharedData_Mutated_MostlyImport_AndRoundTrip()
    {
        var seeds = new[] { "opensalt_ACT_Holistic_Framework_Math.case.json", "opensalt_what_standards_could_be_ccss.case.json" }
            .Select(f => (f, JsonNode.Parse(File.ReadAllText(SharedData.Require($"case/{f}"))!)!.AsObject())).ToList();

        var tally = FuzzCase("CASE shared data", seeds, InteropFuzzTests.Iterations / 4); // (40 and 60 kB each)

        AssertFloors(tally, 0.5);
    }

    // ---- xAPI ----

    private static readonly string[] CaseItemUris = ["https://case.example.org/uri/c1000000-0000-4000-8000-000000000001", "https://case.example.org/uri/c2000000-0000-4000-8000-000000000002", "https://case.example.org/uri/c3000000-0000-4000-8000-000000000003"];

    private static (XapiStatementMapper Mapper, string[] Activities) GeneratedMapper()
    {
        var framework = new CompetencyFrameworkBuilder("xAPI fuzz")
            .Add(new Competency("A", "Alpha", uri: new Uri(CaseItemUris[0])))
            .Add(new Competency("B", "Beta", uri: new Uri(CaseItemUris[1])))
            .Add(new Competency("C", "Gamma", uri: new Uri(CaseItemUris[2])))
            .AddPrerequisite("A", "B")
            .Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("https://lms.example.org/quiz/1", "Quiz 1", ActivityKind.Practice, 10, TestData.Align("A")))
            .Add(new LearningActivity("https://lms.example.org/quiz/2", "Quiz 2", ActivityKind.Assessment, 20, TestData.Align("B")))
            .Add(new LearningActivity("c-lesson", "Lesson C", ActivityKind.Lesson, 15, TestData.Align("C")))
            .Build();
        var mapper = new XapiStatementMapper(catalog, new XapiMappingOptions(activityIris: new Dictionary<string, ActivityId> { ["https://lms.example.org/c"] = "c-lesson" }.ToImmutableDictionary()));
        return (mapper, ["https://lms.example.org/quiz/1", "https://lms.example.org/quiz/2", "https://lms.example.org/c"]);
    }

    private Fuzzing.Tally FuzzXapi(string source, XapiStatementMapper mapper, IReadOnlyList<string> activities, List<JsonArray> seeds)
    {
        var tally = new Fuzzing.Tally(source) { Seeds = seeds.Count };
        foreach (var seed in seeds)
        {
            mapper.Map(seed.ToJsonString()).Rejected.Should().BeEmpty("every seed statement is valid evidence");
        }

        var (statements, accepted) = (0, 0);
        for (var i = 0; i < InteropFuzzTests.Iterations; i++)
        {
            var random = new Random(Seed(source, i));
            var batch = seeds[i % seeds.Count].DeepClone().AsArray();
            var applied = new List<string>();
            var (expect, broken, reason) = new XapiBatchMutator(random, activities, CaseItemUris).Mutate(batch, applied);
            tally.Expected.Count(expect == Expect.Valid ? "stay valid" : expect == Expect.Invalid ? (reason is null ? "break a rule" : "break a rule, reason known") : "either");
            applied.ForEach(m => tally.Mutations.Count(m));
            var json = random.Next(4) == 0 ? new JsonObject { ["statements"] = batch.DeepClone(), ["more"] = "" }.ToJsonString() : batch.ToJsonString();
            tally.Inputs++;
            var what = $"{source} #{i} ({string.Join(", ", applied)})";
            try
            {
                var result = mapper.Map(json);
                statements += result.Statements;
                accepted += result.Statements - result.Rejected.Length;
                foreach (var r in result.Rejected.Select(r => r.Reason).Distinct())
                {
                    tally.Problems.Count(r.ToString());
                }

                if (result.Statements != batch.Count)
                {
                    tally.Fail($"{what}: {result.Statements} statements counted of {batch.Count}");
                }

                if (result.Rejected.IsEmpty)
                {
                    tally.Imported++;
                }
                else if (!result.Evidence.IsEmpty)
                {
                    tally.Partial++;
                }

                if (expect == Expect.Valid && !result.Rejected.IsEmpty)
                {
                    tally.Fail($"{what}: a valid statement was rejected: {result.Rejected[0]}");
                }

                if (broken is not null)
                {
                    var index = batch.IndexOf(broken);
                    var rejection = result.Rejected.FirstOrDefault(r => r.Index == index);
                    if (rejection is null || (reason is not null && rejection.Reason != reason))
                    {
                        tally.Fail($"{what}: statement {index} should be refused as {reason}; got {rejection?.ToString() ?? "evidence"}");
                    }
                }

                // Import → export → import: the library's own JSON of the evidence reads back equal, and the statements that
                // gave it, alone in a batch, give the same evidence and nothing else.
                if (!result.Evidence.IsEmpty)
                {
                    tally.RoundTrips++;
                    var read = PersonalizedLearningJson.Deserialize<ImmutableArray<Evidence>>(PersonalizedLearningJson.Serialize(result.Evidence));
                    if (!read.SequenceEqual(result.Evidence))
                    {
                        tally.Fail($"{what}: the evidence's JSON read back differs");
                    }

                    var ids = result.Evidence.Select(e => e.Id.Value).ToHashSet(StringComparer.Ordinal);
                    var rejected = result.Rejected.Select(r => r.Index).ToHashSet();
                    var gave = new JsonArray([.. batch.Select((s, k) => (s, k))
                        .Where(x => !rejected.Contains(x.k) && x.s is JsonObject o && o["id"] is JsonValue id && ids.Contains(id.ToString().ToLowerInvariant()))
                        .Select(x => x.s!.DeepClone())]);
                    var again = mapper.Map(new JsonObject { ["statements"] = gave }.ToJsonString());
                    if (!again.Rejected.IsEmpty || !again.Voided.IsEmpty || !again.Evidence.SequenceEqual(result.Evidence))
                    {
                        tally.Fail($"{what}: the statements that gave evidence, mapped again, gave {again}");
                    }
                }
            }
            catch (InteropLimitExceededException)
            {
                tally.Exceptions.Count(nameof(InteropLimitExceededException));
            }
#pragma warning disable CA1031 // any other exception is what the fuzz is looking for
            catch (Exception e)
#pragma warning restore CA1031
            {
                tally.Exceptions.Count(e.GetType().Name);
                tally.Fail($"{what}: {e.GetType().Name}: {e.Message}");
            }
        }

        output.WriteLine($"{source}: statements accepted {accepted} of {statements} ({Fuzzing.Percent(accepted, statements)})");
        tally.Report(output);
        return tally;
    }

    [Fact]
    public void XapiBatches_Generated_Mutated_MostlyImport_AndRoundTrip()
    {
        var (mapper, activities) = GeneratedMapper();
        var random = new Random(BaseSeed);
        var mutator = new XapiBatchMutator(random, activities, CaseItemUris);
        var seeds = Enumerable.Range(0, 30).Select(_ => new JsonArray([.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => (JsonNode)mutator.Statement())])).ToList();

        var tally = FuzzXapi("xAPI generated", mapper, activities, seeds);

        AssertFloors(tally, 0.5);
    }

    [Fact]
    public void XapiBatches_FromTheConformanceSuite_Mutated_MostlyImport_AndRoundTrip()
    {
        // The statements ADL's LRS conformance suite expects an LRS to store (200), with what an LRS adds (id, stored),
        // that are evidence about one learner (not a group's), mapped as XapiConformanceTests maps them; in batches of 8.
        const string meeting = "http://www.example.com/meetings/occurances/34534";
        var framework = new CompetencyFrameworkBuilder("x").Add(new Competency("A", "Alpha", uri: new Uri(CaseItemUris[0]))).Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("meeting", "Meeting", ActivityKind.Practice, 10, TestData.Align("A"))).Build();
        var mapper = new XapiStatementMapper(catalog, new XapiMappingOptions(activityIris: new Dictionary<string, ActivityId> { [meeting] = "meeting", ["http://www.example.com/meetings/categories/teammeeting"] = "meeting" }.ToImmutableDictionary())
            .WithVerb("http://adlnet.gov/expapi/verbs/attended", new XapiVerbRule(EvidenceKind.Formative, EvidenceOutcome.Correct)));
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", "adl-lrs-conformance-1.0.3.json")))!;
        var n = 0;
        var valid = fixture["cases"]!.AsArray().Where(c => c!["expect"]!.GetValue<int>() == 200).Select(c =>
        {
            var statement = c!["statement"]!.DeepClone().AsObject();
            statement["id"] = $"00000000-0000-4000-8000-{++n:D12}";
            statement["stored"] = "2026-01-01T00:00:00Z";
            return statement;
        }).Where(s => mapper.Map(s.ToJsonString()).Rejected.IsEmpty).ToList();
        var seeds = valid.Chunk(8).Select(c => new JsonArray([.. c])).ToList();
        output.WriteLine($"{valid.Count} statements of the suite that an LRS stores give evidence");

        var tally = FuzzXapi("xAPI conformance suite", mapper, [meeting], seeds);

        valid.Count.Should().Be(48, "the committed fixture has 48 such statements");
        AssertFloors(tally, 0.5);
    }

    [SkippableFact]
    public void XapiBatches_FromTheSpecificationsExamples_Mutated_MostlyImport_AndRoundTrip()
    {
        // The specification's examples, with what an LRS adds (an id when there is none, the stored time), mapped by a
        // mapper that counts their verbs and knows their activities; those that are then evidence are the seed.
        var json = File.ReadAllText(SharedData.Require("xapi/xapi_spec_example_statements.json"));
        var activities = new[] { "http://example.adlnet.gov/xapi/example/simpleCBT", "http://example.adlnet.gov/xapi/example/activity", "http://www.example.com/meetings/occurances/34534" };
        var framework = new CompetencyFrameworkBuilder("x").Add(new Competency("A", "Alpha", uri: new Uri(CaseItemUris[0]))).Build();
        var catalog = activities.Aggregate(new ActivityCatalogBuilder(framework), (b, a) => b.Add(new LearningActivity(a, a, ActivityKind.Practice, 10, TestData.Align("A")))).Build();
        var options = new[] { "attempted", "created", "attended", "completed" }.Aggregate(XapiMappingOptions.Default, (o, v) => o.WithVerb(XapiMappingOptions.AdlVerbs + v, new XapiVerbRule(EvidenceKind.Formative, EvidenceOutcome.Correct)));
        var mapper = new XapiStatementMapper(catalog, options);
        var n = 0;
        var valid = JsonNode.Parse(json)!.AsArray().Select(s =>
        {
            var statement = s!.DeepClone().AsObject();
            statement["id"] ??= $"00000000-0000-4000-8000-{++n:D12}";
            statement["stored"] = "2026-01-01T00:00:00Z";
            return statement;
        }).Where(s => mapper.Map(s.ToJsonString()).Evidence.Length == 1).ToList();
        output.WriteLine($"{valid.Count} of the specification's 9 examples give evidence");

        var tally = FuzzXapi("xAPI specification examples", mapper, activities, [new JsonArray([.. valid])]);

        valid.Count.Should().BeGreaterThanOrEqualTo(2);
        AssertFloors(tally, 0.5);
    }
}

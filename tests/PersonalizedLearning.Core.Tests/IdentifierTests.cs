using System.Reflection;
using System.Text.Json;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Scheduling;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests;

/// <summary>
/// Every identifier struct is written by one source generator (eng/IdentifierGenerator) from
/// <c>[GeneratedIdentifier]</c>; these tests hold all seven to the same behaviour through their public members (found by
/// reflection, so a type that lost or changed one fails here), each with its own noun in the messages.
/// </summary>
public class IdentifierTests
{
    public static TheoryData<Type, string> Identifiers => new()
    {
        { typeof(ActivityId), "activity id" },
        { typeof(CompetencyId), "competency id" },
        { typeof(LearnerId), "learner id" },
        { typeof(EvidenceId), "evidence id" },
        { typeof(TenantId), "tenant id" },
        { typeof(TeacherId), "teacher id" },
        { typeof(RoomId), "room id" },
    };

    private const string Format = "must not hold invisible format characters or line or paragraph separators (Unicode categories Cf, Zl, Zp);";

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Construction_BadText_ThrowsTheSameExceptionsThroughEveryEntry(Type type, string noun)
    {
        // "An activity id", "An evidence id" (the fresh review found "A activity id"); "A competency id" and the others.
        var a = noun is "activity id" or "evidence id" ? "An" : "A";
        var bad = new (string Text, string Message)[]
        {
            ("", $"{a} {noun} must not be empty or whitespace; got ''.*"),
            ("  ", $"{a} {noun} must not be empty or whitespace; got '  '.*"),
            (" a", $"{a} {noun} must not start or end with whitespace; got ' a'.*"),
            ("a\t", $"{a} {noun} must not start or end with whitespace; got 'a\t'.*"),
            (new string('x', 1025), $"{a} {noun} must be at most 1024 characters; got 1025.*"),
            ("a" + '\uDC00', $"{a} {noun} must be well-formed UTF-16; a lone surrogate is at position 1.*"),
            ("a\u0000b", $"{a} {noun} must not hold control characters; U+0000 is at position 1.*"),
            ("ab\u001Fc\u0001", $"{a} {noun} must not hold control characters; U+001F is at position 2.*"),
            ("ab\u007F", $"{a} {noun} must not hold control characters; U+007F is at position 2.*"),
            ("a\u0085\u0001b", $"{a} {noun} must not hold control characters; U+0085 is at position 1.*"),

            // Format characters (Cf) and line and paragraph separators (Zl, Zp): invisible, reordering or line-breaking.
            ("a\u200Bb", $"{a} {noun} {Format} U+200B is at position 1.*"),
            ("ab\u202Ec", $"{a} {noun} {Format} U+202E is at position 2.*"),
            ("\uFEFFab", $"{a} {noun} {Format} U+FEFF is at position 0.*"),
            ("a\u00ADb", $"{a} {noun} {Format} U+00AD is at position 1.*"),
            ("a\u2028b", $"{a} {noun} {Format} U+2028 is at position 1.*"),
            ("a\u2029b", $"{a} {noun} {Format} U+2029 is at position 1.*"),
            ("𝑑\U000E0001x", $"{a} {noun} {Format} U+E0001 is at position 2.*"),

            // The first of either kind is named.
            ("a\u200B\u0001", $"{a} {noun} {Format} U+200B is at position 1.*"),
            ("a\u0001\u200B", $"{a} {noun} must not hold control characters; U+0001 is at position 1.*"),
        };

        foreach (var create in Entries(type))
        {
            foreach (var (text, message) in bad)
            {
                var act = () => create(text);
                act.Should().Throw<ArgumentException>().WithMessage(message).Which.ParamName.Should().Be("value");
            }

            var nullText = () => create(null);
            nullText.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
        }
    }

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Construction_ValidText_KeepsItExactly(Type type, string noun)
    {
        _ = noun;
        foreach (var create in Entries(type))
        {
            foreach (var text in new[] { "a", "3.NF.A.1", "a b", new string('x', 1024), "𝑑x", "urn:uuid:0f4e", "é日本\u00A0ü", "\u05D0\u05D1" })
            {
                var id = create(text);
                id.GetType().Should().Be(type);
                Value(id).Should().Be(text);
                IsEmpty(id).Should().BeFalse();
                id.ToString().Should().Be(text);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Default_IsEmpty_PrintsEmpty_EqualsOnlyItself_SortsFirst(Type type, string noun)
    {
        _ = noun;
        var empty = Activator.CreateInstance(type)!;
        var a = New(type, "a");

        IsEmpty(empty).Should().BeTrue();
        Value(empty).Should().Be(string.Empty);
        empty.ToString().Should().Be(string.Empty);
        empty.GetHashCode().Should().Be(0);
        empty.Equals(Activator.CreateInstance(type)).Should().BeTrue();
        empty.Equals(a).Should().BeFalse();
        Operator(type, "op_Equality", empty, Activator.CreateInstance(type)!).Should().Be(true);
        Operator(type, "op_Inequality", empty, a).Should().Be(true);
        CompareTo(empty, a).Should().BeNegative();
        CompareTo(a, empty).Should().BePositive();
        CompareTo(empty, Activator.CreateInstance(type)!).Should().Be(0);
        Operator(type, "op_LessThan", empty, a).Should().Be(true);
    }

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Equality_IsOrdinal_CaseSensitive_AndNeverAcrossTypes(Type type, string noun)
    {
        _ = noun;
        var upper = New(type, "F1");
        var same = New(type, "F1");
        var lower = New(type, "f1");

        upper.Equals(same).Should().BeTrue();
        upper.GetHashCode().Should().Be(same.GetHashCode());
        upper.Equals(lower).Should().BeFalse();
        Operator(type, "op_Equality", upper, same).Should().Be(true);
        Operator(type, "op_Equality", upper, lower).Should().Be(false);
        Operator(type, "op_Inequality", upper, lower).Should().Be(true);
        Operator(type, "op_Inequality", upper, same).Should().Be(false);
        upper.Equals("F1").Should().BeFalse("an identifier is not its text");

        var other = type == typeof(CompetencyId) ? (object)new LearnerId("F1") : new CompetencyId("F1");
        upper.Equals(other).Should().BeFalse("identifiers of different kinds never compare equal");
    }

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Ordering_IsOrdinal_AndTheOperatorsAgreeWithCompareTo(Type type, string noun)
    {
        _ = noun;
        // Ordinal: upper case before lower case, "A10" before "A2" (no numeric or culture-aware order).
        var texts = new[] { "b", "B", "a", "A10", "A2", "é", "e" };
        var sorted = texts.Select(t => New(type, t)).Order(Comparer<object>.Create(CompareTo)).Select(Value);
        sorted.Should().Equal("A10", "A2", "B", "a", "b", "e", "é");

        foreach (var left in texts)
        {
            foreach (var right in texts)
            {
                var (l, r) = (New(type, left), New(type, right));
                var expected = Math.Sign(string.CompareOrdinal(left, right));
                Math.Sign(CompareTo(l, r)).Should().Be(expected);
                Operator(type, "op_LessThan", l, r).Should().Be(expected < 0);
                Operator(type, "op_LessThanOrEqual", l, r).Should().Be(expected <= 0);
                Operator(type, "op_GreaterThan", l, r).Should().Be(expected > 0);
                Operator(type, "op_GreaterThanOrEqual", l, r).Should().Be(expected >= 0);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Json_RoundTripsAsAPlainString_AlsoAsADictionaryKey(Type type, string noun)
    {
        _ = noun;
        var id = New(type, "3.NF.A.1 \"é\"");

        var json = JsonSerializer.Serialize(id, type);
        json.Should().Be("\"3.NF.A.1 \\u0022\\u00E9\\u0022\"", "the converter is on the type, so any options write a plain string");
        JsonSerializer.Deserialize(json, type).Should().Be(id);
        JsonSerializer.Deserialize("\"3.NF.A.1 \\\"é\\\"\"", type).Should().Be(id);

        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(type, typeof(int));
        var dictionary = (System.Collections.IDictionary)Activator.CreateInstance(dictionaryType)!;
        dictionary.Add(id, 7);
        var asObject = JsonSerializer.Serialize(dictionary, dictionaryType);
        asObject.Should().Be("{\"3.NF.A.1 \\u0022\\u00E9\\u0022\":7}");
        var back = (System.Collections.IDictionary)JsonSerializer.Deserialize(asObject, dictionaryType)!;
        back[id].Should().Be(7);
    }

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Json_BadValues_ThrowJsonExceptionNamingTheIdentifier(Type type, string noun)
    {
        var a = noun is "activity id" or "evidence id" ? "An" : "A";
        var cases = new (string Json, string Message)[]
        {
            ("42", $"{a} {noun} must be a JSON string; got Number."),
            ("null", $"{a} {noun} must be a JSON string; got Null."),
            ("\"\"", $"{a} {noun} must not be empty or whitespace; got ''."),
            ("\" x\"", $"{a} {noun} must not start or end with whitespace; got ' x'."),
            ("\"a\\u202Eb\"", $"{a} {noun} {Format} U+202E is at position 1."),
        };
        foreach (var (json, message) in cases)
        {
            var read = () => JsonSerializer.Deserialize(json, type);
            read.Should().Throw<JsonException>().WithMessage(message);
        }

        // A lone surrogate escaped in JSON cannot even be read as a string: System.Text.Json's own JsonException.
        var loneSurrogate = () => JsonSerializer.Deserialize("\"a\\uDC00\"", type);
        loneSurrogate.Should().Throw<JsonException>();

        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(type, typeof(int));
        var readKey = () => JsonSerializer.Deserialize("{\" \":1}", dictionaryType);
        readKey.Should().Throw<JsonException>().WithMessage($"{a} {noun} must not be empty or whitespace; got ' '.");

        var write = () => JsonSerializer.Serialize(Activator.CreateInstance(type), type);
        write.Should().Throw<JsonException>()
            .WithMessage($"An empty (default) {noun} cannot be written; every identifier in a document must have a value.");
    }

    [Theory]
    [InlineData(typeof(CompetencyId))]
    [InlineData(typeof(ActivityId))]
    [InlineData(typeof(LearnerId))]
    [InlineData(typeof(EvidenceId))]
    [InlineData(typeof(TenantId))]
    [InlineData(typeof(TeacherId))]
    [InlineData(typeof(RoomId))]
    public void LibraryJsonContext_WritesAndReadsAPlainString(Type type)
    {
        // Issue 21: the tenant, teacher and room ids were missing from the context, so the library's options refused them.
        // The library's System.Text.Json context is source-generated, and that generator does not see what the identifier
        // generator writes: the converter attribute must be on the hand-written part, or these become "{}".
        var serialize = typeof(PersonalizedLearningJson).GetMethod(nameof(PersonalizedLearningJson.Serialize))!.MakeGenericMethod(type);
        var deserialize = typeof(PersonalizedLearningJson).GetMethod(nameof(PersonalizedLearningJson.Deserialize), [typeof(string)])!.MakeGenericMethod(type);
        var id = New(type, "3.NF.A.1");

        var json = (string)Invoke(() => serialize.Invoke(null, [id])!);
        json.Should().Be("\"3.NF.A.1\"");
        Invoke(() => deserialize.Invoke(null, [json])!).Should().Be(id);
        var writeDefault = () => Invoke(() => serialize.Invoke(null, [Activator.CreateInstance(type)])!);
        writeDefault.Should().Throw<JsonException>();
        foreach (var bad in new[] { "\" a\"", "\"\"", "\"a\\u200Bb\"", "7", "null" })
        {
            var read = () => Invoke(() => deserialize.Invoke(null, [bad])!);
            read.Should().Throw<JsonException>($"{bad} is not a {type.Name}");
        }
    }

    [Fact]
    public void PublicSurface_IsTheSameForEveryIdentifier()
    {
        // The members a user sees, with the type's own name replaced, must be the same list for all seven.
        static string[] Surface(Type type) => type
            .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Select(m => m.ToString()!.Replace(type.FullName!, "TId", StringComparison.Ordinal).Replace(type.Name, "TId", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var expected = Surface(typeof(CompetencyId));
        expected.Should().Contain(["Boolean op_Equality(TId, TId)", "TId FromString(System.String)", "TId op_Implicit(System.String)",
            "Void .ctor(System.String)", "System.String get_Value()", "Boolean get_IsEmpty()", "Int32 CompareTo(TId)"]);
        foreach (var type in Identifiers.Select(row => (Type)row[0]))
        {
            Surface(type).Should().Equal(expected, $"{type.Name} should offer what every identifier offers");
            type.GetInterfaces().Should().Contain([typeof(IEquatable<>).MakeGenericType(type), typeof(IComparable<>).MakeGenericType(type)]);
            type.IsValueType.Should().BeTrue();
            type.GetCustomAttribute<System.Runtime.CompilerServices.IsReadOnlyAttribute>().Should().NotBeNull($"{type.Name} is a readonly struct");
        }
    }

    [Fact]
    public void Construction_AcceptsExactlyWhatTheRulesAccept()
    {
        // Any string: every identifier accepts it iff Identifier.Check finds nothing wrong, and keeps it as given.
        var text = Gen.OneOf(Gen.String, Gen.String[Gen.Char[' ', '~'], 0, 6], Gen.Const(" x "), Gen.Char.Select(c => c.ToString()));
        text.Sample(value =>
        {
            var problem = Identifier.Check(value, "competency id");
            foreach (var type in Identifiers.Select(row => (Type)row[0]))
            {
                if (problem is null)
                {
                    Value(New(type, value)).Should().Be(value);
                }
                else
                {
                    var act = () => New(type, value);
                    act.Should().Throw<ArgumentException>();
                }
            }
        }, iter: PropertyRuns.Iter(2_000));
    }

    // The three public ways in: the constructor, the implicit conversion from string and FromString.
    private static IEnumerable<Func<string?, object>> Entries(Type type)
    {
        var constructor = type.GetConstructor([typeof(string)])!;
        var implicitConversion = type.GetMethod("op_Implicit", [typeof(string)])!;
        var fromString = type.GetMethod("FromString", [typeof(string)])!;
        yield return text => Invoke(() => constructor.Invoke([text]));
        yield return text => Invoke(() => implicitConversion.Invoke(null, [text])!);
        yield return text => Invoke(() => fromString.Invoke(null, [text])!);
    }

    private static object New(Type type, string text) => Entries(type).First()(text);

    private static string Value(object id) => (string)id.GetType().GetProperty("Value")!.GetValue(id)!;

    private static bool IsEmpty(object id) => (bool)id.GetType().GetProperty("IsEmpty")!.GetValue(id)!;

    private static int CompareTo(object left, object right) =>
        (int)left.GetType().GetMethod("CompareTo", [left.GetType()])!.Invoke(left, [right])!;

    private static object Operator(Type type, string name, object left, object right) =>
        type.GetMethod(name, [type, type])!.Invoke(null, [left, right])!;

    private static object Invoke(Func<object> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}

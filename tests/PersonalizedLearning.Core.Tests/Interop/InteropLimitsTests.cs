using System.Text;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Case;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>The limits on a document from outside: their own ranges, each limit at its bound and one past it, and the
/// exception and problem that say which limit a document broke and where.</summary>
public sealed class InteropLimitsTests
{
    private static InteropLimitExceededException Exceeds(string json, InteropLimits limits) =>
        FluentActions.Invoking(() => CasePackageReader.ReadUtf8(Encoding.UTF8.GetBytes(json), limits: limits)).Should().ThrowExactly<InteropLimitExceededException>().Which;

    // Within the limits: the document is scanned and read (a JSON array is not a package, so it is one problem).
    private static void Fits(string json, InteropLimits limits) =>
        CasePackageReader.ReadUtf8(Encoding.UTF8.GetBytes(json), limits: limits).Problems.Should().ContainSingle().Which.Rule.Should().StartWith("type");

    [Fact]
    public void Constructor_EveryValueOutsideItsRange_IsNamedInOneException()
    {
        var thrown = FluentActions.Invoking(() => new InteropLimits(maxDocumentBytes: 1, maxDepth: 0, maxArrayLength: 0, maxStringBytes: 0))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which;

        thrown.ParamName.Should().Be("maxDocumentBytes");
        thrown.Message.Should().Be(
            "The interop limits are not valid: maxDocumentBytes: the document limit must be at least 2 bytes; got 1. "
            + "maxDepth: the depth limit must be in [1, 256]; got 0. "
            + "maxArrayLength: the array limit must be at least 1 element; got 0. "
            + "maxStringBytes: the string limit must be at least 1 byte; got 0. (Parameter 'maxDocumentBytes')");
        FluentActions.Invoking(() => new InteropLimits(maxDepth: 257)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .Which.Message.Should().Be("The interop limits are not valid: maxDepth: the depth limit must be in [1, 256]; got 257. (Parameter 'maxDepth')");
        FluentActions.Invoking(() => new InteropLimits(maxStringBytes: -5)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be("maxStringBytes");
    }

    [Fact]
    public void Constructor_TheBoundsOfEachRange_AreTaken()
    {
        var least = new InteropLimits(maxDocumentBytes: 2, maxDepth: 1, maxArrayLength: 1, maxStringBytes: 1);
        (least.MaxDocumentBytes, least.MaxDepth, least.MaxArrayLength, least.MaxStringBytes).Should().Be((2, 1, 1, 1));
        new InteropLimits(maxDepth: 256).MaxDepth.Should().Be(256);
        InteropLimits.Default.Should().Be(new InteropLimits(64 * 1024 * 1024, 32, 1_000_000, 64 * 1024));
    }

    [Fact]
    public void DocumentSize_AtTheLimitIsRead_OneByteMoreIsRefused_AsTextAndAsBytes()
    {
        const string Json = "[1, 2]"; // 6 bytes
        Fits(Json, new InteropLimits(maxDocumentBytes: 6));
        CasePackageReader.Read(Json, limits: new InteropLimits(maxDocumentBytes: 6)).Problems.Should().ContainSingle().Which.Rule.Should().Be("type: object");

        var bytes = Exceeds(Json, new InteropLimits(maxDocumentBytes: 5));
        (bytes.Limit, bytes.Value, bytes.Message).Should().Be(("document size", 5, "The document is 6 bytes; the limit is 5."));
        var text = FluentActions.Invoking(() => CasePackageReader.Read(Json, limits: new InteropLimits(maxDocumentBytes: 5))).Should().ThrowExactly<InteropLimitExceededException>().Which;
        (text.Limit, text.Value, text.Message).Should().Be(("document size", 5, "The document is longer than 5 bytes."));

        // Six characters, seven UTF-8 bytes: the text is short enough, its bytes are not.
        var wide = FluentActions.Invoking(() => CasePackageReader.Read("[\"é\"] ", limits: new InteropLimits(maxDocumentBytes: 6))).Should().ThrowExactly<InteropLimitExceededException>().Which;
        (wide.Limit, wide.Message).Should().Be(("document size", "The document is 7 bytes; the limit is 6."));
    }

    [Fact]
    public void Depth_AtTheLimitIsRead_OneLevelMoreIsRefused_AtItsByte()
    {
        Fits("[[[1]]]", new InteropLimits(maxDepth: 3));

        var thrown = Exceeds("[[[[1]]]]", new InteropLimits(maxDepth: 3));

        (thrown.Limit, thrown.Value, thrown.Message).Should().Be(("depth", 3, "The document nests deeper than 3 levels (at byte 3)."));
    }

    [Fact]
    public void Depth_BeyondTheReadersDefaultOf64_IsReadWhenTheLimitAllowsIt()
    {
        // 70 levels inside an extension of the document: within a depth limit of 100, so read, not a JSON error.
        var nested = new string('[', 70) + new string(']', 70);
        var json = "{\"CFDocument\":{\"identifier\":\"d0000000-0000-4000-8000-000000000000\",\"uri\":\"https://x.org/d\",\"creator\":\"c\",\"title\":\"t\","
            + "\"lastChangeDateTime\":\"2025-01-01T00:00:00Z\",\"extensions\":{\"deep\":" + nested + "}}}";

        var result = CasePackageReader.Read(json, limits: new InteropLimits(maxDepth: 100));

        result.Problems.Should().ContainSingle().Which.Rule.Should().Be("empty", "a package without items is the only problem");
        Exceeds(json, new InteropLimits(maxDepth: 60)).Limit.Should().Be("depth");
    }

    [Fact]
    public void ArrayLength_CountsEveryKindOfElement_AndNoObjectMember()
    {
        var one = new InteropLimits(maxArrayLength: 1);
        Fits("[1]", one);
        Fits("[{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":null,\"e\":[2]}]", one); // an object's members are not elements

        var numbers = Exceeds("[1,2]", one);
        (numbers.Limit, numbers.Value, numbers.Message).Should().Be(("array length", 1, "An array holds more than 1 elements (at byte 3)."));
        Exceeds("[\"a\",\"b\"]", one).Message.Should().Be("An array holds more than 1 elements (at byte 5).");
        Exceeds("[true,null]", one).Message.Should().Be("An array holds more than 1 elements (at byte 6).");
        Exceeds("[[],{}]", one).Message.Should().Be("An array holds more than 1 elements (at byte 4).");
        Fits("[1,2,3]", new InteropLimits(maxArrayLength: 3));
    }

    [Fact]
    public void StringLength_AtTheLimitIsRead_OneByteMoreIsRefused_NamesToo()
    {
        var three = new InteropLimits(maxStringBytes: 3);
        Fits("[\"abc\"]", three);
        Fits("[{\"abc\":\"é\"}]", three);

        var value = Exceeds("[\"abcd\"]", three);
        (value.Limit, value.Value, value.Message).Should().Be(("string length", 3, "A string of 4 bytes at byte 1 is longer than the limit, 3."));
        Exceeds("[{\"abcd\":1}]", three).Message.Should().Be("A string of 4 bytes at byte 2 is longer than the limit, 3.");
        Exceeds("[\"\\n\\n\"]", three).Message.Should().Be("A string of 4 bytes at byte 1 is longer than the limit, 3.", "the length is the bytes as written");
    }

    [Fact]
    public void NotJson_IsOneProblemAtTheRoot_WithTheReadersReason()
    {
        var problem = CasePackageReader.ReadUtf8("{\"CFDocument\": "u8.ToArray()).Problems.Should().ContainSingle().Which;

        var (path, rule, message) = problem;
        (path, rule).Should().Be(("$", "json"));
        message.Should().StartWith("The document is not valid JSON: ").And.NotEndWith(": ", "the reader's reason follows");
        problem.ToString().Should().Be("$: [json] " + message);
        CasePackageReader.ReadUtf8("[1] // note"u8.ToArray()).Problems.Should().ContainSingle().Which.Rule.Should().Be("json", "comments are not JSON");
    }

    [Fact]
    public void TextThatIsNotValid_IsAProblemAtTheRoot_NamingItsByte()
    {
        CasePackageReader.ReadUtf8("[\"a\\uDC00\"]"u8.ToArray()).Problems.Should().ContainSingle().Which
            .Should().Match<InteropProblem>(p => p.Path == "$" && p.Rule == "json" && p.Message.StartsWith("The text at byte 1 is not valid: ", StringComparison.Ordinal));

        // A long escaped string (past the small buffer) is checked as a short one is.
        var longText = "[\"" + string.Concat(Enumerable.Repeat("\\u00e9", 100)) + "\\uD800\"]";
        CasePackageReader.ReadUtf8(Encoding.UTF8.GetBytes(longText)).Problems.Should().ContainSingle().Which.Message.Should().StartWith("The text at byte 1 is not valid: ");
        Fits("[\"" + string.Concat(Enumerable.Repeat("\\u00e9", 100)) + "\"]", InteropLimits.Default);
    }

    [Fact]
    public void UndefinedImportMode_IsRefused_NamingTheMode()
    {
        var thrown = FluentActions.Invoking(() => CasePackageReader.ReadUtf8("[1]"u8.ToArray(), (CaseImportMode)7)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;

        thrown.ParamName.Should().Be("mode");
        thrown.ActualValue.Should().Be((CaseImportMode)7);
        thrown.Message.Should().StartWith("Undefined import mode (7). (Parameter 'mode')");
    }
}

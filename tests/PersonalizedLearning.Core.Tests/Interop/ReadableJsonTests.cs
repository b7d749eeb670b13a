using System.Text.Json;
using CsCheck;
using PersonalizedLearning.Interop;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>The writers' JSON text: every character as itself but what RFC 8259 §7 requires escaped (issue 14: the
/// relaxed built-in encoder still escaped characters outside the BMP, U+2028/2029, U+FEFF and private use).</summary>
public sealed class ReadableJsonTests
{
    private static string Written(string text) => InteropJson.Write(indented: false, w => w.WriteStringValue(text));

    [Theory]
    [InlineData("𠮷野家 😀 𝑑", "\"𠮷野家 😀 𝑑\"")]
    [InlineData("a\u2028b\u2029c\uFEFF\uE000+<>&'", "\"a\u2028b\u2029c\uFEFF\uE000+<>&'\"")]
    [InlineData("q\"b\\n\nt\tc\u0001\u001F\u007F", "\"q\\\"b\\\\n\\nt\\tc\\u0001\\u001F\u007F\"")]
    public void OnlyWhatJsonRequires_IsEscaped(string text, string json) => Written(text).Should().Be(json);

    [Theory]
    [InlineData("\"", "\"\\\"\"")]
    [InlineData("\\", "\"\\\\\"")]
    [InlineData("\n", "\"\\n\"")]
    [InlineData("\b\f", "\"\\b\\f\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    [InlineData("a\u001F", "\"a\\u001F\"")]
    public void TextThatIsAllEscapes_IsEscapedWhole(string text, string json) => Written(text).Should().Be(json);

    [Fact]
    public void TextStartingWithALoneSurrogate_IsWrittenWithAnEscapedReplacementCharacter_AndWhatFollowsEscaped()
    {
        // (In a fact, not inline data: a lone surrogate cannot be a test case's name.) The replacement is escaped.
        foreach (var (text, json, read) in new[] { ("\uD800", "\"\\uFFFD\"", "\uFFFD"), ("\uDC00x", "\"\\uFFFDx\"", "\uFFFDx"), ("\uD800\"", "\"\\uFFFD\\\"\"", "\uFFFD\"") })
        {
            Written(text).Should().Be(json);
            JsonSerializer.Deserialize<string>(json).Should().Be(read);
        }
    }

    [Fact]
    public void AnyWellFormedText_IsWrittenAsItself_AndReadsBack()
    {
        // Any Unicode scalar values, a third of them outside the BMP.
        var scalar = Gen.Frequency((2, Gen.Int[0, 0xD7FF]), (1, Gen.Int[0xE000, 0xFFFF]), (1, Gen.Int[0x10000, 0x10FFFF]));
        scalar.Array[0, 30].Select(values => string.Concat(values.Select(char.ConvertFromUtf32))).Sample(s =>
        {
            var json = Written(s);
            JsonSerializer.Deserialize<string>(json).Should().Be(s);
            System.Text.RegularExpressions.Regex.Matches(json, @"\\u([0-9A-F]{4})").Select(m => Convert.ToInt32(m.Groups[1].Value, 16))
                .Where(c => c >= 0x20).Should().BeEmpty("only control characters are written as \\u escapes");
        }, iter: PropertyRuns.Iter(2000));
    }

    [Fact]
    public void ALoneSurrogate_IsWrittenAsTheReplacementCharacter()
    {
        // Text that is not well-formed UTF-16 cannot be UTF-8; the writer puts U+FFFD in its place, as UTF-8 decoders do.
        JsonSerializer.Deserialize<string>(Written("a\uD800b")).Should().Be("a\uFFFDb");
    }
}

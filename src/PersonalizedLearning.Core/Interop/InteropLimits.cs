using System.Globalization;
using System.Text.Json;

namespace PersonalizedLearning.Interop;

/// <summary>
/// Limits on a document from outside (a CASE package, a batch of xAPI statements): its size, how deeply it nests, how
/// many elements one array holds and how long one string is. Checked in one streaming pass before anything is built,
/// so a hostile document fails quickly with memory bounded by <see cref="MaxDocumentBytes"/>.
/// </summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record InteropLimits
{
    /// <summary>Creates limits.</summary>
    /// <param name="maxDocumentBytes">The largest document, in UTF-8 bytes; at least 2.</param>
    /// <param name="maxDepth">The deepest nesting of objects and arrays; in [1, 256].</param>
    /// <param name="maxArrayLength">The most elements in one array (items, associations, statements); at least 1.</param>
    /// <param name="maxStringBytes">The longest string or property name, in UTF-8 bytes as written; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range: one exception for every problem, whose
    /// <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message names each bad parameter,
    /// its rule and the value given.</exception>
    public InteropLimits(int maxDocumentBytes = 64 * 1024 * 1024, int maxDepth = 32, int maxArrayLength = 1_000_000, int maxStringBytes = 64 * 1024)
    {
        var problems = new OptionProblems("interop limits");
        problems.Require(maxDocumentBytes >= 2, nameof(maxDocumentBytes), "the document limit must be at least 2 bytes", maxDocumentBytes);
        problems.Require(maxDepth is >= 1 and <= 256, nameof(maxDepth), "the depth limit must be in [1, 256]", maxDepth);
        problems.Require(maxArrayLength >= 1, nameof(maxArrayLength), "the array limit must be at least 1 element", maxArrayLength);
        problems.Require(maxStringBytes >= 1, nameof(maxStringBytes), "the string limit must be at least 1 byte", maxStringBytes);
        problems.ThrowIfAny();
        MaxDocumentBytes = maxDocumentBytes;
        MaxDepth = maxDepth;
        MaxArrayLength = maxArrayLength;
        MaxStringBytes = maxStringBytes;
    }

    /// <summary>The defaults: 64 MiB, depth 32, a million elements per array, 64 KiB per string.</summary>
    public static InteropLimits Default { get; } = new();

    /// <summary>The largest document, in UTF-8 bytes.</summary>
    public int MaxDocumentBytes { get; }

    /// <summary>The deepest nesting of objects and arrays.</summary>
    public int MaxDepth { get; }

    /// <summary>The most elements in one array.</summary>
    public int MaxArrayLength { get; }

    /// <summary>The longest string or property name, in UTF-8 bytes as written.</summary>
    public int MaxStringBytes { get; }

    // Reads a whole stream, but never more than the document limit plus one byte: a stream that goes on (or lies about
    // its length) fails after that much, so memory stays bounded whatever is on the other end.
    internal async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var remaining = stream.CanSeek ? stream.Length - stream.Position : -1;
        if (remaining > MaxDocumentBytes)
        {
            throw new InteropLimitExceededException("document size", MaxDocumentBytes, $"The stream holds {remaining.ToString(CultureInfo.InvariantCulture)} bytes; the limit is {MaxDocumentBytes.ToString(CultureInfo.InvariantCulture)}.");
        }

        var buffer = new byte[remaining >= 0 ? remaining + 1 : Math.Min(MaxDocumentBytes + 1, 81920)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > MaxDocumentBytes)
                {
                    throw new InteropLimitExceededException("document size", MaxDocumentBytes, $"The stream holds more than {MaxDocumentBytes.ToString(CultureInfo.InvariantCulture)} bytes; reading stopped there.");
                }

                Array.Resize(ref buffer, (int)Math.Min((long)MaxDocumentBytes + 1, buffer.Length * 2L));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
        }
    }

    // One pass over the document: throws when a limit is exceeded; returns the syntax error, if any, as a problem.
    internal InteropProblem? Scan(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxDocumentBytes)
        {
            throw new InteropLimitExceededException("document size", MaxDocumentBytes, $"The document is {utf8.Length.ToString(CultureInfo.InvariantCulture)} bytes; the limit is {MaxDocumentBytes.ToString(CultureInfo.InvariantCulture)}.");
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        Span<int> counts = stackalloc int[MaxDepth + 2];
        try
        {
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (depth >= MaxDepth)
                        {
                            throw new InteropLimitExceededException("depth", MaxDepth, $"The document nests deeper than {MaxDepth.ToString(CultureInfo.InvariantCulture)} levels (at byte {reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture)}).");
                        }

                        Count(counts, depth, reader.TokenStartIndex);
                        counts[depth + 1] = reader.TokenType == JsonTokenType.StartArray ? 0 : -1;
                        break;
                    case JsonTokenType.PropertyName or JsonTokenType.String:
                        if (reader.ValueSpan.Length > MaxStringBytes)
                        {
                            throw new InteropLimitExceededException("string length", MaxStringBytes, $"A string of {reader.ValueSpan.Length.ToString(CultureInfo.InvariantCulture)} bytes at byte {reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture)} is longer than the limit, {MaxStringBytes.ToString(CultureInfo.InvariantCulture)}.");
                        }

                        if (reader.TokenType == JsonTokenType.String)
                        {
                            Count(counts, depth, reader.TokenStartIndex);
                        }

                        if (Text(ref reader) is { } bad)
                        {
                            return bad;
                        }

                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.Comment or JsonTokenType.None:
                        break;
                    default:
                        Count(counts, depth, reader.TokenStartIndex);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return new InteropProblem("$", "json", $"The document is not valid JSON: {e.Message}");
        }

        return null;
    }

    // A string or name must become text: valid UTF-8, and escapes that make valid UTF-16 (no lone surrogate). The reader
    // checks neither until the text is asked for, so it is asked here, once, rather than failing later where only a
    // documented exception is allowed.
    private static InteropProblem? Text(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan) ? null
                : new InteropProblem("$", "json", $"The document is not valid UTF-8 (in the text at byte {reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture)}).");
        }

        // Unescaped into a stack or pooled buffer: checking allocates nothing (the string limit bounds the size).
        var needed = reader.ValueSpan.Length;
        char[]? rented = null;
        var buffer = needed <= 256 ? stackalloc char[256] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(needed));
        try
        {
            reader.CopyString(buffer);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return new InteropProblem("$", "json", $"The text at byte {reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture)} is not valid: {e.Message}");
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Counts one element of the array that holds it (counts[depth] is -1 inside an object).
    private void Count(Span<int> counts, int depth, long at)
    {
        if (counts[depth] >= 0 && ++counts[depth] > MaxArrayLength)
        {
            throw new InteropLimitExceededException("array length", MaxArrayLength, $"An array holds more than {MaxArrayLength.ToString(CultureInfo.InvariantCulture)} elements (at byte {at.ToString(CultureInfo.InvariantCulture)}).");
        }
    }
}

/// <summary>A document from outside broke one of the <see cref="InteropLimits"/>; nothing was read from it.</summary>
public sealed class InteropLimitExceededException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">Which limit: "document size", "depth", "array length" or "string length".</param>
    /// <param name="value">The limit's value.</param>
    /// <param name="message">What exceeded it.</param>
    public InteropLimitExceededException(string limit, int value, string message)
        : base(message)
    {
        Limit = limit;
        Value = value;
    }

    /// <summary>Which limit was exceeded.</summary>
    public string Limit { get; }

    /// <summary>The limit's value.</summary>
    public int Value { get; }
}

/// <summary>One thing wrong with a document from outside: where (a JSON path such as <c>$.CFItems[3].uri</c>), which
/// rule, and a sentence.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record InteropProblem
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal InteropProblem(string Path, string Rule, string Message)
    {
        this.Path = Path;
        this.Rule = Rule;
        this.Message = Message;
    }

    /// <summary>The JSON path of the offending value.</summary>
    public string Path { get; internal init; }

    /// <summary>The rule it breaks, such as <c>required</c>, <c>format: uri</c> or <c>unique</c>.</summary>
    public string Rule { get; internal init; }

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Path">The value of <see cref="Path"/>.</param>
    /// <param name="Rule">The value of <see cref="Rule"/>.</param>
    /// <param name="Message">The value of <see cref="Message"/>.</param>
    public void Deconstruct(out string Path, out string Rule, out string Message)
    {
        Path = this.Path;
        Rule = this.Rule;
        Message = this.Message;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Path}: [{Rule}] {Message}";
}

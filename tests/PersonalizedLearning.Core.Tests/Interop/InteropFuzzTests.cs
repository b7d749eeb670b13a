using System.Text.Json.Nodes;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Interop.Xapi;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>
/// Generated hostile input for the CASE and xAPI readers, of two kinds. <b>Free</b> random JSON trees (keys and values
/// mostly from the two standards' vocabularies) test the top-level checks only: such a tree is almost never a package
/// or a statement (0 of 2,000 imported when it was all the suite had), so nothing deeper runs on it. <b>Skeletons</b>
/// have the shape the schemas give (a CFDocument, CFItems and CFAssociations with their members; statements with id,
/// actor, verb, object, result and timestamp), each member valid 24 times in 25 and random JSON otherwise, so that the
/// checks of every member run and a share imports, whose import → export → import is checked; the share and the round
/// trips are reported and have a floor. Nothing may crash, hang or throw anything but the documented exceptions.
/// Mutations of valid documents are in <see cref="ValidInputFuzzTests"/>. The suite runs <see cref="Iterations"/>
/// inputs per reader (2,000 unless <c>FUZZ_ITERATIONS</c> says otherwise, for a longer run by hand).
/// </summary>
public class InteropFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    internal static int Iterations => PropertyRuns.Iter(int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 2_000);

    /// <summary>Mutations of a valid document: a position, what to do there (0 delete, 1 insert a character, 2 replace a
    /// character, 3 copy a slice of the document there, 4 insert a hostile fragment, 5 insert a quote), a character
    /// and a length.</summary>
    internal static Gen<(int At, int How, char Char, int Length)[]> Mutations(string document, int most) =>
        Gen.Select(Gen.Int[0, document.Length - 1], Gen.Int[0, 5], Gen.Char, Gen.Int[1, 40]).Array[1, most];

    internal static string Mutate(string document, (int At, int How, char Char, int Length)[] mutations, string fragment)
    {
        var text = new System.Text.StringBuilder(document);
        foreach (var (at, how, c, length) in mutations)
        {
            var i = Math.Min(at, Math.Max(0, text.Length - 1));
            var from = Math.Min(at, document.Length - 1);
            switch (how)
            {
                case 0: text.Remove(i, Math.Min(length, text.Length - i)); break;
                case 1: text.Insert(i, c); break;
                case 2 when text.Length > 0: text[i] = c; break;
                case 3: text.Insert(i, document.AsSpan(from, Math.Min(length, document.Length - from))); break;
                case 4: text.Insert(i, fragment); break;
                default: text.Insert(i, '"'); break;
            }
        }

        return text.ToString();
    }

    private static readonly string[] Keys =
    [
        "CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "identifier", "uri", "creator", "title", "lastChangeDateTime", "fullStatement",
        "humanCodingScheme", "associationType", "originNodeURI", "destinationNodeURI", "sequenceNumber", "extensions", "personalizedLearningId",
        "id", "actor", "verb", "object", "result", "score", "scaled", "raw", "min", "max", "success", "duration", "timestamp", "stored", "context",
        "contextActivities", "parent", "grouping", "category", "other", "objectType", "mbox", "account", "homePage", "name", "statements",
    ];

    private static readonly string[] Values =
    [
        "a0000000-0000-4000-8000-000000000001", "b0000000-0000-4000-8000-000000000002", "https://case.example.org/uri/a0000000-0000-4000-8000-000000000001",
        "https://case.example.org/uri/b0000000-0000-4000-8000-000000000002", "2025-01-02T03:04:05Z", "isChildOf", "precedes", "isRelatedTo", "ext:x", "Group",
        "http://adlnet.gov/expapi/verbs/answered", "http://adlnet.gov/expapi/verbs/voided", "http://adlnet.gov/expapi/verbs/passed", "PT5M", "P1Y", "PT-3S",
        "mailto:a@example.org", "StatementRef", "", " ", "1", "not a uri", "\u0000", "\uD800", "𝔸",
    ];

    private static JsonNode? RandomJson(Random random, int depth)
    {
        switch (random.Next(depth > 5 ? 5 : 8))
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(2) == 0);
            case 2: return JsonValue.Create(random.Next(5) switch { 0 => random.Next(-3, 4), 1 => random.NextDouble() * 4 - 2, 2 => 1e308, 3 => -1e-308, _ => int.MaxValue });
            case 3 or 4: return JsonValue.Create(random.Next(4) == 0 ? new string((char)random.Next(32, 0x2FFF), random.Next(0, 30)) : Values[random.Next(Values.Length)]);
            case 5: return new JsonArray([.. Enumerable.Range(0, random.Next(6)).Select(_ => RandomJson(random, depth + 1))]);
            default:
                var node = new JsonObject();
                for (var i = random.Next(8); i > 0; i--)
                {
                    node[random.Next(10) == 0 ? $"k{random.Next(100)}" : Keys[random.Next(Keys.Length)]] = RandomJson(random, depth + 1);
                }

                return node;
        }
    }

    // A member's value: the valid one 24 times in 25, random JSON (or nothing) otherwise (a package has about 20 members:
    // at 9 in 10, 1 skeleton in 40 imported).
    private static JsonNode? Or(Random random, JsonNode? valid) => random.Next(25) == 0 ? RandomJson(random, 3) : valid;

    private static readonly string[] AssociationTypes = ["isChildOf", "precedes", "isRelatedTo", "isPeerOf", "exactMatchOf", "exemplar", "isPartOf"];

    // A CASE package with the shape of 1EdTech's CFPackage schema: the document, up to 5 items and up to 6 associations
    // between them and the document, every member the reader reads.
    private static JsonObject CaseSkeleton(Random random)
    {
        var document = Fuzzing.Uuid(random);
        var nodes = new List<(string Identifier, string Uri)> { (document, $"https://case.example.org/uri/{document}") };
        var items = new JsonArray();
        for (var i = random.Next(6); i > 0; i--)
        {
            var identifier = random.Next(8) == 0 ? nodes[random.Next(nodes.Count)].Identifier : Fuzzing.Uuid(random);
            nodes.Add((identifier, $"https://case.example.org/uri/{identifier}"));
            items.Add(new JsonObject
            {
                ["identifier"] = Or(random, identifier),
                ["uri"] = Or(random, nodes[^1].Uri),
                ["fullStatement"] = Or(random, $"Statement {i}"),
                ["humanCodingScheme"] = Or(random, $"S.{i}"),
                ["lastChangeDateTime"] = Or(random, "2025-01-02T03:04:05Z"),
            });
        }

        var associations = new JsonArray();
        for (var i = random.Next(7); i > 0 && nodes.Count > 1; i--)
        {
            var (origin, destination) = (nodes[random.Next(1, nodes.Count)], nodes[random.Next(nodes.Count)]);
            var identifier = Fuzzing.Uuid(random);
            associations.Add(new JsonObject
            {
                ["identifier"] = Or(random, identifier),
                ["uri"] = Or(random, $"https://case.example.org/uri/{identifier}"),
                ["associationType"] = Or(random, AssociationTypes[random.Next(AssociationTypes.Length)]),
                ["originNodeURI"] = Or(random, new JsonObject { ["identifier"] = origin.Identifier, ["uri"] = origin.Uri, ["title"] = "o" }),
                ["destinationNodeURI"] = Or(random, new JsonObject { ["identifier"] = destination.Identifier, ["uri"] = destination.Uri }),
                ["sequenceNumber"] = Or(random, random.Next(3) == 0 ? null : random.Next(1, 10)),
                ["lastChangeDateTime"] = Or(random, "2025-01-02T03:04:05+01:00"),
            });
        }

        return new JsonObject
        {
            ["CFDocument"] = Or(random, new JsonObject
            {
                ["identifier"] = Or(random, document),
                ["uri"] = Or(random, nodes[0].Uri),
                ["creator"] = Or(random, "Fuzz"),
                ["title"] = Or(random, "Skeleton"),
                ["lastChangeDateTime"] = Or(random, "2025-01-02T03:04:05Z"),
            }),
            ["CFItems"] = Or(random, items),
            ["CFAssociations"] = Or(random, associations),
        };
    }

    // A batch of xAPI statements with the shape the specification gives them (Data §2.4), for the mapper below.
    private static JsonNode XapiSkeleton(Random random)
    {
        var batch = new JsonArray();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            batch.Add(new JsonObject
            {
                ["id"] = Or(random, Fuzzing.Uuid(random)),
                ["actor"] = Or(random, random.Next(2) == 0 ? new JsonObject { ["mbox"] = "mailto:a@example.org" } : new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://lms.example.org", ["name"] = "a" } }),
                ["verb"] = Or(random, new JsonObject { ["id"] = Values[random.Next(10, 13)], ["display"] = Or(random, new JsonObject { ["en-US"] = "did" }) }),
                ["object"] = Or(random, new JsonObject { ["objectType"] = Or(random, "Activity"), ["id"] = Or(random, Values[random.Next(2, 4)]) }),
                ["result"] = Or(random, new JsonObject
                {
                    ["score"] = Or(random, new JsonObject { ["scaled"] = Or(random, Math.Round((random.NextDouble() * 2) - 1, 2)) }),
                    ["success"] = Or(random, random.Next(2) == 0),
                    ["duration"] = Or(random, "PT5M"),
                }),
                ["timestamp"] = Or(random, "2025-01-02T03:04:05Z"),
            });
        }

        return random.Next(4) == 0 ? new JsonObject { ["statements"] = batch } : batch;
    }

    /// <summary>Each statement gives evidence, is rejected, or voids one (whose evidence, if it is in the batch, goes):
    /// statements = evidence + rejected + voided + evidence removed (at most one per voided id); each rejection has its
    /// own index in the batch (a batch that is not JSON counts no statement and is one rejection, at index 0).</summary>
    internal static void AccountsForEveryStatement(XapiMappingResult result)
    {
        var (e, r, v) = (result.Evidence.Length, result.Rejected.Length, result.Voided.Length);
        if (result.Statements == 0)
        {
            (e, v).Should().Be((0, 0));
            result.Rejected.Should().Match<IEnumerable<XapiRejection>>(x => !x.Any() || x.Single().Reason == XapiRejectionReason.Malformed && x.Single().Index == 0, "a batch that is not JSON is one rejection");
            return;
        }

        result.Statements.Should().BeInRange(e + r + v, e + r + (2 * v));
        result.Rejected.Select(x => x.Index).Should().OnlyHaveUniqueItems().And.Match(indexes => indexes.All(i => i >= 0 && i < result.Statements));
    }

    [Fact]
    public void GeneratedInput_NeverBreaksTheCaseReader()
    {
        var (free, skeletons, imported, roundTrips) = (0, 0, 0, 0);
        for (var seed = 0; seed < Iterations; seed++)
        {
            var random = new Random(seed);
            var skeleton = random.Next(4) > 0;
            var json = (skeleton ? CaseSkeleton(random) : RandomJson(random, 0))?.ToJsonString() ?? "null";
            (free, skeletons) = skeleton ? (free, skeletons + 1) : (free + 1, skeletons);
            foreach (var mode in new[] { CaseImportMode.AllOrNothing, CaseImportMode.ImportValid })
            {
                var result = CasePackageReader.Read(json, mode);
                (result.Framework is not null || !result.Problems.IsEmpty).Should().BeTrue();
                if (mode == CaseImportMode.AllOrNothing)
                {
                    result.IsClean.Should().Be(result.Framework is not null, "AllOrNothing gives a framework exactly when there is no problem");
                    imported += result.IsClean ? 1 : 0;
                }

                if (result.Framework is { Framework.Count: > 0 } framework)
                {
                    roundTrips++;
                    CasePackageReader.Read(CasePackageWriter.Write(framework)).Framework.Should().Be(framework, "whatever was imported exports and imports back");
                }
            }
        }

        output.WriteLine($"CASE: {free} free random trees, {skeletons} skeletons; imported cleanly {imported} ({Fuzzing.Percent(imported, skeletons)} of the skeletons); round trips {roundTrips}");
        // (With these seeds 134 of 1,502 skeletons import cleanly: the rest have a member that is not valid, no items, an
        // item that repeats an identifier, or a link that closes a cycle. Free trees import none.)
        if (PropertyRuns.FloorsAsserted)
        {
            imported.Should().BeGreaterThanOrEqualTo(skeletons / 20, "a skeleton whose members are all valid and whose links close no cycle imports");
            roundTrips.Should().BeGreaterThanOrEqualTo(skeletons / 2, "ImportValid keeps what is valid in most skeletons");
        }
    }

    [Fact]
    public void GeneratedInput_NeverBreaksTheXapiMapper()
    {
        var framework = new CompetencyFrameworkBuilder("f").Add(new Competency("A", "A", uri: new Uri("https://case.example.org/uri/a0000000-0000-4000-8000-000000000001"))).Build();
        var mapper = new XapiStatementMapper(new ActivityCatalogBuilder(framework).Add(new LearningActivity("https://case.example.org/uri/b0000000-0000-4000-8000-000000000002", "B", ActivityKind.Practice, 5, TestData.Align("A"))).Build());
        var (free, skeletons, evidence, statements) = (0, 0, 0, 0);
        for (var seed = 0; seed < Iterations; seed++)
        {
            var random = new Random(seed);
            var skeleton = random.Next(4) > 0;
            var json = (skeleton ? XapiSkeleton(random) : RandomJson(random, 0))?.ToJsonString() ?? "null";
            (free, skeletons) = skeleton ? (free, skeletons + 1) : (free + 1, skeletons);
            var result = mapper.Map(json);

            AccountsForEveryStatement(result);
            var e = result.Evidence.Length;
            if (skeleton)
            {
                (evidence, statements) = (evidence + e, statements + result.Statements);
                PersonalizedLearning.Serialization.PersonalizedLearningJson.Deserialize<System.Collections.Immutable.ImmutableArray<PersonalizedLearning.Observations.Evidence>>(
                    PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(result.Evidence)).Should().Equal(result.Evidence);
            }
        }

        output.WriteLine($"xAPI: {free} free random trees, {skeletons} skeleton batches; {evidence} of their {statements} statements gave evidence ({Fuzzing.Percent(evidence, statements)})");
        if (PropertyRuns.FloorsAsserted)
        {
            evidence.Should().BeGreaterThanOrEqualTo(statements / 10, "a statement whose members are all valid (about 1 in 3) gives evidence");
        }
    }
}

/// <summary>Streams: read to the end, but never more than the document limit, whatever the other end sends.</summary>
public class InteropStreamTests
{
    // A stream that never ends, counting what was read from it.
    private sealed class Endless : ForwardOnly
    {
        public long Served { get; private set; }

        protected override long Consumed => Served;

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'[');
            Served += count;
            return count;
        }
    }

    // What the test streams share: read-only, forward-only, their position what they have given so far.
    private abstract class ForwardOnly : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Consumed; set => throw new NotSupportedException(); }

        protected abstract long Consumed { get; }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task AnEndlessStream_FailsAfterTheLimit_WithMemoryBounded()
    {
        var limits = new InteropLimits(maxDocumentBytes: 1 << 20);
        var endless = new Endless();

        var act = () => CasePackageReader.ReadAsync(endless, limits: limits);

        (await act.Should().ThrowAsync<InteropLimitExceededException>()).Which.Limit.Should().Be("document size");
        endless.Served.Should().BeInRange((1 << 20) + 1, (1 << 20) + 81920, "reading stops just past the limit");
        var mapper = new XapiStatementMapper(TestData.CatalogFor(TestData.Diamond()));
        await FluentActions.Invoking(() => mapper.MapAsync(new Endless(), limits)).Should().ThrowAsync<InteropLimitExceededException>();
    }

    // A stream that can only be read forward, in whatever pieces the reader asks for.
    private sealed class OneWay(byte[] bytes, bool later = false) : ForwardOnly
    {
        private int _at;

        protected override long Consumed => _at;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, bytes.Length - _at);
            bytes.AsSpan(_at, n).CopyTo(buffer.AsSpan(offset));
            _at += n;
            return n;
        }

        // Later: each read completes on the thread pool, after the caller has gone on.
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (later)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }

            var n = Math.Min(buffer.Length, bytes.Length - _at);
            bytes.AsSpan(_at, n).CopyTo(buffer.Span);
            _at += n;
            return n;
        }
    }

    // A caller's context (a UI thread's, say) that counts what is sent back to it.
    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => _posts;

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }

    [Fact]
    public async Task ReadingAStreamThatAnswersLater_NeverResumesOnTheCallersContext()
    {
        // A library must not come back to the caller's context: a caller that blocks on the task there would deadlock.
        var context = new CountingContext();
        var previous = SynchronizationContext.Current;
        Task<CaseImportResult> reading;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            reading = CasePackageReader.ReadAsync(new OneWay(System.Text.Encoding.UTF8.GetBytes(DocumentOnly), later: true));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        (await reading).Problems.Should().ContainSingle().Which.Rule.Should().Be("empty");
        context.Posts.Should().Be(0);
    }

    private const string DocumentOnly = "{\"CFDocument\":{\"identifier\":\"d0000000-0000-4000-8000-000000000000\",\"uri\":\"https://x.org/d\",\"creator\":\"c\",\"title\":\"t\",\"lastChangeDateTime\":\"2025-01-01T00:00:00Z\"}}";

    [Fact]
    public async Task AnEndlessStream_IsReadToOneBytePastTheLimit_AndNoFurther()
    {
        foreach (var limit in new[] { 100, 100_000 })
        {
            var endless = new Endless();

            var thrown = (await FluentActions.Invoking(() => CasePackageReader.ReadAsync(endless, limits: new InteropLimits(maxDocumentBytes: limit)))
                .Should().ThrowExactlyAsync<InteropLimitExceededException>()).Which;

            (thrown.Limit, thrown.Value, thrown.Message).Should().Be(("document size", limit, $"The stream holds more than {limit} bytes; reading stopped there."));
            endless.Served.Should().Be(limit + 1, "the limit plus one byte is read, never more");
        }
    }

    [Fact]
    public async Task AForwardOnlyStream_ExactlyAtTheLimit_IsRead()
    {
        // 81,920 bytes: the first buffer's size, so the buffer is full exactly when the document ends.
        var json = System.Text.Encoding.UTF8.GetBytes(DocumentOnly.PadRight(81_920));

        var result = await CasePackageReader.ReadAsync(new OneWay(json), limits: new InteropLimits(maxDocumentBytes: 81_920));

        result.Problems.Should().ContainSingle().Which.Rule.Should().Be("empty", "the document was read whole, and has no items");
        (await CasePackageReader.ReadAsync(new OneWay(json[..100]), limits: new InteropLimits(maxDocumentBytes: 81_920))).Problems.Should().ContainSingle().Which.Rule.Should().Be("json");
    }

    [Fact]
    public async Task ASeekableStream_IsReadFromItsPosition_AndOnlyWhatRemainsCounts()
    {
        var document = System.Text.Encoding.UTF8.GetBytes(DocumentOnly);
        var stream = new MemoryStream("junk"u8.ToArray().Concat(document).ToArray()) { Position = 4 };

        var result = await CasePackageReader.ReadAsync(stream, limits: new InteropLimits(maxDocumentBytes: document.Length));

        result.Problems.Should().ContainSingle().Which.Rule.Should().Be("empty");
        var tooLong = new MemoryStream(document);
        var thrown = (await FluentActions.Invoking(() => CasePackageReader.ReadAsync(tooLong, limits: new InteropLimits(maxDocumentBytes: document.Length - 1)))
            .Should().ThrowExactlyAsync<InteropLimitExceededException>()).Which;
        (thrown.Limit, thrown.Value, thrown.Message).Should().Be(("document size", document.Length - 1, $"The stream holds {document.Length} bytes; the limit is {document.Length - 1}."));
        (await CasePackageReader.ReadAsync(new MemoryStream())).Problems.Should().ContainSingle().Which.Rule.Should().Be("json", "an empty stream is no JSON");
    }

    [Fact]
    public async Task Streams_AreReadToTheEnd_AndALongSeekableOneFailsBeforeReading()
    {
        var json = System.Text.Encoding.UTF8.GetBytes("{\"CFDocument\":{\"identifier\":\"d0000000-0000-4000-8000-000000000000\",\"uri\":\"https://x.org/d\",\"creator\":\"c\",\"title\":\"t\",\"lastChangeDateTime\":\"2025-01-01T00:00:00Z\"}}");

        // Read to the end: the document is valid, and its want of items is the only problem.
        (await CasePackageReader.ReadAsync(new MemoryStream(json))).Problems.Should().ContainSingle().Which.Rule.Should().Be("empty");
        var tooLong = new MemoryStream(json);
        await FluentActions.Invoking(() => CasePackageReader.ReadAsync(tooLong, limits: new InteropLimits(maxDocumentBytes: 100))).Should().ThrowAsync<InteropLimitExceededException>();
        tooLong.Position.Should().Be(0, "its length says enough");
        var mapper = new XapiStatementMapper(TestData.CatalogFor(TestData.Diamond()));
        (await mapper.MapAsync(new MemoryStream("[]"u8.ToArray()))).Statements.Should().Be(0);
        await FluentActions.Invoking(() => CasePackageReader.ReadAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
    }
}

/// <summary>Byte-level hostile input: invalid UTF-8 and escapes that make no valid text are problems, not crashes.</summary>
public class InteropBytesTests
{
    private const string Document = "{\"CFDocument\":{\"identifier\":\"d0000000-0000-4000-8000-000000000000\",\"uri\":\"https://x.org/d\",\"creator\":\"c\",\"title\":\"tXX\",\"lastChangeDateTime\":\"2025-01-01T00:00:00Z\"}}";

    [Fact]
    public void InvalidUtf8_AndLoneSurrogates_AreProblems()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Document);
        var at = Array.IndexOf(bytes, (byte)'X');
        (bytes[at], bytes[at + 1]) = ((byte)0xFF, (byte)0xC0);

        CasePackageReader.ReadUtf8(bytes).Problems.Should().Equal(new InteropProblem("$", "json", "The document is not valid UTF-8 (in the text at byte 113)."));
        CasePackageReader.Read(Document.Replace("XX", "\\uD800", StringComparison.Ordinal)).Problems.Should().ContainSingle().Which.Message
            .Should().StartWith("The text at byte 113 is not valid: ");
        var mapper = new XapiStatementMapper(TestData.CatalogFor(TestData.Diamond()));
        mapper.MapUtf8(bytes).Rejected.Should().ContainSingle().Which.Reason.Should().Be(XapiRejectionReason.Malformed);
    }

    [Fact]
    public void Fuzz_MutatedBytes_NeverThrowAnythingButTheDocumentedExceptions()
    {
        var seed = System.Text.Encoding.UTF8.GetBytes(Document);
        var mapper = new XapiStatementMapper(TestData.CatalogFor(TestData.Diamond()));
        Gen.Select(Gen.Int[0, seed.Length - 1], Gen.Byte, Gen.Bool).Array[1, 6].Sample(mutations =>
        {
            var bytes = seed.ToList();
            foreach (var (at, value, insert) in mutations)
            {
                var i = Math.Min(at, bytes.Count - 1);
                if (insert)
                {
                    bytes.Insert(i, value);
                }
                else
                {
                    bytes[i] = value;
                }
            }

            var array = bytes.ToArray();
            var result = CasePackageReader.ReadUtf8(array, CaseImportMode.ImportValid);
            (result.Framework is not null || !result.Problems.IsEmpty).Should().BeTrue();
            InteropFuzzTests.AccountsForEveryStatement(mapper.MapUtf8(array));
        }, iter: InteropFuzzTests.Iterations, threads: 1);
    }
}

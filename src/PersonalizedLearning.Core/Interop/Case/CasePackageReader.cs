using System.Globalization;
using System.Text;
using System.Text.Json;
using PersonalizedLearning.Diagnostics;

namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// Reads a 1EdTech CASE 1.1 (or 1.0) package (CFDocument, CFItems, CFAssociations, CFDefinitions) into a
/// <see cref="CaseFramework"/>, checking the fields the official schema requires and reporting every problem with its
/// JSON path and rule.
/// </summary>
/// <remarks>
/// <para><b>Required</b> (as the schema says): the document's identifier, uri, creator, title and lastChangeDateTime; each
/// item's identifier, fullStatement, uri and lastChangeDateTime; each association's identifier, associationType, uri,
/// originNodeURI and destinationNodeURI (each with identifier and uri) and lastChangeDateTime. Identifiers of the
/// document, items and associations are UUIDs, URIs are absolute, dates are ISO 8601 (UTC when no offset is given),
/// item identifiers and URIs are unique. A sequenceNumber is a whole number; a string of digits (as OpenSALT writes
/// it) is read as one.</para>
/// <para><b>Mapping.</b> An item becomes a competency (id = identifier, or the <c>extensions.personalizedLearningId</c>
/// this library writes for ids that are not UUIDs; title = fullStatement; code = humanCodingScheme; the URI).
/// <c>isChildOf</c> (origin the child, destination the parent; a destination that is the document makes a root) gives
/// the hierarchy, children ordered by sequenceNumber; <c>precedes</c> gives prerequisites; <c>isPeerOf</c>,
/// <c>isRelatedTo</c> and <c>exactMatchOf</c> give related links. Every association, of any type, to any node inside
/// or outside the package, is kept in <see cref="CaseFramework.Associations"/>. An association that would close a cycle,
/// relate a node to itself or repeat another is a problem.</para>
/// <para><b>CASE 1.0 and loose producers.</b> What is read is held in CASE 1.1's form, so that export writes a package
/// 1EdTech's CASE 1.1 CFPackage schema accepts with nothing lost: CASE 1.0's <c>educationalLevel</c> becomes
/// <c>educationLevel</c> (a list; a comma-separated string is split); the 1.0 links 1.1 dropped (<c>CFPackageURI</c>,
/// <c>CFDocumentURI</c>, <c>CFItemAssociationURI</c>) go when they point at the package's own document or item and move
/// into the node's <c>extensions</c> otherwise, and the document then says <c>caseVersion</c> "1.1". A member whose
/// value is null is read as absent (CASE's JSON binding has no null; OpenCASE and OpenSALT write them), except inside
/// <c>extensions</c>; in CFDefinitions a required text that is missing is empty and a lastChangeDateTime without a zone
/// gets the UTC offset it is read with. Every other member is kept as it was written, and each lastChangeDateTime the
/// library reads is written back as spelled while its value is unchanged (when the spelling is RFC 3339's, which the
/// 1.1 schema requires; one without a zone, read as UTC, is written with <c>+00:00</c>).</para>
/// <para><b>Hostile input.</b> The document is first scanned against <see cref="InteropLimits"/>; only
/// <see cref="ArgumentNullException"/>, <see cref="InteropLimitExceededException"/> and (for an undefined
/// <see cref="CaseImportMode"/>) <see cref="ArgumentOutOfRangeException"/> are thrown, anything else wrong (including
/// JSON syntax) is a problem in the result.</para>
/// <para><b>Lenient on what it does not read.</b> Members the library keeps without reading (abbreviatedStatement,
/// CFItemType, definitions, rubrics, extensions…) are not checked against the schema: a package that breaks a rule
/// there imports, and its export breaks the same rule. Export is valid CASE 1.1 for every package that is. A blank
/// fullStatement or document title is a problem (a competency needs a name), as is a relative URI (CASE's URIs are
/// network-resolvable), a prerequisite cycle or a link of an item to itself (the framework could not order them); the
/// CASE 1.1 schema itself allows these.</para>
/// <para>Thread-safe.</para>
/// </remarks>
// The entry points and their limits and telemetry. A read itself is CaseReading: the document, then CaseItemsReader,
// CaseAssociationsReader and CaseFrameworkAssembler, with CaseFieldReader reading members and keeping the problems.
public static class CasePackageReader
{
    /// <summary>Reads a package from JSON text.</summary>
    /// <param name="json">The package.</param>
    /// <param name="mode">Whether a problem means no framework, or only leaves out what it touches.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <returns>The framework (or null) and every problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="InteropLimitExceededException">The document breaks a limit.</exception>
    public static CaseImportResult Read(string json, CaseImportMode mode = CaseImportMode.AllOrNothing, InteropLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= InteropLimits.Default;
        return ImportTelemetry.Run(PersonalizedLearningTelemetry.ImportFormats.Case, () =>
        {
            if (json.Length > limits.MaxDocumentBytes)
            {
                throw new InteropLimitExceededException("document size", limits.MaxDocumentBytes, $"The document is longer than {limits.MaxDocumentBytes.ToString(CultureInfo.InvariantCulture)} bytes.");
            }

            return ReadUnobserved(Encoding.UTF8.GetBytes(json), mode, limits);
        }, Counts);
    }

    /// <summary>Reads a package from a stream of UTF-8 JSON, never holding more than the document limit in memory.</summary>
    /// <param name="stream">The package; read to its end.</param>
    /// <param name="mode">Whether a problem means no framework, or only leaves out what it touches.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading the stream.</param>
    /// <returns>The framework (or null) and every problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InteropLimitExceededException">The document breaks a limit (a stream longer than the document
    /// limit fails once that many bytes are read).</exception>
    public static async Task<CaseImportResult> ReadAsync(Stream stream, CaseImportMode mode = CaseImportMode.AllOrNothing, InteropLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= InteropLimits.Default;
        return await ImportTelemetry.RunAsync(
            PersonalizedLearningTelemetry.ImportFormats.Case,
            async () => ReadUnobserved(await limits.ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false), mode, limits),
            Counts).ConfigureAwait(false);
    }

    /// <summary>Reads a package from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The package.</param>
    /// <param name="mode">Whether a problem means no framework, or only leaves out what it touches.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <returns>The framework (or null) and every problem.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not defined.</exception>
    /// <exception cref="InteropLimitExceededException">The document breaks a limit.</exception>
    /// <remarks>Every read (<see cref="Read"/> and <see cref="ReadAsync"/> too) is traced as
    /// <see cref="PersonalizedLearningTelemetry.Spans.Import"/>, timed, and its competencies and problems counted when
    /// someone listens (<see cref="PersonalizedLearningTelemetry.ImportFormats.Case"/>).</remarks>
    public static CaseImportResult ReadUtf8(ReadOnlyMemory<byte> utf8Json, CaseImportMode mode = CaseImportMode.AllOrNothing, InteropLimits? limits = null)
        => ImportTelemetry.Run(PersonalizedLearningTelemetry.ImportFormats.Case, () => ReadUnobserved(utf8Json, mode, limits), Counts);

    // What an import's span and counters count: the competencies read and the problems.
    private static (int Items, int Problems, IReadOnlyList<Xapi.XapiRejection>? Rejections) Counts(CaseImportResult result)
        => (result.Framework?.Framework.Competencies.Length ?? 0, result.Problems.Length, null);

    private static CaseImportResult ReadUnobserved(ReadOnlyMemory<byte> utf8Json, CaseImportMode mode, InteropLimits? limits)
    {
        limits ??= InteropLimits.Default;
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Undefined import mode ({(int)mode}).");
        }

        if (limits.Scan(utf8Json.Span) is { } syntax)
        {
            return new CaseImportResult(null, [syntax]);
        }

        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 1 });
        return new CaseReading(mode).Run(document.RootElement);
    }
}

using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Samples;

/// <summary>
/// Reads a response log from CSV with the columns pyBKT and <c>../shared/data/kt</c> use: <c>order_id</c>,
/// <c>user_id</c>, <c>skill_name</c>, <c>correct</c> (0 or 1), and optionally an activity column for per-activity guess
/// and slip. Files ending in <c>.gz</c> are decompressed. Parsing is CsvHelper's; this class only maps columns.
/// </summary>
public static class ResponseLogCsv
{
    /// <summary>Reads a log from a file.</summary>
    /// <param name="path">The CSV file, plain or gzipped.</param>
    /// <param name="activityColumn">The column that names each answer's activity, or null.</param>
    /// <returns>The log.</returns>
    /// <exception cref="InvalidDataException">A column is missing, or a row has a bad value; the message names the row.</exception>
    public static ResponseLog Read(string path, string? activityColumn = null)
    {
        using var stream = Open(path);
        return Read(stream, activityColumn);
    }

    /// <summary>Reads a log from a stream of CSV text.</summary>
    /// <param name="stream">The CSV text.</param>
    /// <param name="activityColumn">The column that names each answer's activity, or null.</param>
    /// <returns>The log.</returns>
    /// <exception cref="InvalidDataException">A column is missing, or a row has a bad value; the message names the row.</exception>
    public static ResponseLog Read(Stream stream, string? activityColumn = null)
        => Compile(ReadRows(stream, activityColumn, splitColumn: null).Select(row => row.Response));

    /// <summary>Reads a log split by the values of one column, such as STATICS 2011's <c>split</c> column (train, test),
    /// for a train/test evaluation.</summary>
    /// <param name="path">The CSV file, plain or gzipped.</param>
    /// <param name="splitColumn">The column whose values name the parts.</param>
    /// <param name="activityColumn">The column that names each answer's activity, or null.</param>
    /// <returns>One log per distinct value of the split column, by value (ordinal).</returns>
    /// <exception cref="InvalidDataException">A column is missing, or a row has a bad value; the message names the row.</exception>
    public static IReadOnlyDictionary<string, ResponseLog> ReadSplit(string path, string splitColumn, string? activityColumn = null)
    {
        using var stream = Open(path);
        return ReadSplit(stream, splitColumn, activityColumn);
    }

    /// <summary>Reads a log split by the values of one column from a stream of CSV text.</summary>
    /// <param name="stream">The CSV text.</param>
    /// <param name="splitColumn">The column whose values name the parts.</param>
    /// <param name="activityColumn">The column that names each answer's activity, or null.</param>
    /// <returns>One log per distinct value of the split column, by value (ordinal); empty when there are no rows.</returns>
    /// <exception cref="InvalidDataException">A column is missing, or a row has a bad value; the message names the row.</exception>
    public static IReadOnlyDictionary<string, ResponseLog> ReadSplit(Stream stream, string splitColumn, string? activityColumn = null)
    {
        ArgumentNullException.ThrowIfNull(splitColumn);
        return ReadRows(stream, activityColumn, splitColumn)
            .GroupBy(row => row.Split!, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => Compile(g.Select(row => row.Response)), StringComparer.Ordinal);
    }

    private static List<(Response Response, string? Split)> ReadRows(Stream stream, string? activityColumn, string? splitColumn)
    {
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default, leaveOpen: true);
        var header = csv.Headers;
        string[] required = ["order_id", "user_id", "skill_name", "correct", .. new[] { activityColumn, splitColumn }.OfType<string>()];
        var missing = required.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The CSV lacks the column(s) {string.Join(", ", missing)}; it has {(header.Count == 0 ? "no header" : string.Join(", ", header))}.");
        }

        int order = csv.GetFieldIndex("order_id"), learner = csv.GetFieldIndex("user_id"), skill = csv.GetFieldIndex("skill_name"), correct = csv.GetFieldIndex("correct");
        var activity = activityColumn is null ? -1 : csv.GetFieldIndex(activityColumn);
        var split = splitColumn is null ? -1 : csv.GetFieldIndex(splitColumn);
        var rows = new List<(Response, string?)>();
        while (csv.Read())
        {
            try
            {
                rows.Add((Response.FromOutcome(
                    csv.GetString(learner), csv.GetString(skill), csv.Parse<int>(correct), csv.Parse<long>(order),
                    activity < 0 ? (ActivityId?)null : new ActivityId(csv.GetString(activity))),
                    split < 0 ? null : csv.GetString(split)));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"CSV record {csv.RowNumber}: {e.Message}"), e);
            }
        }

        return rows;
    }

    private static ResponseLog Compile(IEnumerable<Response> responses)
    {
        try
        {
            return ResponseLog.Create(responses);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>Opens a file, decompressing it when its name ends in <c>.gz</c>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The readable stream.</returns>
    public static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}

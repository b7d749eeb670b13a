using System.Globalization;

namespace PersonalizedLearning.Tests;

/// <summary>
/// How many cases the property and fuzz tests run. Normally each test's own count. With the environment variable
/// <c>PROPERTY_ITERATIONS</c> set to a positive integer k, every count is capped at k: <c>eng/mutation.sh</c> sets it
/// (with CsCheck's own <c>CsCheck_Iter</c> for the tests that use CsCheck's default count), so that the tests covering a
/// mutant run in about a second rather than tens of seconds. A capped run still checks every property on the cases it
/// runs, but the share-of-cases floors (<see cref="BranchReach"/>, the fuzz tests' import shares) are reported and not
/// asserted: on a handful of cases they would fail by chance, and a mutant "killed" by chance would inflate the score.
/// </summary>
internal static class PropertyRuns
{
    /// <summary>The cap, or null when the tests run their own counts.</summary>
    public static int? Cap { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("PROPERTY_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0 ? k : null;

    /// <summary>Whether floors on shares of cases are asserted (false in a capped run).</summary>
    public static bool FloorsAsserted => Cap is null;

    /// <summary><paramref name="count"/>, or the cap when it is smaller.</summary>
    public static int Iter(int count) => Cap is { } k ? Math.Min(count, k) : count;
}

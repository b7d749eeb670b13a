using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests;

/// <summary>
/// How often each interesting branch ran during a property test. A property that holds on cases that never reach the
/// branch it exists for proves nothing, so each test declares its labels with a floor (the least share of cases that
/// must reach them), counts its cases, writes "label: reached N of M" to the test output and fails when a share is below
/// its floor. Safe to use from CsCheck's parallel sample threads. A floor is set about four standard deviations of the
/// share below the share measured over several runs (sqrt(p(1 - p)/n) for n cases), so that it fails when a change
/// starves the branch, not by chance; floors are not asserted in a run capped by <see cref="PropertyRuns"/>.
/// </summary>
/// <remarks>
/// <code>
/// var reach = new BranchReach(output).Floor("incremental", 0.5);
/// gen.Sample(x =&gt; { using var c = reach.Case(); ... c.Hit("incremental", condition); });
/// reach.Check();
/// </code>
/// </remarks>
internal sealed class BranchReach(ITestOutputHelper output)
{
    private readonly ConcurrentDictionary<string, int> hits = new(StringComparer.Ordinal);
    private readonly List<(string Label, double Share)> floors = [];
    private int cases;

    /// <summary>Declares a label that at least <paramref name="share"/> of the cases must reach.</summary>
    public BranchReach Floor(string label, double share)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        floors.Add((label, share));
        hits.TryAdd(label, 0);
        return this;
    }

    /// <summary>Starts one case; the labels it hits are counted once each when it is disposed (also on an early return).</summary>
    public CaseScope Case() => new(this);

    /// <summary>The number of cases that reached <paramref name="label"/> so far.</summary>
    public int Reached(string label) => hits.GetValueOrDefault(label);

    /// <summary>The number of cases counted so far.</summary>
    public int Cases => Volatile.Read(ref cases);

    /// <summary>Writes every label's figure and asserts each declared floor.</summary>
    public void Check()
    {
        var total = Cases;
        foreach (var (label, count) in hits.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            output.WriteLine(FormattableString.Invariant($"{label}: reached {count} of {total} ({100.0 * count / Math.Max(1, total):0.#} %)"));
        }

        total.Should().BePositive("the property ran");
        if (!PropertyRuns.FloorsAsserted)
        {
            output.WriteLine($"Floors not asserted: the property ran at most {PropertyRuns.Cap} cases (PROPERTY_ITERATIONS).");
            return;
        }

        foreach (var (label, share) in floors)
        {
            ((double)Reached(label) / total).Should().BeGreaterThanOrEqualTo(share,
                FormattableString.Invariant($"at least {share:P0} of the cases reach '{label}' (reached {Reached(label)} of {total})"));
        }
    }

    private void Record(HashSet<string> labels)
    {
        Interlocked.Increment(ref cases);
        foreach (var label in labels)
        {
            hits.AddOrUpdate(label, 1, (_, n) => n + 1);
        }
    }

    /// <summary>One case of a property test.</summary>
    internal sealed class CaseScope(BranchReach owner) : IDisposable
    {
        private readonly HashSet<string> labels = new(StringComparer.Ordinal);

        /// <summary>Marks <paramref name="label"/> reached in this case.</summary>
        public void Hit(string label) => labels.Add(label);

        /// <summary>Marks <paramref name="label"/> reached in this case when <paramref name="condition"/> holds.</summary>
        public bool Hit(string label, bool condition)
        {
            if (condition)
            {
                labels.Add(label);
            }

            return condition;
        }

        /// <inheritdoc />
        public void Dispose() => owner.Record(labels);
    }
}

using System.Globalization;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Benchmarks.Mastery;

/// <summary>
/// What a learner state keeps in memory beside the evidence objects it shares with the host's log: the retained heap
/// after building states for many learners, measured with full collections before and after (not a BenchmarkDotNet
/// figure: BenchmarkDotNet counts what is allocated, not what stays).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/PersonalizedLearning.Core.Benchmarks -- state-memory</c>.</remarks>
internal static class StateMemory
{
    public static int Run()
    {
        var engine = LearnerLogs.Engine();
        foreach (var (learners, pieces) in new[] { (2_000, 100), (100, 5_000) })
        {
            var logs = Enumerable.Range(0, learners).Select(l => LearnerLogs.Log(pieces, seed: l, learner: $"l{l}")).ToArray();
            var before = Retained();
            var states = logs.Select(log => engine.Rebuild(log[0].Learner, log)).ToArray();
            var after = Retained();
            var evidenceBytes = EvidenceBytes(logs);
            var perPiece = (after - before) / (double)(learners * pieces);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{learners} learners x {pieces} pieces: the states keep {perPiece:F1} bytes per piece ({(after - before) / (double)learners / 1024:F1} KiB per learner) beside the evidence objects ({evidenceBytes / (double)(learners * pieces):F1} bytes per piece in the log); {states.Sum(s => s.EvidenceCount)} pieces held."));

            // Assessed once, a state keeps its assessment (per touched competency: the track reference, estimate, level
            // and count, the mastered flags and the frontier) so that the next decision, or the next state's, starts from it.
            var asOf = logs.Max(log => log.Max(e => e.Timestamp));
            foreach (var state in states)
            {
                engine.Assess(state, asOf);
            }

            var assessed = Retained();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  assessed once, each state keeps {(assessed - after) / (double)learners:F0} bytes more ({states.Average(s => s.Competencies.Count):F1} touched competencies per learner)."));
            GC.KeepAlive(states);
            GC.KeepAlive(logs);
        }

        return 0;
    }

    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long EvidenceBytes(Evidence[][] logs)
    {
        var before = Retained();
        var copies = logs.Select(log => log.Select(e => new Evidence(new EvidenceId(new string(e.Id.Value.AsSpan())), e.Learner, e.Outcome, e.Timestamp, e.Competency, e.Activity, e.Kind, e.Weight, e.Duration)).ToArray()).ToArray();
        var after = Retained();
        GC.KeepAlive(copies);
        return after - before;
    }
}

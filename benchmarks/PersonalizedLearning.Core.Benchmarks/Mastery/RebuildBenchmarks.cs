using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Benchmarks.Mastery;

/// <summary>
/// Rebuilding 10,000 learners' states from their logs, 100 pieces each (1,000,000 pieces), on one core: what a host pays
/// after refitting a model or restoring from its store. Logs as in <see cref="LearnerLogs"/> (50 competencies, Canvas's
/// decaying average), each learner's pieces allocated in the order they are read. Times are per piece (OperationsPerInvoke);
/// multiply by 1,000,000 for the whole rebuild. The baseline is the general path, the whole log recorded into a new state.
/// </summary>
[MemoryDiagnoser]
public class RebuildBenchmarks
{
    private const int Learners = 10_000;
    private const int Pieces = 100;
    private PersonalizedLearningEngine _engine = null!;
    private Evidence[][] _arrival = [];
    private Evidence[][] _inFoldOrder = [];

    [GlobalSetup]
    public void Setup()
    {
        _engine = LearnerLogs.Engine();
        _arrival = [.. Enumerable.Range(0, Learners).Select(l => LearnerLogs.Log(Pieces, seed: l, $"learner{l}"))];
        // A store that returns each log in fold order: the pieces allocated in that order, as a reader would.
        _inFoldOrder = [.. Enumerable.Range(0, Learners).Select(l => LearnerLogs.Log(Pieces, seed: l, $"learner{l}").Order(Evidence.FoldOrder).Select(Copy).ToArray())];
    }

    // Fresh evidence objects for every iteration, as a reader of a store makes: a piece keeps where its activity and
    // competency were found, so reused objects would skip the lookups a real rebuild pays.
    [IterationSetup]
    public void FreshEvidence()
    {
        _arrival = [.. _arrival.Select(log => log.Select(Copy).ToArray())];
        _inFoldOrder = [.. _inFoldOrder.Select(log => log.Select(Copy).ToArray())];
    }

    private static Evidence Copy(Evidence e) => new($"{e.Id}", e.Learner, e.Outcome, e.Timestamp, e.Competency, e.Activity, e.Kind, e.Weight, e.Duration);

    [Benchmark(Baseline = true, OperationsPerInvoke = Learners * Pieces, Description = "general path: log recorded into a new state")]
    public int RecordIntoNewState()
    {
        var total = 0;
        foreach (var log in _arrival)
        {
            total += _engine.Record(_engine.CreateLearner(log[0].Learner), log).EvidenceCount;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Learners * Pieces, Description = "Rebuild, log in arrival order")]
    public int Rebuild() => RebuildAll(_arrival);

    [Benchmark(OperationsPerInvoke = Learners * Pieces, Description = "Rebuild, log in fold order")]
    public int RebuildInFoldOrder() => RebuildAll(_inFoldOrder);

    /// <summary>
    /// A floor under any rebuild, folding nothing: per piece only what a correct rebuild of fresh evidence cannot skip:
    /// compare its learner, add its id to a set (duplicates and conflicting versions), find its competency or activity,
    /// and sort the log in fold order. Generous to itself: one id set reused for every learner, no state built.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Learners * Pieces, Description = "floor: learner check, id set, lookup, sort (no fold)")]
    public int Floor()
    {
        var framework = _engine.Framework;
        var catalog = _engine.Catalog;
        var ids = new HashSet<EvidenceId>();
        var ordered = new Evidence[Pieces];
        var total = 0;
        foreach (var log in _arrival)
        {
            ids.Clear();
            var learner = log[0].Learner;
            for (var i = 0; i < log.Length; i++)
            {
                var piece = log[i];
                var known = piece.Competency is { } competency ? framework.Contains(competency) : catalog.Contains(piece.Activity!.Value);
                if (piece.Learner != learner || !ids.Add(piece.Id) || !known)
                {
                    throw new InvalidOperationException("The generated log is not valid.");
                }

                ordered[i] = piece;
            }

            Array.Sort(ordered, Evidence.FoldOrder);
            total += ids.Count;
        }

        return total;
    }

    private int RebuildAll(Evidence[][] logs)
    {
        var total = 0;
        foreach (var log in logs)
        {
            total += _engine.Rebuild(log[0].Learner, log).EvidenceCount;
        }

        return total;
    }
}

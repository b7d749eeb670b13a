using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Scheduling;
using PersonalizedLearning.Scheduling.OrTools;
using PersonalizedLearning.Scheduling.OrTools.Tests;

namespace PersonalizedLearning.Benchmarks.Scheduling;

/// <summary>
/// A week for a school of 600 learners and 30 teachers: 5 days × 6 periods, 4 subjects of 10 competencies, 20 rooms
/// (12 seminar rooms for workshops or one-to-ones, 5 mentoring areas of 6 stations, 3 commons for independent time),
/// each learner needing 1 or 2 workshops on their next competency and (nine in ten) a weekly one-to-one with their
/// mentor, a tenth of them stuck. The baseline derives the unserved needs of the empty plan, which every plan's
/// accounting does. CP-SAT runs with the scheduler's defaults: one worker, by day, tier by tier, to its deterministic
/// work limit (10), so every run plans the same week; the cleanup prints that plan's served share per tier (it costs no
/// extra solve, so CI's dry job plans the week once).
/// </summary>
[MemoryDiagnoser]
public class WeekSchedulerBenchmarks
{
    private WeekPlanRequest _request = null!;
    private CpSatWeekScheduler _scheduler = null!;
    private WeekPlan? _last;

    [GlobalSetup]
    public void Setup()
    {
        _request = GeneratedSchool.Create(1, 600, 30, workshopRooms: 12, mentoringRooms: 5, commons: 3);
        _scheduler = new CpSatWeekScheduler();
    }

    [GlobalCleanup]
    public void Report()
    {
        if (_last is not { } plan)
        {
            return;
        }

        var stuck = _request.Learners.Where(l => l.IsStuck).Select(l => l.Learner).ToHashSet();
        string Share(string name, int wanted, int unserved) =>
            FormattableString.Invariant($"{name} {wanted - unserved}/{wanted} ({100.0 * (wanted - unserved) / Math.Max(1, wanted):F1} %)");
        int Unserved(bool ofStuck, params NeedKind[] kinds) => plan.Unserved.Count(u => kinds.Contains(u.Kind) && stuck.Contains(u.Learner) == ofStuck);
        var learners = _request.Learners;
        Console.WriteLine(FormattableString.Invariant($"// CP-SAT by day, 1 worker: {plan.Status}, {plan.SolveTime.TotalSeconds:F1} s, {plan.Sessions.Length} sessions; served: ") + string.Join(", ",
            Share("stuck learners' needs", learners.Where(l => l.IsStuck).Sum(l => l.WorkshopSessions + (l.Mentor is null ? 0 : 1)), Unserved(true, NeedKind.Workshop, NeedKind.Mentoring)),
            Share("mentoring", learners.Count(l => !l.IsStuck && l.Mentor is not null), Unserved(false, NeedKind.Mentoring)),
            Share("workshops", learners.Where(l => !l.IsStuck).Sum(l => l.WorkshopSessions), Unserved(false, NeedKind.Workshop)),
            Share("independent seats", learners.Sum(l => l.Slots.Length) - plan.Sessions.Sum(s => s.Learners.Length), plan.Unserved.Count(u => u.Kind == NeedKind.IndependentTime)))
            + $"; violations {WeekPlanChecker.Check(_request, plan).Length}; unserved by reason: {string.Join(", ", plan.Unserved.GroupBy(u => (u.Kind, u.Reason)).Select(g => $"{g.Key.Kind}/{g.Key.Reason} {g.Count()}"))}");
    }

    [Benchmark(Baseline = true, Description = "unserved needs of the empty plan")]
    public int EmptyPlanAccounting() => _request.FindUnserved([], []).Length;

    [Benchmark(Description = "CP-SAT by day, 1 worker")]
    public WeekPlan OneWorker() => _last = _scheduler.Plan(_request);
}

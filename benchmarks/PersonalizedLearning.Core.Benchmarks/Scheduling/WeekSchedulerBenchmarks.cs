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
/// accounting does. CP-SAT runs to the scheduler's default 10 s time limit, one day at a time.
/// </summary>
[MemoryDiagnoser]
public class WeekSchedulerBenchmarks
{
    private WeekPlanRequest _request = null!;
    private CpSatWeekScheduler _oneWorker = null!;
    private CpSatWeekScheduler _twoWorkers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = GeneratedSchool.Create(1, 600, 30, workshopRooms: 12, mentoringRooms: 5, commons: 3);
        _oneWorker = new CpSatWeekScheduler();
        _twoWorkers = new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { Workers = 2 });
        foreach (var (name, scheduler) in new[] { ("1 worker", _oneWorker), ("2 workers", _twoWorkers) })
        {
            var plan = scheduler.Plan(_request);
            var needs = _request.Learners.Sum(l => l.WorkshopSessions + (l.Mentor is null ? 0 : 1));
            var unserved = plan.Unserved.Count(u => u.Kind != NeedKind.IndependentTime);
            var stuckNeeds = _request.Learners.Where(l => l.IsStuck).Sum(l => l.WorkshopSessions + (l.Mentor is null ? 0 : 1));
            var stuckUnserved = plan.Unserved.Count(u => u.Kind != NeedKind.IndependentTime && _request.Learners.Single(l => l.Learner == u.Learner).IsStuck);
            Console.WriteLine($"// {name}: {plan.Status}, {plan.SolveTime.TotalSeconds:F1} s, {plan.Sessions.Length} sessions, sessions served {needs - unserved}/{needs} " +
                $"({100.0 * (needs - unserved) / needs:F1} %), stuck learners' {stuckNeeds - stuckUnserved}/{stuckNeeds}, independent slots unseated {plan.Unserved.Count(u => u.Kind == NeedKind.IndependentTime)}, " +
                $"violations {WeekPlanChecker.Check(_request, plan).Length}; unserved by reason: {string.Join(", ", plan.Unserved.GroupBy(u => (u.Kind, u.Reason)).Select(g => $"{g.Key.Kind}/{g.Key.Reason} {g.Count()}"))}");
        }
    }

    [Benchmark(Baseline = true, Description = "unserved needs of the empty plan")]
    public int EmptyPlanAccounting() => _request.FindUnserved([], []).Length;

    [Benchmark(Description = "CP-SAT by day, 1 worker")]
    public WeekPlan OneWorker() => _oneWorker.Plan(_request);

    [Benchmark(Description = "CP-SAT by day, 2 workers")]
    public WeekPlan TwoWorkers() => _twoWorkers.Plan(_request);
}

// The working memory every step of AdaptiveRecommender's pipeline (history → goal paths → candidates → scoring →
// selection → results) reads and writes: per-thread arrays, reused across calls and stamped with each call's
// generation, and the candidate and pick lists the steps hand on.

using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Recommendations;

/// <summary>
/// Per-thread working memory of <see cref="AdaptiveRecommender"/>, reused across calls. Arrays indexed by competency or
/// activity carry a stamp: an entry is valid only when its stamp equals the current call's generation, so nothing is
/// cleared between calls and a call costs what it touches.
/// </summary>
internal sealed class RecommenderScratch
{
    [ThreadStatic]
    private static RecommenderScratch? t_current;

    private int _generation;

    /// <summary>The walk counter, which wraps after 2^31 walks; internal so that a test can set it to its last value
    /// (no test can walk that often).</summary>
    internal int Generation { get => _generation; set => _generation = value; }

    public int[] GoalStamp = [];
    public int[] GoalSlot = [];
    public double[] GoalUrgency = [];
    public int[] CandidateStamp = [];
    public int[] CandidateSlot = [];
    public int[] ActivityStamp = [];
    public int[] ActivityLastSeen = [];
    public int[] ActivityFailures = [];
    public int[] ExcludedStamp = [];
    public int[] ModalityRank = new int[Enum.GetValues<LearningModality>().Length];
    public int[] InterestTopics = [];
    public int[] InterestSlots = [];
    public int[] GoalOrder = [];

    /// <summary>Each profile goal's framework index, by its slot in the profile (valid for the call's goals only).</summary>
    public int[] GoalIndex = [];
    public int[] Stack = new int[64];

    /// <summary>Competencies on a goal path that may be started before prerequisites that gate them weakly (with a
    /// request's prerequisite gating): stamped with the call's generation, listed in <see cref="Shortcuts"/>.</summary>
    public int[] ShortcutStamp = [];
    public int[] Shortcuts = new int[16];
    public int ShortcutCount;

    /// <summary>Per shortcut competency, the lowest learn rate its skipped prerequisites' links promise without them.</summary>
    public double[] ShortcutLearn = [];

    /// <summary>Marks of the prerequisite-closure walk that counts what a shortcut saves: one round per walk.</summary>
    public int[] ClosureMark = [];
    public int ClosureRound;
    public int[] ClosureStack = new int[64];

    /// <summary>The failure runs of the call's history, by the library's one remediation rule.</summary>
    public readonly RemediationRule Remediation = new();

    /// <summary>How many of the newest pieces of history in a row were about competencies the learner is stuck on without progress.</summary>
    public int StreakLength;
    public AdaptiveRecommender.Candidate[] Candidates = new AdaptiveRecommender.Candidate[256];
    public int CandidateCount;
    public AdaptiveRecommender.Pick[] Top = new AdaptiveRecommender.Pick[16];
    public int TopCount;

    public static RecommenderScratch Rent(int competencies, int activities)
    {
        var scratch = t_current ??= new RecommenderScratch();
        scratch.EnsureSizes(competencies, activities);
        return scratch;
    }

    public int NextGeneration()
    {
        if (_generation == int.MaxValue)
        {
            // Every stamp array is cleared once per 2^31 calls, so that an old stamp never looks current.
            foreach (var stamps in new[] { GoalStamp, ShortcutStamp, CandidateStamp, ActivityStamp, ExcludedStamp })
            {
                Array.Clear(stamps);
            }

            _generation = 0;
        }

        return ++_generation;
    }

    public int NextClosureRound()
    {
        if (ClosureRound == int.MaxValue)
        {
            Array.Clear(ClosureMark);
            ClosureRound = 0;
        }

        return ++ClosureRound;
    }

    public static void Push(ref int[] array, ref int count, int value)
    {
        if (count == array.Length)
        {
            Array.Resize(ref array, array.Length * 2);
        }

        array[count++] = value;
    }

    public void EnsureCandidates(int count)
    {
        if (count > Candidates.Length)
        {
            Array.Resize(ref Candidates, Math.Max(count, Candidates.Length * 2));
        }
    }

    public void EnsureTop(int count)
    {
        if (count > Top.Length)
        {
            Array.Resize(ref Top, Math.Max(count, Top.Length * 2));
        }
    }

    public void EnsureInterests(int count)
    {
        if (count > InterestTopics.Length)
        {
            InterestTopics = new int[count];
            InterestSlots = new int[count];
        }
    }

    public void EnsureGoals(int count)
    {
        if (count > GoalOrder.Length)
        {
            GoalOrder = new int[count];
            GoalIndex = new int[count];
        }
    }

    private void EnsureSizes(int competencies, int activities)
    {
        if (competencies > GoalStamp.Length)
        {
            // New arrays are all zero, and generations start above 0, so no stale stamp can match.
            GoalStamp = new int[competencies];
            GoalSlot = new int[competencies];
            GoalUrgency = new double[competencies];
            CandidateStamp = new int[competencies];
            CandidateSlot = new int[competencies];
            ShortcutStamp = new int[competencies];
            ShortcutLearn = new double[competencies];
            ClosureMark = new int[competencies];
            ClosureRound = 0;
        }

        if (activities > ActivityStamp.Length)
        {
            ActivityStamp = new int[activities];
            ActivityLastSeen = new int[activities];
            ActivityFailures = new int[activities];
            ExcludedStamp = new int[activities];
        }
    }
}

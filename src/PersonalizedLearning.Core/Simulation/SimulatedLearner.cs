using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Simulation;

/// <summary>
/// A simulated learner: hidden true knowledge of every competency of a framework, which changes as the learner
/// practises (and, for some student models, as time passes), drawn from a <see cref="StudentModel"/>.
/// </summary>
/// <remarks>
/// <para>Policies never see the hidden knowledge: they see only the evidence the learner produces. The harness reads it
/// to measure what was really learned.</para>
/// <para>Only the harness (<see cref="ClassroomSimulator"/>) makes a learner practise, and it works on private copies,
/// so a learner as drawn never changes and every policy starts from the same one. Thread-safe to read.</para>
/// </remarks>
public abstract class SimulatedLearner
{
    private readonly int[][] _prerequisites;

    private protected SimulatedLearner(LearnerId id, CompetencyFramework framework, int[][] prerequisites, string group)
    {
        Id = id;
        Framework = framework;
        _prerequisites = prerequisites;
        Group = group;
    }

    private protected SimulatedLearner(SimulatedLearner other)
    {
        Id = other.Id;
        Framework = other.Framework;
        _prerequisites = other._prerequisites;
        Group = other.Group;
        Day = other.Day;
    }

    /// <summary>The learner's id.</summary>
    public LearnerId Id { get; }

    /// <summary>The learner, their group and how much they know, such as "sim001 (gated BKT): knows 4 of 30".</summary>
    /// <returns>The text, culture-invariant.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} ({Group}): knows {KnownCount} of {Framework.Count}");

    /// <summary>The name of the student model that drew the learner (for a <see cref="MixedStudents"/> class, the
    /// learner's group).</summary>
    public string Group { get; }

    /// <summary>The framework the course is authored with.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>How many competencies the learner truly knows now.</summary>
    public int KnownCount
    {
        get
        {
            var known = 0;
            for (var i = 0; i < Framework.Count; i++)
            {
                known += KnowsIndex(i) ? 1 : 0;
            }

            return known;
        }
    }

    /// <summary>Whether the learner truly knows a competency now.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>True when known.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public bool Knows(CompetencyId competency) => KnowsIndex(Framework.IndexOf(competency));

    /// <summary>The prerequisites that really gate the learner's learning of a competency: the authored ones, unless
    /// the student model says the framework is partly wrong (<see cref="MisspecifiedPrerequisites"/>).</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>The true prerequisites, in framework order.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public ImmutableArray<CompetencyId> TruePrerequisitesOf(CompetencyId competency) =>
        [.. _prerequisites[Framework.IndexOf(competency)].Order().Select(i => Framework.Competencies[i].Id)];

    /// <summary>Per framework index, whether the competency is one of the goals or, transitively, a true prerequisite of one.</summary>
    internal bool[] NeededFor(int[] goals)
    {
        var needed = new bool[Framework.Count];
        var stack = new Stack<int>(goals);
        while (stack.Count > 0)
        {
            var competency = stack.Pop();
            if (needed[competency])
            {
                continue;
            }

            needed[competency] = true;
            foreach (var prerequisite in _prerequisites[competency])
            {
                stack.Push(prerequisite);
            }
        }

        return needed;
    }

    /// <summary>The time now, in days since the simulation started.</summary>
    internal double Day { get; private set; }

    /// <summary>Lets time pass; a learner may forget.</summary>
    internal void AdvanceTo(double day)
    {
        if (day < Day)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Time cannot go back.");
        }

        Day = day;
    }

    /// <summary>An independent copy, with the same knowledge and the same random stream from here on.</summary>
    internal abstract SimulatedLearner Clone();

    /// <summary>One step of practice on an activity aligned to <paramref name="competencies"/> (indices in the
    /// framework): the answer, then whatever the practice changes.</summary>
    /// <returns>Whether the answer was correct, and whether every aligned competency was already known before (a wasted step).</returns>
    internal abstract (bool Correct, bool AlreadyKnown) Practise(ReadOnlySpan<int> competencies);

    /// <summary>Whether the competency at this framework index is truly known now.</summary>
    internal abstract bool KnowsIndex(int competency);

    /// <summary>Whether every true prerequisite of the competency is known now.</summary>
    private protected bool PrerequisitesKnown(int competency)
    {
        foreach (var p in _prerequisites[competency])
        {
            if (!KnowsIndex(p))
            {
                return false;
            }
        }

        return true;
    }

    private protected static double Uniform(ref SeededRandom random, (double Low, double High) range) => range.Low + ((range.High - range.Low) * random.NextDouble());
}

/// <summary>A learner whose knowledge of each competency is a hidden binary state that follows BKT, learning only at a
/// reduced rate before the competency's true prerequisites are known, and, when a memory is given, forgetting what it
/// has not retrieved for a while.</summary>
internal sealed class BktLearner : SimulatedLearner
{
    private readonly BktParameters[] _parameters;
    private readonly bool[] _known;
    private readonly double _gatedLearnFactor;
    private readonly Memory? _memory;
    private SeededRandom _random;

    private BktLearner(LearnerId id, CompetencyFramework framework, int[][] prerequisites, string group, BktParameters[] parameters, bool[] known, double gatedLearnFactor, Memory? memory, SeededRandom random)
        : base(id, framework, prerequisites, group)
    {
        _parameters = parameters;
        _known = known;
        _gatedLearnFactor = gatedLearnFactor;
        _memory = memory;
        _random = random;
    }

    private BktLearner(BktLearner other)
        : base(other)
    {
        _parameters = other._parameters;
        _known = [.. other._known];
        _gatedLearnFactor = other._gatedLearnFactor;
        _memory = other._memory?.Clone();
        _random = other._random;
    }

    /// <summary>The learner's true BKT parameters, by framework index.</summary>
    internal BktParameters ParametersAt(int competency) => _parameters[competency];

    /// <summary>The memory stability of a competency in days, or NaN without forgetting or when not known.</summary>
    internal double StabilityAt(int competency) => _memory is { } m && _known[competency] ? m.Stability[competency] : double.NaN;

    internal static BktLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, string group, SimulatedLearnerSettings settings, long seed, ForgettingSettings? forgetting)
    {
        var random = SeededRandom.For(seed, "learner:" + id.Value);
        var ability = Uniform(ref random, settings.Ability);
        var parameters = new BktParameters[framework.Count];
        var known = new bool[framework.Count];
        var memory = forgetting is null ? null : new Memory(framework.Count, forgetting);
        var learner = new BktLearner(id, framework, prerequisites, group, parameters, known, settings.GatedLearnFactor, memory, SeededRandom.For(seed, "responses:" + id.Value));

        if (memory is not null)
        {
            // A second stream, so that the knowledge drawn below is the same with or without forgetting.
            var stream = SeededRandom.For(seed, "memory:" + id.Value);
            for (var i = 0; i < framework.Count; i++)
            {
                memory.Initial[i] = Uniform(ref stream, forgetting!.InitialStabilityDays);
                memory.Stability[i] = memory.Initial[i] * forgetting.PriorKnowledgeStabilityFactor;
            }
        }

        // The authored topological order is one of the true graph's too: links a partly wrong graph adds run forwards in it.
        foreach (var competency in framework.TopologicalOrder)
        {
            var i = framework.IndexOf(competency);
            var learn = Math.Min(1, Uniform(ref random, settings.Learn) * ability);
            parameters[i] = BktParameters.FromEstimates(Uniform(ref random, settings.Prior), learn, Uniform(ref random, settings.Guess), Uniform(ref random, settings.Slip));
            var gate = learner.PrerequisitesKnown(i) ? 1 : settings.GatedLearnFactor;
            known[i] = random.NextDouble() < parameters[i].Prior * gate;
        }

        return learner;
    }

    internal override SimulatedLearner Clone() => new BktLearner(this);

    internal override bool KnowsIndex(int competency) =>
        _known[competency] && (_memory is not { } m || m.Retrievability(competency, Day) >= m.Settings.KnownRetention);

    internal override (bool Correct, bool AlreadyKnown) Practise(ReadOnlySpan<int> competencies)
    {
        var allKnown = true;
        var allRecalled = true;
        var slip = 0.0;
        var guess = 1.0;
        Span<bool> recalled = competencies.Length <= 32 ? stackalloc bool[competencies.Length] : new bool[competencies.Length];
        for (var k = 0; k < competencies.Length; k++)
        {
            var c = competencies[k];
            allKnown &= KnowsIndex(c);

            // Without forgetting, what is known is recalled, and no draw is made (the stream stays as it always was).
            recalled[k] = _known[c] && (_memory is not { } m || _random.NextDouble() < m.Retrievability(c, Day));
            allRecalled &= recalled[k];
            slip = Math.Max(slip, _parameters[c].Slip);
            guess = Math.Min(guess, _parameters[c].Guess);
        }

        var correct = _random.NextDouble() < (allRecalled ? 1 - slip : guess);
        for (var k = 0; k < competencies.Length; k++)
        {
            var c = competencies[k];
            if (_known[c])
            {
                if (_memory is { } m)
                {
                    if (recalled[k])
                    {
                        m.Retrieved(c, Day);
                    }
                    else
                    {
                        _known[c] = false; // forgotten: it must be learned again
                    }
                }
            }
            else
            {
                var rate = _parameters[c].Learn * (PrerequisitesKnown(c) ? 1 : _gatedLearnFactor);
                _known[c] = _random.NextDouble() < rate;
                if (_known[c])
                {
                    _memory?.Learned(c, Day);
                }
            }
        }

        return (correct, allKnown);
    }

    /// <summary>Each competency's memory: its stability S in days and when it was last retrieved; recall after t days
    /// is R = (1 + (19/81)·t/S)^−0.5, FSRS-4.5's forgetting curve, so that R = 0.9 when t = S.</summary>
    private sealed class Memory
    {
        public Memory(int count, ForgettingSettings settings)
        {
            Settings = settings;
            Initial = new double[count];
            Stability = new double[count];
            Last = new double[count];
        }

        private Memory(Memory other)
        {
            Settings = other.Settings;
            Initial = other.Initial;
            Stability = [.. other.Stability];
            Last = [.. other.Last];
        }

        public ForgettingSettings Settings { get; }

        /// <summary>The stability a competency starts with when learned, per competency (shared by copies: never written after the draw).</summary>
        public double[] Initial { get; }

        public double[] Stability { get; }

        public double[] Last { get; }

        public Memory Clone() => new(this);

        public double Retrievability(int competency, double day) => ForgettingSettings.Curve(day - Last[competency], Stability[competency]);

        // A retrieval strengthens memory the more it had faded: at R = 0.9 the stability is multiplied by 1 + growth, at
        // R = 1 (massed practice) by 1 + growth / 20 only. This is the shape of FSRS's stability increase, simplified.
        public void Retrieved(int competency, double day)
        {
            var r = Retrievability(competency, day);
            Stability[competency] *= 1 + (Settings.StabilityGrowth * Math.Max(0.05, (1 - r) / 0.1));
            Last[competency] = day;
        }

        public void Learned(int competency, double day)
        {
            Stability[competency] = Initial[competency];
            Last[competency] = day;
        }
    }
}

/// <summary>A learner without a hidden binary state: the chance of a correct answer is logistic in the learner's
/// ability, the competency's easiness, and the successes and failures so far (performance factors analysis, Pavlik,
/// Cen and Koedinger 2009). A competency is known once that chance reaches the model's threshold.</summary>
internal sealed class LogisticLearner : SimulatedLearner
{
    private readonly double _ability;
    private readonly double[] _easiness;
    private readonly double[] _successGain;
    private readonly double[] _failureGain;
    private readonly double[] _successes;
    private readonly double[] _failures;
    private readonly LogisticStudentSettings _settings;
    private SeededRandom _random;

    private LogisticLearner(LearnerId id, CompetencyFramework framework, int[][] prerequisites, string group, LogisticStudentSettings settings, double ability, SeededRandom random)
        : base(id, framework, prerequisites, group)
    {
        _settings = settings;
        _ability = ability;
        _easiness = new double[framework.Count];
        _successGain = new double[framework.Count];
        _failureGain = new double[framework.Count];
        _successes = new double[framework.Count];
        _failures = new double[framework.Count];
        _random = random;
    }

    private LogisticLearner(LogisticLearner other)
        : base(other)
    {
        _settings = other._settings;
        _ability = other._ability;
        _easiness = other._easiness;
        _successGain = other._successGain;
        _failureGain = other._failureGain;
        _successes = [.. other._successes];
        _failures = [.. other._failures];
        _random = other._random;
    }

    internal static LogisticLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, string group, LogisticStudentSettings settings, long seed)
    {
        var random = SeededRandom.For(seed, "learner:" + id.Value);
        var learner = new LogisticLearner(id, framework, prerequisites, group, settings, Uniform(ref random, settings.Ability), SeededRandom.For(seed, "responses:" + id.Value));
        foreach (var competency in framework.TopologicalOrder)
        {
            var i = framework.IndexOf(competency);
            learner._easiness[i] = Uniform(ref random, settings.Easiness);
            learner._successGain[i] = Uniform(ref random, settings.SuccessGain);
            learner._failureGain[i] = Uniform(ref random, settings.FailureGain);
        }

        return learner;
    }

    /// <summary>P(correct) on the competency now: σ(ability + easiness + success gain · successes + failure gain · failures).</summary>
    internal double CorrectProbabilityAt(int competency) =>
        1 / (1 + Math.Exp(-(_ability + _easiness[competency] + (_successGain[competency] * _successes[competency]) + (_failureGain[competency] * _failures[competency]))));

    internal override SimulatedLearner Clone() => new LogisticLearner(this);

    internal override bool KnowsIndex(int competency) => CorrectProbabilityAt(competency) >= _settings.KnownProbability;

    internal override (bool Correct, bool AlreadyKnown) Practise(ReadOnlySpan<int> competencies)
    {
        var allKnown = true;
        var p = 1.0;
        foreach (var c in competencies)
        {
            allKnown &= KnowsIndex(c);
            p *= CorrectProbabilityAt(c);
        }

        var correct = _random.NextDouble() < p;
        foreach (var c in competencies)
        {
            // An opportunity counts in full once the true prerequisites are known, at the gated factor before.
            var weight = PrerequisitesKnown(c) ? 1 : _settings.GatedFactor;
            if (correct)
            {
                _successes[c] += weight;
            }
            else
            {
                _failures[c] += weight;
            }
        }

        return (correct, allKnown);
    }
}

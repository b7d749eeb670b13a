using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Simulation;

/// <summary>
/// How simulated learners know, learn, forget and answer: the hidden ground truth a <see cref="SimulatedClass"/> is
/// drawn from. Judging a policy under several plausible student models, rather than the one it assumes, is the robust
/// evaluation matrix of Doroudi, Aleven and Brunskill (2017, "Robust evaluation matrix: towards a more principled offline
/// exploration of instructional policies", Learning at Scale).
/// </summary>
/// <remarks>
/// <para>The library's models: <see cref="BktStudents"/> (gated or soft-gated BKT), <see cref="ForgettingStudents"/>
/// (BKT with an FSRS-like forgetting curve), <see cref="LogisticStudents"/> (performance factors analysis, no hidden
/// binary state), <see cref="MixedStudents"/> (groups of learners from different models) and
/// <see cref="MisspecifiedPrerequisites"/> (any of them, following a prerequisite graph that differs from the authored
/// one).</para>
/// <para>Every model is deterministic for a seed and a learner id on every machine. Immutable and thread-safe.</para>
/// </remarks>
public abstract class StudentModel
{
    private protected StudentModel()
    {
    }

    /// <summary>A short name for reports, such as "gated BKT".</summary>
    public abstract string Name { get; }

    /// <summary>The name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    /// <summary>The prerequisite graph learners really follow, as prerequisite indices per competency index of the
    /// framework: the authored one unless the model says otherwise.</summary>
    internal virtual int[][] TruePrerequisites(CompetencyFramework framework, long seed) => Authored(framework);

    /// <summary>Draws one learner.</summary>
    internal abstract SimulatedLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, long seed);

    internal static int[][] Authored(CompetencyFramework framework)
    {
        var graph = new int[framework.Count][];
        for (var i = 0; i < graph.Length; i++)
        {
            graph[i] = framework.PrerequisiteIndices(i).ToArray();
        }

        return graph;
    }
}

/// <summary>
/// Learners whose knowledge follows BKT with parameters per learner and competency (<see cref="SimulatedLearnerSettings"/>),
/// who learn a competency before its prerequisites are known only at <see cref="SimulatedLearnerSettings.GatedLearnFactor"/>
/// times the normal rate: 0 is gated BKT (nothing is learned before its prerequisites), above 0 soft gating.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BktStudents : StudentModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="settings">The ranges learners are drawn from; null for <see cref="SimulatedLearnerSettings.Default"/> (gated).</param>
    /// <param name="name">The name in reports; null for "gated BKT", or "soft-gated BKT (×f)" when the gated learn factor f is above 0 (f as it round-trips).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range, or the guess and slip ranges allow
    /// guess + slip ≥ 1: one exception for every problem, whose <see cref="ArgumentException.ParamName"/> is the first bad
    /// setting and whose message names each bad setting, its rule and the value given.</exception>
    public BktStudents(SimulatedLearnerSettings? settings = null, string? name = null)
    {
        Settings = settings ?? SimulatedLearnerSettings.Default;
        Settings.Validate();
        Name = name ?? (Settings.GatedLearnFactor == 0 ? "gated BKT"
            : string.Create(CultureInfo.InvariantCulture, $"soft-gated BKT (×{Settings.GatedLearnFactor:R})"));
    }

    /// <summary>The ranges learners are drawn from.</summary>
    public SimulatedLearnerSettings Settings { get; }

    /// <inheritdoc />
    public override string Name { get; }

    internal override SimulatedLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, long seed) =>
        BktLearner.Draw(id, framework, prerequisites, Name, Settings, seed, null);
}

/// <summary>How learners forget, in the shape of FSRS's memory model (Ye, Su and Cao 2022; FSRS-4.5's forgetting
/// curve): a competency learned has a stability S in days, recall after t days without retrieval is
/// R = (1 + (19/81)·t/S)^−0.5 (so R = 0.9 when t = S), a successful retrieval multiplies S by
/// 1 + growth · max(0.05, (1 − R) ÷ 0.1) (spaced retrieval strengthens memory, massed practice hardly), and a failed
/// retrieval forgets the competency, which must be learned again.</summary>
/// <param name="InitialStabilityDays">The stability of a competency just learned, per learner and competency, drawn
/// uniformly from this range; each bound greater than 0.</param>
/// <param name="StabilityGrowth">The growth factor of a retrieval at R = 0.9; at least 0.</param>
/// <param name="KnownRetention">A competency counts as truly known while its recall is at least this, in (0, 1]; 0.9
/// is FSRS's default desired retention.</param>
/// <param name="PriorKnowledgeStabilityFactor">The stability of what a learner knows before the course, as a multiple of
/// the initial stability; at least 1.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ForgettingSettings((double Low, double High) InitialStabilityDays, double StabilityGrowth, double KnownRetention, double PriorKnowledgeStabilityFactor)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>ForgettingSettings { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Initial stability 2–6 days, growth 1.5, known at recall 0.9, prior knowledge 4 times as stable.</summary>
    public static ForgettingSettings Default { get; } = new((2, 6), 1.5, 0.9, 4);

    /// <summary>Recall after <paramref name="days"/> at stability <paramref name="stability"/>: (1 + (19/81)·t/S)^−0.5.</summary>
    /// <param name="days">Days since the last retrieval, at least 0.</param>
    /// <param name="stability">The stability in days, greater than 0.</param>
    /// <returns>The recall probability, in (0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative or not a number, or <paramref name="stability"/> is not greater than 0.</exception>
    public static double Retrievability(double days, double stability)
    {
        if (!(days >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "Days since the last retrieval must be at least 0.");
        }

        if (!(stability > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(stability), stability, "The stability must be greater than 0.");
        }

        return Curve(days, stability);
    }

    internal static double Curve(double days, double stability) => Math.Pow(1 + (19.0 / 81 * days / stability), -0.5);

    // Checked where the settings are used (a positional record has no constructor body), every problem at once.
    internal void Validate()
    {
        var problems = new OptionProblems("forgetting settings");
        if (!(InitialStabilityDays.Low > 0 && InitialStabilityDays.High >= InitialStabilityDays.Low && double.IsFinite(InitialStabilityDays.High)))
        {
            problems.Add(nameof(InitialStabilityDays), "the initial stability range must satisfy 0 < low ≤ high, finite",
                $"({OptionProblems.Format(InitialStabilityDays.Low)}, {OptionProblems.Format(InitialStabilityDays.High)})");
        }

        problems.Require(StabilityGrowth >= 0 && double.IsFinite(StabilityGrowth), nameof(StabilityGrowth), "the stability growth must be a finite number ≥ 0", StabilityGrowth);
        problems.Require(KnownRetention is > 0 and <= 1, nameof(KnownRetention), "the known retention must be in (0, 1]", KnownRetention);
        problems.Require(PriorKnowledgeStabilityFactor >= 1 && double.IsFinite(PriorKnowledgeStabilityFactor), nameof(PriorKnowledgeStabilityFactor), "the prior knowledge stability factor must be a finite number ≥ 1", PriorKnowledgeStabilityFactor);
        problems.ThrowIfAny();
    }
}

/// <summary>BKT learners (as <see cref="BktStudents"/>) who also forget between sessions (<see cref="ForgettingSettings"/>):
/// a competency is truly known only while its recall is at least <see cref="ForgettingSettings.KnownRetention"/>, so
/// goals mastered early can be lost before the last is learned. Run them with sessions
/// (<see cref="SimulationOptions.StepsPerSession"/>): without, time passes only step by step (600 steps of 10 minutes
/// are about 4 days), so there is little time to forget in.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ForgettingStudents : StudentModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="settings">How learners learn and answer; null for <see cref="SimulatedLearnerSettings.Default"/>.</param>
    /// <param name="forgetting">How they forget; null for <see cref="ForgettingSettings.Default"/>.</param>
    /// <param name="name">The name in reports; null for "forgetting BKT".</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range, or the guess and slip ranges allow
    /// guess + slip ≥ 1: one exception for every problem, whose <see cref="ArgumentException.ParamName"/> is the first bad
    /// setting and whose message names each bad setting, its rule and the value given.</exception>
    public ForgettingStudents(SimulatedLearnerSettings? settings = null, ForgettingSettings? forgetting = null, string? name = null)
    {
        Settings = settings ?? SimulatedLearnerSettings.Default;
        Settings.Validate();
        Forgetting = forgetting ?? ForgettingSettings.Default;
        Forgetting.Validate();
        Name = name ?? "forgetting BKT";
    }

    /// <summary>How learners learn and answer.</summary>
    public SimulatedLearnerSettings Settings { get; }

    /// <summary>How they forget.</summary>
    public ForgettingSettings Forgetting { get; }

    /// <inheritdoc />
    public override string Name { get; }

    internal override SimulatedLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, long seed) =>
        BktLearner.Draw(id, framework, prerequisites, Name, Settings, seed, Forgetting);
}

/// <summary>How learners of <see cref="LogisticStudents"/> are drawn: P(correct) on a competency is
/// σ(ability + easiness + success gain · successes + failure gain · failures), performance factors analysis (Pavlik, Cen
/// and Koedinger 2009); with equal gains it is the additive factors model (Cen, Koedinger and Junker 2006).</summary>
/// <param name="Ability">The learner's ability θ, in logits, drawn uniformly from this range.</param>
/// <param name="Easiness">Each competency's easiness β for the learner, in logits, drawn uniformly from this range.</param>
/// <param name="SuccessGain">Logits gained per success, per competency, drawn uniformly from this range; each bound ≥ 0.</param>
/// <param name="FailureGain">Logits gained per failure (practice that failed still teaches), per competency, drawn
/// uniformly from this range; each bound ≥ 0.</param>
/// <param name="GatedFactor">What an opportunity counts for while a true prerequisite is not known, in [0, 1].</param>
/// <param name="KnownProbability">A competency counts as truly known once P(correct) reaches this, in (0, 1).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LogisticStudentSettings(
    (double Low, double High) Ability,
    (double Low, double High) Easiness,
    (double Low, double High) SuccessGain,
    (double Low, double High) FailureGain,
    double GatedFactor,
    double KnownProbability)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>LogisticStudentSettings { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Ability −0.5 to 0.5, easiness −2.5 to −1 (a first answer right 5–38 % of the time), success gains 0.4–0.8,
    /// failure gains 0.15–0.35, opportunities before the prerequisites worth 0.25, known at P(correct) 0.8.</summary>
    public static LogisticStudentSettings Default { get; } = new((-0.5, 0.5), (-2.5, -1), (0.4, 0.8), (0.15, 0.35), 0.25, 0.8);

    // Checked where the settings are used (a positional record has no constructor body), every problem at once.
    internal void Validate()
    {
        var problems = new OptionProblems("logistic student settings");
        SimulatedLearnerSettings.Check(ref problems, Ability, -20, 20, nameof(Ability));
        SimulatedLearnerSettings.Check(ref problems, Easiness, -20, 20, nameof(Easiness));
        SimulatedLearnerSettings.Check(ref problems, SuccessGain, 0, 20, nameof(SuccessGain));
        SimulatedLearnerSettings.Check(ref problems, FailureGain, 0, 20, nameof(FailureGain));
        problems.Require(GatedFactor is >= 0 and <= 1, nameof(GatedFactor), "the gated factor must be in [0, 1]", GatedFactor);
        problems.Require(KnownProbability is > 0 and < 1, nameof(KnownProbability), "the known probability must be in (0, 1)", KnownProbability);
        problems.ThrowIfAny();
    }
}

/// <summary>Learners with no hidden binary state: success depends on practice counts (<see cref="LogisticStudentSettings"/>).
/// A policy that assumes BKT meets learners who improve gradually, never in one jump.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LogisticStudents : StudentModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="settings">The ranges; null for <see cref="LogisticStudentSettings.Default"/>.</param>
    /// <param name="name">The name in reports; null for "logistic (PFA)".</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range: one exception for every problem, whose
    /// <see cref="ArgumentException.ParamName"/> is the first bad setting and whose message names each bad setting, its
    /// rule and the value given.</exception>
    public LogisticStudents(LogisticStudentSettings? settings = null, string? name = null)
    {
        Settings = settings ?? LogisticStudentSettings.Default;
        Settings.Validate();
        Name = name ?? "logistic (PFA)";
    }

    /// <summary>The ranges learners are drawn from.</summary>
    public LogisticStudentSettings Settings { get; }

    /// <inheritdoc />
    public override string Name { get; }

    internal override SimulatedLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, long seed) =>
        LogisticLearner.Draw(id, framework, prerequisites, Name, Settings, seed);
}

/// <summary>A mixed class: each learner belongs to one group, drawn with the groups' shares, and is drawn from that
/// group's student model; <see cref="SimulatedLearner.Group"/> names it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MixedStudents : StudentModel
{
    private readonly double[] _cumulative;

    /// <summary>Creates the model.</summary>
    /// <param name="groups">The groups: a model each (its <see cref="StudentModel.Name"/> names the group) and a share,
    /// each share greater than 0; shares are normalised to sum to 1. Names must differ.</param>
    /// <param name="name">The name in reports; null for "mixed class".</param>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or a model is null.</exception>
    /// <exception cref="ArgumentException">There are no groups, two have the same name, or a group is itself a
    /// <see cref="MisspecifiedPrerequisites"/> (a class follows one graph: wrap the mixture instead).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A share is not a finite number greater than 0.</exception>
    public MixedStudents(IEnumerable<(StudentModel Model, double Share)> groups, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new ArgumentException("A mixed class needs at least one group.", nameof(groups));
        }

        foreach (var (model, share) in list)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(groups));
            if (!(share > 0 && double.IsFinite(share)))
            {
                throw new ArgumentOutOfRangeException(nameof(groups), share, $"The share of group '{model.Name}' must be a finite number greater than 0.");
            }

            if (model is MisspecifiedPrerequisites)
            {
                throw new ArgumentException($"Group '{model.Name}' changes the prerequisite graph; a class follows one graph, so wrap the mixed class in {nameof(MisspecifiedPrerequisites)} instead.", nameof(groups));
            }
        }

        if (list.Select(g => g.Model.Name).Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new ArgumentException("Two groups have the same name; name each group's model differently.", nameof(groups));
        }

        var total = list.Sum(g => g.Share);
        Groups = [.. list.Select(g => (g.Model, g.Share / total))];
        _cumulative = new double[list.Length];
        var sum = 0.0;
        for (var i = 0; i < list.Length; i++)
        {
            sum += Groups[i].Share;
            _cumulative[i] = sum;
        }

        _cumulative[^1] = 1;
        Name = name ?? "mixed class";
    }

    /// <summary>The groups, with shares that sum to 1.</summary>
    public ImmutableArray<(StudentModel Model, double Share)> Groups { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>Fast learners (learn rates ×1.6, guess 0.05–0.15, slip 0.02–0.08) 30 %, average
    /// (<see cref="SimulatedLearnerSettings.Default"/>) 40 %, slow (learn rates ×0.5, guess 0.2–0.3, slip 0.1–0.2) 30 %;
    /// all gated.</summary>
    /// <returns>The model.</returns>
    public static MixedStudents FastAverageSlow()
    {
        var average = SimulatedLearnerSettings.Default;
        return new MixedStudents(
        [
            (new BktStudents(average with { Ability = (0.96, 2.24), Guess = (0.05, 0.15), Slip = (0.02, 0.08) }, "fast"), 0.3),
            (new BktStudents(average, "average"), 0.4),
            (new BktStudents(average with { Ability = (0.3, 0.7), Guess = (0.2, 0.3), Slip = (0.1, 0.2) }, "slow"), 0.3),
        ]);
    }

    internal override SimulatedLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, long seed) =>
        Draw(id, framework, prerequisites, seed, 0);

    // A mixed class within a mixed class draws its group from a stream of its own depth: with one stream for every level,
    // the inner draw repeated the outer one, and some inner groups were never drawn.
    private SimulatedLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, long seed, int depth)
    {
        var random = SeededRandom.For(seed, depth == 0 ? "group:" + id.Value : string.Create(CultureInfo.InvariantCulture, $"group@{depth}:{id.Value}"));
        var u = random.NextDouble();
        var g = 0;
        while (u >= _cumulative[g])
        {
            g++;
        }

        return Groups[g].Model is MixedStudents inner
            ? inner.Draw(id, framework, prerequisites, seed, depth + 1)
            : Groups[g].Model.Draw(id, framework, prerequisites, seed);
    }
}

/// <summary>
/// Learners of another student model who follow a prerequisite graph that is partly wrong in the framework: some real
/// prerequisite links are missing from it, and some of its links are spurious (the learner does not need them).
/// </summary>
/// <remarks>
/// <para>For a framework with E prerequisite links, round(<see cref="SpuriousShare"/> · E) of them, drawn at random, are
/// not real, and round(<see cref="MissingShare"/> · E) real links that the framework lacks are added, each from a
/// competency to a later one in the framework's topological order that it is not linked to yet (so the true graph
/// stays acyclic), drawn uniformly among such pairs, as many as there are. The true graph depends on the class's seed and the framework
/// only: every learner of a class follows the same one (<see cref="SimulatedLearner.TruePrerequisitesOf"/>).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class MisspecifiedPrerequisites : StudentModel
{
    private readonly ConditionalWeakTable<CompetencyFramework, Dictionary<long, int[][]>> _graphs = [];

    /// <summary>Creates the model.</summary>
    /// <param name="students">The learners' model otherwise; not itself a <see cref="MisspecifiedPrerequisites"/>.</param>
    /// <param name="missingShare">Real links missing from the framework, as a share of its links; in [0, 1].</param>
    /// <param name="spuriousShare">Links of the framework that are not real, as a share of its links; in [0, 1].</param>
    /// <param name="name">The name in reports; null for the inner model's name followed by ", partly wrong graph".</param>
    /// <exception cref="ArgumentNullException"><paramref name="students"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="students"/> is itself a <see cref="MisspecifiedPrerequisites"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside [0, 1].</exception>
    public MisspecifiedPrerequisites(StudentModel students, double missingShare = 0.3, double spuriousShare = 0.3, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(students);
        if (students is MisspecifiedPrerequisites)
        {
            throw new ArgumentException("The learners' model already changes the graph; give the model it wraps.", nameof(students));
        }

        if (!(missingShare >= 0 && missingShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(missingShare), missingShare, "The missing share must be in [0, 1].");
        }

        if (!(spuriousShare >= 0 && spuriousShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(spuriousShare), spuriousShare, "The spurious share must be in [0, 1].");
        }

        Students = students;
        MissingShare = missingShare;
        SpuriousShare = spuriousShare;
        Name = name ?? students.Name + ", partly wrong graph";
    }

    /// <summary>The learners' model otherwise.</summary>
    public StudentModel Students { get; }

    /// <summary>Real links missing from the framework, as a share of its links.</summary>
    public double MissingShare { get; }

    /// <summary>Links of the framework that are not real, as a share of its links.</summary>
    public double SpuriousShare { get; }

    /// <inheritdoc />
    public override string Name { get; }

    internal override int[][] TruePrerequisites(CompetencyFramework framework, long seed)
    {
        var bySeed = _graphs.GetOrCreateValue(framework);
        lock (bySeed)
        {
            if (!bySeed.TryGetValue(seed, out var graph))
            {
                graph = Draw(framework, seed);
                bySeed[seed] = graph;
            }

            return graph;
        }
    }

    internal override SimulatedLearner Draw(LearnerId id, CompetencyFramework framework, int[][] prerequisites, long seed) =>
        Students.Draw(id, framework, prerequisites, seed);

    private int[][] Draw(CompetencyFramework framework, long seed)
    {
        var random = SeededRandom.For(seed, "graph");
        var links = new List<(int From, int To)>();
        for (var to = 0; to < framework.Count; to++)
        {
            foreach (var from in framework.PrerequisiteIndices(to))
            {
                links.Add((from, to));
            }
        }

        var linked = links.ToHashSet();
        var spurious = (int)Math.Round(SpuriousShare * links.Count, MidpointRounding.AwayFromZero);
        var missing = (int)Math.Round(MissingShare * links.Count, MidpointRounding.AwayFromZero);

        // Spurious: a partial Fisher–Yates shuffle takes the first ones out.
        for (var i = 0; i < spurious; i++)
        {
            var j = i + random.Next(links.Count - i);
            (links[i], links[j]) = (links[j], links[i]);
        }

        var real = links.Skip(spurious).ToList();

        // Missing: unlinked forward pairs of the topological order, drawn by rejection (memory linear in the links), or
        // from the list of every such pair when most are taken.
        var order = framework.TopologicalOrder.Select(framework.IndexOf).ToArray();
        var pairs = (long)order.Length * (order.Length - 1) / 2;
        var free = pairs - linked.Count;
        var want = (int)Math.Min(missing, free);
        var added = new HashSet<(int From, int To)>();
        if (want > 0 && want <= free / 2)
        {
            while (added.Count < want)
            {
                var x = random.Next(order.Length);
                var y = random.Next(order.Length);
                if (x == y)
                {
                    continue;
                }

                var pair = (order[Math.Min(x, y)], order[Math.Max(x, y)]);
                if (!linked.Contains(pair) && added.Add(pair))
                {
                    real.Add(pair);
                }
            }
        }
        else if (want > 0)
        {
            var candidates = new List<(int From, int To)>();
            for (var a = 0; a < order.Length; a++)
            {
                for (var b = a + 1; b < order.Length; b++)
                {
                    if (!linked.Contains((order[a], order[b])))
                    {
                        candidates.Add((order[a], order[b]));
                    }
                }
            }

            for (var i = 0; i < want; i++)
            {
                var j = i + random.Next(candidates.Count - i);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
                real.Add(candidates[i]);
            }
        }

        var graph = new int[framework.Count][];
        for (var to = 0; to < graph.Length; to++)
        {
            graph[to] = [.. real.Where(l => l.To == to).Select(l => l.From).Order()];
        }

        return graph;
    }
}

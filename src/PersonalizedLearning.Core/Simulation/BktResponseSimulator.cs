using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Simulation;

/// <summary>
/// Generates response logs from known BKT parameters, as pyBKT's own tests do: each simulated learner starts knowing a
/// competency with probability P(L0), answers correctly with probability 1 − S when knowing and G when not, and after
/// each answer learns with probability T (or forgets with probability F). Fitting such a log should recover the
/// parameters that generated it.
/// </summary>
/// <remarks>Deterministic for a seed on every machine. Thread-safe: holds no state.</remarks>
public static class BktResponseSimulator
{
    /// <summary>Simulates learners answering on one or more competencies.</summary>
    /// <param name="competencies">The true parameters of each competency; when it has activities, answers are spread over
    /// the competency's <see cref="BktCompetencyParameters.ActivityParameters"/>, each answer in one drawn uniformly at random.</param>
    /// <param name="learners">How many learners, at least 1.</param>
    /// <param name="attempts">How many answers each learner gives on each competency, at least 1.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The log: learners <c>s0</c>, <c>s1</c>, …; orders increase through each learner's answers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="competencies"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="competencies"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learners"/> or <paramref name="attempts"/> is less than 1.</exception>
    public static ResponseLog Simulate(IEnumerable<BktCompetencyParameters> competencies, int learners, int attempts, long seed)
    {
        ArgumentNullException.ThrowIfNull(competencies);
        ArgumentOutOfRangeException.ThrowIfLessThan(learners, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var skills = competencies.ToImmutableArray();
        if (skills.IsEmpty)
        {
            throw new ArgumentException("Name at least one competency to simulate.", nameof(competencies));
        }

        var random = SeededRandom.For(seed, "bkt-simulation");
        var responses = new List<Response>(checked(learners * attempts * skills.Length));
        long order = 0;
        for (var s = 0; s < learners; s++)
        {
            var learner = new LearnerId(string.Create(CultureInfo.InvariantCulture, $"s{s}"));
            foreach (var skill in skills)
            {
                var activities = skill.ActivityParameters.Keys.ToArray();
                var known = random.NextDouble() < skill.Parameters.Prior;
                for (var t = 0; t < attempts; t++)
                {
                    ActivityId? activity = activities.Length == 0 ? (ActivityId?)null : activities[random.Next(activities.Length)];
                    var p = skill.For(activity);
                    var correct = random.NextDouble() < (known ? 1 - p.Slip : p.Guess);
                    responses.Add(new Response(learner, skill.Competency, correct, order++, activity));
                    known = known ? random.NextDouble() >= p.Forget : random.NextDouble() < p.Learn;
                }
            }
        }

        return ResponseLog.Create(responses);
    }
}

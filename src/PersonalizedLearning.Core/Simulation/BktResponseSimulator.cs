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
    /// <param name="competencies">The true parameters of each competency. When it has activities (of its own, or in
    /// pairs), answers are spread over them, each answer in one drawn uniformly at random; guess and slip are the
    /// activity's, the move after an answer uses the pair's rates, else the activity's, else the competency's (see
    /// <see cref="BktCompetencyParameters"/>), and the prior is the learner's group's.</param>
    /// <param name="learners">How many learners, at least 1.</param>
    /// <param name="attempts">How many answers each learner gives on each competency, at least 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="cohorts">The cohort of each learner (<c>s0</c>, <c>s1</c>, …), for competencies with priors by
    /// cohort; or null.</param>
    /// <returns>The log: learners <c>s0</c>, <c>s1</c>, …; orders increase through each learner's answers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="competencies"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="competencies"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learners"/> or <paramref name="attempts"/> is less than 1.</exception>
    public static ResponseLog Simulate(IEnumerable<BktCompetencyParameters> competencies, int learners, int attempts, long seed, IReadOnlyDictionary<LearnerId, string>? cohorts = null)
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
                var activities = skill.ActivityIndex;

                // Without groups the prior is drawn first, as it always was (so earlier seeds give the same logs).
                var known = skill.PriorGroups is null && random.NextDouble() < skill.Parameters.Prior;
                ActivityId? previous = null;
                for (var t = 0; t < attempts; t++)
                {
                    ActivityId? activity = activities.Length == 0 ? (ActivityId?)null : activities[random.Next(activities.Length)];
                    if (t == 0 && skill.PriorGroups is not null)
                    {
                        var group = skill.PriorGroups is not { } groups ? null
                            : groups.IsByCohort ? (cohorts is not null && cohorts.TryGetValue(learner, out var cohort) ? cohort : null)
                            : activity?.Value;
                        known = random.NextDouble() < skill.PriorFor(group);
                    }

                    var p = skill.For(previous, activity);
                    var correct = random.NextDouble() < (known ? 1 - p.Slip : p.Guess);
                    responses.Add(new Response(learner, skill.Competency, correct, order++, activity));
                    known = known ? random.NextDouble() >= p.Forget : random.NextDouble() < p.Learn;
                    previous = activity;
                }
            }
        }

        return ResponseLog.Create(responses);
    }
}

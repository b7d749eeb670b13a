using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Observations;

/// <summary>
/// One right-or-wrong answer in a response log, the input of knowledge-tracing fits and evaluations: who answered,
/// on which competency, in which activity (optional), whether it was correct, and its place in time.
/// </summary>
/// <param name="Learner">The learner.</param>
/// <param name="Competency">The competency (pyBKT's skill).</param>
/// <param name="Correct">Whether the answer was correct.</param>
/// <param name="Order">Its place in time: answers are replayed by ascending order (pyBKT's <c>order_id</c>).</param>
/// <param name="Activity">The activity or item class it was answered in; null when unknown. A BKT fit uses it for guess and
/// slip per activity, a learn rate per activity or per pair of consecutive activities, and a prior per first
/// activity (see <see cref="Mastery.KnowledgeTracing.BktFitOptions"/>); online models for guess and slip per activity.</param>
/// <remarks>Immutable and thread-safe. The default value has empty ids and is refused by <see cref="ResponseLog"/>.</remarks>
public readonly record struct Response(LearnerId Learner, CompetencyId Competency, bool Correct, long Order, ActivityId? Activity = null)
{
    /// <summary>Creates a response from a 0/1 outcome, as response logs store it.</summary>
    /// <param name="learner">The learner.</param>
    /// <param name="competency">The competency.</param>
    /// <param name="correct">1 for a correct answer, 0 for a wrong one.</param>
    /// <param name="order">Its place in time.</param>
    /// <param name="activity">The activity, or null.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="correct"/> is neither 0 nor 1.</exception>
    public static Response FromOutcome(LearnerId learner, CompetencyId competency, int correct, long order, ActivityId? activity = null)
        => correct is 0 or 1
            ? new(learner, competency, correct == 1, order, activity)
            : throw new ArgumentOutOfRangeException(nameof(correct), correct,
                string.Create(CultureInfo.InvariantCulture, $"A response's outcome must be 0 (wrong) or 1 (correct); got {correct} for learner '{learner}' on '{competency}' at order {order}."));
}

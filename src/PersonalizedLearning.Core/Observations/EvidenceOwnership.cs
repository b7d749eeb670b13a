using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Observations;

// The one check that a piece of evidence handed in (a history, a log to fold, the evidence a plan is paced by) belongs
// to the learner it is given for and to the catalog it is read against: the same exception type (ArgumentException,
// naming the parameter) and the same message wherever it is made, so that a host learns one rule.
internal static class EvidenceOwnership
{
    /// <summary>Throws unless the evidence is about <paramref name="learner"/> and names only competencies of the
    /// catalog's framework and activities of the catalog.</summary>
    /// <param name="evidence">The piece; null is refused too.</param>
    /// <param name="learner">The learner it must be about.</param>
    /// <param name="catalog">The catalog (and through it the framework) it must name only things of.</param>
    /// <param name="owner">What it is given for, as in "but the playlist is for 'ana'": "the state", "the request".</param>
    /// <param name="parameter">The parameter the exception names.</param>
    /// <exception cref="ArgumentNullException">The piece is null.</exception>
    /// <exception cref="ArgumentException">It is about another learner, or names a competency or an activity the catalog does not have.</exception>
    public static void Require(Evidence? evidence, LearnerId learner, ActivityCatalog catalog, string owner, string parameter)
    {
        ArgumentNullException.ThrowIfNull(evidence, parameter);
        if (evidence.Learner != learner)
        {
            throw new ArgumentException($"Evidence '{evidence.Id}' is about learner '{evidence.Learner}', but {owner} is for '{learner}'.", parameter);
        }

        if (evidence.Competency is { } competency && evidence.CompetencyIndexIn(catalog.Framework) < 0)
        {
            throw new UnknownCompetencyException(competency, $"Evidence '{evidence.Id}' names competency '{competency}', which is not in framework '{catalog.Framework.Title}'.", parameter);
        }

        if (evidence.Activity is { } activity && evidence.ActivityIndexIn(catalog) < 0)
        {
            throw new UnknownActivityException(activity, $"Evidence '{evidence.Id}' names activity '{activity}', which is not in the catalog.", parameter);
        }
    }
}

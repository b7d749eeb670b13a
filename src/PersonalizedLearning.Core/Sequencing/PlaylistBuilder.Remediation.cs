// Remediation: which playlist competencies a failure run in the history sends back to their weakest prerequisite (the
// recommender's rule), and the remediation step itself.

using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Sequencing;

public sealed partial class PlaylistBuilder
{
    // The library's one remediation rule (RemediationRule, which the recommender reads its history with too), so that
    // both entry points remediate on the same evidence, read as the recommender reads it (only the last HistoryLimit
    // pieces): for each playlist competency whose current failure run
    // remediates, its weakest prerequisite when that is not a step already.
    private static Dictionary<int, int> Remediations(PlaylistRequest request, ulong[] inPlaylist)
    {
        var result = new Dictionary<int, int>();
        if (request.History.IsEmpty)
        {
            return result;
        }

        var catalog = request.Catalog;
        var runs = new RemediationRule();
        runs.Begin(catalog.Framework.Count);
        var first = RemediationRule.OldestRead(request.History.Length, request.Options.HistoryLimit);
        for (var j = request.History.Length - 1; j >= first; j--)
        {
            var evidence = request.History[j];
            runs.Observe(evidence, catalog, evidence.ActivityIndexIn(catalog), !evidence.Outcome.PassesChecked(request.Options.PassingScore));
        }

        foreach (var competency in runs.Failing)
        {
            if (!CompetencyFramework.IsSet(inPlaylist, competency) || !runs.Remediates(competency, runs.FailuresNeeded(competency, request.Options.RemediateAfterFailures)))
            {
                continue;
            }

            // Not when the prerequisite has nothing a remediation board could offer (a parent reached through its
            // children, with no activity of its own): the step would be empty, and the recommender offers none either.
            var weakest = request.Mastery.WeakestPrerequisite(competency);
            if (weakest >= 0 && !CompetencyFramework.IsSet(inPlaylist, weakest) && HasRemediationActivity(catalog, request.Options, weakest))
            {
                result[competency] = weakest;
            }
        }

        return result;
    }

    private static bool HasRemediationActivity(ActivityCatalog catalog, PlaylistOptions options, int competency) =>
        AnyActivity(catalog, competency, new RemediationActivity(options));

    private static bool IsRemediationActivity(PlaylistOptions options, LearningActivity activity) =>
        options.Includes(activity.Kind) && activity.Kind is not ActivityKind.Assessment and not ActivityKind.Project;

    private readonly struct RemediationActivity(PlaylistOptions options) : IActivityTest
    {
        public bool Passes(LearningActivity activity) => IsRemediationActivity(options, activity);
    }

    private static PlaylistStep RemediationStep(PlaylistTerms terms, int weakest, int failed, ImmutableArray<CompetencyId> goals)
    {
        var catalog = terms.Catalog;
        var framework = catalog.Framework;
        var activities = catalog.ActivityIndicesFor(weakest).ToArray().Select(a => catalog.Activities[a])
            .Where(a => IsRemediationActivity(terms.Options, a))
            .Select(a => new Ranked(a, a.AlignmentWeight(framework.Competencies[weakest].Id)))
            .ToList();
        var sorted = new Ranked[activities.Count];
        var count = 0;
        activities.ForEach(a => Insert(sorted, ref count, a));
        var choices = ChoiceBoard(sorted.AsSpan(0, count), terms.Options.EffectiveChoicesPerStep);
        return new PlaylistStep(PlaylistStepKind.Remediate, framework.Competencies[weakest].Id, choices, null,
            PlaylistStep.Estimate(choices, null) * terms.TimeFactor, [], goals, framework.Competencies[failed].Id, false);
    }
}

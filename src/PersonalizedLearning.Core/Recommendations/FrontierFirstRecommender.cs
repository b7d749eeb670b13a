using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

/// <summary>
/// A first, simple recommender: only competencies on the learner's frontier (not mastered, every
/// prerequisite mastered), neediest first, with activities spread across competencies.
/// </summary>
/// <remarks>
/// <para>Each frontier competency c has need(c) = 1 − estimate (1 when not started). Its aligned activities are
/// ordered instruction first (lesson, reading, video, tutoring, discussion) when c is not started, and
/// practice first (practice, assessment, project) once it is, then by alignment weight (higher first), then
/// by catalog order. The k-th activity of c (k = 0, 1, …) scores need(c) / (k + 1), so the first pick for every
/// needy competency comes before second picks. Ties go to the competency earlier in the framework's
/// topological order, then to the activity earlier in that order. An activity is recommended once.</para>
/// <para>The profile is not used yet. Immutable and thread-safe.</para>
/// </remarks>
public sealed class FrontierFirstRecommender : INextStepRecommender
{
    /// <summary>The shared instance.</summary>
    public static FrontierFirstRecommender Instance { get; } = new();

    /// <inheritdoc />
    public ImmutableArray<Recommendation> Recommend(NextStepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var catalog = request.Catalog;
        var framework = catalog.Framework;
        var frontier = new List<int>();
        framework.FillFrontier(request.Mastery.MasteredByIndex, frontier);

        var candidates = new List<Candidate>();
        foreach (var competency in frontier)
        {
            var assessment = request.Mastery.Get(competency);
            var need = 1 - (assessment.Estimate ?? 0);
            var started = assessment.Level != MasteryLevel.NotStarted;
            var id = framework.Competencies[competency].Id;
            var ordered = catalog.ActivitiesForIndex(competency)
                .Select((activity, position) => (activity, position))
                .OrderBy(a => IsInstruction(a.activity.Kind) == started ? 1 : 0)
                .ThenByDescending(a => a.activity.AlignmentWeight(id))
                .ThenBy(a => a.position)
                .Select(a => a.activity);
            var pick = 0;
            foreach (var activity in ordered)
            {
                candidates.Add(new Candidate(activity, competency, need / (pick + 1), framework.TopologicalRank(competency), pick, assessment));
                pick++;
            }
        }

        candidates.Sort(static (a, b) =>
            b.Score.CompareTo(a.Score) is var byScore && byScore != 0 ? byScore
            : a.TopologicalRank.CompareTo(b.TopologicalRank) is var byRank && byRank != 0 ? byRank
            : a.Pick.CompareTo(b.Pick));

        var result = ImmutableArray.CreateBuilder<Recommendation>(request.Count);
        var used = new HashSet<ActivityId>();
        foreach (var candidate in candidates)
        {
            if (result.Count == request.Count)
            {
                break;
            }

            if (used.Add(candidate.Activity.Id))
            {
                result.Add(new Recommendation(result.Count + 1, candidate.Activity, candidate.Assessment.Competency, candidate.Score, Reasons(candidate, framework.PrerequisiteIndices(candidate.Competency).Length)));
            }
        }

        return result.ToImmutable();
    }

    private static bool IsInstruction(ActivityKind kind) => kind is ActivityKind.Lesson or ActivityKind.Reading or ActivityKind.Video or ActivityKind.Tutoring or ActivityKind.Discussion;

    private static ImmutableArray<RecommendationReason> Reasons(Candidate candidate, int prerequisiteCount)
    {
        var assessment = candidate.Assessment;
        var ready = prerequisiteCount == 0
            ? new RecommendationReason(RecommendationReasonCode.ReadyNoPrerequisites, "Ready: no prerequisites")
            : new RecommendationReason(RecommendationReasonCode.ReadyPrerequisitesMastered,
                prerequisiteCount == 1 ? "Ready: its prerequisite is mastered" : $"Ready: all {prerequisiteCount} prerequisites mastered");
        var progress = assessment.Level == MasteryLevel.NotStarted
            ? new RecommendationReason(RecommendationReasonCode.NotStarted, "Not started yet")
            : new RecommendationReason(RecommendationReasonCode.InProgress,
                $"In progress: {assessment.Level} ({assessment.EstimateLabel} {assessment.Estimate?.ToString("0.00", CultureInfo.InvariantCulture) ?? "not scored yet"})");
        var fit = IsInstruction(candidate.Activity.Kind)
            ? new RecommendationReason(RecommendationReasonCode.Introduces, $"{candidate.Activity.Kind} to learn it")
            : new RecommendationReason(RecommendationReasonCode.Practises, $"{candidate.Activity.Kind} to show it");
        return [ready, progress, fit];
    }

    private readonly record struct Candidate(LearningActivity Activity, int Competency, double Score, int TopologicalRank, int Pick, MasteryAssessment Assessment);
}

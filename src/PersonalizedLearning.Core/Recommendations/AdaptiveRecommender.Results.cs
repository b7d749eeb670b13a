// The last step of a recommendation (history → goal paths → candidates → scoring → selection → results): turns the
// kept picks into NextSteps (signals, contributions and the facts their reasons are told from), and lists the
// competencies the learner is stuck on. Apart from scratch growing, a call allocates only here.

using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

public sealed partial class AdaptiveRecommender
{
    private ref partial struct Run
    {
        private readonly ImmutableArray<NextStep> BuildSteps()
        {
            if (_s.TopCount == 0)
            {
                return [];
            }

            var steps = new NextStep[_s.TopCount];
            var w = _owner._w;
            var profile = _request.Profile;
            for (var i = 0; i < steps.Length; i++)
            {
                ref readonly var pick = ref _s.Top[i];
                ref readonly var candidate = ref _s.Candidates[pick.CandidateSlot];
                var competency = candidate.Competency;
                var position = candidate.Position;
                var assessment = position >= 0 ? _mastery.AssessmentAt(position) : null;
                var signals = new RecommendationSignals(
                    candidate.Need, candidate.Readiness, candidate.GoalRelevance, candidate.Urgency, pick.DifficultyFit,
                    candidate.ReviewDue, pick.ProfileFit, pick.Novelty, pick.TimeFit);
                var onGoalPath = _s.GoalStamp[competency] == _generation;
                var goal = onGoalPath ? profile!.Goals[_s.GoalSlot[competency]] : default;
                steps[i] = new NextStep
                {
                    Rank = i + 1,
                    Activity = _catalog.Activities[pick.Activity],
                    Competency = _framework.Competencies[competency].Id,
                    Purpose = candidate.Purpose,
                    Score = pick.Score,
                    Signals = signals,
                    Contributions = signals.Contributions(w, _owner._inverseTotalWeight),
                    Level = assessment?.Level ?? MasteryLevel.NotStarted,
                    Estimate = assessment?.Estimate,
                    PrerequisiteCount = _framework.PrerequisiteIndices(competency).Length,
                    Goal = onGoalPath ? goal.Competency : (CompetencyId?)null,
                    GoalDate = onGoalPath ? goal.TargetDate : null,
                    PredictedSuccess = double.IsNaN(pick.Predicted) ? null : pick.Predicted,
                    Retrievability = double.IsNaN(candidate.Retrievability) ? null : candidate.Retrievability,
                    RemediationFor = candidate.RemediationFor >= 0 ? _framework.Competencies[candidate.RemediationFor].Id : (CompetencyId?)null,
                    Failures = candidate.Failures,
                    MatchedInterest = pick.Interest >= 0 ? profile!.Interests[pick.Interest] : null,
                    PreferredModality = pick.ModalityRank >= 0,
                    Minutes = pick.Minutes,
                    AvailableMinutes = _request.AvailableMinutes,
                };
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(steps);
        }

        private readonly ImmutableArray<StuckCompetency> FindStuck()
        {
            // The library's one stuck-learner rule, in the framework's topological order (as ClassOverview lists them).
            var positions = StuckRule.Positions(_mastery, _owner.Options.WheelSpinningAttempts);
            if (positions.Length == 0)
            {
                return [];
            }

            var result = new StuckCompetency[positions.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                var assessment = _mastery.AssessmentAt(positions[i]);
                result[i] = new StuckCompetency(assessment.Competency, assessment.EvidenceCount, assessment.Level, assessment.Estimate);
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(result);
        }
    }
}

// The fourth step of a recommendation (history → goal paths → candidates → scoring → selection → results),
// run from selection: scores one activity for one candidate with the activity-level signals (difficulty fit, profile
// fit, novelty, time fit) into a Pick, unless the filter excludes it or it cannot reach selection's bar.

using PersonalizedLearning.Activities;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

public sealed partial class AdaptiveRecommender
{
    private ref partial struct Run
    {
        // Whether the request's filter lets the activity through: its kind, its modality, not excluded, and its minutes
        // (extended time applied) within the filter's maximum.
        private readonly bool PassesFilter(int activity, LearningActivity item)
        {
            var filter = _request.Filter;
            return (filter.KindMask == 0 || (filter.KindMask & (1u << (int)item.Kind)) != 0)
                && (filter.ModalityMask == 0 || (filter.ModalityMask & (1u << (int)item.Modality)) != 0)
                && _s.ExcludedStamp[activity] != _generation
                && !(filter.MaximumMinutes is { } maximum && item.EstimatedMinutes * _timeFactor > maximum);
        }

        // Scores one activity for one candidate, unless it is filtered out or cannot reach the bar; the predictor is
        // asked only when the cheaper signals leave room.
        private readonly bool TryScore(int activity, int candidateSlot, double bar, out Pick pick)
        {
            pick = default;
            ref readonly var candidate = ref _s.Candidates[candidateSlot];
            var item = _catalog.Activities[activity];
            if (!PassesFilter(activity, item))
            {
                return false;
            }

            var minutes = item.EstimatedMinutes * _timeFactor;

            // Profile fit: the mean of the parts the profile states.
            var parts = 0;
            var profileSum = 0.0;
            var modalityRank = (uint)item.Modality < (uint)_s.ModalityRank.Length ? _s.ModalityRank[(int)item.Modality] : -1;
            if (_preferredCount > 0)
            {
                parts++;
                profileSum += modalityRank >= 0 ? 1 - ((double)modalityRank / _preferredCount) : 0;
            }

            var interest = -1;
            if (_interestCount > 0)
            {
                parts++;
                interest = MatchInterest(activity);
                profileSum += interest >= 0 ? 1 : 0;
            }

            var profileFit = parts == 0 ? 0.5 : profileSum / parts;
            var novelty = 1.0;
            if (_s.ActivityStamp[activity] == _generation)
            {
                novelty = _s.ActivityLastSeen[activity] < _owner.Options.RecentWindow || _s.ActivityFailures[activity] >= 2 ? 0 : 0.5;
            }

            var timeFit = _request.AvailableMinutes is { } available && minutes > available ? available / minutes : 1;
            var w = _owner._w;
            var cheap = (w.ProfileFit * profileFit) + (w.Novelty * novelty) + (w.TimeFit * timeFit);
            var invW = _owner._inverseTotalWeight;
            if ((candidate.Partial + cheap + w.DifficultyFit) * invW < bar)
            {
                return false;
            }

            var predicted = double.NaN;
            var fit = 0.5;
            if (!IsInstruction(item.Kind) && _request.Predictor is { } predictor)
            {
                var position = candidate.Position;
                var state = position >= 0 ? _mastery.StateAt(position) : default;
                predicted = predictor.Predict(state, _framework.Competencies[candidate.Competency].Id, item.Id).CorrectProbability;
                var target = _owner.Options.TargetSuccess;
                fit = Math.Clamp(1 - (Math.Abs(predicted - target) / Math.Max(target, 1 - target)), 0, 1);
            }

            var score = Math.Clamp((candidate.Partial + ((w.DifficultyFit * fit) + cheap)) * invW, 0, 1);
            var at = candidate.Position;
            pick = new Pick
            {
                Activity = activity,
                CandidateSlot = candidateSlot,
                Score = score,
                Tier = candidate.Tier,
                TopologicalRank = candidate.TopologicalRank,
                StageRank = StageRank(candidate.Purpose, at >= 0 ? _mastery.LevelAt(at) : MasteryLevel.NotStarted, item.Kind),
                IdRank = _catalog.IdRank(activity),
                DifficultyFit = fit,
                ProfileFit = profileFit,
                Novelty = novelty,
                TimeFit = timeFit,
                Predicted = predicted,
                Interest = interest,
                ModalityRank = modalityRank,
                Minutes = minutes,
            };
            return true;
        }

        private readonly int MatchInterest(int activity)
        {
            foreach (var topic in _catalog.TopicsOf(activity))
            {
                for (var i = 0; i < _interestCount; i++)
                {
                    if (_s.InterestTopics[i] == topic)
                    {
                        return _s.InterestSlots[i];
                    }
                }
            }

            return -1;
        }

        // Between activities of one competency that score the same (no predictor tells their difficulty apart), the kind
        // that suits where the learner is comes first (0 best): instruction before practice before a checkpoint for a
        // competency not started or only attempted, and for remediation (teach the prerequisite again); practice first
        // once familiar; a checkpoint first when proficient, to show it; practice first for a review (retrieval).
        // Without it the catalog's ids decided, and "f9-check" sorted before "f9-video".
        private static int StageRank(RecommendationPurpose purpose, MasteryLevel level, ActivityKind kind)
        {
            // Ranks by stage (instruction, practice, project, checkpoint), packed two bits each, so nothing allocates.
            const int learnFirst = 0 | (1 << 2) | (2 << 4) | (3 << 6);     // instruction, practice, project, checkpoint
            const int practiseFirst = 2 | (0 << 2) | (1 << 4) | (3 << 6);  // practice, project, instruction, checkpoint
            const int showFirst = 3 | (1 << 2) | (2 << 4) | (0 << 6);      // checkpoint, practice, project, instruction
            const int retrieveFirst = 3 | (0 << 2) | (2 << 4) | (1 << 6);  // practice, checkpoint, project, instruction
            var stage = IsInstruction(kind) ? 0 : kind switch { ActivityKind.Practice => 1, ActivityKind.Project => 2, _ => 3 };
            var order = purpose switch
            {
                RecommendationPurpose.Review => retrieveFirst,
                RecommendationPurpose.Remediate => learnFirst,
                _ => level switch
                {
                    MasteryLevel.NotStarted or MasteryLevel.Attempted => learnFirst,
                    MasteryLevel.Familiar => practiseFirst,
                    _ => showFirst,
                },
            };
            return (order >> (2 * stage)) & 3;
        }
    }

    internal struct Pick
    {
        public int Activity;
        public int Tier;
        public int CandidateSlot;
        public double Score;
        public int TopologicalRank;
        public int StageRank;
        public int IdRank;
        public double DifficultyFit;
        public double ProfileFit;
        public double Novelty;
        public double TimeFit;
        public double Predicted;
        public int Interest;
        public int ModalityRank;
        public double Minutes;
    }
}

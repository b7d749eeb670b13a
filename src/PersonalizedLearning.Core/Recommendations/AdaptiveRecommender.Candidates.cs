// The third step of a recommendation (history → goal paths → candidates → scoring → selection → results): gathers
// the candidate competencies (frontier, due reviews, remediation of repeated failures), computes their
// competency-level signals (need, readiness, goal relevance, urgency, review due) and sorts them by promise.

using PersonalizedLearning.Mastery;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Recommendations;

public sealed partial class AdaptiveRecommender
{
    private ref partial struct Run
    {
        private void CollectCandidates()
        {
            _s.CandidateCount = 0;
            foreach (var competency in _mastery.FrontierIndices)
            {
                AddCandidate(competency, RecommendationPurpose.Learn);
            }

            if (_owner.Options.Stretch)
            {
                AddStretches();
            }

            for (var k = 0; k < _s.ShortcutCount; k++)
            {
                var competency = _s.Shortcuts[k];
                if (_s.CandidateStamp[competency] != _generation && !IsMastered(competency))
                {
                    AddCandidate(competency, RecommendationPurpose.Shortcut);
                }
            }

            foreach (var review in _request.DueReviews)
            {
                var competency = _framework.IndexOf(review.Competency);
                if (_s.CandidateStamp[competency] != _generation && IsMastered(competency) && PrerequisitesMastered(competency))
                {
                    AddCandidate(competency, RecommendationPurpose.Review);
                }
            }

            var runs = _s.Remediation;
            foreach (var failing in runs.Failing)
            {
                var needed = runs.FailuresNeeded(failing, _owner.Options.RemediateAfterFailures);
                if (_s.ShortcutStamp[failing] == _generation)
                {
                    // Started before weak prerequisites, it is learned more slowly: failures are expected for about as
                    // many steps as learning it takes at the rate their links promise (up to ten times the usual patience).
                    needed = Math.Max(needed, ShortcutPatience(_s.ShortcutLearn[failing]));
                }

                if (!runs.Remediates(failing, needed) || IsMastered(failing))
                {
                    continue;
                }

                var weakest = _mastery.WeakestPrerequisite(failing);
                if (weakest < 0)
                {
                    continue;
                }

                ref var candidate = ref _s.CandidateStamp[weakest] == _generation
                    ? ref _s.Candidates[_s.CandidateSlot[weakest]]
                    : ref AddCandidate(weakest, RecommendationPurpose.Remediate);
                var failures = runs.FailuresOf(failing);
                if (candidate.Purpose != RecommendationPurpose.Remediate || failures > candidate.Failures
                    || (failures == candidate.Failures && _framework.TopologicalRank(failing) < _framework.TopologicalRank(candidate.RemediationFor)))
                {
                    candidate.Purpose = RecommendationPurpose.Remediate;
                    candidate.RemediationFor = failing;
                    candidate.Failures = failures;
                }
            }

            // A due review's recall chance belongs to its competency whatever made it a candidate (the frontier, a stretch,
            // a shortcut, the review itself or a remediation), so it is attached once every candidate is known: attached
            // earlier, a remediation target had it only when a stretch had made it a candidate first.
            foreach (var review in _request.DueReviews)
            {
                var competency = _framework.IndexOf(review.Competency);
                if (_s.CandidateStamp[competency] == _generation)
                {
                    _s.Candidates[_s.CandidateSlot[competency]].Retrievability = review.Retrievability;
                }
            }

            var w = _owner._w;
            var detoured = false;
            var detouredOnPath = false;
            for (var c = 0; c < _s.CandidateCount; c++)
            {
                ref var candidate = ref _s.Candidates[c];
                var competency = candidate.Competency;
                candidate.Position = Position(competency);
                candidate.Need = candidate.Purpose == RecommendationPurpose.Remediate ? 1 : 1 - _mastery.EstimateAtPosition(candidate.Position);
                var prerequisites = _framework.PrerequisiteIndices(competency);
                var sum = 0.0;
                foreach (var prerequisite in prerequisites)
                {
                    sum += EstimateOf(prerequisite);
                }

                candidate.Readiness = prerequisites.IsEmpty ? 1 : sum / prerequisites.Length;
                if (candidate.Purpose == RecommendationPurpose.Remediate && _s.GoalStamp[competency] != _generation && _s.GoalStamp[candidate.RemediationFor] == _generation)
                {
                    // A prerequisite remediated for a competency on the way to a goal is on the way to that goal too.
                    _s.GoalStamp[competency] = _generation;
                    _s.GoalSlot[competency] = _s.GoalSlot[candidate.RemediationFor];
                    _s.GoalUrgency[competency] = _s.GoalUrgency[candidate.RemediationFor];
                }

                if (candidate.Purpose == RecommendationPurpose.Review && _s.GoalStamp[competency] != _generation && GoalServedByReview(competency) is var served and >= 0)
                {
                    // Reviews keep goals: a due review of a goal, or of a prerequisite of a goal or of a competency on
                    // the way to one, serves that goal, so a goal once mastered is kept rather than left to fade.
                    _s.GoalStamp[competency] = _generation;
                    _s.GoalSlot[competency] = served;
                    _s.GoalUrgency[competency] = Urgency(_request.Profile!.Goals[served].TargetDate);
                }

                var onGoalPath = _s.GoalStamp[competency] == _generation;
                candidate.Tier = !_owner.Options.GoalPathsFirst ? OnGoalPathTier
                    : !onGoalPath ? OffGoalPathTier
                    : candidate.Purpose == RecommendationPurpose.Review && !IsGoal(competency) && !(candidate.Retrievability < PlausiblyForgotten) ? PrerequisiteReviewTier
                    : OnGoalPathTier;
                if (_owner.Options.WheelSpinningDetour && candidate.Purpose == RecommendationPurpose.Learn && _s.StreakLength >= StuckStreak
                    && candidate.Position >= 0 && IsSpinningAt(candidate.Position))
                {
                    // Wheel-spinning (Beck and Gong 2013): right after a step on a competency the learner is stuck on
                    // without progress, one step elsewhere comes first. What the learner lacks may be a prerequisite
                    // the framework does not name; a slow learner loses one step in two only while below Familiar.
                    candidate.Spinning = true;
                    detoured = true;
                    detouredOnPath |= onGoalPath;
                }
                candidate.GoalRelevance = onGoalPath ? 1 : 0;
                candidate.Urgency = onGoalPath ? _s.GoalUrgency[competency] : 0;
                candidate.ReviewDue = double.IsNaN(candidate.Retrievability) ? 0 : 1 - (candidate.Retrievability / 2);
                candidate.Partial = (w.Need * candidate.Need) + (w.Readiness * candidate.Readiness) + (w.GoalRelevance * candidate.GoalRelevance)
                    + (w.Urgency * candidate.Urgency) + (w.ReviewDue * candidate.ReviewDue);
                candidate.TopologicalRank = _framework.TopologicalRank(competency);
            }

            // The detour needs somewhere to go that could teach; asked once, for the tiers and for goal-paths-only.
            var detour = detoured && CanLearnElsewhere();
            if (detour)
            {
                // The detour needs somewhere to go that could teach: with nothing else to learn or remediate (a review
                // cannot teach what the framework does not name), the stuck competencies keep their place.
                for (var c = 0; c < _s.CandidateCount; c++)
                {
                    ref var candidate = ref _s.Candidates[c];
                    if (candidate.Spinning)
                    {
                        candidate.Tier = DetourTier;
                    }
                }
            }

            if ((_owner.Options.GoalPathsOnly || _request.Agency is AgencyLevel.Guided or AgencyLevel.Choice) && !(detour && detouredOnPath) && _request.Profile is { Goals.IsEmpty: false })
            {
                // A goal-directed learner is offered nothing off the way to a goal, except on a wheel-spinning detour from
                // a competency on the way: what blocks them may be a prerequisite the framework does not name.
                var kept = 0;
                for (var c = 0; c < _s.CandidateCount; c++)
                {
                    if (_s.GoalStamp[_s.Candidates[c].Competency] == _generation)
                    {
                        _s.Candidates[kept++] = _s.Candidates[c];
                    }
                }

                _s.CandidateCount = kept;
            }

            // Most promising first: the list fills with strong picks early, so that the bound below skips the rest.
            _s.Candidates.AsSpan(0, _s.CandidateCount).Sort(ByPromise);
        }

        // Stretch steps: a dependent of a proficient frontier competency, on the way to a goal, with every prerequisite
        // mastered or proficient, and not failed repeatedly since (then remediation takes over). A learner who already
        // knows the prerequisite need not spend steps confirming it before learning what it opens.
        private readonly void AddStretches()
        {
            var limit = _owner.Options.RemediateAfterFailures;
            foreach (var nearly in _mastery.FrontierIndices)
            {
                if (_mastery.PositionOf(nearly) is not (var at and >= 0) || _mastery.LevelAt(at) != MasteryLevel.Proficient)
                {
                    continue;
                }

                foreach (var dependent in _framework.DependentIndices(nearly))
                {
                    if (_s.GoalStamp[dependent] != _generation || _s.CandidateStamp[dependent] == _generation || IsMastered(dependent)
                        || _s.Remediation.FailuresOf(dependent) >= limit || !NearlyReady(dependent))
                    {
                        continue;
                    }

                    AddCandidate(dependent, RecommendationPurpose.Stretch);
                }
            }
        }

        private readonly bool NearlyReady(int competency)
        {
            foreach (var prerequisite in _framework.PrerequisiteIndices(competency))
            {
                if (!IsMastered(prerequisite) && (_mastery.PositionOf(prerequisite) is not (var at and >= 0) || _mastery.LevelAt(at) != MasteryLevel.Proficient))
                {
                    return false;
                }
            }

            return true;
        }

        // Whether a candidate other than a review or a competency the learner is spinning on has an activity the
        // request's filter lets through: something a detour could go to that might teach what the learner lacks.
        private readonly bool CanLearnElsewhere()
        {
            for (var c = 0; c < _s.CandidateCount; c++)
            {
                ref readonly var candidate = ref _s.Candidates[c];
                if (candidate.Spinning || candidate.Purpose == RecommendationPurpose.Review)
                {
                    continue;
                }

                foreach (var activity in _catalog.ActivityIndicesFor(candidate.Competency))
                {
                    if (PassesFilter(activity, _catalog.Activities[activity]))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // About the answers learning at the promised rate takes (1 / rate, the rate a lower bound), plus the answers that
        // confirm mastery; at most ten times the usual patience.
        private readonly int ShortcutPatience(double learn) =>
            Math.Min(10 * _owner.Options.RemediateAfterFailures,
                learn > 0 ? (int)Math.Min(Math.Ceiling(1 / learn), int.MaxValue / 2) + _mastery.Policy.MinimumEvidenceForMastered : int.MaxValue);

        private readonly bool IsGoal(int competency) =>
            _request.Profile is { } profile && _s.GoalIndex.AsSpan(0, profile.Goals.Length).Contains(competency);

        // The goal a review of this competency serves: the first goal (in profile order) that it is, or that it is a
        // direct prerequisite of, or the goal of a dependent on the way to one; −1 when none.
        private readonly int GoalServedByReview(int competency)
        {
            if (_request.Profile is not { } profile || profile.Goals.IsEmpty)
            {
                return -1;
            }

            // The goals' indices were looked up once, when their paths were marked.
            var goals = _s.GoalIndex.AsSpan(0, profile.Goals.Length);
            if (goals.IndexOf(competency) is var own and >= 0)
            {
                return own;
            }

            foreach (var dependent in _framework.DependentIndices(competency))
            {
                if (_s.GoalStamp[dependent] == _generation)
                {
                    return _s.GoalSlot[dependent];
                }

                if (goals.IndexOf(dependent) is var served and >= 0)
                {
                    return served;
                }
            }

            return -1;
        }

        private readonly bool PrerequisitesMastered(int competency)
        {
            foreach (var prerequisite in _framework.PrerequisiteIndices(competency))
            {
                if (!IsMastered(prerequisite))
                {
                    return false;
                }
            }

            return true;
        }

        private readonly ref Candidate AddCandidate(int competency, RecommendationPurpose purpose)
        {
            var slot = _s.CandidateCount;
            _s.EnsureCandidates(slot + 1);
            _s.CandidateCount++;
            _s.CandidateStamp[competency] = _generation;
            _s.CandidateSlot[competency] = slot;
            ref var candidate = ref _s.Candidates[slot];
            candidate = new Candidate { Competency = competency, Purpose = purpose, Retrievability = double.NaN, RemediationFor = -1 };
            return ref candidate;
        }
    }

    // The tiers, first to last. A due review of a competency that is not itself a goal serves the goal only through
    // what builds on it, and being due on the calendar is weak evidence of forgetting: unless its recall has fallen
    // below PlausiblyForgotten, what can be learned on the way comes first (a dependent that keeps failing calls for its
    // weakest prerequisite through remediation anyway).
    private const int OnGoalPathTier = 0;
    private const int PrerequisiteReviewTier = 1;
    private const int OffGoalPathTier = 2;
    private const int DetourTier = 3;

    /// <summary>Recall below which a due prerequisite review is plausibly forgotten: twice the forgetting FSRS's default
    /// desired retention (0.9) accepts.</summary>
    internal const double PlausiblyForgotten = 0.8;

    /// <summary>Steps in a row on competencies the learner is stuck on without progress, after which one step goes elsewhere.</summary>
    internal const int StuckStreak = 1;

    internal struct Candidate
    {
        public int Competency;

        /// <summary>Where the competency is among the snapshot's touched ones, or negative when untouched.</summary>
        public int Position;
        public int TopologicalRank;
        public RecommendationPurpose Purpose;
        public double Need;
        public double Readiness;
        public double GoalRelevance;
        public double Urgency;
        public double ReviewDue;
        public double Retrievability;
        public int RemediationFor;
        public int Failures;
        public double Partial;

        /// <summary>A competency to learn that the learner is stuck on without progress, right after a step on one:
        /// it goes to <see cref="DetourTier"/> when something else could teach.</summary>
        public bool Spinning;

        /// <summary>One of the tiers above (<see cref="OnGoalPathTier"/> for every candidate but detours when goal paths do not come first): a lower tier always comes first.</summary>
        public int Tier;
    }

    // Candidates by tier, then falling competency-level score, then topological order: a total order, so the sort is
    // deterministic. A static delegate, created once, so that sorting allocates nothing.
    private static readonly Comparison<Candidate> ByPromise = static (x, y) =>
        x.Tier != y.Tier ? x.Tier.CompareTo(y.Tier)
        : x.Partial != y.Partial ? y.Partial.CompareTo(x.Partial) : x.TopologicalRank.CompareTo(y.TopologicalRank);
}

using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

/// <summary>
/// The adaptive next-step recommender: candidates from the learner's frontier, due reviews and remediation, scored by
/// named signals, returned as diverse choices or a single best step, each with its reasons.
/// </summary>
/// <remarks>
/// <para><b>Candidates.</b> A competency is a candidate when it is on the frontier (not mastered, every prerequisite
/// mastered: <see cref="RecommendationPurpose.Learn"/>); when it is mastered, every prerequisite is mastered, and the
/// request lists it as due for review (<see cref="RecommendationPurpose.Review"/>; a due competency on the frontier
/// stays Learn and gets the review signal); or when it is the weakest prerequisite (lowest estimate, then earliest in
/// topological order) of a competency that is not mastered and whose current run of failures in the history read holds
/// a failed checkpoint (an <see cref="ActivityKind.Assessment"/>) or at least
/// <see cref="RecommenderOptions.RemediateAfterFailures"/> failures (<see cref="RecommendationPurpose.Remediate"/>, whatever the state of its own prerequisites). A run of failures ends,
/// going back in time, at a success on the competency or at any evidence on one of its prerequisites, so that after a
/// remediation step failures must pile up again before the next. Evidence fails when it scores below
/// <see cref="RecommenderOptions.PassingScore"/>; evidence on an activity counts for every competency the activity is
/// aligned to. The activities of a candidate are those aligned to it that pass the request's filter.</para>
/// <para><b>Score.</b> The weighted mean of the <see cref="RecommendationSignals"/>, Σ wᵢ·sᵢ ÷ Σ wᵢ, in [0, 1]. Need is
/// 1 for remediation (the failures show it), and a remediated prerequisite is on the way to the goal of the competency
/// it serves. A goal's urgency is 1 − (days to its date ÷ the horizon), clamped to [0, 1].</para>
/// <para><b>Lists.</b> <see cref="RecommendationMode.Choices"/> takes the best activity of each competency and returns
/// the K best competencies, then, if fewer than K competencies qualify, fills up with further activities whose modality
/// is not in the list yet, then any. <see cref="RecommendationMode.BestNext"/> returns the best one;
/// <see cref="RecommendationMode.Ranked"/> the K best activities. An activity appears once: in a ranking, an activity
/// aligned to two candidates keeps its better score; among choices, a competency whose best activity another choice
/// already holds (candidates are taken by falling competency-level score, then topological order) is offered its next
/// best.</para>
/// <para><b>Determinism.</b> Ties go to the competency earlier in the framework's topological order, then to the
/// activity whose id sorts first (ordinal), so the order activities were added to the catalog never matters.</para>
/// <para><b>Cost.</b> O(frontier and its activities + history + the goals' unmastered prerequisites), never the whole
/// catalog, and not even every touched competency: the snapshot holds the frontier (found when it is assessed), and the
/// few competencies scored are looked up by binary search. A competency whose best possible score cannot enter the list is not
/// scored further, and the predictor is asked only about activities that still could. Working memory is per thread and
/// reused; a call allocates only its result (and the stuck list, when a learner is stuck).</para>
/// <para><b>Stuck learners.</b> Every touched competency that is not mastered after at least
/// <see cref="RecommenderOptions.WheelSpinningAttempts"/> pieces of evidence is listed in <see cref="NextStepResult.Stuck"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class AdaptiveRecommender : INextStepRecommender
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>AdaptiveRecommender { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private readonly RecommendationSignals _w;
    private readonly double _inverseTotalWeight;
    private readonly double _activityWeights;

    /// <summary>Creates a recommender.</summary>
    /// <param name="options">The options; null for <see cref="RecommenderOptions.Default"/>.</param>
    public AdaptiveRecommender(RecommenderOptions? options = null)
    {
        Options = options ?? RecommenderOptions.Default;
        _w = Normalized(Options.Weights);
        _inverseTotalWeight = 1 / _w.Sum;
        _activityWeights = _w.DifficultyFit + _w.ProfileFit + _w.Novelty + _w.TimeFit;
    }

    /// <summary>A recommender with the default options.</summary>
    public static AdaptiveRecommender Default { get; } = new();

    // Only the weights' ratios matter (every score is Σ wᵢ·signalᵢ / Σ wᵢ), but their sum can overflow (nine weights of
    // 1e308: every score NaN) and its inverse too (weights of 5e-324: every score 1). Scaling all of them by the power
    // of two that brings the largest near 1 is exact, so scores and contributions keep their bits for ordinary weights.
    private static RecommendationSignals Normalized(RecommendationSignals w)
    {
        var largest = Math.Max(Math.Max(Math.Max(w.Need, w.Readiness), Math.Max(w.GoalRelevance, w.Urgency)),
            Math.Max(Math.Max(w.DifficultyFit, w.ReviewDue), Math.Max(Math.Max(w.ProfileFit, w.Novelty), w.TimeFit)));
        var k = -Math.ILogB(largest);
        return new(Math.ScaleB(w.Need, k), Math.ScaleB(w.Readiness, k), Math.ScaleB(w.GoalRelevance, k), Math.ScaleB(w.Urgency, k),
            Math.ScaleB(w.DifficultyFit, k), Math.ScaleB(w.ReviewDue, k), Math.ScaleB(w.ProfileFit, k), Math.ScaleB(w.Novelty, k),
            Math.ScaleB(w.TimeFit, k));
    }

    /// <summary>The options.</summary>
    public RecommenderOptions Options { get; }

    /// <inheritdoc />
    public NextStepResult Recommend(NextStepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scratch = RecommenderScratch.Rent(request.Catalog.Framework.Count, request.Catalog.Count);
        var run = new Run(this, request, scratch);
        return run.Execute();
    }

    internal static bool IsInstruction(ActivityKind kind) => kind is ActivityKind.Lesson or ActivityKind.Reading or ActivityKind.Video or ActivityKind.Tutoring or ActivityKind.Discussion;

    private ref struct Run
    {
        private readonly AdaptiveRecommender _owner;
        private readonly NextStepRequest _request;
        private readonly RecommenderScratch _s;
        private readonly MasterySnapshot _mastery;
        private readonly CompetencyFramework _framework;
        private readonly ActivityCatalog _catalog;
        private readonly int _generation;
        private readonly int _count;
        private readonly double _timeFactor;
        private int _preferredCount;
        private int _interestCount;

        public Run(AdaptiveRecommender owner, NextStepRequest request, RecommenderScratch scratch)
        {
            _owner = owner;
            _request = request;
            _s = scratch;
            _mastery = request.Mastery;
            _catalog = request.Catalog;
            _framework = _catalog.Framework;
            _generation = scratch.NextGeneration();
            _count = request.Mode == RecommendationMode.BestNext ? 1 : request.Count;
            _timeFactor = request.Profile?.Accommodations.ExtendedTimeFactor ?? 1;
        }

        public NextStepResult Execute()
        {
            ReadProfile();
            ReadHistory();
            MarkGoalPaths();
            CollectCandidates();
            Select();
            return new NextStepResult(_mastery.Learner, BuildSteps(), FindStuck());
        }

        private readonly bool IsMastered(int competency) => _mastery.IsMasteredIndex(competency);

        // Where a competency is among the touched ones (a binary search), or negative when untouched: looked up only for
        // the few competencies a call scores, so the call never walks all the touched ones.
        private readonly int Position(int competency) => _mastery.PositionOf(competency);

        private readonly double EstimateOf(int competency) => _mastery.EstimateAt(competency);

        private void ReadProfile()
        {
            Array.Fill(_s.ModalityRank, -1);
            _preferredCount = 0;
            _interestCount = 0;
            if (_request.Profile is not { } profile)
            {
                return;
            }

            foreach (var modality in profile.PreferredModalities)
            {
                if ((uint)modality < (uint)_s.ModalityRank.Length && _s.ModalityRank[(int)modality] < 0)
                {
                    _s.ModalityRank[(int)modality] = _preferredCount++;
                }
            }

            var interests = profile.Interests;
            _s.EnsureInterests(interests.Length);
            for (var i = 0; i < interests.Length; i++)
            {
                _s.InterestTopics[_interestCount] = _catalog.TopicIndex(interests[i]);
                _s.InterestSlots[_interestCount++] = i;
            }
        }

        // Walks the history from its newest piece: how long ago each activity was done and how often it failed, and
        // each competency's current run of failures. A run ends, going back in time, at a success on the competency or
        // at any evidence on one of its prerequisites: after a remediation step, failures must pile up again before
        // another. Every index touched is stamped with this call's generation, so nothing is cleared.
        private readonly void ReadHistory()
        {
            var history = _request.History;
            var first = Math.Max(0, history.Length - _owner.Options.HistoryLimit);
            _s.FailedCount = 0;
            for (var j = history.Length - 1; j >= first; j--)
            {
                var evidence = history[j];
                var ago = history.Length - 1 - j;
                var failed = evidence.Outcome.Score < _owner.Options.PassingScore;
                var activity = evidence.ActivityIndexIn(_catalog);
                if (activity >= 0)
                {
                    if (_s.ActivityStamp[activity] != _generation)
                    {
                        _s.ActivityStamp[activity] = _generation;
                        _s.ActivityLastSeen[activity] = ago;
                        _s.ActivityFailures[activity] = 0;
                    }

                    if (failed)
                    {
                        _s.ActivityFailures[activity]++;
                    }

                    if (evidence.Competency is null)
                    {
                        var checkpoint = _catalog.Activities[activity].Kind == ActivityKind.Assessment;
                        foreach (var competency in _catalog.AlignedIndicesOf(activity))
                        {
                            Observe(competency, failed, checkpoint);
                        }
                    }
                }

                if (evidence.CompetencyIndexIn(_framework) is var target and >= 0)
                {
                    Observe(target, failed, activity >= 0 && _catalog.Activities[activity].Kind == ActivityKind.Assessment);
                }
            }
        }

        private readonly void Observe(int competency, bool failed, bool checkpoint)
        {
            if (_s.ClosedStamp[competency] != _generation)
            {
                if (failed)
                {
                    CountFailure(competency);
                    if (checkpoint)
                    {
                        _s.CheckpointFailedStamp[competency] = _generation;
                    }
                }
                else
                {
                    _s.ClosedStamp[competency] = _generation;
                }
            }

            foreach (var dependent in _framework.DependentIndices(competency))
            {
                _s.ClosedStamp[dependent] = _generation;
            }
        }

        private readonly void CountFailure(int competency)
        {
            if (_s.FailureStamp[competency] != _generation)
            {
                _s.FailureStamp[competency] = _generation;
                _s.Failures[competency] = 0;
                RecommenderScratch.Push(ref _s.Failed, ref _s.FailedCount, competency);
            }

            _s.Failures[competency]++;
        }

        // Marks every not-yet-mastered competency on the way to a goal (the goal and its unmastered prerequisites,
        // transitively), with the goal that matters most: nearest date first, then profile order.
        private readonly void MarkGoalPaths()
        {
            if (_request.Profile is not { } profile || profile.Goals.IsEmpty)
            {
                return;
            }

            var goals = profile.Goals;
            _s.EnsureGoals(goals.Length);
            var order = _s.GoalOrder.AsSpan(0, goals.Length);
            for (var g = 0; g < goals.Length; g++)
            {
                order[g] = g;
            }

            // Insertion sort: a handful of goals, and stable, so profile order breaks ties.
            for (var i = 1; i < order.Length; i++)
            {
                var current = order[i];
                var k = i - 1;
                while (k >= 0 && CompareGoals(goals[current], goals[order[k]]) < 0)
                {
                    order[k + 1] = order[k];
                    k--;
                }

                order[k + 1] = current;
            }

            foreach (var g in order)
            {
                var root = _framework.IndexOf(goals[g].Competency);
                if (IsMastered(root) || _s.GoalStamp[root] == _generation)
                {
                    continue;
                }

                var urgency = Urgency(goals[g].TargetDate);
                var stackCount = 0;
                _s.GoalStamp[root] = _generation;
                _s.GoalSlot[root] = g;
                _s.GoalUrgency[root] = urgency;
                RecommenderScratch.Push(ref _s.Stack, ref stackCount, root);
                while (stackCount > 0)
                {
                    var node = _s.Stack[--stackCount];
                    foreach (var prerequisite in _framework.PrerequisiteIndices(node))
                    {
                        if (IsMastered(prerequisite) || _s.GoalStamp[prerequisite] == _generation)
                        {
                            continue;
                        }

                        _s.GoalStamp[prerequisite] = _generation;
                        _s.GoalSlot[prerequisite] = g;
                        _s.GoalUrgency[prerequisite] = urgency;
                        RecommenderScratch.Push(ref _s.Stack, ref stackCount, prerequisite);
                    }
                }
            }
        }

        private static int CompareGoals(LearningGoal a, LearningGoal b) => (a.TargetDate, b.TargetDate) switch
        {
            ({ } x, { } y) => x.CompareTo(y),
            (not null, null) => -1,
            (null, not null) => 1,
            _ => 0,
        };

        private readonly double Urgency(DateTimeOffset? date)
        {
            if (date is not { } d)
            {
                return 0;
            }

            var daysLeft = (d - _mastery.AsOf).TotalDays;
            return Math.Clamp(1 - (daysLeft / _owner.Options.UrgencyHorizonDays), 0, 1);
        }

        private void CollectCandidates()
        {
            _s.CandidateCount = 0;
            foreach (var competency in _mastery.FrontierIndices)
            {
                AddCandidate(competency, RecommendationPurpose.Learn);
            }

            foreach (var review in _request.DueReviews)
            {
                var competency = _framework.IndexOf(review.Competency);
                if (_s.CandidateStamp[competency] == _generation)
                {
                    ref var existing = ref _s.Candidates[_s.CandidateSlot[competency]];
                    existing.Retrievability = review.Retrievability;
                    continue;
                }

                if (!IsMastered(competency) || !PrerequisitesMastered(competency))
                {
                    continue;
                }

                ref var candidate = ref AddCandidate(competency, RecommendationPurpose.Review);
                candidate.Retrievability = review.Retrievability;
            }

            for (var f = 0; f < _s.FailedCount; f++)
            {
                var failing = _s.Failed[f];
                if ((_s.Failures[failing] < _owner.Options.RemediateAfterFailures && _s.CheckpointFailedStamp[failing] != _generation) || IsMastered(failing))
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
                if (candidate.Purpose != RecommendationPurpose.Remediate || _s.Failures[failing] > candidate.Failures
                    || (_s.Failures[failing] == candidate.Failures && _framework.TopologicalRank(failing) < _framework.TopologicalRank(candidate.RemediationFor)))
                {
                    candidate.Purpose = RecommendationPurpose.Remediate;
                    candidate.RemediationFor = failing;
                    candidate.Failures = _s.Failures[failing];
                }
            }

            var w = _owner._w;
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

                var onGoalPath = _s.GoalStamp[competency] == _generation;
                candidate.GoalRelevance = onGoalPath ? 1 : 0;
                candidate.Urgency = onGoalPath ? _s.GoalUrgency[competency] : 0;
                candidate.ReviewDue = double.IsNaN(candidate.Retrievability) ? 0 : 1 - (candidate.Retrievability / 2);
                candidate.Partial = (w.Need * candidate.Need) + (w.Readiness * candidate.Readiness) + (w.GoalRelevance * candidate.GoalRelevance)
                    + (w.Urgency * candidate.Urgency) + (w.ReviewDue * candidate.ReviewDue);
                candidate.TopologicalRank = _framework.TopologicalRank(competency);
            }

            // Most promising first: the list fills with strong picks early, so that the bound below skips the rest.
            _s.Candidates.AsSpan(0, _s.CandidateCount).Sort(ByPromise);
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

        private void Select()
        {
            var excluded = _request.Filter.Excluded;
            foreach (var id in excluded)
            {
                if (_catalog.TryGetIndex(id, out var index))
                {
                    _s.ExcludedStamp[index] = _generation;
                }
            }

            _s.TopCount = 0;
            _s.EnsureTop(_count);
            var ranked = _request.Mode == RecommendationMode.Ranked;
            var invW = _owner._inverseTotalWeight;
            for (var c = 0; c < _s.CandidateCount; c++)
            {
                ref readonly var candidate = ref _s.Candidates[c];
                if ((candidate.Partial + _owner._activityWeights) * invW < Threshold())
                {
                    break; // candidates come by falling promise, and the bar only rises
                }

                var best = default(Pick);
                var hasBest = false;
                foreach (var activity in _catalog.ActivityIndicesFor(candidate.Competency))
                {
                    // A choice for another competency already holds this activity (it is aligned to both): this
                    // competency takes its next best, so that every competency can still be offered.
                    if (!ranked && InTop(activity))
                    {
                        continue;
                    }

                    var bar = ranked || !hasBest ? Threshold() : Math.Max(Threshold(), best.Score);
                    if (!TryScore(activity, c, bar, out var pick))
                    {
                        continue;
                    }

                    if (ranked)
                    {
                        Insert(pick);
                    }
                    else if (!hasBest || Better(pick, best))
                    {
                        best = pick;
                        hasBest = true;
                    }
                }

                if (hasBest)
                {
                    Insert(best);
                }
            }

            if (!ranked && _s.TopCount < _count)
            {
                FillWithOtherActivities();
            }
        }

        private readonly double Threshold() => _s.TopCount < _count ? double.NegativeInfinity : _s.Top[_count - 1].Score;

        // Scores one activity for one candidate, unless it is filtered out or cannot reach the bar; the predictor is
        // asked only when the cheaper signals leave room.
        private readonly bool TryScore(int activity, int candidateSlot, double bar, out Pick pick)
        {
            pick = default;
            ref readonly var candidate = ref _s.Candidates[candidateSlot];
            var item = _catalog.Activities[activity];
            var filter = _request.Filter;
            if ((filter.KindMask != 0 && (filter.KindMask & (1u << (int)item.Kind)) == 0)
                || (filter.ModalityMask != 0 && (filter.ModalityMask & (1u << (int)item.Modality)) == 0)
                || _s.ExcludedStamp[activity] == _generation)
            {
                return false;
            }

            var minutes = item.EstimatedMinutes * _timeFactor;
            if (filter.MaximumMinutes is { } maximum && minutes > maximum)
            {
                return false;
            }

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

        private static bool Better(in Pick a, in Pick b) =>
            a.Score != b.Score ? a.Score > b.Score
            : a.TopologicalRank != b.TopologicalRank ? a.TopologicalRank < b.TopologicalRank
            : a.StageRank != b.StageRank ? a.StageRank < b.StageRank
            : a.IdRank < b.IdRank;

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

        // Keeps the best K picks sorted, best first; an activity is kept once, with its better pick.
        private readonly void Insert(in Pick pick)
        {
            var top = _s.Top;
            for (var i = 0; i < _s.TopCount; i++)
            {
                if (top[i].Activity == pick.Activity)
                {
                    if (!Better(pick, top[i]))
                    {
                        return;
                    }

                    Array.Copy(top, i + 1, top, i, _s.TopCount - i - 1);
                    _s.TopCount--;
                    break;
                }
            }

            if (_s.TopCount == _count && !Better(pick, top[_count - 1]))
            {
                return;
            }

            var at = Math.Min(_s.TopCount, _count - 1);
            while (at > 0 && Better(pick, top[at - 1]))
            {
                top[at] = top[at - 1];
                at--;
            }

            top[at] = pick;
            _s.TopCount = Math.Min(_s.TopCount + 1, _count);
        }

        // Fewer candidate competencies than choices: add further activities of the candidates, a modality not yet in
        // the list first, then by score. Only reached when the candidates are few, so everything is scored.
        private readonly void FillWithOtherActivities()
        {
            while (_s.TopCount < _count)
            {
                var found = false;
                var best = default(Pick);
                var bestIsNew = false;
                for (var c = 0; c < _s.CandidateCount; c++)
                {
                    foreach (var activity in _catalog.ActivityIndicesFor(_s.Candidates[c].Competency))
                    {
                        if (InTop(activity) || !TryScore(activity, c, double.NegativeInfinity, out var pick))
                        {
                            continue;
                        }

                        var isNew = !ModalityInTop(_catalog.Activities[activity].Modality);
                        if (!found || (isNew && !bestIsNew) || (isNew == bestIsNew && Better(pick, best)))
                        {
                            best = pick;
                            bestIsNew = isNew;
                            found = true;
                        }
                    }
                }

                if (!found)
                {
                    return;
                }

                _s.Top[_s.TopCount++] = best;
            }
        }

        private readonly bool InTop(int activity)
        {
            for (var i = 0; i < _s.TopCount; i++)
            {
                if (_s.Top[i].Activity == activity)
                {
                    return true;
                }
            }

            return false;
        }

        private readonly bool ModalityInTop(LearningModality modality)
        {
            for (var i = 0; i < _s.TopCount; i++)
            {
                if (_catalog.Activities[_s.Top[i].Activity].Modality == modality)
                {
                    return true;
                }
            }

            return false;
        }

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
            var attempts = _owner.Options.WheelSpinningAttempts;
            if (_mastery.MaximumUnmasteredEvidence < attempts)
            {
                return [];
            }

            var touched = _mastery.TouchedIndices;
            var stuck = 0;
            for (var k = 0; k < touched.Length; k++)
            {
                if (_mastery.IsStuckAt(k, attempts))
                {
                    stuck++;
                }
            }

            if (stuck == 0)
            {
                return [];
            }

            var result = new StuckCompetency[stuck];
            stuck = 0;
            for (var k = 0; k < touched.Length; k++)
            {
                if (_mastery.IsStuckAt(k, attempts))
                {
                    var assessment = _mastery.AssessmentAt(k);
                    result[stuck++] = new StuckCompetency(assessment.Competency, assessment.EvidenceCount, assessment.Level, assessment.Estimate);
                }
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(result);
        }
    }

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
    }

    // Candidates by falling competency-level score, then by topological order: a total order, so the sort is
    // deterministic. A static delegate, created once, so that sorting allocates nothing.
    private static readonly Comparison<Candidate> ByPromise = static (x, y) =>
        x.Partial != y.Partial ? y.Partial.CompareTo(x.Partial) : x.TopologicalRank.CompareTo(y.TopologicalRank);

    internal struct Pick
    {
        public int Activity;
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

/// <summary>
/// Per-thread working memory of <see cref="AdaptiveRecommender"/>, reused across calls. Arrays indexed by competency or
/// activity carry a stamp: an entry is valid only when its stamp equals the current call's generation, so nothing is
/// cleared between calls and a call costs what it touches.
/// </summary>
internal sealed class RecommenderScratch
{
    [ThreadStatic]
    private static RecommenderScratch? t_current;

    private int _generation;

    public int[] GoalStamp = [];
    public int[] GoalSlot = [];
    public double[] GoalUrgency = [];
    public int[] CandidateStamp = [];
    public int[] CandidateSlot = [];
    public int[] FailureStamp = [];
    public int[] ClosedStamp = [];
    public int[] CheckpointFailedStamp = [];
    public int[] Failures = [];
    public int[] ActivityStamp = [];
    public int[] ActivityLastSeen = [];
    public int[] ActivityFailures = [];
    public int[] ExcludedStamp = [];
    public int[] ModalityRank = new int[Enum.GetValues<LearningModality>().Length];
    public int[] InterestTopics = [];
    public int[] InterestSlots = [];
    public int[] GoalOrder = [];
    public int[] Stack = new int[64];
    public int[] Failed = new int[64];
    public int FailedCount;
    public AdaptiveRecommender.Candidate[] Candidates = new AdaptiveRecommender.Candidate[256];
    public int CandidateCount;
    public AdaptiveRecommender.Pick[] Top = new AdaptiveRecommender.Pick[16];
    public int TopCount;

    public static RecommenderScratch Rent(int competencies, int activities)
    {
        var scratch = t_current ??= new RecommenderScratch();
        scratch.EnsureSizes(competencies, activities);
        return scratch;
    }

    public int NextGeneration()
    {
        if (_generation == int.MaxValue)
        {
            // Every stamp array is cleared once per 2^31 calls, so that an old stamp never looks current.
            foreach (var stamps in new[] { GoalStamp, CandidateStamp, FailureStamp, ClosedStamp, CheckpointFailedStamp, ActivityStamp, ExcludedStamp })
            {
                Array.Clear(stamps);
            }

            _generation = 0;
        }

        return ++_generation;
    }

    public static void Push(ref int[] array, ref int count, int value)
    {
        if (count == array.Length)
        {
            Array.Resize(ref array, array.Length * 2);
        }

        array[count++] = value;
    }

    public void EnsureCandidates(int count)
    {
        if (count > Candidates.Length)
        {
            Array.Resize(ref Candidates, Math.Max(count, Candidates.Length * 2));
        }
    }

    public void EnsureTop(int count)
    {
        if (count > Top.Length)
        {
            Array.Resize(ref Top, Math.Max(count, Top.Length * 2));
        }
    }

    public void EnsureInterests(int count)
    {
        if (count > InterestTopics.Length)
        {
            InterestTopics = new int[count];
            InterestSlots = new int[count];
        }
    }

    public void EnsureGoals(int count)
    {
        if (count > GoalOrder.Length)
        {
            GoalOrder = new int[count];
        }
    }

    private void EnsureSizes(int competencies, int activities)
    {
        if (competencies > GoalStamp.Length)
        {
            // New arrays are all zero, and generations start above 0, so no stale stamp can match.
            GoalStamp = new int[competencies];
            GoalSlot = new int[competencies];
            GoalUrgency = new double[competencies];
            CandidateStamp = new int[competencies];
            CandidateSlot = new int[competencies];
            FailureStamp = new int[competencies];
            ClosedStamp = new int[competencies];
            CheckpointFailedStamp = new int[competencies];
            Failures = new int[competencies];
        }

        if (activities > ActivityStamp.Length)
        {
            ActivityStamp = new int[activities];
            ActivityLastSeen = new int[activities];
            ActivityFailures = new int[activities];
            ExcludedStamp = new int[activities];
        }
    }
}

// The second step of a recommendation (history → goal paths → candidates → scoring → selection → results): marks
// the unmastered competencies on the way to each of the learner's goals, with the goal that matters most and its
// urgency, for the goal-relevance and urgency signals of the candidates.

using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

public sealed partial class AdaptiveRecommender
{
    // The competencies MarkGoalPaths marks for a request, with the profile slot of the goal each is marked for, in index
    // order: what the goal-relevance and urgency signals read (for tests, which hold it to GoalPaths.Walk).
    internal List<(int Competency, int GoalSlot)> GoalMarks(NextStepRequest request)
    {
        var scratch = RecommenderScratch.Rent(request.Catalog.Framework.Count, request.Catalog.Count);
        return new Run(this, request, scratch).GoalMarks();
    }

    private ref partial struct Run
    {
        public readonly List<(int Competency, int GoalSlot)> GoalMarks()
        {
            MarkGoalPaths();
            var marks = new List<(int Competency, int GoalSlot)>();
            for (var c = 0; c < _framework.Count; c++)
            {
                if (_s.GoalStamp[c] == _generation)
                {
                    marks.Add((c, _s.GoalSlot[c]));
                }
            }

            return marks;
        }

        // Marks every not-yet-mastered competency on the way to a goal (the goal and its unmastered prerequisites and
        // children, transitively: a parent is reached through its children), with the goal that matters most: nearest date first, then profile order. Without gating this is
        // GoalPaths.WalkFrom (the library's one "goals plus their unmastered prerequisites") over the goals in that order,
        // each competency marked for the first goal whose way holds it, with stamps on the per-thread scratch instead of
        // lists, so that a call allocates nothing for it (GoalPathsTests holds the marks to GoalPaths.Walk). With gating, a
        // prerequisite that gates weakly enough is not on the way (a shortcut), which GoalPaths does not know: that walk is
        // its own, below.
        private readonly void MarkGoalPaths()
        {
            // Reset first: the scratch is shared by every call on the thread, and a call without goals marks nothing.
            _s.ShortcutCount = 0;
            if (_request.Profile is not { } profile || profile.Goals.IsEmpty)
            {
                return;
            }

            var goals = profile.Goals;
            _s.EnsureGoals(goals.Length);
            var shortcuts = _request.PrerequisiteGating is { } given && !ShortcutFailed(given) ? given : null;
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
                _s.GoalIndex[g] = root;
                if (IsMastered(root) || _s.GoalStamp[root] == _generation)
                {
                    continue;
                }

                var urgency = Urgency(goals[g].TargetDate);
                if (shortcuts is null)
                {
                    // Without gating every prerequisite is hard: the library's one walk (GoalPaths), marking on the scratch.
                    var marks = new ScratchGoalMarks(_s, _generation, g, urgency);
                    GoalPaths.WalkFrom(_framework, _mastery.MasteredBits, root, ref marks, ref _s.Stack);
                    continue;
                }

                var stackCount = 0;
                MarkOnPath(root, g, urgency, ref stackCount);
                while (stackCount > 0)
                {
                    var node = _s.Stack[--stackCount];
                    var prerequisites = _framework.PrerequisiteIndices(node);
                    var skipped = 0;
                    var hard = 0;
                    var slowest = 1.0;
                    for (var k = 0; k < prerequisites.Length; k++)
                    {
                        var prerequisite = prerequisites[k];
                        if (IsMastered(prerequisite))
                        {
                            continue;
                        }

                        if (Skips(shortcuts, node, k, prerequisite))
                        {
                            skipped++;
                            slowest = Math.Min(slowest, shortcuts.UnreadyLearnLowerAt(node, k));
                            continue;
                        }

                        hard++;
                        if (_s.GoalStamp[prerequisite] == _generation)
                        {
                            continue;
                        }

                        MarkOnPath(prerequisite, g, urgency, ref stackCount);
                    }

                    // A parent is reached through its children, whatever the gating of prerequisites (it gates no child).
                    foreach (var child in _framework.ChildIndices(node))
                    {
                        if (!IsMastered(child) && _s.GoalStamp[child] != _generation)
                        {
                            MarkOnPath(child, g, urgency, ref stackCount);
                        }
                    }

                    if (skipped > 0 && hard == 0)
                    {
                        // Every prerequisite it lacks gates it weakly enough to start it now (see Skips).
                        _s.ShortcutStamp[node] = _generation;
                        _s.ShortcutLearn[node] = slowest;
                        RecommenderScratch.Push(ref _s.Shortcuts, ref _s.ShortcutCount, node);
                    }
                }
            }
        }

        // The marks of the walk without gating: a competency is on the way of the first goal (in MarkGoalPaths' order) that
        // reaches it, stamped with that goal and its urgency.
        private readonly struct ScratchGoalMarks(RecommenderScratch s, int generation, int goal, double urgency) : IGoalPathMarks
        {
            public bool TryMark(int competency)
            {
                if (s.GoalStamp[competency] == generation)
                {
                    return false;
                }

                s.GoalStamp[competency] = generation;
                s.GoalSlot[competency] = goal;
                s.GoalUrgency[competency] = urgency;
                return true;
            }
        }

        // A competency on the way to goal g (the goal, or a prerequisite): stamped with the goal and its urgency, and pushed to be walked in turn.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private readonly void MarkOnPath(int competency, int g, double urgency, ref int stackCount)
        {
            _s.GoalStamp[competency] = _generation;
            _s.GoalSlot[competency] = g;
            _s.GoalUrgency[competency] = urgency;
            RecommenderScratch.Push(ref _s.Stack, ref stackCount, competency);
        }

        // A shortcut gets as many attempts as learning at the rate its link promises needs (ShortcutPatience). A learner
        // who has answered on a competency that often without mastering it while lacking a prerequisite whose link is
        // weak is gated by the link, whatever the class shows: then no shortcut is taken for this learner (the evidence
        // says their prerequisites gate them) until that prerequisite is mastered.
        private readonly bool ShortcutFailed(Mastery.KnowledgeTracing.PrerequisiteGating gating)
        {
            var touched = _mastery.TouchedIndices;
            for (var at = 0; at < touched.Length; at++)
            {
                var competency = touched[at];
                if (IsMastered(competency))
                {
                    continue;
                }

                var prerequisites = _framework.PrerequisiteIndices(competency);
                for (var k = 0; k < prerequisites.Length; k++)
                {
                    if (!IsMastered(prerequisites[k]) && gating.FactorLowerAt(competency, k) > 0
                        && _mastery.EvidenceCountAt(at) >= ShortcutPatience(gating.UnreadyLearnLowerAt(competency, k)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // Whether to start a competency before its k-th prerequisite (not mastered) rather than learn that first. Mastering
        // a competency takes the steps to learn it, about 1 / T at learn rate T, and then the answers that confirm it (c,
        // the mastery policy's minimum evidence). With the link's factor f (its lower bound: what the evidence promises),
        // starting now takes about 1 / (f·T) + c steps; learning the prerequisite first takes (n + 1)·(1 / T + c), where n
        // counts the competencies of the prerequisite's closure not yet mastered (the prerequisite included), taken to
        // learn at the link's ready rate T too. Starting now is quicker when n·(1 + c·T) > 1 / f − 1. The walk that counts
        // n stops as soon as it is large enough.
        private readonly bool Skips(Mastery.KnowledgeTracing.PrerequisiteGating gating, int node, int k, int prerequisite)
        {
            var factor = gating.FactorLowerAt(node, k);
            if (!(factor > 0))
            {
                return false;
            }

            var threshold = ((1 / factor) - 1) / (1 + (_mastery.Policy.MinimumEvidenceForMastered * gating.LearnReadyAt(node, k)));
            var enough = (int)Math.Min(Math.Floor(threshold) + 1, int.MaxValue - 1); // the least n above the threshold
            var round = _s.NextClosureRound();
            var count = 0;
            var stackCount = 0;
            _s.ClosureMark[prerequisite] = round;
            RecommenderScratch.Push(ref _s.ClosureStack, ref stackCount, prerequisite);
            while (stackCount > 0)
            {
                var at = _s.ClosureStack[--stackCount];
                if (++count >= enough)
                {
                    return true;
                }

                foreach (var before in _framework.PrerequisiteIndices(at))
                {
                    if (IsMastered(before) || _s.ClosureMark[before] == round)
                    {
                        continue;
                    }

                    _s.ClosureMark[before] = round;
                    RecommenderScratch.Push(ref _s.ClosureStack, ref stackCount, before);
                }
            }

            return false;
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
    }
}

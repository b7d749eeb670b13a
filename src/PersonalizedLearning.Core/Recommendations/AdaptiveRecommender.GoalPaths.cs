// The second step of a recommendation (history → goal paths → candidates → scoring → selection → results): marks
// the unmastered competencies on the way to each of the learner's goals, with the goal that matters most and its
// urgency, for the goal-relevance and urgency signals of the candidates.

using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Recommendations;

public sealed partial class AdaptiveRecommender
{
    private ref partial struct Run
    {
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
                _s.GoalIndex[g] = root;
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
    }
}

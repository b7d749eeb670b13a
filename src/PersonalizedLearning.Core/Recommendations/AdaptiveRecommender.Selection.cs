// The fifth step of a recommendation (history → goal paths → candidates → scoring → selection → results): takes
// the candidates by falling promise, scores their activities against the rising bar, and keeps the K best picks
// (one per competency for choices, then other activities to fill up; the best activities when ranked).

using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Recommendations;

public sealed partial class AdaptiveRecommender
{
    private ref partial struct Run
    {
        // Marks the activities the request's filter excludes; before the candidates, whose detour check reads them.
        private readonly void StampExcluded()
        {
            foreach (var id in _request.Filter.Excluded)
            {
                if (_catalog.TryGetIndex(id, out var index))
                {
                    _s.ExcludedStamp[index] = _generation;
                }
            }
        }

        private void Select()
        {
            _s.TopCount = 0;
            _s.EnsureTop(_count);
            var ranked = _request.Mode == RecommendationMode.Ranked;
            var invW = _owner._inverseTotalWeight;
            for (var c = 0; c < _s.CandidateCount; c++)
            {
                ref readonly var candidate = ref _s.Candidates[c];
                if ((candidate.Partial + _owner._activityWeights) * invW < Threshold(candidate.Tier))
                {
                    break; // candidates come by tier and falling promise, and the bar only rises
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

                    var bar = ranked || !hasBest ? Threshold(candidate.Tier) : Math.Max(Threshold(candidate.Tier), best.Score);
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

        // The score a pick of this tier must beat to enter a full list: none while the list has room, the last pick's
        // score when it is of the same tier, and out of reach when it is of a lower (preferred) tier.
        private readonly double Threshold(int tier) =>
            _s.TopCount < _count ? double.NegativeInfinity
            : _s.Top[_count - 1].Tier < tier ? double.PositiveInfinity
            : _s.Top[_count - 1].Score;

        private static bool Better(in Pick a, in Pick b) =>
            a.Tier != b.Tier ? a.Tier < b.Tier
            : a.Score != b.Score ? a.Score > b.Score
            : a.TopologicalRank != b.TopologicalRank ? a.TopologicalRank < b.TopologicalRank
            : a.StageRank != b.StageRank ? a.StageRank < b.StageRank
            : a.IdRank < b.IdRank;

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
    }
}

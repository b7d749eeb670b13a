// The first step of a recommendation (history → goal paths → candidates → scoring → selection → results): what the
// learner did. Reads the profile's preferred modalities and interests, and walks the history for how recently each
// activity was done and how often it failed, and each competency's current run of failures, for remediation.

using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Recommendations;

public sealed partial class AdaptiveRecommender
{
    private ref partial struct Run
    {
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
    }
}

// The first step of a recommendation (history → goal paths → candidates → scoring → selection → results): what the
// learner did. Reads the profile's preferred modalities and interests, and walks the history for how recently each
// activity was done and how often it failed, and each competency's current run of failures, for remediation.

using PersonalizedLearning.Activities;

using PersonalizedLearning.Mastery;

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
        // each competency's current run of failures by the library's one remediation rule (RemediationRule, shared with
        // PlaylistBuilder). Every index touched is stamped with this call's generation, so nothing is cleared.
        private readonly void ReadHistory()
        {
            var history = _request.History;
            var first = RemediationRule.OldestRead(history.Length, _owner.Options.HistoryLimit);
            _s.Remediation.Begin(_framework.Count);
            _s.StreakLength = 0;
            var streakOpen = true;
            for (var j = history.Length - 1; j >= first; j--)
            {
                var evidence = history[j];
                var ago = history.Length - 1 - j;
                var failed = !evidence.Outcome.PassesChecked(_owner.Options.PassingScore);
                var activity = evidence.ActivityIndexIn(_catalog);
                if (streakOpen)
                {
                    // The newest run of evidence on competencies the learner is stuck on: how many of the latest pieces.
                    var about = evidence.CompetencyIndexIn(_framework) is var named and >= 0 ? named
                        : activity >= 0 && _catalog.AlignedIndicesOf(activity) is { Length: > 0 } aligned ? aligned[0] : -1;
                    if (about >= 0 && IsStuck(about))
                    {
                        _s.StreakLength++;
                    }
                    else
                    {
                        streakOpen = false;
                    }
                }

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
                }

                _s.Remediation.Observe(evidence, _catalog, activity, failed);
            }
        }

        private readonly bool IsStuck(int competency) => _mastery.PositionOf(competency) is var position and >= 0 && IsSpinningAt(position);

        // Wheel-spinning without progress: stuck (many pieces, not mastered) and still below Familiar, as when
        // something the learner lacks blocks learning. A learner who is improving, only slowly, is left to go on.
        private readonly bool IsSpinningAt(int position) =>
            StuckRule.IsStuckAt(_mastery, position, _owner.Options.WheelSpinningAttempts) && _mastery.LevelAt(position) < MasteryLevel.Familiar;
    }
}

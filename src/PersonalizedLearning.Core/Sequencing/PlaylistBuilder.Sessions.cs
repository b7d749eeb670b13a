// Sessions: each step's items (its first choice and its checkpoint) packed in order into sessions of the time budget.

using System.Collections.Immutable;

namespace PersonalizedLearning.Sequencing;

public sealed partial class PlaylistBuilder
{
    // A step's session items: its first choice, and its checkpoint when that is another activity.
    private static int ItemCount(PlaylistStep step) =>
        (step.Choices.IsEmpty ? 0 : 1) + (step.Checkpoint is { } check && (step.Choices.IsEmpty || !ReferenceEquals(check, step.Choices[0])) ? 1 : 0);

    // Where each step's items start among all items, and (last) how many there are.
    private static int[] FirstItems(PlaylistStep[] steps, int count)
    {
        var firstItem = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            firstItem[i + 1] = firstItem[i] + ItemCount(steps[i]);
        }

        return firstItem;
    }

    private static SessionItem ItemAt(PlaylistStep step, int offset, double factor)
    {
        var activity = offset == 0 && !step.Choices.IsEmpty ? step.Choices[0] : step.Checkpoint!;
        return new SessionItem(step.Kind, step.Competency, activity, activity.EstimatedMinutes * factor);
    }

    // Packs the items in order: an item goes into the current session if it fits the budget, else starts the next; one
    // longer than the whole budget gets a session of its own, flagged. A session starts afresh, so the cut from any
    // session start depends only on the items from there: that is what lets a re-plan keep old sessions.
    private static void Cut(ImmutableArray<PlaylistStep> steps, int[] firstItem, double factor, double budget, Change? previous, List<PlaylistSession> sessions, List<int> starts)
    {
        var total = firstItem[steps.Length];
        var item = 0;
        int resyncFrom = int.MaxValue, shift = 0;
        int[] oldStarts = [];
        if (previous is { } change)
        {
            // An old session is kept when the item after it comes before the first change too: a session ends where
            // the next item does not fit, so the one that ends at the change may take new items.
            var old = change.Old;
            oldStarts = old.SessionStart;
            var unchanged = old.FirstItem[change.First];
            var keep = 0;
            while (keep + 1 < oldStarts.Length && oldStarts[keep + 1] < unchanged)
            {
                keep++;
            }

            for (var k = 0; k < keep; k++)
            {
                sessions.Add(old.Sessions[k]);
                starts.Add(oldStarts[k]);
            }

            item = keep < oldStarts.Length ? oldStarts[keep] : unchanged;
            var delta = steps.Length - old.Steps.Length;
            resyncFrom = firstItem[change.Last + 1 + delta];
            shift = resyncFrom - old.FirstItem[change.Last + 1];
        }

        var step = Array.BinarySearch(firstItem, item);
        step = step >= 0 ? step : ~step - 1;
        while (step < steps.Length - 1 && firstItem[step + 1] <= item)
        {
            step++; // skip steps without items
        }

        var current = new List<SessionItem>();
        var minutes = 0.0;
        var start = item;
        while (item < total)
        {
            if (current.Count == 0 && item >= resyncFrom && Array.BinarySearch(oldStarts, item - shift) is var k and >= 0)
            {
                for (; k < oldStarts.Length; k++)
                {
                    sessions.Add(previous!.Value.Old.Sessions[k]);
                    starts.Add(oldStarts[k] + shift);
                }

                return;
            }

            while (firstItem[step + 1] <= item)
            {
                step++;
            }

            var next = ItemAt(steps[step], item - firstItem[step], factor);
            if (current.Count > 0 && (next.Minutes > budget || minutes + next.Minutes > budget))
            {
                Close(false);
                continue;
            }

            current.Add(next);
            minutes += next.Minutes;
            item++;
            if (next.Minutes > budget)
            {
                Close(true);
            }
        }

        Close(false);

        void Close(bool over)
        {
            if (current.Count > 0)
            {
                sessions.Add(new PlaylistSession([.. current], minutes, over));
                starts.Add(start);
                current.Clear();
                minutes = 0;
            }

            start = item;
        }
    }
}

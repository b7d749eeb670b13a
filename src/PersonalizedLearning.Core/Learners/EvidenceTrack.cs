using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Learners;

/// <summary>
/// One competency's evidence in fold order, persistent and cheap to append to: versions share a buffer with spare room,
/// and the first version to append past its end claims the next slots (an atomic compare-and-swap on the count the buffer
/// has handed out), so recording evidence in time order costs O(new pieces) amortised, not a copy of the whole track.
/// A version that is not the buffer's newest (an older state recorded into again) copies instead. Immutable as seen from
/// any version, and thread-safe. Each version carries the competency's state folded from all of its pieces, so that what
/// is derived from a learner's tracks (<see cref="Mastery.MasteryCore"/>) reads it without a lookup.
/// </summary>
internal sealed class EvidenceTrack
{
    private readonly Evidence[] _buffer;
    private readonly Claim _claim;
    private readonly CompetencyState _state;

    private EvidenceTrack(Evidence[] buffer, Claim claim, int length, in CompetencyState state)
    {
        _buffer = buffer;
        _claim = claim;
        Length = length;
        _state = state;
    }

    public static EvidenceTrack Empty { get; } = new([], new Claim(), 0, default);

    /// <summary>The competency's state folded from all of the pieces.</summary>
    public ref readonly CompetencyState State => ref _state;

    public int Length { get; }

    public bool IsEmpty => Length == 0;

    public Evidence Last => _buffer[Length - 1];

    public ReadOnlySpan<Evidence> Items => _buffer.AsSpan(0, Length);

    /// <summary>How many of the pieces (in fold order) are dated at or before a moment, compared as instants: a binary
    /// search, or O(1) when the last one is.</summary>
    public int CountAtOrBefore(DateTimeOffset moment)
    {
        var items = Items;
        if (items.IsEmpty || items[^1].Timestamp <= moment)
        {
            return items.Length;
        }

        int low = 0, high = items.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (items[middle].Timestamp <= moment)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>A track over pieces in fold order, with the state they fold to; the array is handed over.</summary>
    public static EvidenceTrack Of(Evidence[] items, in CompetencyState state) => items.Length == 0 ? Empty : new(items, new Claim { HandedOut = items.Length }, items.Length, state);

    /// <summary>This track with <paramref name="news"/> after its last piece (all of them come later in fold order), and
    /// the state all of them fold to.</summary>
    public EvidenceTrack Append(List<Evidence> news, in CompetencyState state)
    {
        var length = Length + news.Count;
        if (length <= _buffer.Length && Interlocked.CompareExchange(ref _claim.HandedOut, length, Length) == Length)
        {
            news.CopyTo(_buffer, Length);
            return new(_buffer, _claim, length, state);
        }

        // Room to grow by this track's own length, not the shared buffer's: a state appended to again and again from an
        // older one (a host that records twice from the same state) must not double a buffer each time.
        var buffer = new Evidence[Math.Max(4, length * 2)];
        Array.Copy(_buffer, buffer, Length);
        news.CopyTo(buffer, Length);
        return new(buffer, new Claim { HandedOut = length }, length, state);
    }

    private sealed class Claim
    {
        public int HandedOut;
    }
}

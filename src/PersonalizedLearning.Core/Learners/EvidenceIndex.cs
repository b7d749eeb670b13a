using System.Collections.Immutable;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Learners;

/// <summary>
/// A learner's evidence by id, persistent: each change returns a new index and leaves the old one whole. An id maps to its
/// evidence, or to null once retracted (a tombstone, so a retracted statement that arrives again stays out).
/// </summary>
/// <remarks>
/// Two levels: a frozen <see cref="Dictionary{TKey, TValue}"/> never written after it is built, and a small persistent
/// delta over it. A change goes into the delta (O(log d)); when the delta outgrows half the base (at least 32 entries) the
/// two are merged into a new base, O(n) but amortised to O(1) per change. A bulk load (a rebuild) builds one base directly,
/// so it pays one hash insert per piece. Lookups cost at most two hash probes. Immutable and thread-safe.
/// </remarks>
internal sealed class EvidenceIndex
{
    private const int MinimumDelta = 32;

    private readonly Dictionary<EvidenceId, Evidence?> _base;
    private readonly ImmutableDictionary<EvidenceId, Evidence?> _delta;

    private EvidenceIndex(Dictionary<EvidenceId, Evidence?> @base, ImmutableDictionary<EvidenceId, Evidence?> delta, int live, int retracted)
    {
        _base = @base;
        _delta = delta;
        Live = live;
        Retracted = retracted;
    }

    public static EvidenceIndex Empty { get; } = new([], ImmutableDictionary<EvidenceId, Evidence?>.Empty, 0, 0);

    /// <summary>How many ids map to evidence.</summary>
    public int Live { get; }

    /// <summary>How many ids are retracted.</summary>
    public int Retracted { get; }

    /// <summary>Every id with its evidence (null when retracted), in no particular order.</summary>
    public IEnumerable<KeyValuePair<EvidenceId, Evidence?>> Entries
    {
        get
        {
            foreach (var entry in _delta)
            {
                yield return entry;
            }

            foreach (var entry in _base)
            {
                if (!_delta.ContainsKey(entry.Key))
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>Whether the id is known, and then its evidence (null when retracted).</summary>
    public bool TryGet(EvidenceId id, out Evidence? evidence) => _delta.TryGetValue(id, out evidence) || _base.TryGetValue(id, out evidence);

    /// <summary>The index with each id set to its evidence, or to null (retracted).</summary>
    public EvidenceIndex With(IReadOnlyCollection<KeyValuePair<EvidenceId, Evidence?>> changes)
    {
        if (changes.Count == 0)
        {
            return this;
        }

        var live = Live;
        var retracted = Retracted;
        foreach (var (id, evidence) in changes)
        {
            if (TryGet(id, out var before))
            {
                if (before is null)
                {
                    retracted--;
                }
                else
                {
                    live--;
                }
            }

            if (evidence is null)
            {
                retracted++;
            }
            else
            {
                live++;
            }
        }

        if (_delta.Count + changes.Count <= Math.Max(MinimumDelta, _base.Count / 2))
        {
            return new(_base, _delta.SetItems(changes), live, retracted);
        }

        var merged = new Dictionary<EvidenceId, Evidence?>(live + retracted);
        foreach (var (id, evidence) in _base)
        {
            merged[id] = evidence;
        }

        foreach (var (id, evidence) in _delta)
        {
            merged[id] = evidence;
        }

        foreach (var (id, evidence) in changes)
        {
            merged[id] = evidence;
        }

        return new(merged, ImmutableDictionary<EvidenceId, Evidence?>.Empty, live, retracted);
    }

    /// <summary>An index over a dictionary the caller hands over and never writes again.</summary>
    public static EvidenceIndex Adopt(Dictionary<EvidenceId, Evidence?> entries)
    {
        var retracted = 0;
        foreach (var entry in entries)
        {
            retracted += entry.Value is null ? 1 : 0;
        }

        return new(entries, ImmutableDictionary<EvidenceId, Evidence?>.Empty, entries.Count - retracted, retracted);
    }

    /// <summary>Same ids, each with equal evidence or retracted in both.</summary>
    public bool SetEquals(EvidenceIndex other)
    {
        if (Live != other.Live || Retracted != other.Retracted)
        {
            return false;
        }

        foreach (var (id, evidence) in Entries)
        {
            if (!other.TryGet(id, out var theirs) || !Equals(evidence, theirs))
            {
                return false;
            }
        }

        return true;
    }
}

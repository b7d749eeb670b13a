using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Observations;

// The one check that a piece of evidence handed in (a history, a log to fold, the evidence a plan is paced by) belongs
// to the learner it is given for and to the catalog it is read against: the same exception type (ArgumentException,
// naming the parameter) and the same message wherever it is made, so that a host learns one rule.
internal static class EvidenceOwnership
{
    /// <summary>Throws unless the evidence is about <paramref name="learner"/> and names only competencies of the
    /// catalog's framework and activities of the catalog.</summary>
    /// <param name="evidence">The piece; null is refused too.</param>
    /// <param name="learner">The learner it must be about.</param>
    /// <param name="catalog">The catalog (and through it the framework) it must name only things of.</param>
    /// <param name="owner">What it is given for, as in "but the playlist is for 'ana'": "the state", "the request".</param>
    /// <param name="parameter">The parameter the exception names.</param>
    /// <exception cref="ArgumentNullException">The piece is null.</exception>
    /// <exception cref="ArgumentException">It is about another learner, or names a competency or an activity the catalog does not have.</exception>
    public static void Require(Evidence? evidence, LearnerId learner, ActivityCatalog catalog, string owner, string parameter)
    {
        ArgumentNullException.ThrowIfNull(evidence, parameter);
        if (evidence.Learner != learner)
        {
            throw new ArgumentException($"Evidence '{evidence.Id}' is about learner '{evidence.Learner}', but {owner} is for '{learner}'.", parameter);
        }

        if (evidence.Competency is { } competency && evidence.CompetencyIndexIn(catalog.Framework) < 0)
        {
            throw new UnknownCompetencyException(competency, $"Evidence '{evidence.Id}' names competency '{competency}', which is not in framework '{catalog.Framework.Title}'.", parameter);
        }

        if (evidence.Activity is { } activity && evidence.ActivityIndexIn(catalog) < 0)
        {
            throw new UnknownActivityException(activity, $"Evidence '{evidence.Id}' names activity '{activity}', which is not in the catalog.", parameter);
        }
    }

    // Two pieces with one id that are one statement on an activity given for two of the competencies it reaches, as the
    // engine's history gives the older pieces of failure runs (each for the run it extends): both name a competency, the
    // two differ, each is aligned to the activity, and all else is equal. Both are kept; each counts for its own
    // competency. A piece naming no competency counts for every competency of its activity, so beside such a copy it
    // would count one of them twice: that pair, or a competency the activity does not reach, is a conflict.
    private static bool OneStatement(Evidence first, Evidence other, ActivityCatalog catalog) =>
        first.Activity is { } activity && other.Activity == activity
        && first.Competency is { } one && other.Competency is { } two && one != two
        && Reaches(first, catalog) && Reaches(other, catalog)
        && first.Learner == other.Learner && first.Outcome.Equals(other.Outcome) && first.Timestamp.Equals(other.Timestamp)
        && first.Kind == other.Kind && first.Weight.Equals(other.Weight) && first.Duration == other.Duration;

    // Whether the piece's activity is aligned to the competency it names.
    private static bool Reaches(Evidence evidence, ActivityCatalog catalog) =>
        evidence.ActivityIndexIn(catalog) is >= 0 and var activity
        && catalog.AlignedIndicesOf(activity).Contains(evidence.CompetencyIndexIn(catalog.Framework));

    /// <summary>Checks a history handed in with a request (a next step's, a playlist's, the evidence a plan is paced by):
    /// every piece as <see cref="Require"/> checks it, none dated after <paramref name="asOf"/>, and each id once. A piece
    /// listed again with the same content is dropped, as folding skips such a repeat; with other content it is refused,
    /// as folding refuses it, unless the two are one statement on an activity given for two different competencies it
    /// reaches, each piece naming one (as the engine's history gives it). The dates are checked before the repeats.</summary>
    /// <param name="history">The history, oldest first; a default array is treated as empty.</param>
    /// <param name="learner">The learner it must be about.</param>
    /// <param name="catalog">The catalog it must name only things of.</param>
    /// <param name="asOf">The moment of the request (its mastery snapshot's), which no piece may be dated after; null to
    /// check no moment.</param>
    /// <param name="owner">What it is given for: "the request", "the playlist".</param>
    /// <param name="parameter">The parameter the exception names.</param>
    /// <returns>The history; the same array unless a repeated piece was dropped (the first of equal pieces is kept).</returns>
    /// <exception cref="ArgumentNullException">A piece is null.</exception>
    /// <exception cref="ArgumentException">A piece is about another learner or names a competency or activity the catalog
    /// does not have (<see cref="Require"/>).</exception>
    /// <exception cref="EvidenceConflictException">One id is listed twice with different content, other than one statement
    /// given for two competencies of its activity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A piece is dated after <paramref name="asOf"/>.</exception>
    /// <remarks>O(n log n) in the history's length, allocating nothing unless a repeat is dropped: the ids' hash codes are
    /// sorted in a pooled buffer, and only pieces whose hash codes are equal are compared.</remarks>
    public static ImmutableArray<Evidence> RequireHistory(ImmutableArray<Evidence> history, LearnerId learner, ActivityCatalog catalog, DateTimeOffset? asOf, string owner, string parameter)
    {
        history = history.IsDefault ? [] : history;
        foreach (var evidence in history)
        {
            Require(evidence, learner, catalog, owner, parameter);
            if (evidence.Timestamp > asOf)
            {
                throw new ArgumentOutOfRangeException(parameter, string.Create(CultureInfo.InvariantCulture,
                    $"Evidence '{evidence.Id}' is dated {evidence.Timestamp:O}, after the moment of {owner} ({asOf.Value:O}, its mastery snapshot's AsOf), whose mastery cannot include it; give the history up to that moment."));
            }
        }

        if (history.Length < 2)
        {
            return history;
        }

        var keys = ArrayPool<(int Hash, int Index)>.Shared.Rent(history.Length);
        bool[]? dropped = null;
        try
        {
            for (var i = 0; i < history.Length; i++)
            {
                keys[i] = (history[i].Id.GetHashCode(), i);
            }

            var sorted = keys.AsSpan(0, history.Length);
            sorted.Sort();
            for (var start = 0; start < sorted.Length;)
            {
                var end = start + 1;
                while (end < sorted.Length && sorted[end].Hash == sorted[start].Hash)
                {
                    end++;
                }

                // Pieces with one hash code, in history order (the sort is by index within a hash): each is compared with the
                // earlier ones, so that the first of equal pieces is the one kept.
                for (var later = start + 1; later < end; later++)
                {
                    var piece = history[sorted[later].Index];
                    for (var earlier = start; earlier < later; earlier++)
                    {
                        var first = history[sorted[earlier].Index];
                        if (first.Id != piece.Id || (dropped is not null && dropped[sorted[earlier].Index]))
                        {
                            continue;
                        }

                        if (first.Equals(piece))
                        {
                            (dropped ??= new bool[history.Length])[sorted[later].Index] = true;
                            break;
                        }

                        if (!OneStatement(first, piece, catalog))
                        {
                            throw new EvidenceConflictException(first, piece, parameter, inBatch: true);
                        }
                    }
                }

                start = end;
            }
        }
        finally
        {
            ArrayPool<(int Hash, int Index)>.Shared.Return(keys);
        }

        if (dropped is null)
        {
            return history;
        }

        var kept = ImmutableArray.CreateBuilder<Evidence>(history.Length);
        for (var i = 0; i < history.Length; i++)
        {
            if (!dropped[i])
            {
                kept.Add(history[i]);
            }
        }

        return kept.ToImmutable();
    }
}

using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.Retention;

/// <summary>
/// Spaced review of competencies with FSRS-6: each piece of evidence on a competency is a review, and the competencies
/// whose recall has fallen below the desired retention are due, most forgotten first.
/// </summary>
/// <remarks>
/// <para><b>Reviews count for prerequisites.</b> Unlike flash cards, competencies build on each other: adding fractions
/// with unlike denominators uses equivalent fractions. So a <em>successful</em> review (Hard, Good or Easy) of a
/// competency also counts as a review of each of its <em>direct</em> prerequisites that has been reviewed before,
/// rated <see cref="PrerequisiteRating"/> (Hard by default: used, not tested on its own). A failed review (Again)
/// does not touch prerequisites, since the failure may lie in the new competency alone; a prerequisite already reviewed
/// on the same UTC day is left alone, so one practice session does not inflate its stability; and credit does not chain
/// further down, so that a review says nothing about competencies two steps away. This answers the most requested FSRS
/// feature for connected material (fsrs4anki-helper #256, srs-benchmark #29). <see cref="PrerequisiteRating"/> null
/// turns it off.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ReviewScheduler
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>ReviewScheduler { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a review scheduler.</summary>
    /// <param name="framework">The competencies and their prerequisites.</param>
    /// <param name="scheduler">The FSRS scheduler, or null for the default.</param>
    /// <param name="ratingRule">How evidence becomes a rating, or null for the default.</param>
    /// <param name="prerequisiteRating">The rating a successful review gives each direct prerequisite, or null for no credit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="prerequisiteRating"/> is not a defined rating.</exception>
    public ReviewScheduler(CompetencyFramework framework, FsrsScheduler? scheduler = null, FsrsRatingRule? ratingRule = null, FsrsRating? prerequisiteRating = FsrsRating.Hard)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (prerequisiteRating is { } p)
        {
            FsrsScheduler.RequireRating(p, nameof(prerequisiteRating));
        }

        Framework = framework;
        Scheduler = scheduler ?? FsrsScheduler.Default;
        RatingRule = ratingRule ?? FsrsRatingRule.Default;
        PrerequisiteRating = prerequisiteRating;
    }

    /// <summary>The competencies and their prerequisites.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>The FSRS scheduler.</summary>
    public FsrsScheduler Scheduler { get; }

    /// <summary>How evidence becomes a rating.</summary>
    public FsrsRatingRule RatingRule { get; }

    /// <summary>The rating a successful review gives each direct prerequisite already reviewed before.</summary>
    /// <value>Hard; null for no credit.</value>
    public FsrsRating? PrerequisiteRating { get; }

    /// <summary>Records a review of a competency, and its credit to the competency's direct prerequisites.</summary>
    /// <param name="memory">Each competency's memory before, by competency; an absent competency is new.</param>
    /// <param name="competency">The competency reviewed.</param>
    /// <param name="outcome">How it went.</param>
    /// <param name="at">When; not before the competency's last review.</param>
    /// <returns>The memories after, and the reviews made (the competency's first, then its prerequisites' in framework order).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="memory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the competency's last review.</exception>
    public (ImmutableSortedDictionary<CompetencyId, FsrsCard> Memory, ImmutableArray<(CompetencyId Competency, FsrsReview Review)> Reviews) Record(
        ImmutableSortedDictionary<CompetencyId, FsrsCard> memory, CompetencyId competency, EvidenceOutcome outcome, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (!Framework.Contains(competency))
        {
            throw new UnknownCompetencyException(competency, $"Competency '{competency}' is not in the framework.", nameof(competency));
        }

        var rating = RatingRule.Rate(outcome);
        var card = memory.TryGetValue(competency, out var c) ? c : FsrsCard.New(at);
        var review = Scheduler.Review(card, rating, at);
        var reviews = ImmutableArray.CreateBuilder<(CompetencyId, FsrsReview)>();
        reviews.Add((competency, review));
        var builder = memory.ToBuilder();
        builder[competency] = review.Card;
        if (rating != FsrsRating.Again && PrerequisiteRating is { } credit)
        {
            foreach (var prerequisite in Framework.GetPrerequisites(competency))
            {
                if (builder.TryGetValue(prerequisite, out var p) && p.State != FsrsState.New && p.LastReview is { } last
                    && last <= at && last.UtcDateTime.Date != at.UtcDateTime.Date)
                {
                    var implied = Scheduler.Review(p, credit, at);
                    builder[prerequisite] = implied.Card;
                    reviews.Add((prerequisite, implied));
                }
            }
        }

        return (builder.ToImmutable(), reviews.ToImmutable());
    }

    /// <summary>Each competency's memory from a learner's evidence, folded in <see cref="Evidence.FoldOrder"/> whatever the
    /// order given: the same evidence gives the same memory in any order, so late evidence and corrections are a replay
    /// away (pass <c>LearnerState.Evidence</c>, which already excludes retracted evidence).</summary>
    /// <param name="evidence">The evidence. A piece naming a competency reviews it; a piece about an activity alone reviews
    /// each competency the activity is aligned to, in the catalog's alignment order. Duplicate ids count once.</param>
    /// <param name="catalog">The catalog that aligns activities; needed only when some evidence names no competency.</param>
    /// <returns>The memories, and every review made in fold order (each piece's own reviews first, then the credit to
    /// prerequisites, as <see cref="Record"/> reports them).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> or an item is null.</exception>
    /// <exception cref="ArgumentException">A piece names a competency outside the framework, or an activity with no
    /// catalog or outside it, two pieces share an id with different content, or the pieces are about more than one learner.</exception>
    public (ImmutableSortedDictionary<CompetencyId, FsrsCard> Memory, ImmutableArray<(CompetencyId Competency, FsrsReview Review)> Reviews) Replay(
        IEnumerable<Evidence> evidence, Activities.ActivityCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var byId = new Dictionary<EvidenceId, Evidence>();
        Learners.LearnerId? learner = null;
        foreach (var item in evidence)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(evidence));
            learner ??= item.Learner;
            if (item.Learner != learner)
            {
                throw new ArgumentException($"Evidence '{item.Id}' is about learner '{item.Learner}', but the replay is of learner '{learner}'; replay one learner's evidence at a time.", nameof(evidence));
            }

            if (byId.TryGetValue(item.Id, out var first))
            {
                if (!first.Equals(item))
                {
                    throw new EvidenceConflictException(first, item, nameof(evidence));
                }

                continue;
            }

            if (item.Competency is { } named ? !Framework.Contains(named) : catalog is null || !catalog.Contains(item.Activity!.Value))
            {
                throw item.Competency is { } c
                    ? new UnknownCompetencyException(c, $"Evidence '{item.Id}' names competency '{c}', which is not in the framework.", nameof(evidence))
                    : catalog is null
                        ? new ArgumentException($"Evidence '{item.Id}' is about activity '{item.Activity}' alone; pass the catalog that aligns it.", nameof(evidence))
                        : new UnknownActivityException(item.Activity!.Value, $"Evidence '{item.Id}' is about activity '{item.Activity}' alone; it is not in the catalog.", nameof(evidence));
            }

            byId.Add(item.Id, item);
        }

        var ordered = byId.Values.ToArray();
        Array.Sort(ordered, Evidence.FoldOrder);
        var memory = ImmutableSortedDictionary<CompetencyId, FsrsCard>.Empty;
        var reviews = ImmutableArray.CreateBuilder<(CompetencyId, FsrsReview)>();
        foreach (var item in ordered)
        {
            IEnumerable<CompetencyId> reached = item.Competency is { } named ? [named] : catalog!.GetActivity(item.Activity!.Value).Alignments.Select(a => a.Competency);
            foreach (var competency in reached)
            {
                var (after, made) = Record(memory, competency, item.Outcome, item.Timestamp);
                memory = after;
                reviews.AddRange(made);
            }
        }

        return (memory, reviews.ToImmutable());
    }

    /// <summary>The competencies due for review: in Review state and with recall below the desired retention, or past
    /// their due time; the most forgotten first, then by id.</summary>
    /// <param name="memory">Each competency's memory.</param>
    /// <param name="asOf">The moment.</param>
    /// <param name="only">Limit to these competencies (for example the mastered ones), or null for all.</param>
    /// <returns>The due competencies with their recall probability and due time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="memory"/> is null.</exception>
    /// <exception cref="UnknownCompetencyException"><paramref name="memory"/> or <paramref name="only"/> names a competency
    /// the framework lacks (a memory kept for another framework).</exception>
    public ImmutableArray<DueReview> DueReviews(ImmutableSortedDictionary<CompetencyId, FsrsCard> memory, DateTimeOffset asOf, IEnumerable<CompetencyId>? only = null)
    {
        ArgumentNullException.ThrowIfNull(memory);
        foreach (var competency in memory.Keys)
        {
            if (!Framework.Contains(competency))
            {
                throw new UnknownCompetencyException(competency, $"The memory holds competency '{competency}', which is not in framework '{Framework.Title}'.", nameof(memory));
            }
        }

        var filter = only?.ToHashSet();
        if (filter is not null)
        {
            foreach (var competency in filter)
            {
                if (!Framework.Contains(competency))
                {
                    throw new UnknownCompetencyException(competency, $"Competency '{competency}' is not in framework '{Framework.Title}'.", nameof(only));
                }
            }
        }

        var due = new List<DueReview>();
        foreach (var (competency, card) in memory)
        {
            if (card.State != FsrsState.Review || card.LastReview is not { } last || last > asOf || (filter is not null && !filter.Contains(competency)))
            {
                continue;
            }

            var r = Scheduler.Retrievability(card, asOf)!.Value;
            if (card.Due <= asOf || r < Scheduler.Parameters.DesiredRetention)
            {
                due.Add(new DueReview(competency, r, card.Due));
            }
        }

        return [.. due.OrderBy(d => d.Retrievability).ThenBy(d => d.Competency)];
    }
}

/// <summary>A competency due for review.</summary>
/// <remarks>The default value names no competency (the empty identifier), with retrievability 0, due at <see cref="DateTimeOffset.MinValue"/>; the scheduler never reports it. Immutable and thread-safe.</remarks>
public readonly record struct DueReview
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal DueReview(CompetencyId Competency, double Retrievability, DateTimeOffset Due)
    {
        this.Competency = Competency;
        this.Retrievability = Retrievability;
        this.Due = Due;
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; internal init; }

    /// <summary>P(recall) now.</summary>
    public double Retrievability { get; internal init; }

    /// <summary>When it became due.</summary>
    public DateTimeOffset Due { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="Retrievability">The value of <see cref="Retrievability"/>.</param>
    /// <param name="Due">The value of <see cref="Due"/>.</param>
    public void Deconstruct(out CompetencyId Competency, out double Retrievability, out DateTimeOffset Due)
    {
        Competency = this.Competency;
        Retrievability = this.Retrievability;
        Due = this.Due;
    }

    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>DueReview { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}

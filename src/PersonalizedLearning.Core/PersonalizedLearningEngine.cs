using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning;

/// <summary>
/// The library's front door: records a learner's evidence, says what it means for mastery, and
/// recommends what to do next, all over one framework and catalog with one model and policy.
/// </summary>
/// <remarks>
/// <para>The engine holds no learner data. Each call takes a <see cref="LearnerState"/> and returns a new one
/// or a result computed from it; the host stores states (or the evidence log they are rebuilt from).</para>
/// <para>Time comes from the <c>asOf</c> argument when given, otherwise from the engine's
/// <see cref="TimeProvider"/>.</para>
/// <para>Immutable and thread-safe when its strategies are (the library's own are): one engine can serve
/// every learner on every thread.</para>
/// </remarks>
public sealed class PersonalizedLearningEngine
{
    /// <summary>Creates an engine.</summary>
    /// <param name="catalog">The activities, and through them the framework.</param>
    /// <param name="model">The mastery model that folds evidence.</param>
    /// <param name="policy">The policy that maps estimates to levels; <see cref="MasteryPolicy.Default"/> when null.</param>
    /// <param name="recommender">The next-step recommender; <see cref="AdaptiveRecommender.Default"/> when null.</param>
    /// <param name="timeProvider">The clock used when a call gives no moment; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="UnknownCompetencyException">The model is a <see cref="Mastery.KnowledgeTracing.BktModel"/> with
    /// parameters for a competency the framework lacks (a model fitted on another framework: keep only the competencies this
    /// one has).</exception>
    /// <exception cref="UnknownActivityException">The model is a <see cref="Mastery.KnowledgeTracing.BktModel"/> with
    /// per-activity parameters, or an <see cref="Mastery.Elo.EloModel"/> rating an item, that the catalog lacks.</exception>
    /// <exception cref="ArgumentException">The model's name is blank, or the model and the recommender judge pass and
    /// fail at different passing scores (a <see cref="Mastery.KnowledgeTracing.BktModel"/> and an
    /// <see cref="AdaptiveRecommender"/>: the library has one pass/fail rule, <see cref="EvidenceOutcome.Passes"/>,
    /// configured once).</exception>
    public PersonalizedLearningEngine(
        ActivityCatalog catalog,
        IMasteryModel model,
        MasteryPolicy? policy = null,
        INextStepRecommender? recommender = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(model.Name))
        {
            throw new ArgumentException("The mastery model needs a non-blank name; learner states record it.", nameof(model));
        }

        ForeignIds(model, catalog);
        recommender ??= AdaptiveRecommender.Default;
        if (PassingScoreConflict(model, (recommender as AdaptiveRecommender)?.Options, null) is { } conflict)
        {
            throw new ArgumentException(conflict, nameof(recommender));
        }

        Catalog = catalog;
        Model = model;
        Policy = policy ?? MasteryPolicy.Default;
        Recommender = recommender;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The framework of competencies.</summary>
    public CompetencyFramework Framework => Catalog.Framework;

    // A model made for another framework or catalog is refused by the first id it names that this one lacks: a BKT model's
    // competencies and the activities of its per-activity parameters, an Elo model's items. Such a model would otherwise
    // fold this framework's evidence with its default parameters (or refuse it at the first Record), silently when the two
    // id schemes only partly overlap. O(ids the model names).
    private static void ForeignIds(IMasteryModel model, ActivityCatalog catalog)
    {
        const string Fix = " Fit the model on this framework and catalog, or keep only what they name (for a BktModel, new BktModel(model.Competencies.Values.Where(c => framework.Contains(c.Competency)), model.DefaultParameters, model.PassingScore)).";
        var framework = catalog.Framework;
        if (model is Mastery.KnowledgeTracing.BktModel bkt)
        {
            foreach (var (competency, parameters) in bkt.Competencies)
            {
                if (!framework.Contains(competency))
                {
                    throw new UnknownCompetencyException(competency, $"The model has parameters for competency '{competency}', which is not in framework '{framework.Title}'." + Fix, nameof(model));
                }

                foreach (var activity in parameters.Activities.Keys.Concat(parameters.ActivityParameters.Keys)
                    .Concat(parameters.PairTransitions.Keys.SelectMany(p => new[] { p.Previous, p.Activity })))
                {
                    if (!catalog.Contains(activity))
                    {
                        throw new UnknownActivityException(activity, $"The model has parameters of competency '{competency}' for activity '{activity}', which is not in the catalog." + Fix, nameof(model));
                    }
                }
            }
        }
        else if (model is Mastery.Elo.EloModel elo)
        {
            foreach (var activity in elo.Items.Items.Keys)
            {
                if (!catalog.Contains(activity))
                {
                    throw new UnknownActivityException(activity, $"The model rates item '{activity}', which is not in the catalog." + Fix, nameof(model));
                }
            }
        }
    }

    // Where the components an engine is built from judge pass and fail at different passing scores, the message saying so;
    // null when they agree (or do not judge). One score, one rule: EvidenceOutcome.Passes.
    internal static string? PassingScoreConflict(IMasteryModel? model, RecommenderOptions? recommender, PlaylistOptions? playlists)
    {
        var scores = new List<(string Who, double Score)>(3);
        if (model is Mastery.KnowledgeTracing.BktModel bkt)
        {
            scores.Add(("the model (BktModel.PassingScore)", bkt.PassingScore));
        }

        if (recommender is not null)
        {
            scores.Add(("the recommender (RecommenderOptions.PassingScore)", recommender.PassingScore));
        }

        if (playlists is not null)
        {
            scores.Add(("the playlists (PlaylistOptions.PassingScore)", playlists.PassingScore));
        }

        if (scores.All(s => s.Score == scores[0].Score))
        {
            return null;
        }

        return "The components judge pass and fail at different passing scores: "
            + string.Join(", ", scores.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Who} at {s.Score:R}")))
            + "; give them one passing score (EvidenceOutcome.Passes is the library's one pass/fail rule).";
    }

    /// <summary>The catalog of activities.</summary>
    public ActivityCatalog Catalog { get; }

    /// <summary>The mastery model that folds evidence.</summary>
    public IMasteryModel Model { get; }

    /// <summary>The policy that maps estimates to levels.</summary>
    public MasteryPolicy Policy { get; }

    /// <summary>The next-step recommender.</summary>
    public INextStepRecommender Recommender { get; }

    /// <summary>The clock used when a call gives no moment, and against which evidence from the future is refused.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How far after the engine's clock evidence may be dated and still be folded.</summary>
    /// <value>One day unless given (<see cref="DefaultMaximumFutureSkew"/>); not negative. <see cref="TimeSpan.MaxValue"/>
    /// turns the check off, for a host that replays synthetic evidence ahead of its clock (a simulation had better give
    /// the engine a clock of its own, such as <c>FakeTimeProvider</c>).</value>
    /// <remarks><see cref="Evidence"/> itself refuses dates outside [1900, 2200), as a value it cannot know the time. The
    /// engine can: evidence dated after now is a clock, unit or time-zone mistake (a statement dated 2150), and folded in
    /// time order it would stay the latest evidence of its competency, deciding the "latest" and decaying rollups until
    /// its date. The margin is for clocks that differ: xAPI 1.0.3 (Part Two, §2.4.7) asks an LRS not to refuse a
    /// timestamp only because it is later than its own time.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative span; the message reads
    /// <c>The engine settings are not valid: MaximumFutureSkew: …; got -00:01:00.</c></exception>
    public TimeSpan MaximumFutureSkew
    {
        get => _maximumFutureSkew;
        // Never added to a date (evidence's distance ahead of the clock is compared with it), so no span overflows.
        init => _maximumFutureSkew = OptionProblems.Checked(value, value >= TimeSpan.Zero, "engine settings", nameof(MaximumFutureSkew),
            "the maximum future skew must not be negative: it is how far after the engine's clock evidence may be dated (TimeSpan.Zero for none, TimeSpan.MaxValue to turn the check off)");
    }

    /// <summary>The framework, the catalog's size, the model, the policy's thresholds and the recommender.</summary>
    /// <returns>For example <c>PersonalizedLearningEngine { Framework = Diamond, Activities = 15, Model = decaying-average(0.65), … }</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"PersonalizedLearningEngine {{ Framework = {Framework.Title}, Activities = {Catalog.Count}, Model = {Model.Name}, Policy = {Policy}, Recommender = {Recommender.GetType().Name}, MaximumFutureSkew = {MaximumFutureSkew:c} }}");

    /// <summary>Whether the learner's id is set as <see cref="PersonalizedLearningTelemetry.Attributes.LearnerId"/> on the
    /// spans of this engine and of the <see cref="Records.LearnerRecords"/> over it (never on metrics, whose attributes
    /// must stay few, and never evidence content, scores or names).</summary>
    /// <value>False unless set: telemetry carries no learner data. A host that sets it takes learner ids into its
    /// tracing backend, and answers for them there (retention, erasure).</value>
    public bool IncludeLearnerIdsInTelemetry { get; init; }

    // This engine over another catalog, every other setting kept (a reload's next generation). Here, beside the settings,
    // so that a setting added to the engine is carried over in the same edit.
    internal PersonalizedLearningEngine WithCatalog(ActivityCatalog catalog)
        => new(catalog, Model, Policy, Recommender, TimeProvider) { MaximumFutureSkew = MaximumFutureSkew, IncludeLearnerIdsInTelemetry = IncludeLearnerIdsInTelemetry };

    /// <summary>The default of <see cref="MaximumFutureSkew"/>: one day.</summary>
    public static TimeSpan DefaultMaximumFutureSkew { get; } = TimeSpan.FromDays(1);

    private readonly TimeSpan _maximumFutureSkew = DefaultMaximumFutureSkew;

    /// <summary>An empty state for a new learner, tagged with this engine's model.</summary>
    /// <param name="learner">The learner.</param>
    /// <returns>The empty state.</returns>
    /// <exception cref="ArgumentException"><paramref name="learner"/> is empty.</exception>
    public LearnerState CreateLearner(LearnerId learner) => LearnerState.Create(learner, Model.Name);

    /// <summary>Folds one piece of evidence into a learner's state, in its place in time.</summary>
    /// <param name="state">The state before.</param>
    /// <param name="evidence">The evidence.</param>
    /// <returns>The state after: equal to the one rebuilt from all its evidence in <see cref="Evidence.FoldOrder"/>, so
    /// evidence that arrives late counts as if it had arrived on time (only the competencies it reaches are folded again).
    /// The same instance when the evidence id was already folded with equal content, or was retracted.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="EvidenceConflictException">The state already holds evidence with this id and different content
    /// (the message shows both versions); a regrade is a <see cref="Supersede"/>.</exception>
    /// <exception cref="UnknownCompetencyException">The state names a competency the framework lacks (a state read from a
    /// document written under another framework, or edited; the message names the competency), or the evidence does.</exception>
    /// <exception cref="UnknownActivityException">The state's evidence, or the evidence given, names an activity the catalog
    /// lacks.</exception>
    /// <exception cref="ArgumentException">The evidence is about another learner, names a competency or activity that
    /// is not defined, or the state was folded by another model, or with a catalog that aligns its activities otherwise, or
    /// was read from a document whose competency states its evidence does not give (rebuild it then). The state is
    /// unchanged.</exception>
    /// <remarks>O(pieces on the competencies it reaches) when it comes before their latest evidence; otherwise O(1) model
    /// steps plus copying those competencies' evidence references.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The evidence is dated more than <see cref="MaximumFutureSkew"/> after the engine's
    /// clock (checked before anything is folded).</exception>
    public LearnerState Record(LearnerState state, Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(evidence);
        LearnerState next;
        try
        {
            EvidenceFolding.RequireModel(state, Model);
            Check(state);
            RefuseFuture(evidence, nameof(evidence));
            next = EvidenceFolding.Change(state, [evidence], [], Catalog, Model, nameof(evidence), nameof(evidence));
        }
        catch (ArgumentException e) when (CoreTelemetry.Rejected(e, 1))
        {
            throw; // not reached: the filter counts and declines
        }

        if (CoreTelemetry.EvidenceRecorded.Enabled)
        {
            CoreTelemetry.EvidenceRecorded.Add(1);
        }

        return next;
    }

    /// <summary>Folds several pieces of evidence, all or nothing, in time order whatever their order here.</summary>
    /// <param name="state">The state before.</param>
    /// <param name="evidence">The evidence, in any order; an id twice with equal content counts once.</param>
    /// <returns>The state after; equal to recording the pieces one at a time in any order.</returns>
    /// <exception cref="ArgumentNullException">An argument or an item is null.</exception>
    /// <exception cref="EvidenceConflictException">An id arrives with two contents (in the batch, or against the state).</exception>
    /// <exception cref="ArgumentException">An item cannot be folded (see <see cref="Record(LearnerState, Evidence)"/>);
    /// every item is checked before any is folded, so no partial state escapes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An item is dated more than <see cref="MaximumFutureSkew"/> after the engine's
    /// clock (checked before anything is folded).</exception>
    public LearnerState Record(LearnerState state, IEnumerable<Evidence> evidence) => RecordCore(state, evidence, counted: true);

    // counted: false for LearnerRecords, which counts each of its calls once itself (it may fold a call twice).
    internal LearnerState RecordCore(LearnerState state, IEnumerable<Evidence> evidence, bool counted)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(evidence);
        var items = evidence.ToList();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(evidence));
        }

        LearnerState next;
        try
        {
            // Inside the try, so a state of another model is counted as refused, as it is by the one-piece Record.
            EvidenceFolding.RequireModel(state, Model);
            Check(state);
            RefuseFuture(items, nameof(evidence));
            next = EvidenceFolding.Change(state, items, [], Catalog, Model, nameof(evidence), nameof(evidence));
        }
        catch (ArgumentException e) when (counted && CoreTelemetry.Rejected(e, items.Count))
        {
            throw; // not reached: the filter counts and declines
        }

        if (counted && CoreTelemetry.EvidenceRecorded.Enabled && items.Count > 0)
        {
            CoreTelemetry.EvidenceRecorded.Add(items.Count);
        }

        return next;
    }

    /// <summary>Retracts evidence, as if it had never been recorded: an xAPI statement voided
    /// (<see cref="Interop.Xapi.XapiMappingResult.Voided"/>), a result deleted.</summary>
    /// <param name="state">The state before.</param>
    /// <param name="ids">The ids to retract. An id the state has not seen yet is remembered, so that its evidence stays
    /// out when it arrives later (a voiding statement may arrive before the statement it voids).</param>
    /// <returns>The state after: equal to the state rebuilt from the remaining evidence, with these ids retracted; the same
    /// instance when every id was retracted already.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An id is empty, or the state was folded by another model. The state is unchanged.</exception>
    public LearnerState Retract(LearnerState state, params IEnumerable<EvidenceId> ids)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ids);
        EvidenceFolding.RequireModel(state, Model);
        Check(state);
        return EvidenceFolding.Change(state, [], ids.ToList(), Catalog, Model, nameof(ids), nameof(ids));
    }

    /// <summary>Replaces a piece of evidence with a corrected one, as if the correction had been there from the start: a
    /// regrade (same source, new outcome), a result moved to the right time or learner's competency.</summary>
    /// <param name="state">The state before.</param>
    /// <param name="replaced">The id of the evidence replaced; retracted, whether or not it has arrived yet.</param>
    /// <param name="replacement">The corrected evidence, with its own id.</param>
    /// <returns>The state after; equal to <c>Record(Retract(state, replaced), replacement)</c>, done at once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> or <paramref name="replacement"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="replaced"/> is empty or is the replacement's own id, the
    /// replacement's id was retracted, or the replacement cannot be folded (see <see cref="Record(LearnerState, Evidence)"/>).
    /// The state is unchanged.</exception>
    /// <exception cref="EvidenceConflictException">The replacement's id is folded with other content.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The replacement is dated more than <see cref="MaximumFutureSkew"/> after the engine's
    /// clock (checked before anything is folded).</exception>
    public LearnerState Supersede(LearnerState state, EvidenceId replaced, Evidence replacement) => SupersedeCore(state, replaced, replacement, counted: true);

    internal LearnerState SupersedeCore(LearnerState state, EvidenceId replaced, Evidence replacement, bool counted)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(replacement);
        LearnerState next;
        try
        {
            // The preconditions inside the try, so every refusal is counted (LearnerRecords.SupersedeAsync counts these too).
            EvidenceFolding.RequireModel(state, Model);
            if (replaced.IsEmpty)
            {
                throw new ArgumentException("The id of the evidence replaced is the default (empty) id.", nameof(replaced));
            }

            if (replacement.Id == replaced)
            {
                throw new ArgumentException($"A replacement needs its own id; '{replaced}' would replace itself. Give the corrected result a new id (for example the regrade's statement id).", nameof(replacement));
            }

            if (state.IsRetracted(replacement.Id))
            {
                throw new ArgumentException($"The replacement's id '{replacement.Id}' was retracted, so it would never count and '{replaced}' would be lost with nothing in its place; give the corrected result a new id.", nameof(replacement));
            }

            Check(state);
            RefuseFuture(replacement, nameof(replacement));
            next = EvidenceFolding.Change(state, [replacement], [replaced], Catalog, Model, nameof(replacement), nameof(replaced));
        }
        catch (ArgumentException e) when (counted && CoreTelemetry.Rejected(e, 1))
        {
            throw; // not reached: the filter counts and declines
        }

        if (counted && CoreTelemetry.EvidenceRecorded.Enabled)
        {
            CoreTelemetry.EvidenceRecorded.Add(1);
        }

        return next;
    }

    /// <summary>Rebuilds a learner's state from an evidence log, in one pass.</summary>
    /// <param name="learner">The learner.</param>
    /// <param name="log">The learner's evidence, in any order.</param>
    /// <param name="retracted">The ids retracted (voided statements, deleted results), if any.</param>
    /// <returns>The state; equal to the one built by recording the same evidence and retractions one at a time in any order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or an item is null.</exception>
    /// <exception cref="EvidenceConflictException">An id appears with two contents.</exception>
    /// <exception cref="ArgumentException">The learner id is empty, a retracted id is empty, or an item cannot be folded.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An item is dated more than <see cref="MaximumFutureSkew"/> after the engine's
    /// clock (checked before anything is folded).</exception>
    public LearnerState Rebuild(LearnerId learner, IEnumerable<Evidence> log, IEnumerable<EvidenceId>? retracted = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var items = log.ToList();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(log));
        }

        RefuseFuture(items, nameof(log));
        return EvidenceBulkFolding.Build(CreateLearner(learner), items, retracted?.ToList() ?? [], Catalog, Model, nameof(log), nameof(retracted));
    }

    // Evidence dated after the clock by more than the margin is refused before anything is folded (MaximumFutureSkew).
    private void RefuseFuture(List<Evidence> items, string parameter)
    {
        if (_maximumFutureSkew != TimeSpan.MaxValue && items.Count > 0)
        {
            var now = TimeProvider.GetUtcNow();
            foreach (var item in items)
            {
                RefuseFuture(item, now, parameter);
            }
        }
    }

    private void RefuseFuture(Evidence item, string parameter)
    {
        if (_maximumFutureSkew != TimeSpan.MaxValue)
        {
            RefuseFuture(item, TimeProvider.GetUtcNow(), parameter);
        }
    }

    private void RefuseFuture(Evidence item, DateTimeOffset now, string parameter)
    {
        if (item.Timestamp - now > _maximumFutureSkew)
        {
            throw new ArgumentOutOfRangeException(parameter, item.Timestamp, $"Evidence '{item.Id}' is dated {item.Timestamp.ToString("O", CultureInfo.InvariantCulture)}, {Ahead(item.Timestamp - now)} ({(item.Timestamp - now).ToString("c", CultureInfo.InvariantCulture)}) after now ({now.ToString("O", CultureInfo.InvariantCulture)} by the engine's clock): evidence from the future is a clock, unit or time-zone mistake, and folded in time order it would stay its competency's latest evidence until then. The engine allows {Ahead(_maximumFutureSkew)} for clocks that differ (MaximumFutureSkew).");
        }

        // Whole days from two days on; below that hours and minutes (floored), so that a margin of 24 hours and a piece 24
        // hours 59 minutes ahead read differently; under an hour, minutes (rounded up, so never "0 minutes" ahead).
        static string Ahead(TimeSpan span)
        {
            // The two largest units, rounded up in the smaller, so that what is ahead never reads the same as the margin.
            if (span.TotalDays >= 2)
            {
                var hours = Math.Ceiling(span.TotalHours);
                return Count(Math.Floor(hours / 24), "day") + (hours % 24 > 0 ? " " + Count(hours % 24, "hour") : string.Empty);
            }

            var minutes = Math.Ceiling(span.TotalMinutes);
            return minutes >= 60
                ? Count(Math.Floor(minutes / 60), "hour") + (minutes % 60 > 0 ? " " + Count(minutes % 60, "minute") : string.Empty)
                : Count(minutes, "minute");
        }

        static string Count(double n, string unit) => $"{n.ToString("#,0", CultureInfo.InvariantCulture)} {unit}{(n == 1 ? string.Empty : "s")}";
    }

    /// <summary>The learner's mastery of every competency as of a moment, with explanations.</summary>
    /// <param name="state">The learner's state.</param>
    /// <param name="asOf">The moment; the engine's clock when null. Only evidence up to it counts: assessing before some of
    /// the learner's evidence gives mastery as it was then (the competencies it reaches are folded again up to the moment).</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="UnknownCompetencyException">The state names a competency the framework lacks (a state read from a
    /// document written under another framework, or edited; the message names the competency), or the evidence does.</exception>
    /// <exception cref="UnknownActivityException">The state's evidence, or the evidence given, names an activity the catalog
    /// lacks.</exception>
    /// <exception cref="ArgumentException">The state was folded by another model or names unknown competencies, or was read
    /// from a document whose competency states its evidence does not give (an edited document: rebuild it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state was read from a document and holds evidence dated more than
    /// <see cref="MaximumFutureSkew"/> after the engine's clock.</exception>
    /// <remarks>A state read from a document is checked once, at its first use by the engine (O(its evidence)); a state the
    /// engine folded is not checked again.</remarks>
    public MasterySnapshot Assess(LearnerState state, DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        EvidenceFolding.RequireModel(state, Model);
        Check(state);
        return MasterySnapshot.Create(Framework, state, Model, Policy, asOf ?? TimeProvider.GetUtcNow());
    }

    // A state is checked before anything is decided from it or folded into it: none of its evidence from the future by this
    // engine's clock, and, once for a state read from a document, its stored competency states what its evidence folds to
    // with this catalog and model (then its per-competency evidence is kept, so that check does not run again). A state
    // folded with another catalog instance has its alignments compared.
    private void Check(LearnerState state)
    {
        // Against this engine's clock and margin on every use, O(1): the state may come from a document, or from an engine
        // with a wider margin.
        if (state.NewestEvidence is { } newest)
        {
            RefuseFuture(newest, "state");
        }

        EvidenceFolding.EnsureTracks(state, Catalog, Model);
    }

    /// <summary>A recommendation request for a learner as of a moment: the state's mastery, its evidence as the history,
    /// and the engine's model as the predictor when it predicts; add due reviews, minutes, a mode or a filter with
    /// <c>with { … }</c>.</summary>
    /// <remarks>The history is at most the engine's <see cref="RecommenderOptions.HistoryLimit"/> pieces (100 unless set)
    /// up to the moment, in fold order, so that novelty, remediation after repeated failure and wheel-spinning work as for a
    /// hand-built request: the newest pieces, and before them the older part of any unmastered competency's failure run
    /// that goes on past them (up to the failures that trigger remediation, and its failed checkpoint; twice the failures,
    /// with the prerequisite's success and the earlier failure, when the run follows a remediation that showed the
    /// prerequisite known), so that a run is not forgotten behind other work. Such an older piece from an activity aligned
    /// to several competencies is given as evidence on the one whose run it extends. The newest half of the limit is kept
    /// whole, so the runs' older pieces have the other half: when they need more, the oldest of them are left out, and a
    /// competency whose run loses pieces may not be remediated as its whole log would have it (with the default limit,
    /// when unmastered competencies' runs past the newest 50 pieces need more than 50 pieces between them). The history limit, passing score and failures before remediation are the
    /// engine's <see cref="AdaptiveRecommender"/>'s options; with another <see cref="INextStepRecommender"/>, the defaults
    /// (<see cref="RecommenderOptions.Default"/>).</remarks>
    /// <param name="state">The learner's state.</param>
    /// <param name="count">How many recommendations to ask for; in [1, 100].</param>
    /// <param name="profile">The learner's profile, if known.</param>
    /// <param name="asOf">The moment; the engine's clock when null.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside [1, 100].</exception>
    /// <exception cref="UnknownCompetencyException">The state names a competency the framework lacks (a state read from a
    /// document written under another framework, or edited; the message names the competency), or the evidence does.</exception>
    /// <exception cref="UnknownActivityException">The state's evidence, or the evidence given, names an activity the catalog
    /// lacks.</exception>
    /// <exception cref="ArgumentException">The state was folded by another model or with another catalog, or the profile
    /// is for another learner or names a goal outside the framework.</exception>
    public NextStepRequest CreateRequest(LearnerState state, int count = 3, LearnerProfile? profile = null, DateTimeOffset? asOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);
        var mastery = Assess(state, asOf);
        return new NextStepRequest(Catalog, mastery, count, profile) { Predictor = Model as ICorrectnessPredictor, EngineHistory = History(state, mastery) };
    }

    /// <summary>A playlist request for a learner as of a moment, with the history <see cref="CreateRequest"/> gives and,
    /// unless options are given, the engine's remediation rule, so that the playlist remediates where
    /// <see cref="RecommendNext"/> does.</summary>
    /// <param name="state">The learner's state.</param>
    /// <param name="goals">The goals; at most <see cref="PlaylistRequest.MaximumGoals"/>.</param>
    /// <param name="options">The playlist options. When null: the defaults, with the passing score, the failures before
    /// remediation and the history limit of the engine's <see cref="AdaptiveRecommender"/> (<see cref="RecommenderOptions.PassingScore"/>,
    /// <see cref="RecommenderOptions.RemediateAfterFailures"/>, <see cref="RecommenderOptions.HistoryLimit"/>) when it has one. Given options are taken as they are, but
    /// must judge pass and fail at the engine's passing score (<see cref="PlaylistOptions.PassingScore"/>) and, with an
    /// <see cref="AdaptiveRecommender"/>, remediate by its rule (<see cref="PlaylistOptions.RemediateAfterFailures"/>,
    /// <see cref="PlaylistOptions.HistoryLimit"/>).</param>
    /// <param name="accommodations">The learner's accommodations; none when null.</param>
    /// <param name="asOf">The moment; the engine's clock when null.</param>
    /// <returns>The request, for <see cref="PlaylistBuilder"/> or a learning planner.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="UnknownCompetencyException">The state names a competency the framework lacks (a state read from a
    /// document written under another framework, or edited; the message names the competency), or the evidence does.</exception>
    /// <exception cref="UnknownActivityException">The state's evidence, or the evidence given, names an activity the catalog
    /// lacks.</exception>
    /// <exception cref="ArgumentException">The state was folded by another model or with another catalog, a goal is
    /// invalid (see <see cref="PlaylistRequest"/>), or <paramref name="options"/> has another passing score than the
    /// engine's recommender or BKT model, or other failures before remediation or another history limit than its
    /// <see cref="AdaptiveRecommender"/> (nothing is changed).</exception>
    public PlaylistRequest CreatePlaylistRequest(LearnerState state, ImmutableArray<LearningGoal> goals, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null, DateTimeOffset? asOf = null)
    {
        if (options is null && Recommender is AdaptiveRecommender { Options: var rule })
        {
            options = new PlaylistOptions(passingScore: rule.PassingScore, remediateAfterFailures: rule.RemediateAfterFailures, historyLimit: rule.HistoryLimit);
        }
        else if (options is not null && PassingScoreConflict(Model, (Recommender as AdaptiveRecommender)?.Options, options) is { } conflict)
        {
            // Given options that judge pass and fail otherwise than the engine would remediate elsewhere than RecommendNext
            // on the same evidence (a PlaylistOptions made without a passing score has the library's default, 0.6).
            throw new ArgumentException($"{conflict} Make the playlist options with passingScore: {EnginePassingScore.ToString("R", CultureInfo.InvariantCulture)}.", nameof(options));
        }
        else if (options is not null && Recommender is AdaptiveRecommender { Options: var engine }
            && (options.RemediateAfterFailures != engine.RemediateAfterFailures || options.HistoryLimit != engine.HistoryLimit))
        {
            // One remediation rule (issue 21): a playlist that counted failures otherwise, or over another window, would
            // remediate where RecommendNext does not on the same evidence.
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The playlist options remediate after {options.RemediateAfterFailures} failures over the last {options.HistoryLimit} pieces of evidence, the engine's recommender after {engine.RemediateAfterFailures} over the last {engine.HistoryLimit}; the library has one remediation rule. Make the playlist options with remediateAfterFailures: {engine.RemediateAfterFailures}, historyLimit: {engine.HistoryLimit}, or pass no options."), nameof(options));
        }

        var mastery = Assess(state, asOf);
        return new(Catalog, mastery, goals, options, accommodations, History(state, mastery), engineHistory: true);
    }

    // The history a request carries: the newest pieces up to the moment of the request (the state's recent evidence, or
    // more of its log when the engine's recommender reads a longer history than the state keeps at hand), and before them
    // the older part of any failure run that goes on past the window, so that a run on one competency is not forgotten
    // behind a hundred pieces on others. At most the recommender's HistoryLimit pieces in all, in fold order: when such runs
    // exist, the newest half of the window and, before it, the runs' pieces from the older half and from before it.
    // The passing score the engine's components share (checked at construction): the recommender's, else the BKT model's.
    private double EnginePassingScore => (Recommender as AdaptiveRecommender)?.Options.PassingScore
        ?? (Model as Mastery.KnowledgeTracing.BktModel)?.PassingScore ?? EvidenceOutcome.DefaultPassingScore;

    private ImmutableArray<Evidence> History(LearnerState state, MasterySnapshot mastery)
    {
        var options = (Recommender as AdaptiveRecommender)?.Options ?? RecommenderOptions.Default;

        // A snapshot made from the state's tracks (at or after its newest evidence) gives the same history at every moment
        // it serves, for this catalog (checkpoints, alignments) and these options: kept with it.
        var core = mastery.Core;
        if (core.Tracks is not null && core.RequestHistoryFor(Catalog, options) is { } kept)
        {
            return kept;
        }

        var history = ReadHistory(state, mastery, options, out _);
        if (core.Tracks is not null)
        {
            core.KeepRequestHistory(Catalog, options, history);
        }

        return history;
    }

    // The bounded history; leftOut counts the runs' older pieces that found no room before the window's newest half (the
    // history is at most HistoryLimit pieces by contract, so the oldest of them go first; RemediationRuleTests compares
    // the bounded history with the whole log exactly when none was left out).
    internal ImmutableArray<Evidence> ReadHistory(LearnerState state, MasterySnapshot mastery, RecommenderOptions options, out int leftOut)
    {
        leftOut = 0;
        var limit = options.HistoryLimit;
        var window = Window(state, mastery.AsOf, limit);
        if (window.IsEmpty || window.Length == state.EvidenceCount)
        {
            return window; // the window holds all of it
        }

        // One pass against the newest half of the window: when no run goes on past the whole window, the whole window
        // serves; otherwise its older half gives way to the runs' older pieces (those in it and before it).
        var halfLength = Math.Min(window.Length, Math.Max(1, limit / 2));
        var half = ImmutableArray.Create(window.AsSpan(window.Length - halfLength, halfLength));
        var extras = OlderRuns(state, mastery, half.AsSpan(), options);
        var start = window[0];
        if (!extras.Exists(e => Evidence.CompareFoldOrder(e, start) < 0))
        {
            return window;
        }

        // One piece given for two competencies (an activity aligned to both, extending both runs) is read for the dependent
        // first, as RemediationRule reads one piece: each aligned competency takes it before it closes their dependents' runs.
        extras.Sort((a, b) => Evidence.CompareFoldOrder(a, b) is var order and not 0 ? order : RankOf(a).CompareTo(RankOf(b)));
        var room = Math.Max(0, limit - half.Length);
        leftOut = Math.Max(0, extras.Count - room);
        var builder = ImmutableArray.CreateBuilder<Evidence>(Math.Min(extras.Count, room) + half.Length);
        builder.AddRange(extras.Skip(Math.Max(0, extras.Count - room)));
        builder.AddRange(half);
        return builder.MoveToImmutable();

        int RankOf(Evidence evidence) => evidence.CompetencyIndexIn(Framework) is >= 0 and var c ? Framework.TopologicalRank(c) : -1;
    }

    // The newest pieces up to a moment, at most limit of them, in fold order.
    private static ImmutableArray<Evidence> Window(LearnerState state, DateTimeOffset asOf, int limit)
    {
        var recent = state.RecentEvidence;
        var current = recent.IsEmpty || recent[^1].Timestamp <= asOf;
        if (current && (limit <= LearnerState.RecentCapacity || state.EvidenceCount <= LearnerState.RecentCapacity))
        {
            return limit >= recent.Length ? recent : ImmutableArray.Create(recent.AsSpan(recent.Length - limit, limit));
        }

        var all = state.Evidence;
        var end = all.Length;
        while (end > 0 && all[end - 1].Timestamp > asOf)
        {
            end--;
        }

        var take = Math.Min(end, limit);
        return ImmutableArray.Create(all.AsSpan(end - take, take));
    }

    // The pieces of each unmastered competency's current failure run that come before the window's first piece: its
    // newest failures going back, until a success on it or any evidence on one of its prerequisites (the recommender's
    // and the playlist's rule), at most RemediateAfterFailures of them (twice that, with the prerequisite's success and
    // the older failure that make the rule ask for twice), and its newest failed checkpoint if the run holds one further
    // back. O(touched competencies); a competency's evidence is read only when it is unmastered and has evidence before
    // the window.
    // Why this is not RemediationRule itself: the rule reads one history newest first, and reading the learner's whole log
    // that way would cost the log's length on every request; this reads per-competency tracks, so that it costs what the
    // learner touched. It must find exactly the runs the rule finds on the whole log: RemediationRuleTests
    // (Property_TheEnginesBoundedHistory_RemediatesAsTheWholeLogDoes) holds the two to one notion on random frameworks
    // and logs.
    private List<Evidence> OlderRuns(LearnerState state, MasterySnapshot mastery, ReadOnlySpan<Evidence> window, RecommenderOptions options)
    {
        var extras = new List<Evidence>();
        HashSet<(EvidenceId, int)>? shownAdded = null; // a prerequisite's success given once though it closed several runs
        var tracks = state.Tracks;
        if (tracks is null || window.IsEmpty)
        {
            return extras;
        }

        // Only an unmastered competency with evidence before the window's first piece can have a run that goes past it;
        // its own evidence and its prerequisites' say whether it does (the window itself need not be read).
        var windowStart = window[0];
        var touched = mastery.TouchedIndices;
        for (var k = 0; k < touched.Length; k++)
        {
            var competency = touched[k];
            if (mastery.LevelAt(k) == MasteryLevel.Mastered || mastery.StateAt(k).FirstEvidenceAt > windowStart.Timestamp
                || (mastery.TrackAt(k) ?? tracks.GetValueOrDefault(Framework.Competencies[competency].Id)) is not { IsEmpty: false } track
                || Evidence.CompareFoldOrder(track.Items[0], windowStart) >= 0)
            {
                continue; // mastered, or all of its evidence in the window
            }

            var items = track.Items;
            var end = track.CountAtOrBefore(mastery.AsOf);
            if (end == 0 || !Failed(items[end - 1]))
            {
                continue;
            }

            // The newest evidence on a prerequisite ends the run: its moment from the snapshot (no lookup), and the piece
            // itself only when a run piece shares that moment and the fold order between them decides.
            DateTimeOffset? closingAt = null;
            foreach (var prerequisite in Framework.PrerequisiteIndices(competency))
            {
                if (mastery.PositionOf(prerequisite) is var at and >= 0 && mastery.StateAt(at).LastEvidenceAt is { } last && (closingAt is null || last > closingAt))
                {
                    closingAt = last;
                }
            }

            // The run: its failures from the newest back to what closed it (a success on it, or the newest piece on a
            // prerequisite), at most HistoryLimit pieces back; `before` is the newest piece older than the run, or −1.
            Evidence? closing = null;
            var start = end;
            var before = -1;
            for (var i = end - 1; i >= 0 && end - i <= options.HistoryLimit; i--)
            {
                var evidence = items[i];
                if (!Failed(evidence) || evidence.Timestamp < closingAt)
                {
                    before = i;
                    break;
                }

                if (evidence.Timestamp == closingAt)
                {
                    closing ??= NewestPrerequisitePiece(state, competency, mastery.AsOf, out _);
                    var order = closing is null ? 1 : Evidence.CompareFoldOrder(evidence, closing);
                    if (order < 0)
                    {
                        before = i;
                        break;
                    }

                    if (order == 0)
                    {
                        start = i; // a piece on the competency and on a prerequisite: the run's oldest failure (RemediationRule)
                        break;
                    }
                }

                start = i;
            }

            // RemediationRule needs twice the failures when a success on a prerequisite closed the run and the competency
            // failed before it (a remediation that showed the prerequisite known): the history then carries that success
            // and the newest such failure, so that the recommender and the playlist see it as the whole log shows it.
            var needed = options.RemediateAfterFailures;
            if (start < end && before >= 0 && closingAt is not null)
            {
                var shown = NewestPrerequisitePiece(state, competency, mastery.AsOf, out var prerequisite);
                if (shown is not null && !Failed(shown) && Evidence.CompareFoldOrder(items[before], shown) < 0)
                {
                    var older = before;
                    while (older >= 0 && !Failed(items[older]))
                    {
                        older--;
                    }

                    if (older >= 0)
                    {
                        needed *= 2;
                        if (Evidence.CompareFoldOrder(shown, windowStart) < 0 && (shownAdded ??= []).Add((shown.Id, prerequisite)))
                        {
                            extras.Add(OnlyOn(shown, prerequisite));
                        }

                        if (Evidence.CompareFoldOrder(items[older], windowStart) < 0)
                        {
                            extras.Add(OnlyOn(items[older], competency));
                        }
                    }
                }
            }

            var taken = 0;
            var checkpoint = false;
            for (var i = end - 1; i >= start; i--)
            {
                var evidence = items[i];
                if (Evidence.CompareFoldOrder(evidence, windowStart) >= 0)
                {
                    continue; // in the window already
                }

                var isCheckpoint = IsCheckpoint(evidence);
                if (taken < needed || (isCheckpoint && !checkpoint))
                {
                    extras.Add(OnlyOn(evidence, competency));
                    taken++;
                    checkpoint |= isCheckpoint;
                }
                else if (checkpoint)
                {
                    break;
                }
            }
        }

        return extras; // each piece once: a piece reaching two competencies is given for the one whose run it extends

        bool Failed(Evidence evidence) => !evidence.Outcome.PassesChecked(options.PassingScore);

        // A piece from an activity aligned to several competencies is given for the one whose run it extends: the pieces
        // that ended the others' runs after it are not in the history, and the recommender would count it against them.
        Evidence OnlyOn(Evidence evidence, int competency) =>
            evidence.Competency is not null || evidence.ActivityIndexIn(Catalog) is not (>= 0 and var a) || Catalog.AlignedIndicesOf(a).Length < 2
                ? evidence
                : new Evidence(evidence.Id, evidence.Learner, evidence.Outcome, evidence.Timestamp, Framework.Competencies[competency].Id, evidence.Activity, evidence.Kind, evidence.Weight, evidence.Duration);

        bool IsCheckpoint(Evidence evidence) => evidence.ActivityIndexIn(Catalog) is >= 0 and var a && Catalog.Activities[a].Kind == Activities.ActivityKind.Assessment;
    }

    // The newest piece up to a moment on any of a competency's prerequisites, in fold order, and that prerequisite.
    private Evidence? NewestPrerequisitePiece(LearnerState state, int competency, DateTimeOffset asOf, out int prerequisiteOf)
    {
        Evidence? closing = null;
        prerequisiteOf = -1;
        foreach (var prerequisite in Framework.PrerequisiteIndices(competency))
        {
            if (state.Tracks!.TryGetValue(Framework.Competencies[prerequisite].Id, out var before) && before.CountAtOrBefore(asOf) is var n and > 0
                && (closing is null || Evidence.CompareFoldOrder(before.Items[n - 1], closing) > 0))
            {
                closing = before.Items[n - 1];
                prerequisiteOf = prerequisite;
            }
        }

        return closing;
    }

    /// <summary>Recommends the learner's next activities, best first, each with its reasons.</summary>
    /// <param name="state">The learner's state.</param>
    /// <param name="count">How many to return; in [1, 100].</param>
    /// <param name="profile">The learner's profile, if known.</param>
    /// <param name="asOf">The moment; the engine's clock when null.</param>
    /// <returns>Up to <paramref name="count"/> recommendations (empty when nothing is left to learn) and the competencies
    /// the learner is stuck on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside [1, 100].</exception>
    /// <exception cref="UnknownCompetencyException">The state names a competency the framework lacks (a state read from a
    /// document written under another framework, or edited; the message names the competency), or the evidence does.</exception>
    /// <exception cref="UnknownActivityException">The state's evidence, or the evidence given, names an activity the catalog
    /// lacks.</exception>
    /// <exception cref="ArgumentException">The state was folded by another model, or the profile is for another learner.</exception>
    /// <remarks>Traced as <see cref="PersonalizedLearningTelemetry.Spans.Recommend"/> and timed by
    /// <see cref="PersonalizedLearningTelemetry.Metrics.RecommendationDuration"/> when someone listens; nothing is
    /// measured otherwise.</remarks>
    public NextStepResult RecommendNext(LearnerState state, int count = 3, LearnerProfile? profile = null, DateTimeOffset? asOf = null)
        => CoreTelemetry.ObservesRecommendations
            ? RecommendNextObserved(state, count, profile, asOf)
            : Recommender.Recommend(CreateRequest(state, count, profile, asOf));

    private NextStepResult RecommendNextObserved(LearnerState state, int count, LearnerProfile? profile, DateTimeOffset? asOf)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = CoreTelemetry.Source.StartActivity(PersonalizedLearningTelemetry.Spans.Recommend);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(PersonalizedLearningTelemetry.Attributes.RecommendationRequested, count);
            if (IncludeLearnerIdsInTelemetry && state is not null)
            {
                activity.SetTag(PersonalizedLearningTelemetry.Attributes.LearnerId, state.Learner.Value);
            }
        }

        try
        {
            var result = Recommender.Recommend(CreateRequest(state!, count, profile, asOf));
            activity?.SetTag(PersonalizedLearningTelemetry.Attributes.RecommendationReturned, result.Steps.Length);
            CoreTelemetry.RecommendationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            return result;
        }
        catch (Exception e)
        {
            CoreTelemetry.Fail(activity, e);
            CoreTelemetry.RecommendationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(PersonalizedLearningTelemetry.Attributes.ErrorType, e.GetType().FullName));
            throw;
        }
    }
}

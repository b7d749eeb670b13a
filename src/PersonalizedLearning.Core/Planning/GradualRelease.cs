using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Planning;

/// <summary>One piece of work a learner had in a review window, for <see cref="SelfRegulationEvidence.FromWork"/>.</summary>
/// <param name="ChosenByLearner">Whether the learner chose it (from a choice board or on their own) rather than having it
/// set.</param>
/// <param name="Due">When it was planned to be done; null when it had no date.</param>
/// <param name="Finished">When the learner finished it; null when they have not.</param>
/// <remarks>The default value is work that was set (not chosen), had no due date and is not finished. Immutable and thread-safe.</remarks>
public readonly record struct SelfRegulationItem(bool ChosenByLearner, DateTimeOffset? Due, DateTimeOffset? Finished)
{
    /// <summary>The members as culture-invariant text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);
}

/// <summary>
/// What a review window showed of a learner's self-regulation, the evidence <see cref="GradualReleasePolicy"/> reads:
/// keeping to their plan (planned work done by its date), finishing what they chose, and pacing on track.
/// </summary>
/// <remarks>
/// <para>Counts, so that a host can fill them from whatever its systems record; <see cref="FromWork"/> counts them from
/// a list of work items.</para>
/// <para>Equality is by value. Immutable and thread-safe.</para>
/// </remarks>
public sealed record SelfRegulationEvidence
{
    /// <summary>The members as culture-invariant text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates the evidence of a window.</summary>
    /// <param name="planned">Pieces of work that were due in the window; not negative.</param>
    /// <param name="plannedOnTime">Of those, the ones done by their date; in [0, <paramref name="planned"/>].</param>
    /// <param name="chosen">Pieces of work the learner chose that were settled in the window (finished, or due);
    /// not negative.</param>
    /// <param name="chosenFinished">Of those, the ones the learner finished; in [0, <paramref name="chosen"/>].</param>
    /// <param name="pacing">How the learner's plan stands (<see cref="LearningPlanner.Project"/>'s overall status).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or larger than the one it is part of, or
    /// <paramref name="pacing"/> is not defined.</exception>
    public SelfRegulationEvidence(int planned, int plannedOnTime, int chosen, int chosenFinished, PacingStatus pacing)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(planned);
        ArgumentOutOfRangeException.ThrowIfNegative(plannedOnTime);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(plannedOnTime, planned);
        ArgumentOutOfRangeException.ThrowIfNegative(chosen);
        ArgumentOutOfRangeException.ThrowIfNegative(chosenFinished);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chosenFinished, chosen);
        if (!Enum.IsDefined(pacing))
        {
            throw new ArgumentOutOfRangeException(nameof(pacing), pacing, $"Undefined pacing status ({(int)pacing}).");
        }

        Planned = planned;
        PlannedOnTime = plannedOnTime;
        Chosen = chosen;
        ChosenFinished = chosenFinished;
        Pacing = pacing;
    }

    /// <summary>Pieces of work that were due in the window.</summary>
    public int Planned { get; }

    /// <summary>Of <see cref="Planned"/>, the ones done by their date.</summary>
    public int PlannedOnTime { get; }

    /// <summary>Pieces of work the learner chose that were settled in the window.</summary>
    public int Chosen { get; }

    /// <summary>Of <see cref="Chosen"/>, the ones the learner finished.</summary>
    public int ChosenFinished { get; }

    /// <summary>How the learner's plan stands.</summary>
    public PacingStatus Pacing { get; }

    /// <summary>The share of planned work done by its date, in [0, 1].</summary>
    /// <value>Null when nothing was planned.</value>
    public double? PlanAdherence => Planned == 0 ? null : (double)PlannedOnTime / Planned;

    /// <summary>The share of chosen work the learner finished, in [0, 1].</summary>
    /// <value>Null when the learner chose nothing.</value>
    public double? FollowThrough => Chosen == 0 ? null : (double)ChosenFinished / Chosen;

    /// <summary>Counts a window's evidence from its work items.</summary>
    /// <param name="items">The work items of the window.</param>
    /// <param name="asOf">The end of the window: work finished after it counts as not finished.</param>
    /// <param name="pacing">How the learner's plan stands.</param>
    /// <returns>The evidence. A piece of work is <see cref="Planned"/> when its date is at or before
    /// <paramref name="asOf"/>, on time when finished at or before its date; a chosen piece is counted in
    /// <see cref="Chosen"/> once finished or due, and in <see cref="ChosenFinished"/> once finished.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pacing"/> is not defined.</exception>
    public static SelfRegulationEvidence FromWork(IEnumerable<SelfRegulationItem> items, DateTimeOffset asOf, PacingStatus pacing)
    {
        ArgumentNullException.ThrowIfNull(items);
        int planned = 0, onTime = 0, chosen = 0, finished = 0;
        foreach (var item in items)
        {
            var done = item.Finished is { } f && f <= asOf;
            var due = item.Due is { } d && d <= asOf;
            if (due)
            {
                planned++;
                if (done && item.Finished <= item.Due)
                {
                    onTime++;
                }
            }

            if (item.ChosenByLearner && (done || due))
            {
                chosen++;
                if (done)
                {
                    finished++;
                }
            }
        }

        return new SelfRegulationEvidence(planned, onTime, chosen, finished, pacing);
    }
}

/// <summary>The thresholds of <see cref="GradualReleasePolicy"/>.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record GradualReleaseOptions
{
    /// <summary>The members as culture-invariant text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates options. The return thresholds sit below the release thresholds so that a learner near one
    /// line does not move back and forth every window.</summary>
    /// <param name="releaseAdherence">The plan adherence needed to be released a level; in [0, 1].</param>
    /// <param name="releaseFollowThrough">The follow-through on chosen work needed to be released from
    /// <see cref="AgencyLevel.Choice"/> to <see cref="AgencyLevel.SelfDirected"/>; in [0, 1].</param>
    /// <param name="returnAdherence">Plan adherence below this returns a learner a level; in [0,
    /// <paramref name="releaseAdherence"/>].</param>
    /// <param name="returnFollowThrough">Follow-through below this returns a learner who chooses a level; in [0,
    /// <paramref name="releaseFollowThrough"/>].</param>
    /// <param name="minimumPlanned">How many planned pieces a window needs before adherence counts; at least 1.</param>
    /// <param name="minimumChosen">How many chosen pieces a window needs before follow-through counts; at least 1.</param>
    /// <param name="returnWhenOffTrack">Whether pacing off track alone returns a learner a level.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range: one exception for every problem, whose
    /// <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message names each bad parameter,
    /// its rule and the value given.</exception>
    public GradualReleaseOptions(double releaseAdherence = 0.8, double releaseFollowThrough = 0.8, double returnAdherence = 0.6, double returnFollowThrough = 0.5, int minimumPlanned = 5, int minimumChosen = 5, bool returnWhenOffTrack = true)
    {
        var problems = new OptionProblems("gradual-release options");
        problems.Require(releaseAdherence is >= 0 and <= 1, nameof(releaseAdherence), "the release adherence must be a share in [0, 1]", releaseAdherence);
        problems.Require(releaseFollowThrough is >= 0 and <= 1, nameof(releaseFollowThrough), "the release follow-through must be a share in [0, 1]", releaseFollowThrough);
        problems.RequireBetween(returnAdherence, 0, releaseAdherence, releaseAdherence is >= 0 and <= 1, 1, nameof(returnAdherence), "the return adherence", "a share", "the release adherence");
        problems.RequireBetween(returnFollowThrough, 0, releaseFollowThrough, releaseFollowThrough is >= 0 and <= 1, 1, nameof(returnFollowThrough), "the return follow-through", "a share", "the release follow-through");

        problems.Require(minimumPlanned >= 1, nameof(minimumPlanned), "the minimum planned work must be at least 1", minimumPlanned);
        problems.Require(minimumChosen >= 1, nameof(minimumChosen), "the minimum chosen work must be at least 1", minimumChosen);
        problems.ThrowIfAny();
        ReleaseAdherence = releaseAdherence;
        ReleaseFollowThrough = releaseFollowThrough;
        ReturnAdherence = returnAdherence;
        ReturnFollowThrough = returnFollowThrough;
        MinimumPlanned = minimumPlanned;
        MinimumChosen = minimumChosen;
        ReturnWhenOffTrack = returnWhenOffTrack;
    }

    /// <summary>The defaults: release at 80 % adherence and follow-through, return below 60 % and 50 %, five pieces of
    /// each kind, and return when off track.</summary>
    public static GradualReleaseOptions Default { get; } = new();

    /// <summary>The plan adherence needed to be released a level.</summary>
    public double ReleaseAdherence { get; }

    /// <summary>The follow-through needed to be released to <see cref="AgencyLevel.SelfDirected"/>.</summary>
    public double ReleaseFollowThrough { get; }

    /// <summary>Plan adherence below this returns a learner a level.</summary>
    public double ReturnAdherence { get; }

    /// <summary>Follow-through below this returns a learner who chooses a level.</summary>
    public double ReturnFollowThrough { get; }

    /// <summary>How many planned pieces a window needs before adherence counts.</summary>
    public int MinimumPlanned { get; }

    /// <summary>How many chosen pieces a window needs before follow-through counts.</summary>
    public int MinimumChosen { get; }

    /// <summary>Whether pacing off track alone returns a learner a level.</summary>
    public bool ReturnWhenOffTrack { get; }
}

/// <summary>What a gradual-release decision looked at.</summary>
/// <remarks>The default value is <see cref="PlannedWork"/>.</remarks>
public enum ReleaseCriterion
{
    /// <summary>Enough planned work in the window to judge adherence (<see cref="GradualReleaseOptions.MinimumPlanned"/>).</summary>
    PlannedWork,

    /// <summary>The share of planned work done by its date.</summary>
    PlanAdherence,

    /// <summary>Enough chosen work in the window to judge follow-through (<see cref="GradualReleaseOptions.MinimumChosen"/>).</summary>
    ChosenWork,

    /// <summary>The share of chosen work finished.</summary>
    FollowThrough,

    /// <summary>The plan's pacing: on track or complete.</summary>
    Pacing,
}

/// <summary>Where a gradual-release decision moves a learner.</summary>
/// <remarks>The default value is <see cref="Kept"/>.</remarks>
public enum ReleaseMove
{
    /// <summary>The learner stays at their level.</summary>
    Kept,

    /// <summary>The learner is given one level more agency.</summary>
    Released,

    /// <summary>The learner is returned one level toward guidance.</summary>
    Returned,
}

/// <summary>One reason of a gradual-release decision: a criterion, whether it was met, and the measure against its
/// threshold.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ReleaseReason
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal ReleaseReason(ReleaseCriterion Criterion, bool Met, double? Value, double? Threshold, string Explanation)
    {
        this.Criterion = Criterion;
        this.Met = Met;
        this.Value = Value;
        this.Threshold = Threshold;
        this.Explanation = Explanation;
    }

    /// <summary>What was looked at.</summary>
    public ReleaseCriterion Criterion { get; internal init; }

    /// <summary>Whether it was met: for a release, the evidence holds; for a return, the measure is still above the return line.</summary>
    public bool Met { get; internal init; }

    /// <summary>The measure (a count or a share); null for <see cref="ReleaseCriterion.Pacing"/> and for a share with nothing to measure.</summary>
    public double? Value { get; internal init; }

    /// <summary>The line it was held against; null for <see cref="ReleaseCriterion.Pacing"/>.</summary>
    public double? Threshold { get; internal init; }

    /// <summary>The reason in a sentence a teacher or learner can read.</summary>
    public string Explanation { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Criterion">The value of <see cref="Criterion"/>.</param>
    /// <param name="Met">The value of <see cref="Met"/>.</param>
    /// <param name="Value">The value of <see cref="Value"/>.</param>
    /// <param name="Threshold">The value of <see cref="Threshold"/>.</param>
    /// <param name="Explanation">The value of <see cref="Explanation"/>.</param>
    public void Deconstruct(out ReleaseCriterion Criterion, out bool Met, out double? Value, out double? Threshold, out string Explanation)
    {
        Criterion = this.Criterion;
        Met = this.Met;
        Value = this.Value;
        Threshold = this.Threshold;
        Explanation = this.Explanation;
    }

    /// <summary>The members as culture-invariant text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);
}

/// <summary>A gradual-release decision: the level before and after, and every reason.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ReleaseDecision
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal ReleaseDecision(AgencyLevel From, AgencyLevel To, ImmutableArray<ReleaseReason> Reasons)
    {
        this.From = From;
        this.To = To;
        this.Reasons = Reasons;
    }

    /// <summary>The learner's level before.</summary>
    public AgencyLevel From { get; internal init; }

    /// <summary>The learner's level after: <see cref="From"/> or one step from it.</summary>
    public AgencyLevel To { get; internal init; }

    /// <summary>Never empty. For a release, every criterion of the level (all met); for a return, the criteria that fell below their return lines; when kept below <see cref="AgencyLevel.SelfDirected"/>, every release criterion of the level with whether it was met, followed by any return line crossed at <see cref="AgencyLevel.Guided"/>; when kept at <see cref="AgencyLevel.SelfDirected"/>, adherence, follow-through and pacing against the return lines (a count instead of a share when too little was seen to judge; met when it is not short).</summary>
    public ImmutableArray<ReleaseReason> Reasons { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="From">The value of <see cref="From"/>.</param>
    /// <param name="To">The value of <see cref="To"/>.</param>
    /// <param name="Reasons">The value of <see cref="Reasons"/>.</param>
    public void Deconstruct(out AgencyLevel From, out AgencyLevel To, out ImmutableArray<ReleaseReason> Reasons)
    {
        From = this.From;
        To = this.To;
        Reasons = this.Reasons;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Whether the learner is released, returned or kept.</summary>
    public ReleaseMove Move => To > From ? ReleaseMove.Released : To < From ? ReleaseMove.Returned : ReleaseMove.Kept;

    /// <inheritdoc />
    public bool Equals(ReleaseDecision? other) =>
        other is not null && From == other.From && To == other.To && SequenceEquality.Equal(Reasons, other.Reasons);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(From, To, SequenceEquality.Hash(Reasons));
}

/// <summary>
/// Gradual release of responsibility: moves a learner between <see cref="AgencyLevel.Guided"/>,
/// <see cref="AgencyLevel.Choice"/> and <see cref="AgencyLevel.SelfDirected"/>, one level at a time, from evidence of
/// self-regulation, and back when it slips; each move with its reasons. Playlists
/// (<see cref="PlaylistOptions.Agency"/>) and the recommender (<see cref="Recommendations.NextStepRequest.Agency"/>)
/// take the level the policy gives.
/// </summary>
/// <remarks>
/// <para><b>The model.</b> Pearson and Gallagher's gradual release of responsibility (1983), as personalized-learning
/// schools apply it to self-direction: learners used to compliance are released into choice, then into steering their
/// own path, as they show they keep to a plan, finish what they choose and keep pace (the self-regulation measures of
/// Zimmerman, 2002). A learner at <see cref="AgencyLevel.Guided"/> chooses nothing, so release to
/// <see cref="AgencyLevel.Choice"/> reads plan adherence and pacing; release to <see cref="AgencyLevel.SelfDirected"/>
/// also needs follow-through on chosen work.</para>
/// <para><b>Release</b> (one level up) needs every criterion of the level: at least
/// <see cref="GradualReleaseOptions.MinimumPlanned"/> planned pieces, plan adherence at least
/// <see cref="GradualReleaseOptions.ReleaseAdherence"/>, pacing <see cref="PacingStatus.OnTrack"/> or
/// <see cref="PacingStatus.Complete"/>; from <see cref="AgencyLevel.Choice"/> also at least
/// <see cref="GradualReleaseOptions.MinimumChosen"/> chosen pieces and follow-through at least
/// <see cref="GradualReleaseOptions.ReleaseFollowThrough"/>. No level is skipped.</para>
/// <para>Pacing is evidence only when the plan has a date: a learner whose plan has no target date
/// (<see cref="PacingStatus.NoTargetDate"/>) is never released; give the plan a date (a goal's, a milestone's or an
/// external deadline) for the policy to judge pacing.</para>
/// <para><b>Return</b> (one level down) comes first, when any measure with enough evidence crosses its return line:
/// adherence below <see cref="GradualReleaseOptions.ReturnAdherence"/>; at <see cref="AgencyLevel.Choice"/> or above,
/// follow-through below <see cref="GradualReleaseOptions.ReturnFollowThrough"/>; pacing
/// <see cref="PacingStatus.OffTrack"/> when <see cref="GradualReleaseOptions.ReturnWhenOffTrack"/>. A window with too
/// little evidence never returns a learner.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class GradualReleasePolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="options">The thresholds; <see cref="GradualReleaseOptions.Default"/> when null.</param>
    public GradualReleasePolicy(GradualReleaseOptions? options = null) => Options = options ?? GradualReleaseOptions.Default;

    /// <summary>The policy with the default thresholds.</summary>
    public static GradualReleasePolicy Default { get; } = new();

    /// <summary>The thresholds.</summary>
    public GradualReleaseOptions Options { get; }

    /// <summary>The policy's options as culture-invariant text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"GradualReleasePolicy {{ Options = {Options} }}";

    /// <summary>Decides a learner's level after a review window: see the remarks of <see cref="GradualReleasePolicy"/>.</summary>
    /// <param name="current">The learner's level now.</param>
    /// <param name="evidence">What the window showed.</param>
    /// <returns>The decision, with its reasons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="current"/> is not defined.</exception>
    public ReleaseDecision Decide(AgencyLevel current, SelfRegulationEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (!Enum.IsDefined(current))
        {
            throw new ArgumentOutOfRangeException(nameof(current), current, $"Undefined agency level ({(int)current}).");
        }

        var o = Options;
        var slips = ImmutableArray.CreateBuilder<ReleaseReason>();
        if (evidence.Planned >= o.MinimumPlanned && evidence.PlanAdherence < o.ReturnAdherence)
        {
            slips.Add(Share(ReleaseCriterion.PlanAdherence, false, evidence.PlanAdherence, o.ReturnAdherence, "planned work done by its date", "below the return line"));
        }

        if (current >= AgencyLevel.Choice && evidence.Chosen >= o.MinimumChosen && evidence.FollowThrough < o.ReturnFollowThrough)
        {
            slips.Add(Share(ReleaseCriterion.FollowThrough, false, evidence.FollowThrough, o.ReturnFollowThrough, "chosen work finished", "below the return line"));
        }

        if (o.ReturnWhenOffTrack && evidence.Pacing == PacingStatus.OffTrack)
        {
            slips.Add(new ReleaseReason(ReleaseCriterion.Pacing, false, null, null, "The plan is off track."));
        }

        if (slips.Count > 0 && current > AgencyLevel.Guided)
        {
            return new ReleaseDecision(current, current - 1, slips.ToImmutable());
        }

        var criteria = ImmutableArray.CreateBuilder<ReleaseReason>();
        if (current < AgencyLevel.SelfDirected)
        {
            criteria.Add(Count(ReleaseCriterion.PlannedWork, evidence.Planned, o.MinimumPlanned, "planned pieces of work were due"));
            criteria.Add(Share(ReleaseCriterion.PlanAdherence, evidence.PlanAdherence >= o.ReleaseAdherence, evidence.PlanAdherence, o.ReleaseAdherence, "planned work done by its date", "needed for release"));
            if (current == AgencyLevel.Choice)
            {
                criteria.Add(Count(ReleaseCriterion.ChosenWork, evidence.Chosen, o.MinimumChosen, "chosen pieces of work were settled"));
                criteria.Add(Share(ReleaseCriterion.FollowThrough, evidence.FollowThrough >= o.ReleaseFollowThrough, evidence.FollowThrough, o.ReleaseFollowThrough, "chosen work finished", "needed for release"));
            }

            var onTrack = evidence.Pacing is PacingStatus.OnTrack or PacingStatus.Complete;
            criteria.Add(new ReleaseReason(ReleaseCriterion.Pacing, onTrack, null, null,
                onTrack ? $"The plan is {Describe(evidence.Pacing)}." : $"The plan is {Describe(evidence.Pacing)}; release needs it on track."));
        }

        else
        {
            // Nothing above: what keeps the learner here is that no measure crossed its return line.
            criteria.Add(evidence.Planned >= o.MinimumPlanned
                ? Share(ReleaseCriterion.PlanAdherence, true, evidence.PlanAdherence, o.ReturnAdherence, "planned work done by its date", "the return line")
                : Count(ReleaseCriterion.PlannedWork, evidence.Planned, o.MinimumPlanned, "planned pieces of work were due"));
            criteria.Add(evidence.Chosen >= o.MinimumChosen
                ? Share(ReleaseCriterion.FollowThrough, true, evidence.FollowThrough, o.ReturnFollowThrough, "chosen work finished", "the return line")
                : Count(ReleaseCriterion.ChosenWork, evidence.Chosen, o.MinimumChosen, "chosen pieces of work were settled"));
            criteria.Add(new ReleaseReason(ReleaseCriterion.Pacing, true, null, null, $"The plan is {Describe(evidence.Pacing)}."));
        }

        var all = current < AgencyLevel.SelfDirected && criteria.All(r => r.Met);
        criteria.AddRange(slips);
        return new ReleaseDecision(current, all ? current + 1 : current, criteria.ToImmutable());
    }

    private static string Describe(PacingStatus status) => status switch
    {
        PacingStatus.OnTrack => "on track",
        PacingStatus.AtRisk => "at risk",
        PacingStatus.OffTrack => "off track",
        PacingStatus.NoTargetDate => "without a target date",
        _ => "complete",
    };

    private static ReleaseReason Count(ReleaseCriterion criterion, int value, int minimum, string what) =>
        new(criterion, value >= minimum, value, minimum, string.Create(CultureInfo.InvariantCulture,
            $"{value} {what} (at least {minimum} needed to judge)."));

    private static ReleaseReason Share(ReleaseCriterion criterion, bool met, double? value, double threshold, string what, string line) =>
        new(criterion, met, value, threshold, value is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"{Percent(v, threshold)} of {what}; {Percent(threshold, threshold)} is {line}.")
            : string.Create(CultureInfo.InvariantCulture, $"No {what} to measure; {Percent(threshold, threshold)} is {line}."));

    // To 0.1 %, except that a share below the line is never rounded up to it (79.96 % reads 79.9 %, not 80 %).
    private static string Percent(double share, double line)
    {
        var tenths = Math.Round(share * 1000, MidpointRounding.AwayFromZero);
        if (share < line && tenths >= Math.Round(line * 1000, MidpointRounding.AwayFromZero))
        {
            tenths = Math.Floor(share * 1000);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{tenths / 10:0.#} %");
    }
}

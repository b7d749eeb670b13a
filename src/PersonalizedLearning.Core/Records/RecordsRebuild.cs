using System.Collections.Immutable;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Records;

/// <summary>Where a <see cref="LearnerRecords.RebuildAsync"/> stands.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecordsRebuildProgress
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal RecordsRebuildProgress(int Learners, int Rebuilt, int Failed, long Entries)
    {
        this.Learners = Learners;
        this.Rebuilt = Rebuilt;
        this.Failed = Failed;
        this.Entries = Entries;
    }

    /// <summary>Learners looked at so far.</summary>
    public int Learners { get; internal init; }

    /// <summary>Of those, rebuilt from their log (their snapshot was missing or folded by another model or catalog).</summary>
    public int Rebuilt { get; internal init; }

    /// <summary>Of those, learners whose log this engine cannot fold (see <see cref="RecordsRebuildReport.Failures"/>).</summary>
    public int Failed { get; internal init; }

    /// <summary>Log entries read so far.</summary>
    public long Entries { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    /// <param name="Rebuilt">The value of <see cref="Rebuilt"/>.</param>
    /// <param name="Failed">The value of <see cref="Failed"/>.</param>
    /// <param name="Entries">The value of <see cref="Entries"/>.</param>
    public void Deconstruct(out int Learners, out int Rebuilt, out int Failed, out long Entries)
    {
        Learners = this.Learners;
        Rebuilt = this.Rebuilt;
        Failed = this.Failed;
        Entries = this.Entries;
    }
}

/// <summary>A learner whose log the current engine could not fold during a rebuild, and why: its evidence names an
/// activity or competency the catalog no longer has, for instance. Its log and snapshot are left as they were.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecordsRebuildFailure
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal RecordsRebuildFailure(LearnerId Learner, string Reason)
    {
        this.Learner = Learner;
        this.Reason = Reason;
    }

    /// <summary>The learner.</summary>
    public LearnerId Learner { get; internal init; }

    /// <summary>The engine's message (it names ids, not evidence content).</summary>
    public string Reason { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learner">The value of <see cref="Learner"/>.</param>
    /// <param name="Reason">The value of <see cref="Reason"/>.</param>
    public void Deconstruct(out LearnerId Learner, out string Reason)
    {
        Learner = this.Learner;
        Reason = this.Reason;
    }
}

/// <summary>What a <see cref="LearnerRecords.RebuildAsync"/> did, for one tenant.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecordsRebuildReport
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal RecordsRebuildReport(int Learners, int Rebuilt, int UpToDate, long Entries, ImmutableArray<RecordsRebuildFailure> Failures)
    {
        this.Learners = Learners;
        this.Rebuilt = Rebuilt;
        this.UpToDate = UpToDate;
        this.Entries = Entries;
        this.Failures = Failures;
    }

    /// <summary>Learners looked at.</summary>
    public int Learners { get; internal init; }

    /// <summary>Learners rebuilt from their log, with a new snapshot saved.</summary>
    public int Rebuilt { get; internal init; }

    /// <summary>Learners whose snapshot was already folded by this engine's model and catalog.</summary>
    public int UpToDate { get; internal init; }

    /// <summary>Log entries read.</summary>
    public long Entries { get; internal init; }

    /// <summary>Learners whose log could not be folded, with the reason.</summary>
    public ImmutableArray<RecordsRebuildFailure> Failures { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    /// <param name="Rebuilt">The value of <see cref="Rebuilt"/>.</param>
    /// <param name="UpToDate">The value of <see cref="UpToDate"/>.</param>
    /// <param name="Entries">The value of <see cref="Entries"/>.</param>
    /// <param name="Failures">The value of <see cref="Failures"/>.</param>
    public void Deconstruct(out int Learners, out int Rebuilt, out int UpToDate, out long Entries, out ImmutableArray<RecordsRebuildFailure> Failures)
    {
        Learners = this.Learners;
        Rebuilt = this.Rebuilt;
        UpToDate = this.UpToDate;
        Entries = this.Entries;
        Failures = this.Failures;
    }

    /// <inheritdoc />
    public override string ToString() => $"RecordsRebuildReport {{ Learners = {Learners}, Rebuilt = {Rebuilt}, UpToDate = {UpToDate}, Entries = {Entries}, Failures = {Failures.Length} }}";
}

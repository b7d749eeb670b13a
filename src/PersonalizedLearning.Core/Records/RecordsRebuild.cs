using System.Collections.Immutable;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Records;

/// <summary>Where a <see cref="LearnerRecords.RebuildAsync"/> stands.</summary>
/// <param name="Learners">Learners looked at so far.</param>
/// <param name="Rebuilt">Of those, rebuilt from their log (their snapshot was missing or folded by another model or
/// catalog).</param>
/// <param name="Failed">Of those, learners whose log this engine cannot fold (see <see cref="RecordsRebuildReport.Failures"/>).</param>
/// <param name="Entries">Log entries read so far.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecordsRebuildProgress(int Learners, int Rebuilt, int Failed, long Entries);

/// <summary>A learner whose log the current engine could not fold during a rebuild, and why: its evidence names an
/// activity or competency the catalog no longer has, for instance. Its log and snapshot are left as they were.</summary>
/// <param name="Learner">The learner.</param>
/// <param name="Reason">The engine's message (it names ids, not evidence content).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecordsRebuildFailure(LearnerId Learner, string Reason);

/// <summary>What a <see cref="LearnerRecords.RebuildAsync"/> did, for one tenant.</summary>
/// <param name="Learners">Learners looked at.</param>
/// <param name="Rebuilt">Learners rebuilt from their log, with a new snapshot saved.</param>
/// <param name="UpToDate">Learners whose snapshot was already folded by this engine's model and catalog.</param>
/// <param name="Entries">Log entries read.</param>
/// <param name="Failures">Learners whose log could not be folded, with the reason.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecordsRebuildReport(int Learners, int Rebuilt, int UpToDate, long Entries, ImmutableArray<RecordsRebuildFailure> Failures)
{
    /// <inheritdoc />
    public override string ToString() => $"RecordsRebuildReport {{ Learners = {Learners}, Rebuilt = {Rebuilt}, UpToDate = {UpToDate}, Entries = {Entries}, Failures = {Failures.Length} }}";
}

using PersonalizedLearning.Mastery.KnowledgeTracing;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Serialization;

internal sealed class CompetencyFrameworkJsonConverter : DocumentJsonConverter<CompetencyFramework, CompetencyFrameworkDocument>
{
    protected override string Noun => "competency framework";

    // The roots' order is written only when it is not declaration order (a framework read from CASE orders the document's
    // children by their sequenceNumber).
    protected override CompetencyFrameworkDocument ToDocument(CompetencyFramework value)
    {
        var declared = value.Competencies.Select(c => c.Id).Where(id => value.GetParents(id).IsEmpty);
        return new(PersonalizedLearningJson.SchemaVersion, value.Title, [.. value.Competencies], [.. value.Relations],
            value.Roots.SequenceEqual(declared) ? null : [.. value.Roots]);
    }

    protected override CompetencyFramework FromDocument(CompetencyFrameworkDocument document)
    {
        var builder = new CompetencyFrameworkBuilder(document.Title);
        foreach (var competency in document.Competencies ?? [])
        {
            builder.Add(competency ?? throw new JsonException("A competency in the framework document is null."));
        }

        foreach (var relation in document.Relations ?? [])
        {
            builder.AddRelation(relation);
        }

        var framework = builder.OrderRoots(document.RootOrder ?? []).Build();
        var unknown = (document.RootOrder ?? []).FirstOrDefault(id => !framework.Contains(id) || !framework.GetParents(id).IsEmpty);
        if (!unknown.IsEmpty)
        {
            throw new JsonException($"The framework document's rootOrder names '{unknown}', which is not a competency without a parent.");
        }

        return framework;
    }
}

internal sealed class ActivityCatalogJsonConverter : DocumentJsonConverter<ActivityCatalog, ActivityCatalogDocument>
{
    protected override string Noun => "activity catalog";

    public static ActivityCatalog Build(ActivityCatalogDocument document, CompetencyFramework framework)
    {
        VersionedDocument.Check(document, "activity catalog");

        var builder = new ActivityCatalogBuilder(framework);
        foreach (var a in document.Activities ?? [])
        {
            if (a is null)
            {
                throw new JsonException("An activity in the catalog document is null.");
            }

            builder.AddActivity(a.Id, a.Title, a.Kind, a.EstimatedMinutes, a.Alignments, a.Modality, a.Difficulty, a.Topics);
        }

        return builder.Build();
    }

    protected override ActivityCatalogDocument ToDocument(ActivityCatalog value) => new(
        PersonalizedLearningJson.SchemaVersion,
        value.Framework.Title,
        [.. value.Activities.Select(a => new ActivityDocument(a.Id.Value, a.Title, a.Kind, a.EstimatedMinutes, [.. a.Alignments], a.Modality, a.Difficulty, a.Topics.IsEmpty ? null : [.. a.Topics]))]);

    protected override ActivityCatalog FromDocument(ActivityCatalogDocument document)
        => throw new NotSupportedException("An activity catalog is read against its framework: call PersonalizedLearningJson.DeserializeActivityCatalog(json, framework).");
}

internal sealed class LearnerStateJsonConverter : DocumentJsonConverter<LearnerState, LearnerStateDocument>
{
    protected override string Noun => "learner state";

    protected override LearnerStateDocument ToDocument(LearnerState value) => new(
        PersonalizedLearningJson.SchemaVersion,
        value.Learner,
        value.Model,
        [.. value.Competencies.Select(c => ToDocument(c.Key, c.Value))],
        [.. value.Evidence],
        value.Index.Retracted == 0 ? null : [.. value.RetractedEvidence]);

    protected override LearnerState FromDocument(LearnerStateDocument document)
    {
        if (document.AppliedEvidence is not null)
        {
            throw new ArgumentException("This learner state was written by an earlier preview: it lists the applied evidence ids, not the evidence, so late evidence and corrections cannot be folded into it. Rebuild it from the learner's evidence log with engine.Rebuild.");
        }

        var empty = LearnerState.Create(document.Learner, document.Model!);
        if (document.Competencies is null || document.Evidence is null)
        {
            throw new JsonException($"A learner state document lists its competencies and its evidence, as PersonalizedLearningJson writes them (empty lists when there are none); this one lacks '{(document.Competencies is null ? "competencies" : "evidence")}'.");
        }

        var competencies = new List<KeyValuePair<CompetencyId, CompetencyState>>();
        var positions = new Dictionary<CompetencyId, int>(document.Competencies.Count);
        foreach (var c in document.Competencies)
        {
            if (c is null || c.Competency.IsEmpty || !positions.TryAdd(c.Competency, competencies.Count))
            {
                throw new ArgumentException("Each competency state needs a competency id that appears once.");
            }

            competencies.Add(new(c.Competency, FromDocument(c)));
        }

        var index = new Dictionary<EvidenceId, Evidence?>();
        foreach (var evidence in document.Evidence)
        {
            if (evidence is null || evidence.Learner != empty.Learner || !index.TryAdd(evidence.Id, evidence))
            {
                throw new ArgumentException($"Each piece of evidence must be about learner '{empty.Learner}' and have an id that appears once{(evidence is null ? "; got null" : $"; '{evidence.Id}' is not")}.");
            }
        }

        foreach (var id in document.Retracted ?? [])
        {
            if (id.IsEmpty || !index.TryAdd(id, null))
            {
                throw new ArgumentException($"Retracted ids must be non-empty, appear once, and not be held as evidence; '{id}' is not.");
            }
        }

        var live = index.Count - (document.Retracted?.Count ?? 0);
        if ((competencies.Count == 0) != (live == 0) || competencies.Sum(c => (long)c.Value.EvidenceCount) < live)
        {
            throw new ArgumentException($"The learner state's {competencies.Count} competency states do not fit its {live} pieces of evidence; a state keeps the evidence it folded, and each piece counts toward at least one competency.");
        }

        CheckAgainstEvidence(competencies, positions, document.Evidence);
        return LearnerState.Restore(empty.Learner, empty.Model, competencies, EvidenceIndex.Adopt(index));
    }

    // What the document alone says of its competency states: the catalog and the model are the engine's, which refolds a
    // state read from a document at its first use and refuses one that is not what its evidence folds to (an edited
    // estimate among them; PersonalizedLearningEngine.Check). Without them, a piece naming a competency is folded into that
    // competency alone, and a piece on an activity into the activity's competencies, whichever they are. So a piece naming
    // a competency is listed under it, counted by it, and within its first and last moments; a competency counts at most
    // the pieces naming it and those on activities; and its first and last moments are those of such pieces. O(evidence
    // + competencies), in pooled buffers (the moments of the pieces on activities sorted).
    private static void CheckAgainstEvidence(List<KeyValuePair<CompetencyId, CompetencyState>> competencies, Dictionary<CompetencyId, int> positions, List<Evidence> evidence)
    {
        var namedBuffer = System.Buffers.ArrayPool<(int Count, DateTimeOffset First, DateTimeOffset Last)>.Shared.Rent(competencies.Count);
        var onActivities = System.Buffers.ArrayPool<long>.Shared.Rent(evidence.Count);
        try
        {
            var named = namedBuffer.AsSpan(0, competencies.Count);
            named.Clear();
            var activityPieces = 0;
            foreach (var piece in evidence)
            {
                if (piece.Competency is not { } competency)
                {
                    onActivities[activityPieces++] = piece.Timestamp.UtcTicks;
                }
                else if (!positions.TryGetValue(competency, out var p))
                {
                    throw new ArgumentException($"Evidence '{piece.Id}' names competency '{competency}', which the state does not list; a piece naming a competency is folded into it.");
                }
                else
                {
                    ref var n = ref named[p];
                    (n.First, n.Last) = n.Count == 0 ? (piece.Timestamp, piece.Timestamp)
                        : (piece.Timestamp < n.First ? piece.Timestamp : n.First, piece.Timestamp > n.Last ? piece.Timestamp : n.Last);
                    n.Count++;
                }
            }

            var moments = onActivities.AsSpan(0, activityPieces);
            moments.Sort();
            for (var p = 0; p < competencies.Count; p++)
            {
                var (competency, state) = competencies[p];
                var n = named[p];
                if (state.EvidenceCount < n.Count || state.EvidenceCount > n.Count + activityPieces)
                {
                    throw new ArgumentException(state.EvidenceCount < n.Count
                        ? $"Competency '{competency}' counts {state.EvidenceCount} piece(s) of evidence, but {n.Count} name it."
                        : $"Competency '{competency}' counts {state.EvidenceCount} piece(s) of evidence, but at most {n.Count + activityPieces} can reach it ({n.Count} naming it, {activityPieces} on activities).");
                }

                Moment(competency, "first", state.FirstEvidenceAt!.Value, n.Count > 0 ? n.First : null, earlier: true, moments);
                Moment(competency, "last", state.LastEvidenceAt!.Value, n.Count > 0 ? n.Last : null, earlier: false, moments);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<(int, DateTimeOffset, DateTimeOffset)>.Shared.Return(namedBuffer);
            System.Buffers.ArrayPool<long>.Shared.Return(onActivities);
        }

        // A first (last) moment is at or before (after) every piece naming the competency, and the moment of a piece that
        // can reach it.
        static void Moment(CompetencyId competency, string which, DateTimeOffset moment, DateTimeOffset? named, bool earlier, ReadOnlySpan<long> onActivities)
        {
            if (named is { } bound && (earlier ? moment > bound : moment < bound))
            {
                throw new ArgumentException($"Competency '{competency}' has its {which} evidence at {moment:O}, but a piece naming it is dated {bound:O}.");
            }

            if (moment != named && onActivities.BinarySearch(moment.UtcTicks) < 0)
            {
                throw new ArgumentException($"Competency '{competency}' has its {which} evidence at {moment:O}, the moment of no piece that can reach it.");
            }
        }
    }
    /// <summary>A competency's state as a document.</summary>
    internal static CompetencyStateDocument ToDocument(CompetencyId competency, in CompetencyState state) => new(
        competency, state.EvidenceCount, state.Estimate, state.FirstEvidenceAt, state.LastEvidenceAt,
        [state.Memory.Slot0, state.Memory.Slot1, state.Memory.Slot2, state.Memory.Slot3]);

    /// <summary>A competency's state from a document, checked.</summary>
    internal static CompetencyState FromDocument(CompetencyStateDocument c)
    {
        if (c.EvidenceCount < 1 || c.FirstEvidenceAt is null || c.LastEvidenceAt is null || c.FirstEvidenceAt > c.LastEvidenceAt)
        {
            throw new ArgumentException($"Competency '{c.Competency}' must have an evidence count of at least 1 and first/last timestamps in order.");
        }

        if (c.Estimate is { } e && !(e >= 0 && e <= 1))
        {
            throw new ArgumentException($"Competency '{c.Competency}' has estimate {e}; estimates must be in [0, 1].");
        }

        if (c.Memory is not { Length: 4 } m || !m.All(double.IsFinite))
        {
            throw new ArgumentException($"Competency '{c.Competency}' must have a memory of exactly 4 finite numbers.");
        }

        return new CompetencyState(c.EvidenceCount, c.Estimate, c.FirstEvidenceAt, c.LastEvidenceAt, new MasteryMemory(m[0], m[1], m[2], m[3]));
    }
}

internal sealed class MasterySnapshotJsonConverter : DocumentJsonConverter<MasterySnapshot, MasterySnapshotDocument>
{
    protected override string Noun => "mastery snapshot";

    /// <summary>A snapshot read against its framework: every assessment and state checked and matched.</summary>
    public static MasterySnapshot Build(MasterySnapshotDocument document, CompetencyFramework framework)
    {
        VersionedDocument.Check(document, "mastery snapshot");
        if (document.Learner.IsEmpty)
        {
            throw new ArgumentException("A mastery snapshot needs a learner id.");
        }

        if (document.Framework != framework.Title)
        {
            throw new ArgumentException(document.Framework is null
                ? "A mastery snapshot must name the framework it was assessed over."
                : $"The mastery snapshot was assessed over framework '{document.Framework}', not '{framework.Title}'.");
        }

        if (document.AsOf == default)
        {
            throw new ArgumentException("A mastery snapshot needs the moment it was assessed at (asOf).");
        }

        var policy = document.Policy ?? throw new ArgumentException("A mastery snapshot needs the policy it was assessed with; its levels are checked against it.");
        var label = document.EstimateLabel ?? throw new ArgumentException("A mastery snapshot needs its model's estimate label.");
        var entries = new List<(int Index, MasteryAssessment Assessment, CompetencyState State)>();
        var seen = new HashSet<CompetencyId>();
        foreach (var entry in document.Competencies ?? [])
        {
            if (entry?.Assessment is not { } assessment || entry.State is not { } state)
            {
                throw new ArgumentException("Each competency of a mastery snapshot needs an assessment and a state.");
            }

            if (assessment.Competency != state.Competency || !framework.TryGetIndex(assessment.Competency, out var index) || !seen.Add(assessment.Competency))
            {
                throw new ArgumentException($"Competency '{assessment.Competency}' must be in framework '{framework.Title}', appear once, and have an assessment and a state about it.");
            }

            var folded = LearnerStateJsonConverter.FromDocument(state);
            if (folded.LastEvidenceAt > document.AsOf)
            {
                // Only evidence up to the moment counts in an assessment as of it (fresh review).
                throw new ArgumentException($"Competency '{assessment.Competency}' has evidence at {folded.LastEvidenceAt:O}, after the moment the snapshot is assessed at ({document.AsOf:O}); only evidence up to that moment counts.");
            }

            if (assessment.EvidenceCount != folded.EvidenceCount)
            {
                throw new ArgumentException($"Competency '{assessment.Competency}' is assessed on {assessment.EvidenceCount} pieces of evidence but its state holds {folded.EvidenceCount}.");
            }

            // The level, reason, threshold and minimum are what the policy makes of the estimate and the evidence count, so a
            // document cannot mark mastered (and so move the frontier) what its own policy does not. The estimate itself is
            // the model's at asOf, which a model may compute from the state and the moment; without the model it is taken
            // as written, after the range check the assessment makes.
            var expected = folded.IsTouched
                ? Expected(assessment, policy.Classify(assessment.Estimate, assessment.EvidenceCount), policy, label)
                : MasteryAssessment.NotStarted(assessment.Competency, policy.MinimumEvidenceForMastered, label);
            if (assessment != expected)
            {
                throw new ArgumentException($"Competency '{assessment.Competency}' is assessed {assessment.Level} ({assessment.Reason}, threshold {Printing.Number(assessment.Threshold)}, minimum evidence {assessment.MinimumEvidence}, label '{assessment.EstimateLabel}'), but the snapshot's policy makes {expected.Level} ({expected.Reason}, threshold {Printing.Number(expected.Threshold)}, minimum evidence {expected.MinimumEvidence}, label '{expected.EstimateLabel}') of its estimate {Printing.Number(assessment.Estimate)} on {assessment.EvidenceCount} pieces of evidence.");
            }

            entries.Add((index, assessment, folded));
        }

        entries.Sort((a, b) => a.Index.CompareTo(b.Index));
        return MasterySnapshot.Restore(framework, document.Learner, document.AsOf, [.. entries.Select(e => e.Index)], [.. entries.Select(e => e.Assessment)], [.. entries.Select(e => e.State)],
            policy, label);
    }

    private static MasteryAssessment Expected(MasteryAssessment assessment, (MasteryLevel Level, MasteryReason Reason, double? Threshold) rule, MasteryPolicy policy, string label)
        => new(assessment.Competency, rule.Level, rule.Reason, assessment.EvidenceCount, policy.MinimumEvidenceForMastered, label, assessment.Estimate, rule.Threshold);

    protected override MasterySnapshotDocument ToDocument(MasterySnapshot value)
    {
        var entries = new List<MasterySnapshotEntryDocument>(value.TouchedIndices.Length);
        for (var k = 0; k < value.TouchedIndices.Length; k++)
        {
            var id = value.Framework.Competencies[value.TouchedIndices[k]].Id;
            entries.Add(new(value.AssessmentAt(k), LearnerStateJsonConverter.ToDocument(id, value.StateAt(k))));
        }

        return new(PersonalizedLearningJson.SchemaVersion, value.Framework.Title, value.Learner, value.AsOf, value.EstimateLabel, value.Policy, entries);
    }

    protected override MasterySnapshot FromDocument(MasterySnapshotDocument document)
        => throw new NotSupportedException("A mastery snapshot is read against its framework: call PersonalizedLearningJson.DeserializeMasterySnapshot(json, framework).");
}

internal sealed class LearnerProfileJsonConverter : DocumentJsonConverter<LearnerProfile, LearnerProfileDocument>
{
    protected override string Noun => "learner profile";

    protected override LearnerProfileDocument ToDocument(LearnerProfile value) => new(
        PersonalizedLearningJson.SchemaVersion,
        value.Learner,
        [.. value.Goals],
        [.. value.Interests],
        [.. value.PreferredModalities],
        value.Accommodations);

    protected override LearnerProfile FromDocument(LearnerProfileDocument document) => new(
        document.Learner,
        document.Goals?.ToImmutableArray() ?? [],
        document.Interests?.ToImmutableArray() ?? [],
        document.PreferredModalities?.ToImmutableArray() ?? [],
        document.Accommodations);
}

internal sealed class BktModelJsonConverter : DocumentJsonConverter<BktModel, BktModelDocument>
{
    protected override string Noun => "BKT model";

    protected override BktModelDocument ToDocument(BktModel value) => new(
        PersonalizedLearningJson.SchemaVersion,
        [.. value.Competencies.Values.Select(c => new BktCompetencyDocument(
            c.Competency, c.Parameters.Prior, c.Parameters.Learn, c.Parameters.Forget, c.Parameters.Guess, c.Parameters.Slip,
            c.ActivityParameters.Count == 0 ? null : [.. c.ActivityParameters.Select(a => new BktActivityDocument(a.Key, a.Value.Guess, a.Value.Slip))]))],
        value.DefaultParameters is { } d ? new BktParametersDocument(d.Prior, d.Learn, d.Forget, d.Guess, d.Slip) : null,
        value.PassingScore,
        value.AllowsDegenerate);

    protected override BktModel FromDocument(BktModelDocument document)
    {
        var competencies = new List<BktCompetencyParameters>();
        foreach (var c in document.Competencies ?? throw new ArgumentException("A BKT model document lists its competencies; got null."))
        {
            if (c is null)
            {
                throw new ArgumentException("A BKT model document lists a null competency.");
            }

            competencies.Add(new BktCompetencyParameters(
                c.Competency,
                BktParameters.FromEstimates(c.Prior, c.Learn, c.Guess, c.Slip, c.Forget),
                c.Activities?.Select(a => a is null
                    ? throw new ArgumentException($"Competency '{c.Competency}' lists a null activity.")
                    : new KeyValuePair<ActivityId, (double, double)>(a.Activity, (a.Guess, a.Slip)))));
        }

        var fallback = document.DefaultParameters is { } d ? BktParameters.FromEstimates(d.Prior, d.Learn, d.Guess, d.Slip, d.Forget) : (BktParameters?)null;
        return new BktModel(competencies, fallback, document.PassingScore, document.AllowDegenerate);
    }
}

internal sealed class PlaylistJsonConverter : DocumentJsonConverter<Playlist, PlaylistDocument>
{
    protected override string Noun => "playlist";

    public static PlaylistDocument Document(Playlist value) => new(
        PersonalizedLearningJson.SchemaVersion,
        value.Learner,
        [.. value.Goals],
        value.Options,
        value.TimeFactor,
        [.. value.Steps.Select(s => new PlaylistStepDocument(s.Kind, s.Competency, [.. s.Choices.Select(c => c.Id)], s.Checkpoint?.Id, s.Minutes,
            [.. s.DependsOn], [.. s.Goals], s.RemediationFor, s.Reorderable))],
        MasteredParentsOf(value) is { IsEmpty: false } parents ? [.. parents] : null);

    // The parents without an activity of the included kinds that the build met on the way and found mastered: what the
    // document cannot otherwise say (such a parent has no step, mastered or not), written so that the reader rebuilds
    // for one mastery instead of trying which of them were mastered. Walked as the reader walks (CheckDerived): from the
    // goals and the learn steps through prerequisites and children; an unmastered such parent is walked through, a
    // mastered one is listed. O(what the walk reaches); none without a hierarchy.
    private static ImmutableArray<CompetencyId> MasteredParentsOf(Playlist playlist)
    {
        if (playlist.CurrentLayout is not { } layout)
        {
            return playlist.MasteredParents;
        }

        var terms = layout.Request.Terms;
        var framework = terms.Catalog.Framework;
        if (!framework.HasHierarchy)
        {
            return [];
        }

        var mastered = layout.Request.Mastery.MasteredBits;
        ImmutableArray<CompetencyId>.Builder? found = null;
        var walk = new ParentWalk(terms, playlist.Steps.AsSpan(), new ulong[(framework.Count + 63) >> 6]);
        while (walk.Next(out var parent))
        {
            if (CompetencyFramework.IsSet(mastered, parent))
            {
                (found ??= ImmutableArray.CreateBuilder<CompetencyId>()).Add(framework.Competencies[parent].Id);
            }
            else
            {
                walk.Through(parent);
            }
        }

        return found is null ? [] : found.ToImmutable();
    }

    // Resolves activities in the catalog and cuts the sessions again; a playlist read back re-plans by building anew.
    public static Playlist Build(PlaylistDocument document, ActivityCatalog catalog)
    {
        VersionedDocument.Check(document, "playlist");
        if (document.Learner.IsEmpty)
        {
            throw new ArgumentException("A playlist needs a non-empty learner id.");
        }

        var goals = document.Goals?.ToImmutableArray() ?? [];
        if (goals.IsEmpty || goals.Any(g => !catalog.Framework.Contains(g.Competency)))
        {
            throw new ArgumentException("A playlist needs at least one goal, each in the catalog's framework.");
        }

        if (!(document.TimeFactor >= 1 && document.TimeFactor <= 10))
        {
            throw new ArgumentException($"A playlist's time factor must be in [1, 10]; got {document.TimeFactor.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        // The writer always writes the list ([] when every goal is mastered): null is a list left out.
        var listed = document.Steps ?? throw new ArgumentException("A playlist lists its steps (an empty list when every goal is mastered); got null.");
        var steps = new PlaylistStep[listed.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            var s = listed[i] ?? throw new ArgumentException($"Step {i + 1} of the playlist is null.");
            if (!Enum.IsDefined(s.Kind) || !catalog.Framework.Contains(s.Competency) || !(s.Minutes >= 0 && double.IsFinite(s.Minutes))
                || (s.RemediationFor is { } r && !catalog.Framework.Contains(r))
                || !AllIn(s.DependsOn, catalog.Framework) || !AllIn(s.Goals, catalog.Framework))
            {
                throw new ArgumentException($"Step {i + 1} of the playlist has an undefined kind, a competency not in the framework, or minutes that are negative or not finite.");
            }

            var choices = new LearningActivity[s.Choices?.Count ?? 0];
            for (var k = 0; k < choices.Length; k++)
            {
                choices[k] = catalog.GetActivity(s.Choices![k]);
            }

            steps[i] = new PlaylistStep(s.Kind, s.Competency, ImmutableCollectionsMarshal.AsImmutableArray(choices), s.Checkpoint is { } check ? catalog.GetActivity(check) : null,
                s.Minutes, s.DependsOn?.ToImmutableArray() ?? [], s.Goals?.ToImmutableArray() ?? [], s.RemediationFor, s.Reorderable);
        }

        // The writer always writes the options: null is options left out, not the defaults (fresh review).
        var options = document.Options ?? throw new ArgumentException("A playlist states its options; got null.");
        PlaylistRequest.CheckGoals(catalog.Framework, goals); // a request's rules: at most 64 goals, none twice
        CheckSteps(steps, goals, options, document.TimeFactor, catalog.Framework);
        CheckDerived(steps, new PlaylistTerms(catalog, goals, options, document.TimeFactor), document.MasteredParents);
        return PlaylistBuilder.Restore(document.Learner, goals, options, steps, document.TimeFactor, document.MasteredParents is { Count: > 0 } parents ? [.. parents] : []);
    }

    // The rules PlaylistBuilder's steps keep (issue 21, fresh review: a document with foreign choices, minutes that are
    // not the activities', forward dependencies or a step twice was read as a playlist). Every step: its choices are
    // distinct and aligned to what it teaches; its minutes are its activities' (PlaylistStep.Estimate) times the time
    // factor; its goals are the playlist's. A learn step: at most the options' choices per step, a checkpoint aligned to
    // its competency, one learn step per competency, and it depends only on its prerequisites, on earlier steps. A
    // remediation step (and only it) names what it remediates, and has no checkpoint or dependency. A project step: one
    // activity, a project, which its first dependency (the step's competency) and every other is aligned to.
    private static void CheckSteps(PlaylistStep[] steps, ImmutableArray<LearningGoal> goals, PlaylistOptions options, double factor, CompetencyFramework framework)
    {
        var playlistGoals = goals.Select(g => g.Competency).ToHashSet();
        var learned = new HashSet<CompetencyId>();
        var earlier = new HashSet<CompetencyId>();
        var projects = new HashSet<ActivityId>();
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var n = i + 1;
            Rule(Distinct(step.Choices), n, "lists an activity twice among its choices");
            Rule(AllIn(step.Goals, playlistGoals), n, "names a goal the playlist does not have");
            Rule(step.Kind == PlaylistStepKind.Remediate == step.RemediationFor is not null, n, "is a remediation step without the competency it remediates, or names one without being a remediation step");
            var expected = step.Kind == PlaylistStepKind.Project
                ? (step.Choices.IsEmpty ? 0 : step.Choices[0].EstimatedMinutes) * factor
                : PlaylistStep.Estimate(step.Choices, step.Checkpoint) * factor;
            Rule(Math.Abs(step.Minutes - expected) <= 1e-9 * Math.Max(1, expected), n,
                $"has {step.Minutes.ToString("R", CultureInfo.InvariantCulture)} minutes; its activities take {expected.ToString("R", CultureInfo.InvariantCulture)} at time factor {factor.ToString("R", CultureInfo.InvariantCulture)}");
            switch (step.Kind)
            {
                case PlaylistStepKind.Project:
                    Rule(step.Choices.Length == 1 && step.Choices[0].Kind == ActivityKind.Project && step.Checkpoint is null, n, "is a project step that is not one project activity");
                    Rule(projects.Add(step.Choices[0].Id), n, $"places project '{step.Choices[0].Id}' a second time");
                    Rule(!step.DependsOn.IsEmpty && step.DependsOn[0] == step.Competency && step.DependsOn.All(c => step.Choices[0].AlignmentWeight(c) > 0), n,
                        "is a project step whose competencies are not the project's, its own first");
                    earlier.UnionWith(step.DependsOn);
                    break;
                case PlaylistStepKind.Remediate:
                    Rule(AllAligned(step.Choices, step.Competency), n, $"offers an activity not aligned to '{step.Competency}'");
                    Rule(step.Checkpoint is null && step.DependsOn.IsEmpty, n, "is a remediation step with a checkpoint or dependencies");
                    break;
                default:
                    Rule(step.Choices.Length <= options.EffectiveChoicesPerStep, n, $"offers {step.Choices.Length} choices; the options allow {options.EffectiveChoicesPerStep}");
                    Rule(AllAligned(step.Choices, step.Competency) && (step.Checkpoint is null || step.Checkpoint.AlignmentWeight(step.Competency) > 0), n,
                        $"offers an activity or a checkpoint not aligned to '{step.Competency}'");
                    Rule(learned.Add(step.Competency), n, $"is a second learn step for '{step.Competency}'");
                    Rule(EarlierPrerequisites(step, framework.GetPrerequisites(step.Competency), earlier), n,
                        $"depends on a competency that is not a prerequisite of '{step.Competency}' on an earlier step");
                    break;
            }

            earlier.Add(step.Competency);
        }
    }

    // What the builder derives, rebuilt by its own parts and compared (issue 21, fresh review A1: a document with a step
    // left out, dependencies emptied, goals or choices changed, or reorderable flipped was read as a playlist). Only the
    // learner's mastery and history are not in the document; they decide which competencies have learn steps, which
    // projects are placed, and what is remediated, so those are taken from the document and must be what some mastery
    // gives. Mastered are: the goals without a learn step, the prerequisites of learn steps that have none (the walk
    // stops only at a mastered one), and what the placed projects are aligned to outside the playlist (a project is
    // placed only when that is mastered); nothing else, since a build for such a learner places a project exactly when
    // some learner's would. A parent without an activity of the included kinds (PlaylistBuilder.ReachedThroughChildren)
    // has no learn step, mastered or not, so the document lists those its build met and found mastered (masteredParents,
    // written by MasteredParentsOf): each such parent the walk meets is mastered when listed and walked through
    // otherwise, and a listed one the walk does not meet is refused. (Until this member, the reader tried which of them
    // were mastered, up to 2^10 rebuilds.) The builder rebuilds on the document's terms for that mastery with the document's
    // remediation, and then every learn step must be on a goal's way, and every step the rebuilt one: the same kind and
    // competency at the same place, choices, checkpoint, dependencies, goals and reorderable.
    private static void CheckDerived(PlaylistStep[] steps, PlaylistTerms terms, List<CompetencyId>? masteredParents)
    {
        var framework = terms.Catalog.Framework;
        var mastered = new ulong[(framework.Count + 63) >> 6];
        var walk = new ParentWalk(terms, steps, mastered); // where the walk stops is mastered
        var learn = walk.Learn;
        var remediation = new Dictionary<int, int>();
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var index = framework.IndexOf(step.Competency);
            switch (step.Kind)
            {
                case PlaylistStepKind.Project:
                    foreach (var alignment in step.Choices[0].Alignments)
                    {
                        MarkOutside(framework.IndexOf(alignment.Competency));
                    }

                    break;
                case PlaylistStepKind.Remediate:
                    var failed = framework.IndexOf(step.RemediationFor!.Value);
                    Rule(CompetencyFramework.IsSet(learn, failed) && !CompetencyFramework.IsSet(learn, index) && framework.PrerequisiteIndices(failed).Contains(index), i + 1,
                        $"remediates '{step.RemediationFor}' with '{step.Competency}'; a remediation step serves a learn step's competency with a prerequisite of it that has no learn step (a mastered one)");
                    Rule(remediation.TryAdd(failed, index), i + 1, $"remediates '{step.RemediationFor}' a second time");
                    break;
            }
        }

        // The parents without steps the walk meets: mastered as the document lists them, walked through otherwise.
        var listed = masteredParents is null ? null : new HashSet<int>();
        foreach (var parent in masteredParents ?? [])
        {
            if (!framework.TryGetIndex(parent, out var p) || !listed!.Add(p))
            {
                throw new ArgumentException($"The playlist lists '{parent}' among its mastered parents {(framework.Contains(parent) ? "twice" : $"but framework '{framework.Title}' lacks it")}.");
            }
        }

        var met = 0;
        while (walk.Next(out var parent))
        {
            if (listed?.Contains(parent) == true)
            {
                Mark(mastered, parent);
                met++;
            }
            else
            {
                walk.Through(parent);
            }
        }

        if (met != (listed?.Count ?? 0))
        {
            var stray = listed!.First(p => !CompetencyFramework.IsSet(walk.Met, p));
            throw new ArgumentException($"The playlist lists '{framework.Competencies[stray].Id}' among its mastered parents, but it is not a parent without an activity{(terms.Options.Kinds.IsEmpty ? string.Empty : " of the included kinds")} on the way to a goal (only such a parent, which has no step, is listed).");
        }

        Compare(mastered);

        // The builder's steps for a learner with these competencies mastered, compared step by step with the document's.
        void Compare(ulong[] given)
        {
            var expected = PlaylistBuilder.Rebuild(terms, given, remediation);
            var reached = new ulong[learn.Length];
            foreach (var step in expected)
            {
                if (step.Kind == PlaylistStepKind.Learn)
                {
                    Mark(reached, framework.IndexOf(step.Competency));
                }
            }

            for (var i = 0; i < steps.Length; i++)
            {
                Rule(steps[i].Kind != PlaylistStepKind.Learn || CompetencyFramework.IsSet(reached, framework.IndexOf(steps[i].Competency)), i + 1,
                    $"teaches '{steps[i].Competency}', which is neither an unmastered goal nor a prerequisite of another learn step (every learn step is on a goal's way through the learn steps; one on its way is missing)");
            }

            for (var i = 0; i < Math.Max(steps.Length, expected.Count); i++)
            {
                var n = i + 1;
                var actual = i < steps.Length ? steps[i] : null;
                var built = i < expected.Count ? expected[i] : null;
                Rule(actual is not null && built is not null && actual.Kind == built.Kind && actual.Competency == built.Competency
                    && (actual.Kind != PlaylistStepKind.Project || actual.Choices[0].Id == built.Choices[0].Id), n,
                    $"is {(actual is null ? "missing" : Describe(actual))}; the builder gives {Describe(built)} there (steps in order of their goals' earliest date, then the framework's sequence; "
                    + $"a remediation step right before the step it serves; a project after the last learn step it integrates, whenever it integrates two or more and nothing else unmastered)");
                Rule(SameActivities(actual!.Choices, built!.Choices), n,
                    $"offers [{Ids(actual.Choices)}]; the builder's choice board for '{built.Competency}' is [{Ids(built.Choices)}]");
                Rule(actual.Checkpoint?.Id == built.Checkpoint?.Id, n,
                    $"has checkpoint '{actual.Checkpoint?.Id}'; the builder's checkpoint for '{built.Competency}' is '{built.Checkpoint?.Id}'");
                Rule(actual.DependsOn.SequenceEqual(built.DependsOn), n,
                    $"depends on [{string.Join(", ", actual.DependsOn)}]; the builder gives [{string.Join(", ", built.DependsOn)}] "
                    + $"(a learn step's prerequisites that have learn steps, a project's competencies that do, in the framework's order)");
                Rule(actual.Goals.SequenceEqual(built.Goals), n,
                    $"leads to goals [{string.Join(", ", actual.Goals)}]; the goals whose way reaches it are [{string.Join(", ", built.Goals)}], in the playlist's order");
                Rule(actual.Reorderable == built.Reorderable, n,
                    $"is {(actual.Reorderable ? string.Empty : "not ")}reorderable; at agency {terms.Options.Agency} the builder makes it {(built.Reorderable ? string.Empty : "not ")}reorderable");
            }
        }

        void MarkOutside(int competency)
        {
            if (!CompetencyFramework.IsSet(learn, competency))
            {
                Mark(mastered, competency);
            }
        }

        static void Mark(ulong[] bits, int index) => bits[index >> 6] |= 1UL << index;

        static string Ids(ImmutableArray<LearningActivity> activities) => string.Join(", ", activities.Select(a => a.Id));

        static string Describe(PlaylistStep? step) => step is null ? "no step"
            : step.Kind == PlaylistStepKind.Project ? $"project step '{step.Choices[0].Id}' for '{step.Competency}'"
            : $"a {(step.Kind == PlaylistStepKind.Learn ? "learn" : "remediation")} step for '{step.Competency}'";
    }

    // The walk a playlist's writer and reader share (the builder's, GoalPaths, on the document's terms): from the goals and
    // the learn steps through prerequisites and children. A competency with a learn step is walked from as a step; one
    // without a step is where the walk stops (Stopped: mastered, for the reader), except a parent without an activity of
    // the included kinds, which has no step mastered or not: each is handed out once (Next), and walked through
    // (Through) when it was not mastered.
    private sealed class ParentWalk
    {
        private readonly PlaylistTerms _terms;
        private Stack<int>? _pending;

        public ParentWalk(PlaylistTerms terms, ReadOnlySpan<PlaylistStep> steps, ulong[] stopped)
        {
            _terms = terms;
            var framework = terms.Catalog.Framework;
            Learn = new ulong[stopped.Length];
            Stopped = stopped;
            Met = [];
            foreach (var step in steps)
            {
                if (step.Kind == PlaylistStepKind.Learn)
                {
                    Mark(Learn, framework.IndexOf(step.Competency));
                }
            }

            foreach (var goal in terms.Goals)
            {
                Reach(framework.IndexOf(goal.Competency));
            }

            foreach (var step in steps)
            {
                if (step.Kind == PlaylistStepKind.Learn)
                {
                    Through(framework.IndexOf(step.Competency));
                }
            }
        }

        /// <summary>The competencies with a learn step.</summary>
        public ulong[] Learn { get; }

        /// <summary>The competencies the walk reached and stopped at (no learn step, and not a parent without activities),
        /// marked in the bits given.</summary>
        public ulong[] Stopped { get; }

        /// <summary>The parents without activities handed out so far (empty until the first: none without a hierarchy).</summary>
        public ulong[] Met { get; private set; }

        /// <summary>The next parent without activities the walk has met, once each.</summary>
        public bool Next(out int parent)
        {
            parent = -1;
            return _pending is not null && _pending.TryPop(out parent);
        }

        /// <summary>Walks on from a competency: its prerequisites and its children.</summary>
        public void Through(int competency)
        {
            var framework = _terms.Catalog.Framework;
            foreach (var prerequisite in framework.PrerequisiteIndices(competency))
            {
                Reach(prerequisite);
            }

            foreach (var child in framework.ChildIndices(competency))
            {
                Reach(child);
            }
        }

        private void Reach(int competency)
        {
            if (CompetencyFramework.IsSet(Learn, competency))
            {
                return;
            }

            if (PlaylistBuilder.ReachedThroughChildren(_terms, competency))
            {
                if (Met.Length == 0 || !CompetencyFramework.IsSet(Met, competency))
                {
                    Mark(Met.Length == 0 ? Met = new ulong[Learn.Length] : Met, competency);
                    (_pending ??= new Stack<int>()).Push(competency);
                }

                return;
            }

            Mark(Stopped, competency);
        }

        private static void Mark(ulong[] bits, int index) => bits[index >> 6] |= 1UL << index;
    }

    // The per-step checks as loops: a playlist read checks every step, and the LINQ forms allocated per step.
    private static bool AllIn(List<CompetencyId>? ids, CompetencyFramework framework)
    {
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            if (!framework.Contains(ids![i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllIn(ImmutableArray<CompetencyId> ids, HashSet<CompetencyId> set)
    {
        foreach (var id in ids)
        {
            if (!set.Contains(id))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Distinct(ImmutableArray<LearningActivity> activities)
    {
        for (var i = 1; i < activities.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (activities[i].Id == activities[j].Id)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool AllAligned(ImmutableArray<LearningActivity> activities, CompetencyId competency)
    {
        foreach (var activity in activities)
        {
            if (!(activity.AlignmentWeight(competency) > 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool EarlierPrerequisites(PlaylistStep step, ImmutableArray<CompetencyId> prerequisites, HashSet<CompetencyId> earlier)
    {
        foreach (var d in step.DependsOn)
        {
            if (!prerequisites.Contains(d) || !earlier.Contains(d))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameActivities(ImmutableArray<LearningActivity> a, ImmutableArray<LearningActivity> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Id != b[i].Id)
            {
                return false;
            }
        }

        return true;
    }

    private static void Rule(bool holds, int step, string rule)
    {
        if (!holds)
        {
            throw new ArgumentException($"Step {step} of the playlist {rule}.");
        }
    }

    // The same, with a message formatted only when the rule is broken (RuleText).
    private static void Rule(bool holds, int step, [System.Runtime.CompilerServices.InterpolatedStringHandlerArgument(nameof(holds))] ref RuleText rule)
    {
        if (!holds)
        {
            Rule(holds, step, rule.ToStringAndClear());
        }
    }

    protected override PlaylistDocument ToDocument(Playlist value) => Document(value);

    protected override Playlist FromDocument(PlaylistDocument document)
        => throw new NotSupportedException("A playlist is read against its catalog: call PersonalizedLearningJson.DeserializePlaylist(json, catalog).");
}

internal sealed class LearningPlanJsonConverter : DocumentJsonConverter<LearningPlan, LearningPlanDocument>
{
    protected override string Noun => "learning plan";

    public static LearningPlan Build(LearningPlanDocument document, ActivityCatalog catalog)
    {
        VersionedDocument.Check(document, "learning plan");
        if (!Enum.IsDefined(document.Status))
        {
            throw new ArgumentException($"Undefined plan status ({(int)document.Status}).");
        }

        var pathway = PlaylistJsonConverter.Build(document.Pathway ?? throw new ArgumentException("A learning plan needs its pathway."), catalog);
        var history = document.History?.ToImmutableArray() ?? [];
        if (history.IsEmpty || history[0] is not { Kind: PlanChangeKind.Created } || history.Any(c => c is null || string.IsNullOrWhiteSpace(c.Summary) || !Enum.IsDefined(c.Kind)))
        {
            throw new ArgumentException("A learning plan's history starts with its creation and lists no null or blank change.");
        }

        for (var i = 1; i < history.Length; i++)
        {
            if (history[i].At < history[i - 1].At)
            {
                throw new ArgumentException($"A learning plan's history moves forward; change {i + 1} ({history[i].At:O}) is before change {i} ({history[i - 1].At:O}).");
            }
        }

        var milestones = document.Milestones?.ToImmutableArray() ?? [];
        foreach (var competency in milestones.SelectMany(m => m?.Competencies ?? throw new ArgumentException("A milestone of the learning plan is null.")))
        {
            if (!catalog.Framework.Contains(competency))
            {
                throw new ArgumentException($"A milestone names competency '{competency}', which is not in the catalog's framework.");
            }
        }

        // The planner's own rules (fresh review of issue 21: a plan Complete with only its creation, a milestone off the
        // goals' way or before the plan, milestones out of order, a deadline before the plan were read).
        if (LearningPlanner.LifecycleContradiction(history, document.Status) is { } why)
        {
            throw new ArgumentException($"A learning plan's {why}.");
        }

        var created = history[0].At;
        if (!LearningPlanner.CheckMilestones(catalog.Framework, pathway.Goals, milestones, created).SequenceEqual(milestones))
        {
            throw new ArgumentException("A learning plan's milestones are kept by date, then title.");
        }

        LearningPlanner.CheckDeadline(document.Deadline, created);
        return new LearningPlan(catalog, pathway, milestones, document.Deadline, document.Status, history);
    }

    protected override LearningPlanDocument ToDocument(LearningPlan value) => new(
        PersonalizedLearningJson.SchemaVersion,
        value.Status,
        PlaylistJsonConverter.Document(value.Pathway),
        [.. value.Milestones],
        value.Deadline,
        [.. value.History]);

    protected override LearningPlan FromDocument(LearningPlanDocument document)
        => throw new NotSupportedException("A learning plan is read against its catalog: call PersonalizedLearningJson.DeserializeLearningPlan(json, catalog).");
}

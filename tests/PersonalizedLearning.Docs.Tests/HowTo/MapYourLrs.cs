#region usings
using PersonalizedLearning;
using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
#endregion

namespace DocsHowTo;

/// <summary>The code of docs/articles/how-to/map-your-lrs.md, region by region.</summary>
public static class MapYourLrs
{
    /// <summary>The catalog the statements refer to: the README's fractions unit.</summary>
    public static ActivityCatalog Catalog()
    {
        #region catalog
        var framework = new CompetencyFrameworkBuilder("Fractions")
            .AddCompetency("F1", "Unit fractions", code: "3.NF.A.1")
            .AddCompetency("F2", "Fractions on a number line", code: "3.NF.A.2")
            .AddPrerequisite("F1", "F2")
            .Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("f1-check", "Checkpoint: unit fractions", ActivityKind.Assessment, 10, [new("F1")]))
            .Add(new LearningActivity("f2-practice", "Practice: number lines", ActivityKind.Practice, 15, [new("F2")]))
            .Build();
        #endregion
        return catalog;
    }

    /// <summary>The mapper: verbs and activity IRIs.</summary>
    public static XapiStatementMapper Mapper(ActivityCatalog catalog)
    {
        #region mapper
        // The LMS names activities by IRI; the catalog by short ids. Map the IRIs you know (an activity whose id is
        // its IRI needs no entry). The default verbs: answered, scored and completed (formative; the result must say how it
        // went), passed and mastered (summative, correct without a result), failed (summative, incorrect without one).
        var options = new XapiMappingOptions(activityIris: ImmutableDictionary<string, ActivityId>.Empty
            .Add("https://lms.example.org/activities/f1-check", "f1-check")
            .Add("https://lms.example.org/activities/f2-practice", "f2-practice"));
        // One more verb of your LMS: "attempted" counts as formative evidence, and must carry a result.
        options = options.WithVerb(XapiMappingOptions.AdlVerbs + "attempted", new XapiVerbRule(EvidenceKind.Formative, WithoutResult: null));
        var mapper = new XapiStatementMapper(catalog, options);   // immutable and thread-safe: one per catalog
        #endregion
        return mapper;
    }

    /// <summary>Maps one LRS response (a JSON array of statements, or a StatementResult's body).</summary>
    public static async Task<XapiMappingResult> MapAsync(XapiStatementMapper mapper, string path)
    {
        #region map
        // The body of GET /xAPI/statements: a StatementResult ({"statements": [...], "more": ...}) or a plain array.
        // The mapper reads the stream to its end, never past InteropLimits.Default (pass your own limits to change them).
        await using var response = File.OpenRead(path);
        var batch = await mapper.MapAsync(response);
        foreach (var rejection in batch.Rejected)
        {
            // Nothing is dropped silently: each statement that gave no evidence says which and why.
            Console.WriteLine($"statement {rejection.Index} ({rejection.StatementId}): {rejection.Reason}: {rejection.Message}");
        }
        #endregion
        return batch;
    }

    /// <summary>Folds the evidence into learner states and applies voiding.</summary>
    public static Dictionary<LearnerId, LearnerState> Record(PersonalizedLearningEngine engine, XapiMappingResult batch, HashSet<EvidenceId> voided, Dictionary<LearnerId, LearnerState> states)
    {
        #region record
        // A voiding statement names the statement it voids, not whose it was, and may arrive before it: keep the voided
        // ids (in your store, across batches) and keep their evidence out when it arrives.
        voided.UnionWith(batch.Voided);
        foreach (var mine in batch.Evidence.Where(e => !voided.Contains(e.Id)).GroupBy(e => e.Learner))
        {
            var state = states.TryGetValue(mine.Key, out var known) ? known : engine.CreateLearner(mine.Key);
            states[mine.Key] = engine.Record(state, mine);   // folded in time order, whatever order the LRS sent
        }

        // Evidence recorded in an earlier batch and voided in this one is retracted: as if it had never been recorded.
        foreach (var (learner, state) in states.ToList())
        {
            var theirs = batch.Voided.Where(state.HasApplied).ToList();
            if (theirs.Count > 0)
            {
                states[learner] = engine.Retract(state, theirs);
            }
        }
        #endregion
        return states;
    }
}

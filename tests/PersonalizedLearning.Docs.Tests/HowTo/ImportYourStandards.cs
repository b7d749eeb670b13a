#region usings
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
#endregion

namespace DocsHowTo;

/// <summary>The code of docs/articles/how-to/import-your-standards.md, region by region.</summary>
public static class ImportYourStandards
{
    /// <summary>Reads the package, all or nothing.</summary>
    public static async Task<CaseFramework> ReadAsync(string path)
    {
        #region read
        // A CASE 1.1 (or 1.0) CFPackage as your standards provider's CASE API serves it: GET /ims/case/v1p1/CFPackages/{id}.
        await using var stream = File.OpenRead(path);
        var result = await CasePackageReader.ReadAsync(stream, CaseImportMode.AllOrNothing);
        if (result.Framework is null)
        {
            // Nothing is thrown for bad content: every problem has a JSON path, the rule it breaks and a sentence.
            throw new InvalidDataException(string.Join(Environment.NewLine, result.Problems));
        }

        var imported = result.Framework;       // the CaseFramework: the framework and every CASE association
        var framework = imported.Framework;    // the CompetencyFramework the engine runs on
        #endregion
        _ = framework;
        return imported;
    }

    /// <summary>What came in: codes, prerequisites, the associations kept.</summary>
    public static (string Title, int Competencies, string[] Prerequisites, int Associations) Inspect(CaseFramework imported)
    {
        var framework = imported.Framework;
        #region inspect
        var code = (CompetencyId id) => framework.GetCompetency(id).Code;   // the item's humanCodingScheme
        // Each CFItem is a competency (its id is the item's identifier); isChildOf builds the hierarchy and
        // precedes ("A precedes B") makes A a prerequisite of B.
        var prerequisites = framework.Relations
            .Where(r => r.Kind == CompetencyRelationKind.PrerequisiteOf)
            .Select(r => $"{code(r.Source)} -> {code(r.Target)}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        // Every association is kept as it was (exactMatchOf, exemplar, isRelatedTo...), for export and for your own use.
        var associations = imported.Associations.Length;
        #endregion
        return (framework.Title ?? "", framework.Count, prerequisites, associations);
    }

    /// <summary>A broken package: what each mode does with it.</summary>
    public static (CaseImportResult AllOrNothing, CaseImportResult ImportValid) ReadBroken(string json)
    {
        #region modes
        // All or nothing: one problem and there is no framework. ImportValid: the problems are reported and the rest
        // comes in (an association to a dropped item is dropped with a problem of its own).
        var strict = CasePackageReader.Read(json, CaseImportMode.AllOrNothing);
        var lenient = CasePackageReader.Read(json, CaseImportMode.ImportValid);
        foreach (InteropProblem problem in lenient.Problems)
        {
            Console.WriteLine($"{problem.Path}: {problem.Rule}: {problem.Message}");
        }
        #endregion
        return (strict, lenient);
    }

    /// <summary>From the framework to the first recommendation.</summary>
    public static (MasteryLevel Level, bool ReadyBefore, bool ReadyAfter, string[] Next) UseIt(CaseFramework imported, DateTimeOffset now)
    {
        var framework = imported.Framework;
        #region use
        // Your activities, aligned to the imported standards (here one practice set per standard, named by its code;
        // the clusters above them get none and are mastered through their children).
        var catalogBuilder = new ActivityCatalogBuilder(framework);
        foreach (var competency in framework.Competencies.Where(c => framework.GetChildren(c.Id).IsEmpty))
        {
            catalogBuilder.Add(new LearningActivity($"practice:{competency.Code}", $"Practice {competency.Code}", ActivityKind.Practice, 15, [new(competency.Id)]));
        }

        var engine = new PersonalizedLearningEngine(catalogBuilder.Build(), RollupMasteryModel.DecayingAverage(0.65), MasteryPolicy.Default);
        var unitRates = framework.Competencies.Single(c => c.Code == "CCSS.Math.Content.6.RP.A.2").Id;
        var learner = engine.CreateLearner("ana");
        var readyBefore = engine.Assess(learner, now).GetFrontier().Contains(unitRates);   // false: 6.RP.A.1 precedes it

        learner = engine.Record(learner, [
            Evidence.ForActivity("e1", "ana", "practice:CCSS.Math.Content.6.RP.A.1", EvidenceOutcome.Correct, now.AddMinutes(-30)),
            Evidence.ForActivity("e2", "ana", "practice:CCSS.Math.Content.6.RP.A.1", EvidenceOutcome.Correct, now.AddMinutes(-10)),
        ]);

        var mastery = engine.Assess(learner, now);
        var ratioLanguage = framework.Competencies.Single(c => c.Code == "CCSS.Math.Content.6.RP.A.1").Id;
        var level = mastery.Get(ratioLanguage).Level;                   // Mastered: 1.0 twice, at least two pieces
        var readyAfter = mastery.GetFrontier().Contains(unitRates);     // true: its prerequisite is mastered
        var next = engine.RecommendNext(learner, count: 3, asOf: now).Steps.Select(s => s.Activity.Id.Value).ToArray();
        #endregion
        return (level, readyBefore, readyAfter, next);
    }
}

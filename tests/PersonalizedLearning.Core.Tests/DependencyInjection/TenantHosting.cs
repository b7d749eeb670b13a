using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Tests.DependencyInjection;

/// <summary>Two districts with different frameworks in one real generic host, over one shared in-memory store.</summary>
internal static class TenantHosting
{
    public const string A = "district-a";
    public const string B = "district-b";

    /// <summary>District A: the diamond (U; A → B, C → D → E), a lesson, practice and checkpoint for each.</summary>
    public static readonly ActivityCatalog DistrictA = TestData.CatalogFor(TestData.Diamond());

    /// <summary>District B: A → B → C and A → X, Z apart; its own "a-practice" over its own "A".</summary>
    public static readonly ActivityCatalog DistrictB = TestData.PlanCatalog;

    /// <summary>District A's catalog a term later: everything it had, and a new competency F (after E) with a project.</summary>
    public static readonly ActivityCatalog DistrictANext = Extended(DistrictA);

    public static HostApplicationBuilder Builder(InMemoryEvidenceStore store, Action<HostApplicationBuilder>? more = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestData.Start.AddDays(1)));
        builder.Services.AddSingleton<IEvidenceStore>(store);
        builder.Services.AddPersonalizedLearning(A, o => o.Catalog = DistrictA);
        builder.Services.AddPersonalizedLearning(B, o => o.Catalog = DistrictB);
        more?.Invoke(builder);
        return builder;
    }

    public static Evidence Correct(string id, string learner, string activity, int minutes = 0) =>
        Evidence.ForActivity(id, learner, activity, EvidenceOutcome.Correct, TestData.Start.AddMinutes(minutes));

    // A new competency F after E, with a project; every activity and competency of the catalog kept.
    // A new instance on every call (a reload of the same instance is a no-op).
    public static ActivityCatalog Extended(ActivityCatalog catalog)
    {
        var framework = new CompetencyFrameworkBuilder("Diamond, term 2")
            .AddCompetency("U", "Unit")
            .AddCompetency("A", "Alpha").AddCompetency("B", "Beta").AddCompetency("C", "Gamma")
            .AddCompetency("D", "Delta").AddCompetency("E", "Epsilon").AddCompetency("F", "Phi")
            .AddChild("U", "A").AddChild("U", "B").AddChild("U", "C").AddChild("U", "D").AddChild("U", "E").AddChild("U", "F")
            .AddPrerequisite("A", "B").AddPrerequisite("A", "C").AddPrerequisite("B", "D").AddPrerequisite("C", "D").AddPrerequisite("D", "E").AddPrerequisite("E", "F")
            .Build();
        var builder = new ActivityCatalogBuilder(framework);
        foreach (var activity in catalog.Activities)
        {
            builder.Add(activity);
        }

        return builder.Add(new LearningActivity("f-project", "Project Phi", ActivityKind.Project, 45, TestData.Align("F"))).Build();
    }
}

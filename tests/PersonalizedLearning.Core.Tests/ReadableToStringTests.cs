using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace PersonalizedLearning.Tests;

/// <summary>Public records that hold collections print them readably (issue 15, section 3), not as type names.</summary>
public class ReadableToStringTests
{
    [Fact]
    public void EveryPublicRecordWithACollection_HasItsOwnToString()
    {
        var records = typeof(PersonalizedLearningEngine).Assembly.GetExportedTypes()
            .Where(t => t.GetMethod("<Clone>$") is not null || t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null
                || (t.IsValueType && t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null))
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))
            .ToList();
        records.Should().HaveCountGreaterThan(10, "the guard must see the records it is about");

        var generated = records.Where(t => t.GetMethod(nameof(ToString), Type.EmptyTypes)!.GetCustomAttribute<CompilerGeneratedAttribute>() is not null).Select(t => t.FullName);
        generated.Should().BeEmpty("a compiler-made ToString prints a collection as its type name");
    }

    [Fact]
    public void EveryPublicRecordWithANumberOrAMoment_PrintsTheSameInEveryCulture()
    {
        // A compiler-made ToString formats doubles and dates in the current culture ("0,85" in French, dates in local
        // order), so a log line or a message reads differently on each server; every such record prints invariantly.
        static bool CultureSensitive(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            return t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(DateTime);
        }

        var records = PublicRecords().Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => CultureSensitive(p.PropertyType))).ToList();
        records.Should().HaveCountGreaterThan(10, "the guard must see the records it is about");

        var generated = records.Where(t => t.GetMethod(nameof(ToString), Type.EmptyTypes)!.GetCustomAttribute<CompilerGeneratedAttribute>() is not null).Select(t => t.FullName);
        generated.Should().BeEmpty("a compiler-made ToString prints numbers and dates in the current culture");
    }

    [Fact]
    public void AnAssessment_PrintsInvariantly_UnderACommaCulture()
    {
        var assessment = new PersonalizedLearning.Mastery.MasteryAssessment("A", PersonalizedLearning.Mastery.MasteryLevel.Proficient, PersonalizedLearning.Mastery.MasteryReason.ReachedProficient, 2, 2, "weighted average", 0.8375, 0.7);
        var invariant = assessment.ToString();
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // A culture with a decimal comma, built from the invariant one so the test runs in globalization-invariant mode too.
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            System.Globalization.CultureInfo.CurrentCulture = comma;
            (0.5).ToString(System.Globalization.CultureInfo.CurrentCulture).Should().Be("0,5", "the test needs a culture that formats otherwise");
            assessment.ToString().Should().Be(invariant).And.Contain("Estimate = 0.8375").And.Contain("Threshold = 0.7");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void EveryPublicDataClass_PrintsWhatItHolds_NotItsTypeName()
    {
        // From the fresh review: MasterySnapshot, ActivityCatalog and the engine printed their type name, and a request
        // printed "Catalog = PersonalizedLearning.Activities.ActivityCatalog". Every public class or struct that holds data
        // (not an exception, a fluent builder with Build(), a static class or a JSON converter) has its own ToString.
        var types = typeof(PersonalizedLearningEngine).Assembly.GetExportedTypes()
            .Where(t => (t.IsClass || (t.IsValueType && !t.IsEnum)) && !(t.IsAbstract && t.IsSealed) && !t.IsSubclassOf(typeof(Exception)) && !t.IsSubclassOf(typeof(Delegate)))
            .Where(t => t.GetMethod("Build", Type.EmptyTypes) is null && !t.Name.EndsWith("Converter", StringComparison.Ordinal))
            .ToList();
        types.Should().HaveCountGreaterThan(50, "the guard must see the types it is about");

        var bare = types.Where(t => t.GetMethod(nameof(ToString), Type.EmptyTypes)!.DeclaringType is { } d && (d == typeof(object) || d == typeof(ValueType))).Select(t => t.FullName);
        bare.Should().BeEmpty("a type that prints its own name tells a log reader nothing");
    }

    [Fact]
    public void EveryPublicType_PrintsReadably_IncludingItsDefault()
    {
        // Issue 21, section 2: ToString works on every public type, defaults included. Every struct's default and every
        // instance the reflection helper can build (constructors and factories fed with small samples) must print
        // something that is neither empty nor the type's name, without throwing.
        // Results have internal constructors (only the library makes them), so the ones that matter most are made here
        // the way a caller gets them.
        var framework = TestData.Diamond();
        var catalog = TestData.CatalogFor(framework);
        var engine = new PersonalizedLearningEngine(catalog, PersonalizedLearning.Mastery.RollupMasteryModel.Latest());
        var ana = engine.Record(engine.CreateLearner("ana"), PersonalizedLearning.Observations.Evidence.ForCompetency("e1", "ana", "A", PersonalizedLearning.Observations.EvidenceOutcome.Correct, TestData.Start));
        var mastery = engine.Assess(ana, TestData.Start);
        var next = engine.RecommendNext(ana, 3, asOf: TestData.Start);
        var playlist = PersonalizedLearning.Sequencing.PlaylistBuilder.Default.Build(engine.CreatePlaylistRequest(ana, [new PersonalizedLearning.Learners.LearningGoal("E", TestData.Start.AddDays(30))], asOf: TestData.Start));
        var overview = PersonalizedLearning.Insights.ClassOverview.Create([mastery]);
        var groups = PersonalizedLearning.Insights.SmallGroups.FormByFrontier([mastery], 4, 1);
        object[] made = [framework, catalog, engine, ana, mastery, next, next.Steps[0], next.Steps[0].GetReasons()[0], playlist, playlist.Steps[0],
            playlist.Sessions[0], playlist.Sessions[0].Items[0], overview, overview.Rows[0], PersonalizedLearning.Insights.ClassOverview.Empty(framework), groups,
            mastery.Get("A")];
        var samples = new PublicTypeSamples(made);
        ReadableToString.Check(typeof(PersonalizedLearningEngine).Assembly, samples, minimumTypes: 180, minimumInstances: 160);
    }

    [Fact]
    public void EveryPublicStruct_ItsDefaultsProperties_WorkOrRefuseWithADocumentedInvalidOperationException()
    {
        // Issue 21, section 2: default(SessionItem).Activity was a null behind a non-null type. Every property of every
        // public struct's default is read; the ones that refuse it are pinned here, so that a new one is a decision.
        var refusing = ReadableToString.CheckDefaultProperties(typeof(PersonalizedLearningEngine).Assembly, minimumStructs: 40);
        refusing.Should().BeEquivalentTo(["NextStep.Activity", "SessionItem.Activity"]);
    }

    [Fact]
    public void TheDefaultSessionItem_IsEmpty_AndRefusesItsActivity()
    {
        var none = default(PersonalizedLearning.Sequencing.SessionItem);
        none.IsEmpty.Should().BeTrue();
        FluentActions.Invoking(() => none.Activity).Should().ThrowExactly<InvalidOperationException>().WithMessage("*default value, not an item of a playlist*");
        none.ToString().Should().Be("SessionItem { (none: the default value) }");
    }

    [Fact]
    public void DefaultStructsWithText_GiveEmptyText_NotANullBehindANonNullType()
    {
        // Found by the guard above once it read every default property: both documented their text as null.
        default(PersonalizedLearning.Mastery.LevelTransition).Reason.Should().BeEmpty();
        default(PersonalizedLearning.Scheduling.UnservedNeed).Explanation.Should().BeEmpty();
        new PersonalizedLearning.Mastery.LevelTransition(PersonalizedLearning.Mastery.MasteryLevel.Attempted, PersonalizedLearning.Mastery.MasteryLevel.Familiar, "up").Reason.Should().Be("up");
    }

    private static IEnumerable<Type> PublicRecords() => typeof(PersonalizedLearningEngine).Assembly.GetExportedTypes()
        .Where(t => t.GetMethod("<Clone>$") is not null || t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null
            || (t.IsValueType && t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null));

    [Fact]
    public void ARecordWithCollections_PrintsItsItems()
    {
        var profile = new PersonalizedLearning.Learners.LearnerProfile("ana", [new PersonalizedLearning.Learners.LearningGoal("E", TestData.Start)], ["sports", "music"]);
        var text = profile.ToString();
        text.Should().StartWith("LearnerProfile { Learner = ana, Goals = [LearningGoal { Competency = E, TargetDate = 2026-09-07T09:00:00.0000000+00:00 }], Interests = [sports, music]");
        text.Should().NotContain("System.Collections");

        var many = new PersonalizedLearning.Learners.LearnerProfile("bo", [], [.. Enumerable.Range(0, 8).Select(i => $"t{i}")]);
        many.ToString().Should().Contain("Interests = [t0, t1, t2, t3, t4, … 8 in all]");
    }
}

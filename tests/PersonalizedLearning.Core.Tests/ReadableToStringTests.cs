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

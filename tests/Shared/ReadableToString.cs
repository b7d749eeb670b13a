using System.Reflection;
using FluentAssertions;

namespace PersonalizedLearning.Tests;

/// <summary>The guard each package's tests run over its assembly: every public type prints readably, defaults included.</summary>
internal static class ReadableToString
{
    // An identifier's ToString is its text, so that it reads as itself in messages and keys; the default identifier
    // ("no competency", "no learner") is documented to have the empty text, and prints it. The one exemption.
    private static bool IsIdentifier(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().Name.StartsWith("IIdentifier", StringComparison.Ordinal));

    /// <summary>Prints every instance <paramref name="samples"/> can make of every public type of <paramref name="assembly"/>
    /// and fails, listing them all, on a ToString that throws, returns null or empty, or returns the type's name.</summary>
    /// <param name="minimumTypes">A floor on the public types seen, so that the guard cannot pass by seeing nothing.</param>
    /// <param name="minimumInstances">A floor on the instances printed.</param>
    public static void Check(Assembly assembly, PublicTypeSamples samples, int minimumTypes, int minimumInstances)
    {
        var types = PublicTypeSamples.Candidates(assembly);
        var problems = new List<string>();
        var printed = 0;
        var unmade = new List<string>();
        foreach (var type in types)
        {
            var instances = samples.InstancesOf(type);
            if (instances.Count == 0)
            {
                unmade.Add(type.FullName!);
            }

            foreach (var instance in instances)
            {
                var which = type.IsValueType && instance.Equals(Activator.CreateInstance(type)) ? $"default({type.Name})" : type.Name;
                try
                {
                    var text = instance.ToString();
                    printed++;
                    if (string.IsNullOrWhiteSpace(text) && !(IsIdentifier(type) && instance.Equals(Activator.CreateInstance(type)) && text == string.Empty))
                    {
                        problems.Add($"{which}: empty");
                    }
                    else if (text == type.FullName || text == type.Name || text == type.ToString())
                    {
                        problems.Add($"{which}: prints its type name");
                    }
                }
#pragma warning disable CA1031 // The guard reports every failure, whatever its type.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    problems.Add($"{which}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        types.Count.Should().BeGreaterThanOrEqualTo(minimumTypes, "the guard must see the types it is about");
        printed.Should().BeGreaterThanOrEqualTo(minimumInstances, $"the guard must print instances (not made: {string.Join(", ", unmade)})");
        problems.Should().BeEmpty("every public type prints what it holds, and its default says it is one");
    }
}

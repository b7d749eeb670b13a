using System.Reflection;
using System.Xml.Linq;
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

    /// <summary>Reads every public instance property of the default value of every public struct of
    /// <paramref name="assembly"/> and fails, listing them all, on one that throws anything but
    /// <see cref="InvalidOperationException"/>, or throws it without saying so in its XML docs (issue 21, section 2: a
    /// default struct either means something documented or cannot be observed).</summary>
    /// <param name="minimumStructs">A floor on the structs read, so that the guard cannot pass by seeing nothing.</param>
    /// <returns>The properties that refuse the default, as <c>Type.Property</c>, for the caller to pin.</returns>
    public static IReadOnlyList<string> CheckDefaultProperties(Assembly assembly, int minimumStructs)
    {
        var docs = XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml"));
        var documented = docs.Descendants("member")
            .Where(m => m.Elements("exception").Any(e => (string?)e.Attribute("cref") == "T:System.InvalidOperationException"))
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);
        var structs = PublicTypeSamples.Candidates(assembly).Where(t => t.IsValueType).ToList();
        var nullability = new NullabilityInfoContext();
        var problems = new List<string>();
        var refusing = new List<string>();
        foreach (var type in structs)
        {
            var value = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true }))
            {
                var which = $"{type.Name}.{property.Name}";
                try
                {
                    var got = property.GetValue(value);
                    if (got is null && !property.PropertyType.IsValueType && nullability.Create(property).ReadState == NullabilityState.NotNull)
                    {
                        problems.Add($"default({type.Name}).{property.Name} is null behind a non-null type");
                    }

                    // A default ImmutableArray "works" until the caller enumerates it (NullReferenceException): not a value.
                    if (got is not null && got.GetType() is { IsGenericType: true } g && g.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>)
                        && (bool)g.GetProperty("IsDefault")!.GetValue(got)!)
                    {
                        problems.Add($"default({type.Name}).{property.Name} is a default ImmutableArray, which throws when enumerated");
                    }
                }
                catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException)
                {
                    refusing.Add(which);
                    if (!documented.Contains($"P:{type.FullName}.{property.Name}"))
                    {
                        problems.Add($"default({type.Name}).{property.Name} throws InvalidOperationException, but its docs do not say so");
                    }
                }
                catch (TargetInvocationException e)
                {
                    problems.Add($"default({type.Name}).{property.Name}: {e.InnerException!.GetType().Name}: {e.InnerException.Message}");
                }
            }
        }

        structs.Count.Should().BeGreaterThanOrEqualTo(minimumStructs, "the guard must see the structs it is about");
        problems.Should().BeEmpty("a default struct's property either works or throws InvalidOperationException, documented");
        return refusing;
    }
}

using System.Collections;
using System.Collections.Immutable;
using System.Reflection;

namespace PersonalizedLearning.Tests;

/// <summary>
/// Builds instances of the public types of a package assembly by reflection, for guards that must hold for every public
/// type (issue 21, section 2: <c>ToString</c> works on every public type, including defaults). For a struct it yields
/// <c>default</c> and, when it can, a constructed value; for a class it tries every public constructor and public static
/// factory with arguments it makes the same way (a known sample, a small number, a short string, an empty collection), and
/// keeps the ones that do not throw. Each test project passes the samples it can build itself (a framework, a catalog).
/// </summary>
internal sealed class PublicTypeSamples
{
    private readonly Dictionary<Type, object?> _known;
    private readonly Dictionary<Type, List<object>> _made = [];
    private readonly HashSet<Type> _inProgress = [];

    /// <summary>Starts with the samples a test project can build itself, by their exact type.</summary>
    public PublicTypeSamples(IEnumerable<object> known)
    {
        _known = known.GroupBy(k => k.GetType()).ToDictionary(g => g.Key, g => (object?)g.First());
    }

    /// <summary>The public types a guard is about: classes and structs that are not static, abstract, exceptions,
    /// delegates, attributes or open generics.</summary>
    public static IReadOnlyList<Type> Candidates(Assembly assembly) => assembly.GetExportedTypes()
        .Where(t => (t.IsClass || (t.IsValueType && !t.IsEnum)) && !t.IsAbstract && !t.ContainsGenericParameters
            && !t.IsSubclassOf(typeof(Delegate)) && !t.IsSubclassOf(typeof(Attribute)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>The instances it could make of <paramref name="type"/>: <c>default</c> for a struct first, then constructed ones.</summary>
    public IReadOnlyList<object> InstancesOf(Type type)
    {
        var found = new List<object>();
        if (type.IsValueType)
        {
            found.Add(Activator.CreateInstance(type)!);
        }

        if (Make(type, depth: 0) is { } made && !(type.IsValueType && made.Equals(found[0])))
        {
            found.Add(made);
        }

        return found;
    }

    private object? Make(Type type, int depth)
    {
        if (_known.TryGetValue(type, out var known))
        {
            return known;
        }

        if (_made.TryGetValue(type, out var cached))
        {
            return cached[0];
        }

        var simple = Simple(type, depth);
        if (simple is not null || depth > 4 || !_inProgress.Add(type))
        {
            return simple;
        }

        if (type.IsSubclassOf(typeof(Delegate)) || type.Namespace is null || !type.Namespace.StartsWith("PersonalizedLearning", StringComparison.Ordinal))
        {
            // Only the packages' own types are built by their constructors: a framework type (a delegate from a null
            // function pointer, a stream, a timer) is not the guard's business and can bring the process down.
            _inProgress.Remove(type);
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        try
        {
            foreach (var create in Creators(type))
            {
                if (TryCreate(create, depth) is { } value)
                {
                    _made[type] = [value];
                    return value;
                }
            }

            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }
        finally
        {
            _inProgress.Remove(type);
        }
    }

    private static IEnumerable<MethodBase> Creators(Type type)
    {
        // Constructors with the fewest parameters first, then static factories returning the type (Create, Parse, From…).
        var constructors = type.GetConstructors().OrderBy(c => c.GetParameters().Length).Cast<MethodBase>();
        var factories = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == type && !m.IsSpecialName && !m.ContainsGenericParameters && !m.Name.StartsWith("Try", StringComparison.Ordinal))
            .OrderBy(m => m.GetParameters().Length);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type).Select(p => p.GetMethod!);
        return properties.Concat(constructors).Concat(factories);
    }

    private object? TryCreate(MethodBase create, int depth)
    {
        var parameters = create.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i].ParameterType;
            if (p.IsByRef || p.IsPointer || p.IsByRefLike)
            {
                return null;
            }

            arguments[i] = parameters[i].HasDefaultValue && parameters[i].DefaultValue is not null && !p.IsValueType ? parameters[i].DefaultValue
                : Make(p, depth + 1);
            if (arguments[i] is null && (p.IsValueType && Nullable.GetUnderlyingType(p) is null))
            {
                return null;
            }

            if (arguments[i] is null && parameters[i].GetCustomAttributesData().Count == 0 && !IsNullable(parameters[i]))
            {
                return null;
            }
        }

        try
        {
            return create is ConstructorInfo c ? c.Invoke(arguments) : create.Invoke(null, arguments);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsNullable(ParameterInfo parameter) =>
        new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;

    private object? Simple(Type type, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Make(underlying, depth);
        }

        if (type == typeof(string))
        {
            return "a";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(double))
        {
            return 0.5;
        }

        if (type == typeof(float))
        {
            return 0.5f;
        }

        if (type == typeof(decimal))
        {
            return 0.5m;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
        }

        if (type == typeof(DateOnly))
        {
            return new DateOnly(2026, 9, 7);
        }

        if (type == typeof(TimeOnly))
        {
            return new TimeOnly(9, 0);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromMinutes(30);
        }

        if (type == typeof(Uri))
        {
            return new Uri("https://example.org/a");
        }

        if (type == typeof(Guid))
        {
            return new Guid("00000000-0000-0000-0000-000000000001");
        }

        if (type == typeof(TimeProvider))
        {
            return TimeProvider.System;
        }

        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.Length > 1 ? values.GetValue(1) : values.Length == 1 ? values.GetValue(0) : Activator.CreateInstance(type);
        }

        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(ImmutableArray<>))
            {
                return type.GetField("Empty")!.GetValue(null);
            }

            if (definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>)
                || definition == typeof(IList<>) || definition == typeof(ICollection<>))
            {
                return Array.CreateInstance(arguments[0], 0);
            }

            if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(ImmutableDictionary<,>))
            {
                return typeof(ImmutableDictionary).GetMethod(nameof(ImmutableDictionary.Create), 2, Type.EmptyTypes)!.MakeGenericMethod(arguments).Invoke(null, null);
            }

            if (definition == typeof(IReadOnlySet<>) || definition == typeof(ImmutableHashSet<>) || definition == typeof(ISet<>))
            {
                return typeof(ImmutableHashSet).GetMethod(nameof(ImmutableHashSet.Create), 1, Type.EmptyTypes)!.MakeGenericMethod(arguments).Invoke(null, null);
            }

            if (definition == typeof(List<>) || definition == typeof(Dictionary<,>) || definition == typeof(HashSet<>))
            {
                return Activator.CreateInstance(type);
            }

            if (definition == typeof(Func<>) || definition == typeof(Func<,>) || definition == typeof(Action<>))
            {
                return null;
            }
        }

        if (type == typeof(IEnumerable))
        {
            return Array.Empty<object>();
        }

        return null;
    }
}

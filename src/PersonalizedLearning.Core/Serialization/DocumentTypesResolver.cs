using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PersonalizedLearning.Serialization;

/// <summary>
/// The source-generated context, limited to the types <see cref="PersonalizedLearningJson"/> serializes: those its
/// context lists (<see cref="JsonSerializableAttribute"/>) and what they hold, member by member, down to the types with
/// a converter of their own (a document converter reads its own document shape). The generator also makes metadata
/// for types that are only ever parts of a document written through a converter (a BKT model's parameters, a learner
/// state's competency states, a playlist's steps); read on their own, without their document's validation, they would
/// come back as defaults or unchecked, so this resolver does not know them and the serializer refuses them with
/// <see cref="NotSupportedException"/>.
/// </summary>
internal sealed class DocumentTypesResolver : IJsonTypeInfoResolver
{
    private readonly JsonSerializerContext _context;
    private readonly FrozenSet<Type> _known;

    public DocumentTypesResolver(JsonSerializerContext context)
    {
        _context = context;
        _known = Reachable(context);
    }

    /// <summary>The types this resolver knows.</summary>
    public IReadOnlySet<Type> Known => _known;

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        _known.Contains(type) ? ((IJsonTypeInfoResolver)_context).GetTypeInfo(type, options) : null;

    private static FrozenSet<Type> Reachable(JsonSerializerContext context)
    {
        var roots = context.GetType().GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!);
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                pending.Push(underlying);
            }

            var info = ((IJsonTypeInfoResolver)context).GetTypeInfo(type, context.Options);
            if (info is null || info.Converter.GetType().Assembly == typeof(DocumentTypesResolver).Assembly)
            {
                continue; // the library's own converter: what it writes is its document, listed as a root
            }

            foreach (var property in info.Properties)
            {
                pending.Push(property.PropertyType);
            }

            if (info.ElementType is { } element)
            {
                pending.Push(element);
            }

            if (info.KeyType is { } key)
            {
                pending.Push(key);
            }
        }

        return seen.ToFrozenSet();
    }
}

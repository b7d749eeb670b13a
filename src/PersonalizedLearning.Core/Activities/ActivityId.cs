using System.Text.Json.Serialization;

namespace PersonalizedLearning.Activities;

/// <summary>
/// Identifies a learning activity within a catalog. Compared ordinally (case-sensitive); serialized as a plain JSON string.
/// </summary>
// The members every identifier shares are written by eng/IdentifierGenerator; see GeneratedIdentifierAttribute. The
// converter is named here because System.Text.Json's source generator does not see generated attributes.
[GeneratedIdentifier("activity id", "no activity")]
[JsonConverter(typeof(IdentifierJsonConverter<ActivityId>))]
public readonly partial struct ActivityId;

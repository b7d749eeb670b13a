using System.Text.Json.Serialization;

namespace PersonalizedLearning.Scheduling;

/// <summary>
/// Identifies a teacher (or any adult who leads sessions); the host owns what it means (a staff id, an email). Compared ordinally (case-sensitive); serialized as a plain JSON string.
/// </summary>
// The members every identifier shares are written by eng/IdentifierGenerator; see GeneratedIdentifierAttribute. The
// converter is named here because System.Text.Json's source generator does not see generated attributes.
[GeneratedIdentifier("teacher id", "no teacher")]
[JsonConverter(typeof(IdentifierJsonConverter<TeacherId>))]
public readonly partial struct TeacherId;

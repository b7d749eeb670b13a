using System.Text.Json.Serialization;

namespace PersonalizedLearning.Scheduling;

/// <summary>
/// Identifies a room or a station (a mentoring corner, a table group, a commons); the host owns what it means. Compared ordinally (case-sensitive); serialized as a plain JSON string.
/// </summary>
// The members every identifier shares are written by eng/IdentifierGenerator; see GeneratedIdentifierAttribute. The
// converter is named here because System.Text.Json's source generator does not see generated attributes.
[GeneratedIdentifier("room id", "no room")]
[JsonConverter(typeof(IdentifierJsonConverter<RoomId>))]
public readonly partial struct RoomId;

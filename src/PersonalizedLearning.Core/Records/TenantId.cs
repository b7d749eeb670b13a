using System.Text.Json.Serialization;

namespace PersonalizedLearning.Records;

/// <summary>
/// Identifies a tenant of a shared store: a district, a school, a customer; every stored record is keyed by one, and a
/// read for one tenant never sees another's. The host owns what it means. Compared ordinally (case-sensitive); serialized
/// as a plain JSON string.
/// </summary>
// The members every identifier shares are written by eng/IdentifierGenerator; see GeneratedIdentifierAttribute. The
// converter is named here because System.Text.Json's source generator does not see generated attributes.
[GeneratedIdentifier("tenant id", "no tenant")]
[JsonConverter(typeof(IdentifierJsonConverter<TenantId>))]
public readonly partial struct TenantId;

using System.Text.Json.Serialization;

namespace PersonalizedLearning.Observations;

/// <summary>
/// Identifies one piece of evidence, so that recording it twice changes nothing. Compared ordinally (case-sensitive); serialized as a plain JSON string.
/// </summary>
// The members every identifier shares are written by eng/IdentifierGenerator; see GeneratedIdentifierAttribute. The
// converter is named here because System.Text.Json's source generator does not see generated attributes.
[GeneratedIdentifier("evidence id", "no evidence")]
[JsonConverter(typeof(IdentifierJsonConverter<EvidenceId>))]
public readonly partial struct EvidenceId;

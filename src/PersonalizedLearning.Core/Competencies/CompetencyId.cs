using System.Text.Json.Serialization;

namespace PersonalizedLearning.Competencies;

/// <summary>
/// Identifies a competency within a framework. Compared ordinally (case-sensitive); serialized as a plain JSON string.
/// </summary>
// The members every identifier shares are written by eng/IdentifierGenerator; see GeneratedIdentifierAttribute. The
// converter is named here because System.Text.Json's source generator does not see generated attributes.
[GeneratedIdentifier("competency id", "no competency")]
[JsonConverter(typeof(IdentifierJsonConverter<CompetencyId>))]
public readonly partial struct CompetencyId;

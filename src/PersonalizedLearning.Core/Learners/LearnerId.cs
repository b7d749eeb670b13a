using System.Text.Json.Serialization;

namespace PersonalizedLearning.Learners;

/// <summary>
/// Identifies a learner; the host owns what it means (a user id, a pseudonym). Compared ordinally (case-sensitive); serialized as a plain JSON string.
/// </summary>
// The members every identifier shares are written by eng/IdentifierGenerator; see GeneratedIdentifierAttribute. The
// converter is named here because System.Text.Json's source generator does not see generated attributes.
[GeneratedIdentifier("learner id", "no learner")]
[JsonConverter(typeof(IdentifierJsonConverter<LearnerId>))]
public readonly partial struct LearnerId;

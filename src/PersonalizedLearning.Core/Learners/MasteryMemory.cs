namespace PersonalizedLearning.Learners;

/// <summary>
/// Four numbers a mastery model keeps per competency between pieces of evidence. What each slot holds belongs to the
/// model that wrote it (<see cref="LearnerState.Model"/> records that model); the table in the remarks names what the
/// library's models keep in each.
/// </summary>
/// <param name="Slot0">Slot 0: for the library's models, the score, running sum, P(known) or rating (see the remarks).</param>
/// <param name="Slot1">Slot 1: for the library's models, a weight or sum of weights, P(unknown) or the number of answers.</param>
/// <param name="Slot2">Slot 2: for the library's models, an older sum, a sum of weights or P's binary scale.</param>
/// <param name="Slot3">Slot 3: for the library's models, an older sum of weights or BKT's previous activity.</param>
/// <remarks>
/// <para>What the library's models keep in each slot (w is an observation's weight, s its score; a dash is a slot
/// left 0):</para>
/// <list type="table">
/// <listheader><term>model</term><description>slot 0 · slot 1 · slot 2 · slot 3</description></listheader>
/// <item><term><see cref="Mastery.RollupMethod.Latest"/></term><description>latest score · – · – · –</description></item>
/// <item><term><see cref="Mastery.RollupMethod.Highest"/></term><description>highest score · – · – · –</description></item>
/// <item><term><see cref="Mastery.RollupMethod.Average"/></term><description>Σ w·s · Σ w · – · –</description></item>
/// <item><term><see cref="Mastery.RollupMethod.WeightedAverage"/></term><description>latest score · its weight ·
/// Σ w·s over the older scores · Σ w over them</description></item>
/// <item><term><see cref="Mastery.RollupMethod.DecayingAverage"/></term><description>the decayed average D · – · – · –</description></item>
/// <item><term><see cref="Mastery.RollupMethod.NumberOfTimes"/></term><description>how many scores reached the threshold ·
/// Σ w·s over them · Σ w over them · –</description></item>
/// <item><term><see cref="Mastery.KnowledgeTracing.BktModel"/></term><description>P(known) · P(unknown) · the binary scale
/// of the one below 2^-1000 (negative: P(known)'s, positive: minus P(unknown)'s, 0: neither) · the previous answer's
/// activity as its position in the competency's activity index plus 1 (0: none)</description></item>
/// <item><term><see cref="Mastery.Elo.EloModel"/></term><description>the learner's rating (logit scale) · the number of
/// answers rated · – · –</description></item>
/// </list>
/// <para>FSRS review scheduling keeps its own per-competency card (<see cref="Mastery.Retention.FsrsCard"/>), not a slot
/// here. A host's own <see cref="Mastery.IMasteryModel"/> may use the slots as it likes; the engine only checks that they
/// are finite.</para>
/// <para>A fixed-size value, so folding evidence into a competency allocates nothing. The default value has all
/// four slots 0, which every model reads as "nothing seen yet". Immutable and thread-safe.</para>
/// </remarks>
public readonly record struct MasteryMemory([property: System.Text.Json.Serialization.JsonRequired] double Slot0, double Slot1 = 0, double Slot2 = 0, double Slot3 = 0)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>MasteryMemory { Slot0 = 0.5, Slot1 = 0.5, Slot2 = 0, Slot3 = 0 }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}

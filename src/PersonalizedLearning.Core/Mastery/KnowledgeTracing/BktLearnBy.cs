namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>What a learn (and forget) rate belongs to in a BKT fit.</summary>
/// <remarks>The default value is <see cref="Competency"/>, standard BKT.</remarks>
public enum BktLearnBy
{
    /// <summary>One learn rate per competency: standard BKT.</summary>
    Competency = 0,

    /// <summary>A learn rate per activity (pyBKT's <c>multilearn</c>, its per-resource learn): the chance to learn the
    /// competency from doing that activity, applied on the move from an answer in it to the next answer. Answers without
    /// an activity use the competency's rate. This is how a school finds out which activities teach best: see
    /// <see cref="BktActivityEfficacy"/>.</summary>
    Activity = 1,

    /// <summary>A learn rate per pair of consecutive activities (pyBKT's <c>multipair</c>, the item-order effect): the
    /// move from an answer in activity B that followed one in activity A uses the rate of (A, B); the move from a
    /// learner's first answer uses the competency's rate.</summary>
    ActivityPair = 2,
}

using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// Folds evidence into a learner state: resolves which competencies it counts toward, asks the model for
/// each step, checks the step, and returns the new state. Checks everything before changing anything.
/// </summary>
internal static class EvidenceFolding
{
    public static void RequireModel(LearnerState state, IMasteryModel model)
    {
        if (!string.Equals(state.Model, model.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Learner '{state.Learner}' was folded by mastery model '{state.Model}', but this engine uses '{model.Name}'; rebuild the state from the evidence log with this model.",
                nameof(state));
        }
    }

    /// <summary>Throws if <paramref name="evidence"/> cannot be folded into <paramref name="state"/>.</summary>
    public static void Validate(LearnerState state, Evidence evidence, ActivityCatalog catalog)
    {
        if (evidence.Learner != state.Learner)
        {
            throw new ArgumentException($"Evidence '{evidence.Id}' is about learner '{evidence.Learner}', not '{state.Learner}'.", nameof(evidence));
        }

        if (evidence.Competency is { } competency && !catalog.Framework.Contains(competency))
        {
            throw new ArgumentException($"Evidence '{evidence.Id}' names competency '{competency}', which is not in the framework.", nameof(evidence));
        }

        if (evidence.Activity is { } activity && !catalog.Contains(activity))
        {
            throw new ArgumentException($"Evidence '{evidence.Id}' names activity '{activity}', which is not in the catalog.", nameof(evidence));
        }
    }

    public static LearnerState Fold(LearnerState state, Evidence evidence, ActivityCatalog catalog, IMasteryModel model)
    {
        Validate(state, evidence, catalog);
        if (state.HasApplied(evidence.Id))
        {
            return state;
        }

        if (evidence.Competency is { } competency)
        {
            Span<KeyValuePair<CompetencyId, CompetencyState>> one = [Step(state, competency, evidence, evidence.Weight, model)];
            return state.With(evidence.Id, one);
        }

        var alignments = catalog.GetActivity(evidence.Activity!.Value).Alignments;
        var updates = new KeyValuePair<CompetencyId, CompetencyState>[alignments.Length];
        for (var i = 0; i < alignments.Length; i++)
        {
            updates[i] = Step(state, alignments[i].Competency, evidence, evidence.Weight * alignments[i].Weight, model);
        }

        return state.With(evidence.Id, updates);
    }

    private static KeyValuePair<CompetencyId, CompetencyState> Step(LearnerState state, CompetencyId competency, Evidence evidence, double weight, IMasteryModel model)
        => new(competency, Apply(model, state.Get(competency), new MasteryObservation(competency, evidence.Activity, evidence.Outcome, weight, evidence.Kind, evidence.Timestamp)));

    /// <summary>One observation folded into one competency's state: the model's step, checked, with the count and
    /// timestamps kept. The engine and evaluation replays both fold through here.</summary>
    public static CompetencyState Apply(IMasteryModel model, in CompetencyState before, in MasteryObservation observation)
    {
        var step = model.Update(before, observation);
        if (step.Estimate is { } e && !(e >= 0 && e <= 1))
        {
            throw new InvalidOperationException($"Mastery model '{model.Name}' returned estimate {e.ToString("R", CultureInfo.InvariantCulture)} for competency '{observation.Competency}'; estimates must be in [0, 1].");
        }

        var m = step.Memory;
        if (!(double.IsFinite(m.Value0) && double.IsFinite(m.Value1) && double.IsFinite(m.Value2) && double.IsFinite(m.Value3)))
        {
            throw new InvalidOperationException($"Mastery model '{model.Name}' returned a memory that is not finite for competency '{observation.Competency}': {m}.");
        }

        var at = observation.Timestamp;
        var first = before.FirstEvidenceAt is { } f && f <= at ? f : at;
        var last = before.LastEvidenceAt is { } l && l >= at ? l : at;
        return new CompetencyState(checked(before.EvidenceCount + 1), step.Estimate, first, last, m);
    }
}

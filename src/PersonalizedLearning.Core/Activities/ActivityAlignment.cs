namespace PersonalizedLearning.Activities;

/// <summary>
/// States that an activity teaches or assesses a competency, and how strongly.
/// </summary>
/// <param name="Competency">The competency the activity is aligned to.</param>
/// <param name="Weight">How much of the activity is about this competency, in (0, 1]; 1 means entirely.
/// Evidence from the activity counts toward the competency with this weight.</param>
/// <remarks>
/// Immutable and thread-safe. The default value has an empty competency and weight 0 and is rejected by
/// <see cref="LearningActivity"/> and <see cref="ActivityCatalogBuilder"/>.
/// </remarks>
public readonly record struct ActivityAlignment(PersonalizedLearning.Competencies.CompetencyId Competency, double Weight = 1.0);

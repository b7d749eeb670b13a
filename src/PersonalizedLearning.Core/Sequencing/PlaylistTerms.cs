using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Sequencing;

// What a playlist is built on apart from the learner's mastery and history: the catalog, the goals, the options and the
// time factor (the learner's extended time). A playlist states all of them, so a playlist read from a document is
// rebuilt on them by the builder's own parts and compared (PlaylistJsonConverter).
internal readonly record struct PlaylistTerms(ActivityCatalog Catalog, ImmutableArray<LearningGoal> Goals, PlaylistOptions Options, double TimeFactor);

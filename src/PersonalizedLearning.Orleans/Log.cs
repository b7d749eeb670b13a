using Microsoft.Extensions.Logging;
using PersonalizedLearning.Diagnostics;

namespace PersonalizedLearning.Orleans;

/// <summary>The grains' log messages (source-generated; ids in <see cref="PersonalizedLearningTelemetry.EventIds"/>, 4xxx).
/// They name grain keys, and learner ids only when the engine's <see cref="PersonalizedLearningEngine.IncludeLearnerIdsInTelemetry"/>
/// is set ("(hidden)" otherwise), like the records' logs; an error by its type only, never its message (the engine's messages
/// may show evidence content).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.OrleansLearnerDidNotAnswer, Level = LogLevel.Warning, Message = "Class grain {Key} could not hear from learner {Learner} ({ErrorType}); it is shown as empty until it reports.")]
    public static partial void LearnerDidNotAnswer(ILogger logger, string key, string learner, string? errorType);
}

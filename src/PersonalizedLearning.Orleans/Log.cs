using Microsoft.Extensions.Logging;
using PersonalizedLearning.Diagnostics;

namespace PersonalizedLearning.Orleans;

/// <summary>The grains' log messages (source-generated; ids in <see cref="PersonalizedLearningTelemetry.EventIds"/>, 4xxx). They name grain keys and learner ids, never evidence content.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.OrleansLearnerDidNotAnswer, Level = LogLevel.Warning, Message = "Class grain {Key} could not hear from learner {Learner}; it is shown as empty until it reports.")]
    public static partial void LearnerDidNotAnswer(ILogger logger, Exception exception, string key, string learner);
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Interop.OneRoster;

/// <summary>Where a learner's mastery goes in a OneRoster 1.2 gradebook.</summary>
/// <param name="ResultSourcedId">The result's sourcedId.</param>
/// <param name="LineItemSourcedId">The line item (the assessed activity or mastery column) it belongs to.</param>
/// <param name="StudentSourcedId">The student's sourcedId in the roster.</param>
/// <param name="LearningObjectiveId">The learningObjectiveId of a competency; its id when null (for a framework read from
/// CASE, the CFItem identifier).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record OneRosterResultTarget(string ResultSourcedId, string LineItemSourcedId, string StudentSourcedId, Func<Competency, string>? LearningObjectiveId = null);

/// <summary>
/// Writes a learner's per-competency mastery as a OneRoster 1.2 gradebook result whose <c>learningObjectiveSet</c>
/// (source <c>CASE</c>) holds one learningObjectiveResult per competency with evidence: the learningObjectiveId, the
/// estimate as score and the mastery level as textScore. The result's own score is the share of those competencies
/// mastered; its scoreStatus is "fully graded", its scoreDate and dateLastModified the snapshot's moment.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class OneRosterResultWriter
{
    /// <summary>Writes the result.</summary>
    /// <param name="mastery">The learner's mastery.</param>
    /// <param name="target">The result, line item and student ids.</param>
    /// <param name="indented">Whether to indent the JSON.</param>
    /// <returns>A OneRoster result object, as JSON.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An id of the target is blank.</exception>
    public static string Write(MasterySnapshot mastery, OneRosterResultTarget target, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(mastery);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(target.ResultSourcedId, nameof(target));
        ArgumentException.ThrowIfNullOrWhiteSpace(target.LineItemSourcedId, nameof(target));
        ArgumentException.ThrowIfNullOrWhiteSpace(target.StudentSourcedId, nameof(target));
        var assessed = mastery.GetAll().Where(a => a.EvidenceCount > 0).ToList();
        var when = mastery.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return InteropJson.Write(indented, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("result");
            writer.WriteString("sourcedId", target.ResultSourcedId);
            writer.WriteString("status", "active");
            writer.WriteString("dateLastModified", when);
            Reference(writer, "lineItem", target.LineItemSourcedId, "lineItem", "lineItems");
            Reference(writer, "student", target.StudentSourcedId, "user", "users");
            writer.WriteString("scoreStatus", "fully graded");
            writer.WriteNumber("score", assessed.Count == 0 ? 0 : Math.Round((double)assessed.Count(a => a.Level == MasteryLevel.Mastered) / assessed.Count, 6));
            writer.WriteString("scoreDate", when);
            writer.WriteStartArray("learningObjectiveSet");
            writer.WriteStartObject();
            writer.WriteString("source", "CASE");
            writer.WriteStartArray("learningObjectiveResults");
            foreach (var assessment in assessed)
            {
                var competency = mastery.Framework.GetCompetency(assessment.Competency);
                writer.WriteStartObject();
                writer.WriteString("learningObjectiveId", target.LearningObjectiveId?.Invoke(competency) ?? competency.Id.Value);
                if (assessment.Estimate is { } estimate)
                {
                    writer.WriteNumber("score", Math.Round(estimate, 6));
                }

                writer.WriteString("textScore", assessment.Level.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void Reference(Utf8JsonWriter writer, string name, string sourcedId, string type, string collection)
    {
        writer.WriteStartObject(name);
        writer.WriteString("href", $"/{collection}/{Uri.EscapeDataString(sourcedId)}");
        writer.WriteString("sourcedId", sourcedId);
        writer.WriteString("type", type);
        writer.WriteEndObject();
    }
}

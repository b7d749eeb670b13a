using System.Globalization;
using System.Text;
using System.Text.Json;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Interop.Xapi;

/// <summary>
/// Writes a learner's mastered competencies as xAPI "mastered" statements (verb
/// <c>http://adlnet.gov/expapi/verbs/mastered</c>), which <see cref="XapiStatementMapper"/> reads back as evidence.
/// </summary>
/// <remarks>
/// <para>The object is the competency's URI (its CASE item URI) or, without one, <c>activityBase</c> + its id, typed
/// as an objective; the result is success with the estimate as scaled score; the timestamp is the snapshot's moment.
/// The actor is an <c>mbox</c> when the learner id is a <c>mailto:</c> IRI, an account (<c>homePage#name</c> as the
/// mapper writes it) when it has a <c>#</c> after an absolute IRI, else an account on <c>accountHomePage</c>. Statement ids are name-based
/// (learner, competency, moment), so writing again gives the same ids and an LRS stores them once.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public static class XapiStatementWriter
{
    /// <summary>Writes the statements as a JSON array.</summary>
    /// <param name="mastery">The learner's mastery.</param>
    /// <param name="activityBase">The IRI base for competencies without a URI.</param>
    /// <param name="accountHomePage">The account home page for learner ids that are neither mailto: IRIs nor accounts.</param>
    /// <returns>A JSON array of statements, one per mastered competency, in the framework's order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string WriteMastered(MasterySnapshot mastery, Uri activityBase, Uri accountHomePage)
    {
        ArgumentNullException.ThrowIfNull(mastery);
        ArgumentNullException.ThrowIfNull(activityBase);
        ArgumentNullException.ThrowIfNull(accountHomePage);
        var learner = mastery.Learner.Value;
        return InteropJson.Write(false, writer =>
        {
            writer.WriteStartArray();
            foreach (var id in mastery.Mastered)
            {
                var competency = mastery.Framework.GetCompetency(id);
                var assessment = mastery.Get(id);
                writer.WriteStartObject();
                writer.WriteString("id", NameBasedUuid.Create(NameBasedUuid.Library, $"xapi|mastered|{learner}|{id.Value}|{mastery.AsOf.UtcTicks}"));
                writer.WriteStartObject("actor");
                writer.WriteString("objectType", "Agent");
                var hash = learner.IndexOf('#', StringComparison.Ordinal);
                if (learner.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                {
                    writer.WriteString("mbox", learner);
                }
                else
                {
                    writer.WriteStartObject("account");
                    // homePage#name as the mapper writes it when the part before '#' is an absolute IRI (its %25 and %23
                    // written back as '%' and '#'); any other id is a name on the host's home page.
                    var account = hash > 0 && Iri.IsAbsolute(learner[..hash]);
                    writer.WriteString("homePage", account ? learner[..hash].Replace("%23", "#", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal) : accountHomePage.OriginalString);
                    writer.WriteString("name", account ? learner[(hash + 1)..] : learner);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteStartObject("verb");
                writer.WriteString("id", XapiMappingOptions.AdlVerbs + "mastered");
                writer.WriteStartObject("display");
                writer.WriteString("en-US", "mastered");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteStartObject("object");
                writer.WriteString("objectType", "Activity");
                writer.WriteString("id", (competency.Uri ?? new Uri(activityBase, Uri.EscapeDataString(id.Value))).OriginalString);
                writer.WriteStartObject("definition");
                writer.WriteStartObject("name");
                writer.WriteString("en-US", competency.Title);
                writer.WriteEndObject();
                writer.WriteString("type", "http://adlnet.gov/expapi/activities/objective");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteStartObject("result");
                writer.WriteBoolean("success", true);
                if (assessment.Estimate is { } estimate)
                {
                    writer.WriteStartObject("score");
                    writer.WriteNumber("scaled", Math.Round(Math.Clamp(estimate, 0, 1), 6));
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteString("timestamp", InteropJson.Timestamp(mastery.AsOf));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }
}

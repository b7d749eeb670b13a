using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop.Case;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Tests.Interop.Case;

/// <summary>What a CASE import tells a host's telemetry: the competencies it read; a call refused for its arguments is
/// no import. (Listeners are process-wide: these run alone.)</summary>
[Collection(TelemetryTestGroup.Name)]
public class CaseImportTelemetryTests
{
    [Fact]
    public async Task AnImport_CountsTheCompetenciesRead_AndANullStreamStartsNoImport()
    {
        const string Doc = "d0000000-0000-4000-8000-000000000000";
        var framework = new CompetencyFrameworkBuilder("F").Add(new Competency("x", "X")).Add(new Competency("y", "Y")).Build();
        var document = new CaseDocument(Doc, new Uri($"https://case.example.org/uri/{Doc}"), "Tests", "F", DateTimeOffset.UnixEpoch, ImmutableSortedDictionary<string, string>.Empty);
        var package = CasePackageWriter.Write(CasePackageWriter.Describe(framework, document));
        using var recorder = new TelemetryRecorder();

        CasePackageReader.Read(package).Framework!.Framework.Competencies.Should().HaveCount(2);
        await FluentActions.Invoking(() => CasePackageReader.ReadAsync(null!)).Should().ThrowExactlyAsync<ArgumentNullException>().WithParameterName("stream");

        recorder.Sum(Metrics.ImportItems, (Attributes.ImportFormat, ImportFormats.Case)).Should().Be(2);
        recorder.Named(Spans.Import).Should().ContainSingle("the call with a null stream is refused before any import starts");
        recorder.Count(Metrics.ImportDuration, (Attributes.ImportFormat, ImportFormats.Case)).Should().Be(1);
    }
}

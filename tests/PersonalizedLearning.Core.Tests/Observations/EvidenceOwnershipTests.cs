using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Observations;

/// <summary>
/// Issue 21: one check that evidence handed in belongs to the learner and the catalog. Folding into a state, a
/// recommendation request's history, a playlist request's history and the evidence a plan is paced by refuse the same
/// piece with the same exception type and message, naming only what the evidence was given for.
/// </summary>
public class EvidenceOwnershipTests
{
    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());

    private static readonly DateTimeOffset Now = TestData.Start.AddDays(1);

    // Each entry point, called with one piece of evidence for Ana, and what it names the evidence's owner.
    private static IEnumerable<(string Owner, string Parameter, Action<Evidence> Give)> EntryPoints()
    {
        var state = Engine.CreateLearner("ana");
        var mastery = Engine.Assess(state, Now);
        ImmutableArray<LearningGoal> goals = [new LearningGoal("E")];
        var plan = new LearningPlanner(clock: new FakeTimeProvider(Now)).Draft(new PlaylistRequest(Engine.Catalog, mastery, goals));
        yield return ("the state", "evidence", e => Engine.Record(state, e));
        yield return ("the request", "History", e => _ = new NextStepRequest(Engine.Catalog, mastery, 3) { History = [e] });
        yield return ("the playlist", "history", e => _ = new PlaylistRequest(Engine.Catalog, mastery, goals, history: [e]));
        yield return ("the plan", "evidence", e => new LearningPlanner(clock: new FakeTimeProvider(Now)).Project(plan, new PacingOptions(minutesPerWeek: 70), [e]));
    }

    [Fact]
    public void EveryEntryPoint_RefusesEvidenceOfAnotherLearnerOrCatalog_WithOneMessage()
    {
        var cases = new (Evidence Evidence, Type Exception, Func<string, string> Message)[]
        {
            (Evidence.ForCompetency("b1", "ben", "A", EvidenceOutcome.Correct, TestData.Start), typeof(ArgumentException), owner => $"Evidence 'b1' is about learner 'ben', but {owner} is for 'ana'."),
            (Evidence.ForCompetency("z1", "ana", "Z", EvidenceOutcome.Correct, TestData.Start), typeof(UnknownCompetencyException), _ => "Evidence 'z1' names competency 'Z', which is not in framework 'Diamond'."),
            (Evidence.ForActivity("n1", "ana", "nope", EvidenceOutcome.Correct, TestData.Start), typeof(UnknownActivityException), _ => "Evidence 'n1' names activity 'nope', which is not in the catalog."),
        };
        foreach (var (owner, parameter, give) in EntryPoints())
        {
            foreach (var (evidence, exception, message) in cases)
            {
                var thrown = FluentActions.Invoking(() => give(evidence)).Should().Throw<ArgumentException>()
                    .WithMessage($"{message(owner)} (Parameter '{parameter}')", because: owner).Which;
                thrown.ParamName.Should().Be(parameter);
                thrown.GetType().Should().Be(exception, "an unknown competency or activity has its own exception type ({0})", owner);
            }

            // Ana's own evidence on the catalog's activity is taken by every one of them.
            FluentActions.Invoking(() => give(Evidence.ForActivity("a1", "ana", "a-practice", EvidenceOutcome.Correct, TestData.Start))).Should().NotThrow(owner);
        }
    }

    [Fact]
    public void Require_NullPiece_ThrowsArgumentNull_AndTheFirstCompetencyAndActivityAreTheCatalogs()
    {
        var catalog = Engine.Catalog;
        FluentActions.Invoking(() => EvidenceOwnership.Require(null, "ana", catalog, "the state", "evidence"))
            .Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("evidence");

        // Index 0 of the framework ("U") and of the catalog ("a-lesson") is a known one, not a missing one.
        catalog.Framework.IndexOf("U").Should().Be(0);
        FluentActions.Invoking(() => EvidenceOwnership.Require(Evidence.ForCompetency("u1", "ana", "U", EvidenceOutcome.Correct, TestData.Start), "ana", catalog, "the state", "evidence")).Should().NotThrow();
        FluentActions.Invoking(() => EvidenceOwnership.Require(Evidence.ForActivity("l1", "ana", "a-lesson", EvidenceOutcome.Correct, TestData.Start), "ana", catalog, "the state", "evidence")).Should().NotThrow();
    }
}

using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Tests.Simulation;

public sealed class BktResponseSimulatorTests
{
    private static readonly BktCompetencyParameters Skill = new("k", new BktParameters(0.3, 0.15, 0.2, 0.1));

    [Fact]
    public void Simulate_GivesEveryLearnerTheirAttempts_AndIsDeterministicForASeed()
    {
        var log = BktResponseSimulator.Simulate([Skill, new BktCompetencyParameters("j", new BktParameters(0.5, 0.1, 0.2, 0.1))], learners: 50, attempts: 4, seed: 1);
        log.Count.Should().Be(400);
        log.LearnerCount.Should().Be(50);
        log.Responses.GroupBy(r => (r.Learner, r.Competency)).Should().AllSatisfy(g => g.Should().HaveCount(4));
        BktResponseSimulator.Simulate([Skill, new BktCompetencyParameters("j", new BktParameters(0.5, 0.1, 0.2, 0.1))], 50, 4, 1).Responses.Should().Equal(log.Responses);
        BktResponseSimulator.Simulate([Skill], 50, 4, 2).Responses.Should().NotEqual(BktResponseSimulator.Simulate([Skill], 50, 4, 1).Responses);
    }

    [Fact]
    public void Simulate_FirstAnswersAreCorrectAtTheModelsRate()
    {
        // P(correct) on a first answer = 0.3·0.9 + 0.7·0.2 = 0.41; with 20,000 learners the share is within ±0.015 (4.3 σ).
        var log = BktResponseSimulator.Simulate([Skill], learners: 20_000, attempts: 1, seed: 3);
        log.Responses.Count(r => r.Correct).Should().BeCloseTo(8_200, 300);
    }

    [Fact]
    public void Simulate_BadInput_Throws()
    {
        FluentActions.Invoking(() => BktResponseSimulator.Simulate([], 1, 1, 1)).Should().Throw<ArgumentException>().WithMessage("Name at least one competency to simulate.*");
        FluentActions.Invoking(() => BktResponseSimulator.Simulate([Skill], 0, 1, 1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("learners");
        FluentActions.Invoking(() => BktResponseSimulator.Simulate([Skill], 1, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("attempts");
        FluentActions.Invoking(() => BktResponseSimulator.Simulate(null!, 1, 1, 1)).Should().Throw<ArgumentNullException>();
    }
}

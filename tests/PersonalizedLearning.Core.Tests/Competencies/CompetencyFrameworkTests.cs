using CsCheck;
using PersonalizedLearning.Competencies;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Competencies;

public class CompetencyFrameworkTests(ITestOutputHelper output)
{
    private readonly CompetencyFramework _diamond = TestData.Diamond();

    private static string[] Ids(IEnumerable<CompetencyId> ids) => [.. ids.Select(i => i.Value)];

    [Fact]
    public void Hierarchy_ParentsChildrenAndRoots()
    {
        Ids(_diamond.GetChildren("U")).Should().Equal("A", "B", "C", "D", "E");
        Ids(_diamond.GetParents("D")).Should().Equal("U");
        _diamond.GetParents("U").Should().BeEmpty();
        Ids(_diamond.Roots).Should().Equal("U");
    }

    [Fact]
    public void Prerequisites_AndDependents_AreDirectOnly()
    {
        Ids(_diamond.GetPrerequisites("D")).Should().Equal("B", "C");
        Ids(_diamond.GetDependents("A")).Should().Equal("B", "C");
        _diamond.GetPrerequisites("A").Should().BeEmpty();
        _diamond.GetDependents("E").Should().BeEmpty();
    }

    [Fact]
    public void Related_IsSymmetric()
    {
        Ids(_diamond.GetRelated("B")).Should().Equal("C");
        Ids(_diamond.GetRelated("C")).Should().Equal("B");
        _diamond.GetRelated("A").Should().BeEmpty();
    }

    [Fact]
    public void GetAncestors_OfASet_IsTheUnionOfHierarchyAncestors()
    {
        var framework = new CompetencyFrameworkBuilder()
            .AddCompetency("G", "Grade").AddCompetency("D1", "Domain 1").AddCompetency("D2", "Domain 2")
            .AddCompetency("S1", "Standard 1").AddCompetency("S2", "Standard 2")
            .AddChild("G", "D1").AddChild("G", "D2").AddChild("D1", "S1").AddChild("D2", "S2")
            .Build();

        Ids(framework.GetAncestors(["S1", "S2"])).Should().Equal("G", "D1", "D2");
        Ids(framework.GetAncestors(["S1", "D1"])).Should().Equal("G", "D1");
        framework.GetAncestors(["G"]).Should().BeEmpty();
    }

    [Fact]
    public void GetPrerequisiteClosure_IsTransitiveAndTopologicallyOrdered()
    {
        Ids(_diamond.GetPrerequisiteClosure(["E"])).Should().Equal("A", "B", "C", "D");
        Ids(_diamond.GetPrerequisiteClosure(["B", "C"])).Should().Equal("A");
    }

    [Fact]
    public void TopologicalOrder_PutsPrerequisitesFirst_AndBreaksTiesByDeclarationOrder()
    {
        Ids(_diamond.TopologicalOrder).Should().Equal("U", "A", "B", "C", "D", "E");

        var reversed = new CompetencyFrameworkBuilder()
            .AddCompetency("Z", "last").AddCompetency("Y", "middle").AddCompetency("X", "first")
            .AddPrerequisite("X", "Y").AddPrerequisite("Y", "Z")
            .Build();
        Ids(reversed.TopologicalOrder).Should().Equal("X", "Y", "Z");
    }

    [Theory]
    [InlineData(new string[0], new[] { "U", "A" })]
    [InlineData(new[] { "A" }, new[] { "U", "B", "C" })]
    [InlineData(new[] { "A", "B" }, new[] { "U", "C" })]
    [InlineData(new[] { "A", "B", "C" }, new[] { "U", "D" })]
    [InlineData(new[] { "U", "A", "B", "C", "D", "E" }, new string[0])]
    [InlineData(new[] { "B" }, new[] { "U", "A" })]
    public void GetFrontier_WorkedExamples(string[] mastered, string[] expected)
    {
        Ids(_diamond.GetFrontier(mastered.Select(m => new CompetencyId(m)))).Should().Equal(expected);
    }

    [Fact]
    public void Queries_UnknownId_ThrowArgumentExceptionNamingTheId()
    {
        var message = "Competency 'Z' is not in framework 'Diamond'; check the id or add the competency to the framework.*";
        foreach (var query in new Action[]
        {
            () => _diamond.GetParents("Z"),
            () => _diamond.GetChildren("Z"),
            () => _diamond.GetPrerequisites("Z"),
            () => _diamond.GetDependents("Z"),
            () => _diamond.GetRelated("Z"),
            () => _diamond.GetCompetency("Z"),
            () => _diamond.GetAncestors(["A", "Z"]),
            () => _diamond.GetPrerequisiteClosure(["Z"]),
            () => _diamond.GetFrontier(["Z"]),
        })
        {
            query.Should().Throw<ArgumentException>().WithMessage(message);
        }

        _diamond.Contains("Z").Should().BeFalse();
        _diamond.TryGetCompetency("Z", out var missing).Should().BeFalse();
        missing.Should().BeNull();
        _diamond.TryGetCompetency("A", out var found).Should().BeTrue();
        found!.Title.Should().Be("Alpha");
    }

    [Fact]
    public void Property_TopologicalOrder_PlacesEveryPrerequisiteFirst()
    {
        // The generator declares competencies in random order: a framework that kept declaration order fails here.
        var reach = new BranchReach(output).Floor("declared out of topological order", 0.6).Floor("ten or more competencies", 0.4);
        TestData.RandomDag.Sample(dag =>
        {
            using var scope = reach.Case();
            scope.Hit("declared out of topological order", dag.DeclaredOutOfOrder);
            scope.Hit("ten or more competencies", dag.Count >= 10);
            var framework = TestData.Build(dag);
            var position = framework.TopologicalOrder.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
            framework.TopologicalOrder.Should().HaveCount(dag.Count).And.OnlyHaveUniqueItems();
            foreach (var (from, to) in dag.Edges)
            {
                position[$"c{from}"].Should().BeLessThan(position[$"c{to}"], $"{dag}");
            }
        });
        reach.Check();
    }

    [Fact]
    public void Property_Frontier_IsExactlyTheUnmasteredCompetenciesWhosePrerequisitesAreAllMastered()
    {
        var gen = from dag in TestData.RandomDag
                  from mastered in CsCheck.Gen.Bool.Array[dag.Count]
                  select (dag, mastered);
        var reach = new BranchReach(output).Floor("declared out of topological order", 0.5)
            .Floor("on the frontier with every prerequisite mastered", 0.3).Floor("unmastered behind an unmastered prerequisite", 0.3);
        gen.Sample(input =>
        {
            using var scope = reach.Case();
            scope.Hit("declared out of topological order", input.dag.DeclaredOutOfOrder);
            var framework = TestData.Build(input.dag);
            var mastered = Enumerable.Range(0, input.dag.Count).Where(i => input.mastered[i]).Select(i => new CompetencyId($"c{i}")).ToHashSet();
            var frontier = framework.GetFrontier(mastered).ToHashSet();

            foreach (var competency in framework.Competencies.Select(c => c.Id))
            {
                var ready = !mastered.Contains(competency) && framework.GetPrerequisites(competency).All(mastered.Contains);
                frontier.Contains(competency).Should().Be(ready, $"{competency} is {(ready ? "" : "not ")}ready");
                scope.Hit("on the frontier with every prerequisite mastered", ready && !framework.GetPrerequisites(competency).IsEmpty);
                scope.Hit("unmastered behind an unmastered prerequisite", !mastered.Contains(competency) && !ready);
            }
        });
        reach.Check();
    }

    [Fact]
    public void Frontier_WithRepeatedMasteredIds_ListsEachCompetencyOnce()
        => TestData.Diamond().GetFrontier(["U", "A", "A", "U"]).Select(c => c.Value).Should().Equal("B", "C");
}

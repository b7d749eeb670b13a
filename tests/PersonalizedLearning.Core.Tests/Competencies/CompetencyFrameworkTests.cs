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

    [Fact]
    public void Equality_ComparesTitleCompetenciesRelationsAndRoots()
    {
        var twin = TestData.Diamond();
        _diamond.Equals(twin).Should().BeTrue();
        _diamond.Equals((object)twin).Should().BeTrue();
        _diamond.GetHashCode().Should().Be(twin.GetHashCode());
        _diamond.Equals(_diamond).Should().BeTrue();
        _diamond.Equals((object)"Diamond").Should().BeFalse();

        CompetencyFrameworkBuilder Pair(string title) => new CompetencyFrameworkBuilder(title).AddCompetency("A", "Alpha").AddCompetency("B", "Beta");
        var pair = Pair("P").Build();
        pair.Should().Be(Pair("P").Build());
        pair.Should().NotBe(Pair("Q").Build(), "the titles differ");
        pair.Should().NotBe(new CompetencyFrameworkBuilder("P").AddCompetency("A", "Alpha").AddCompetency("B", "Bravo").Build(), "a competency differs");
        pair.Should().NotBe(Pair("P").AddRelated("A", "B").Build(), "the relations differ");
        pair.Should().NotBe(Pair("P").OrderRoots(["B"]).Build(), "the roots are in another order");
        pair.Equals(null).Should().BeFalse(); // last: the compiler takes Equals(null) as a null test of pair
    }

    [Fact]
    public void ToString_GivesTitleAndCounts()
    {
        _diamond.ToString().Should().Be("CompetencyFramework { Title = Diamond, Competencies = 6, Relations = 11 }");
        _diamond.Count.Should().Be(6);
        _diamond.Relations.Should().HaveCount(11);
    }

    [Fact]
    public void Roots_FollowTheGivenOrder_ThenDeclarationOrder()
    {
        var framework = new CompetencyFrameworkBuilder()
            .AddCompetency("R1", "One").AddCompetency("R2", "Two").AddCompetency("R3", "Three").AddCompetency("R4", "Four").AddCompetency("c", "Child")
            .AddChild("R2", "c")
            .OrderRoots(["R4", "missing", "R1", "R4"]) // a name twice keeps its first place; a name that is no root is passed over
            .Build();
        Ids(framework.Roots).Should().Equal("R4", "R1", "R2", "R3");
    }

    [Fact]
    public void TryFindByUri_MatchesTheUriAsWritten()
    {
        var framework = new CompetencyFrameworkBuilder()
            .Add(new Competency("A", "Alpha", uri: new Uri("https://example.org/cf/A")))
            .Add(new Competency("B", "Beta"))
            .Build();
        framework.TryFindByUri(new Uri("https://example.org/cf/A"), out var found).Should().BeTrue();
        found!.Id.Should().Be(new CompetencyId("A"));
        framework.TryFindByUri(new Uri("HTTPS://example.org/cf/A"), out var other).Should().BeFalse("a URI is its original text, not its normalised form");
        other.Should().BeNull();
        FluentActions.Invoking(() => framework.TryFindByUri(null!, out _)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("uri");
    }

    [Fact]
    public void Queries_NullSet_ThrowArgumentNullException()
    {
        FluentActions.Invoking(() => _diamond.GetAncestors(null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("ids");
        FluentActions.Invoking(() => _diamond.GetPrerequisiteClosure(null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("ids");
        FluentActions.Invoking(() => _diamond.GetFrontier(null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("mastered");
    }

    [Fact]
    public void GetFrontier_IsInTopologicalOrder_NotInTheOrderFound()
    {
        // Declared B, A, C with A before B: topological order A, B, C. With A mastered, C is found first (it has no
        // prerequisites) and B second (A's dependent), but B comes before C in the answer.
        var framework = new CompetencyFrameworkBuilder()
            .AddCompetency("B", "Beta").AddCompetency("A", "Alpha").AddCompetency("C", "Gamma")
            .AddPrerequisite("A", "B")
            .Build();
        Ids(framework.TopologicalOrder).Should().Equal("A", "B", "C");
        Ids(framework.GetFrontier(["A"])).Should().Equal("B", "C");
        Ids(framework.GetPrerequisiteClosure(["B", "C"])).Should().Equal("A");
    }

    [Fact]
    public void BuildAllowingEmpty_GivesAnEmptyFramework()
    {
        var empty = new CompetencyFrameworkBuilder("None").BuildAllowingEmpty();
        empty.Count.Should().Be(0);
        empty.Roots.Should().BeEmpty();
        empty.TopologicalOrder.Should().BeEmpty();
        empty.Should().Be(new CompetencyFrameworkBuilder("None").BuildAllowingEmpty());
        empty.GetHashCode().Should().Be(new CompetencyFrameworkBuilder("None").BuildAllowingEmpty().GetHashCode());
        FluentActions.Invoking(() => new CompetencyFrameworkBuilder("None").Build()).Should().Throw<DefinitionValidationException>();
    }
}

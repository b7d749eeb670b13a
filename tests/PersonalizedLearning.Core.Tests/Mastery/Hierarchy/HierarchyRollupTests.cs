using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Hierarchy;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.Hierarchy;

public sealed class HierarchyRollupTests(ITestOutputHelper output)
{
    // Unit U with children A, B, C; C has children C1, C2.
    private static readonly CompetencyFramework Unit = new CompetencyFrameworkBuilder()
        .AddCompetency("U", "Unit").AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C")
        .AddCompetency("C1", "C1").AddCompetency("C2", "C2")
        .AddChild("U", "A").AddChild("U", "B").AddChild("U", "C").AddChild("C", "C1").AddChild("C", "C2")
        .Build();

    private static Dictionary<CompetencyId, MasteryLevel> Levels(params (string Id, MasteryLevel Level)[] levels)
        => levels.ToDictionary(l => new CompetencyId(l.Id), l => l.Level);

    [Fact]
    public void AllChildrenProficient_RollsUpThroughTwoLevels_WithStatusesAndReasons()
    {
        var rollup = new HierarchyRollup(Unit);
        var partial = rollup.Evaluate(Levels(("A", MasteryLevel.Proficient), ("C1", MasteryLevel.Familiar)));
        partial["A"].Should().Be(HierarchyStatus.Demonstrated);
        partial["B"].Should().Be(HierarchyStatus.NotAttempted);
        partial["C1"].Should().Be(HierarchyStatus.AttemptedNotDemonstrated);
        partial["C"].Should().Be(HierarchyStatus.PartiallyAttempted);
        partial["U"].Should().Be(HierarchyStatus.PartiallyAttempted);
        partial.Explain("U").Should().Be("1 of 3 children proficient (needs all)");

        var full = rollup.Evaluate(Levels(("A", MasteryLevel.Mastered), ("B", MasteryLevel.Proficient), ("C1", MasteryLevel.Proficient), ("C2", MasteryLevel.Mastered)));
        full["C"].Should().Be(HierarchyStatus.Demonstrated);
        full["U"].Should().Be(HierarchyStatus.Demonstrated);
        full.Explain("U").Should().Be("3 of 3 children proficient (needs all)");
        full.Explain("C2").Should().Be("own level Mastered ≥ Proficient");
    }

    [Fact]
    public void Points_AsMoodle_RequiredChildrenAndATotal()
    {
        // A is required and worth 2; B and C are worth 1 each; the unit needs 3 points.
        var rollup = new HierarchyRollup(Unit, [new("U", ParentRule.Points(3, [new("A", 2, Required: true), new("B", 1), new("C", 1)]))]);
        var withoutA = rollup.Evaluate(Levels(("B", MasteryLevel.Proficient), ("C", MasteryLevel.Proficient)));
        withoutA["U"].Should().Be(HierarchyStatus.PartiallyAttempted, "A has no evidence yet");
        withoutA.Explain("U").Should().Be("points 2 < 3; required child 'A' not proficient");
        var enough = rollup.Evaluate(Levels(("A", MasteryLevel.Proficient), ("B", MasteryLevel.Mastered)));
        enough["U"].Should().Be(HierarchyStatus.Demonstrated);
        enough.Explain("U").Should().Be("points 3 ≥ 3, every required child proficient");
    }

    [Fact]
    public void Criteria_AndOrTree_ShortCircuitsInOrder()
    {
        // U needs A mastered and (B proficient or C proficient).
        var rule = ParentRule.Criteria(Criterion.All(Criterion.Child("A", MasteryLevel.Mastered), Criterion.Any(Criterion.Child("B"), Criterion.Child("C"))));
        var rollup = new HierarchyRollup(Unit, [new("U", rule)]);
        rollup.Evaluate(Levels(("A", MasteryLevel.Mastered), ("C1", MasteryLevel.Proficient), ("C2", MasteryLevel.Proficient)))["U"].Should().Be(HierarchyStatus.Demonstrated);
        var notYet = rollup.Evaluate(Levels(("A", MasteryLevel.Proficient), ("B", MasteryLevel.Mastered)));
        notYet["U"].Should().Be(HierarchyStatus.PartiallyAttempted);
        notYet.Explain("U").Should().Be("criteria all of (A ≥ Mastered, any of (B ≥ Proficient, C ≥ Proficient)) do not hold");
    }

    [Fact]
    public void Update_RecomputesOnlyTheChangedPath_AndEqualsAFullEvaluation()
    {
        var rollup = new HierarchyRollup(Unit);
        var start = rollup.Evaluate(Levels(("A", MasteryLevel.Proficient), ("B", MasteryLevel.Proficient), ("C1", MasteryLevel.Proficient)));
        var after = rollup.Update(start, "C2", MasteryLevel.Proficient);
        after.Recomputed.Should().Be(3, "C2, then C, then U");
        after["U"].Should().Be(HierarchyStatus.Demonstrated);
        start["U"].Should().Be(HierarchyStatus.AttemptedNotDemonstrated, "the previous result is unchanged");
        start.IsProficient("U").Should().BeFalse();

        // C1 rises from Proficient to Mastered: C looks again (a criterion could ask for Mastered), does not change,
        // and the walk stops there.
        var same = rollup.Update(after, "C1", MasteryLevel.Mastered);
        same.Recomputed.Should().Be(2);
        same["U"].Should().Be(HierarchyStatus.Demonstrated);
    }

    [Fact]
    public void Property_IncrementalEqualsFull_AndMoreProficiencyNeverLowersAParent()
    {
        var levels = Gen.Enum<MasteryLevel>();
        Gen.Select(Gen.Int[0, 5].Select(i => new[] { "A", "B", "C", "C1", "C2", "U" }[i]), levels).Array[1, 12].Sample(changes =>
        {
            var rollup = new HierarchyRollup(Unit, [new("U", ParentRule.Points(2, [new("A", 1), new("B", 1), new("C", 1)]))]);
            var current = new Dictionary<CompetencyId, MasteryLevel>();
            var result = rollup.Evaluate(current);
            foreach (var (id, level) in changes)
            {
                var before = result;
                var raised = level >= (current.TryGetValue(id, out var old) ? old : MasteryLevel.NotStarted);
                current[id] = level;
                result = rollup.Update(result, id, level);
                var full = rollup.Evaluate(current);
                foreach (var c in Unit.Competencies)
                {
                    result[c.Id].Should().Be(full[c.Id]);
                    result.IsProficient(c.Id).Should().Be(full.IsProficient(c.Id));
                    if (raised && before.IsProficient(c.Id))
                    {
                        result.IsProficient(c.Id).Should().BeTrue("raising a level never lowers anything");
                    }
                }
            }
        });
    }

    // A random hierarchy: n competencies declared in random order; in a hidden random order each but the first takes up
    // to two parents before it (so some have two parents), each parent a random rule (none: all children; all children;
    // points; or an AND/OR tree of child thresholds); then a sequence of level changes.
    private sealed record RandomHierarchy(CompetencyFramework Framework, ImmutableArray<KeyValuePair<CompetencyId, ParentRule>> Rules, (int Competency, MasteryLevel Level)[] Changes, string Shape);

    private static readonly Gen<RandomHierarchy> Hierarchies =
        from n in Gen.Int[2, 16]
        from hidden in TestData.Permutation(n)
        from declared in TestData.Permutation(n)
        from parents in Gen.Select(Gen.Int[0, 2], Gen.Int, Gen.Int).Array[n]
        from ruleSeed in Gen.Int
        from changes in Gen.Select(Gen.Int[0, n - 1], Gen.Enum<MasteryLevel>()).Array[1, 30]
        select BuildHierarchy(n, hidden, declared, parents, ruleSeed, changes);

    private static RandomHierarchy BuildHierarchy(int n, int[] hidden, int[] declared, (int Count, int A, int B)[] parents, int ruleSeed, (int, MasteryLevel)[] changes)
    {
        var builder = new CompetencyFrameworkBuilder("hierarchy");
        foreach (var i in declared)
        {
            builder.AddCompetency($"h{i}", $"H {i}");
        }

        var children = Enumerable.Range(0, n).ToDictionary(i => i, _ => new List<int>());
        for (var rank = 1; rank < n; rank++)
        {
            var child = hidden[rank];
            var chosen = new[] { parents[rank].A, parents[rank].B }.Take(parents[rank].Count).Select(x => hidden[((x % rank) + rank) % rank]).Distinct();
            foreach (var parent in chosen)
            {
                builder.AddChild($"h{parent}", $"h{child}");
                children[parent].Add(child);
            }
        }

        var random = new Random(ruleSeed);
        var rules = ImmutableArray.CreateBuilder<KeyValuePair<CompetencyId, ParentRule>>();
        foreach (var (parent, kids) in children.Where(c => c.Value.Count > 0))
        {
            switch (random.Next(4))
            {
                case 1:
                    rules.Add(new($"h{parent}", ParentRule.AllChildrenProficient()));
                    break;
                case 2:
                    var points = kids.Select(k => new ChildPoints($"h{k}", random.Next(4), random.Next(4) == 0)).ToList();
                    if (points.Sum(p => p.Points) == 0)
                    {
                        points[0] = points[0] with { Points = 1 };
                    }

                    rules.Add(new($"h{parent}", ParentRule.Points(1 + random.Next(points.Sum(p => p.Points)), points)));
                    break;
                case 3:
                    rules.Add(new($"h{parent}", ParentRule.Criteria(Tree(random, kids, 2))));
                    break;
                default:
                    break; // no rule: all children proficient
            }
        }

        var framework = builder.Build();
        var depth = new int[n];
        foreach (var i in hidden)
        {
            depth[i] = framework.GetParents($"h{i}").Select(p => depth[int.Parse(p.Value[1..], System.Globalization.CultureInfo.InvariantCulture)] + 1).DefaultIfEmpty(0).Max();
        }

        var shape = $"{n} declared [{string.Join(",", declared)}] " + string.Join(" ", children.Where(c => c.Value.Count > 0).Select(c => $"h{c.Key}>{string.Join(",", c.Value)}"));
        return new RandomHierarchy(framework, rules.ToImmutable(), changes, shape + $" depth {depth.Max()}");
    }

    // An AND/OR tree of up to two levels over thresholds (Attempted … Mastered) on the given children.
    private static Criterion Tree(Random random, List<int> children, int depth)
    {
        if (depth == 0 || random.Next(2) == 0)
        {
            return Criterion.Child($"h{children[random.Next(children.Count)]}", (MasteryLevel)(1 + random.Next(4)));
        }

        var parts = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Tree(random, children, depth - 1)).ToArray();
        return random.Next(2) == 0 ? Criterion.All(parts) : Criterion.Any(parts);
    }

    [Fact]
    public void Property_GeneratedHierarchies_IncrementalEqualsFull_AndMoreProficiencyNeverLowersAParent()
    {
        var reach = new BranchReach(output)
            .Floor("a competency with two parents", 0.3).Floor("three or more levels", 0.4).Floor("a points rule", 0.4).Floor("a criteria rule", 0.4)
            .Floor("a parent proficient through its children", 0.3).Floor("a level lowered", 0.5).Floor("a parent's proficiency changed by an update", 0.3);
        Hierarchies.Sample(h =>
        {
            using var scope = reach.Case();
            var framework = h.Framework;
            scope.Hit("a competency with two parents", framework.Competencies.Any(c => framework.GetParents(c.Id).Length > 1));
            scope.Hit("three or more levels", framework.Competencies.Any(c => framework.GetParents(c.Id).Any(p => !framework.GetParents(p).IsEmpty)));
            scope.Hit("a points rule", h.Rules.Any(r => r.Value is ParentRule.PointsRule));
            scope.Hit("a criteria rule", h.Rules.Any(r => r.Value is ParentRule.CriteriaRule));
            var rollup = new HierarchyRollup(framework, h.Rules);
            var current = new Dictionary<CompetencyId, MasteryLevel>();
            var result = rollup.Evaluate(current);
            foreach (var (index, level) in h.Changes)
            {
                CompetencyId id = $"h{index}";
                var before = result;
                var old = current.TryGetValue(id, out var was) ? was : MasteryLevel.NotStarted;
                var raised = level >= old;
                scope.Hit("a level lowered", !raised);
                current[id] = level;
                result = rollup.Update(result, id, level);
                var full = rollup.Evaluate(current);
                foreach (var c in framework.Competencies)
                {
                    result[c.Id].Should().Be(full[c.Id], $"{c.Id} ({h.Shape})");
                    result.IsProficient(c.Id).Should().Be(full.IsProficient(c.Id), $"{c.Id} ({h.Shape})");
                    if (raised && before.IsProficient(c.Id))
                    {
                        result.IsProficient(c.Id).Should().BeTrue($"raising a level never lowers anything ({h.Shape})");
                    }

                    var parent = !framework.GetChildren(c.Id).IsEmpty;
                    scope.Hit("a parent proficient through its children", parent && result.IsProficient(c.Id) && current.GetValueOrDefault(c.Id) < MasteryLevel.Proficient);
                    scope.Hit("a parent's proficiency changed by an update", parent && c.Id != id && result.IsProficient(c.Id) != before.IsProficient(c.Id));
                }
            }
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }

    [Fact]
    public void BadRules_AreAllReportedAtOnce()
    {
        var act = () => new HierarchyRollup(Unit,
        [
            new("U", ParentRule.Points(9, [new("A", 2), new("C1", 1)])),
            new("C", ParentRule.Criteria(Criterion.Any())),
            new("A", ParentRule.AllChildrenProficient()),
            new("Z", ParentRule.AllChildrenProficient()),
        ]);
        act.Should().Throw<DefinitionValidationException>().Which.Problems.Select(p => (p.Rule, p.Message)).Should().Equal(
            (ValidationRule.NotAChild, "The points rule of 'U' names 'C1', which is not one of its children."),
            (ValidationRule.Unsatisfiable, "The points rule of 'U' requires 9 points, but its children carry only 3."),
            (ValidationRule.Unsatisfiable, "The criteria of 'C' have an empty any group; a group needs at least one part."),
            (ValidationRule.NotAChild, "Competency 'A' has no children, so a parent rule cannot apply to it."),
            (ValidationRule.UnknownReference, "A rule is given for competency 'Z', which is not in the framework."));
        FluentActions.Invoking(() => new HierarchyRollup(Unit, [new("U", ParentRule.Points(0, [new("A", 1)]))])).Should().Throw<DefinitionValidationException>()
            .Which.Problems.Single().Message.Should().Be("The points rule of 'U' requires 0 points; it must require at least 1.");
    }

    [Fact]
    public void BadRules_EachKindOnce_AreReportedWithoutKnockOnProblems()
    {
        // Mutation survivors of Mastery/Hierarchy: a refused entry is skipped (an unknown parent twice is two unknown
        // parents, not a parent with two rules; a leaf's points rule is not compiled; a second rule is not read), and
        // every points and criteria problem is named.
        var act = () => new HierarchyRollup(Unit,
        [
            new("Z", ParentRule.AllChildrenProficient()),
            new("Z", ParentRule.AllChildrenProficient()),
            new("A", ParentRule.Points(1, [new("Q", 1)])),
            new("U", ParentRule.Points(2, [new("A", 1), new("A", 1), new("B", -1)])),
            new("U", null!),
            new("C", ParentRule.Criteria(Criterion.All(Criterion.Child("A"), null!, Criterion.All()))),
        ]);
        act.Should().Throw<DefinitionValidationException>().Which.Problems.Select(p => (p.Rule, p.Message)).Should().Equal(
            (ValidationRule.UnknownReference, "A rule is given for competency 'Z', which is not in the framework."),
            (ValidationRule.UnknownReference, "A rule is given for competency 'Z', which is not in the framework."),
            (ValidationRule.NotAChild, "Competency 'A' has no children, so a parent rule cannot apply to it."),
            (ValidationRule.DuplicateId, "The points rule of 'U' names child 'A' twice."),
            (ValidationRule.OutOfRange, "The points rule of 'U' gives child 'B' -1 points; points must be at least 0."),
            (ValidationRule.DuplicateId, "Competency 'U' has two rules."),
            (ValidationRule.NotAChild, "The criteria of 'C' name 'A', which is not one of its children."),
            (ValidationRule.MissingValue, "The criteria of 'C' contain a null part."),
            (ValidationRule.Unsatisfiable, "The criteria of 'C' have an empty all group; a group needs at least one part."));
        FluentActions.Invoking(() => new HierarchyRollup(Unit, [new("C", null!)])).Should().Throw<DefinitionValidationException>()
            .Which.Problems.Single().Should().Be(new ValidationProblem(ValidationRule.MissingValue, "C", "The rule for competency 'C' is null."));
    }

    [Fact]
    public void NullArguments_NameTheirParameter_AndNullPartsAreAnEmptyGroup()
    {
        FluentActions.Invoking(() => new HierarchyRollup(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("framework");
        var rollup = new HierarchyRollup(Unit);
        FluentActions.Invoking(() => rollup.Evaluate(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("levels");
        FluentActions.Invoking(() => rollup.Update(null!, "A", MasteryLevel.Proficient)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("previous");
        FluentActions.Invoking(() => ParentRule.Points(1, null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("children");
        FluentActions.Invoking(() => ParentRule.Criteria(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("root");
        FluentActions.Invoking(() => new HierarchyRollup(Unit, [new("C", ParentRule.Criteria(Criterion.All(null!)))])).Should().Throw<DefinitionValidationException>()
            .Which.Problems.Single().Message.Should().Be("The criteria of 'C' have an empty all group; a group needs at least one part.");
        FluentActions.Invoking(() => new HierarchyRollup(Unit, [new("C", ParentRule.Criteria(Criterion.Any(null!)))])).Should().Throw<DefinitionValidationException>()
            .Which.Problems.Single().Message.Should().Be("The criteria of 'C' have an empty any group; a group needs at least one part.");
    }

    [Fact]
    public void Update_ForeignResultOrUnknownCompetency_Throws()
    {
        var rollup = new HierarchyRollup(Unit);
        var other = new HierarchyRollup(Unit).Evaluate([]);
        FluentActions.Invoking(() => rollup.Update(other, "A", MasteryLevel.Mastered)).Should().Throw<ArgumentException>().WithMessage("This result was computed by another hierarchy rollup.*");
        FluentActions.Invoking(() => rollup.Update(rollup.Evaluate([]), "Z", MasteryLevel.Mastered)).Should().Throw<ArgumentException>().WithMessage("Competency 'Z' is not in the framework.*");
        FluentActions.Invoking(() => rollup.Update(rollup.Evaluate([]), "A", (MasteryLevel)9)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("A mastery level must be NotStarted … Mastered; got 9.*");
    }
    [Fact]
    public void Explanations_SayWhichSideOfTheProficientLevelAndWhichRuleDecided()
    {
        // Mutation survivors of Mastery/Hierarchy (Explain's texts and the parent's own-level status): a level exactly at
        // the proficient level is "≥"; a leaf below it but started is "<"; a leaf never started has no evidence; a parent
        // proficient on its own says so before its rule; a parent started on its own with no child started is attempted.
        var rollup = new HierarchyRollup(Unit);
        var result = rollup.Evaluate(Levels(("A", MasteryLevel.Proficient), ("B", MasteryLevel.Familiar), ("C", MasteryLevel.Proficient), ("U", MasteryLevel.Familiar)));
        result.Explain("A").Should().Be("own level Proficient ≥ Proficient");
        result.Explain("B").Should().Be("own level Familiar < Proficient");
        result.Explain("C1").Should().Be("no evidence yet");
        result.Explain("C").Should().Be("own level Proficient ≥ Proficient; 0 of 2 children proficient (needs all)");
        result.Explain("U").Should().Be("2 of 3 children proficient (needs all)");
        result["C"].Should().Be(HierarchyStatus.Demonstrated);

        var ownOnly = rollup.Evaluate(Levels(("C", MasteryLevel.Familiar)));
        ownOnly["C"].Should().Be(HierarchyStatus.AttemptedNotDemonstrated, "C was started on its own though neither child was");
        ownOnly["C1"].Should().Be(HierarchyStatus.NotAttempted);

        // A higher bar: Proficient is now below it.
        var strict = new HierarchyRollup(Unit, proficientLevel: MasteryLevel.Mastered).Evaluate(Levels(("A", MasteryLevel.Proficient)));
        strict.Explain("A").Should().Be("own level Proficient < Mastered");
        strict["A"].Should().Be(HierarchyStatus.AttemptedNotDemonstrated);

        // Criteria that hold, and two required children missing, listed with a comma.
        var criteria = new HierarchyRollup(Unit, [new("U", ParentRule.Criteria(Criterion.Any(Criterion.Child("A"), Criterion.Child("B"))))]);
        criteria.Evaluate(Levels(("B", MasteryLevel.Proficient))).Explain("U").Should().Be("criteria any of (A ≥ Proficient, B ≥ Proficient) hold");
        var points = new HierarchyRollup(Unit, [new("U", ParentRule.Points(1, [new("A", 1, Required: true), new("B", 1, Required: true), new("C", 1)]))]);
        points.Evaluate(Levels(("C", MasteryLevel.Proficient))).Explain("U").Should().Be("points 1 ≥ 1; required child 'A', 'B' not proficient");
    }

    [Fact]
    public void Update_ADiamond_RecomputesTheSharedParentOnce()
    {
        // X is a child of both A and B, which are the children of U: a change of X reaches U along two paths, and U is
        // computed once, after both (Kahn rank order), not once per path (a mutation survivor of the re-evaluation queue).
        var diamond = new CompetencyFrameworkBuilder()
            .AddCompetency("U", "U").AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("X", "X")
            .AddChild("U", "A").AddChild("U", "B").AddChild("A", "X").AddChild("B", "X")
            .Build();
        var rollup = new HierarchyRollup(diamond);
        var before = rollup.Evaluate([]);
        var after = rollup.Update(before, "X", MasteryLevel.Proficient);
        after.Recomputed.Should().Be(4, "X, A, B, then U once");
        after["U"].Should().Be(HierarchyStatus.Demonstrated);
        after.Explain("U").Should().Be("2 of 2 children proficient (needs all)");
    }

    [Fact]
    public void BadRules_TheExceptionNamesTheHierarchyRollup_AndAResultRefusesAnUnknownCompetency()
    {
        FluentActions.Invoking(() => new HierarchyRollup(Unit, [new("A", ParentRule.AllChildrenProficient())])).Should().ThrowExactly<DefinitionValidationException>()
            .WithMessage("The hierarchy rollup is not valid; 1 problem found:*");
        var result = new HierarchyRollup(Unit).Evaluate([]);
        FluentActions.Invoking(() => result.Explain("Z")).Should().ThrowExactly<UnknownCompetencyException>()
            .WithMessage("Competency 'Z' is not in the framework.*").Which.ParamName.Should().Be("competency");
        FluentActions.Invoking(() => result["Z"]).Should().ThrowExactly<UnknownCompetencyException>();
        FluentActions.Invoking(() => result.IsProficient("Z")).Should().ThrowExactly<UnknownCompetencyException>();
    }
    [Fact]
    public void ZeroPointsAndAChildDeclaredFirst_AreOrdinaryRules()
    {
        // The re-run's two open survivors: a child worth 0 points is allowed ("at least 0"), and a criterion may name the
        // framework's first declared competency (index 0), which every other test declares as the parent.
        var points = new HierarchyRollup(Unit, [new("U", ParentRule.Points(1, [new("A", 0), new("B", 1)]))]);
        points.Evaluate(Levels(("A", MasteryLevel.Proficient)))["U"].Should().Be(HierarchyStatus.PartiallyAttempted, "A is worth nothing");
        points.Evaluate(Levels(("B", MasteryLevel.Proficient)))["U"].Should().Be(HierarchyStatus.Demonstrated);

        var childFirst = new CompetencyFrameworkBuilder()
            .AddCompetency("X", "X").AddCompetency("P", "P").AddCompetency("Y", "Y")
            .AddChild("P", "X").AddChild("P", "Y")
            .Build();
        var rollup = new HierarchyRollup(childFirst, [new("P", ParentRule.Criteria(Criterion.Child("X", MasteryLevel.Mastered)))]);
        rollup.Evaluate(Levels(("X", MasteryLevel.Mastered)))["P"].Should().Be(HierarchyStatus.Demonstrated);
        rollup.Evaluate(Levels(("X", MasteryLevel.Proficient)))["P"].Should().Be(HierarchyStatus.PartiallyAttempted);
    }
}

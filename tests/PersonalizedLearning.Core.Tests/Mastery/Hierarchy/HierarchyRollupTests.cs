using CsCheck;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Hierarchy;

namespace PersonalizedLearning.Tests.Mastery.Hierarchy;

public sealed class HierarchyRollupTests
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
    public void Update_ForeignResultOrUnknownCompetency_Throws()
    {
        var rollup = new HierarchyRollup(Unit);
        var other = new HierarchyRollup(Unit).Evaluate([]);
        FluentActions.Invoking(() => rollup.Update(other, "A", MasteryLevel.Mastered)).Should().Throw<ArgumentException>().WithMessage("This result was computed by another hierarchy rollup.*");
        FluentActions.Invoking(() => rollup.Update(rollup.Evaluate([]), "Z", MasteryLevel.Mastered)).Should().Throw<ArgumentException>().WithMessage("Competency 'Z' is not in the framework.*");
        FluentActions.Invoking(() => rollup.Update(rollup.Evaluate([]), "A", (MasteryLevel)9)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("A mastery level must be NotStarted … Mastered; got 9.*");
    }
}

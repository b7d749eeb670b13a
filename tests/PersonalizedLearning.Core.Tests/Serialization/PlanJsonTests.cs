using System.Collections.Immutable;
using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Serialization;

/// <summary>Playlists and learning plans as JSON: written with their steps (activities by id), read back against the
/// catalog with their sessions cut again.</summary>
public class PlanJsonTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly ActivityCatalog Catalog = TestData.CatalogFor(TestData.Diamond());
    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());
    private static readonly DateTimeOffset Now = TestData.Start;

    private static PlaylistRequest Request(params Evidence[] history)
    {
        var log = new[] { "A" }.SelectMany(c => new[] { Evidence.ForCompetency($"{c}1", "ana", c, EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"{c}2", "ana", c, EvidenceOutcome.Correct, Now) });
        return new PlaylistRequest(Catalog, Engine.Assess(Engine.Rebuild("ana", log.Concat(history)), Now), [new LearningGoal("E", Now.AddDays(30))],
            new PlaylistOptions(AgencyLevel.Choice, 2, sessionMinutes: 30), new LearnerAccommodations(1.25), [.. history]);
    }

    private static LearningPlan Plan()
    {
        var clock = new FakeTimeProvider(Now);
        var planner = new LearningPlanner(clock: clock);
        var plan = planner.Activate(planner.Draft(Request(), [new PlanMilestone("Half way", Now.AddDays(10), ["B", "C"])], new ExternalDeadline("State test", Now.AddDays(20))));
        clock.Advance(TimeSpan.FromDays(2));
        return planner.Update(plan, Request(Evidence.ForActivity("fail", "ana", "b-check", EvidenceOutcome.FromScore(0.2), Now)));
    }

    [Fact]
    public void LearningPlan_RoundTripsAgainstItsCatalog()
    {
        var plan = Plan();
        plan.Pathway.Steps.Should().Contain(s => s.Kind == PlaylistStepKind.Remediate, "the failed checkpoint added remediation");

        var json = PersonalizedLearningJson.Serialize(plan);
        var copy = PersonalizedLearningJson.DeserializeLearningPlan(json, Catalog);

        json.Should().StartWith("""{"schemaVersion":1,"status":"Active","pathway":{"schemaVersion":1,"learner":"ana","goals":[{"competency":"E","targetDate":"2026-10-07T09:00:00+00:00"}],"options":{"agency":"Choice","choicesPerStep":2,"sessionMinutes":30,"kinds":[],"passingScore":0.6,"remediateAfterFailures":3,"historyLimit":100},"timeFactor":1.25,"steps":[{"kind":"Remediate","competency":"A","choices":["a-lesson","a-practice"],"minutes":12.5,"dependsOn":[],"goals":["E"],"remediationFor":"B","reorderable":false},""");
        copy.Should().Be(plan);
        copy.Pathway.Sessions.Should().Equal(plan.Pathway.Sessions);
        copy.Catalog.Should().BeSameAs(Catalog);
    }

    [Fact]
    public void Playlist_RoundTrips_AndAReadPlaylistRePlansToTheSameResultAsABuild()
    {
        var playlist = PlaylistBuilder.Default.Build(Request());
        var copy = PersonalizedLearningJson.DeserializePlaylist(PersonalizedLearningJson.Serialize(playlist), Catalog);

        copy.Should().Be(playlist);
        var after = Request(Evidence.ForCompetency("b1", "ana", "B", EvidenceOutcome.Correct, Now), Evidence.ForCompetency("b2", "ana", "B", EvidenceOutcome.Correct, Now));
        PlaylistBuilder.Default.Replan(copy, after).Should().Be(PlaylistBuilder.Default.Build(after));
    }

    [Theory]
    [InlineData("minutes", "*Step 1 of the playlist has 999 minutes; its activities take 25 at time factor 1.25*")]
    [InlineData("foreign-choice", "*Step 1 of the playlist offers an activity or a checkpoint not aligned to 'B'*")]
    [InlineData("foreign-checkpoint", "*Step 1 of the playlist offers an activity or a checkpoint not aligned to 'B'*")]
    [InlineData("too-many-choices", "*Step 1 of the playlist offers 3 choices; the options allow 2*")]
    [InlineData("duplicate-choice", "*Step 1 of the playlist lists an activity twice among its choices*")]
    [InlineData("forward-dependency", "*Step 1 of the playlist depends on a competency that is not a prerequisite of 'B' on an earlier step*")]
    [InlineData("not-a-prerequisite", "*Step 3 of the playlist depends on a competency that is not a prerequisite of 'D' on an earlier step*")]
    [InlineData("duplicate-step", "*Step 5 of the playlist is a second learn step for 'B'*")]
    [InlineData("remediate-kind", "*Step 1 of the playlist is a remediation step without the competency it remediates*")]
    [InlineData("remediation-for", "*Step 1 of the playlist is a remediation step without the competency it remediates, or names one*")]
    [InlineData("goal", "*Step 1 of the playlist names a goal the playlist does not have*")]
    [InlineData("unknown-dependency", "The playlist document is not valid: Step 1 of the playlist has an undefined kind, a competency not in the framework, or minutes that are negative or not finite.")]
    [InlineData("unknown-goal", "The playlist document is not valid: Step 1 of the playlist has an undefined kind, a competency not in the framework, or minutes that are negative or not finite.")]
    [InlineData("remediation-unaligned", "The playlist document is not valid: Step 1 of the playlist offers an activity not aligned to 'A'.")]
    [InlineData("remediation-checkpoint", "The playlist document is not valid: Step 1 of the playlist is a remediation step with a checkpoint or dependencies.")]
    [InlineData("remediation-dependency", "The playlist document is not valid: Step 1 of the playlist is a remediation step with a checkpoint or dependencies.")]
    [InlineData("remediation-of-a-learn-step", "The playlist document is not valid: Step 3 of the playlist remediates 'D' with 'B'; a remediation step serves a learn step's competency with a prerequisite of it that has no learn step (a mastered one).")]
    [InlineData("remediated-twice", "The playlist document is not valid: Step 2 of the playlist remediates 'B' a second time.")]
    [InlineData("first-choice-changed", "The playlist document is not valid: Step 1 of the playlist offers [b-practice, b-lesson]; the builder's choice board for 'B' is [b-lesson, b-practice].")]
    public void Playlist_ADocumentTheBuilderWouldNotWrite_IsRefused(string edit, string message)
    {
        // Fresh review of issue 21: DeserializePlaylist accepted minutes that are not the activities', foreign checkpoints
        // and choices, forward dependencies and duplicate steps.
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(PlaylistBuilder.Default.Build(Request())))!;
        var steps = node["steps"]!.AsArray();
        string Describe(int i) => $"{steps[i]!["kind"]} {steps[i]!["competency"]} [{string.Join(",", steps[i]!["dependsOn"]!.AsArray())}]";
        string.Join("; ", Enumerable.Range(0, steps.Count).Select(Describe)).Should().Be("Learn B []; Learn C []; Learn D [B,C]; Learn E [D]",
            "the edits start from the diamond's playlist with A mastered");
        var first = steps[0]!;
        switch (edit)
        {
            case "minutes": first["minutes"] = 999; break;
            case "foreign-choice": first["choices"] = new System.Text.Json.Nodes.JsonArray("e-lesson"); first["minutes"] = Catalog.GetActivity("e-lesson").EstimatedMinutes * 1.25 + 12.5; break;
            case "foreign-checkpoint": first["checkpoint"] = "e-check"; break;
            case "too-many-choices": first["choices"]!.AsArray().Add("b-check"); break;
            case "duplicate-choice": first["choices"] = new System.Text.Json.Nodes.JsonArray("b-lesson", "b-lesson"); break;
            case "forward-dependency": first["dependsOn"] = new System.Text.Json.Nodes.JsonArray("A"); break;
            case "not-a-prerequisite": steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray("B", "E"); break;
            case "duplicate-step": steps.Add(first.DeepClone()); break;
            case "remediate-kind": first["kind"] = "Remediate"; break;
            case "remediation-for": first["remediationFor"] = "C"; break;
            case "goal": first["goals"] = new System.Text.Json.Nodes.JsonArray("D"); break;

            // Each list of competencies a step names is checked against the framework, to its last entry.
            case "unknown-dependency": first["dependsOn"] = new System.Text.Json.Nodes.JsonArray("Z"); break;
            case "unknown-goal": first["goals"] = new System.Text.Json.Nodes.JsonArray("E", "Z"); break;

            // A remediation step for B (with A, its mastered prerequisite) put first, as the builder puts one after a failed
            // B checkpoint (a-lesson 10 minutes × 1.25 = 12.5), then edited: b-lesson (10 minutes too) is not aligned to A;
            // a checkpoint (a-check, 10 more minutes: 25) or a dependency is not a remediation step's.
            case "remediation-unaligned": steps.Insert(0, Remediation("A", "B", ["b-lesson"], 12.5)); break;
            case "remediation-checkpoint": steps.Insert(0, Remediation("A", "B", ["a-lesson", "a-practice"], 25, checkpoint: "a-check")); break;
            case "remediation-dependency": steps.Insert(0, Remediation("A", "B", ["a-lesson", "a-practice"], 12.5, dependsOn: "A")); break;

            // B has a learn step (step 1): it is not a mastered prerequisite that can serve D; and B is remediated once.
            case "remediation-of-a-learn-step": steps.Insert(2, Remediation("B", "D", ["b-lesson", "b-practice"], 12.5)); break;
            case "remediated-twice": steps.Insert(0, Remediation("A", "B", ["a-lesson", "a-practice"], 12.5)); steps.Insert(0, Remediation("A", "B", ["a-lesson", "a-practice"], 12.5)); break;

            // The choices swapped: b-practice (15 minutes) first, with b-check (10): (15 + 10) × 1.25 = 31.25.
            case "first-choice-changed": first["choices"] = new System.Text.Json.Nodes.JsonArray("b-practice", "b-lesson"); first["minutes"] = 31.25; break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), Catalog)).Should().Throw<JsonException>().WithMessage(message);
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(PersonalizedLearningJson.Serialize(PlaylistBuilder.Default.Build(Request())), Catalog))
            .Should().NotThrow("the builder's own playlist reads back");
    }

    private static System.Text.Json.Nodes.JsonObject Remediation(string competency, string remediationFor, string[] choices, double minutes, string? checkpoint = null, string? dependsOn = null)
    {
        var step = new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "Remediate",
            ["competency"] = competency,
            ["choices"] = new System.Text.Json.Nodes.JsonArray([.. choices.Select(c => (System.Text.Json.Nodes.JsonNode?)c)]),
            ["minutes"] = minutes,
            ["dependsOn"] = dependsOn is null ? new System.Text.Json.Nodes.JsonArray() : new System.Text.Json.Nodes.JsonArray(dependsOn),
            ["goals"] = new System.Text.Json.Nodes.JsonArray("E"),
            ["remediationFor"] = remediationFor,
            ["reorderable"] = false,
        };
        if (checkpoint is not null)
        {
            step["checkpoint"] = checkpoint;
        }

        return step;
    }

    [Theory]
    [InlineData("step-removed", "*Step 1 of the playlist teaches 'B', which is neither an unmastered goal nor a prerequisite of another learn step*")]
    [InlineData("depends-on-emptied", "*Step 3 of the playlist depends on []; the builder gives [B, C] (a learn step's prerequisites that have learn steps*")]
    [InlineData("depends-on-shortened", "*Step 3 of the playlist depends on [B]; the builder gives [B, C]*")]
    [InlineData("depends-on-reordered", "*Step 3 of the playlist depends on [C, B]; the builder gives [B, C]*")]
    [InlineData("steps-reordered", "*Step 1 of the playlist is a learn step for 'C'; the builder gives a learn step for 'B' there (steps in order of their goals' earliest date*")]
    [InlineData("remediation-misplaced", "*Step 1 of the playlist is a learn step for 'B'; the builder gives a remediation step for 'A' there*")]
    [InlineData("remediation-not-a-prerequisite", "*Step 3 of the playlist remediates 'D' with 'A'; a remediation step serves a learn step's competency with a prerequisite of it that has no learn step*")]
    [InlineData("step-goals-emptied", "*Step 1 of the playlist leads to goals []; the goals whose way reaches it are [E]*")]
    [InlineData("step-goals-duplicated", "*Step 1 of the playlist leads to goals [E, E]; the goals whose way reaches it are [E]*")]
    [InlineData("choice-dropped", "*Step 1 of the playlist offers [b-lesson]; the builder's choice board for 'B' is [b-lesson, b-practice]*")]
    [InlineData("choice-changed", "*Step 1 of the playlist offers [b-lesson, b-check]; the builder's choice board for 'B' is [b-lesson, b-practice]*")]
    [InlineData("checkpoint-dropped", "*Step 1 of the playlist has checkpoint ''; the builder's checkpoint for 'B' is 'b-check'*")]
    [InlineData("reorderable-flipped", "*Step 1 of the playlist is reorderable; at agency Choice the builder makes it not reorderable*")]
    [InlineData("steps-null", "*A playlist lists its steps (an empty list when every goal is mastered); got null*")]
    public void Playlist_ADocumentWhoseDerivedFieldsAreNotTheBuilders_IsRefused(string edit, string message)
    {
        // Fresh review of issue 21 (A1): every step was checked to be legal on its own, not to be what the builder
        // derives; the reader now rebuilds with the builder's parts from the document's learn steps and compares.
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(PlaylistBuilder.Default.Build(Request())))!;
        var steps = node["steps"]!.AsArray();
        string.Join("; ", steps.Select(s => $"{s!["kind"]} {s["competency"]} [{string.Join(",", s["dependsOn"]!.AsArray())}] [{string.Join(",", s["choices"]!.AsArray())}] {s["checkpoint"]}"))
            .Should().Be("Learn B [] [b-lesson,b-practice] b-check; Learn C [] [c-lesson,c-practice] c-check; Learn D [B,C] [d-lesson,d-practice] d-check; Learn E [D] [e-lesson,e-practice] e-check",
                "the edits start from the diamond's playlist with A mastered");
        var first = steps[0]!;
        var remediation = System.Text.Json.Nodes.JsonNode.Parse(
            """{"kind":"Remediate","competency":"A","choices":["a-lesson","a-practice"],"minutes":12.5,"dependsOn":[],"goals":["E"],"remediationFor":"B","reorderable":false}""")!;
        switch (edit)
        {
            // D left out, and E's dependency on it with it: B and C now lead nowhere (were D mastered, so would they be).
            case "step-removed": steps.RemoveAt(2); steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray(); break;
            case "depends-on-emptied": steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray(); break;
            case "depends-on-shortened": steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray("B"); break;
            case "depends-on-reordered": steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray("C", "B"); break;
            case "steps-reordered": steps.RemoveAt(0); steps.Insert(1, first); break;

            // Remediating B with A is what the builder does after a failed B checkpoint, but right before B, not after it.
            case "remediation-misplaced": steps.Insert(1, remediation); break;
            case "remediation-not-a-prerequisite": remediation["remediationFor"] = "D"; steps.Insert(2, remediation); break;
            case "step-goals-emptied": first["goals"] = new System.Text.Json.Nodes.JsonArray(); break;
            case "step-goals-duplicated": first["goals"] = new System.Text.Json.Nodes.JsonArray("E", "E"); break;

            // Minutes are the first choice's and the checkpoint's, so these edits keep them right.
            case "choice-dropped": first["choices"] = new System.Text.Json.Nodes.JsonArray("b-lesson"); break;
            case "choice-changed": first["choices"] = new System.Text.Json.Nodes.JsonArray("b-lesson", "b-check"); break;
            case "checkpoint-dropped": first.AsObject().Remove("checkpoint"); first["minutes"] = 12.5; break;
            case "reorderable-flipped": first["reorderable"] = true; break;
            case "steps-null": node["steps"] = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), Catalog)).Should().Throw<JsonException>().WithMessage(message);
    }

    [Theory]
    [InlineData("step-goals-changed", "*Step 2 of the playlist leads to goals [C]; the goals whose way reaches it are [E]*")]
    [InlineData("step-goals-reordered", "*Step 1 of the playlist leads to goals [E, C]; the goals whose way reaches it are [C, E]*")]
    [InlineData("playlist-goal-twice", "The playlist document is not valid: Goal 'C' is given twice.*")]
    public void Playlist_WithTwoGoals_ADocumentWhoseGoalsAreNotTheBuilders_IsRefused(string edit, string message)
    {
        var request = new PlaylistRequest(Catalog, Request().Mastery, [new LearningGoal("C", Now.AddDays(10)), new LearningGoal("E", Now.AddDays(30))], Request().Options, new LearnerAccommodations(1.25));
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(PlaylistBuilder.Default.Build(request)))!;
        var steps = node["steps"]!.AsArray();
        string.Join("; ", steps.Select(s => $"{s!["competency"]} [{string.Join(",", s["goals"]!.AsArray())}]")).Should().Be("C [C,E]; B [E]; D [E]; E [E]",
            "C leads to both goals and comes first by its goal's earlier date");
        switch (edit)
        {
            case "step-goals-changed": steps[1]!["goals"] = new System.Text.Json.Nodes.JsonArray("C"); break;
            case "step-goals-reordered": steps[0]!["goals"] = new System.Text.Json.Nodes.JsonArray("E", "C"); break;
            case "playlist-goal-twice": node["goals"]!.AsArray().Insert(0, node["goals"]![0]!.DeepClone()); break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), Catalog)).Should().Throw<JsonException>().WithMessage(message);
    }

    [Theory]
    [InlineData("A", "project-dropped", "*Step 3 of the playlist is a learn step for 'D'; the builder gives project step 'bc-project' for 'B' there*")]
    [InlineData("A", "project-moved", "*Step 3 of the playlist is a learn step for 'D'; the builder gives project step 'bc-project' for 'B' there*")]
    [InlineData("A", "project-dependencies-shortened", "*Step 3 of the playlist depends on [B]; the builder gives [B, C]*")]
    [InlineData("A", "project-goals-emptied", "*Step 3 of the playlist leads to goals []; the goals whose way reaches it are [E]*")]
    [InlineData("A,C", "project-added", "*Step 2 of the playlist is project step 'bc-project' for 'B'; the builder gives a learn step for 'D' there*")]
    [InlineData("A,C", "project-appended", "The playlist document is not valid: Step 4 of the playlist is project step 'bc-project' for 'B'; the builder gives no step there (steps in order of their goals' earliest date, then the framework's sequence; a remediation step right before the step it serves; a project after the last learn step it integrates, whenever it integrates two or more and nothing else unmastered).")]
    [InlineData("A", "project-no-choices", "The playlist document is not valid: Step 3 of the playlist is a project step that is not one project activity.")]
    [InlineData("A", "project-with-checkpoint", "The playlist document is not valid: Step 3 of the playlist is a project step that is not one project activity.")]
    [InlineData("A", "project-not-a-project", "The playlist document is not valid: Step 3 of the playlist is a project step that is not one project activity.")]
    [InlineData("A", "project-twice", "The playlist document is not valid: Step 4 of the playlist places project 'bc-project' a second time.")]
    [InlineData("A", "project-dependencies-emptied", "The playlist document is not valid: Step 3 of the playlist is a project step whose competencies are not the project's, its own first.")]
    [InlineData("A", "project-dependencies-not-its-own-first", "The playlist document is not valid: Step 3 of the playlist is a project step whose competencies are not the project's, its own first.")]
    [InlineData("A", "project-dependency-not-aligned", "The playlist document is not valid: Step 3 of the playlist is a project step whose competencies are not the project's, its own first.")]
    [InlineData("A", "project-before-its-competency", "The playlist document is not valid: Step 2 of the playlist is project step 'bc-project' for 'B'; the builder gives a learn step for 'C' there*")]
    public void Playlist_ADocumentWhoseProjectsAreNotTheBuilders_IsRefused(string mastered, string edit, string message)
    {
        // A project aligned to B and C only: placed after the later of them whenever both have learn steps (nothing else
        // it needs can be unmastered), never when one of them is mastered.
        var builder = new ActivityCatalogBuilder(Catalog.Framework);
        foreach (var activity in Catalog.Activities)
        {
            builder.Add(activity);
        }

        var catalog = builder.Add(new LearningActivity("bc-project", "B and C project", ActivityKind.Project, 40, [new("B"), new("C")], LearningModality.HandsOn)).Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var log = mastered.Split(',').SelectMany(c => new[] { Evidence.ForCompetency($"{c}1", "ana", c, EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"{c}2", "ana", c, EvidenceOutcome.Correct, Now) });
        var request = new PlaylistRequest(catalog, engine.Assess(engine.Rebuild("ana", log), Now), [new LearningGoal("E", Now.AddDays(30))], Request().Options, new LearnerAccommodations(1.25));
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(PlaylistBuilder.Default.Build(request)))!;
        var steps = node["steps"]!.AsArray();
        var layout = string.Join("; ", steps.Select(s => $"{s!["kind"]} {s["competency"]} [{string.Join(",", s["dependsOn"]!.AsArray())}]"));
        switch (edit)
        {
            case "project-dropped": steps.RemoveAt(2); break;
            case "project-moved": var project = steps[2]!; steps.RemoveAt(2); steps.Add(project); break;
            case "project-dependencies-shortened": steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray("B"); break;
            case "project-goals-emptied": steps[2]!["goals"] = new System.Text.Json.Nodes.JsonArray(); break;
            case "project-added":
                steps.Insert(1, System.Text.Json.Nodes.JsonNode.Parse(
                    """{"kind":"Project","competency":"B","choices":["bc-project"],"minutes":50,"dependsOn":["B"],"goals":["E"],"reorderable":false}"""));
                break;

            // After the last step, where the builder (C mastered) places nothing: every step before it is the builder's.
            case "project-appended":
                steps.Add(System.Text.Json.Nodes.JsonNode.Parse(
                    """{"kind":"Project","competency":"B","choices":["bc-project"],"minutes":50,"dependsOn":["B"],"goals":["E"],"reorderable":false}"""));
                break;

            // The project step's own rules. Its minutes are its one activity's (40 × 1.25 = 50, a checkpoint not counted;
            // none: 0; b-lesson's 10 × 1.25 = 12.5); its competencies are the project's, its own first.
            case "project-no-choices": steps[2]!["choices"] = new System.Text.Json.Nodes.JsonArray(); steps[2]!["minutes"] = 0; break;
            case "project-with-checkpoint": steps[2]!["checkpoint"] = "b-check"; break;
            case "project-not-a-project": steps[2]!["choices"] = new System.Text.Json.Nodes.JsonArray("b-lesson"); steps[2]!["minutes"] = 12.5; break;
            case "project-twice": steps.Insert(3, steps[2]!.DeepClone()); break;
            case "project-dependencies-emptied": steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray(); break;
            case "project-dependencies-not-its-own-first": steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray("C", "B"); break;
            case "project-dependency-not-aligned": steps[2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray("B", "C", "D"); break;

            // The project before C's learn step: D's dependency on C is on an earlier step through the project, so the
            // steps are each legal, and it is the order that is not the builder's.
            case "project-before-its-competency":
                var (learnB, learnC, placed, learnD, learnE) = (steps[0]!, steps[1]!, steps[2]!, steps[3]!, steps[4]!);
                steps.Clear();
                foreach (var step in new[] { learnB, placed, learnD, learnC, learnE })
                {
                    steps.Add(step);
                }

                break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        layout.Should().Be(mastered == "A" ? "Learn B []; Learn C []; Project B [B,C]; Learn D [B,C]; Learn E [D]" : "Learn B []; Learn D [B]; Learn E [D]",
            "the edits start from the builder's playlist");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), catalog)).Should().Throw<JsonException>().WithMessage(message);
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(PersonalizedLearningJson.Serialize(PlaylistBuilder.Default.Build(request)), catalog))
            .Should().NotThrow("the builder's own playlist reads back");
    }

    private static ActivityCatalog WithProject(string id, params string[] competencies)
    {
        var builder = new ActivityCatalogBuilder(Catalog.Framework);
        foreach (var activity in Catalog.Activities)
        {
            builder.Add(activity);
        }

        return builder.Add(new LearningActivity(id, "Project", ActivityKind.Project, 40, [.. competencies.Select(c => new ActivityAlignment(c))], LearningModality.HandsOn)).Build();
    }

    private static Playlist Build(ActivityCatalog catalog, string mastered, string goal)
    {
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var log = mastered.Split(',').SelectMany(c => new[] { Evidence.ForCompetency($"{c}1", "ana", c, EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"{c}2", "ana", c, EvidenceOutcome.Correct, Now) });
        return PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, engine.Assess(engine.Rebuild("ana", log), Now), [new LearningGoal(goal, Now.AddDays(30))],
            Request().Options, new LearnerAccommodations(1.25)));
    }

    private static string Layout(Playlist playlist) => string.Join("; ", playlist.Steps.Select(s => $"{s.Kind} {s.Competency} [{string.Join(",", s.DependsOn)}]"));

    [Fact]
    public void Playlist_AProjectAlignedOutsideTheGoalsWay_ReadsBack_TheCompetencyTakenAsMastered()
    {
        // A project aligned to B, C and E, for goal D with A and E mastered: E is not on D's way, so nothing but the
        // project says it is mastered, and it is (a project is placed only when what it integrates outside the playlist is).
        var catalog = WithProject("bce-project", "B", "C", "E");
        var playlist = Build(catalog, "A,E", "D");
        Layout(playlist).Should().Be("Learn B []; Learn C []; Project B [B,C]; Learn D [B,C]");

        PersonalizedLearningJson.DeserializePlaylist(PersonalizedLearningJson.Serialize(playlist), catalog).Should().Be(playlist);
    }

    [Fact]
    public void Playlist_ADocumentWithoutItsLastStep_IsRefused_NamingTheStepThatIsMissing()
    {
        // A project aligned to D and E comes after E's learn step, the last: a document without it is the builder's up to
        // its end, and the step after it is missing.
        var catalog = WithProject("de-project", "D", "E");
        var playlist = Build(catalog, "A", "E");
        Layout(playlist).Should().Be("Learn B []; Learn C []; Learn D [B,C]; Learn E [D]; Project D [D,E]");
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(playlist))!;
        PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), catalog).Should().Be(playlist);
        node["steps"]!.AsArray().RemoveAt(4);

        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), catalog)).Should().ThrowExactly<JsonException>()
            .WithMessage("The playlist document is not valid: Step 5 of the playlist is missing; the builder gives project step 'de-project' for 'D' there (steps in order*");
    }

    [Fact]
    public void Playlist_StepMinutes_AreTheirActivitiesWithinARelativeRoundingTolerance()
    {
        // The tolerance is 1e-9 of the minutes, and at least 1e-9. B's step takes (10 + 10) × 1.25 = 25 minutes: 25.00000001
        // (1e-8 off, within 2.5e-8) reads, 25.0000001 (1e-7 off) does not.
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(PlaylistBuilder.Default.Build(Request())))!;
        var first = node["steps"]![0]!;
        ((double)first["minutes"]!).Should().Be(25);
        first["minutes"] = 25.00000001;
        PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), Catalog).Steps[0].Minutes.Should().Be(25.00000001);
        first["minutes"] = 25.0000001;
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), Catalog)).Should().ThrowExactly<JsonException>()
            .WithMessage("The playlist document is not valid: Step 1 of the playlist has 25.0000001 minutes; its activities take 25 at time factor 1.25.");

        // At 0 minutes (a project step left without its activity) the tolerance is 1e-9 itself: exactly 1e-9 passes the
        // minutes rule, and the step is refused for what it is; 2e-9 does not pass it.
        var catalog = WithProject("bc-project", "B", "C");
        var projectNode = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(Build(catalog, "A", "E")))!;
        var project = projectNode["steps"]![2]!;
        ((string?)project["kind"]).Should().Be("Project");
        project["choices"] = new System.Text.Json.Nodes.JsonArray();
        project["minutes"] = 1e-9;
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(projectNode.ToJsonString(), catalog)).Should().ThrowExactly<JsonException>()
            .WithMessage("The playlist document is not valid: Step 3 of the playlist is a project step that is not one project activity.");
        project["minutes"] = 2e-9;
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(projectNode.ToJsonString(), catalog)).Should().ThrowExactly<JsonException>()
            .WithMessage("The playlist document is not valid: Step 3 of the playlist has 2E-09 minutes; its activities take 0 at time factor 1.25.");
    }

    [Fact]
    public void Playlist_AStepMadeNotReorderable_IsRefused_NamingWhatTheBuilderMakesIt()
    {
        // Self-directed, the builder makes steps reorderable; the document's flag is compared with it.
        var request = Request();
        var options = new PlaylistOptions(AgencyLevel.SelfDirected, 2, sessionMinutes: 30);
        var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(Catalog, request.Mastery, request.Goals, options, request.Accommodations));
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(playlist))!;
        var steps = node["steps"]!.AsArray();
        var first = steps.Select((s, i) => (Step: s!, Number: i + 1)).First(s => (bool)s.Step["reorderable"]!);
        first.Step["reorderable"] = false;

        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), Catalog)).Should().ThrowExactly<JsonException>()
            .WithMessage($"The playlist document is not valid: Step {first.Number} of the playlist is not reorderable; at agency SelfDirected the builder makes it reorderable.");
    }

    [Theory]
    [InlineData("G", "U", "Learn D", "U")] // G, not mastered, is walked through to its child U
    [InlineData("U,G", "U", "Learn D", "U")] // U met first, then again through G: listed once
    [InlineData("G,U", "G,U", "", "U,G")] // both mastered, both listed
    public void Playlist_TheMasteredParentsWithoutSteps_AreListedOnceEach_AsTheWalkMeetsThem(string goals, string mastered, string steps, string listed)
    {
        // TestData.Units: G ⊃ {U, D}, U ⊃ {B, C}, B → C; U and G have no activity, so they have no step, mastered or not,
        // and the document lists those the builder's walk met and found mastered (masteredParents). Mastered here by a
        // teacher's evidence on the parent itself. The walk starts from the goals, in their order, and hands out the
        // parents last met first.
        var catalog = TestData.Units();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var teacher = engine.Assess(engine.Rebuild("ana", mastered.Split(',').SelectMany(c => new[]
        {
            Evidence.ForCompetency($"{c}1", "ana", c, EvidenceOutcome.Correct, Now.AddDays(-1)), Evidence.ForCompetency($"{c}2", "ana", c, EvidenceOutcome.Correct, Now.AddDays(-1)),
        })), Now);
        var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, teacher, [.. goals.Split(',').Select(g => new LearningGoal(g))]));
        string.Join("; ", playlist.Steps.Select(s => $"{s.Kind} {s.Competency}")).Should().Be(steps);
        var json = PersonalizedLearningJson.Serialize(playlist);

        json.Should().EndWith($"\"masteredParents\":[{string.Join(",", listed.Split(',').Select(p => $"\"{p}\""))}]}}");
        PersonalizedLearningJson.DeserializePlaylist(json, catalog).Should().Be(playlist);
    }

    [Theory]
    [InlineData(false, "The playlist document is not valid: The playlist lists 'B' among its mastered parents, but it is not a parent without an activity on the way to a goal (only such a parent, which has no step, is listed).")]
    [InlineData(true, "The playlist document is not valid: The playlist lists 'B' among its mastered parents, but it is not a parent without an activity of the included kinds on the way to a goal (only such a parent, which has no step, is listed).")]
    public void Playlist_AMasteredParentListedThatTheWalkDoesNotMeet_IsRefused_NamingTheKindsWhenTheyAreLimited(bool kinds, string message)
    {
        // TestData.Units, U mastered by a teacher, goals U and C: the document lists U. B has activities, so it is never a
        // parent without one; with kinds given, the message says the parents are those without an activity of them.
        var catalog = TestData.Units();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var teacher = engine.Assess(engine.Rebuild("ana", [Evidence.ForCompetency("t1", "ana", "U", EvidenceOutcome.Correct, Now.AddDays(-1)),
            Evidence.ForCompetency("t2", "ana", "U", EvidenceOutcome.Correct, Now.AddDays(-1))]), Now);
        var options = kinds ? new PlaylistOptions(kinds: [ActivityKind.Practice, ActivityKind.Assessment]) : null;
        var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, teacher, [new LearningGoal("U"), new LearningGoal("C")], options));
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(playlist))!;
        node["masteredParents"]!.AsArray().Select(p => (string?)p).Should().Equal("U");
        PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), catalog).Should().Be(playlist);
        node["masteredParents"]!.AsArray().Add("B");

        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), catalog)).Should().ThrowExactly<JsonException>().WithMessage(message);
    }

    [Fact]
    public void Playlist_WithNoSteps_IsReadOnlyAsTheBuildForEveryGoalMastered()
    {
        // The writer always writes an array; [] is what the builder gives a learner who has mastered every goal. A document
        // has no mastery, so [] reads as that playlist, whatever steps it had before.
        var log = new[] { "A", "B", "C", "D", "E" }.SelectMany(c => new[] { Evidence.ForCompetency($"{c}1", "ana", c, EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"{c}2", "ana", c, EvidenceOutcome.Correct, Now) });
        var request = Request();
        var mastered = PlaylistBuilder.Default.Build(new PlaylistRequest(Catalog, Engine.Assess(Engine.Rebuild("ana", log), Now), request.Goals, request.Options, request.Accommodations));
        mastered.Steps.Should().BeEmpty();
        mastered.Sessions.Should().BeEmpty();
        var json = PersonalizedLearningJson.Serialize(mastered);
        json.Should().Contain("\"steps\":[]");

        PersonalizedLearningJson.DeserializePlaylist(json, Catalog).Should().Be(mastered);
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(PlaylistBuilder.Default.Build(request)))!;
        node["steps"] = new System.Text.Json.Nodes.JsonArray();
        PersonalizedLearningJson.DeserializePlaylist(node.ToJsonString(), Catalog).Should().Be(mastered);
    }

    [Fact]
    public void LearningPlan_APathwayWhoseDependenciesAreNotTheBuilders_IsRefused()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(Plan()))!;
        var steps = node["pathway"]!["steps"]!.AsArray();
        var d = steps.Single(s => (string?)s!["competency"] == "D")!;
        d["dependsOn"]!.AsArray().Select(c => (string?)c).Should().Equal("B", "C");
        d["dependsOn"] = new System.Text.Json.Nodes.JsonArray("B");

        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeLearningPlan(node.ToJsonString(), Catalog)).Should().Throw<JsonException>()
            .WithMessage("The learning plan document is not valid: Step * of the playlist depends on [B]; the builder gives [B, C]*");
    }

    [Theory]
    [InlineData("goals")]
    [InlineData("milestones")]
    public void PacingProjection_ANullEntry_IsRefusedWithJsonException(string list)
    {
        // Fresh review (second): a null goal entry gave NullReferenceException from the projection's own check.
        var planner = new LearningPlanner(clock: new FakeTimeProvider(Now.AddDays(3)));
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(planner.Project(Plan(), new PacingOptions(90), [])))!;
        node[list]!.AsArray().Count.Should().BePositive("the edit replaces an entry");
        node[list]![0] = null;
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PacingProjection>(node.ToJsonString())).Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData("status-complete", "*its status is Complete, but its history leaves it Active*")]
    [InlineData("status-draft", "*its status is Draft, but its history leaves it Active*")]
    [InlineData("created-twice", "*its history is not created once*")]
    [InlineData("activated-twice", "*its history is not created once, activated at most once*")]
    [InlineData("completed-not-last", "*completed at most once, last*")]
    [InlineData("milestone-off-the-way", "*Milestone 'Half way' names competency 'U', which is on no goal's way*")]
    [InlineData("milestone-before-creation", "*Milestone 'Half way' (2020-01-01T00:00:00.0000000+00:00) is before now*")]
    [InlineData("deadline-before-creation", "*Deadline 'State test' (2020-01-01T00:00:00.0000000+00:00) is before now*")]
    [InlineData("milestones-out-of-order", "*milestones are kept by date, then title*")]
    [InlineData("milestone-twice", "*Milestone 'Half way' (2026-09-17T09:00:00.0000000+00:00) is listed twice; a plan holds each milestone once*")]
    [InlineData("creation-without-moment", "*missing required properties*at*")]
    [InlineData("pathway-options-null", "*A playlist states its options; got null*")]
    public void LearningPlan_ADocumentThePlannerWouldNotWrite_IsRefused(string edit, string message)
    {
        // Fresh review of issue 21: the plan reader checked the pathway only.
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(Plan()))!;
        var history = node["history"]!.AsArray();
        ((string?)node["status"], history.Count).Should().Be(("Active", 3), "the edits start from an active plan: created, activated, re-planned");
        var change = (string kind) => System.Text.Json.Nodes.JsonNode.Parse($$"""{"at":"{{Now.AddDays(5):O}}","kind":"{{kind}}","summary":"x"}""");
        switch (edit)
        {
            case "status-complete": node["status"] = "Complete"; break;
            case "status-draft": node["status"] = "Draft"; break;
            case "created-twice": history.Add(change("Created")); break;
            case "activated-twice": history.Add(change("Activated")); break;
            case "completed-not-last": history.Add(change("Completed")); history.Add(change("Replanned")); node["status"] = "Complete"; break;
            case "milestone-off-the-way": node["milestones"]![0]!["competencies"] = new System.Text.Json.Nodes.JsonArray("U"); break;
            case "milestone-before-creation": node["milestones"]![0]!["date"] = "2020-01-01T00:00:00+00:00"; break;
            case "deadline-before-creation": node["deadline"]!["date"] = "2020-01-01T00:00:00+00:00"; break;
            case "creation-without-moment": history[0]!.AsObject().Remove("at"); break; // was read as a creation in year 1
            case "pathway-options-null": node["pathway"]!["options"] = null; break;      // was read with the defaults
            case "milestone-twice": node["milestones"]!.AsArray().Add(node["milestones"]![0]!.DeepClone()); break;
            case "milestones-out-of-order":
                var second = node["milestones"]![0]!.DeepClone();
                second["date"] = Now.AddDays(5).ToString("O");
                second["title"] = "Earlier";
                node["milestones"]!.AsArray().Add(second);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeLearningPlan(node.ToJsonString(), Catalog)).Should().Throw<JsonException>().WithMessage(message);
    }

    [Theory]
    [InlineData("goal-remaining", "*the forecast of goal * is not one the planner makes: its completion * is not 0 minutes at 90 a week from*")]
    [InlineData("goal-required", "*the forecast of goal * is not one the planner makes: its weekly time is not its * minutes over the * weeks to its date*")]
    [InlineData("goal-status", "*the forecast of goal * is not one the planner makes: it is OffTrack at * minutes a week against 90 planned*")]
    [InlineData("milestone-completion", "*the forecast of milestone 'Half way' is not one the planner makes: its completion*")]
    [InlineData("overall-status", "*its overall status Complete and weekly time are not the tally of its goals and milestones*")]
    [InlineData("overall-minutes", "*its overall minutes (1) are not its goals' longest (*)*")]
    [InlineData("pace", "*its observed pace is not its actual minutes over its estimated minutes*")]
    [InlineData("complete-with-minutes", "*it is complete with minutes left*")]
    public void PacingProjection_AForecastThePlannerWouldNotMake_IsRefused(string edit, string message)
    {
        // Fresh review of issue 21: a goal on track with no minutes left and a weekly time to make, and paces whose parts
        // disagree, were read. Each forecast must be what the planner makes of its own minutes against its date.
        var planner = new LearningPlanner(clock: new FakeTimeProvider(Now.AddDays(3)));
        var plan = Plan();
        var projection = planner.Project(plan, new PacingOptions(90), [new Evidence("t", "ana", EvidenceOutcome.Correct, Now, activity: "b-practice", duration: TimeSpan.FromMinutes(20)),
            new Evidence("u", "ana", EvidenceOutcome.Correct, Now, activity: "b-check", duration: TimeSpan.FromMinutes(20)), new Evidence("v", "ana", EvidenceOutcome.Correct, Now, activity: "a-check", duration: TimeSpan.FromMinutes(20))]);
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(projection))!;
        var goal = node["goals"]![0]!["forecast"]!;
        ((string?)goal["status"], projection.Pace.IsObserved).Should().Be(("OnTrack", true), "the edits start from a dated goal on track and an observed pace");
        switch (edit)
        {
            case "goal-remaining": goal["remainingMinutes"] = 0; break;
            case "goal-required": goal["requiredMinutesPerWeek"] = 1; break;
            case "goal-status": goal["status"] = "OffTrack"; break;
            case "milestone-completion": node["milestones"]![0]!["forecast"]!["projectedCompletion"] = Now.AddYears(1).ToString("O"); break;
            case "overall-status": node["overall"]!["status"] = "Complete"; break;
            case "overall-minutes": node["overall"]!["remainingMinutes"] = 1; break;
            case "pace": node["pace"]!["factor"] = 1.5; break;
            case "complete-with-minutes": goal["status"] = "Complete"; break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PacingProjection>(node.ToJsonString())).Should().Throw<JsonException>().WithMessage(message);
    }

    [Theory]
    [InlineData("unobserved-factor-below-1", "*its factor 0.5 is not a pace (observed: within [0.1, 10]; not observed: the extended-time factor, within [1, 10])*")]
    [InlineData("unobserved-factor-above-10", "*its factor 12 is not a pace (observed: within [0.1, 10]; not observed: the extended-time factor, within [1, 10])*")]
    [InlineData("minutes-without-evidence", "*it counts 0 timed pieces of evidence with 30 actual and 0 estimated minutes*")]
    [InlineData("evidence-without-estimate", "*it counts 2 timed pieces of evidence with 0 actual and 0 estimated minutes*")]
    [InlineData("extra-negative", "*its extra minutes per week (-5) are not what its overall weekly time and its planned 90 give (0)*")]
    [InlineData("extra-other", "*its extra minutes per week (12) are not what its overall weekly time and its planned 90 give (0)*")]
    [InlineData("milestone-twice", "*milestone 'Half way' on 2026-09-17T09:00:00.0000000+00:00 is projected twice*")]
    [InlineData("milestones-by-title", "*its milestones are not in date order, then title ('Half way' on * before 'Earlier title' on *)*")]
    public void PacingProjection_ADocumentThatContradictsItself_IsRefused(string edit, string message)
    {
        // Issue 21: an unobserved pace other than the extended-time factor, pace minutes without timed evidence, a derived
        // extra weekly time that its forecast does not give, and the same milestone twice were read. The plan's learner has
        // extended time (1.25) and no timed evidence: the planner projects at that factor, not observed.
        var planner = new LearningPlanner(clock: new FakeTimeProvider(Now.AddDays(3)));
        var projection = planner.Project(Plan(), new PacingOptions(90));
        (projection.Pace, projection.ExtraMinutesPerWeek, projection.Milestones.Length).Should().Be((new ObservedPace(1.25, false, 0, 0, 0), (double?)0, 1),
            "the edits start from an unobserved pace at the extended-time factor, on track, with one milestone");
        var json = PersonalizedLearningJson.Serialize(projection);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        switch (edit)
        {
            case "unobserved-factor-below-1": node["pace"]!["factor"] = 0.5; break;
            case "unobserved-factor-above-10": node["pace"]!["factor"] = 12; break;
            case "minutes-without-evidence": node["pace"]!["actualMinutes"] = 30; break;
            case "evidence-without-estimate": node["pace"]!["timedEvidence"] = 2; break;
            case "extra-negative": node["extraMinutesPerWeek"] = -5; break;
            case "extra-other": node["extraMinutesPerWeek"] = 12; break;
            case "milestone-twice": node["milestones"]!.AsArray().Add(node["milestones"]![0]!.DeepClone()); break;
            case "milestones-by-title":
                // Same date, same competencies, so the same forecast: only the order by title is wrong.
                var other = node["milestones"]![0]!.DeepClone();
                other["milestone"]!["title"] = "Earlier title";
                node["milestones"]!.AsArray().Add(other);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        var edited = node.ToJsonString();
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PacingProjection>(edited)).Should().ThrowExactly<JsonException>().WithMessage(message);
        FluentActions.Invoking(() => System.Text.Json.JsonSerializer.Deserialize<PacingProjection>(edited, PersonalizedLearningJson.Options)).Should().ThrowExactly<JsonException>().WithMessage(message);
        PersonalizedLearningJson.Deserialize<PacingProjection>(json).Should().Be(projection, "the document as written still reads");
    }

    [Fact]
    public void PacingProjection_ExtraMinutesPerWeek_IsDerived_AbsentReadsAndAWrongOneIsRefused()
    {
        // Left out, the extra weekly time is derived again; once a date has passed there is none, and the writer leaves it
        // out, so a document that states one then is refused.
        var clock = new FakeTimeProvider(Now.AddDays(3));
        var planner = new LearningPlanner(clock: clock);
        var plan = Plan();
        var onTrack = planner.Project(plan, new PacingOptions(90));
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(onTrack))!;
        ((double?)node["extraMinutesPerWeek"]).Should().Be(0);
        node.AsObject().Remove("extraMinutesPerWeek");
        var read = PersonalizedLearningJson.Deserialize<PacingProjection>(node.ToJsonString());
        read.Should().Be(onTrack);
        read.ExtraMinutesPerWeek.Should().Be(0);

        clock.Advance(TimeSpan.FromDays(10)); // past the milestone (day 10), before the goal (day 30)
        var late = planner.Project(plan, new PacingOptions(90));
        (late.Overall.RequiredMinutesPerWeek, late.ExtraMinutesPerWeek).Should().Be(((double?)null, (double?)null));
        var lateJson = PersonalizedLearningJson.Serialize(late);
        lateJson.Should().NotContain("extraMinutesPerWeek");
        PersonalizedLearningJson.Deserialize<PacingProjection>(lateJson).Should().Be(late);
        var stated = System.Text.Json.Nodes.JsonNode.Parse(lateJson)!;
        stated["extraMinutesPerWeek"] = 0;
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PacingProjection>(stated.ToJsonString())).Should().ThrowExactly<JsonException>()
            .WithMessage("*its extra minutes per week (0) are not what its overall weekly time and its planned 90 give (none: a date has passed)*");
    }

    [Fact]
    public void PacingProjection_AGoalLateOnlyThroughItsProjectStep_RoundTrips()
    {
        // Fresh review of issue 21 (false rejection): a goal whose last step is a long project is late for the deadline
        // while every learn step is in time; the reader required the late goals among the late learn steps and refused
        // the planner's own projection.
        var framework = new CompetencyFrameworkBuilder("F").AddCompetency("A", "a").AddCompetency("B", "b").AddPrerequisite("A", "B").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("a1", "A lesson", ActivityKind.Lesson, 10, [new("A")]))
            .Add(new LearningActivity("b1", "B practice", ActivityKind.Practice, 10, [new("B")]))
            .Add(new LearningActivity("p1", "AB project", ActivityKind.Project, 600, [new("A"), new("B")])).Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var planner = new LearningPlanner(clock: new FakeTimeProvider(Now));
        var plan = planner.Draft(engine.CreatePlaylistRequest(engine.CreateLearner("ana"), [new LearningGoal("B")], asOf: Now), deadline: new ExternalDeadline("Test", Now.AddDays(14)));
        var projection = planner.Project(plan, new PacingOptions(60));
        (projection.Deadline!.NotReached, projection.Deadline.GoalsNotReached).Should().BeEquivalentTo((ImmutableArray<CompetencyId>.Empty, ImmutableArray.Create<CompetencyId>("B")));

        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection);
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(projection))!;
        node["deadline"]!["goalsNotReached"] = new System.Text.Json.Nodes.JsonArray();
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PacingProjection>(node.ToJsonString())).Should().Throw<JsonException>()
            .WithMessage("*its deadline's goals not reached are not its goals that are not complete and projected after the deadline*");
    }

    [Theory]
    [InlineData("in-time", "competency-not-reached", "*its deadline lists competencies not reached (B), but the whole pathway is projected to end by the deadline*")]
    [InlineData("in-time", "deadline-complete", "*its deadline's forecast has 0 minutes left, not the whole pathway's *")]
    [InlineData("in-time", "overall-longer", "*its overall minutes (*) are not its goals' longest (*)*")]
    [InlineData("half-late", "early-goal-not-reached", "*its deadline does not reach the learn step of goal 'C', but lists the goal as reached*")]
    public void PacingProjection_ADeadlineThePlannerWouldNotProject_IsRefused(string scenario, string edit, string message)
    {
        // Fresh review of issue 21: a deadline's competencies not reached were not checked against its goals not reached.
        // The planner's relation: the deadline's forecast is the whole pathway's (the goals' longest minutes); a learn step
        // is late only when the pathway ends after the deadline; a goal whose own learn step is late is itself late.
        var (projection, node) = DeadlineProjection(scenario);
        var deadline = node["deadline"]!;
        switch (edit)
        {
            case "competency-not-reached":
                (projection.Deadline!.NotReached.IsEmpty, projection.Deadline.GoalsNotReached.IsEmpty).Should().Be((true, true), "the whole pathway ends by the deadline");
                deadline["notReached"] = new System.Text.Json.Nodes.JsonArray("B");
                break;
            case "deadline-complete":
                deadline["forecast"] = System.Text.Json.Nodes.JsonNode.Parse($$"""{"remainingMinutes":0,"projectedCompletion":"{{projection.AsOf:O}}","status":"Complete","requiredMinutesPerWeek":0}""");
                break;
            case "overall-longer":
                var minutes = projection.Overall.RemainingMinutes + 60;
                node["overall"]!["remainingMinutes"] = minutes;
                node["overall"]!["projectedCompletion"] = LearningPlanner.ProjectedEnd(minutes, projection.AsOf, projection.MinutesPerWeek).ToString("O");
                break;
            case "early-goal-not-reached":
                (projection.Deadline!.NotReached.Contains("C"), projection.Deadline.GoalsNotReached).Should().BeEquivalentTo((false, new CompetencyId[] { "E" }), "goal C is in time, goal E is late");
                deadline["notReached"]!.AsArray().Insert(0, "C");
                break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PacingProjection>(node.ToJsonString())).Should().ThrowExactly<JsonException>().WithMessage(message);
        FluentActions.Invoking(() => JsonSerializer.Deserialize<PacingProjection>(node.ToJsonString(), PersonalizedLearningJson.Options)).Should().ThrowExactly<JsonException>().WithMessage(message);
    }

    [Fact]
    public void Property_ThePlannersProjections_AreReadBack()
    {
        // The deadline relations the reader holds a projection to (its forecast is the whole pathway's, the goals' longest
        // minutes; a learn step late only when the pathway is; a goal whose learn step is late is late) must hold for
        // every projection the planner makes: random frameworks, catalogs with projects, goals, deadlines and weekly times.
        var reach = new BranchReach(output).Floor("a learn step not reached", 0.45).Floor("a goal in time while another is late", 0.12)
            .Floor("a goal late through a later step only", 0.005);
        Gen.Select(TestData.RandomDag, Gen.Int, Gen.Int[1, 120]).Sample((dag, seed, minutes) =>
        {
            using var scope = reach.Case();
            var random = new Random(seed);
            var framework = TestData.Build(dag);
            var builder = new ActivityCatalogBuilder(framework);
            for (var i = 0; i < dag.Count; i++)
            {
                builder.Add(new LearningActivity($"a{i}", $"A {i}", random.Next(3) == 0 ? ActivityKind.Lesson : ActivityKind.Practice, 5 + random.Next(60), [new($"c{i}")]));
                if (dag.Count > 1 && random.Next(4) == 0)
                {
                    builder.Add(new LearningActivity($"p{i}", $"P {i}", ActivityKind.Project, 30 + random.Next(300), [new($"c{i}"), new($"c{(i + 1) % dag.Count}")]));
                }
            }

            var catalog = builder.Build();
            var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
            var goals = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(dag.Count)).Distinct()
                .Select(g => new LearningGoal($"c{g}", random.Next(2) == 0 ? null : Now.AddDays(random.Next(1, 90)))).ToImmutableArray();
            var planner = new LearningPlanner(clock: new FakeTimeProvider(Now));
            var plan = planner.Draft(engine.CreatePlaylistRequest(engine.CreateLearner("ana"), goals, asOf: Now), deadline: new ExternalDeadline("Test", Now.AddDays(1 + random.Next(30))));
            var projection = planner.Project(plan, new PacingOptions(minutes));

            PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection, $"seed {seed}");
            var deadline = projection.Deadline!;
            scope.Hit("a learn step not reached", !deadline.NotReached.IsEmpty);
            scope.Hit("a goal in time while another is late", !deadline.GoalsNotReached.IsEmpty && deadline.GoalsNotReached.Length < projection.Goals.Length);
            scope.Hit("a goal late through a later step only", deadline.GoalsNotReached.Any(g => !deadline.NotReached.Contains(g) && plan.Pathway.Steps.Any(st => st.Kind == PlaylistStepKind.Learn && st.Competency == g)));
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }

    // A projection against a deadline, read back as written: "in-time" ends the whole pathway by the deadline; "half-late"
    // has two goals, C ending before the deadline and E after it.
    private static (PacingProjection Projection, System.Text.Json.Nodes.JsonNode Node) DeadlineProjection(string scenario)
    {
        var engine = new PersonalizedLearningEngine(Catalog, RollupMasteryModel.Latest());
        var planner = new LearningPlanner(clock: new FakeTimeProvider(Now));
        ImmutableArray<LearningGoal> goals = scenario == "in-time" ? [new LearningGoal("E")] : [new LearningGoal("C"), new LearningGoal("E")];
        var plan = planner.Draft(engine.CreatePlaylistRequest(engine.CreateLearner("ana"), goals, asOf: Now), deadline: new ExternalDeadline("Test", Now.AddDays(14)));
        var probe = planner.Project(plan, new PacingOptions(60));
        var (c, total) = (probe.Goals[0].Forecast.RemainingMinutes, probe.Overall.RemainingMinutes);
        if (scenario != "in-time")
        {
            c.Should().BeLessThan(total, "the first goal ends before the pathway does");
        }

        // In time: the pathway in a week. Half late: the deadline (two weeks) falls halfway between goal C's end and the pathway's.
        var projection = planner.Project(plan, new PacingOptions(scenario == "in-time" ? total : (c + total) / 2 / 2));
        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection, "the planner's own projection reads");
        return (projection, System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(projection))!);
    }

    [Fact]
    public void PacingProjection_RoundTrips()
    {
        var planner = new LearningPlanner(clock: new FakeTimeProvider(Now.AddDays(3)));
        var projection = planner.Project(Plan(), new PacingOptions(90), [new Evidence("t", "ana", EvidenceOutcome.Correct, Now, activity: "b-practice", duration: TimeSpan.FromMinutes(20))]);

        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection);
    }

    [Fact]
    public void BadDocuments_GetAClearError()
    {
        var json = PersonalizedLearningJson.Serialize(Plan());

        Read(json.Replace("\"b-lesson\"", "\"b-nowhere\"", StringComparison.Ordinal))
            .Should().Throw<JsonException>().WithMessage("The learning plan document is not valid: Activity 'b-nowhere' is not in the catalog*");
        Read(json.Replace("{\"schemaVersion\":1,\"status\"", "{\"schemaVersion\":2,\"status\"", StringComparison.Ordinal))
            .Should().Throw<JsonException>().WithMessage("This learning plan document has schemaVersion 2; this library reads schemaVersion 1.");
        Read(json.Replace("\"kind\":\"Created\"", "\"kind\":\"Activated\"", StringComparison.Ordinal))
            .Should().Throw<JsonException>().WithMessage("The learning plan document is not valid: A learning plan's history starts with its creation*");
        Read(json.Replace("\"timeFactor\":1.25", "\"timeFactor\":0.5", StringComparison.Ordinal))
            .Should().Throw<JsonException>().WithMessage("The learning plan document is not valid: A playlist's time factor must be in [1, 10]; got 0.5.");
        Read(json.Replace("\"competency\":\"D\"", "\"competency\":\"Q\"", StringComparison.Ordinal))
            .Should().Throw<JsonException>().WithMessage("The learning plan document is not valid: Step * of the playlist has an undefined kind, a competency not in the framework*");
        Read("null").Should().Throw<JsonException>().WithMessage("The JSON holds null, not a learning plan.");
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<LearningPlan>(json)).Should().Throw<NotSupportedException>()
            .WithMessage("A learning plan is read against its catalog: call PersonalizedLearningJson.DeserializeLearningPlan(json, catalog).*");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist("{}", null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("catalog");

        Func<LearningPlan> Read(string text) => () => PersonalizedLearningJson.DeserializeLearningPlan(text, Catalog);
    }
}

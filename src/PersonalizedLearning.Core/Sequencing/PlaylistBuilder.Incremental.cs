// Re-planning in time proportional to what changed: the simple change (newly mastered steps that depend on no other
// step and have no children) drops steps from the previous playlist, and any other change reuses the steps whose inputs are unchanged.

using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Sequencing;

public sealed partial class PlaylistBuilder
{
    // What changed from a previous playlist: its layout; the first old step position that is gone or has a new step
    // before it, and the last old position that is gone or has a new step after it. Steps before First and after Last
    // are the same in both, up to their DependsOn, which does not change their session items.
    private readonly record struct Change(PlaylistLayout Old, int First, int Last);

    // Re-planning in time proportional to what changed, when the change is simple: competencies newly mastered whose
    // steps depend on no other step and that are no parents (the usual case: the learner masters what is ready), nothing mastered lost, the
    // same catalog and extended time, and no project that could now be placed. Then the new playlist is the old one
    // without those steps (the order is a sort, so removal keeps it), their dependents' DependsOn updated, and
    // remediation found again from the new history. Null when the change is not simple: build instead.
    private static Playlist? Incremental(Playlist previous, PlaylistRequest request)
    {
        if (previous.CurrentLayout is not { } layout
            || !ReferenceEquals(layout.Request.Catalog, request.Catalog)
            || layout.Request.Accommodations.ExtendedTimeFactor != request.Accommodations.ExtendedTimeFactor)
        {
            return null;
        }

        var catalog = request.Catalog;
        var framework = catalog.Framework;
        var before = layout.Request.Mastery.MasteredBits;
        var after = request.Mastery.MasteredBits;
        var required = (ulong[])layout.Required.Clone();
        var dependents = new ulong[required.Length]; // of the competencies whose steps drop out
        for (var w = 0; w < before.Length; w++)
        {
            if ((before[w] & ~after[w]) != 0)
            {
                return null; // mastery lost: new prerequisites may be needed
            }

            for (var gained = after[w] & ~before[w]; gained != 0; gained &= gained - 1)
            {
                var c = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(gained);
                if (request.Options.Includes(ActivityKind.Project) && HasProject(catalog, c))
                {
                    return null; // a project aligned to it may now be placed
                }

                if (!framework.ChildIndices(c).IsEmpty)
                {
                    return null; // a parent: the children it reached may no longer be needed
                }

                if (CompetencyFramework.IsSet(layout.Required, c))
                {
                    foreach (var p in framework.PrerequisiteIndices(c))
                    {
                        // An unmastered prerequisite is on the way: a step, or a parent reached through its children.
                        if (!CompetencyFramework.IsSet(before, p))
                        {
                            return null; // its prerequisites on the way may no longer be needed
                        }
                    }

                    required[w] &= ~(1UL << c);
                    foreach (var d in framework.DependentIndices(c))
                    {
                        dependents[d >> 6] |= 1UL << d;
                    }
                }
            }
        }

        var remediation = Remediations(request, required);
        var old = layout.Steps;
        var steps = new PlaylistStep[old.Length + remediation.Count];
        var indices = new int[steps.Length];
        var count = 0;
        int first = int.MaxValue, last = -1; // the old positions bounding the change (see Change)
        for (var p = 0; p < old.Length; p++)
        {
            var step = old[p];
            if (step.Kind == PlaylistStepKind.Remediate)
            {
                continue; // decided with the step it serves, which follows it
            }

            var c = layout.Competency[p];
            var had = p > 0 && old[p - 1].Kind == PlaylistStepKind.Remediate ? old[p - 1] : null;
            if (!CompetencyFramework.IsSet(required, c))
            {
                Removed(had is null ? p : p - 1, p); // mastered: the step (and its remediation) drops out
                continue;
            }

            if (remediation.Count > 0 && remediation.TryGetValue(c, out var weakest))
            {
                var again = had is not null && layout.Competency[p - 1] == weakest && had.RemediationFor == step.Competency ? had : null;
                if (again is null)
                {
                    if (had is null)
                    {
                        Inserted(p);
                    }
                    else
                    {
                        Removed(p - 1, p - 1);
                    }
                }

                indices[count] = weakest;
                steps[count++] = again ?? RemediationStep(request.Terms, weakest, c, step.Goals);
            }
            else if (had is not null)
            {
                Removed(p - 1, p - 1);
            }

            if (CompetencyFramework.IsSet(dependents, c))
            {
                step = step with { DependsOn = DependsOn(framework, c, required) };
            }

            indices[count] = c;
            steps[count++] = step;
        }

        if (first == int.MaxValue && steps.AsSpan(0, count).SequenceEqual(old.AsSpan()))
        {
            return previous; // nothing changed: the same playlist, whose layout still describes a valid build
        }

        return Assemble(request, steps, indices, count, required, first == int.MaxValue ? new Change(layout, old.Length, old.Length - 1) : new Change(layout, first, last));

        // Old steps from..to are gone or replaced.
        void Removed(int from, int to)
        {
            first = Math.Min(first, from);
            last = Math.Max(last, to);
        }

        // A step is new before old step p.
        void Inserted(int p)
        {
            first = Math.Min(first, p);
            last = Math.Max(last, p - 1);
        }
    }

    private static bool HasProject(ActivityCatalog catalog, int competency)
    {
        foreach (var a in catalog.ActivityIndicesFor(competency))
        {
            if (catalog.Activities[a].Kind == ActivityKind.Project)
            {
                return true;
            }
        }

        return false;
    }

    // A step of the previous playlist is kept as it is when everything it was made from is unchanged: the same goals,
    // the same prerequisites in the playlist, the same extended time, and no project taking activities off its board.
    // Its choices and checkpoint depend on nothing else, so the result equals a fresh step.
    private static PlaylistStep? Reuse(Dictionary<CompetencyId, PlaylistStep>? reusable, PlaylistTerms terms, int competency, ulong[] inPlaylist, ImmutableArray<CompetencyId> goals, bool noProjects)
    {
        var framework = terms.Catalog.Framework;
        if (reusable is null || !noProjects || !reusable.TryGetValue(framework.Competencies[competency].Id, out var step) || !SequenceEquality.Equal(step.Goals, goals))
        {
            return null;
        }

        var k = 0;
        foreach (var prerequisite in framework.PrerequisiteIndices(competency))
        {
            if (CompetencyFramework.IsSet(inPlaylist, prerequisite) && (k >= step.DependsOn.Length || step.DependsOn[k++] != framework.Competencies[prerequisite].Id))
            {
                return null;
            }
        }

        return k == step.DependsOn.Length && step.EstimatedMinutes * terms.TimeFactor == step.Minutes ? step : null;
    }
}

using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Diagnostics;

namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// Turns the items and associations read from a package into a <see cref="CompetencyFramework"/>: <c>isChildOf</c>
/// gives the hierarchy (children, and the document's roots, ordered by sequenceNumber), <c>precedes</c> prerequisites,
/// <c>isPeerOf</c>, <c>isRelatedTo</c> and <c>exactMatchOf</c> related links. An association that would close a cycle,
/// links an item to itself or links an item left out for its problems is a problem and is dropped; every other
/// association, of any type and to any node, is kept for export.
/// </summary>
internal static class CaseFrameworkAssembler
{
    private const int Invalid = -2;

    /// <param name="fields">Keeps the problems.</param>
    /// <param name="document">The package's document.</param>
    /// <param name="items">The items read without problems, in package order.</param>
    /// <param name="associations">The associations read without problems, in package order.</param>
    /// <param name="definitions">CFDefinitions as JSON text, kept for export; null when absent.</param>
    /// <param name="invalidNodes">The identifiers of the items left out for their problems.</param>
    public static CaseFramework Build(CaseFieldReader fields, CaseDocument document, List<CaseReadItem> items, List<CaseReadAssociation> associations, string? definitions, HashSet<string> invalidNodes)
    {
        if (items.Count == 0)
        {
            // The builder refuses a framework with no competencies (ValidationRule.Empty); the reader says the same. A
            // document alone is valid CASE (a framework still being drafted), so ImportValid still gives it back, empty,
            // for export; AllOrNothing gives no framework.
            fields.Problem("$.CFItems", "empty", $"CFDocument '{document.Identifier}' ('{document.Title}') has no CFItems{(fields.ProblemCount > 0 ? " that could be imported" : string.Empty)}: the framework would have no competencies, so nothing could be recorded, assessed or recommended. Publish the framework with its items, or check that the package was exported whole.");
        }

        var nodes = new CaseNodeIndex();
        for (var i = 0; i < items.Count; i++)
        {
            nodes.Add(items[i].Info.Identifier, items[i].Competency.Uri!, i);
        }

        var kept = ImmutableArray.CreateBuilder<CaseAssociation>();
        var hierarchy = new List<(int Parent, int Child, int Sequence, int Order)>();
        var prerequisites = new List<(int, int)>();
        var related = new HashSet<(int, int)>();
        var relatedOrder = new List<(int, int)>();
        var graphs = new[] { new ReachabilityGraph(items.Count), new ReachabilityGraph(items.Count) };
        var seen = new HashSet<(int, int, int)>();
        var documentChildren = new List<(int Item, int Sequence, int Order)>();
        foreach (var (association, path) in associations)
        {
            var origin = Resolve(association.Origin);
            var destination = Resolve(association.Destination);
            if (origin == Invalid || destination == Invalid)
            {
                fields.Problem(path, "reference", $"Association '{association.Identifier}' links an item that has problems; it is left out with it.");
                continue;
            }

            var kind = association.AssociationType switch
            {
                CaseAssociationTypes.IsChildOf => 0,
                CaseAssociationTypes.Precedes => 1,
                CaseAssociationTypes.IsPeerOf or CaseAssociationTypes.IsRelatedTo or CaseAssociationTypes.ExactMatchOf => 2,
                _ => -1,
            };
            if (kind == 0 && origin >= 0 && destination == -1 && CaseNodeIndex.Names(association.Destination, document.Identifier, document.Uri))
            {
                documentChildren.Add((origin, association.SequenceNumber ?? int.MaxValue, documentChildren.Count));
            }

            if (kind >= 0 && origin >= 0 && destination >= 0)
            {
                if (origin == destination)
                {
                    fields.Problem(path, "self", $"Association '{association.Identifier}' ({association.AssociationType}) links item '{association.Origin.Identifier}' to itself.");
                    continue;
                }

                var key = kind == 2 ? (kind, Math.Min(origin, destination), Math.Max(origin, destination)) : (kind, origin, destination);
                if (!seen.Add(key))
                {
                    // Another association of the same type between the same items, under its own identifier: CASE
                    // allows it (only a repeated identifier is a duplicate). It is kept, so that export writes it
                    // back; the framework has its edge already.
                }
                else if (kind < 2)
                {
                    // Edges point from prerequisite to dependent and from parent to child; one that reaches back closes a cycle.
                    var (from, to) = kind == 0 ? (destination, origin) : (origin, destination);
                    if (graphs[kind].Reaches(to, from))
                    {
                        seen.Remove(key);
                        fields.Problem(path, "cycle", $"Association '{association.Identifier}' ({association.AssociationType}) would close a {(kind == 0 ? "hierarchy" : "prerequisite")} cycle.");
                        continue;
                    }

                    graphs[kind].Add(from, to);
                    if (kind == 0)
                    {
                        hierarchy.Add((destination, origin, association.SequenceNumber ?? int.MaxValue, hierarchy.Count));
                    }
                    else
                    {
                        prerequisites.Add((origin, destination));
                    }
                }
                else if (related.Add(key.Item2 < key.Item3 ? (key.Item2, key.Item3) : (key.Item3, key.Item2)))
                {
                    relatedOrder.Add((origin, destination));
                }
            }

            kept.Add(association);
        }

        var builder = new CompetencyFrameworkBuilder(document.Title);
        foreach (var item in items)
        {
            builder.Add(item.Competency);
        }

        foreach (var (parent, child, _, _) in hierarchy.OrderBy(h => h.Parent).ThenBy(h => h.Sequence).ThenBy(h => h.Order))
        {
            builder.AddChild(items[parent].Competency.Id, items[child].Competency.Id);
        }

        builder.OrderRoots(documentChildren.OrderBy(c => c.Sequence).ThenBy(c => c.Order).Select(c => items[c.Item].Competency.Id));
        foreach (var (from, to) in prerequisites)
        {
            builder.AddPrerequisite(items[from].Competency.Id, items[to].Competency.Id);
        }

        foreach (var (a, b) in relatedOrder)
        {
            builder.AddRelated(items[a].Competency.Id, items[b].Competency.Id);
        }

        CompetencyFramework framework;
        try
        {
            framework = builder.BuildAllowingEmpty(); // an empty one is reported above
        }
        catch (DefinitionValidationException e)
        {
            foreach (var problem in e.Problems)
            {
                fields.Problem("$", problem.Rule.ToString(), problem.Message);
            }

            framework = new CompetencyFrameworkBuilder(document.Title).BuildAllowingEmpty();
            return new CaseFramework(framework, document, [], [], definitions);
        }

        return new CaseFramework(framework, document, [.. items.Select(i => i.Info)], kept.DrainToImmutable(), definitions);

        // An item's index; -1 for a node outside the package (or the document); Invalid for an item with problems.
        int Resolve(CaseNodeLink node) =>
            nodes.TryResolve(node, out var i) ? i
            : invalidNodes.Contains(node.Identifier) ? Invalid : -1;
    }
}

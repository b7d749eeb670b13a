using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace SchoolWeek;

/// <summary>The fractions strand of grades 3 to 5, modelled on the Common Core codes (3.NF, 4.NF, 5.NF and the
/// operations they rest on): 30 competencies with prerequisites, the grade in each code. The catalog has practice and
/// a checkpoint for most, projects for a few, and gaps a curriculum team would find in a real one.</summary>
internal static class FractionsStrand
{
    private static readonly (string Code, string Title, string[] Prerequisites)[] Competencies =
    [
        ("3.OA.C.7", "Multiply and divide within 100", []),
        ("3.NF.A.1", "Unit fractions as parts of a whole", []),
        ("3.NF.A.2a", "Unit fractions on a number line", ["3.NF.A.1"]),
        ("3.NF.A.2b", "Fractions a/b on a number line", ["3.NF.A.2a"]),
        ("3.NF.A.3a", "Equivalent fractions as the same point", ["3.NF.A.2b"]),
        ("3.NF.A.3b", "Generate simple equivalent fractions", ["3.NF.A.3a"]),
        ("3.NF.A.3c", "Whole numbers as fractions", ["3.NF.A.2b"]),
        ("3.NF.A.3d", "Compare fractions with a common numerator or denominator", ["3.NF.A.3b"]),
        ("4.OA.B.4", "Factors and multiples", ["3.OA.C.7"]),
        ("4.NF.A.1", "Equivalent fractions by multiplying", ["3.NF.A.3b", "4.OA.B.4"]),
        ("4.NF.A.2", "Compare fractions with unlike denominators", ["4.NF.A.1", "3.NF.A.3d"]),
        ("4.NF.B.3a", "Adding fractions as joining parts", ["3.NF.A.2b"]),
        ("4.NF.B.3b", "Decompose a fraction into a sum", ["4.NF.B.3a"]),
        ("4.NF.B.3c", "Add and subtract mixed numbers", ["4.NF.B.3b", "3.NF.A.3c"]),
        ("4.NF.B.3d", "Word problems: adding fractions", ["4.NF.B.3c"]),
        ("4.NF.B.4a", "A fraction as a multiple of a unit fraction", ["4.NF.B.3b"]),
        ("4.NF.B.4b", "Multiply a fraction by a whole number", ["4.NF.B.4a", "3.OA.C.7"]),
        ("4.NF.C.5", "Tenths as hundredths", ["4.NF.A.1"]),
        ("4.NF.C.6", "Decimal notation for fractions", ["4.NF.C.5"]),
        ("4.NF.C.7", "Compare decimals to hundredths", ["4.NF.C.6", "4.NF.A.2"]),
        ("5.NF.A.1", "Add fractions with unlike denominators", ["4.NF.A.1", "4.NF.B.3c"]),
        ("5.NF.A.2", "Word problems: unlike denominators", ["5.NF.A.1", "4.NF.B.3d"]),
        ("5.NF.B.3", "A fraction as division", ["4.NF.B.4b"]),
        ("5.NF.B.4a", "Multiply a fraction by a fraction", ["4.NF.B.4b"]),
        ("5.NF.B.4b", "Area with fractional side lengths", ["5.NF.B.4a"]),
        ("5.NF.B.5", "Multiplication as scaling", ["5.NF.B.4a", "4.NF.A.2"]),
        ("5.NF.B.6", "Word problems: multiplying fractions", ["5.NF.B.4a", "5.NF.A.2"]),
        ("5.NF.B.7a", "Divide a unit fraction by a whole number", ["5.NF.B.3", "5.NF.B.4a"]),
        ("5.NF.B.7b", "Divide a whole number by a unit fraction", ["5.NF.B.7a"]),
        ("5.NF.B.7c", "Word problems: dividing unit fractions", ["5.NF.B.7b", "5.NF.B.6"]),
    ];

    // What the catalog lacks, as found in a real one: no practice yet for the new division standards, no checkpoint for
    // two grade 4 standards, and projects for a few word-problem standards only.
    private static readonly HashSet<string> NoPractice = ["5.NF.B.7a", "5.NF.B.7b"];
    private static readonly HashSet<string> NoCheckpoint = ["4.NF.B.4a", "4.NF.C.5"];
    private static readonly HashSet<string> WithProject = ["4.NF.B.3d", "4.NF.C.7", "5.NF.A.2", "5.NF.B.6", "5.NF.B.4b"];

    /// <summary>The grade by which a competency is expected: the number its code starts with.</summary>
    public static int? Grade(Competency competency) => competency.Code is { } code && int.TryParse(code.AsSpan(0, 1), out var grade) ? grade : null;

    public static ActivityCatalog Catalog()
    {
        var builder = new CompetencyFrameworkBuilder("Fractions, grades 3-5");
        foreach (var (code, title, _) in Competencies)
        {
            builder.AddCompetency(code, title, code: code);
        }

        foreach (var (code, _, prerequisites) in Competencies)
        {
            foreach (var prerequisite in prerequisites)
            {
                builder.AddPrerequisite(prerequisite, code);
            }
        }

        var framework = builder.Build();
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var (code, title, _) in Competencies)
        {
            ActivityAlignment[] aligned = [new(code)];
            catalog.Add(new LearningActivity($"{code}-lesson", $"Mini-lesson: {title}", ActivityKind.Lesson, 30, [.. aligned], LearningModality.TeacherLed));
            if (!NoPractice.Contains(code))
            {
                catalog.Add(new LearningActivity($"{code}-practice", $"Practice set (five sessions): {title}", ActivityKind.Practice, 150, [.. aligned]));
                catalog.Add(new LearningActivity($"{code}-manipulatives", $"Hands-on: {title}", ActivityKind.Practice, 90, [.. aligned], LearningModality.HandsOn));
            }

            if (!NoCheckpoint.Contains(code))
            {
                catalog.Add(new LearningActivity($"{code}-check", $"Checkpoint: {title}", ActivityKind.Assessment, 20, [.. aligned]));
            }

            if (WithProject.Contains(code))
            {
                catalog.Add(new LearningActivity($"{code}-project", $"Project: {title}", ActivityKind.Project, 180, [.. aligned], LearningModality.Collaborative));
            }
        }

        return catalog.Build();
    }
}

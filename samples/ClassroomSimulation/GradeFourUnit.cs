using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace ClassroomSimulation;

/// <summary>A grade 4 mathematics unit modelled on the Common Core codes: fractions, decimals, measurement, geometry and
/// operations, 30 competencies with prerequisites, three answered activities each.</summary>
internal static class GradeFourUnit
{
    private static readonly (string Code, string Title, string[] Prerequisites)[] Competencies =
    [
        ("4.NBT.A.2", "Read and write multi-digit numbers", []),
        ("4.NBT.A.3", "Round multi-digit numbers", ["4.NBT.A.2"]),
        ("4.NBT.B.5", "Multiply multi-digit numbers", ["4.NBT.A.2"]),
        ("4.NBT.B.6", "Divide with remainders", ["4.NBT.B.5"]),
        ("4.OA.A.3", "Multistep word problems", ["4.NBT.B.5", "4.NBT.B.6"]),
        ("4.OA.B.4", "Factors and multiples", []),
        ("4.NF.A.1a", "Equivalent fractions with visual models", []),
        ("4.NF.A.1b", "Generate equivalent fractions", ["4.NF.A.1a", "4.OA.B.4"]),
        ("4.NF.A.2a", "Compare fractions with a common numerator or denominator", []),
        ("4.NF.A.2b", "Compare fractions with unlike denominators", ["4.NF.A.1b", "4.NF.A.2a"]),
        ("4.NF.B.3a", "Add and subtract fractions as joining and separating", []),
        ("4.NF.B.3b", "Decompose a fraction into a sum", ["4.NF.B.3a"]),
        ("4.NF.B.3c", "Add and subtract mixed numbers", ["4.NF.B.3b", "4.NF.A.1b"]),
        ("4.NF.B.3d", "Word problems: adding and subtracting fractions", ["4.NF.B.3c"]),
        ("4.NF.B.4a", "A fraction as a multiple of a unit fraction", ["4.NF.B.3b"]),
        ("4.NF.B.4b", "Multiply a fraction by a whole number", ["4.NF.B.4a", "4.NBT.B.5"]),
        ("4.NF.B.4c", "Word problems: a fraction times a whole number", ["4.NF.B.4b", "4.NF.B.3d"]),
        ("4.NF.C.5", "Tenths as hundredths", ["4.NF.A.1b"]),
        ("4.NF.C.6", "Decimal notation for fractions", ["4.NF.C.5"]),
        ("4.NF.C.7", "Compare decimals to hundredths", ["4.NF.C.6", "4.NF.A.2b"]),
        ("4.MD.A.1", "Measurement units within one system", []),
        ("4.MD.A.2", "Measurement word problems", ["4.MD.A.1", "4.NF.B.3d", "4.NF.C.6"]),
        ("4.MD.A.3", "Area and perimeter formulas", ["4.MD.A.1"]),
        ("4.MD.B.4", "Line plots with fractions", ["4.NF.B.3d"]),
        ("4.MD.C.5", "Angle concepts", []),
        ("4.MD.C.6", "Measure angles with a protractor", ["4.MD.C.5"]),
        ("4.MD.C.7", "Additive angle measures", ["4.MD.C.6"]),
        ("4.G.A.1", "Draw points, lines, rays and angles", ["4.MD.C.5"]),
        ("4.G.A.2", "Classify shapes by lines and angles", ["4.G.A.1"]),
        ("4.G.A.3", "Lines of symmetry", ["4.G.A.2"]),
    ];

    public static ActivityCatalog Catalog()
    {
        var builder = new CompetencyFrameworkBuilder("Grade 4 mathematics");
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

        return Courses.WithActivities(builder.Build());
    }
}

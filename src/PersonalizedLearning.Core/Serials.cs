namespace PersonalizedLearning;

/// <summary>Process-unique numbers for instances that evidence keeps lookups by (<see cref="Activities.ActivityCatalog"/>,
/// <see cref="Competencies.CompetencyFramework"/>): unique among the first 2³² − 1 taken, never 0 (which a piece of
/// evidence reads as "not looked up"). Thread-safe.</summary>
internal static class Serials
{
    private static int s_last;

    public static int Next()
    {
        var serial = Interlocked.Increment(ref s_last);
        return serial != 0 ? serial : Interlocked.Increment(ref s_last);
    }
}

namespace PersonalizedLearning.Tests;

/// <summary>
/// What a read allocates once warm (issue 21, section 2: properties that allocate become methods or are cached): the bytes
/// the managed heap handed this thread during a second call, the first having run the JIT and filled any cache.
/// </summary>
internal static class Allocations
{
    /// <summary>The bytes allocated on this thread by the second of two calls of <paramref name="read"/>.</summary>
    public static long OfWarmCall(Action read)
    {
        read();
        var before = GC.GetAllocatedBytesForCurrentThread();
        read();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

namespace PersonalizedLearning;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a small, fast generator whose sequence for a seed is fixed by this code
/// alone, so seeded results are the same on every machine and every .NET version. Not thread-safe: one per task.
/// </summary>
internal struct SeededRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Mixes a seed with a text, so that each named task (a competency, a fold) gets its own stream.</summary>
    public static SeededRandom For(long seed, string name)
    {
        var hash = new StableHash();
        hash.AddCharacters(name);
        return new SeededRandom(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ hash.Value);
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A double uniform in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniform in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)(NextDouble() * count);
}

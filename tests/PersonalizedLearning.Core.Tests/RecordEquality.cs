namespace PersonalizedLearning.Tests;

/// <summary>Value equality of the library's records: equal when every member is, collections by their items.</summary>
internal static class RecordEquality
{
    /// <summary>Asserts that <paramref name="value"/> equals a copy built anew (its collections other instances), not
    /// null, and none of the copies that differ from it in one member each.</summary>
    public static void Check<T>(T value, T copy, params T[] differingInOneMember)
        where T : class, IEquatable<T>
    {
        ReferenceEquals(value, copy).Should().BeFalse();
        value.Equals(copy).Should().BeTrue();
        value.GetHashCode().Should().Be(copy.GetHashCode());
        value.Equals((T?)null).Should().BeFalse();
        foreach (var other in differingInOneMember)
        {
            EqualityComparer<T>.Default.Equals(value, other).Should().BeFalse(other?.ToString());
        }
    }
}

using System.Globalization;

namespace PersonalizedLearning.Pictures;

internal static class Options
{
    internal static int InRange(int value, int minimum, int maximum, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be in [{minimum}, {maximum}]; got {value}."));
        }

        return value;
    }
}

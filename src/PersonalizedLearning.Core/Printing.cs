using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace PersonalizedLearning;

/// <summary>
/// Readable, culture-invariant text for the public records that hold collections, where the compiler's
/// <c>ToString</c> prints a collection's type name (<c>Groups = System.Collections.Immutable.ImmutableArray`1[…]</c>).
/// Collections print their first items and a count; numbers and dates are invariant.
/// </summary>
internal static class Printing
{
    private const int Shown = 5;

    public static string Describe<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T value)
        where T : notnull
    {
        var text = new StringBuilder(typeof(T).Name).Append(" { ");
        var first = true;
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            object? item;
            try
            {
                item = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue;
            }

            text.Append(first ? string.Empty : ", ").Append(property.Name).Append(" = ");
            Append(text, item);
            first = false;
        }

        return text.Append(" }").ToString();
    }

    /// <summary>A number as written in messages: round-trip precision, invariant culture, "none" for null.</summary>
    public static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "none";

    private static void Append(StringBuilder text, object? item)
    {
        switch (item)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append(s);
                break;
            case DateTimeOffset d:
                text.Append(d.ToString("O", CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable f:
                text.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IEnumerable items:
                var count = 0;
                text.Append('[');
                foreach (var element in items)
                {
                    if (count < Shown)
                    {
                        text.Append(count == 0 ? string.Empty : ", ");
                        Append(text, element);
                    }

                    count++;
                }

                text.Append(count > Shown ? $", … {count} in all]" : "]");
                break;
            default:
                text.Append(item);
                break;
        }
    }
}

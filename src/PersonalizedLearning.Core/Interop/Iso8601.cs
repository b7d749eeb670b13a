using System.Globalization;

namespace PersonalizedLearning.Interop;

/// <summary>
/// The one strict reading of ISO 8601 date-times and durations for everything the library imports (xAPI statements,
/// CASE packages). Lenient parsers (<see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>,
/// <see cref="System.Xml.XmlConvert.ToTimeSpan"/>) accept what the standards do not ("11/30/2026 10:00", RFC 1123
/// dates, a bare "10:00" that takes today's date from the machine clock) and refuse what they do ("P1W", "PT0.5H"),
/// so the same statement could map differently on different machines and days.
/// </summary>
/// <remarks>
/// <para>Date-times: ISO 8601 extended format, calendar date and time of day, <c>YYYY-MM-DDThh:mm[:ss[.f…]]</c>
/// followed by a time zone designator <c>Z</c>, <c>±hh:mm</c>, <c>±hhmm</c> or <c>±hh</c> (ISO 8601-1:2019 §5.4.2,
/// §4.3.13; RFC 3339 §5.6 is this profile with seconds required). <c>T</c> and <c>Z</c> may be lower case (RFC 3339
/// §5.6). A fraction of a second keeps 7 digits (100 ns ticks); more are cut. The offset <c>-00:00</c> is refused for xAPI:
/// RFC 3339 §4.3 gives it the meaning "the local offset is unknown", and the ADL LRS conformance suite rejects it;
/// CASE reads it as UTC, as RFC 3339 defines it. Leap seconds (<c>:60</c>) and the ISO end-of-day <c>24:00</c> are refused: a
/// <see cref="DateTimeOffset"/> cannot hold them. Whether a missing time zone is allowed is the caller's choice:
/// xAPI requires one (its SHOULD*, which its conformance tests enforce); CASE follows XML Schema's dateTime, where it
/// is optional, and reads a date-time without one as UTC.</para>
/// <para>Durations: ISO 8601:2004 §4.4.3.2, <c>PnYnMnDTnHnMnS</c> with any components present in that order (at least
/// one; <c>T</c> only before a time component), or <c>PnW</c> alone; a decimal fraction (point or comma) on the last
/// component only (<c>PT0.5H</c>, <c>P0.5D</c>, <c>PT1.25S</c>). The alternative format of §4.4.3.3
/// (<c>P0003-01-29T04:35:59</c>) is refused, as xAPI requires. A year is read as 365 days and a month as 30 days (the
/// calendar length of a nominal duration depends on when it starts, which a statement's result does not say; XML
/// Schema's conversion, used before, did the same). Negative durations are refused.</para>
/// <para>Thread-safe; allocation-free apart from the problem text.</para>
/// </remarks>
internal static class Iso8601
{
    private const long MaxTicks = long.MaxValue;

    /// <summary>Whether a date-time is in RFC 3339's profile (§5.6: seconds, a point before any fraction, and <c>Z</c> or
    /// <c>±hh:mm</c>; upper-case <c>T</c> and <c>Z</c>, which every reader takes), the <c>date-time</c> format of JSON
    /// Schema that CASE 1.1's schema uses.</summary>
    public static bool IsRfc3339(string text) => TryParseDateTime(text, requireZone: true, out _, out _, unknownOffsetIsUtc: true) && HasRfc3339Form(text);

    /// <summary>For a text <see cref="TryParseDateTime"/> has read: whether it is written in RFC 3339's form (seconds,
    /// a point before any fraction, upper-case <c>T</c>, and <c>Z</c> or <c>±hh:mm</c>).</summary>
    public static bool HasRfc3339Form(string text) =>
        text.Length >= 20 && text[10] == 'T' && text[16] == ':' && !text.Contains(',') && (text[^1] == 'Z' || (text[^3] == ':' && text[^6] is '+' or '-'));

    /// <summary>Reads an ISO 8601 date-time.</summary>
    /// <param name="text">The text, exactly (no surrounding white space).</param>
    /// <param name="requireZone">Whether a time zone designator is required (xAPI) or optional, UTC when absent (CASE).</param>
    /// <param name="value">The moment, with the offset the text gave (zero for Z or none).</param>
    /// <param name="problem">When false is returned, what is wrong, as a phrase ("the month is 13").</param>
    /// <param name="unknownOffsetIsUtc">Whether <c>-00:00</c> is read as UTC, as RFC 3339 §4.3 defines it ("the time in
    /// UTC, the local offset unknown"; CASE, whose schema's date-time is RFC 3339's), or refused (xAPI, whose
    /// conformance suite refuses it).</param>
    /// <returns>Whether the text is such a date-time.</returns>
    public static bool TryParseDateTime(string? text, bool requireZone, out DateTimeOffset value, out string? problem, bool unknownOffsetIsUtc = false)
    {
        value = default;
        problem = null;
        if (text is null)
        {
            problem = "it is missing";
            return false;
        }

        var s = text.AsSpan();
        var i = 0;
        if (!Digits(s, ref i, 4, out var year) || !Expect(s, ref i, '-') || !Digits(s, ref i, 2, out var month) || !Expect(s, ref i, '-')
            || !Digits(s, ref i, 2, out var day))
        {
            problem = "it does not start with a calendar date YYYY-MM-DD";
            return false;
        }

        if (i >= s.Length || (s[i] != 'T' && s[i] != 't'))
        {
            problem = "the date is not followed by 'T' and a time of day";
            return false;
        }

        i++;
        if (!Digits(s, ref i, 2, out var hour) || !Expect(s, ref i, ':') || !Digits(s, ref i, 2, out var minute))
        {
            problem = "the time of day is not hh:mm[:ss]";
            return false;
        }

        var second = 0;
        long fractionTicks = 0;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            if (!Digits(s, ref i, 2, out second))
            {
                problem = "the seconds are not two digits";
                return false;
            }

            if (i < s.Length && (s[i] == '.' || s[i] == ','))
            {
                i++;
                var start = i;
                long scale = TimeSpan.TicksPerSecond;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    scale /= 10;
                    fractionTicks += (s[i] - '0') * scale;
                    i++;
                }

                if (i == start)
                {
                    problem = "the decimal sign is not followed by digits";
                    return false;
                }
            }
        }

        var offset = TimeSpan.Zero;
        if (i == s.Length)
        {
            if (requireZone)
            {
                problem = "it has no time zone (Z or an offset such as +02:00)";
                return false;
            }
        }
        else if (s[i] is 'Z' or 'z')
        {
            i++;
        }
        else if (s[i] is '+' or '-')
        {
            var negative = s[i] == '-';
            i++;
            if (!Digits(s, ref i, 2, out var offsetHours))
            {
                problem = "the offset is not ±hh:mm";
                return false;
            }

            var offsetMinutes = 0;
            if (i < s.Length)
            {
                _ = Expect(s, ref i, ':'); // optional: ±hh:mm or ±hhmm
                if (!Digits(s, ref i, 2, out offsetMinutes))
                {
                    problem = "the offset is not ±hh:mm";
                    return false;
                }
            }

            if (offsetMinutes > 59 || offsetHours > 14 || (offsetHours == 14 && offsetMinutes > 0))
            {
                problem = "the offset is outside ±14:00";
                return false;
            }

            if (negative && offsetHours == 0 && offsetMinutes == 0 && !unknownOffsetIsUtc)
            {
                problem = "the offset -00:00 means an unknown local offset (RFC 3339 §4.3), not a time zone";
                return false;
            }

            offset = new TimeSpan(negative ? -offsetHours : offsetHours, negative ? -offsetMinutes : offsetMinutes, 0);
        }

        if (i != s.Length)
        {
            problem = $"'{text[i..]}' follows the time";
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), Math.Clamp(month, 1, 12)))
        {
            problem = year < 1 ? "the year is 0000" : month is < 1 or > 12 ? $"the month is {month:00}" : $"the day is {day:00} in a month of {DateTime.DaysInMonth(year, month)} days";
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            problem = hour > 23 ? $"the hour is {hour:00}" : minute > 59 ? $"the minute is {minute:00}" : $"the second is {second:00} (leap seconds cannot be represented)";
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utcTicks = ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            problem = "it is outside the years 0001–9999 in UTC";
            return false;
        }

        value = new DateTimeOffset(ticks, offset);
        return true;
    }

    /// <summary>Reads an ISO 8601 duration.</summary>
    /// <param name="text">The text, exactly.</param>
    /// <param name="value">The length (years as 365 days, months as 30).</param>
    /// <param name="problem">When false is returned, what is wrong, as a phrase.</param>
    /// <returns>Whether the text is such a duration.</returns>
    public static bool TryParseDuration(string? text, out TimeSpan value, out string? problem)
    {
        value = default;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "it is empty";
            return false;
        }

        if (text[0] == '-')
        {
            problem = "it is negative";
            return false;
        }

        if (text[0] != 'P')
        {
            problem = "it does not start with 'P'";
            return false;
        }

        // Designators in order, date part then time part; each at most once.
        ReadOnlySpan<char> dateDesignators = ['Y', 'M', 'W', 'D'];
        ReadOnlySpan<char> timeDesignators = ['H', 'M', 'S'];
        ReadOnlySpan<double> dateDays = [365, 30, 7, 1];
        ReadOnlySpan<double> timeSeconds = [3600, 60, 1];
        var s = text.AsSpan();
        var i = 1;
        var inTime = false;
        var next = 0;
        var components = 0;
        var timeComponents = 0;
        var weeks = false;
        var fractional = false;
        decimal seconds = 0;
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                if (inTime)
                {
                    problem = "'T' appears twice";
                    return false;
                }

                inTime = true;
                next = 0;
                i++;
                continue;
            }

            if (fractional)
            {
                problem = "a decimal fraction is allowed on the last component only";
                return false;
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var wholeEnd = i;
            if (i < s.Length && (s[i] == '.' || s[i] == ','))
            {
                i++;
                var fractionStart = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                if (i == fractionStart)
                {
                    problem = "the decimal sign is not followed by digits";
                    return false;
                }

                fractional = true;
            }

            if (wholeEnd == start || i >= s.Length)
            {
                problem = i >= s.Length ? "the last number has no designator" : $"'{s[i]}' is not preceded by a number";
                return false;
            }

            var designators = inTime ? timeDesignators : dateDesignators;
            var index = designators[next..].IndexOf(s[i]);
            if (index < 0)
            {
                problem = designators.IndexOf(s[i]) >= 0 ? $"'{s[i]}' is out of order or repeated" : $"'{s[i]}' is not a {(inTime ? "time" : "date")} designator";
                return false;
            }

            index += next;
            next = index + 1;
            if (!decimal.TryParse(s[start..i].ToString().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                problem = "a number is too large";
                return false;
            }

            try
            {
                seconds += amount * (decimal)(inTime ? timeSeconds[index] : dateDays[index] * 86_400);
            }
            catch (OverflowException)
            {
                problem = "it is too long";
                return false;
            }

            weeks |= !inTime && designators[index] == 'W';
            components++;
            timeComponents += inTime ? 1 : 0;
            i++;
        }

        if (inTime && timeComponents == 0)
        {
            problem = "'T' is not followed by a time component";
            return false;
        }

        if (components == 0)
        {
            problem = "it has no component";
            return false;
        }

        if (weeks && components > 1)
        {
            problem = "weeks (PnW) cannot be combined with other components";
            return false;
        }

        if (seconds > (decimal)MaxTicks / TimeSpan.TicksPerSecond)
        {
            problem = "it is too long";
            return false;
        }

        value = new TimeSpan((long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.ToEven));
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, ref int i, int count, out int value)
    {
        value = 0;
        if (i + count > s.Length)
        {
            return false;
        }

        for (var k = 0; k < count; k++)
        {
            var c = s[i + k];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        i += count;
        return true;
    }

    private static bool Expect(ReadOnlySpan<char> s, ref int i, char c)
    {
        if (i < s.Length && s[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }
}

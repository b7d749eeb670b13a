using System.Globalization;
using CsCheck;
using PersonalizedLearning.Interop;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>The one strict ISO 8601 reading (issue 14, section 3): a rule per case, each refusal with its reason.</summary>
public sealed class Iso8601Tests
{
    [Theory]
    [InlineData("2026-11-30T10:00:00Z", "2026-11-30T10:00:00.0000000+00:00")]
    [InlineData("2026-11-30T10:00:00.123+02:00", "2026-11-30T10:00:00.1230000+02:00")]
    [InlineData("2026-11-30t10:00:00z", "2026-11-30T10:00:00.0000000+00:00")] // RFC 3339 §5.6 allows lower case
    [InlineData("2026-11-30T10:00Z", "2026-11-30T10:00:00.0000000+00:00")] // reduced precision, ISO 8601-1 §5.3.1.3
    [InlineData("2026-11-30T10:00:00+0530", "2026-11-30T10:00:00.0000000+05:30")]
    [InlineData("2026-11-30T10:00:00-05", "2026-11-30T10:00:00.0000000-05:00")]
    [InlineData("2026-11-30T10:00:00,5Z", "2026-11-30T10:00:00.5000000+00:00")]
    [InlineData("2026-11-30T10:00:00.123456789Z", "2026-11-30T10:00:00.1234567+00:00")] // 100 ns kept, the rest cut
    [InlineData("2024-02-29T23:59:59.9999999+14:00", "2024-02-29T23:59:59.9999999+14:00")]
    [InlineData("2026-11-30T10:00:00-03:59", "2026-11-30T10:00:00.0000000-03:59")] // 59 minutes is the largest offset minute
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")] // the first moment DateTimeOffset holds
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")] // and the last
    public void DateTime_Valid_IsReadWithItsOffset(string text, string expected)
    {
        Iso8601.TryParseDateTime(text, requireZone: true, out var value, out var problem).Should().BeTrue(problem);
        value.ToString("O", CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData("http://adlnet.gov/expapi/verbs/completed", true)]
    [InlineData("urn:isbn:0451450523", true)]
    [InlineData("mailto:ana@example.org", true)]
    [InlineData("https://例え.jp/パス?q=é#frag", true)] // RFC 3987: an IRI may hold non-ASCII letters
    [InlineData("https://lms.example.org/a%20b", true)]
    [InlineData("tag:example.org,2026:unit", true)]
    [InlineData("ab=c://should.fail.com", false)] // '=' in the scheme (ADL's conformance suite)
    [InlineData("/activities/quiz", false)] // no scheme (Uri.TryCreate takes it as a file path on Linux)
    [InlineData("1http://example.org", false)] // a scheme starts with a letter
    [InlineData("http:", false)] // nothing after the scheme
    [InlineData("https://lms.example.org/a b", false)]
    [InlineData("https://lms.example.org/a\tb", false)]
    [InlineData("https://lms.example.org/<a>", false)]
    [InlineData("https://lms.example.org/a%2", false)] // a broken escape
    [InlineData("https://lms.example.org/a%zz", false)]
    [InlineData(" https://lms.example.org/a", false)]
    [InlineData("quiz", false)]
    [InlineData("http://[::1]:8080/x", true)] // an IP-literal host
    [InlineData("http://example.org/[x]", false)] // brackets outside the host
    [InlineData("http://example.org/a#frag#2", false)] // two fragments
    [InlineData("https://u[1]@x.example.org/a", false)] // brackets in the userinfo
    [InlineData("https://u@[::1]:8080/a", true)]
    [InlineData("https://[::1]x/a", false)] // after the IP literal only a port
    [InlineData("mailto:", false)] // nothing after the scheme, though Uri takes it
    [InlineData("urn:", false)]
    [InlineData("urn:x", true)] // a rest shorter than "//" and a character
    [InlineData("svn+ssh://example.org/repo", true)] // '+', '-' and '.' in a scheme (RFC 3986 §3.1)
    [InlineData("view-source:https://example.org/", true)]
    [InlineData("soap.beep://example.org/", true)]
    [InlineData("https://lms.example.org/a\u00A0b", false)] // white space that is not a control character (Uri escapes it)
    [InlineData("https://lms.example.org/a\u2028b", false)]
    [InlineData("https://lms.example.org/a\u0001b", false)] // a control character that is not white space
    [InlineData("http://[::1]/x", true)] // an IP literal followed by a path
    [InlineData("http://[::1]", true)] // an IP literal and nothing after it
    [InlineData("http://[::1]/a@b", true)] // an '@' in the path is not the userinfo's
    [InlineData("urn:[x]", false)] // brackets without an authority (Uri takes them)
    [InlineData("file:///a[b]", false)] // an empty authority: brackets in the path
    [InlineData("https://[u]@x.example.org/a", false)] // brackets at the start of the userinfo (Uri takes them)
    [InlineData("", false)]
    public void Iri_IsAbsolute_FollowsRfc3987(string text, bool expected) => Iri.IsAbsolute(text).Should().Be(expected);

    [Theory]
    [InlineData("en", true)]
    [InlineData("en-US", true)]
    [InlineData("tlh", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("sl-rozaj-biske", true)]
    [InlineData("de-CH-1901", true)]
    [InlineData("es-419", true)]
    [InlineData("en-a-bbb-x-a-ccc", true)]
    [InlineData("x-whatever", true)]
    [InlineData("i-klingon", true)] // grandfathered
    [InlineData("EN-gb", true)] // case does not matter
    [InlineData("a12345", false)] // ADL's conformance suite
    [InlineData("a12345678", false)]
    [InlineData("e", false)]
    [InlineData("en-", false)]
    [InlineData("en_US", false)]
    [InlineData("en-US-", false)]
    [InlineData("toolonglanguage", false)]
    [InlineData("\u212Ao", false)] // the Kelvin sign, which case-insensitive matching would take for k
    [InlineData("", false)]
    public void Iri_IsLanguageTag_FollowsRfc5646(string text, bool expected) => Iri.IsLanguageTag(text).Should().Be(expected);

    [Theory]
    [InlineData("2026-11-30T10:00:00Z", true)]
    [InlineData("2026-11-30T10:00:00.1234567890+05:30", true)]
    [InlineData("2026-11-30T10:00:00-05:00", true)]
    [InlineData("2026-11-30T10:00Z", false)] // no seconds
    [InlineData("2026-11-30T10:00:00+0530", false)] // no colon in the offset
    [InlineData("2026-11-30T10:00:00-05", false)]
    [InlineData("2026-11-30T10:00:00,5Z", false)] // a comma before the fraction
    [InlineData("2026-11-30t10:00:00z", false)] // lower case: RFC 3339 allows it, but not every reader takes it
    [InlineData("2026-11-30T10:00:00", false)] // no zone
    [InlineData("2026-11-30T10:00:00-00:00", true)] // RFC 3339 §4.3: UTC, the local offset unknown
    public void IsRfc3339_TheProfileJsonSchemaDateTimeTakes(string text, bool expected) => Iso8601.IsRfc3339(text).Should().Be(expected);

    [Theory]
    [InlineData("2026-11-30T10:00:00Z", true)]
    [InlineData("2026-11-30T10:00:00+05:30", true)]
    [InlineData("2026-11-30T10:00:00", false)] // no zone
    [InlineData("2026-11-30T10:00:00.5", false)]
    [InlineData("2026-11-30T10:00", false)] // shorter than any RFC 3339 date-time
    [InlineData("2026-11-30t10:00:00Z", false)] // a lower-case 't' only
    public void HasRfc3339Form_OfTextsTheReaderTook_WithOrWithoutAZone(string text, bool expected)
    {
        // CASE reads date-times with the zone optional, then keeps the spelling only when it is RFC 3339's.
        Iso8601.TryParseDateTime(text, requireZone: false, out _, out var problem).Should().BeTrue(problem);
        Iso8601.HasRfc3339Form(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("11/30/2026 10:00", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("Mon, 30 Nov 2026 10:00:00 GMT", "it does not start with a calendar date YYYY-MM-DD")] // RFC 1123
    [InlineData("30 November 2026", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("10:00", "it does not start with a calendar date YYYY-MM-DD")] // took today's date from the clock
    [InlineData("2026-11-30T10:00:00-00:00", "the offset -00:00 means an unknown local offset (RFC 3339 §4.3), not a time zone")]
    [InlineData("2026-11-30T10:00:00-0000", "the offset -00:00 means an unknown local offset (RFC 3339 §4.3), not a time zone")]
    [InlineData("2026-11-30T10:00:00-00", "the offset -00:00 means an unknown local offset (RFC 3339 §4.3), not a time zone")]
    [InlineData("2026-11-30T10:00:00", "it has no time zone (Z or an offset such as +02:00)")]
    [InlineData("2026-11-30", "the date is not followed by 'T' and a time of day")]
    [InlineData("2026-11-30 10:00:00Z", "the date is not followed by 'T' and a time of day")]
    [InlineData("20261130T100000Z", "it does not start with a calendar date YYYY-MM-DD")] // basic format: not read
    [InlineData(" 2026-11-30T10:00:00Z", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("2026-11-30T10:00:00Z ", "' ' follows the time")]
    [InlineData("2026-11-30T10Z", "the time of day is not hh:mm[:ss]")]
    [InlineData("2026-11-30T10:00:0Z", "the seconds are not two digits")]
    [InlineData("2026-11-30T10:00:00.Z", "the decimal sign is not followed by digits")]
    [InlineData("2026-13-01T00:00:00Z", "the month is 13")]
    [InlineData("2023-02-29T00:00:00Z", "the day is 29 in a month of 28 days")]
    [InlineData("0000-01-01T00:00:00Z", "the year is 0000")]
    [InlineData("2026-11-30T24:00:00Z", "the hour is 24")]
    [InlineData("2026-11-30T10:60:00Z", "the minute is 60")]
    [InlineData("2016-12-31T23:59:60Z", "the second is 60 (leap seconds cannot be represented)")]
    [InlineData("2026-11-30T10:00:00+15:00", "the offset is outside ±14:00")]
    [InlineData("2026-11-30T10:00:00+05:3", "the offset is not ±hh:mm")]
    [InlineData("0001-01-01T00:00:00+01:00", "it is outside the years 0001–9999 in UTC")]
    [InlineData("9999-12-31T23:59:59-00:01", "it is outside the years 0001–9999 in UTC")]
    [InlineData("2026-11-30T10:00:00+5", "the offset is not ±hh:mm")]
    [InlineData("2026-11-30T10:00:00+14:30", "the offset is outside ±14:00")]
    [InlineData("2026-11-30T10:00:00+05:60", "the offset is outside ±14:00")]
    [InlineData("0001-13-01T00:00:00Z", "the month is 13")] // year 1 is a year
    [InlineData("2026-01-32T00:00:00Z", "the day is 32 in a month of 31 days")] // January and December are months
    [InlineData("2026-12-32T00:00:00Z", "the day is 32 in a month of 31 days")]
    [InlineData("2026-11-30T10", "the time of day is not hh:mm[:ss]")] // the text ends where ':' should be
    [InlineData("2026", "it does not start with a calendar date YYYY-MM-DD")]
    public void DateTime_Invalid_IsRefusedWithItsReason(string text, string problem)
    {
        Iso8601.TryParseDateTime(text, requireZone: true, out var value, out var why).Should().BeFalse();
        why.Should().Be(problem);
        value.Should().Be(default);
    }

    [Fact]
    public void DateTime_WithoutZone_IsUtcWhereAllowed()
    {
        Iso8601.TryParseDateTime("2018-01-01T12:00:00", requireZone: false, out var value, out _).Should().BeTrue();
        value.Should().Be(new DateTimeOffset(2018, 1, 1, 12, 0, 0, TimeSpan.Zero));
        value.Offset.Should().Be(TimeSpan.Zero);

        // The text may end after the minutes or inside the fraction.
        Iso8601.TryParseDateTime("2018-01-01T12:00", requireZone: false, out value, out _).Should().BeTrue();
        value.Should().Be(new DateTimeOffset(2018, 1, 1, 12, 0, 0, TimeSpan.Zero));
        Iso8601.TryParseDateTime("2018-01-01T12:00:00.25", requireZone: false, out value, out _).Should().BeTrue();
        value.Should().Be(new DateTimeOffset(2018, 1, 1, 12, 0, 0, 250, TimeSpan.Zero));
    }

    [Fact]
    public void DateTime_Null_IsMissing()
    {
        Iso8601.TryParseDateTime(null, requireZone: false, out var value, out var problem).Should().BeFalse();
        problem.Should().Be("it is missing");
        value.Should().Be(default);
    }

    [Fact]
    public void Property_DateTime_RoundTripsThroughTheRoundTripFormat()
    {
        Gen.Select(Gen.Long[DateTime.MinValue.AddDays(2).Ticks, DateTime.MaxValue.AddDays(-2).Ticks], Gen.Int[-14 * 4, 14 * 4]).Sample((ticks, quarters) =>
        {
            var value = new DateTimeOffset(ticks, TimeSpan.FromMinutes(15 * quarters));
            var text = value.ToString("O", CultureInfo.InvariantCulture);
            Iso8601.TryParseDateTime(text, requireZone: true, out var read, out var problem).Should().BeTrue(problem);
            read.Should().Be(value);
            read.Offset.Should().Be(value.Offset);
        }, iter: PropertyRuns.Iter(2000));
    }

    [Theory]
    [InlineData("PT12M30S", 750.0)]
    [InlineData("P1W", 7 * 86400.0)]
    [InlineData("PT0.5H", 1800.0)]
    [InlineData("P0.5D", 43200.0)]
    [InlineData("PT1,5S", 1.5)]
    [InlineData("P0D", 0.0)]
    [InlineData("P1DT12H", 129600.0)]
    [InlineData("PT4H35M59.14S", 16559.14)] // xAPI 1.0.3, Data §4.6's examples
    [InlineData("PT16559.14S", 16559.14)]
    [InlineData("P3Y1M29DT4H35M59.14S", ((3 * 365) + 30 + 29) * 86400.0 + 16559.14)]
    [InlineData("P1Y", 365 * 86400.0)]
    public void Duration_Valid_IsRead(string text, double seconds)
    {
        Iso8601.TryParseDuration(text, out var value, out var problem).Should().BeTrue(problem);
        value.Should().Be(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void Duration_TimeSpanMaxValue_IsTheLongestRead()
    {
        Iso8601.TryParseDuration("PT922337203685.4775807S", out var value, out var problem).Should().BeTrue(problem);
        value.Should().Be(TimeSpan.MaxValue);
    }

    [Theory]
    [InlineData("12 minutes", "it does not start with 'P'")]
    [InlineData("", "it is empty")]
    [InlineData("P", "it has no component")]
    [InlineData("PT", "'T' is not followed by a time component")]
    [InlineData("P1DT", "'T' is not followed by a time component")]
    [InlineData("-PT1S", "it is negative")]
    [InlineData("P1D2M", "'M' is out of order or repeated")]
    [InlineData("PT1M1M", "'M' is out of order or repeated")]
    [InlineData("P1W2D", "weeks (PnW) cannot be combined with other components")]
    [InlineData("PT0.5H30M", "a decimal fraction is allowed on the last component only")]
    [InlineData("P0003-01-29T04:35:59", "'-' is not a date designator")] // ISO 8601:2004 §4.4.3.3, which xAPI forbids
    [InlineData("PT1.S", "the decimal sign is not followed by digits")]
    [InlineData("P1H", "'H' is not a date designator")]
    [InlineData("PT1D", "'D' is not a time designator")]
    [InlineData("p1d", "it does not start with 'P'")]
    [InlineData("P1", "the last number has no designator")]
    [InlineData("PTS", "'S' is not preceded by a number")]
    [InlineData("P1TT1S", "'T' is not a date designator")]
    [InlineData("P99999999999999999999Y", "it is too long")]
    [InlineData("PT922337203685.4775808S", "it is too long")] // one tick more than TimeSpan.MaxValue
    [InlineData("PT922337203686S", "it is too long")]
    [InlineData("P9999999999999999999999999999Y", "it is too long")] // the seconds overflow decimal
    [InlineData("P999999999999999999999999999999D", "a number is too large")] // beyond decimal
    [InlineData("PT1HT1M", "'T' appears twice")]
    [InlineData("PT1.5", "the last number has no designator")]
    [InlineData("P1M1Y", "'Y' is out of order or repeated")]
    public void Duration_Invalid_IsRefusedWithItsReason(string text, string problem)
    {
        Iso8601.TryParseDuration(text, out var value, out var why).Should().BeFalse();
        why.Should().Be(problem);
        value.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Property_Duration_SecondsAndComponentsAgree()
    {
        Gen.Select(Gen.Int[0, 400], Gen.Int[0, 23], Gen.Int[0, 59], Gen.Int[0, 5999]).Sample((d, h, m, cs) =>
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"P{d}DT{h}H{m}M{cs / 100}.{cs % 100:00}S");
            var total = (((d * 24L + h) * 60 + m) * 60 * 100) + cs;
            Iso8601.TryParseDuration(text, out var value, out var problem).Should().BeTrue(problem);
            value.Should().Be(TimeSpan.FromTicks(total * (TimeSpan.TicksPerSecond / 100)));
            Iso8601.TryParseDuration(string.Create(CultureInfo.InvariantCulture, $"PT{total / 100}.{total % 100:00}S"), out var inSeconds, out _).Should().BeTrue();
            inSeconds.Should().Be(value);
        }, iter: PropertyRuns.Iter(2000));
    }
}

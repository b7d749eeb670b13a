namespace SchoolDashboard.BrowserTests;

/// <summary>Where Debian's chromium is: <c>PL_CHROMIUM</c> when set, else <c>/usr/bin/chromium</c>. No browser is ever
/// downloaded; CI installs Debian's (<c>apt-get install chromium</c>).</summary>
internal static class Chromium
{
    internal static string Path => Environment.GetEnvironmentVariable("PL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Skips the calling test, with the reason, when the browser is absent.</summary>
    internal static void SkipIfAbsent() =>
        Skip.If(!File.Exists(Path), $"{Path} is absent: this test needs Debian's chromium (apt-get install chromium), or PL_CHROMIUM naming a Chromium binary.");
}

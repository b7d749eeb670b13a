// Checks the documentation site docfx wrote, after `docfx build --warningsAsErrors` (which already fails on broken
// file links, bookmarks, xrefs and missing snippet files): run as `dotnet run eng/check-site.cs -- docs` from the
// repository root (eng/docs.sh does). It fails (exit 1, every problem listed) when
//   1. a relative href or src in docs/_site/**/*.html names a file that was not written, or a #fragment that the
//      target page has no id for;
//   2. a code snippet in docs/**/*.md ([!code-csharp[](path#region)]) names a region its file does not have (docfx
//      then writes an empty code block without a warning);
//   3. a page has an empty code block anyway.
using System.Text.RegularExpressions;

var docs = Path.GetFullPath(args.Length > 0 ? args[0] : "docs");
var site = Path.Combine(docs, "_site");
if (!Directory.Exists(site))
{
    Console.Error.WriteLine($"check-site: {site} does not exist; build the site first (bash eng/docs.sh).");
    return 2;
}

var problems = new List<string>();
var hrefs = new Regex("(?:href|src)=\"([^\"]*)\"", RegexOptions.Compiled);
var ids = new Regex("\\sid=\"([^\"]+)\"", RegexOptions.Compiled);
var emptyCode = new Regex("<code[^>]*>\\s*</code>", RegexOptions.Compiled);
var idCache = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
HashSet<string> IdsOf(string file)
{
    if (!idCache.TryGetValue(file, out var set))
    {
        set = [.. ids.Matches(File.ReadAllText(file)).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];
        idCache[file] = set;
    }

    return set;
}

var pages = Directory.EnumerateFiles(site, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
var links = 0;
foreach (var page in pages)
{
    var html = File.ReadAllText(page);
    var relative = Path.GetRelativePath(site, page);
    if (emptyCode.IsMatch(html))
    {
        problems.Add($"{relative}: an empty code block (a snippet that included nothing)");
    }

    foreach (Match match in hrefs.Matches(html))
    {
        var link = System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
        if (link.Length == 0 || link.StartsWith("//", StringComparison.Ordinal) || Regex.IsMatch(link, "^[a-zA-Z][a-zA-Z0-9+.-]*:"))
        {
            continue; // external (http:, https:, mailto:, data:...) or empty
        }

        links++;
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? link : link[..hash];
        var fragment = hash < 0 ? "" : Uri.UnescapeDataString(link[(hash + 1)..]);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        path = Uri.UnescapeDataString(query < 0 ? path : path[..query]);
        var target = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
        if (Directory.Exists(target))
        {
            target = Path.Combine(target, "index.html");
        }

        if (!File.Exists(target))
        {
            problems.Add($"{relative}: link '{link}' names a file that was not written");
        }
        else if (fragment.Length > 0 && target.EndsWith(".html", StringComparison.Ordinal) && !IdsOf(target).Contains(fragment))
        {
            problems.Add($"{relative}: link '{link}' names an anchor '{fragment}' that {Path.GetRelativePath(site, target)} does not have");
        }
    }
}

var snippet = new Regex(@"\[!code-[a-z]+\[[^\]]*\]\(([^)#]+)#([^)]+)\)\]", RegexOptions.Compiled);
var snippets = 0;
foreach (var markdown in Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories).Where(f => !f.StartsWith(site, StringComparison.Ordinal)))
{
    foreach (Match match in snippet.Matches(File.ReadAllText(markdown)))
    {
        snippets++;
        var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(markdown)!, match.Groups[1].Value));
        var region = match.Groups[2].Value;
        if (!File.Exists(file))
        {
            problems.Add($"{Path.GetRelativePath(docs, markdown)}: snippet file {match.Groups[1].Value} does not exist");
        }
        else if (!Regex.IsMatch(File.ReadAllText(file), $@"#region\s+{Regex.Escape(region)}\s*$", RegexOptions.Multiline))
        {
            problems.Add($"{Path.GetRelativePath(docs, markdown)}: snippet {match.Groups[1].Value} has no '#region {region}'");
        }
    }
}

foreach (var problem in problems)
{
    Console.Error.WriteLine($"check-site: {problem}");
}

Console.WriteLine($"check-site: {pages.Count} pages, {links} internal links, {snippets} code snippets; {problems.Count} problem(s).");
return problems.Count == 0 ? 0 : 1;

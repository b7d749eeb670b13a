// eng/PackageCheck: what `dotnet sourcelink test` and dotnet-validate would say about our packages, offline.
//
//   dotnet run --project eng/PackageCheck -- artifacts/packages [repository root, default: the current directory]
//
// For every .nupkg in the folder (and the .snupkg beside it) it checks
//   - the nuspec: licence expression, repository URL (the project's public home), type git and the commit checked out,
//     project URL, icon (a 128 x 128 PNG in the package), README in the package, description, tags, release notes
//     with an absolute URL;
//   - the README, written for the gallery: an install line (`dotnet add package <id>`), no relative link or image, no
//     instruction that only works in a clone (`dotnet test`, `.ci/run`, `dotnet run --project`);
//   - each assembly: XML docs beside it, its PDB in the symbols package with the same id, and its debug directory's
//     PDB path deterministic (/_/...);
//   - each PDB (what `dotnet sourcelink test` checks, without the network): a Source Link map whose every target is
//     raw.githubusercontent.com/<owner>/<repository>/<commit>/..., every document path /_/-rooted, every document
//     either embedded in the PDB or mapped to a file whose content at that commit (`git show <commit>:<path>`) hashes
//     to the checksum the compiler recorded;
//   - no absolute path of this machine (the repository's folder, the NuGet cache) in any file of either package.
// It prints one line per package and every failure, and exits 1 when any rule fails. Fetching the raw URLs over HTTP
// is the one thing it cannot do here (no network): it proves the files at those URLs, once the commit is pushed, are
// the ones compiled.
using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

var verbose = args.Contains("--verbose");
args = args.Where(a => a != "--verbose").ToArray();
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: PackageCheck <folder with .nupkg and .snupkg files> [repository root] [--verbose: every PDB document]");
    return 2;
}

var packagesFolder = Path.GetFullPath(args[0]);
var repositoryRoot = Path.GetFullPath(args.Length > 1 ? args[1] : Directory.GetCurrentDirectory());
var repositoryUrl = typeof(PackageRules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == "PersonalizedLearningRepositoryUrl").Value!.TrimEnd('/');
var head = Git.Run(repositoryRoot, "rev-parse", "HEAD").Trim();

var packages = Directory.GetFiles(packagesFolder, "*.nupkg").Order(StringComparer.Ordinal).ToArray();
if (packages.Length == 0)
{
    Console.Error.WriteLine($"FAIL no .nupkg in {packagesFolder}");
    return 1;
}

Console.WriteLine($"Checking {packages.Length} packages against {repositoryUrl} at {head}");
var rules = new PackageRules(repositoryUrl, head, repositoryRoot, verbose);
var passed = 0;
var failed = 0;
foreach (var package in packages)
{
    var report = rules.Check(package);
    passed += report.Passed;
    failed += report.Failures.Count;
    Console.WriteLine(report.Summary());
    foreach (var failure in report.Failures)
    {
        Console.WriteLine($"  FAIL {failure}");
    }
}

Console.WriteLine($"package check: {packages.Length} packages, {passed} rules passed, {failed} failed");
return failed == 0 ? 0 : 1;

/// <summary>The rules, applied to one package and its symbols package at a time.</summary>
internal sealed partial class PackageRules(string repositoryUrl, string commit, string repositoryRoot, bool verbose)
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
    private static readonly Guid Sha256Algorithm = new("8829d00f-11b8-4213-878b-770e8597ac16");

    private readonly Dictionary<string, byte[]?> gitFiles = new(StringComparer.Ordinal);

    public PackageReport Check(string nupkgPath)
    {
        var report = new PackageReport(Path.GetFileName(nupkgPath));
        using var nupkg = ZipFile.OpenRead(nupkgPath);
        var nuspecEntry = nupkg.Entries.SingleOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.Name.EndsWith(".nuspec", StringComparison.Ordinal));
        if (!report.Rule(nuspecEntry is not null, "the package has a nuspec"))
        {
            return report;
        }

        var nuspec = XDocument.Parse(ReadText(nuspecEntry!));
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string? Get(string name) => metadata.Element(ns + name)?.Value.Trim();
        var id = Get("id") ?? "?";
        report.Id = id;
        report.Version = Get("version") ?? "?";

        CheckNuspec(report, nupkg, metadata, ns, Get);
        CheckReadme(report, nupkg, Get("readme"), id);

        var symbolsPath = Path.ChangeExtension(nupkgPath, ".snupkg");
        if (!report.Rule(File.Exists(symbolsPath), $"symbols package {Path.GetFileName(symbolsPath)} beside the package"))
        {
            return report;
        }

        using var snupkg = ZipFile.OpenRead(symbolsPath);
        var assemblies = nupkg.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)).ToArray();
        report.Rule(assemblies.Length > 0, "the package has assemblies under lib/");
        foreach (var assembly in assemblies)
        {
            CheckAssembly(report, nupkg, snupkg, assembly);
        }

        CheckNoMachinePaths(report, nupkg);
        CheckNoMachinePaths(report, snupkg);
        return report;
    }

    private void CheckNuspec(PackageReport report, ZipArchive nupkg, XElement metadata, XNamespace ns, Func<string, string?> get)
    {
        var license = metadata.Element(ns + "license");
        report.Rule(license?.Attribute("type")?.Value == "expression" && !string.IsNullOrWhiteSpace(license.Value), $"licence is an SPDX expression (found {license?.Value ?? "none"})");

        var repository = metadata.Element(ns + "repository");
        report.Rule(repository?.Attribute("type")?.Value == "git", $"repository type is git (found {repository?.Attribute("type")?.Value ?? "none"})");
        report.Rule(Same(repository?.Attribute("url")?.Value, repositoryUrl), $"repository URL is {repositoryUrl} (found {repository?.Attribute("url")?.Value ?? "none"})");
        report.Rule(repository?.Attribute("commit")?.Value == commit, $"repository commit is the commit checked out, {commit} (found {repository?.Attribute("commit")?.Value ?? "none"})");
        report.Rule(Same(get("projectUrl"), repositoryUrl), $"project URL is {repositoryUrl} (found {get("projectUrl") ?? "none"})");

        var description = get("description");
        report.Rule(!string.IsNullOrWhiteSpace(description) && description != "Package Description", "description is the package's own");
        report.Rule(!string.IsNullOrWhiteSpace(get("tags")), "tags are set");
        report.Rule(!string.IsNullOrWhiteSpace(get("authors")) && get("authors") != get("id"), $"authors are set (found {get("authors") ?? "none"})");
        var releaseNotes = get("releaseNotes") ?? string.Empty;
        report.Rule(Regex.IsMatch(releaseNotes, @"https://\S+/CHANGELOG\.md"), $"release notes point at the changelog by absolute URL (found {releaseNotes})");

        var icon = get("icon");
        var iconEntry = icon is null ? null : nupkg.GetEntry(icon.Replace('\\', '/'));
        if (report.Rule(iconEntry is not null, $"icon is set and in the package (found {icon ?? "none"})"))
        {
            var (width, height) = PngSize(ReadBytes(iconEntry!));
            report.Rule(width == 128 && height == 128, $"icon is a 128 x 128 PNG (found {width} x {height})");
        }
    }

    private static void CheckReadme(PackageReport report, ZipArchive nupkg, string? readme, string id)
    {
        var entry = readme is null ? null : nupkg.GetEntry(readme.Replace('\\', '/'));
        if (!report.Rule(entry is not null, $"README is set and in the package (found {readme ?? "none"})"))
        {
            return;
        }

        var text = ReadText(entry!);
        report.Rule(text.Contains($"dotnet add package {id}", StringComparison.Ordinal), $"README has the install line `dotnet add package {id}`");
        var relative = ReadmeRules.LinkTargets(text).Where(target => !ReadmeRules.IsAbsolute(target)).Distinct().ToArray();
        report.Rule(relative.Length == 0, $"README links and images are absolute (relative: {string.Join(", ", relative)})");
        var repositoryOnly = ReadmeRules.RepositoryOnlyInstructions.Where(i => text.Contains(i, StringComparison.Ordinal)).ToArray();
        report.Rule(repositoryOnly.Length == 0, $"README has no instruction that only works in a clone (found: {string.Join(", ", repositoryOnly)})");
    }

    private void CheckAssembly(PackageReport report, ZipArchive nupkg, ZipArchive snupkg, ZipArchiveEntry assembly)
    {
        var path = assembly.FullName;
        var stem = path[..^".dll".Length];
        report.Rule(nupkg.GetEntry(stem + ".xml") is not null, $"{path}: XML docs beside it");

        var bytes = ReadBytes(assembly);
        using var pe = new PEReader(new MemoryStream(bytes));
        var codeView = pe.ReadDebugDirectory().FirstOrDefault(d => d.Type == DebugDirectoryEntryType.CodeView);
        if (!report.Rule(codeView.Type == DebugDirectoryEntryType.CodeView, $"{path}: has a CodeView debug entry"))
        {
            return;
        }

        var codeViewData = pe.ReadCodeViewDebugDirectoryData(codeView);
        report.Rule(codeViewData.Path.StartsWith("/_/", StringComparison.Ordinal), $"{path}: PDB path is deterministic (found {codeViewData.Path})");

        var pdbEntry = snupkg.GetEntry(stem + ".pdb");
        if (!report.Rule(pdbEntry is not null, $"{path}: its PDB {stem}.pdb is in the symbols package"))
        {
            return;
        }

        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(ReadBytes(pdbEntry!)));
        var pdb = pdbProvider.GetMetadataReader();
        var pdbId = pdb.DebugMetadataHeader!.Id;
        report.Rule(new Guid(pdbId.AsSpan(0, 16)) == codeViewData.Guid && BitConverter.ToUInt32(pdbId.AsSpan(16, 4)) == codeView.Stamp, $"{path}: the PDB is the one built with it (same id)");
        CheckSourceLink(report, path, pdb);
    }

    private void CheckSourceLink(PackageReport report, string assemblyPath, MetadataReader pdb)
    {
        var json = CustomDebugInformation(pdb, EntityHandle.ModuleDefinition, SourceLinkKind);
        if (!report.Rule(json is not null, $"{assemblyPath}: the PDB has a Source Link map"))
        {
            return;
        }

        var map = SourceLinkMap.Parse(Encoding.UTF8.GetString(json!));
        var rawPrefix = RawPrefix();
        var foreign = map.Targets.Where(t => !t.StartsWith(rawPrefix, StringComparison.Ordinal)).ToArray();
        report.Rule(map.Targets.Count > 0 && foreign.Length == 0, $"{assemblyPath}: Source Link maps to {rawPrefix}* (other targets: {string.Join(", ", foreign)})");

        int fromCommit = 0, embedded = 0;
        var problems = new List<string>();
        foreach (var handle in pdb.Documents)
        {
            var document = pdb.GetDocument(handle);
            var name = pdb.GetString(document.Name);
            if (!name.StartsWith("/_/", StringComparison.Ordinal))
            {
                problems.Add($"{name}: path not /_/-rooted");
            }

            var isEmbedded = CustomDebugInformation(pdb, handle, EmbeddedSourceKind) is not null;
            var url = map.Resolve(name);
            var mapped = url is not null && url.StartsWith(rawPrefix, StringComparison.Ordinal);
            var relativePath = mapped ? url![rawPrefix.Length..] : null;
            var content = relativePath is null ? null : GitFile(relativePath);
            if (isEmbedded && content is null)
            {
                // Untracked (generated) source, embedded in the PDB: the debugger reads it from there.
                embedded++;
                Trace($"embedded  {name}");
                continue;
            }

            if (!mapped)
            {
                problems.Add($"{name}: neither embedded nor mapped to {rawPrefix} (mapped to {url ?? "nothing"})");
                continue;
            }

            if (content is null)
            {
                problems.Add($"{name}: {relativePath} is not in commit {commit}");
                continue;
            }

            // A file of the commit (embedded or not) must be the one compiled. The compiler records SHA-256 checksums;
            // anything else is reported rather than trusted.
            var algorithm = pdb.GetGuid(document.HashAlgorithm);
            byte[]? actual = algorithm == Sha256Algorithm ? SHA256.HashData(content) : null;
            if (actual is null)
            {
                problems.Add($"{name}: checksum algorithm {algorithm} is not SHA-256");
            }
            else if (!actual.AsSpan().SequenceEqual(pdb.GetBlobBytes(document.Hash)))
            {
                problems.Add($"{name}: the file at {commit[..12]} does not hash to the PDB's checksum");
            }
            else
            {
                fromCommit++;
                Trace($"commit    {name} -> {url}");
            }
        }

        report.Documents += fromCommit + embedded;
        report.FromCommit += fromCommit;
        report.Embedded += embedded;
        report.Rule(problems.Count == 0, $"{assemblyPath}: every PDB document /_/-rooted and embedded or matching the commit ({string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? $"; and {problems.Count - 10} more" : "")})");
    }

    private void CheckNoMachinePaths(PackageReport report, ZipArchive archive)
    {
        // The build machine's paths: the repository folder and the NuGet cache. Deterministic builds map both (/_/, /_1/).
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var needles = new[] { repositoryRoot.TrimEnd('/') + "/", Path.Combine(home, ".nuget") + "/" }
            .Where(n => n.Length > 2)
            .SelectMany(n => new[] { Encoding.UTF8.GetBytes(n), Encoding.Unicode.GetBytes(n) })
            .ToArray();
        var found = new List<string>();
        foreach (var entry in archive.Entries)
        {
            var bytes = ReadBytes(entry);
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0))
            {
                found.Add(entry.FullName);
            }
        }

        report.Rule(found.Count == 0, $"no absolute path of the build machine in {(archive.Entries.Any(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)) ? "the symbols package" : "the package")} (found in: {string.Join(", ", found)})");
    }

    private void Trace(string line)
    {
        if (verbose)
        {
            Console.WriteLine($"    {line}");
        }
    }

    private string RawPrefix()
    {
        var ownerAndName = TrimGitSuffix(new Uri(repositoryUrl).AbsolutePath.Trim('/'));
        return $"https://raw.githubusercontent.com/{ownerAndName}/{commit}/";
    }

    private byte[]? GitFile(string relativePath)
    {
        if (!gitFiles.TryGetValue(relativePath, out var content))
        {
            content = Git.TryShow(repositoryRoot, commit, relativePath);
            gitFiles[relativePath] = content;
        }

        return content;
    }

    private static byte[]? CustomDebugInformation(MetadataReader pdb, EntityHandle parent, Guid kind)
    {
        foreach (var handle in pdb.GetCustomDebugInformation(parent))
        {
            var information = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(information.Kind) == kind)
            {
                return pdb.GetBlobBytes(information.Value);
            }
        }

        return null;
    }

    private static bool Same(string? url, string expected)
        => url is not null && string.Equals(TrimGitSuffix(url.TrimEnd('/')), expected, StringComparison.OrdinalIgnoreCase);

    private static string TrimGitSuffix(string url) => url.EndsWith(".git", StringComparison.Ordinal) ? url[..^4] : url;

    private static (int Width, int Height) PngSize(byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature))
        {
            return (0, 0);
        }

        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)),
                System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    private static byte[] ReadBytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ReadText(ZipArchiveEntry entry) => Encoding.UTF8.GetString(ReadBytes(entry)).TrimStart('\uFEFF');
}

/// <summary>What a package README for the gallery may not contain, and how its links are found.</summary>
internal static partial class ReadmeRules
{
    public static readonly string[] RepositoryOnlyInstructions = ["dotnet test", ".ci/run", "dotnet run --project"];

    /// <summary>Targets of Markdown links and images, reference definitions, and HTML href/src attributes.</summary>
    public static IEnumerable<string> LinkTargets(string markdown)
    {
        var withoutCode = FencedCode().Replace(markdown, string.Empty);
        withoutCode = InlineCode().Replace(withoutCode, string.Empty);
        foreach (Match match in InlineLink().Matches(withoutCode))
        {
            yield return match.Groups["target"].Value;
        }

        foreach (Match match in ReferenceDefinition().Matches(withoutCode))
        {
            yield return match.Groups["target"].Value;
        }

        foreach (Match match in HtmlAttribute().Matches(withoutCode))
        {
            yield return match.Groups["target"].Value;
        }
    }

    public static bool IsAbsolute(string target)
        => target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal);

    [GeneratedRegex(@"^(```|~~~).*?^\1", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\(\s*<?(?<target>[^)\s>]*)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?(?<target>\S+?)>?(?:\s|$)", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"(?:href|src)\s*=\s*[""'](?<target>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAttribute();
}

/// <summary>A Source Link map: exact paths, or prefixes ending in * whose rest is put where the target's * is.</summary>
internal sealed class SourceLinkMap
{
    private readonly List<(string Key, string Target)> entries = [];

    public IReadOnlyList<string> Targets => entries.Select(e => e.Target).ToArray();

    public static SourceLinkMap Parse(string json)
    {
        var map = new SourceLinkMap();
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.GetProperty("documents").EnumerateObject())
        {
            map.entries.Add((property.Name, property.Value.GetString() ?? string.Empty));
        }

        return map;
    }

    /// <summary>The URL of a document path; the longest matching key wins, as in the Source Link specification.</summary>
    public string? Resolve(string path)
    {
        foreach (var (key, target) in entries.OrderByDescending(e => e.Key.Length))
        {
            if (key.EndsWith('*'))
            {
                var prefix = key[..^1];
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var rest = path[prefix.Length..].Replace('\\', '/');
                    return target.Contains('*', StringComparison.Ordinal) ? target.Replace("*", rest, StringComparison.Ordinal) : target;
                }
            }
            else if (string.Equals(key, path, StringComparison.Ordinal))
            {
                return target;
            }
        }

        return null;
    }
}

/// <summary>The rules one package passed and failed, and what its PDBs hold.</summary>
internal sealed class PackageReport(string fileName)
{
    public string Id { get; set; } = fileName;

    public string Version { get; set; } = string.Empty;

    public int Passed { get; private set; }

    public List<string> Failures { get; } = [];

    public int Documents { get; set; }

    public int FromCommit { get; set; }

    public int Embedded { get; set; }

    /// <summary>Records a rule's outcome and returns it, so a check can stop where the rest would mean nothing.</summary>
    public bool Rule(bool holds, string rule)
    {
        if (holds)
        {
            Passed++;
        }
        else
        {
            Failures.Add(rule);
        }

        return holds;
    }

    public string Summary()
        => $"{(Failures.Count == 0 ? "ok  " : "FAIL")} {Id} {Version}: {Passed} rules passed, {Failures.Count} failed; "
         + $"PDB documents {Documents}: {FromCommit} match the commit's files by checksum, {Embedded} embedded (generated, untracked)";
}

/// <summary>The few git commands the check needs, run in the repository.</summary>
internal static class Git
{
    public static string Run(string repository, params string[] arguments)
    {
        var (exitCode, output) = Execute(repository, arguments);
        return exitCode == 0 ? Encoding.UTF8.GetString(output) : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed in {repository} (exit code {exitCode}).");
    }

    /// <summary>The bytes of a file at a commit, or null when the commit has no such file.</summary>
    public static byte[]? TryShow(string repository, string commit, string path)
    {
        // cat-file gives the blob's bytes as committed (git show <commit>:<path> prints the same for a file).
        var (exitCode, output) = Execute(repository, "cat-file", "blob", $"{commit}:{path}");
        return exitCode == 0 ? output : null;
    }

    private static (int ExitCode, byte[] Output) Execute(string repository, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        _ = error.Result;
        return (process.ExitCode, output.ToArray());
    }
}

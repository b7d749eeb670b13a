// SchoolDashboard: the three pictures of PersonalizedLearning.Pictures (a class heat map, a learner's framework graph
// with her frontier, her plan's burn-up) on one page served by ASP.NET Core.
// Run it with: dotnet run --project samples/SchoolDashboard              (serves, fetches its own page once, exits)
//              dotnet run --project samples/SchoolDashboard -- --serve   (keeps serving on http://127.0.0.1:5080)
//              dotnet run --project samples/SchoolDashboard -- --serve --port 8080
using System.Globalization;
using System.Xml.Linq;
using SchoolDashboard;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var serve = args.Contains("--serve");
var portAt = Array.IndexOf(args, "--port");
var port = portAt >= 0 && portAt + 1 < args.Length ? int.Parse(args[portAt + 1], CultureInfo.InvariantCulture) : 5080;

// 1. A grade 4 class six weeks into fractions and decimals: 20 learners, 18 competencies, Maya's plan.
var data = SchoolData.Create();

// 2. The app, on a free loopback port unless asked to serve.
await using var app = Dashboard.Build(data, serve ? $"http://127.0.0.1:{port}" : Dashboard.AnyLoopbackPort);
await app.StartAsync();
var address = Dashboard.AddressOf(app);
if (serve)
{
    Console.WriteLine($"Serving the dashboard on {address} (Ctrl+C stops).");
    await app.WaitForShutdownAsync();
    return 0;
}

// 3. Fetch the page and each picture once, as a browser would, and say what was served.
using var http = new HttpClient { BaseAddress = address };
var page = await http.GetStringAsync("/");
Console.WriteLine($"Served {address} : the page, {page.Length:N0} characters, with {CountSvg(page)} inline SVG pictures.");
var failed = CountSvg(page) != 3;
foreach (var path in new[] { "/pictures/heat-map.svg", "/pictures/framework-graph.svg", "/pictures/burn-up.svg" })
{
    using var response = await http.GetAsync(path);
    var svg = await response.Content.ReadAsStringAsync();
    var root = XDocument.Parse(svg).Root!;
    Console.WriteLine($"  {path}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}, {root.Attribute("width")?.Value} × {root.Attribute("height")?.Value} px — {root.Elements().First(e => e.Name.LocalName == "desc").Value}");
    failed |= !response.IsSuccessStatusCode;
}

Console.WriteLine($"  Maya's plan: {data.Projection.Overall.Status}, projected {data.Projection.Overall.ProjectedCompletion:yyyy-MM-dd}; {data.Progress}.");
Console.WriteLine("Run with -- --serve to keep it running and open it in a browser.");
await app.StopAsync();
return failed ? 1 : 0;

static int CountSvg(string html) => html.Split("<svg ").Length - 1;

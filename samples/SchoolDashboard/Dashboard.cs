using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PersonalizedLearning.Pictures;

namespace SchoolDashboard;

/// <summary>The dashboard as an ASP.NET Core app: one page with the three pictures inline, and each picture on its own.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>/</c>: the page (HTML, no script);</item>
/// <item><c>/pictures/heat-map.svg</c>: the class heat map;</item>
/// <item><c>/pictures/framework-graph.svg?learner=ID</c>: a learner's framework graph (the focus learner by default;
/// 404 for a learner not in the class);</item>
/// <item><c>/pictures/burn-up.svg</c>: the focus learner's plan burn-up.</item>
/// </list>
/// Thread-safe: the pictures are drawn once, at build time, from immutable data.
/// </remarks>
public static class Dashboard
{
    /// <summary>The address the app listens on by default: a free loopback port the system picks.</summary>
    public const string AnyLoopbackPort = "http://127.0.0.1:0";

    /// <summary>Builds the app (not started).</summary>
    /// <param name="data">The class to show.</param>
    /// <param name="url">Where to listen; <see cref="AnyLoopbackPort"/> by default.</param>
    /// <returns>The app; start it, then read its address with <see cref="AddressOf"/>.</returns>
    public static WebApplication Build(SchoolData data, string url = AnyLoopbackPort)
    {
        ArgumentNullException.ThrowIfNull(data);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(Dashboard).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        var app = builder.Build();

        var heatMap = ClassHeatMap.Render(data.Framework, data.Snapshots, new HeatMapOptions { CellSize = 26, MaximumLabelLength = 30 });
        var focus = data.SnapshotOf(SchoolData.FocusLearner)!;
        var graph = FrameworkGraph.Render(focus, new FrameworkGraphOptions { NodeWidth = 190, MaximumLabelLength = 25 });
        var burnUp = PlanBurnUp.Render(data.Progress, new BurnUpOptions { Width = 720, Title = $"{SchoolData.FocusLearner}'s plan: burn-up" });
        var page = Page(data, heatMap, graph, burnUp);

        const string Svg = "image/svg+xml; charset=utf-8";
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/pictures/heat-map.svg", () => Results.Content(heatMap, Svg));
        app.MapGet("/pictures/framework-graph.svg", (string? learner) =>
            learner is null || learner == SchoolData.FocusLearner ? Results.Content(graph, Svg)
            : data.SnapshotOf(learner) is { } snapshot ? Results.Content(FrameworkGraph.Render(snapshot), Svg)
            : Results.NotFound($"No learner '{learner}' in the class."));
        app.MapGet("/pictures/burn-up.svg", () => Results.Content(burnUp, Svg));
        return app;
    }

    /// <summary>The address a started app listens on, such as <c>http://127.0.0.1:41234</c>.</summary>
    /// <param name="app">A started app.</param>
    /// <returns>Its first address.</returns>
    /// <exception cref="InvalidOperationException">The app has not started.</exception>
    public static Uri AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() is { } address ? new Uri(address) : throw new InvalidOperationException("The app has not started: no address yet.");
    }

    private static string Page(SchoolData data, string heatMap, string graph, string burnUp)
    {
        var projection = data.Projection;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <link rel="icon" href="data:,">
            <title>School dashboard: {{WebUtility.HtmlEncode(data.Framework.Title)}}</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 16px 24px; color: #1A1A1A; background: #FFFFFF; }
              section { margin: 0 0 28px; }
              h1 { font-size: 22px; margin: 0 0 4px; }
              h2 { font-size: 17px; margin: 0 0 8px; }
              p { margin: 4px 0 10px; max-width: 60em; }
              .picture { overflow-x: auto; }
            </style>
            </head>
            <body>
            <h1>{{WebUtility.HtmlEncode(data.Framework.Title)}}</h1>
            <p>{{data.Snapshots.Length}} learners, {{data.Framework.Count}} competencies, as of {{data.Today:yyyy-MM-dd}}.
            Pictures by PersonalizedLearning.Pictures; each is also served on its own:
            <a href="/pictures/heat-map.svg">heat map</a>, <a href="/pictures/framework-graph.svg">framework graph</a>,
            <a href="/pictures/burn-up.svg">burn-up</a>.</p>
            <section id="heat-map"><h2>The class</h2><div class="picture">{{heatMap}}</div></section>
            <section id="framework-graph"><h2>{{SchoolData.FocusLearner}}: what is mastered, and what is next</h2>
            <p>Outlined: what she is ready to learn (every prerequisite mastered).</p><div class="picture">{{graph}}</div></section>
            <section id="burn-up"><h2>{{SchoolData.FocusLearner}}'s plan</h2>
            <p>{{WebUtility.HtmlEncode(projection.Overall.Status.ToString())}}: projected to finish {{projection.Overall.ProjectedCompletion:yyyy-MM-dd}} at {{projection.MinutesPerWeek:0}} minutes a week and her observed pace ({{projection.Pace.Factor:0.00}}× the estimates).</p>
            <div class="picture">{{burnUp}}</div></section>
            </body>
            </html>
            """);
        return html.ToString();
    }
}

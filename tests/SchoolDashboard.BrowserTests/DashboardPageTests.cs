using System.Globalization;
using Microsoft.AspNetCore.Builder;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Pictures;
using PuppeteerSharp;
using SkiaSharp;

namespace SchoolDashboard.BrowserTests;

/// <summary>The dashboard in a real headless Chromium: the sample's own app on a loopback port, a full-page screenshot,
/// and what the browser painted, read back from the screenshot's pixels.</summary>
public sealed class DashboardPageTests : IAsyncLifetime
{
    private SchoolData _data = null!;
    private WebApplication? _app;
    private Uri _address = null!;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _data = SchoolData.Create();
        _app = Dashboard.Build(_data);
        await _app.StartAsync();
        _address = Dashboard.AddressOf(_app);
        if (File.Exists(Chromium.Path))
        {
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = Chromium.Path,
                Headless = true,
                // As root (CI) Chromium needs --no-sandbox; sRGB so that a fill's colour is the pixel's colour.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--force-color-profile=srgb", "--hide-scrollbars"],
                DefaultViewport = new ViewPortOptions { Width = 1800, Height = 1000, DeviceScaleFactor = 1 },
                Timeout = 60_000,
            });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed record Box(double X, double Y, double Width, double Height)
    {
        public (int X, int Y) Centre => ((int)Math.Floor(X + (Width / 2)), (int)Math.Floor(Y + (Height / 2)));
    }

    /// <summary>An element's box in page coordinates (the full-page screenshot's pixels at scale 1).</summary>
    private static async Task<Box> BoxOf(IPage page, string selector)
    {
        var box = await page.EvaluateFunctionAsync<double[]?>(
            "s => { const e = document.querySelector(s); if (!e) return null; const r = e.getBoundingClientRect(); return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]; }",
            selector);
        box.Should().NotBeNull($"the page has {selector}");
        return new Box(box![0], box[1], box[2], box[3]);
    }

    private static SKColor Hex(string color) => SKColor.Parse(color);

    private static bool Near(SKColor a, SKColor b, int tolerance = 2) =>
        Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;

    private static string Describe(SKColor c) => $"#{c.Red:X2}{c.Green:X2}{c.Blue:X2}";

    [SkippableFact]
    public async Task Page_InHeadlessChromium_PaintsEachPictureWithTheLevelsColoursAndTheFrontierOutline()
    {
        Chromium.SkipIfAbsent();
        var page = await _browser!.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                problems.Add($"console {e.Message.Type}: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add($"page error: {e.Message}");
        page.Response += (_, e) =>
        {
            if ((int)e.Response.Status >= 400)
            {
                problems.Add($"{(int)e.Response.Status} for {e.Response.Url}");
            }
        };

        var response = await page.GoToAsync(_address.ToString(), WaitUntilNavigation.Load);
        response.Status.Should().Be(System.Net.HttpStatusCode.OK);
        var png = await page.ScreenshotDataAsync(new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "dashboard.png"), png);
        using var screenshot = SKBitmap.Decode(png);
        screenshot.Should().NotBeNull("the screenshot is a PNG");

        // 1. Each picture has a rendered box, inside the screenshot.
        foreach (var picture in new[] { "class-heat-map", "framework-graph", "plan-burn-up" })
        {
            var box = await BoxOf(page, $"svg[data-picture='{picture}']");
            box.Width.Should().BeGreaterThan(100, $"{picture} is drawn");
            box.Height.Should().BeGreaterThan(100, $"{picture} is drawn");
            (box.X + box.Width).Should().BeLessThanOrEqualTo(screenshot.Width);
            (box.Y + box.Height).Should().BeLessThanOrEqualTo(screenshot.Height);
        }

        // 2. The heat map: for every level the class has, the first learner × competency cell at that level is painted
        //    the palette's colour of the level at its centre.
        var palette = MasteryPalette.Default;
        var checkedLevels = new List<MasteryLevel>();
        foreach (var level in Enum.GetValues<MasteryLevel>())
        {
            var cell = _data.Snapshots.SelectMany(s => _data.Framework.TopologicalOrder.Select(c => (s, c)))
                .FirstOrDefault(x => x.s.Get(x.c).Level == level);
            if (cell.s is null)
            {
                continue;
            }

            var box = await BoxOf(page, $"svg[data-picture='class-heat-map'] rect[data-learner='{cell.s.Learner.Value}'][data-competency='{cell.c.Value}']");
            var (x, y) = box.Centre;
            var pixel = screenshot.GetPixel(x, y);
            Near(pixel, Hex(palette.ColorOf(level))).Should().BeTrue(
                $"the cell {cell.s.Learner} × {cell.c} is {level}, so its centre ({x}, {y}) is {palette.ColorOf(level)}, not {Describe(pixel)}");
            checkedLevels.Add(level);
        }

        checkedLevels.Should().HaveCountGreaterThanOrEqualTo(4, "the sample's class spans the levels");

        // 3. The framework graph: the top edge of a frontier box carries the frontier outline's colour; a box off the
        //    frontier does not (it is outlined in grey).
        var focus = _data.SnapshotOf(SchoolData.FocusLearner)!;
        var frontier = focus.GetFrontier();
        frontier.Should().NotBeEmpty();
        var offFrontier = _data.Framework.TopologicalOrder.First(c => !frontier.Contains(c));
        (await TopEdgeColours(page, screenshot, frontier[0].Value)).Should().Contain(c => Near(c, Hex(palette.Frontier)),
            $"{frontier[0]} is on {SchoolData.FocusLearner}'s frontier, outlined in {palette.Frontier}");
        (await TopEdgeColours(page, screenshot, offFrontier.Value)).Should().NotContain(c => Near(c, Hex(palette.Frontier), 24),
            $"{offFrontier} is not on the frontier");
        var fill = await BoxOf(page, $"svg[data-picture='framework-graph'] g[data-competency='{frontier[0].Value}'] rect");
        var inside = screenshot.GetPixel((int)(fill.X + 8), (int)(fill.Y + 8)); // inside the rounded corner, clear of label and outline
        Near(inside, Hex(palette.ColorOf(focus.Get(frontier[0]).Level))).Should().BeTrue($"the box is filled with its level's colour, not {Describe(inside)}");

        // 4. The burn-up: the latest point is painted the mastered line's colour, and the deadline line the frontier's.
        var points = _data.Progress.Points;
        var last = await BoxOf(page, $"svg[data-picture='plan-burn-up'] circle[data-mastered='{points[^1].Mastered}'][data-at='{points[^1].At.ToString("O", CultureInfo.InvariantCulture)}']");
        var lastPixel = screenshot.GetPixel(last.Centre.X, last.Centre.Y);
        Near(lastPixel, Hex(palette.Mastered)).Should().BeTrue($"the latest point is {palette.Mastered}, not {Describe(lastPixel)}");
        var deadline = await BoxOf(page, "svg[data-picture='plan-burn-up'] [data-role='deadline'] line");
        var deadlinePixel = screenshot.GetPixel(deadline.Centre.X, deadline.Centre.Y);
        Near(deadlinePixel, Hex(palette.Frontier), 8).Should().BeTrue($"the deadline line is {palette.Frontier}, not {Describe(deadlinePixel)}");

        problems.Should().BeEmpty("the page loads without console errors, script errors or failed requests");
    }

    /// <summary>The colours along a vertical run of 7 pixels across the top edge of a graph box, at its middle.</summary>
    private static async Task<List<SKColor>> TopEdgeColours(IPage page, SKBitmap screenshot, string competency)
    {
        var box = await BoxOf(page, $"svg[data-picture='framework-graph'] g[data-competency='{competency}'] rect");
        var x = box.Centre.X;
        var top = (int)Math.Round(box.Y);
        return [.. Enumerable.Range(top - 3, 7).Select(y => screenshot.GetPixel(x, y))];
    }

    [SkippableFact]
    public async Task Pictures_OpenedOnTheirOwn_RenderAsSvgImages()
    {
        Chromium.SkipIfAbsent();
        var page = await _browser!.NewPageAsync();
        foreach (var (path, picture) in new[] { ("pictures/heat-map.svg", "class-heat-map"), ("pictures/framework-graph.svg?learner=leo", "framework-graph"), ("pictures/burn-up.svg", "plan-burn-up") })
        {
            var response = await page.GoToAsync(new Uri(_address, path).ToString(), WaitUntilNavigation.Load);
            response.Status.Should().Be(System.Net.HttpStatusCode.OK);
            response.Headers["content-type"].Should().StartWith("image/svg+xml");
            // Opened as an SVG document (not HTML text), its root is the svg element, with a rendered size.
            var size = await page.EvaluateFunctionAsync<double[]>(
                "() => { const r = document.documentElement; const b = r.getBoundingClientRect(); return [r.namespaceURI === 'http://www.w3.org/2000/svg' ? 1 : 0, b.width, b.height]; }");
            size[0].Should().Be(1, $"{path} is parsed as SVG");
            size[1].Should().BeGreaterThan(100);
            size[2].Should().BeGreaterThan(50);
            (await page.EvaluateExpressionAsync<string>("document.documentElement.getAttribute('data-picture')")).Should().Be(picture);
        }

        var missing = await page.GoToAsync(new Uri(_address, "pictures/framework-graph.svg?learner=nobody").ToString());
        missing.Status.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}

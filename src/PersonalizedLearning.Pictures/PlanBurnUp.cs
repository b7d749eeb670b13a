using System.Globalization;
using System.Xml.Linq;

namespace PersonalizedLearning.Pictures;

/// <summary>A plan's burn-up: competencies mastered over time against the plan's scope, the deadline as a vertical
/// line, and a dashed line from the latest progress to the whole scope at the projected completion (the learner's
/// observed pace, from <see cref="Planning.PacingProjection"/>).</summary>
/// <remarks>
/// <para>Layout, in pixels, for a picture <c>W</c> × <c>H</c>: the plot spans x in [56, W − 24] and y in [40, H − 64].
/// Time runs from the earliest to the latest of the points, the deadline and the projected completion (one day when they
/// coincide): a moment <c>t</c> is at <c>x = 56 + (W − 80)·(t − start)/(end − start)</c>. Counts run from 0 at the bottom to
/// the scope at the top: <c>m</c> mastered is at <c>y = H − 64 − (H − 104)·m/scope</c>. Date labels under the axis,
/// the legend 40 px under the plot.</para>
/// <para>Elements carry <c>data-role</c>: <c>scope</c> (a horizontal line), <c>mastered</c> (the polyline),
/// <c>point</c> (a circle per point with <c>data-at</c>, ISO 8601, and <c>data-mastered</c>), <c>projection</c>
/// and <c>deadline</c> (lines), each with a tooltip. Stateless and thread-safe.</para>
/// </remarks>
public static class PlanBurnUp
{
    private const double Left = 56;
    private const double RightMargin = 24;
    private const double Top = 40;
    private const double BottomMargin = 64;

    /// <summary>Draws a burn-up.</summary>
    /// <param name="progress">What to draw.</param>
    /// <param name="options">How to draw; <see cref="BurnUpOptions"/>' defaults when null.</param>
    /// <returns>The SVG document as text. A scope of 0, or no point, gives a small picture that says so.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="progress"/> is null.</exception>
    public static string Render(PlanProgress progress, BurnUpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        options ??= new BurnUpOptions();
        var title = options.Title ?? "Plan burn-up";
        if (progress.Scope == 0)
        {
            return Svg.Empty("plan-burn-up", title, "The plan has no competency to master.");
        }

        if (progress.Points.IsEmpty)
        {
            return Svg.Empty("plan-burn-up", title, "No progress has been recorded yet.");
        }

        var points = progress.Points;
        var moments = points.Select(p => p.At).Append(progress.Deadline ?? points[0].At).Append(progress.ProjectedCompletion ?? points[0].At).ToArray();
        var start = moments.Min();
        var end = moments.Max();
        if (end == start)
        {
            end = start.AddDays(1);
        }

        double width = options.Width, height = options.Height;
        var right = width - RightMargin;
        var bottom = height - BottomMargin;
        double X(DateTimeOffset t) => Left + ((right - Left) * ((t - start).Ticks / (double)(end - start).Ticks));
        double Y(double mastered) => bottom - ((bottom - Top) * (mastered / progress.Scope));
        static string Day(DateTimeOffset t) => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var axes = Svg.Element("g", new XAttribute("data-role", "axes"), new XAttribute("stroke", "#4D4D4D"), new XAttribute("stroke-width", "1"),
            Line(Left, bottom, right, bottom), Line(Left, Top, Left, bottom));
        var labels = Svg.Element("g", new XAttribute("data-role", "ticks"), new XAttribute("fill", "#4D4D4D"));
        var step = Math.Max(1, (int)Math.Ceiling(progress.Scope / 8.0));
        for (var m = 0; m <= progress.Scope; m += step)
        {
            labels.Add(Svg.Text(Left - 6, Y(m) + 4, m.ToString(CultureInfo.InvariantCulture), new XAttribute("text-anchor", "end")));
            axes.Add(Line(Left - 3, Y(m), Left, Y(m)));
        }

        const int dateTicks = 4;
        for (var i = 0; i <= dateTicks; i++)
        {
            var t = start + TimeSpan.FromTicks((end - start).Ticks / dateTicks * i);
            var anchor = i == 0 ? "start" : i == dateTicks ? "end" : "middle";
            labels.Add(Svg.Text(X(t), bottom + 16, Day(t), new XAttribute("text-anchor", anchor)));
            axes.Add(Line(X(t), bottom, X(t), bottom + 3));
        }

        labels.Add(Svg.Text(14, (Top + bottom) / 2, "Competencies mastered", new XAttribute("text-anchor", "middle"),
            new XAttribute("transform", $"rotate(-90 14 {Svg.Number((Top + bottom) / 2)})")));

        var palette = options.Palette;
        var scope = Line(Left, Y(progress.Scope), right, Y(progress.Scope), new XAttribute("data-role", "scope"), new XAttribute("stroke", "#7F7F7F"),
            new XAttribute("stroke-width", "1.5"), new XAttribute("stroke-dasharray", "2 3"),
            Svg.Title(string.Create(CultureInfo.InvariantCulture, $"Scope: {progress.Scope} competencies")));
        var last = points[^1];
        XElement? deadline = null, projection = null;
        if (progress.Deadline is { } due)
        {
            deadline = Svg.Element("g", new XAttribute("data-role", "deadline"),
                Line(X(due), Top, X(due), bottom, new XAttribute("stroke", palette.Frontier), new XAttribute("stroke-width", "2"),
                    Svg.Title($"{progress.DeadlineLabel}: {Day(due)}")),
                Svg.Text(X(due), Top - 6, $"{progress.DeadlineLabel} {Day(due)}", new XAttribute("fill", palette.Frontier),
                    new XAttribute("text-anchor", X(due) > (Left + right) / 2 ? "end" : "start")));
        }

        if (progress.ProjectedCompletion is { } projected)
        {
            projection = Line(X(last.At), Y(last.Mastered), X(projected), Y(progress.Scope), new XAttribute("data-role", "projection"),
                new XAttribute("stroke", palette.Proficient), new XAttribute("stroke-width", "2"), new XAttribute("stroke-dasharray", "6 4"),
                Svg.Title($"Projected at the learner's pace: all {progress.Scope.ToString(CultureInfo.InvariantCulture)} mastered by {Day(projected)}"));
        }

        var line = Svg.Element("polyline", new XAttribute("data-role", "mastered"), new XAttribute("fill", "none"), new XAttribute("stroke", palette.Mastered),
            new XAttribute("stroke-width", "2.5"), new XAttribute("points", string.Join(" ", points.Select(p => $"{Svg.Number(X(p.At))},{Svg.Number(Y(p.Mastered))}"))));
        var dots = Svg.Element("g", new XAttribute("fill", palette.Mastered));
        foreach (var point in points)
        {
            dots.Add(Svg.Element("circle", new XAttribute("data-role", "point"), new XAttribute("data-at", point.At.ToString("O", CultureInfo.InvariantCulture)),
                new XAttribute("data-mastered", point.Mastered.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("cx", Svg.Number(X(point.At))), new XAttribute("cy", Svg.Number(Y(point.Mastered))), new XAttribute("r", "3.5"),
                Svg.Title(string.Create(CultureInfo.InvariantCulture, $"{Day(point.At)} · {point.Mastered} of {progress.Scope} mastered"))));
        }

        var legendY = bottom + 40;
        // The legend names only what is drawn: no projection or deadline entry without the line.
        var legend = Svg.Element("g", new XAttribute("data-role", "legend"),
            Line(Left, legendY, Left + 24, legendY, new XAttribute("stroke", palette.Mastered), new XAttribute("stroke-width", "2.5")),
            Svg.Text(Left + 30, legendY + 4, "Mastered"));
        var x = Left + 110;
        if (projection is not null)
        {
            legend.Add(Line(x, legendY, x + 24, legendY, new XAttribute("stroke", palette.Proficient), new XAttribute("stroke-width", "2"), new XAttribute("stroke-dasharray", "6 4")),
                Svg.Text(x + 30, legendY + 4, "Projected"));
            x += 110;
        }

        legend.Add(Line(x, legendY, x + 24, legendY, new XAttribute("stroke", "#7F7F7F"), new XAttribute("stroke-width", "1.5"), new XAttribute("stroke-dasharray", "2 3")),
            Svg.Text(x + 30, legendY + 4, "Scope"));
        x += 90;
        if (deadline is not null)
        {
            legend.Add(Line(x, legendY - 7, x, legendY + 7, new XAttribute("stroke", palette.Frontier), new XAttribute("stroke-width", "2")),
                Svg.Text(x + 8, legendY + 4, progress.DeadlineLabel));
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"Burn-up of a plan of {progress.Scope} competencies: {last.Mastered} mastered by {Day(last.At)}, from {points[0].Mastered} on {Day(points[0].At)}")
            + (progress.Deadline is { } d ? $"; {progress.DeadlineLabel} on {Day(d)}" : "; no deadline")
            + (progress.ProjectedCompletion is { } p ? $"; projected to finish on {Day(p)} at the learner's pace" + (progress.Deadline is { } dd ? (p <= dd ? ", in time." : ", after the deadline.") : ".") : ".");
        return Svg.Document("plan-burn-up", width, height, title, description,
            Svg.Text(8, 24, title, new XAttribute("font-weight", "bold"), new XAttribute("font-size", "14")),
            axes, labels, scope, deadline, projection, line, dots, legend);
    }

    private static XElement Line(double x1, double y1, double x2, double y2, params object?[] content) =>
        Svg.Element("line", new XAttribute("x1", Svg.Number(x1)), new XAttribute("y1", Svg.Number(y1)), new XAttribute("x2", Svg.Number(x2)),
            new XAttribute("y2", Svg.Number(y2)), content);
}

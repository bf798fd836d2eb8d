using ReportBot.Reporting.Exports;
using ReportBot.Reporting.Replies;
using ScottPlot;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace ReportBot.BotHost.Desk;

/// <summary>
/// Draws the day's chart (<see cref="DayChartPlan"/>, decided in src/Reporting) as one PNG sized for a phone: on top,
/// a horizontal bar per unit against its target (a black tick), best first; below, the district's total for each day of
/// the drive against the district's day target. ScottPlot draws the bars, axes and numbers; every word is drawn here
/// with HarfBuzz, because ScottPlot lays text out glyph by glyph and Devanagari's vowel signs and conjuncts need shaping
/// (ि before its consonant, र्ट joined). The fonts are the Noto files shipped in Desk/Fonts, so a server without fonts
/// installed draws the same picture.
/// </summary>
public static class DayChart
{
    /// <summary>A phone's width in pixels: the picture is read full-screen, not zoomed.</summary>
    public const int Width = 1080;

    const int RowHeight = 64;
    const int HeaderHeight = 150; // the title and the subtitle
    const int BarsChrome = 150;   // the axis and the legend below the bars
    const int TrendHeight = 620;
    const float LabelSize = 27;

    static readonly Color Reached = Color.FromHex("#2E7D32");
    static readonly Color OnTheWay = Color.FromHex("#1E6FD9");
    static readonly Color BelowHalf = Color.FromHex("#D32F2F");
    static readonly Color RestDay = Color.FromHex("#BDBDBD");
    static readonly Color Ink = Color.FromHex("#212121");
    static readonly SKColor InkPaint = SKColor.Parse("#212121");
    static readonly SKColor FaintPaint = SKColor.Parse("#616161");
    static readonly SKColor BelowHalfPaint = SKColor.Parse("#D32F2F");

    public static byte[] Png(DayChartPlan plan)
    {
        using var text = new ShapedText();
        var barsHeight = BarsChrome + RowHeight * Math.Max(plan.Bars.Count, 1);
        using var surface = SKSurface.Create(new SKImageInfo(Width, HeaderHeight + barsHeight + TrendHeight));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        text.Draw(canvas, plan.Title, Width / 2f, 62, 40, SKTextAlign.Center, InkPaint, fitWidth: Width - 40);
        text.Draw(canvas, plan.Subtitle, Width / 2f, 122, 30, SKTextAlign.Center, FaintPaint, fitWidth: Width - 40);

        canvas.Save();
        canvas.Translate(0, HeaderHeight);
        Bars(canvas, text, plan, barsHeight);
        canvas.Restore();

        canvas.Save();
        canvas.Translate(0, HeaderHeight + barsHeight);
        Trend(canvas, text, plan);
        canvas.Restore();

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    static void Bars(SKCanvas canvas, ShapedText text, DayChartPlan plan, int height)
    {
        var plot = new Plot();
        var count = plan.Bars.Count;
        // Position 0 is the bottom: the plan lists top to bottom.
        double Position(int index) => count - 1 - index;

        plot.Add.Bars(plan.Bars.Select((bar, i) => new Bar
        {
            Position = Position(i),
            Value = bar.Value ?? 0,
            FillColor = bar.BelowHalf ? BelowHalf : bar.Target is { } t && bar.Value >= t ? Reached : OnTheWay,
            LineWidth = 0,
            Size = 0.72,
        }).ToList()).Horizontal = true;
        foreach (var (bar, i) in plan.Bars.Select((b, i) => (b, i)))
            if (bar.Target is { } target)
            {
                var tick = plot.Add.Line(target, Position(i) - 0.46, target, Position(i) + 0.46);
                tick.LineWidth = 5;
                tick.LineColor = Ink;
            }

        var widest = plan.Bars.Select(b => (double)Math.Max(b.Value ?? 0, b.Target ?? 0)).DefaultIfEmpty(0).Max();
        // Room on the right for the longest label ("12,34,567 (205%)") beyond the longest bar.
        plot.Axes.SetLimits(0, Math.Max(widest, 1) * 1.42, -0.6, count - 0.4);
        // The unit names are drawn below, beside each bar: the axis only keeps their room.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.MinimumSize = 24 + plan.Bars.Select(b => text.Measure(b.Unit, LabelSize)).DefaultIfEmpty(0).Max();
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = IndianTicks();
        plot.Axes.Bottom.MinimumSize = 110; // the legend sits under the axis
        plot.Grid.YAxisStyle.IsVisible = false;
        Style(plot);

        var data = Render(plot, canvas, height);
        foreach (var (bar, i) in plan.Bars.Select((b, i) => (b, i)))
        {
            var y = plot.GetPixel(new Coordinates(0, Position(i))).Y + LabelSize / 3;
            text.Draw(canvas, bar.Unit, data.Left - 12, y, LabelSize, SKTextAlign.Right, InkPaint);
            // Past the target tick too, when the bar stops just short of it.
            var end = plot.GetPixel(new Coordinates(Math.Max(bar.Value ?? 0, bar.Target ?? 0), 0)).X;
            text.Draw(canvas, bar.ValueLabel, end + 10, y, LabelSize, SKTextAlign.Left, bar.Value is null ? FaintPaint : InkPaint);
        }

        // The legend: what the black tick and the red bar mean.
        var legendY = data.Bottom + 95;
        using var ink = new SKPaint { Color = InkPaint, StrokeWidth = 5, IsAntialias = true };
        using var red = new SKPaint { Color = BelowHalfPaint, IsAntialias = true };
        var x = data.Left;
        canvas.DrawLine(x + 10, legendY - 26, x + 10, legendY + 4, ink);
        x += 24;
        text.Draw(canvas, plan.TargetLegend, x, legendY, 25, SKTextAlign.Left, InkPaint);
        x += text.Measure(plan.TargetLegend, 25) + 40;
        canvas.DrawRect(x, legendY - 22, 24, 24, red);
        text.Draw(canvas, plan.BelowHalfLegend, x + 34, legendY, 25, SKTextAlign.Left, InkPaint);
    }

    static void Trend(SKCanvas canvas, ShapedText text, DayChartPlan plan)
    {
        var plot = new Plot();
        plot.Add.Bars(plan.Trend.Select((point, i) => new Bar
        {
            Position = i,
            Value = point.Total,
            FillColor = !point.WorkingDay ? RestDay : plan.DistrictDayTarget is { } t && point.Total * 2 < t ? BelowHalf : OnTheWay,
            LineWidth = 0,
            Size = 0.7,
        }).ToList());
        if (plan.DistrictDayTarget is { } target)
        {
            var line = plot.Add.HorizontalLine(target);
            line.LineWidth = 4;
            line.LineColor = Ink;
            line.LinePattern = LinePattern.Dashed;
        }

        // Every day's label when it fits, else every few days, counted back from the day itself: eight fit across a phone.
        var step = Math.Max(1, (int)Math.Ceiling(plan.Trend.Count / 8.0));
        var shown = plan.Trend.Select((p, i) => (p, i)).Where(x => (plan.Trend.Count - 1 - x.i) % step == 0).ToList();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.p.Label).ToArray());
        plot.Axes.Left.TickGenerator = IndianTicks();
        var highest = plan.Trend.Select(p => (double)p.Total).Append(plan.DistrictDayTarget ?? 0).Max();
        plot.Axes.SetLimits(-0.6, Math.Max(plan.Trend.Count, 1) - 0.4, 0, Math.Max(highest, 1) * 1.18);
        plot.Axes.Top.MinimumSize = 80; // the panel's title
        plot.Grid.XAxisStyle.IsVisible = false;
        Style(plot);

        var data = Render(plot, canvas, TrendHeight);
        text.Draw(canvas, plan.TrendTitle, Width / 2f, 50, 30, SKTextAlign.Center, InkPaint, fitWidth: Width - 40);
        if (plan.DistrictDayTarget is { } t)
        {
            var y = plot.GetPixel(new Coordinates(0, t)).Y;
            var label = $"{plan.TargetLegend} {IndianNumber.Format(t)}";
            using var white = new SKPaint { Color = SKColors.White.WithAlpha(230) };
            var width = text.Measure(label, 24);
            canvas.DrawRect(data.Left + 6, y - 36, width + 12, 30, white);
            text.Draw(canvas, label, data.Left + 12, y - 12, 24, SKTextAlign.Left, InkPaint);
        }
    }

    /// <summary>Renders <paramref name="plot"/> on a surface of its own (a plot clears the whole canvas it is given) and returns where its data area fell.</summary>
    static PixelRect Render(Plot plot, SKCanvas canvas, int height)
    {
        using var panel = SKSurface.Create(new SKImageInfo(Width, height));
        plot.Render(panel);
        using var image = panel.Snapshot();
        canvas.DrawImage(image, 0, 0);
        return plot.LastRender.DataRect;
    }

    /// <summary>Numbers grouped as Indian readers read them: 1,00,000, not 100,000.</summary>
    static ScottPlot.TickGenerators.NumericAutomatic IndianTicks() => new()
    {
        LabelFormatter = value => IndianNumber.Format((long)Math.Round(value)),
        TargetTickCount = 5,
        IntegerTicksOnly = true,
    };

    /// <summary>Numbers and dates only are left to ScottPlot: in Noto Sans, large enough to read on a phone.</summary>
    static void Style(Plot plot)
    {
        plot.Font.Set(DeskFonts.Latin);
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.FontSize = 26;
            axis.TickLabelStyle.ForeColor = Ink;
        }
        // No frame on the right and top, but room on the right for the last label.
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Right.MinimumSize = 40;
        plot.Axes.Top.FrameLineStyle.Width = 0;
    }
}

/// <summary>
/// Text shaped by HarfBuzz in the shipped Noto fonts: Noto Sans Devanagari for a text with Devanagari in it (it has
/// digits and punctuation, but no Latin letters), Noto Sans for the rest.
/// </summary>
sealed class ShapedText : IDisposable
{
    readonly SKTypeface _latin = SKTypeface.FromFile(DeskFonts.PathFor("en"));
    readonly SKTypeface _devanagari = SKTypeface.FromFile(DeskFonts.PathFor("hi"));
    readonly SKShaper _latinShaper;
    readonly SKShaper _devanagariShaper;

    public ShapedText()
    {
        _latinShaper = new SKShaper(_latin);
        _devanagariShaper = new SKShaper(_devanagari);
    }

    public float Measure(string text, float size)
    {
        var (typeface, shaper) = For(text);
        using var font = new SKFont(typeface, size);
        return shaper.Shape(text, font).Width;
    }

    /// <param name="fitWidth">Shrink the text to this width if it is wider (a long district or unit name on a phone).</param>
    public void Draw(SKCanvas canvas, string text, float x, float baseline, float size, SKTextAlign align, SKColor color, float? fitWidth = null)
    {
        var (typeface, shaper) = For(text);
        using var font = new SKFont(typeface, size);
        if (fitWidth is { } limit && shaper.Shape(text, font).Width is var width && width > limit)
            font.Size = size * limit / width;
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawShapedText(shaper, text, x, baseline, align, font, paint);
    }

    (SKTypeface, SKShaper) For(string text) =>
        text.Any(c => c is >= '\u0900' and <= '\u097F') ? (_devanagari, _devanagariShaper) : (_latin, _latinShaper);

    public void Dispose()
    {
        _latinShaper.Dispose();
        _devanagariShaper.Dispose();
        _latin.Dispose();
        _devanagari.Dispose();
    }
}

/// <summary>The Noto fonts shipped beside the program (Desk/Fonts, copied to the output; OFL, see Desk/Fonts/OFL.txt).</summary>
public static class DeskFonts
{
    const string LatinName = "ReportBot Noto Sans";

    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Desk", "Fonts");

    static readonly Lazy<string> Registered = new(() =>
    {
        Fonts.AddFontFile(LatinName, PathFor("en"));
        return LatinName;
    });

    /// <summary>The name ScottPlot knows Noto Sans by, registered on first use.</summary>
    public static string Latin => Registered.Value;

    public static string PathFor(string language) =>
        Path.Combine(Folder, language == "hi" ? "NotoSansDevanagari-Regular.ttf" : "NotoSans-Regular.ttf");
}

using ReportBot.Data.Exports;
using ReportBot.Reporting.Exports;

namespace ReportBot.BotHost.Desk;

/// <summary>Why the desk could not answer: no such district, or days it will not export.</summary>
public enum DeskProblem { None, NoDistrict, BadRange }

/// <summary>What the desk made, or why it could not: <paramref name="Error"/> is one line to show.</summary>
public sealed record DeskAnswer<T>(T? Value, DeskProblem Problem = DeskProblem.None, string? Error = null) where T : class;

/// <summary>
/// The DM's desk, for the admin API and the command line alike: load (<see cref="FigureExportStore"/>), shape
/// (src/Reporting/Exports: <see cref="FigureSheets"/>, <see cref="DayChartPlanner"/>), and hand back what the caller writes out.
/// </summary>
public sealed class FigureDesk(FigureExportStore store, TimeProvider time)
{
    /// <summary>The figures workbook of <paramref name="district"/>; by default the running campaign's days up to today.</summary>
    public async Task<DeskAnswer<FigureWorkbook>> WorkbookAsync(string district, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (await store.DistrictAsync(district, time.GetUtcNow(), ct) is not { } found)
            return new(null, DeskProblem.NoDistrict, $"No district named '{district}'.");
        var range = FigureRange.Resolve(found.Today, found.Campaign, from, to);
        if (range.Error is { } error)
            return new(null, DeskProblem.BadRange, error);
        return new(FigureSheets.Shape(await store.LoadAsync(found, range.From, range.To, withHistory: true, ct)));
    }

    /// <summary>The day's chart of <paramref name="district"/> (by default today), its trend from the drive's start.</summary>
    public async Task<DeskAnswer<DayChartPlan>> ChartAsync(string district, DateOnly? date, string language, CancellationToken ct)
    {
        var answer = await ChartFactsAsync(district, date, ct);
        return answer.Value is { } facts ? new(DayChartPlanner.Plan(facts.Facts, facts.Day, language)) : new(null, answer.Problem, answer.Error);
    }

    /// <summary>
    /// What the day's chart is drawn from, loaded once and planned in as many languages as needed (the final summary's
    /// chart, once per language of its readers).
    /// </summary>
    public async Task<DeskAnswer<ChartFacts>> ChartFactsAsync(string district, DateOnly? date, CancellationToken ct)
    {
        if (await store.DistrictAsync(district, time.GetUtcNow(), ct) is not { } found)
            return new(null, DeskProblem.NoDistrict, $"No district named '{district}'.");
        var day = date ?? found.Today;
        var from = found.CampaignStart is { } start && start <= day && day.DayNumber - start.DayNumber < DayChartPlanner.TrendDays
            ? start
            : day.AddDays(1 - DayChartPlanner.TrendDays);
        return new(new ChartFacts(await store.LoadAsync(found, from, day, withHistory: false, ct), day));
    }
}

/// <summary>The figures of the day's chart, and the day it is of.</summary>
public sealed record ChartFacts(FigureFacts Facts, DateOnly Day)
{
    /// <summary>The chart as a PNG in <paramref name="language"/> (`hi`, else English).</summary>
    public byte[] Png(string language) => DayChart.Png(DayChartPlanner.Plan(Facts, Day, language));
}

public static class DeskExtensions
{
    /// <summary>The DM's desk: the figures workbook, its CSV, and the day's chart.</summary>
    public static IHostApplicationBuilder AddDesk(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FigureExportStore>();
        builder.Services.AddSingleton<FigureDesk>();
        return builder;
    }
}

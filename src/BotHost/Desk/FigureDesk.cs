using ReportBot.Data.Desk;
using ReportBot.Data.Exports;
using ReportBot.Reporting.Desk;
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
public sealed class FigureDesk(FigureExportStore store, DeskStore desk, TimeProvider time)
{
    /// <summary>
    /// The figures workbook of <paramref name="district"/>; by default the running campaign's days up to today. With
    /// <paramref name="viewer"/>, only the units they may see (a reporter's own).
    /// </summary>
    public async Task<DeskAnswer<FigureWorkbook>> WorkbookAsync(string district, DateOnly? from, DateOnly? to, CancellationToken ct, DeskViewer? viewer = null)
    {
        if (await store.DistrictAsync(district, time.GetUtcNow(), ct) is not { } found)
            return new(null, DeskProblem.NoDistrict, $"No district named '{district}'.");
        var range = FigureRange.Resolve(found.Today, found.Campaign, from, to);
        if (range.Error is { } error)
            return new(null, DeskProblem.BadRange, error);
        return new(FigureSheets.Shape(Seen(await store.LoadAsync(found, range.From, range.To, withHistory: true, ct), viewer)));
    }

    /// <summary>The facts cut to the units <paramref name="viewer"/> may see (all of them without a viewer).</summary>
    static ReportBot.Reporting.Exports.FigureFacts Seen(ReportBot.Reporting.Exports.FigureFacts facts, DeskViewer? viewer) =>
        viewer is null || viewer.SeesWholeDistrict() ? facts : facts with { Units = facts.Units.Where(u => viewer.MaySee(u.Id)).ToList() };

    /// <summary>The day's chart of <paramref name="district"/> (by default today), its trend from the drive's start.</summary>
    public async Task<DeskAnswer<DayChartPlan>> ChartAsync(string district, DateOnly? date, string language, CancellationToken ct, DeskViewer? viewer = null)
    {
        var answer = await ChartFactsAsync(district, date, ct);
        return answer.Value is { } facts ? new(DayChartPlanner.Plan(Seen(facts.Facts, viewer), facts.Day, language)) : new(null, answer.Problem, answer.Error);
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

    /// <summary>The district's time zone (the desk shows times as the district reads them).</summary>
    public async Task<TimeZoneInfo> TimeZoneAsync(string district, CancellationToken ct) =>
        TimeZoneInfo.FindSystemTimeZoneById((await store.DistrictAsync(district, time.GetUtcNow(), ct))?.TimeZone ?? "Asia/Kolkata");

    /// <summary>
    /// The desk's page for <paramref name="member"/>: the day's standing of the units they may see (by default today),
    /// who is missing, the drive by day and the flagged figures awaiting review.
    /// </summary>
    public async Task<(DeskBoardView View, DateOnly Today)?> BoardAsync(DeskMember member, DateOnly? date, bool hindi, CancellationToken ct)
    {
        if (await store.DistrictAsync(member.District, time.GetUtcNow(), ct) is not { } found)
            return null;
        var day = date ?? found.Today;
        var from = found.CampaignStart is { } start && start <= day && day.DayNumber - start.DayNumber < FigureRange.MaxDays ? start : day.AddDays(-29);
        var facts = await store.LoadAsync(found, from, day, withHistory: false, ct);
        var flagged = await desk.FlaggedAsync(found.Id, found.Today.AddDays(-FigureRange.MaxDays), found.Today, ct);
        return (DeskBoard.Shape(facts, day, member.Viewer, flagged, hindi), found.Today);
    }

    /// <summary>
    /// A correction typed on the desk. Load → decide → apply on one transaction holding the unit's lock: the figure,
    /// today and the late limit; <see cref="DeskRules.Correct"/>; the figure with its history and reason. Null when
    /// there is no such unit or indicator in the member's district.
    /// </summary>
    public async Task<CorrectionVerdict?> CorrectAsync(DeskViewer viewer, int unitId, string indicator, DateOnly day, long value, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await desk.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await DeskStore.CorrectionFactsAsync(tx, unitId, indicator, day, now, ct) is not { } facts || facts.DistrictId != viewer.DistrictId)
            return null;
        var verdict = DeskRules.Correct(viewer, unitId, day, facts.Current, value, reason, facts.Today, facts.MaxDaysBack);
        if (verdict == CorrectionVerdict.Correct)
        {
            await DeskStore.CorrectAsync(tx, unitId, indicator, day, facts.Current, value, viewer.MemberId, DeskRules.CleanReason(reason!), now, ct);
            await tx.CommitAsync(ct);
        }
        return verdict;
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
    /// <summary>The DM's desk: the figures workbook, its CSV, the day's chart, and the /desk pages with their sign-in.</summary>
    public static IHostApplicationBuilder AddDesk(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FigureExportStore>();
        builder.Services.AddSingleton<DeskStore>();
        builder.Services.AddSingleton<DeskSignIn>();
        builder.Services.AddDeskSessions(); // /desk: the cookie session, antiforgery and the policy its pages ask for
        builder.Services.AddSingleton<FigureDesk>();
        return builder;
    }
}

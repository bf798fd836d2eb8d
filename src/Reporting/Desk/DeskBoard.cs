using ReportBot.Reporting.Exports;

namespace ReportBot.Reporting.Desk;

/// <summary>A figure the rules flagged and nobody has accepted since its last change.</summary>
public sealed record FlaggedFigure(int UnitId, string Indicator, DateOnly Day, long Value, string Flag);

/// <summary>A unit's line of the day's standing; <see cref="Value"/> null when it has not reported.</summary>
public sealed record StandingRow(int UnitId, string Unit, long? Value, long? Target, int? Percent, bool BelowHalf);

/// <summary>A unit without a figure for the day, and whom to call (phones as E.164 digits).</summary>
public sealed record MissingUnit(int UnitId, string Unit, IReadOnlyList<(string Name, string Phone)> Reporters);

/// <summary>The district's (or the reporter's units') total on one day of the drive.</summary>
public sealed record DriveDay(DateOnly Day, long Total, long? Target, bool WorkingDay);

/// <summary>A flagged figure as the review list shows it.</summary>
public sealed record ReviewRow(int UnitId, string Unit, string Indicator, string IndicatorName, DateOnly Day, long Value, string Flag);

/// <summary>The desk's page as plain data: the day's standing, who is missing, the drive by day, figures to review.</summary>
/// <param name="Indicator">The key of the indicator shown (the district's default: Ayushman cards).</param>
public sealed record DeskBoardView(
    string District, string Indicator, DateOnly Day, long Total, long? Target, int Reported,
    IReadOnlyList<StandingRow> Standing, IReadOnlyList<MissingUnit> Missing, IReadOnlyList<DriveDay> Drive, IReadOnlyList<ReviewRow> Review);

/// <summary>
/// Shapes the desk's page from what was loaded for the viewer: each unit the viewer may see, its figure for the day
/// against its day target (best first, as the summary ranks them; missing last), the units still missing with their
/// reporters, the drive's totals by day, and the flagged figures awaiting review. Names in Hindi where the district set
/// them up and the page is read in Hindi.
/// </summary>
public static class DeskBoard
{
    public static DeskBoardView Shape(FigureFacts facts, DateOnly day, DeskViewer viewer, IReadOnlyList<FlaggedFigure> flagged, bool hindi)
    {
        var units = facts.Units.Where(u => viewer.MaySee(u.Id)).ToList();
        string Name(DeskUnit u) => hindi ? u.NameHi ?? u.Name : u.Name;
        var main = facts.DefaultIndicator;
        var figures = facts.Figures.Where(f => f.Indicator == main.Key).ToDictionary(f => (f.UnitId, f.Day), f => f.Value);
        var targets = facts.DayTargets.Where(t => t.Indicator == main.Key).GroupBy(t => t.UnitId ?? 0).ToDictionary(g => g.Key, g => g.First().Value);
        var working = facts.IsWorkingDay(day);

        var standing = units.Select(u =>
            {
                long? value = figures.TryGetValue((u.Id, day), out var v) ? v : null;
                long? target = targets.TryGetValue(u.Id, out var t) ? t : null;
                int? percent = value is { } x && target is > 0 ? (int)Math.Round(100.0 * x / target.Value) : null;
                return new StandingRow(u.Id, Name(u), value, target, percent, value is { } y && target is { } z && y * 2 < z && working);
            })
            .OrderBy(r => r.Value is null).ThenByDescending(r => r.Percent ?? -1).ThenByDescending(r => r.Value ?? 0)
            .ThenBy(r => r.Unit, StringComparer.Ordinal)
            .ToList();

        var reporters = facts.Reporters.ToLookup(r => r.UnitId);
        var missing = working
            ? standing.Where(r => r.Value is null)
                .Select(r => new MissingUnit(r.UnitId, r.Unit, reporters[r.UnitId].OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.Name, p.Phone)).ToList()))
                .ToList()
            : [];

        // The district's own day target on the whole district's page; a reporter's page adds up their units'.
        long? dayTarget = viewer.SeesWholeDistrict() && targets.TryGetValue(0, out var own) ? own
            : units.Any(u => targets.ContainsKey(u.Id)) ? units.Sum(u => targets.TryGetValue(u.Id, out var t) ? t : 0) : null;
        var seen = units.Select(u => u.Id).ToHashSet();
        var driveStart = facts.DriveStart is { } s && s <= day ? s : facts.From;
        var drive = Enumerable.Range(0, day.DayNumber - driveStart.DayNumber + 1).Select(i => driveStart.AddDays(i))
            .Select(d => new DriveDay(d, units.Sum(u => figures.TryGetValue((u.Id, d), out var v) ? v : 0),
                facts.IsWorkingDay(d) ? dayTarget : null, facts.IsWorkingDay(d)))
            .ToList();

        var names = facts.Units.ToDictionary(u => u.Id, Name);
        var indicators = facts.Indicators.ToDictionary(i => i.Key);
        var review = flagged.Where(f => seen.Contains(f.UnitId))
            .OrderByDescending(f => f.Day).ThenBy(f => names[f.UnitId], StringComparer.Ordinal)
            .Select(f => new ReviewRow(f.UnitId, names[f.UnitId], f.Indicator,
                indicators.TryGetValue(f.Indicator, out var i) ? (hindi ? i.NameHi : i.Name) : f.Indicator, f.Day, f.Value, f.Flag))
            .ToList();

        return new DeskBoardView(
            hindi ? facts.DistrictHi ?? facts.District : facts.District, main.Key, day,
            standing.Sum(r => r.Value ?? 0), working ? dayTarget : null, standing.Count(r => r.Value is not null),
            standing, missing, drive, review);
    }
}

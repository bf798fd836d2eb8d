namespace ReportBot.Reporting.Exports;

/// <summary>One unit's line of the Daily sheet (or the district's total line).</summary>
/// <param name="Values">The figure of each day shown; null where none was reported.</param>
/// <param name="BelowHalf">Per day: a figure below half that day's target (marked with a fill).</param>
/// <param name="Target">The day target summed over the days shown; null without a target.</param>
/// <param name="PercentOfTarget">The days' sum as a share of <see cref="Target"/> (1 = 100 %); null without a target.</param>
/// <param name="DriveTotal">Every figure from the drive's first day to the last day shown.</param>
public sealed record DailyRow(
    string Unit, IReadOnlyList<long?> Values, IReadOnlyList<bool> BelowHalf, long? Target, double? PercentOfTarget, long DriveTotal);

/// <summary>The Daily sheet: units down, days across, then target, % of target and the drive's total; a district total.</summary>
public sealed record DailySheet(string Indicator, IReadOnlyList<DateOnly> Days, IReadOnlyList<DailyRow> Rows, DailyRow Total);

/// <summary>A line of the Indicators sheet: one indicator other than the default, one unit, its figures by day.</summary>
public sealed record IndicatorRow(string Indicator, string Unit, IReadOnlyList<long?> Values, long Total);

/// <summary>A line of the History sheet: one change to a figure.</summary>
/// <param name="When">The district's local time of the change.</param>
/// <param name="Who">The member's name ("" when no member made it, e.g. an import).</param>
/// <param name="Message">The text of the inbox message that made it ("" when none).</param>
public sealed record HistoryRow(DateTime When, string Unit, string Indicator, DateOnly Day, long? Old, long? New, string Who, string Message);

/// <summary>A line of the Not reported sheet: a working day, a unit with no figure, and whom to call (a line per reporter).</summary>
/// <param name="Reporter">The reporter's name; "" for a unit nobody reports for.</param>
/// <param name="Phone">The reporter's phone as +E.164 ("+919876543210").</param>
public sealed record NotReportedRow(DateOnly Day, string Unit, string Reporter, string Phone);

/// <summary>The whole workbook as plain data: every text already neutralised, every total already added.</summary>
public sealed record FigureWorkbook(
    string District, DateOnly From, DateOnly To,
    DailySheet Daily, IReadOnlyList<DateOnly> IndicatorDays, IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<HistoryRow> History, IReadOnlyList<NotReportedRow> NotReported);

/// <summary>
/// Shapes the DM's workbook from what was loaded: what each sheet holds, in which order, with totals, percentages and
/// the below-half marks decided here, so that the writers (xlsx, CSV) only lay cells out. Every text that officials or
/// the IT manager typed — unit names, member names, message texts — passes <see cref="SpreadsheetText.Neutralise"/>
/// here, once, whichever writer follows.
/// </summary>
public static class FigureSheets
{
    public static FigureWorkbook Shape(FigureFacts facts)
    {
        var days = facts.Days;
        var unitsById = facts.Units.ToDictionary(u => u.Id);
        var indicators = facts.Indicators.ToDictionary(i => i.Key);
        var main = facts.DefaultIndicator;
        var figures = facts.Figures.ToDictionary(f => (f.UnitId, f.Indicator, f.Day), f => f.Value);
        var units = facts.Units.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToList();

        return new FigureWorkbook(
            SpreadsheetText.Neutralise(facts.District), facts.From, facts.To,
            Daily(facts, units, main, figures),
            days,
            facts.Indicators.Where(i => i.Key != main.Key).OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
                .SelectMany(indicator => units.Select(unit =>
                {
                    var values = days.Select(d => figures.TryGetValue((unit.Id, indicator.Key, d), out var v) ? v : (long?)null).ToList();
                    return new IndicatorRow(SpreadsheetText.Neutralise(indicator.Name), SpreadsheetText.Neutralise(unit.Name), values, values.Sum(v => v ?? 0));
                }))
                .ToList(),
            facts.History
                .Where(h => h.Day >= facts.From && h.Day <= facts.To && unitsById.ContainsKey(h.UnitId))
                .OrderBy(h => h.RecordedAt)
                .Select(h => new HistoryRow(
                    TimeZoneInfo.ConvertTime(h.RecordedAt, facts.TimeZone).DateTime,
                    SpreadsheetText.Neutralise(unitsById[h.UnitId].Name),
                    SpreadsheetText.Neutralise(indicators.TryGetValue(h.Indicator, out var i) ? i.Name : h.Indicator),
                    h.Day, h.OldValue, h.NewValue,
                    SpreadsheetText.Neutralise(h.Member ?? ""),
                    SpreadsheetText.Neutralise(h.Message ?? "")))
                .ToList(),
            NotReported(facts, units, main, figures));
    }

    static DailySheet Daily(FigureFacts facts, IReadOnlyList<DeskUnit> units, DeskIndicator main, Dictionary<(int, string, DateOnly), long> figures)
    {
        var days = facts.Days;
        var targets = facts.DayTargets.Where(t => t.Indicator == main.Key)
            .GroupBy(t => t.UnitId ?? 0).ToDictionary(g => g.Key, g => g.First().Value);
        var driveStart = facts.DriveStart is { } start && start <= facts.To ? start : facts.From;
        // Summed once for all units: a district reporting per panchayat has thousands of units.
        var driveTotals = facts.Figures.Where(f => f.Indicator == main.Key && f.Day >= driveStart && f.Day <= facts.To)
            .GroupBy(f => f.UnitId).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        var rows = units.Select(unit =>
        {
            var values = days.Select(d => figures.TryGetValue((unit.Id, main.Key, d), out var v) ? v : (long?)null).ToList();
            return Row(SpreadsheetText.Neutralise(unit.Name), days, values, targets.TryGetValue(unit.Id, out var t) ? t : null, facts,
                driveTotals.TryGetValue(unit.Id, out var drive) ? drive : 0);
        }).ToList();

        // The district's line adds up the units' lines; its own day target, if the campaign sets one, else the units'.
        var totals = days.Select((_, i) => rows.Any(r => r.Values[i] is not null) ? rows.Sum(r => r.Values[i] ?? 0) : (long?)null).ToList();
        long? districtTarget = targets.TryGetValue(0, out var own) ? own
            : units.Any(u => targets.ContainsKey(u.Id)) ? units.Sum(u => targets.TryGetValue(u.Id, out var t) ? t : 0) : null;
        var total = Row("District total", days, totals, districtTarget, facts, rows.Sum(r => r.DriveTotal));
        return new DailySheet(SpreadsheetText.Neutralise(main.Name), days, rows, total);
    }

    /// <summary>A line: the target counts the working days only, and only a working day's figure is marked below half.</summary>
    static DailyRow Row(string name, IReadOnlyList<DateOnly> days, IReadOnlyList<long?> values, long? dayTarget, FigureFacts facts, long driveTotal)
    {
        var target = dayTarget * days.Count(facts.IsWorkingDay);
        var sum = values.Sum(v => v ?? 0);
        return new DailyRow(
            name, values,
            values.Select((v, i) => v is { } value && dayTarget is { } t && value * 2 < t && facts.IsWorkingDay(days[i])).ToList(),
            target,
            target is > 0 ? (double)sum / target.Value : null,
            driveTotal);
    }

    static List<NotReportedRow> NotReported(FigureFacts facts, IReadOnlyList<DeskUnit> units, DeskIndicator main, Dictionary<(int, string, DateOnly), long> figures)
    {
        var reporters = facts.Reporters.ToLookup(r => r.UnitId);
        return facts.Days.Where(facts.IsWorkingDay)
            .SelectMany(day => units.Where(u => !figures.ContainsKey((u.Id, main.Key, day))).SelectMany(unit =>
                reporters[unit.Id].Any()
                    ? reporters[unit.Id].OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new NotReportedRow(
                        day, SpreadsheetText.Neutralise(unit.Name), SpreadsheetText.Neutralise(r.Name), SpreadsheetText.Neutralise("+" + r.Phone)))
                    : [new NotReportedRow(day, SpreadsheetText.Neutralise(unit.Name), "", "")]))
            .ToList();
    }
}

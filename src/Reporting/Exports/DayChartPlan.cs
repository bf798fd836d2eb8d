using ReportBot.Reporting.Replies;

namespace ReportBot.Reporting.Exports;

/// <summary>One bar of the day's chart: a unit's figure against its day target.</summary>
/// <param name="Value">The day's figure; null when the unit has not reported (drawn as an empty bar).</param>
/// <param name="ValueLabel">What is written at the bar's end: "1,240 (207%)", or "not reported".</param>
public sealed record ChartBar(string Unit, long? Value, long? Target, bool BelowHalf, string ValueLabel);

/// <summary>The district's total on one day of the drive (the trend panel).</summary>
/// <param name="WorkingDay">False on the district's rest days and holidays: no target, nothing below it.</param>
public sealed record TrendPoint(DateOnly Day, string Label, long Total, bool WorkingDay = true);

/// <summary>The day's chart as plain data: titles and labels in the reader's language, bars top to bottom, the trend.</summary>
public sealed record DayChartPlan(
    string Title,
    string Subtitle,
    string ValueAxis,
    string TargetLegend,
    string BelowHalfLegend,
    IReadOnlyList<ChartBar> Bars,
    string TrendTitle,
    IReadOnlyList<TrendPoint> Trend,
    long? DistrictDayTarget);

/// <summary>
/// What the day's chart shows — the decisions, without any drawing: every unit's figure for the day against its target,
/// best first (as the summary ranks them: % of target, then figure), units not reported last; the title with the
/// district and the date; and the district's total for each day of the drive up to that day. In Hindi the unit,
/// district and indicator names are the Devanagari ones the district set up (the English name where it has none).
/// </summary>
public static class DayChartPlanner
{
    /// <summary>At most this many days of trend: a month reads on a phone; a longer drive shows its last month.</summary>
    public const int TrendDays = 31;

    public static DayChartPlan Plan(FigureFacts facts, DateOnly day, string language)
    {
        var hindi = language == "hi";
        var words = hindi ? Hindi : English;
        var reply = ReplyLanguages.For(hindi ? "hi" : "en");
        var main = facts.DefaultIndicator;
        var figures = facts.Figures.Where(f => f.Indicator == main.Key).ToDictionary(f => (f.UnitId, f.Day), f => f.Value);
        var targets = facts.DayTargets.Where(t => t.Indicator == main.Key)
            .GroupBy(t => t.UnitId ?? 0).ToDictionary(g => g.Key, g => g.First().Value);

        var bars = facts.Units.Select(unit =>
            {
                long? value = figures.TryGetValue((unit.Id, day), out var v) ? v : null;
                long? target = targets.TryGetValue(unit.Id, out var t) ? t : null;
                return new ChartBar(
                    hindi ? unit.NameHi ?? unit.Name : unit.Name,
                    value, target,
                    value is { } x && target is { } y && x * 2 < y && facts.IsWorkingDay(day),
                    value is { } shown
                        ? IndianNumber.Format(shown) + (Percent(shown, target) is { } p ? $" ({p}%)" : "")
                        : words.NotReported);
            })
            .OrderBy(b => b.Value is null)
            .ThenByDescending(b => Percent(b.Value ?? 0, b.Target) ?? -1)
            .ThenByDescending(b => b.Value)
            .ThenBy(b => b.Unit, StringComparer.Ordinal)
            .ToList();

        long? districtTarget = targets.TryGetValue(0, out var own) ? own
            : targets.Count > 0 ? facts.Units.Sum(u => targets.TryGetValue(u.Id, out var t) ? t : 0) : null;
        var total = bars.Sum(b => b.Value ?? 0);
        var reported = bars.Count(b => b.Value is not null);

        var start = facts.DriveStart is { } s && s <= day ? s : facts.From;
        if (day.DayNumber - start.DayNumber + 1 > TrendDays)
            start = day.AddDays(1 - TrendDays);
        var trend = Enumerable.Range(0, day.DayNumber - start.DayNumber + 1)
            .Select(i => start.AddDays(i))
            .Select(d => new TrendPoint(d, $"{d.Day}/{d.Month}", facts.Units.Sum(u => figures.TryGetValue((u.Id, d), out var v) ? v : 0), facts.IsWorkingDay(d)))
            .ToList();

        var district = hindi ? facts.DistrictHi ?? facts.District : facts.District;
        var indicator = hindi ? main.NameHi : main.Name;
        return new DayChartPlan(
            $"{district} — {indicator}, {reply.DayWithYear(day)}",
            words.Subtitle(IndianNumber.Format(total), districtTarget is { } dt ? IndianNumber.Format(dt) : null, Percent(total, districtTarget), reported, bars.Count),
            words.ValueAxis(indicator),
            words.Target,
            words.BelowHalf,
            bars,
            words.Trend,
            trend,
            districtTarget);
    }

    static int? Percent(long value, long? target) => target is > 0 ? (int)Math.Round(100.0 * value / target.Value) : null;

    sealed record Words(
        string NotReported, string Target, string BelowHalf, string Trend,
        Func<string, string?, int?, int, int, string> Subtitle, Func<string, string> ValueAxis);

    static readonly Words English = new(
        "not reported", "Target", "Below half the target", "District total per day, drive so far",
        (total, target, percent, reported, units) =>
            $"Total {total}{(target is null ? "" : $" of {target} ({percent}%)")}, {reported} of {units} units reported",
        indicator => indicator);

    static readonly Words Hindi = new(
        "रिपोर्ट नहीं", "लक्ष्य", "लक्ष्य के आधे से कम", "अभियान अब तक: ज़िले का रोज़ का कुल",
        (total, target, percent, reported, units) =>
            $"कुल {total}{(target is null ? "" : $" / {target} ({percent}%)")}, {units} में से {reported} इकाइयों की रिपोर्ट",
        indicator => indicator);
}

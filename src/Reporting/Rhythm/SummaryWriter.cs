using System.Text;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Rhythm;

/// <summary>What a district summary reports: the day's standing, the drive so far, and the flagged figures.</summary>
public sealed record SummaryFacts(
    DateOnly Day,
    TimeOnly At,
    DayStanding Standing,
    (DateOnly From, DateOnly To)? CampaignDays,
    long CampaignTotal,
    IReadOnlyList<(string Unit, FigureFlag Flag)> Flags)
{
    /// <summary>The district's local day when the summary is written; null: <see cref="Day"/> is today.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>The last earlier day of the drive with figures, to compare with; null: none.</summary>
    public PreviousDay? Previous { get; init; }

    /// <summary>The district's target for the whole campaign (a `targets` row with period `campaign` and no unit).</summary>
    public long? CampaignTarget { get; init; }

    /// <summary>The campaign's other indicators (Vay Vandana …) that have a figure or a target for the day.</summary>
    public IReadOnlyList<IndicatorDay> OtherIndicators { get; init; } = [];

    /// <summary>Each unit's reporters' names, to name beside a unit that has not reported.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reporters { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    public bool IsToday => Today is null || Today == Day;
}

/// <summary>An earlier day's figures of the main indicator, by unit.</summary>
public sealed record PreviousDay(DateOnly Day, IReadOnlyDictionary<string, long> Figures)
{
    public long Total => Figures.Values.Sum();
}

/// <summary>Another indicator's district total for the day, against its district day target if one is set.</summary>
public sealed record IndicatorDay(Indicator Indicator, long Total, long? Target)
{
    public int? Percent => Target is > 0 and var t ? (int)Math.Round(100.0 * Total / t) : null;
}

/// <summary>
/// The district summary as it reads on a phone: the day's total against target and against the day before, the
/// campaign's other indicators, the drive against the campaign's target, how many units reported, every unit with its
/// figure and percentage (highest first, so the laggards are at the bottom) in a table that fits a 360 px screen, the
/// units below half their target, those not reported with who reports for them, and the flagged figures — in the
/// reader's language, in parts that each fit one WhatsApp message. The unit lines add up to the day's total.
/// </summary>
public sealed class SummaryWriter(DistrictCatalog catalog)
{
    /// <summary>
    /// Columns of WhatsApp's monospace block on a 360 px-wide phone: about 30–32 are seen; the table keeps to the
    /// lower bound, so the % column is never cut off.
    /// </summary>
    public const int PhoneColumns = 30;

    /// <summary>A change-from-yesterday column is added only if the names still get this many columns (or all they need).</summary>
    public const int NameColumnsWithChange = 8;

    public IReadOnlyList<string> Write(ReplyLanguage language, SummaryFacts facts, int limit = MessageSplitter.TwilioLimit)
    {
        var standing = facts.Standing;
        var indicator = language.IndicatorName(catalog.DefaultIndicator);
        var text = new StringBuilder();
        if (facts.IsToday)
        {
            text.AppendLine(language.SummaryTitle(indicator, catalog.District));
            text.AppendLine($"{language.DayWithYear(facts.Day)}, {language.Time(facts.At)}");
            text.AppendLine();
            text.AppendLine(language.SummaryToday(IndianNumber.Format(standing.Total), Format(standing.DistrictTarget), standing.TotalPercent));
        }
        else
        {
            text.AppendLine(language.SummaryTitleOn(indicator, catalog.District, language.DayWithYear(facts.Day)));
            text.AppendLine();
            text.AppendLine(language.SummaryOnDay(language.Day(facts.Day), IndianNumber.Format(standing.Total), Format(standing.DistrictTarget), standing.TotalPercent));
        }
        if (facts.Previous is { } previous && ChangeLine(language, standing, previous) is { } change)
            text.AppendLine(change);
        foreach (var other in facts.OtherIndicators)
            text.AppendLine(language.SummaryOtherIndicator(language.IndicatorName(other.Indicator), IndianNumber.Format(other.Total), Format(other.Target), other.Percent));
        if (facts.CampaignDays is { } days)
        {
            var percent = facts.CampaignTarget is > 0 and var t ? (int?)Math.Round(100.0 * facts.CampaignTotal / t) : null;
            text.AppendLine(language.SummaryDriveTotal(language.DayMonth(days.From), language.DayMonth(days.To), IndianNumber.Format(facts.CampaignTotal),
                Format(facts.CampaignTarget), percent));
        }
        text.AppendLine(language.SummaryReported(standing.Reported, standing.Units.Count));

        var reported = standing.Units.Where(u => u.Value is not null)
            .OrderByDescending(u => u.Percent ?? -1).ThenByDescending(u => u.Value).ThenBy(u => u.Unit).ToList();
        if (reported.Count > 0)
        {
            var table = Table(language, reported, facts.Previous);
            text.AppendLine();
            text.AppendLine("```");
            foreach (var line in table.Lines)
                text.AppendLine(line);
            text.AppendLine("```");
            if (table.WithChange)
                text.AppendLine(language.SummaryChangeColumn(language.Day(facts.Previous!.Day)));
        }

        var missing = standing.Units.Where(u => u.Value is null).Select(u => $"{Name(language, u.Unit)} ({ReportersOf(facts, u.Unit)})").ToList();
        var belowHalf = reported.Where(u => u.Percent * 2 < 100).Select(u => Name(language, u.Unit)).ToList();
        var flagged = facts.Flags.Select(f => $"{Name(language, f.Unit)} ({Short(language, f.Flag)})").ToList();
        if (missing.Count + belowHalf.Count + flagged.Count > 0)
            text.AppendLine();
        if (missing.Count > 0)
            text.AppendLine(language.SummaryNotReported(string.Join(", ", missing)));
        if (belowHalf.Count > 0)
            text.AppendLine(language.SummaryBelowHalf(string.Join(", ", belowHalf)));
        if (flagged.Count > 0)
            text.AppendLine(language.SummaryFlagged(string.Join(", ", flagged)));
        return MessageSplitter.Split(text.ToString().TrimEnd(), limit);
    }

    /// <summary>
    /// The unit table, each line at most <see cref="PhoneColumns"/> display columns: rank, name, figure, % (always
    /// shown), the change from the previous day when it fits, and ⚠️ below half the target. Names take what the numbers
    /// leave and are shortened by one rule (<see cref="DisplayWidth.Fit"/>); every column is padded by display width,
    /// so Devanagari names line up like Latin ones. No target column: the % says how the unit did against it.
    /// </summary>
    (IReadOnlyList<string> Lines, bool WithChange) Table(ReplyLanguage language, IReadOnlyList<UnitDay> reported, PreviousDay? previous)
    {
        var names = reported.Select(u => Name(language, u.Unit)).ToList();
        var values = reported.Select(u => IndianNumber.Format(u.Value!.Value)).ToList();
        var percents = reported.Select(u => u.Percent is { } p ? $"{p}%" : "").ToList();
        var changes = reported.Select(u => previous is not null && previous.Figures.TryGetValue(u.Unit, out var before)
            ? Signed(u.Value!.Value - before) : "").ToList();
        var laggards = reported.Select(u => u.Percent * 2 < 100).ToList();

        var rankWidth = Math.Max(2, reported.Count.ToString().Length) + 1;
        var valueWidth = values.Max(v => v.Length);
        var percentWidth = percents.Max(p => p.Length);
        var changeWidth = changes.Max(c => c.Length);
        var flagWidth = laggards.Any(l => l) ? 1 + DisplayWidth.Of("⚠️") : 0;
        var fullNames = names.Max(DisplayWidth.Of);
        // rank, space, name, space, figure, then each further column with its space
        var fixedWidth = rankWidth + 1 + 1 + valueWidth + (percentWidth > 0 ? 1 + percentWidth : 0) + flagWidth;
        var withChange = changeWidth > 0 && PhoneColumns - fixedWidth - (1 + changeWidth) >= Math.Min(fullNames, NameColumnsWithChange);
        if (withChange)
            fixedWidth += 1 + changeWidth;
        var nameWidth = Math.Max(3, Math.Min(fullNames, PhoneColumns - fixedWidth));

        var lines = new List<string>(reported.Count);
        for (var i = 0; i < reported.Count; i++)
        {
            var line = new StringBuilder()
                .Append($"{i + 1}.".PadLeft(rankWidth)).Append(' ')
                .Append(DisplayWidth.PadRight(DisplayWidth.Fit(names[i], nameWidth), nameWidth)).Append(' ')
                .Append(values[i].PadLeft(valueWidth));
            if (percentWidth > 0)
                line.Append(' ').Append(percents[i].PadLeft(percentWidth));
            if (withChange)
                line.Append(' ').Append(changes[i].PadLeft(changeWidth));
            if (laggards[i])
                line.Append(" ⚠️");
            lines.Add(line.ToString().TrimEnd());
        }
        return (lines, withChange);
    }

    /// <summary>
    /// The district's total against the previous day's; while a unit that reported then has not yet today (an 11:00
    /// progress summary), only the units that reported both days are compared — a fall that is only missing reports
    /// would alarm the DM for nothing. Null when no unit reported both days.
    /// </summary>
    static string? ChangeLine(ReplyLanguage language, DayStanding standing, PreviousDay previous)
    {
        var today = standing.Units.Where(u => u.Value is not null).ToDictionary(u => u.Unit, u => u.Value!.Value, StringComparer.OrdinalIgnoreCase);
        var day = language.Day(previous.Day);
        if (previous.Figures.Keys.All(today.ContainsKey))
            return language.SummaryChange(day, IndianNumber.Format(previous.Total), Change(standing.Total, previous.Total));
        var both = previous.Figures.Keys.Where(today.ContainsKey).ToList();
        if (both.Count == 0)
            return null;
        var before = both.Sum(u => previous.Figures[u]);
        return language.SummaryChangeSameUnits(day, both.Count, IndianNumber.Format(before), Change(both.Sum(u => today[u]), before));
    }

    /// <summary>"▲ 1,212 (+15%)", "▼ 300 (−3%)"; null when equal; no % after a day of nothing.</summary>
    static string? Change(long today, long before)
    {
        if (today == before)
            return null;
        var arrow = today > before ? "▲" : "▼";
        var text = $"{arrow} {IndianNumber.Format(Math.Abs(today - before))}";
        return before > 0 ? $"{text} ({(today > before ? "+" : "−")}{Math.Round(100.0 * Math.Abs(today - before) / before)}%)" : text;
    }

    /// <summary>A unit's change in the table: ASCII signs, one column each in any font.</summary>
    static string Signed(long change) => change switch
    {
        > 0 => "+" + IndianNumber.Format(change),
        < 0 => "-" + IndianNumber.Format(-change),
        _ => "0",
    };

    static string ReportersOf(SummaryFacts facts, string unit) =>
        facts.Reporters.TryGetValue(unit, out var names) && names.Count > 0 ? string.Join(", ", names) : "—";

    /// <summary>The catalog's units by name: a summary names every unit, and a scan per name took 0.7 s at 7,000 units.</summary>
    readonly Lazy<Dictionary<string, Unit>> _units = new(() => catalog.Units.DistinctBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(u => u.Name, StringComparer.OrdinalIgnoreCase));

    string Name(ReplyLanguage language, string unit) => _units.Value.TryGetValue(unit, out var found) ? language.UnitName(found) : unit;

    static string? Format(long? value) => value is { } v ? IndianNumber.Format(v) : null;

    static string Short(ReplyLanguage language, FigureFlag flag) => flag switch
    {
        FigureFlag.Spike => language.SpikeShort,
        FigureFlag.Drop => language.DropShort,
        FigureFlag.TotalCoversGap => language.TotalCoversGapShort,
        FigureFlag.TotalDisagrees => language.TotalDisagreesShort,
        _ => flag.ToString(),
    };
}

namespace ReportBot.Reporting.Exports;

/// <summary>A unit as the DM's desk shows it.</summary>
public sealed record DeskUnit(int Id, string Name, string? NameHi);

/// <summary>An indicator as the DM's desk shows it; the default one (Ayushman cards) is the Daily sheet's.</summary>
public sealed record DeskIndicator(string Key, string Name, string NameHi, bool IsDefault);

/// <summary>A recorded figure: the latest report for a unit, indicator and day.</summary>
public sealed record DeskFigure(int UnitId, string Indicator, DateOnly Day, long Value);

/// <summary>A day target of the campaign (<see cref="UnitId"/> null: the district's own).</summary>
public sealed record DeskTarget(int? UnitId, string Indicator, long Value);

/// <summary>One row of figure_history: what changed, when (UTC), by whom, from which inbox message.</summary>
public sealed record DeskChange(
    DateTimeOffset RecordedAt, int UnitId, string Indicator, DateOnly Day, long? OldValue, long? NewValue, string? Member, string? Message);

/// <summary>A reporter of a unit, with the phone to call when the unit is missing.</summary>
public sealed record DeskReporter(int UnitId, string Name, string Phone);

/// <summary>
/// What the desk (the workbook, the CSV and the day's chart) loads in one round trip: the district's units and
/// indicators, every figure from the drive's start (or <see cref="From"/>, whichever is earlier) to <see cref="To"/>, the
/// campaign's day targets, the history of changes for the days shown, and who reports for which unit.
/// </summary>
public sealed record FigureFacts(
    string District,
    string? DistrictHi,
    TimeZoneInfo TimeZone,
    DateOnly From,
    DateOnly To,
    DateOnly? DriveStart,
    IReadOnlyList<DeskUnit> Units,
    IReadOnlyList<DeskIndicator> Indicators,
    IReadOnlyList<DeskFigure> Figures,
    IReadOnlyList<DeskTarget> DayTargets,
    IReadOnlyList<DeskChange> History,
    IReadOnlyList<DeskReporter> Reporters,
    IReadOnlyCollection<DayOfWeek>? RestWeekdays = null,
    IReadOnlyCollection<DateOnly>? Holidays = null)
{
    /// <summary>A day the drive works: not one of the district's weekly rest days, nor a holiday. Targets count only these.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        RestWeekdays?.Contains(day.DayOfWeek) != true && Holidays?.Contains(day) != true;

    /// <summary>The days shown, first to last.</summary>
    public IReadOnlyList<DateOnly> Days =>
        Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(i => From.AddDays(i)).ToList();

    public DeskIndicator DefaultIndicator => Indicators.FirstOrDefault(i => i.IsDefault) ?? Indicators[0];
}

/// <summary>Which days an export covers, when the caller names some, one or none of them.</summary>
public static class FigureRange
{
    /// <summary>A year of days: enough for any drive, and a bound on what one request may ask a server to build.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// The days from <paramref name="from"/> to <paramref name="to"/>; by default the running campaign's days up to
    /// today (or to its last day, if it has ended), else the 30 days up to today. Returns an error to show instead
    /// when the range is backwards or longer than <see cref="MaxDays"/>.
    /// </summary>
    public static (DateOnly From, DateOnly To, string? Error) Resolve(DateOnly today, (DateOnly Start, DateOnly End)? campaign, DateOnly? from, DateOnly? to)
    {
        var last = to ?? (campaign is { } c && c.Start <= today ? (today < c.End ? today : c.End) : today);
        var first = from ?? (campaign is { } d && d.Start <= last ? d.Start : last.AddDays(-29));
        if (first > last)
            return (first, last, $"The range starts on {Dmy(first)}, after its last day {Dmy(last)}.");
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
            return (first, last, $"{Dmy(first)} to {Dmy(last)} is more than {MaxDays} days; ask for a shorter range.");
        return (first, last, null);
    }

    static string Dmy(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

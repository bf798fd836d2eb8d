using ReportBot.Reporting.Districts;

namespace ReportBot.Reporting.Rhythm;

/// <summary>One message of a slot as it goes out: its text, and whether the day's chart goes with it.</summary>
/// <param name="Text">The text; with the chart, its caption — or empty: the chart alone, the text in the parts after it.</param>
public sealed record ChartedPart(string Text, bool Chart);

/// <summary>
/// The final summary arrives with the day's chart (per unit against target, and the drive's days): which summaries
/// carry it, and which of a summary's messages. Decided here without I/O; the host renders the chart once per language
/// and firing, and each channel says how long a caption it takes.
/// </summary>
public static class SummaryChart
{
    /// <summary>
    /// The most units a chart shows: a bar is 64 px, so 100 units make a picture about 7,300 px tall — as tall as a phone
    /// can still read scrolled, and within Telegram's photo limit (width + height at most 10,000 px). A district that
    /// reports by more units (panchayats by the thousand) gets its summary as text; its chart stays on the desk.
    /// </summary>
    public const int MaxUnits = 100;

    /// <summary>
    /// A summary fired at or after the district's cut-off — the day's final one — carries the chart, and so does one an
    /// admin sends on demand (`send-now`, the simulator's button); the progress summaries before the cut-off do not,
    /// nor a district of more than <see cref="MaxUnits"/> units.
    /// </summary>
    public static bool Carries(SlotKind kind, DistrictSetting district, RhythmFacts facts, bool onDemand) =>
        Carries(kind, district, facts.LocalTime, facts.Cutoff, onDemand);

    /// <summary>The same rule from the district's local time and cut-off, before the day's facts are loaded (so that a
    /// progress summary does not load what the chart is drawn from).</summary>
    public static bool Carries(SlotKind kind, DistrictSetting district, TimeOnly localTime, TimeOnly cutoff, bool onDemand) =>
        kind == SlotKind.Summary && (onDemand || localTime >= cutoff) && district.Units.Count is > 0 and <= MaxUnits;

    /// <summary>
    /// The summary's parts with the chart placed: the first part is the chart's caption when the channel takes a caption
    /// that long (<paramref name="captionLimit"/>); else the chart goes first, alone, and the text after it, as it was.
    /// A channel that sends no pictures (<paramref name="captionLimit"/> null) gets the text alone.
    /// </summary>
    public static IReadOnlyList<ChartedPart> Place(IReadOnlyList<string> parts, int? captionLimit)
    {
        if (captionLimit is not { } limit || parts.Count == 0)
            return parts.Select(p => new ChartedPart(p, false)).ToList();
        if (parts[0].Length <= limit)
            return [new ChartedPart(parts[0], true), .. parts.Skip(1).Select(p => new ChartedPart(p, false))];
        return [new ChartedPart("", true), .. parts.Select(p => new ChartedPart(p, false))];
    }
}

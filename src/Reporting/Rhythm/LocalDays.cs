using System.Globalization;

namespace ReportBot.Reporting.Rhythm;

public static class LocalDays
{
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <param name="zoneId">An IANA zone id, as districts store it ("Asia/Kolkata").</param>
    public static DateOnly Of(DateTimeOffset instant, string zoneId) => Of(instant, TimeZoneInfo.FindSystemTimeZoneById(zoneId));

    /// <summary>
    /// A date as an Indian office writes it — day first: 01/12/2026, 1-12-2026, 01.12.2026 — or ISO 2026-12-01. Never
    /// month first: "01/12/2026" is the first of December, and a date that reads only month first (12/25/2026) is refused.
    /// </summary>
    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    static readonly string[] Formats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];

    /// <summary>
    /// An optional date as a query parameter gives it: nothing (null, no error), a date read as <see cref="TryParse"/>
    /// reads it, or the one line that says why not.
    /// </summary>
    public static bool TryParseOptional(string? text, out DateOnly? day, out string? error)
    {
        day = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (TryParse(text, out var parsed))
        {
            day = parsed;
            return true;
        }
        error = $"'{text}' is not a date: {Expected}.";
        return false;
    }

    /// <summary>What to tell someone whose date could not be read.</summary>
    public const string Expected = "write the date day first, like 01/12/2026, or as 2026-12-01";
}

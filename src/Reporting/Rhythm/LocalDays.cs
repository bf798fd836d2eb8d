namespace ReportBot.Reporting.Rhythm;

/// <summary>A district's local day at an instant: a figure, a reminder and a summary all belong to the day in the district.</summary>
public static class LocalDays
{
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <param name="zoneId">An IANA zone id, as districts store it ("Asia/Kolkata").</param>
    public static DateOnly Of(DateTimeOffset instant, string zoneId) => Of(instant, TimeZoneInfo.FindSystemTimeZoneById(zoneId));
}

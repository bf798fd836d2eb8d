namespace ReportBot.Reporting.Reading;

/// <summary>The limits the reader applies while reading.</summary>
/// <param name="PlausibilityCeiling">A figure above this for one unit, indicator and day is <c>implausible_number</c>.</param>
/// <param name="MaxDaysBack">A date further back than this is <c>stale_date</c>.</param>
public sealed record ReaderSettings(long PlausibilityCeiling = 20_000, int MaxDaysBack = 7)
{
    public static readonly ReaderSettings Default = new();
}

namespace ReportBot.Reporting.Conversation;

/// <summary>Who wrote a message, as far as the rules care.</summary>
/// <param name="WholeDistrict">A district officer or admin: may report for any unit of the district.</param>
/// <param name="Units">The units a reporter is registered for (canonical names).</param>
public sealed record Sender(string Name, string Language, bool WholeDistrict, IReadOnlyList<string> Units)
{
    public bool MayReportFor(string unit) =>
        WholeDistrict || Units.Contains(unit, StringComparer.OrdinalIgnoreCase);
}

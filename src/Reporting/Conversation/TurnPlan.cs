using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Conversation;

/// <summary>What to do with a reading from a given sender: which figures to record and which to refuse.</summary>
public sealed record TurnPlan(IReadOnlyList<ReadReport> ToRecord, IReadOnlyList<ReadReport> NotPermitted)
{
    /// <summary>A reporter records for their own units; a district officer or admin for any unit of the district.</summary>
    public static TurnPlan For(Reading.Reading reading, Sender sender)
    {
        var toRecord = new List<ReadReport>();
        var notPermitted = new List<ReadReport>();
        foreach (var report in reading.Reports)
            (sender.MayReportFor(report.Unit) ? toRecord : notPermitted).Add(report);
        return new TurnPlan(toRecord, notPermitted);
    }
}

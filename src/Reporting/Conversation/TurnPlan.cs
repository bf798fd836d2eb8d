using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Conversation;

/// <summary>What to do with a reading from a given sender: which figures to record and which to refuse.</summary>
public sealed record TurnPlan(IReadOnlyList<ReadReport> ToRecord, IReadOnlyList<ReadReport> NotPermitted)
{
    /// <summary>
    /// A reporter records for their own units; a district officer or admin for any unit of the district. A running
    /// total sent beside a day's figure for the same unit, indicator and day ("Today- 1240 / Total- 15600") is not a
    /// second figure: it rides with the day's figure (<see cref="ReadReport.StatedTotal"/>) and only checks it. A total
    /// alone stays a <see cref="ReportOp.Total"/> report, from which the rules derive the day's figure.
    /// </summary>
    public static TurnPlan For(Reading.Reading reading, Sender sender)
    {
        var toRecord = new List<ReadReport>();
        var notPermitted = new List<ReadReport>();
        foreach (var report in PairTotals(reading.Reports))
            (sender.MayReportFor(report.Unit) ? toRecord : notPermitted).Add(report);
        return new TurnPlan(toRecord, notPermitted);
    }

    static List<ReadReport> PairTotals(IReadOnlyList<ReadReport> reports)
    {
        var totals = reports.Where(r => r.Op == ReportOp.Total).ToList();
        if (totals.Count == 0) return [.. reports];
        // The last day's figure of a unit, indicator and day takes the total ("1240 ... 200 aur / Total 15800" checks both).
        var lastOfDay = new Dictionary<(string, string, DateOnly), int>();
        for (int i = 0; i < reports.Count; i++)
            if (reports[i].Op != ReportOp.Total) lastOfDay[KeyOf(reports[i])] = i;
        var paired = new List<ReadReport>(reports.Count);
        for (int i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            if (report.Op == ReportOp.Total) continue;
            int at = lastOfDay[KeyOf(report)] == i ? totals.FindIndex(t => KeyOf(t) == KeyOf(report)) : -1;
            if (at < 0)
            {
                paired.Add(report);
                continue;
            }
            paired.Add(report with { StatedTotal = totals[at].Value });
            totals.RemoveAt(at);
        }
        paired.AddRange(totals);
        return paired;
    }

    static (string, string, DateOnly) KeyOf(ReadReport report) => (report.Unit, report.Indicator, report.Date);
}

using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Conversation;

/// <summary>
/// A figure as it now stands after a report, with what it was before (null: the first figure of the day), and the
/// flag the rules put on it, with the unit's usual day or the day before's total that the flag is about.
/// </summary>
/// <param name="Total">The running total the figure came from or with, and its arithmetic (null: no total).</param>
/// <param name="Withdrawn">The figure the message itself corrected ("1240 nahi 1420": 1240), shown as old → new.</param>
public sealed record RecordedFigure(
    string Unit, string Indicator, DateOnly Day, long? OldValue, long NewValue, long Reported, bool Added,
    FigureFlag? Flag = null, long? FlagReference = null, TotalArithmetic? Total = null, long? Withdrawn = null)
{
    /// <summary>
    /// The recorded figure for a report the rules decided to record: everything the reply needs comes from the report
    /// and the decision; the caller adds what the store says the figure was, and what a spike or drop flag is about.
    /// </summary>
    public static RecordedFigure Of(ReadReport report, FigureDecision decision, long? oldValue, long? flagReference = null) =>
        new(report.Unit, report.Indicator, report.Date, oldValue, decision.NewValue,
            report.Op == ReportOp.Total ? decision.NewValue : report.Value, report.Op == ReportOp.Add,
            decision.Flag, flagReference, decision.Total, report.Withdrawn);
}

using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Conversation;

/// <summary>
/// A figure as it now stands after a report, with what it was before (null: the first figure of the day), and the
/// flag the rules put on it, with the unit's usual day or the day before's total that the flag is about.
/// </summary>
public sealed record RecordedFigure(
    string Unit, string Indicator, DateOnly Day, long? OldValue, long NewValue, long Reported, bool Added,
    FigureFlag? Flag = null, long? FlagReference = null);

namespace ReportBot.Reporting.Conversation;

/// <summary>A figure as it now stands after a report, with what it was before (null: the first figure of the day).</summary>
public sealed record RecordedFigure(string Unit, string Indicator, DateOnly Day, long? OldValue, long NewValue, long Reported, bool Added);

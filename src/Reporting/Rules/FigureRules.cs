using ReportBot.Reporting.Reading;

namespace ReportBot.Reporting.Rules;

/// <summary>A campaign's window, as the rules see it.</summary>
public sealed record CampaignWindow(string Name, DateOnly StartsOn, DateOnly EndsOn)
{
    public bool Contains(DateOnly day) => day >= StartsOn && day <= EndsOn;
}

/// <summary>What is known about a unit's figures around the day of a report.</summary>
/// <param name="CurrentValue">The day's figure so far (null: none yet).</param>
/// <param name="PreviousDayValue">The figure of the day before.</param>
/// <param name="RecentAverage">The unit's average day over the week before.</param>
/// <param name="RecentDays">On how many of those days it reported.</param>
/// <param name="Ceiling">Above this a figure is held until its sender confirms it.</param>
/// <param name="DriveTotalBefore">
/// The unit's recorded figures for this indicator summed over the campaign's days before the report's day (0 when it
/// has none). Needed to turn a running total into the day's figure; null means the caller did not load it, and then a
/// total alone is not turned into a figure at all (<see cref="Verdict.TotalWithoutHistory"/>) rather than guessed.
/// </param>
/// <param name="DaysWithoutFigureBefore">
/// Campaign days before the report's day on which the unit has no figure for this indicator: a day's figure derived
/// from a running total then covers those days too, and is flagged for review.
/// </param>
public sealed record FigureContext(
    long? CurrentValue,
    long? PreviousDayValue,
    double? RecentAverage,
    int RecentDays,
    bool Cumulative,
    long Ceiling,
    CampaignWindow? Campaign,
    long? DriveTotalBefore = null,
    int DaysWithoutFigureBefore = 0);

public enum Verdict
{
    /// <summary>Record it (perhaps with a flag).</summary>
    Record,
    /// <summary>Above the unit's ceiling: hold until the sender replies YES.</summary>
    Hold,
    /// <summary>The day is outside the campaign's window: not recorded.</summary>
    OutsideCampaign,
    /// <summary>
    /// A running total below what is already on record for the drive before that day ("total 7,000" over 7,060
    /// recorded): it gives no day's figure, so nothing is recorded and the sender is asked for the day's figure.
    /// </summary>
    TotalBelowRecorded,
    /// <summary>A running total alone, and the caller did not load the drive's history (<see cref="FigureContext.DriveTotalBefore"/>): nothing is recorded.</summary>
    TotalWithoutHistory,
}

/// <summary>A recorded figure the district should look at again.</summary>
public enum FigureFlag
{
    /// <summary>About five times (or more) the unit's usual day.</summary>
    Spike,
    /// <summary>A running total that fell from the day before.</summary>
    Drop,
    /// <summary>A day's figure derived from a running total when the unit has days without a figure before it: it covers them too.</summary>
    TotalCoversGap,
    /// <summary>A day's figure sent with a running total that is not what is on record plus that figure.</summary>
    TotalDisagrees,
}

/// <summary>What a running total did to a report.</summary>
public enum TotalRole
{
    /// <summary>Sent alone: the day's figure is the total less what is on record before that day.</summary>
    GivesTheDay,
    /// <summary>Sent beside the day's figure: the day's figure is recorded, and the total checks it.</summary>
    ChecksTheDay,
}

/// <summary>
/// The arithmetic of a running total, for the reply and the history: the total as sent, the drive's recorded figures
/// before that day, and the campaign days before it without a figure.
/// </summary>
/// <param name="Total">The running total as sent ("Total- 7,600").</param>
/// <param name="RecordedBefore">What the unit has on record for the drive before that day (7,060).</param>
/// <param name="DaysWithoutFigure">Campaign days before that day with no figure, which a derived figure covers.</param>
/// <param name="Role">Whether the total gave the day's figure (sent alone) or checked one sent beside it.</param>
public sealed record TotalArithmetic(long Total, long RecordedBefore, int DaysWithoutFigure, TotalRole Role)
{
    /// <summary>The day's figure the total gives: total − recorded before (540).</summary>
    public long DayFigure => Total - RecordedBefore;
}

/// <param name="Total">When the report was or came with a running total: its arithmetic (null: no total, or no history loaded).</param>
public sealed record FigureDecision(Verdict Verdict, long NewValue, FigureFlag? Flag = null, TotalArithmetic? Total = null);

/// <summary>
/// The rules of a day's figure (README, "The rules of a day's figures"): the latest report is the figure and `+N` adds
/// to it; a figure outside the campaign's window is refused; one above the unit's ceiling waits for a YES; one five
/// times the unit's usual day, or a running total that falls, is recorded but flagged.
/// </summary>
public static class FigureRules
{
    /// <summary>A spike is judged only against a usual day seen on at least this many of the last seven days.</summary>
    public const int MinimumDaysForUsual = 3;

    public const double SpikeFactor = 5;

    public static FigureDecision Decide(ReadReport report, FigureContext context, bool confirmed = false)
    {
        if (report.Op == ReportOp.Total) return DecideTotal(report, context);
        var newValue = report.Op == ReportOp.Add ? (context.CurrentValue ?? 0) + report.Value : report.Value;
        if (context.Campaign is { } campaign && !campaign.Contains(report.Date))
            return new FigureDecision(Verdict.OutsideCampaign, newValue);
        if (newValue > context.Ceiling && !confirmed)
            return new FigureDecision(Verdict.Hold, newValue);
        // A day's figure sent with a running total ("Today- 1240 / Total- 15600"): the day's figure is recorded; the
        // total only checks it, and a total that does not add up is flagged, not believed over the day's figure.
        if (report.StatedTotal is { } stated && context.DriveTotalBefore is { } before)
        {
            var arithmetic = new TotalArithmetic(stated, before, context.DaysWithoutFigureBefore, TotalRole.ChecksTheDay);
            var flag = stated != before + newValue ? FigureFlag.TotalDisagrees : FlagFor(newValue, context);
            return new FigureDecision(Verdict.Record, newValue, flag, arithmetic);
        }
        return new FigureDecision(Verdict.Record, newValue, FlagFor(newValue, context));
    }

    /// <summary>
    /// A running total alone: the day's figure is the total less what the unit has on record for the drive before
    /// that day. The ceiling never applies to a total (a derived day above it is still flagged as a spike if it is one);
    /// days without a figure before it mean the derived figure covers them, which is flagged for review.
    /// </summary>
    static FigureDecision DecideTotal(ReadReport report, FigureContext context)
    {
        if (context.DriveTotalBefore is not { } before)
            return new FigureDecision(Verdict.TotalWithoutHistory, 0);
        var arithmetic = new TotalArithmetic(report.Value, before, context.DaysWithoutFigureBefore, TotalRole.GivesTheDay);
        if (arithmetic.DayFigure < 0)
            return new FigureDecision(Verdict.TotalBelowRecorded, arithmetic.DayFigure, null, arithmetic);
        if (context.Campaign is { } campaign && !campaign.Contains(report.Date))
            return new FigureDecision(Verdict.OutsideCampaign, arithmetic.DayFigure, null, arithmetic);
        var flag = context.DaysWithoutFigureBefore > 0 ? FigureFlag.TotalCoversGap : FlagFor(arithmetic.DayFigure, context);
        return new FigureDecision(Verdict.Record, arithmetic.DayFigure, flag, arithmetic);
    }

    static FigureFlag? FlagFor(long value, FigureContext context)
    {
        if (context.Cumulative && context.PreviousDayValue is { } previous && value < previous)
            return FigureFlag.Drop;
        if (context.RecentDays >= MinimumDaysForUsual && context.RecentAverage is > 0 and var usual && value >= SpikeFactor * usual)
            return FigureFlag.Spike;
        return null;
    }
}

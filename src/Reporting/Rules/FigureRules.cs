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
public sealed record FigureContext(
    long? CurrentValue,
    long? PreviousDayValue,
    double? RecentAverage,
    int RecentDays,
    bool Cumulative,
    long Ceiling,
    CampaignWindow? Campaign);

public enum Verdict
{
    /// <summary>Record it (perhaps with a flag).</summary>
    Record,
    /// <summary>Above the unit's ceiling: hold until the sender replies YES.</summary>
    Hold,
    /// <summary>The day is outside the campaign's window: not recorded.</summary>
    OutsideCampaign,
}

/// <summary>A recorded figure the district should look at again.</summary>
public enum FigureFlag
{
    /// <summary>About five times (or more) the unit's usual day.</summary>
    Spike,
    /// <summary>A running total that fell from the day before.</summary>
    Drop,
}

public sealed record FigureDecision(Verdict Verdict, long NewValue, FigureFlag? Flag = null);

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
        var newValue = report.Op == ReportOp.Add ? (context.CurrentValue ?? 0) + report.Value : report.Value;
        if (context.Campaign is { } campaign && !campaign.Contains(report.Date))
            return new FigureDecision(Verdict.OutsideCampaign, newValue);
        if (newValue > context.Ceiling && !confirmed)
            return new FigureDecision(Verdict.Hold, newValue);
        return new FigureDecision(Verdict.Record, newValue, FlagFor(newValue, context));
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

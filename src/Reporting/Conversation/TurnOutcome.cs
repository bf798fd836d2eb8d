using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Conversation;

/// <summary>A figure held above its unit's ceiling, waiting for the sender's YES.</summary>
public sealed record HeldReport(string Unit, long Value, long Ceiling);

/// <summary>A figure refused because its day is outside the campaign's window.</summary>
public sealed record OutsideCampaignReport(string Unit, DateOnly Day, CampaignWindow Campaign);

/// <summary>A running total that gives no day's figure: below what is on record for the drive (<see cref="Verdict.TotalBelowRecorded"/>).</summary>
public sealed record RefusedTotal(string Unit, DateOnly Day, TotalArithmetic Arithmetic);

/// <summary>Everything one message led to, for the reply.</summary>
/// <param name="RefusedTotals">Running totals that gave no day's figure (default: none).</param>
/// <param name="Today">The district's local day, so a total's arithmetic can say "till yesterday … today"; without it the reply names the day.</param>
public sealed record TurnOutcome(
    IReadOnlyList<RecordedFigure> Recorded,
    IReadOnlyList<HeldReport> Held,
    IReadOnlyList<OutsideCampaignReport> OutsideCampaign,
    IReadOnlyList<ReadError> Errors,
    IReadOnlyList<ReadReport> NotPermitted,
    IReadOnlyList<RefusedTotal>? RefusedTotals = null,
    DateOnly? Today = null);

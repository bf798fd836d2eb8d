using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Conversation;

/// <summary>A figure held above its unit's ceiling, waiting for the sender's YES.</summary>
public sealed record HeldReport(string Unit, long Value, long Ceiling);

/// <summary>A figure refused because its day is outside the campaign's window.</summary>
public sealed record OutsideCampaignReport(string Unit, DateOnly Day, CampaignWindow Campaign);

/// <summary>Everything one message led to, for the reply.</summary>
public sealed record TurnOutcome(
    IReadOnlyList<RecordedFigure> Recorded,
    IReadOnlyList<HeldReport> Held,
    IReadOnlyList<OutsideCampaignReport> OutsideCampaign,
    IReadOnlyList<ReadError> Errors,
    IReadOnlyList<ReadReport> NotPermitted);

using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Turns;

/// <summary>What handling made of a message (stored as kebab-case text in `inbox.outcome`).</summary>
public enum InboxOutcome
{
    Recorded,
    RecordedWithErrors,
    Held,
    Error,
    Chatter,
    Help,
    Status,
    Undo,
    Confirm,
    Admin,
    AdminRefused,
    Unregistered,
    Media,
    Empty,
    /// <summary>The reader failed on it: answered with the help text, kept for the admins.</summary>
    Unreadable,
    /// <summary>Past its sender's rate limit: kept, not answered.</summary>
    RateLimited,
    /// <summary>Handling failed every time the sweeper tried: kept for the admins.</summary>
    Failed,
}

public static class InboxOutcomes
{
    /// <summary>The text stored for an outcome: `RecordedWithErrors` → `recorded-with-errors`.</summary>
    public static string ToText(this InboxOutcome outcome) => Texts[(int)outcome];

    static readonly string[] Texts = Enum.GetValues<InboxOutcome>()
        .Select(o => string.Concat(o.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())))
        .ToArray();
}

/// <summary>
/// A figure to store: its new value (null: the figure is removed, as an undo of the day's first report does), the value
/// it replaces as the turn read it under the unit's lock, its flag, and the history entry it reverts (an undo).
/// </summary>
/// <param name="StatedTotal">The running total the report stated, kept with the change in the history.</param>
public sealed record FigureWrite(FigureKey Key, long? OldValue, long? NewValue, FigureFlag? Flag = null, long? Reverts = null, long? StatedTotal = null);

/// <summary>A figure above its ceiling, kept until its sender's YES.</summary>
public sealed record HeldWrite(FigureKey Key, long Value, bool Add);

/// <summary>
/// Everything one message leads to, as plain data: what handling made of it, the reply (null: none), the figures to
/// store with their history, held figures to keep or close, and the member an admin registers. src/Data applies it in
/// one round trip; nothing here needs the database to be decided or tested.
/// </summary>
public sealed record TurnDecision(InboxOutcome Outcome, string? Reply)
{
    public IReadOnlyList<FigureWrite> Writes { get; init; } = [];
    public IReadOnlyList<HeldWrite> Holds { get; init; } = [];

    /// <summary>Open held figures of the sender's for these figures are closed as replaced: a new report wins.</summary>
    public IReadOnlyList<FigureKey> ReleaseHeld { get; init; } = [];

    /// <summary>The held figure a YES confirmed.</summary>
    public long? ConfirmedHeld { get; init; }

    public AddMemberCommand? AddMember { get; init; }
}

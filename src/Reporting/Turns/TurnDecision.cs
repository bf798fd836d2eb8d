using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Groups;
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
    /// <summary>Posted in a group no district has linked: kept, not answered.</summary>
    NotLinked,
    /// <summary>An admin's `link` tied the group to their district.</summary>
    GroupLinked,
    /// <summary>A member shared their own number: their account on the channel is linked.</summary>
    AccountLinked,
    /// <summary>A deleted message: what it made is taken back.</summary>
    TakenBack,
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

    /// <summary>The figures were recorded (or changed): in a group, a reaction on the message says so.</summary>
    public Acknowledgement? Acknowledge { get; init; }

    /// <summary>Beyond recording, the reply says something the sender must act on (an error, a hold, a flag, a derived figure).</summary>
    public bool MustAct { get; init; }

    /// <summary>The message a reaction or quote points at when it is not this one (an edit's original).</summary>
    public string? QuoteRef { get; init; }

    /// <summary>In a private chat, offer the "share my phone number" button with the reply.</summary>
    public bool AskContact { get; init; }

    /// <summary>
    /// What goes out, and where: decided from <see cref="TurnDecision.Reply"/> by <see cref="GroupManners"/> (a reaction and
    /// few words in a group), or set by a rule of the group's own. Null until then.
    /// </summary>
    public IReadOnlyList<TurnSend>? Sends { get; init; }

    /// <summary>An admin's `link`: the group it was posted in becomes this district's.</summary>
    public int? LinkGroupTo { get; init; }

    /// <summary>A stranger was told something on this day: no more notes to them until the next.</summary>
    public DateOnly? NoteStrangerOn { get; init; }

    /// <summary>The sender is a member of the linked group's district: the rhythm reaches them there.</summary>
    public bool SeenInGroup { get; init; }
}

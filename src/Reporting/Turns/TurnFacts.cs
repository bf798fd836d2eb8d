using ReportBot.Reporting.Groups;
using ReportBot.Reporting.People;

namespace ReportBot.Reporting.Turns;

/// <summary>A stored message as a turn sees it.</summary>
/// <param name="Address">The sender's address on the channel, where the reply goes.</param>
/// <param name="SentAt">When the provider says the member sent it (Meta's `timestamp`), if it says.</param>
/// <param name="Chat">The group chat it was posted in; null: a direct chat with the bot.</param>
/// <param name="MessageRef">The provider's id of the message in its chat (what a reaction or a quote points at).</param>
/// <param name="Event">A post, an edit or deletion of <paramref name="Original"/>, or a shared contact.</param>
public sealed record TurnMessage(long InboxId, string Channel, string Address, string Body, int MediaCount, DateTimeOffset ReceivedAt,
    DateTimeOffset? SentAt = null, string? Chat = null, string? MessageRef = null, MessageEvent Event = MessageEvent.Posted, string? Original = null)
{
    /// <summary>The linked group it was posted in (null: a direct chat, or a group no district has linked).</summary>
    public TurnGroup? Group { get; init; }

    /// <summary>The last day a stranger's message here earned them a note from us (at most one a day).</summary>
    public DateOnly? StrangerNotedOn { get; init; }

    /// <summary>What its channel can do: react, mention, write first, or link accounts that have no phone.</summary>
    public ChannelAbilities Abilities { get; init; } = ChannelAbilities.DirectOnly;

    /// <summary>A redelivery this much later than its sending is worth telling the sender about.</summary>
    public static readonly TimeSpan LateBy = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The moment a figure counts from: the provider's time of sending when it is plausible — not after arrival, and
    /// not older than the campaign's late limit — else arrival. A report sent at 16:55 and redelivered after an outage
    /// belongs to the day it was sent.
    /// </summary>
    public DateTimeOffset CountsFrom(int maxDaysBack) =>
        SentAt is { } sent && sent <= ReceivedAt && ReceivedAt - sent <= TimeSpan.FromDays(maxDaysBack) ? sent : ReceivedAt;
}

/// <summary>The member who sent it, with the units they report for and whether a figure of theirs waits for a YES.</summary>
public sealed record TurnMember(int Id, int DistrictId, string Name, Role Role, string Language, IReadOnlyList<string> Units, bool HasHeldFigure = false);

/// <summary>The member who already has a phone number, in whichever district.</summary>
public sealed record PhoneOwner(string Name, int DistrictId, Role Role, IReadOnlyList<string> Units);

/// <summary>Why an admin's `add` changed nothing.</summary>
public enum AddRefusal
{
    /// <summary>The number is registered in another district.</summary>
    OtherDistrict,
    /// <summary>The number is an officer's or an admin's.</summary>
    NotAReporter,
    /// <summary>The number is registered under another name.</summary>
    OtherName,
}

/// <summary>One unit's figure for one indicator and day: what the figures table is keyed by.</summary>
public readonly record struct FigureKey(int UnitId, string Indicator, DateOnly Day);

/// <summary>What is stored about one figure and its unit's days around it, read under the unit's lock.</summary>
/// <param name="Current">The day's figure so far (null: none yet).</param>
/// <param name="PreviousDay">The figure of the day before.</param>
/// <param name="RecentAverage">The unit's average day over the seven days before, if it reported on any.</param>
/// <param name="RecentDays">On how many of those seven days it reported.</param>
/// <param name="DriveBefore">The unit's figures summed over the campaign's days before this one (for running totals).</param>
/// <param name="DaysReportedBefore">On how many of the campaign's days before this one it reported.</param>
public sealed record FigureFacts(long? Current, long? PreviousDay, double? RecentAverage, int RecentDays, long DriveBefore = 0, int DaysReportedBefore = 0)
{
    public static readonly FigureFacts None = new(null, null, null, 0);
}

/// <summary>A figure of the sender's waiting for their YES.</summary>
public sealed record HeldFigureFacts(long Id, FigureKey Key, long Value, bool Add);

/// <summary>
/// What the message an edit or a deletion points at made: its inbox id, its id in the chat (a reaction goes on it), and
/// its changes to figures that nobody has changed since.
/// </summary>
public sealed record OriginalFacts(long InboxId, string? MessageRef, IReadOnlyList<LastChangeFacts> Changes);

/// <summary>The sender's last change that an undo could take back, and what it changed.</summary>
public sealed record LastChangeFacts(long HistoryId, FigureKey Key, long? OldValue, long NewValue);

/// <summary>
/// Everything a turn loaded beyond the message and its sender: the figures its reports touch (keyed, read under the
/// units' locks), the held figure a YES confirms, the change an undo takes back, the day's figures a status shows.
/// </summary>
public sealed record TurnFacts(
    IReadOnlyDictionary<FigureKey, FigureFacts> Figures,
    HeldFigureFacts? Held = null,
    LastChangeFacts? LastChange = null,
    IReadOnlyDictionary<string, long>? DayFigures = null,
    PhoneOwner? PhoneOwner = null,
    OriginalFacts? Original = null)
{
    public static readonly TurnFacts Empty = new(new Dictionary<FigureKey, FigureFacts>());

    public FigureFacts For(FigureKey key) => Figures.TryGetValue(key, out var facts) ? facts : FigureFacts.None;
}

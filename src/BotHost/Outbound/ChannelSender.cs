using ReportBot.BotHost.Inbound;
using ReportBot.Reporting.Groups;
namespace ReportBot.BotHost.Outbound;

/// <summary>
/// A message leaving through a channel: the outbox row's id, the recipient's address (a person's, or a group chat's),
/// the text, and — for a message the business starts outside WhatsApp's 24-hour window — the approved template to send
/// instead of free text.
/// </summary>
/// <param name="QuoteRef">The message (its provider id in the chat) this one answers, shown quoted; or the one a reaction is on.</param>
/// <param name="Reaction">Not a text: a reaction on <paramref name="QuoteRef"/>'s message, in the channel's own emoji.</param>
/// <param name="Mentions">Members named in <paramref name="Body"/>, each notified where the channel has mentions.</param>
/// <param name="ToGroup">The recipient is a group chat (Meta's Groups API sends those with `recipient_type: group`).</param>
/// <param name="AskContact">
/// In a private chat: offer the recipient a button that shares their own phone number with the bot (Telegram's
/// `request_contact` keyboard), so that their account is linked to the member with that phone.
/// </param>
/// <param name="Image">
/// A picture sent with the message (the final summary's chart), <paramref name="Body"/> its caption — or, when the body
/// is empty, the picture alone. Never with a template. A channel whose provider refuses the picture for good answers
/// <see cref="SendResult.ImageRefused"/>, and the outbox sends the text alone.
/// </param>
public sealed record OutboundMessage(long OutboxId, string Recipient, string Body, MessageTemplate? Template = null,
    string? QuoteRef = null, Acknowledgement? Reaction = null, IReadOnlyList<Mention>? Mentions = null, bool ToGroup = false,
    bool AskContact = false, OutboundImage? Image = null);

/// <summary>A PNG to send: its id in the outbox's store (one picture serves many messages), a file name, and its bytes.</summary>
public sealed record OutboundImage(long Id, string FileName, byte[] Png);

/// <summary>
/// A member named in a message: their address on the channel, and the words of the body that name them (the member's
/// name as written there). Each channel makes it a mention its own way: Telegram a `text_mention` entity over the words,
/// WhatsApp (WAHA) `@digits` in their place with the address in `mentions`.
/// </summary>
public sealed record Mention(string Address, string Text);

/// <summary>
/// An approved WhatsApp template by our own name for it ("daily_summary"), its language ("en", "hi"), and its
/// variables in order ({{1}}, {{2}}, …). Each channel maps the name to its provider's id (Twilio's ContentSid, Meta's
/// template name) from its configuration.
/// </summary>
public sealed record MessageTemplate(string Name, string Language, IReadOnlyList<string> Variables);

/// <summary>
/// What became of one send. The channel says which kind a failure is; the outbox, not the HTTP client, decides what
/// to do about it.
/// </summary>
public abstract record SendResult
{
    /// <summary>The provider accepted it.</summary>
    public sealed record Sent(string? ProviderId) : SendResult;

    /// <summary>
    /// The provider did not take it and says so (throttled, down): safe to send again later — not before
    /// <paramref name="After"/> when the provider names a wait (Telegram's `retry_after`).
    /// </summary>
    public sealed record Retryable(string Error, TimeSpan? After = null) : SendResult;

    /// <summary>The provider refused it for good (bad number, bad request): sending again would fail again.</summary>
    public sealed record Failed(string Error) : SendResult;

    /// <summary>
    /// The provider refused free text because the recipient's 24-hour window is closed (Twilio 63016, Meta 131047):
    /// the message must go as a template.
    /// </summary>
    public sealed record OutsideWindow(string Error) : SendResult;

    /// <summary>The channel's credentials were refused (e.g. Meta 190, HTTP 401): nothing will go until an admin fixes them.</summary>
    public sealed record Unauthorized(string Error) : SendResult;

    /// <summary>It may or may not have gone out (the answer was lost): not sent again, so nothing goes twice.</summary>
    public sealed record Uncertain(string Error) : SendResult;

    /// <summary>
    /// The provider refused the message's picture for good (its upload, its size, a plan without media): nothing went;
    /// the text goes alone instead.
    /// </summary>
    public sealed record ImageRefused(string Error) : SendResult;
}

/// <summary>
/// What a channel's provider allows, stated by the channel itself (each folder knows its own provider): the dispatcher
/// paces and splits by these, and never by a number of its own.
/// </summary>
/// <param name="MessagesPerSecond">Sends per second through this channel's one sending number.</param>
/// <param name="MaxConcurrentSends">Requests in flight at once: enough to keep the pace at the provider's latency
/// (80/s at 200 ms needs 16), below the provider's own concurrency limit (Twilio answers 429/20429 past it).</param>
/// <param name="MaxBodyLength">Characters in one text message; longer replies are split at line breaks.</param>
/// <param name="MaxTemplateVariableLength">Characters in one template variable; a longer list ends "and N more".</param>
/// <param name="PerRecipientInterval">The provider's pace to one recipient (Meta: about one message per 6 s), or null.</param>
/// <param name="PerRecipientBurst">Messages to one recipient allowed at once before that pace applies.</param>
/// <param name="WindowErrorCodes">Error codes meaning "outside the 24-hour window: send the template instead".</param>
public sealed record ChannelLimits(
    int MessagesPerSecond,
    int MaxConcurrentSends,
    int MaxBodyLength,
    int MaxTemplateVariableLength,
    TimeSpan? PerRecipientInterval,
    int PerRecipientBurst,
    IReadOnlySet<string> WindowErrorCodes)
{
    /// <summary>No provider behind it (the simulator): no window, no pace worth stating.</summary>
    public static ChannelLimits Unlimited { get; } = new(1000, 64, int.MaxValue, int.MaxValue, null, 1, new HashSet<string>());
}

/// <summary>One channel's way out. Each channel folder registers one.</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct);

    /// <summary>Whether the channel is set up to send (its credentials are configured).</summary>
    bool IsConfigured => true;

    /// <summary>The address on this channel of someone who has not written on it yet, from their phone's E.164 digits.</summary>
    string AddressFor(string e164Digits) => "+" + e164Digits;

    /// <summary>Whether WhatsApp's 24-hour rule applies: messages the business starts go as templates once it has closed.</summary>
    bool HasMessagingWindow => true;

    /// <summary>The provider's pace, sizes and window error codes.</summary>
    ChannelLimits Limits => ChannelLimits.Unlimited;

    /// <summary>
    /// Whether every send asks the provider for a status callback carrying our outbox id, so that a send whose answer
    /// was lost is proven sent by its callback — and one with no callback in time may be sent once more.
    /// </summary>
    bool ConfirmsDelivery => false;

    /// <summary>What the channel can do in a group: read and post there, react, mention, write first to a stranger.</summary>
    ChannelAbilities Abilities => ChannelAbilities.DirectOnly;
}

/// <summary>Fitting text into a channel's limits without losing what matters.</summary>
public static class MessageBounds
{
    /// <summary>
    /// <paramref name="text"/> in parts of at most <paramref name="max"/> characters, cut at a line break where one
    /// fits (else at a space, else anywhere but inside a surrogate pair), in order.
    /// </summary>
    /// <summary>The mentions whose words <paramref name="part"/> holds (null when none), for one part of a split message.</summary>
    public static IReadOnlyList<Mention>? MentionsIn(string part, IReadOnlyList<Mention>? mentions) =>
        mentions?.Where(m => m.Text.Length > 0 && part.Contains(m.Text, StringComparison.Ordinal)).ToList() is { Count: > 0 } found ? found : null;

    public static IReadOnlyList<string> Split(string text, int max)
    {
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut <= 0)
                cut = rest.LastIndexOf(' ', max - 1);
            if (cut <= 0)
                cut = char.IsHighSurrogate(rest[max - 1]) ? max - 1 : max;
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart('\n', ' ');
        }
        if (rest.Length > 0 || parts.Count == 0)
            parts.Add(rest);
        return parts;
    }

    /// <summary>
    /// A template variable within <paramref name="max"/> characters (WhatsApp: 1,024; Twilio 63021 past it). A list
    /// ("Benipur, Jale, …") keeps as many items as fit and ends "and N more" in the template's language.
    /// </summary>
    public static string Variable(string value, int max, string language)
    {
        if (value.Length <= max)
            return value;
        var items = value.Split(", ");
        string More(int n) => language.StartsWith("hi", StringComparison.OrdinalIgnoreCase) ? $" और {n:N0} अन्य" : $" and {n:N0} more";
        // One pass, so a district's 7,000 missing units cost one walk, not 7,000 joins.
        var (kept, length) = (0, 0);
        foreach (var item in items)
        {
            var next = length + (kept > 0 ? 2 : 0) + item.Length;
            if (next + More(items.Length - kept - 1).Length > max)
                break;
            (kept, length) = (kept + 1, next);
        }
        if (kept > 0)
            return string.Join(", ", items.Take(kept)) + More(items.Length - kept);
        return value[..(char.IsHighSurrogate(value[max - 2]) ? max - 2 : max - 1)] + "…";
    }
}

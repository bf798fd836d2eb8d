using ReportBot.BotHost.Outbound;
using System.Data.Common;
using System.Net.Sockets;
using ReportBot.BotHost.Security;
using ReportBot.Data.Messages;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Turns;

namespace ReportBot.BotHost.Inbound;

/// <summary>
/// Where every channel hands a message over: it is stored raw in the inbox first (once per provider id), acknowledged
/// once that is durable, and handled after. A failure while handling leaves it in the inbox for the sweeper; nothing is
/// lost.
/// </summary>
public sealed class MessageIntake(
    InboxWriter inbox, OutboxStore outbox, OutboxSignal outboxSignal, SenderRateLimit rateLimit,
    IEnumerable<IChannelSender> senders, ILogger<MessageIntake> logger)
{
    public enum Outcome { Accepted, Duplicate, RateLimited, SetAside }

    readonly Dictionary<string, ChannelLimits> _limits = senders.ToDictionary(s => s.Channel, s => s.Limits);

    /// <summary>Channels whose addresses are no phone numbers (Telegram's user ids): a phone comes only from the channel.</summary>
    readonly HashSet<string> _phoneless = senders.Where(s => s.Abilities.LinkAccount is not null).Select(s => s.Channel).ToHashSet();

    /// <summary>
    /// Stores one message and queues it for handling: it is acknowledged once durable, not once handled. Throws
    /// <see cref="InboxUnavailableException"/> if it could not be stored: the channel then answers 503, so the provider
    /// delivers it again later.
    /// </summary>
    public async Task<(Outcome Outcome, long? InboxId)> AcceptAsync(InboundMessage message, CancellationToken ct)
    {
        long? inboxId;
        message = StorableText.Of(message);
        // Kept (the inbox shows it), never answered: a reaction or a system event is not a report, and answering "not
        // registered" to it, or from another number's channel, is noise at best. Past its sender's limit, likewise.
        var setAside = message.SetAside ?? (rateLimit.IsOverLimit(message) ? InboxOutcome.RateLimited.ToText() : null);
        try
        {
            inboxId = await inbox.AddAsync(new InboxEntry(
                message.Channel, message.ExternalId, message.Sender, PhoneOf(message, _phoneless),
                message.Text, message.MediaCount, message.Raw, message.ReceivedAt, message.SentAt, message.UserId,
                message.Chat, message.MessageRef, message.Event, message.Original, message.SenderName), setAside, ct);
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException or InvalidOperationException)
        {
            throw new InboxUnavailableException(e);
        }
        if (inboxId is not { } id)
            return (Outcome.Duplicate, null);
        if (setAside is not null)
            logger.LogInformation("Inbox message {InboxId} on {Channel} set aside: {Outcome}", id, message.Channel, setAside);
        if (message.SetAside is null && setAside is not null && rateLimit.ShouldTell(message))
            await TellToSlowDownAsync(message, id, ct);
        // Handling is queued by the inbox writer, in the order messages arrived.
        return (message.SetAside is not null ? Outcome.SetAside : setAside is not null ? Outcome.RateLimited : Outcome.Accepted, id);
    }

    /// <summary>
    /// In both languages, as to a stranger: who is flooding is not looked up (that would cost a query per message of the
    /// flood). A failure here loses nothing: the message is stored, and the notice is a courtesy.
    /// </summary>
    async Task TellToSlowDownAsync(InboundMessage message, long inboxId, CancellationToken ct)
    {
        try
        {
            await outbox.AddAsync(new OutboxEntry(message.Channel, message.Sender, null,
                ReplyLanguages.English.SlowDown + "\n" + ReplyLanguages.Hindi.SlowDown, inboxId), message.ReceivedAt, ct);
            outboxSignal.Notify();
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException)
        {
            logger.LogWarning(e, "Could not queue the slow-down notice for inbox message {InboxId}", inboxId);
        }
    }

    /// <summary>
    /// The sender's phone as E.164 digits: the channel's own when it says; else none for an address that is no phone —
    /// a business-scoped user id, a Telegram user id, a WhatsApp `…@lid` or any `…@server` address (their digits read
    /// as a phone could make a stranger a member) — else read from the address.
    /// </summary>
    static string? PhoneOf(InboundMessage message, IReadOnlySet<string> phoneless) =>
        message.Phone ?? (BusinessScopedUserId.IsOne(message.Sender) || phoneless.Contains(message.Channel) || message.Sender.Contains('@')
            ? null
            : PhoneNumber.ToE164Digits(message.Sender));

    /// <summary>Records what a provider reports about a message we sent. Throws <see cref="InboxUnavailableException"/> if it cannot.</summary>
    public async Task AcceptDeliveryAsync(DeliveryReport report, CancellationToken ct)
    {
        bool known;
        report = StorableText.Of(report);
        try
        {
            known = await outbox.RecordDeliveryAsync(report.Channel, report.ProviderId, report.OutboxId, report.State.ToString().ToLowerInvariant(),
                report.ErrorCode, report.At, ct);
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException)
        {
            throw new InboxUnavailableException(e);
        }
        if (!known)
            logger.LogInformation("Delivery report for unknown {Channel} message {ProviderId}", report.Channel, report.ProviderId);
        // A text refused later because the 24-hour window had closed (Twilio 63016, Meta 131047: each channel names its
        // own codes) goes again as its template — once, however many times the callback is repeated.
        if (report is { State: DeliveryState.Failed, ErrorCode: { } code }
            && _limits.TryGetValue(report.Channel, out var limits) && limits.WindowErrorCodes.Contains(code)
            && await outbox.RequeueAsTemplateAsync(report.Channel, report.ProviderId, report.OutboxId, report.At, ct) is { } requeued)
        {
            logger.LogInformation("Message {ProviderId} was outside the 24-hour window; its template is queued as {OutboxId}", report.ProviderId, requeued);
            outboxSignal.Notify();
        }
    }
}

/// <summary>The inbox could not store a message (the database is unreachable): nothing was accepted.</summary>
public sealed class InboxUnavailableException(Exception inner) : Exception("The inbox is unavailable.", inner);

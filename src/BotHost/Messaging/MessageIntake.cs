using System.Data.Common;
using System.Net.Sockets;
using ReportBot.BotHost.Security;
using ReportBot.Data.Messages;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Turns;

namespace ReportBot.BotHost.Messaging;

/// <summary>
/// Where every channel hands a message over: it is stored raw in the inbox first (once per provider id), and only
/// then handled. A failure while handling leaves it in the inbox for the sweeper; nothing is lost.
/// </summary>
public sealed class MessageIntake(
    InboxWriter inbox, OutboxStore outbox, OutboxSignal outboxSignal, SenderRateLimit rateLimit,
    ILogger<MessageIntake> logger)
{
    public enum Outcome { Accepted, Duplicate, RateLimited }

    /// <summary>
    /// Stores one message and queues it for handling: it is acknowledged once durable, not once handled. Throws <see cref="InboxUnavailableException"/> if it could not be stored: the
    /// channel then answers 503, so the provider delivers it again later.
    /// </summary>
    public async Task<(Outcome Outcome, long? InboxId)> AcceptAsync(InboundMessage message, CancellationToken ct)
    {
        long? inboxId;
        message = StorableText.Of(message);
        var overLimit = rateLimit.IsOverLimit(message);
        try
        {
            inboxId = await inbox.AddAsync(new InboxEntry(
                message.Channel, message.ExternalId, message.Sender, PhoneNumber.ToE164Digits(message.Sender),
                message.Text, message.MediaCount, message.Raw, message.ReceivedAt), overLimit ? InboxOutcome.RateLimited.ToText() : null, ct);
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException or InvalidOperationException)
        {
            throw new InboxUnavailableException(e);
        }
        if (inboxId is not { } id)
            return (Outcome.Duplicate, null);
        // Handling is queued (in order, by the inbox writer); a message past its sender's limit is kept, marked, not answered.
        return (overLimit ? Outcome.RateLimited : Outcome.Accepted, id);
    }

    /// <summary>Records what a provider reports about a message we sent. Throws <see cref="InboxUnavailableException"/> if it cannot.</summary>
    public async Task AcceptDeliveryAsync(DeliveryReport report, CancellationToken ct)
    {
        bool known;
        report = StorableText.Of(report);
        try
        {
            known = await outbox.RecordDeliveryAsync(report.Channel, report.ProviderId, report.State.ToString().ToLowerInvariant(),
                report.ErrorCode, report.At, ct);
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException)
        {
            throw new InboxUnavailableException(e);
        }
        if (!known)
            logger.LogInformation("Delivery report for unknown {Channel} message {ProviderId}", report.Channel, report.ProviderId);
        // A text refused later because the 24-hour window had closed (Twilio 63016, Meta 131047) goes again as its template.
        if (report is { State: DeliveryState.Failed, ErrorCode: "63016" or "131047" }
            && await outbox.RequeueAsTemplateAsync(report.Channel, report.ProviderId, report.At, ct) is { } requeued)
        {
            logger.LogInformation("Message {ProviderId} was outside the 24-hour window; its template is queued as {OutboxId}", report.ProviderId, requeued);
            outboxSignal.Notify();
        }
    }
}

/// <summary>The inbox could not store a message (the database is unreachable): nothing was accepted.</summary>
public sealed class InboxUnavailableException(Exception inner) : Exception("The inbox is unavailable.", inner);

using ReportBot.Data.Messages;
using ReportBot.Reporting.People;

namespace ReportBot.BotHost.Messaging;

/// <summary>
/// Where every channel hands a message over: it is stored raw in the inbox first (once per provider id), and only
/// then handled. A failure while handling leaves it in the inbox for the sweeper; nothing is lost.
/// </summary>
public sealed class MessageIntake(InboxStore inbox, InboundHandler handler, ILogger<MessageIntake> logger)
{
    public enum Outcome { Accepted, Duplicate }

    /// <summary>Stores and handles one message. Throws if it could not be stored (the channel answers 503 so the provider retries).</summary>
    public async Task<(Outcome Outcome, long? InboxId)> AcceptAsync(InboundMessage message, CancellationToken ct)
    {
        var inboxId = await inbox.AddAsync(new InboxEntry(
            message.Channel, message.ExternalId, message.Sender, PhoneNumber.ToE164Digits(message.Sender),
            message.Text, message.MediaCount, message.Raw, message.ReceivedAt), ct);
        if (inboxId is not { } id)
            return (Outcome.Duplicate, null);

        try
        {
            await handler.HandleAsync(id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message is safe in the inbox; the sweeper will handle it again.
            logger.LogError(e, "Handling inbox message {InboxId} failed; it stays in the inbox for the sweeper", id);
        }
        return (Outcome.Accepted, id);
    }
}

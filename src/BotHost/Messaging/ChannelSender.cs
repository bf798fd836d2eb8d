namespace ReportBot.BotHost.Messaging;

/// <summary>A message leaving through a channel: the outbox row's id, the recipient's address, and the text.</summary>
public sealed record OutboundMessage(long OutboxId, string Recipient, string Body);

/// <summary>
/// What became of one send. The channel says which kind a failure is; the outbox, not the HTTP client, decides what
/// to do about it.
/// </summary>
public abstract record SendResult
{
    /// <summary>The provider accepted it.</summary>
    public sealed record Sent(string? ProviderId) : SendResult;

    /// <summary>The provider did not take it and says so (throttled, down): safe to send again later.</summary>
    public sealed record Retryable(string Error) : SendResult;

    /// <summary>The provider refused it for good (bad number, bad request): sending again would fail again.</summary>
    public sealed record Failed(string Error) : SendResult;

    /// <summary>It may or may not have gone out (the answer was lost): not sent again, so nothing goes twice.</summary>
    public sealed record Uncertain(string Error) : SendResult;
}

/// <summary>One channel's way out. Each channel folder registers one.</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct);
}

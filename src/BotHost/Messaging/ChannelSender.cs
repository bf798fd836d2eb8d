namespace ReportBot.BotHost.Messaging;

/// <summary>
/// A message leaving through a channel: the outbox row's id, the recipient's address, the text, and — for a message
/// the business starts outside WhatsApp's 24-hour window — the approved template to send instead of free text.
/// </summary>
public sealed record OutboundMessage(long OutboxId, string Recipient, string Body, MessageTemplate? Template = null);

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

    /// <summary>The provider did not take it and says so (throttled, down): safe to send again later.</summary>
    public sealed record Retryable(string Error) : SendResult;

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
}

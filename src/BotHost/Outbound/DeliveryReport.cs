using ReportBot.BotHost.Inbound;
namespace ReportBot.BotHost.Outbound;

/// <summary>The states a channel's delivery reports are translated into.</summary>
public enum DeliveryState { Sent, Delivered, Read, Failed }

/// <summary>
/// A provider's report on a message we sent, as every channel hands it over: which message (the provider's id, and our
/// own outbox id when the provider echoes it — Twilio's StatusCallback URL, Meta's `biz_opaque_callback_data`), what
/// became of it, and the provider's error code if it failed. Our outbox id is what reconciles a send whose answer was
/// lost: the row never learnt the provider's id, yet the callback proves the message left.
/// </summary>
public sealed record DeliveryReport(string Channel, string ProviderId, DeliveryState State, string? ErrorCode, DateTimeOffset At, long? OutboxId = null);

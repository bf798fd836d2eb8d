namespace ReportBot.BotHost.Messaging;

/// <summary>The states a channel's delivery reports are translated into.</summary>
public enum DeliveryState { Sent, Delivered, Read, Failed }

/// <summary>
/// A provider's report on a message we sent, as every channel hands it over: which message (the provider's id, as the
/// send returned it), what became of it, and the provider's error code if it failed.
/// </summary>
public sealed record DeliveryReport(string Channel, string ProviderId, DeliveryState State, string? ErrorCode, DateTimeOffset At);

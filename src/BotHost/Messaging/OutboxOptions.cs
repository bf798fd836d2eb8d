namespace ReportBot.BotHost.Messaging;

/// <summary>`Outbox` section: how the dispatcher paces and retries sends.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>After this many attempts a retryable failure becomes final ('failed').</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubled on each attempt, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many sends a second per channel (one sending number): WhatsApp's default is 80.</summary>
    public int MessagesPerSecond { get; set; } = 80;

    /// <summary>How often the dispatcher looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
}

namespace ReportBot.BotHost.Security;

/// <summary>`RateLimit` section: how many messages one sender may have handled per minute, and how many are handled at once.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>
    /// A block officer sends a handful of messages a day; 30 in one minute is a script or a stuck phone. Messages past
    /// the limit are still stored (nothing is lost) but not handled or answered. 0 turns the limit off.
    /// </summary>
    public int PerSenderPerMinute { get; set; } = 30;

    /// <summary>Messages handled at once, the rest waiting (the workers of <see cref="Messaging.HandlingQueue"/>); keep it under half the connection pool (100).</summary>
    public int ConcurrentHandling { get; set; } = 32;
}

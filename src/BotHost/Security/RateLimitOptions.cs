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

    /// <summary>
    /// Handling lanes, each taking whatever has queued as one batch (one transaction). Batches touching the same units
    /// wait for each other's locks, so a few lanes with large batches beat many with small ones: a district has 18 to a
    /// few hundred units, and every report of a drive's day lands on them (bench/load.sh: 4 lanes against 32).
    /// </summary>
    public int ConcurrentHandling { get; set; } = 4;
}

using ReportBot.BotHost.Inbound;
namespace ReportBot.BotHost.Outbound;

/// <summary>`Outbox` section: how the dispatcher leases, paces and retries sends.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>After this many attempts a retryable failure becomes final ('failed').</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubled on each attempt, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Overrides every channel's own pace (sends per second per sending number), when set. Unset, each channel states
    /// its provider's (<see cref="ChannelLimits.MessagesPerSecond"/>: 80 for Twilio and Meta).
    /// </summary>
    public int? MessagesPerSecond { get; set; }

    /// <summary>How often the dispatcher looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages claimed in one pass (across channels).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long a claim holds before its request leaves. A dispatcher that dies (kill -9, a lost database) leaves
    /// claims behind; once this has passed they go back to the queue — their requests never left. Longer than a
    /// batch takes to send at the channel's pace.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a send may be out before its row, if the dispatcher died meanwhile, is deemed 'uncertain'. Longer than
    /// the channels' HTTP timeout (30 s).
    /// </summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An 'uncertain' message (its answer lost) on a channel whose sends ask for status callbacks, with no callback
    /// after this long, went nowhere as far as anyone can tell: it is sent once more. Twilio and Meta call back within
    /// seconds of accepting a message.
    /// </summary>
    public TimeSpan UncertainResendAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A chart stored for the summaries (about 180 KB a language a day) is kept this long, then dropped unless a message
    /// still waiting to go carries it: Twilio's signed URLs expire after a day, and a week covers any retry or resend.
    /// </summary>
    public TimeSpan ImagesKeptFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many times an uncertain message is sent again (so at most this many duplicates, ever).</summary>
    public int MaxUncertainResends { get; set; } = 1;

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(Math.Max(attempts - 1, 0), 20))));
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.Reporting.People;

namespace ReportBot.BotHost.Security;

/// <summary>
/// At most `RateLimit:PerSenderPerMinute` messages per sender are handled each minute (a fixed window per phone number,
/// so one person is one sender on every channel). It cannot sit in front of the webhooks as middleware: providers post
/// from a few shared addresses, and who sent a message is known only once its signature is proven and its payload read.
/// So the intake asks here as it stores the message: one past the limit is stored closed, marked `rate-limited`,
/// and gets no answer — a flood costs one insert per message, never a figure — except the first past the limit in ten
/// minutes, whose sender is told once to slow down (the admins see them all at `GET /admin/inbox/rate-limited`).
/// The count is per process.
/// </summary>
public sealed class SenderRateLimit : IDisposable
{
    readonly PartitionedRateLimiter<string>? _limiter;
    /// <summary>One "slow down" per sender per <see cref="NoticeWindow"/>: told once, not once per dropped message.</summary>
    readonly PartitionedRateLimiter<string>? _notices;
    readonly ILogger<SenderRateLimit> _logger;

    static readonly TimeSpan NoticeWindow = TimeSpan.FromMinutes(10);

    public SenderRateLimit(IOptions<RateLimitOptions> options, ILogger<SenderRateLimit> logger)
    {
        _logger = logger;
        var perMinute = options.Value.PerSenderPerMinute;
        if (perMinute > 0)
            // Idle partitions (a full window's permits unused) are dropped by the limiter itself, so memory follows
            // the senders of the last minute, not all senders ever seen.
            _limiter = PartitionedRateLimiter.Create<string, string>(sender => RateLimitPartition.GetFixedWindowLimiter(sender,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        if (perMinute > 0)
            _notices = PartitionedRateLimiter.Create<string, string>(sender => RateLimitPartition.GetFixedWindowLimiter(sender,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = NoticeWindow, QueueLimit = 0 }));
    }

    /// <summary>Whether the sender of a message past the limit should now be told to slow down (once per ten minutes).</summary>
    public bool ShouldTell(InboundMessage message)
    {
        if (_notices is null)
            return false;
        using var lease = _notices.AttemptAcquire(Key(message));
        return lease.IsAcquired;
    }

    static string Key(InboundMessage message) => PhoneNumber.ToE164Digits(message.Sender) ?? message.Sender;

    /// <summary>
    /// True if <paramref name="message"/> is past its sender's limit: it is then stored closed, marked
    /// `rate-limited`, and never answered.
    /// </summary>
    public bool IsOverLimit(InboundMessage message)
    {
        if (_limiter is null)
            return false;
        using var lease = _limiter.AttemptAcquire(Key(message));
        if (lease.IsAcquired)
            return false;
        _logger.LogInformation("A {Channel} message from {Sender} is past its sender's limit; kept, not answered", message.Channel, message.ExternalId);
        return true;
    }

    public void Dispose()
    {
        _limiter?.Dispose();
        _notices?.Dispose();
    }
}

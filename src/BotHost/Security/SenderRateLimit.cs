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
/// and gets no answer — a flood costs one insert per message, never a reply or a figure. The count is per process.
/// </summary>
public sealed class SenderRateLimit : IDisposable
{
    readonly PartitionedRateLimiter<string>? _limiter;
    readonly ILogger<SenderRateLimit> _logger;

    public SenderRateLimit(IOptions<RateLimitOptions> options, ILogger<SenderRateLimit> logger)
    {
        _logger = logger;
        var perMinute = options.Value.PerSenderPerMinute;
        if (perMinute > 0)
            // Idle partitions (a full window's permits unused) are dropped by the limiter itself, so memory follows
            // the senders of the last minute, not all senders ever seen.
            _limiter = PartitionedRateLimiter.Create<string, string>(sender => RateLimitPartition.GetFixedWindowLimiter(sender,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>
    /// True if <paramref name="message"/> is past its sender's limit: it is then stored closed, marked
    /// `rate-limited`, and never answered.
    /// </summary>
    public bool IsOverLimit(InboundMessage message)
    {
        if (_limiter is null)
            return false;
        using var lease = _limiter.AttemptAcquire(PhoneNumber.ToE164Digits(message.Sender) ?? message.Sender);
        if (lease.IsAcquired)
            return false;
        _logger.LogInformation("A {Channel} message from {Sender} is past its sender's limit; kept, not answered", message.Channel, message.ExternalId);
        return true;
    }

    public void Dispose() => _limiter?.Dispose();
}

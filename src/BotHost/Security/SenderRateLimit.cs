using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Messaging;
using ReportBot.Data.Messages;
using ReportBot.Reporting.People;

namespace ReportBot.BotHost.Security;

/// <summary>
/// At most `RateLimit:PerSenderPerMinute` messages per sender are handled each minute (a fixed window per phone number,
/// so one person is one sender on every channel). It cannot sit in front of the webhooks as middleware: providers post
/// from a few shared addresses, and who sent a message is known only once its signature is proven and its payload read.
/// So the intake asks here after storing the message: one past the limit stays in the inbox, marked `rate-limited`,
/// and gets no answer — a flood costs one insert per message, never a reply or a figure. The count is per process.
/// </summary>
public sealed class SenderRateLimit : IDisposable
{
    public const string Outcome = "rate-limited";

    readonly PartitionedRateLimiter<string>? _limiter;
    readonly InboxStore _inbox;
    readonly TimeProvider _time;
    readonly ILogger<SenderRateLimit> _logger;

    public SenderRateLimit(IOptions<RateLimitOptions> options, InboxStore inbox, TimeProvider time, ILogger<SenderRateLimit> logger)
    {
        (_inbox, _time, _logger) = (inbox, time, logger);
        var perMinute = options.Value.PerSenderPerMinute;
        if (perMinute > 0)
            // Idle partitions (a full window's permits unused) are dropped by the limiter itself, so memory follows
            // the senders of the last minute, not all senders ever seen.
            _limiter = PartitionedRateLimiter.Create<string, string>(sender => RateLimitPartition.GetFixedWindowLimiter(sender,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>
    /// True if <paramref name="message"/> (stored as <paramref name="inboxId"/>) is past its sender's limit and was set
    /// aside in the inbox; false if it is to be handled as usual.
    /// </summary>
    public async Task<bool> SetAsideIfOverLimitAsync(InboundMessage message, long inboxId, CancellationToken ct)
    {
        if (_limiter is null)
            return false;
        using var lease = _limiter.AttemptAcquire(PhoneNumber.ToE164Digits(message.Sender) ?? message.Sender);
        if (lease.IsAcquired)
            return false;
        try
        {
            await _inbox.SetAsideAsync(inboxId, Outcome, _time.GetUtcNow(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Still unhandled in the inbox, so the sweeper answers it later: better than losing it.
            _logger.LogWarning(e, "Could not mark inbox message {InboxId} as rate-limited", inboxId);
            return false;
        }
        _logger.LogInformation("Inbox message {InboxId} is past its sender's limit; kept, not answered", inboxId);
        return true;
    }

    public void Dispose() => _limiter?.Dispose();
}

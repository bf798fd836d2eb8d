using ReportBot.BotHost.Outbound;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ReportBot.BotHost.Security;

namespace ReportBot.BotHost.Inbound;

/// <summary>
/// Handling happens after the webhook has been answered: stored messages queue here and `RateLimit:ConcurrentHandling`
/// workers handle them, each turn on one pooled connection. Each worker has a lane of its own and a sender's messages
/// always take the same lane, so one person's messages are handled in the order they arrived. A message queued when
/// the process dies is still in the inbox, unhandled, and the <see cref="InboxSweeper"/> handles it.
/// </summary>
public sealed class HandlingQueue : BackgroundService
{
    readonly InboundHandler _handler;
    readonly ILogger<HandlingQueue> _logger;
    readonly Channel<long>[] _lanes;

    /// <summary>At most this many messages share a transaction.</summary>
    const int MaxBatch = 256;

    public HandlingQueue(InboundHandler handler, IOptions<RateLimitOptions> options, ILogger<HandlingQueue> logger)
    {
        (_handler, _logger) = (handler, logger);
        _lanes = Enumerable.Range(0, options.Value.ConcurrentHandling)
            .Select(_ => Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
    }

    /// <summary>Queues a stored message for handling, behind the earlier messages of the same <paramref name="sender"/>.</summary>
    public void Enqueue(long inboxId, string sender)
    {
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(sender) % (uint)_lanes.Length)];
        if (!lane.Writer.TryWrite(inboxId))
            _logger.LogInformation("Stopping: inbox message {InboxId} is left for the sweeper", inboxId);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_lanes.Select(lane => Task.Run(() => WorkAsync(lane.Reader, stoppingToken), stoppingToken)));

    async Task WorkAsync(ChannelReader<long> lane, CancellationToken stoppingToken)
    {
        try
        {
            var batch = new List<long>(MaxBatch);
            while (await lane.WaitToReadAsync(stoppingToken))
            {
                // Whatever has queued up while the last batch was handled goes together: one transaction, one commit.
                batch.Clear();
                while (batch.Count < MaxBatch && lane.TryRead(out var next))
                    batch.Add(next);
                try
                {
                    await _handler.HandleAsync(batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The messages are safe in the inbox; the sweeper will handle them again.
                    _logger.LogError(e, "Handling inbox messages {InboxIds} failed; they stay in the inbox for the sweeper", batch);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is unhandled in the inbox, and the sweeper's.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
            lane.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}

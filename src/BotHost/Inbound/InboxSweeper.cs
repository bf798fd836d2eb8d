using ReportBot.BotHost.Outbound;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Inbound;

/// <summary>
/// Handles messages that were stored but not handled — because the process died in between, or handling failed.
/// Runs at start-up and then every half minute; the inbox row lock keeps two instances from handling one message twice.
/// </summary>
public sealed class InboxSweeper(InboxStore inbox, InboundHandler handler, TimeProvider time, ILogger<InboxSweeper> logger)
    : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>After this many sweeps a message that still fails is given up on.</summary>
    const int MaxSweeps = 5;

    /// <summary>Messages younger than this are probably being handled by the request that stored them.</summary>
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Inbox sweep failed; trying again in {Every}", Every);
            }
            try
            {
                await Task.Delay(Every, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the host is stopping
            }
        }
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var ids = await inbox.UnhandledAsync(time.GetUtcNow() - Grace, limit: 500, ct);
        foreach (var id in ids)
        {
            if (await inbox.CountSweepAsync(id, ct) > MaxSweeps)
            {
                // A message that fails every time must not block the rest; it stays in the inbox, marked.
                logger.LogError("Inbox message {InboxId} failed {Sweeps} times; marked 'failed' for the admins", id, MaxSweeps);
                await inbox.GiveUpAsync(id, time.GetUtcNow(), ct);
                continue;
            }
            try
            {
                await handler.HandleAsync(id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Handling inbox message {InboxId} failed again", id);
            }
        }
        if (ids.Count > 0)
            logger.LogInformation("Handled {Count} inbox messages left unhandled", ids.Count);
        return ids.Count;
    }
}

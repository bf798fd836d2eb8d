using ReportBot.BotHost.Outbound;
using System.Threading.Channels;
using Npgsql;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Inbound;

/// <summary>
/// Group commit for the inbox: webhooks that arrive together are stored in one statement and one commit, and each is
/// answered as soon as its row is durable. A writer takes whatever is waiting (up to <see cref="MaxBatch"/>) while
/// the previous commit is in flight, so batches grow with the load and a lone message waits for nobody.
/// </summary>
public sealed class InboxWriter(NpgsqlDataSource db, HandlingQueue handling, TimeProvider time, ILogger<InboxWriter> logger) : BackgroundService
{
    const int MaxBatch = 256;

    /// <summary>Two writers: one commit flushing while the next batch gathers.</summary>
    const int Writers = 2;

    sealed record Pending(InboxEntry Entry, string? SetAside, TaskCompletionSource<long?> Stored);

    readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });

    /// <summary>
    /// Stores one message and queues it for handling — or, with <paramref name="setAside"/>, stores it closed with that
    /// outcome. Its id once committed, or null if it was stored before. Throws if it could not be stored.
    /// </summary>
    public async Task<long?> AddAsync(InboxEntry entry, string? setAside, CancellationToken ct)
    {
        var pending = new Pending(entry, setAside, new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The inbox writer has stopped.");
        return await pending.Stored.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteAsync(stoppingToken)));

    async Task WriteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        // Messages already waiting are still stored when the host stops: each was promised an answer.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            if (batch.Count == 0)
                continue;
            try
            {
                var ids = await InboxBatch.AddAsync(db, batch.Select(p => p.Entry).ToList(), batch.Select(p => p.SetAside).ToList(),
                    time.GetUtcNow(), CancellationToken.None);
                // Queued here, in the order they arrived, before any webhook is answered: one sender's messages are
                // handled in the order they were sent (the latest report is the figure).
                for (var i = 0; i < batch.Count; i++)
                    if (ids[i] is { } id && batch[i].SetAside is null)
                        handling.Enqueue(id, batch[i].Entry.Phone ?? batch[i].Entry.Sender);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Stored.TrySetResult(ids[i]);
            }
            catch (Exception e)
            {
                // Nothing of this batch was stored: each webhook answers 503 and its provider delivers it again.
                logger.LogWarning(e, "Could not store {Count} inbox messages", batch.Count);
                foreach (var pending in batch)
                    pending.Stored.TrySetException(e);
            }
            if (stoppingToken.IsCancellationRequested && !_queue.Reader.TryPeek(out _))
                break;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}

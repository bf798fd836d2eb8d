using Microsoft.Extensions.Options;

namespace ReportBot.BotHost.Security;

/// <summary>
/// At most `RateLimit:ConcurrentHandling` messages are handled at once; the rest wait their turn, already stored.
/// Handling one message takes a pooled connection for its transaction and, inside it, briefly others (the sender's
/// lookups): with every pooled connection held by a transaction waiting for a second one, nothing moves until
/// Npgsql's timeout. Under 256 concurrent webhooks and the default pool of 100 that is what happened (bench/load.sh);
/// keeping handlers well under half the pool rules it out. Two cores gain nothing from more handlers than this anyway.
/// </summary>
public sealed class HandlingGate(IOptions<RateLimitOptions> options) : IDisposable
{
    readonly SemaphoreSlim _slots = new(options.Value.ConcurrentHandling, options.Value.ConcurrentHandling);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release();
        }
    }
}

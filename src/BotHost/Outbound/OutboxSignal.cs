using ReportBot.BotHost.Inbound;
namespace ReportBot.BotHost.Outbound;

/// <summary>Wakes the outbox dispatcher when a reply has been written, so replies go out at once instead of at the next poll.</summary>
public sealed class OutboxSignal
{
    readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

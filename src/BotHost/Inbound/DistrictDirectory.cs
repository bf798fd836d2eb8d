using ReportBot.BotHost.Outbound;
using ReportBot.Data.Districts;
using ReportBot.Reporting.Districts;

namespace ReportBot.BotHost.Inbound;

/// <summary>
/// Every district's setting, built at once and kept for a minute: readers build their indexes in their constructor,
/// and a unit, target or campaign the IT manager changes is picked up within a minute without a restart. Refreshed
/// before a turn opens its transaction, so a turn never waits on a second connection while holding one.
/// </summary>
public sealed class DistrictDirectory(DistrictSettings settings, TimeProvider time)
{
    static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    readonly SemaphoreSlim _loading = new(1, 1);
    volatile Snapshot? _snapshot;

    sealed record Snapshot(IReadOnlyList<DistrictSetting> All, IReadOnlyDictionary<int, DistrictSetting> ById, DateTimeOffset Until);

    /// <summary>Every district, fresh within a minute.</summary>
    public async Task<IReadOnlyList<DistrictSetting>> AllAsync(CancellationToken ct) => (await CurrentAsync(ct)).All;

    public async Task<DistrictSetting> GetAsync(int districtId, CancellationToken ct) =>
        (await CurrentAsync(ct)).ById.TryGetValue(districtId, out var district)
            ? district
            : (await ReloadAsync(ct, ifStale: _snapshot)).ById.TryGetValue(districtId, out district) // created since the last load
                ? district
                : throw new InvalidOperationException($"District {districtId} does not exist.");

    /// <summary>Forgets every cached setting after an admin changed one.</summary>
    public void Forget() => _snapshot = null;

    async Task<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var snapshot = _snapshot;
        return snapshot is not null && snapshot.Until > time.GetUtcNow() ? snapshot : await ReloadAsync(ct, ifStale: snapshot);
    }

    async Task<Snapshot> ReloadAsync(CancellationToken ct, Snapshot? ifStale = null)
    {
        await _loading.WaitAsync(ct);
        try
        {
            // Another caller may have reloaded while this one waited: one load serves them all.
            if (_snapshot is { } fresh && !ReferenceEquals(fresh, ifStale) && fresh.Until > time.GetUtcNow())
                return fresh;
            var now = time.GetUtcNow();
            var all = await settings.LoadAllAsync(now, ct);
            return _snapshot = new Snapshot(all, all.ToDictionary(d => d.Id), now + KeepFor);
        }
        finally
        {
            _loading.Release();
        }
    }
}

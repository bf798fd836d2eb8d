using ReportBot.Data.Districts;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Reading;

namespace ReportBot.BotHost.Messaging;

/// <summary>A district as the message flow needs it: its catalog, a reader built for it, and its units' ids.</summary>
public sealed record DistrictContext(
    DistrictRow District,
    DistrictCatalog Catalog,
    MessageReader Reader,
    ReplyWriter Replies,
    IReadOnlyDictionary<string, int> UnitIds,
    TimeZoneInfo TimeZone)
{
    /// <summary>The district's local day at <paramref name="instant"/>: a figure belongs to the day it was sent on.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);
}

/// <summary>
/// Builds each district's reader once and keeps it for a minute: the reader's indexes are built in its constructor,
/// and a unit added by the IT manager is picked up within a minute without a restart.
/// </summary>
public sealed class DistrictDirectory(DistrictStore districts, ReaderSettings settings, TimeProvider time)
{
    static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    readonly Dictionary<int, (DistrictContext Context, DateTimeOffset Until)> _cache = new();
    readonly Lock _lock = new();

    public async Task<DistrictContext> GetAsync(int districtId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_cache.TryGetValue(districtId, out var cached) && cached.Until > now)
                return cached.Context;
        }
        var district = await districts.FindDistrictAsync(districtId, ct)
            ?? throw new InvalidOperationException($"District {districtId} does not exist.");
        var units = await districts.UnitsAsync(districtId, ct);
        var catalog = await districts.CatalogAsync(district, ct);
        var context = new DistrictContext(
            district, catalog, new MessageReader(catalog, settings), new ReplyWriter(catalog, settings),
            units.ToDictionary(u => u.Name, u => u.Id, StringComparer.OrdinalIgnoreCase),
            TimeZoneInfo.FindSystemTimeZoneById(district.TimeZone));
        lock (_lock)
            _cache[districtId] = (context, now + KeepFor);
        return context;
    }
}

using ReportBot.Reporting.Rhythm;
using ReportBot.Data.Campaigns;
using ReportBot.Data.Districts;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rules;

namespace ReportBot.BotHost.Messaging;

/// <summary>
/// A district as the message flow needs it: its catalog, a reader and reply writer built for its current campaign's
/// limits, its units by name, and the campaign with its targets.
/// </summary>
public sealed record DistrictContext(
    DistrictRow District,
    DistrictCatalog Catalog,
    MessageReader Reader,
    ReplyWriter Replies,
    ReaderSettings Settings,
    IReadOnlyDictionary<string, UnitRow> Units,
    CampaignRow? Campaign,
    IReadOnlyList<TargetRow> Targets,
    TimeZoneInfo TimeZone)
{
    /// <summary>The district's local day at <paramref name="instant"/>: a figure belongs to the day it was sent on.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => LocalDays.Of(instant, TimeZone);

    public CampaignWindow? Window => Campaign is { } c ? new CampaignWindow(c.Name, c.StartsOn, c.EndsOn) : null;

    /// <summary>Above this a unit's figure waits for a YES: the unit's own ceiling, else the campaign's.</summary>
    public long CeilingOf(string unit) => Units[unit].PlausibilityCeiling ?? Settings.PlausibilityCeiling;

    public long? DayTarget(string? unit, string indicator)
    {
        // A standing asks once per unit: scanning every target each time was O(units²), half a second at 7,000 units
        // (bench/scale.sh). Built on first use; two threads racing build the same thing.
        _dayTargets ??= Targets.Where(t => t.Period == "day")
            .GroupBy(t => t.Indicator)
            .ToDictionary(g => g.Key, g => g.DistinctBy(t => t.Unit ?? "", StringComparer.OrdinalIgnoreCase)
                .ToDictionary(t => t.Unit ?? "", t => t.Value, StringComparer.OrdinalIgnoreCase));
        return _dayTargets.TryGetValue(indicator, out var byUnit) && byUnit.TryGetValue(unit ?? "", out var value) ? value : null;
    }

    /// <summary>Day targets by indicator, then by unit name ("" for the district's own).</summary>
    Dictionary<string, Dictionary<string, long>>? _dayTargets;

    /// <summary>Every unit's figure for a day (by unit name) against its day target, and the district's.</summary>
    public DayStanding Standing(IReadOnlyDictionary<string, long> figures, string indicator) =>
        DayStanding.Of(
            Units.Keys.Order()
                .Select(unit => new UnitDay(unit, figures.TryGetValue(unit, out var v) ? v : null, DayTarget(unit, indicator)))
                .ToList(),
            DayTarget(null, indicator));
}

/// <summary>
/// Builds each district's reader once and keeps it for a minute: the reader's indexes are built in its constructor,
/// and a unit, target or campaign the IT manager changes is picked up within a minute without a restart.
/// </summary>
public sealed class DistrictDirectory(DistrictStore districts, CampaignStore campaigns, TimeProvider time)
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
        var zone = TimeZoneInfo.FindSystemTimeZoneById(district.TimeZone);
        var today = LocalDays.Of(now, zone);
        var campaign = await campaigns.CurrentAsync(districtId, today, ct);
        var settings = campaign is null ? ReaderSettings.Default : new ReaderSettings(campaign.PlausibilityCeiling, campaign.MaxDaysBack);
        // The campaign decides what a unit is: blocks by default, panchayats when the drive reports per panchayat.
        var level = campaign?.ReportingLevel ?? "block";
        var units = await districts.UnitsAsync(districtId, level, ct);
        var catalog = await districts.CatalogAsync(district, level, ct);
        var context = new DistrictContext(
            district, catalog, new MessageReader(catalog, settings), new ReplyWriter(catalog, settings), settings,
            units.ToDictionary(u => u.Name, StringComparer.OrdinalIgnoreCase),
            campaign, campaign is null ? [] : await campaigns.TargetsAsync(campaign.Id, ct), zone);
        lock (_lock)
            _cache[districtId] = (context, now + KeepFor);
        return context;
    }

    /// <summary>Forgets a district's cached setting after an admin changed it.</summary>
    public void Forget(int districtId)
    {
        lock (_lock)
            _cache.Remove(districtId);
    }
}

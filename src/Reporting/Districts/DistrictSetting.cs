using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Districts;

/// <summary>A unit as the rules see it: its id (for what is stored) and its own ceiling, if it has one.</summary>
public sealed record DistrictUnit(int Id, string Name, long? Ceiling = null);

/// <summary>A target for a day (<see cref="Unit"/> null: the district's own).</summary>
public sealed record DayTarget(string? Unit, string Indicator, long Value);

/// <summary>A campaign as the rules and summaries need it.</summary>
public sealed record CampaignSetting(string Name, DateOnly StartsOn, DateOnly EndsOn, int MaxDaysBack, long PlausibilityCeiling)
{
    public CampaignWindow Window => new(Name, StartsOn, EndsOn);
}

/// <summary>
/// A district as a turn needs it, built once from what is stored and kept: its catalog, a reader and reply writer for
/// its current campaign's limits, its units by name, the campaign and its day targets, and whom a stranger should ask.
/// </summary>
public sealed class DistrictSetting
{
    readonly Dictionary<int, DistrictUnit> _unitsById;

    /// <summary>Day targets by indicator, then by unit name ("" for the district's own).</summary>
    readonly Dictionary<string, Dictionary<string, long>> _dayTargets;

    public DistrictSetting(
        int id, DistrictCatalog catalog, TimeZoneInfo timeZone, IReadOnlyList<DistrictUnit> units,
        CampaignSetting? campaign, IReadOnlyList<DayTarget> dayTargets, string? adminName = null)
    {
        Id = id;
        Catalog = catalog;
        TimeZone = timeZone;
        Campaign = campaign;
        AdminName = adminName;
        Settings = campaign is null ? ReaderSettings.Default : new ReaderSettings(campaign.PlausibilityCeiling, campaign.MaxDaysBack);
        Reader = new MessageReader(catalog, Settings);
        Replies = new ReplyWriter(catalog, Settings);
        Units = units.ToDictionary(u => u.Name, StringComparer.OrdinalIgnoreCase);
        _unitsById = units.ToDictionary(u => u.Id);
        // A standing asks once per unit: scanning every target each time was O(units²), half a second at 7,000 units.
        _dayTargets = dayTargets.GroupBy(t => t.Indicator)
            .ToDictionary(g => g.Key, g => g.DistinctBy(t => t.Unit ?? "", StringComparer.OrdinalIgnoreCase)
                .ToDictionary(t => t.Unit ?? "", t => t.Value, StringComparer.OrdinalIgnoreCase));
    }

    public int Id { get; }
    public string Name => Catalog.District;
    public DistrictCatalog Catalog { get; }
    public TimeZoneInfo TimeZone { get; }
    public ReaderSettings Settings { get; }
    public MessageReader Reader { get; }
    public ReplyWriter Replies { get; }
    public IReadOnlyDictionary<string, DistrictUnit> Units { get; }
    public CampaignSetting? Campaign { get; }

    /// <summary>
    /// The district's first admin (its IT manager), named to a stranger; null if it has none. Only the name: anyone
    /// can write to the bot, and an official's number is not ReportBot's to give out.
    /// </summary>
    public string? AdminName { get; }

    public CampaignWindow? Window => Campaign?.Window;

    /// <summary>Where a unit's drive so far starts counting (running totals): the campaign's first day, else ever.</summary>
    public DateOnly DriveStart => Campaign?.StartsOn ?? DateOnly.MinValue;

    /// <summary>The district's local day at <paramref name="instant"/>: a figure belongs to the day it was sent on.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => LocalDays.Of(instant, TimeZone);

    public DistrictUnit UnitById(int id) => _unitsById[id];

    /// <summary>The district's local date and time at <paramref name="instant"/>.</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    /// <summary>Above this a unit's figure waits for a YES: the unit's own ceiling, else the campaign's.</summary>
    public long CeilingOf(string unit) => Units[unit].Ceiling ?? Settings.PlausibilityCeiling;

    public long? DayTarget(string? unit, string indicator) =>
        _dayTargets.TryGetValue(indicator, out var byUnit) && byUnit.TryGetValue(unit ?? "", out var value) ? value : null;

    /// <summary>Every unit's figure for a day (by unit name) against its day target, and the district's.</summary>
    public DayStanding Standing(IReadOnlyDictionary<string, long> figures, string indicator) =>
        DayStanding.Of(
            Units.Keys.Order()
                .Select(unit => new UnitDay(unit, figures.TryGetValue(unit, out var v) ? v : null, DayTarget(unit, indicator)))
                .ToList(),
            DayTarget(null, indicator));
}

using Dapper;
using Npgsql;
using ReportBot.Data.Campaigns;
using ReportBot.Reporting.Districts;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.Data.Districts;

/// <summary>Builds each district's <see cref="DistrictSetting"/> from what is stored, on connections of its own (never inside a turn's transaction).</summary>
public sealed class DistrictSettings(NpgsqlDataSource db, DistrictStore districts, CampaignStore campaigns)
{
    public async Task<IReadOnlyList<DistrictSetting>> LoadAllAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        IReadOnlyList<DistrictRow> rows;
        IReadOnlyDictionary<int, string> admins;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            rows = (await connection.QueryAsync<DistrictRow>(new CommandDefinition(
                "select id, name, time_zone as TimeZone from districts order by id", cancellationToken: ct))).AsList();
            // Whom a stranger should ask: each district's first admin (its IT manager).
            admins = (await connection.QueryAsync<(int DistrictId, string Name)>(new CommandDefinition(
                """
                select distinct on (district_id) district_id, name from members
                where role = 'admin' order by district_id, id
                """, cancellationToken: ct))).ToDictionary(a => a.DistrictId, a => a.Name);
        }
        var settings = new List<DistrictSetting>(rows.Count);
        foreach (var row in rows)
            settings.Add(await LoadAsync(row, admins.TryGetValue(row.Id, out var admin) ? admin : null, now, ct));
        return settings;
    }

    async Task<DistrictSetting> LoadAsync(DistrictRow district, string? adminName, DateTimeOffset now, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(district.TimeZone);
        var campaign = await campaigns.CurrentAsync(district.Id, LocalDays.Of(now, zone), ct);
        // The campaign decides what a unit is: blocks by default, panchayats when the drive reports per panchayat.
        var level = campaign?.ReportingLevel ?? "block";
        var units = await districts.UnitsAsync(district.Id, level, ct);
        var catalog = await districts.CatalogAsync(district, level, ct);
        var targets = campaign is null ? [] : await campaigns.TargetsAsync(campaign.Id, ct);
        return new DistrictSetting(
            district.Id, catalog, zone,
            units.Select(u => new DistrictUnit(u.Id, u.Name, u.PlausibilityCeiling)).ToList(),
            campaign is null ? null : new CampaignSetting(campaign.Name, campaign.StartsOn, campaign.EndsOn, campaign.MaxDaysBack, campaign.PlausibilityCeiling),
            targets.Where(t => t.Period == "day").Select(t => new DayTarget(t.Unit, t.Indicator, t.Value)).ToList(),
            adminName);
    }
}

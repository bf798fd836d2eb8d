using Dapper;
using Npgsql;

namespace ReportBot.Data.Campaigns;

public sealed record CampaignRow
{
    public int Id { get; init; }
    public int DistrictId { get; init; }
    public required string Name { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public required string ReportingLevel { get; init; }
    public int MaxDaysBack { get; init; }
    public long PlausibilityCeiling { get; init; }
}

public sealed record TargetRow
{
    public int? UnitId { get; init; }
    public string? Unit { get; init; }
    public required string Indicator { get; init; }
    public required string Period { get; init; }
    public long Value { get; init; }
}

/// <summary>Campaigns (a drive's window and limits) and their targets.</summary>
public sealed class CampaignStore(NpgsqlDataSource db)
{
    const string Columns = """
        id, district_id as DistrictId, name, starts_on as StartsOn, ends_on as EndsOn, reporting_level as ReportingLevel,
        max_days_back as MaxDaysBack, plausibility_ceiling as PlausibilityCeiling
        """;

    /// <summary>
    /// The district's campaign on <paramref name="day"/>: the one running that day, else the one that ended last
    /// (late reports for it still arrive), else the next to start; null if the district has none.
    /// </summary>
    public async Task<CampaignRow?> CurrentAsync(int districtId, DateOnly day, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<CampaignRow>(new CommandDefinition(
            $"""
            select {Columns} from campaigns where district_id = @districtId
            order by (@day between starts_on and ends_on) desc, (ends_on < @day) desc, abs(@day - ends_on), id desc
            limit 1
            """, new { districtId, day }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<TargetRow>> TargetsAsync(int campaignId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<TargetRow>(new CommandDefinition(
            """
            select t.unit_id as UnitId, u.name as Unit, t.indicator, t.period, t.value
            from targets t left join units u on u.id = t.unit_id
            where t.campaign_id = @campaignId
            order by u.name nulls first, t.indicator, t.period
            """, new { campaignId }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Creates or updates a district's campaign by name; returns its id.</summary>
    public static Task<int> UpsertAsync(NpgsqlTransaction tx, int districtId, string name, DateOnly startsOn, DateOnly endsOn,
        int maxDaysBack, long plausibilityCeiling, string reportingLevel = "block") =>
        tx.Connection!.ExecuteScalarAsync<int>(
            """
            insert into campaigns (district_id, name, starts_on, ends_on, max_days_back, plausibility_ceiling, reporting_level)
            values (@districtId, @name, @startsOn, @endsOn, @maxDaysBack, @plausibilityCeiling, @reportingLevel)
            on conflict (district_id, name) do update
            set starts_on = excluded.starts_on, ends_on = excluded.ends_on, max_days_back = excluded.max_days_back,
                plausibility_ceiling = excluded.plausibility_ceiling, reporting_level = excluded.reporting_level
            returning id
            """, new { districtId, name, startsOn, endsOn, maxDaysBack, plausibilityCeiling, reportingLevel }, tx);

    /// <summary>Sets a target (unit null: the whole district); re-setting replaces it.</summary>
    public static Task SetTargetAsync(NpgsqlTransaction tx, int campaignId, int? unitId, string indicator, string period, long value) =>
        tx.Connection!.ExecuteAsync(
            """
            insert into targets (campaign_id, unit_id, indicator, period, value)
            values (@campaignId, @unitId, @indicator, @period, @value)
            on conflict (campaign_id, coalesce(unit_id, 0), indicator, period) do update set value = excluded.value
            """, new { campaignId, unitId, indicator, period, value }, tx);
}

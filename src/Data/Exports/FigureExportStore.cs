using Dapper;
using Npgsql;
using ReportBot.Reporting.Exports;

namespace ReportBot.Data.Exports;

/// <summary>A district as the desk finds it: its local today and the campaign running then (the default range).</summary>
public sealed record DeskDistrict
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string? NameHi { get; init; }
    public required string TimeZone { get; init; }
    public DateOnly Today { get; init; }
    public int[] RestWeekdays { get; init; } = [];
    public int? CampaignId { get; init; }
    public DateOnly? CampaignStart { get; init; }
    public DateOnly? CampaignEnd { get; init; }
    public string ReportingLevel { get; init; } = "block";

    public (DateOnly Start, DateOnly End)? Campaign => CampaignStart is { } s && CampaignEnd is { } e ? (s, e) : null;
}

/// <summary>
/// Loads what the DM's desk shows — the figures workbook, its CSV and the day's chart — in two round trips: the district
/// with its campaign, then everything else of the range in one batch of queries. Shaping is src/Reporting/Exports'.
/// </summary>
public sealed class FigureExportStore(NpgsqlDataSource db)
{
    /// <summary>The district named <paramref name="name"/>, with its local day at <paramref name="now"/> and the campaign of that day.</summary>
    public async Task<DeskDistrict?> DistrictAsync(string name, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // The campaign "of the day" as CampaignStore.CurrentAsync picks it: running, else the last to end, else the next.
        return await connection.QuerySingleOrDefaultAsync<DeskDistrict>(new CommandDefinition(
            """
            select d.id, d.name, d.name_hi as NameHi, d.time_zone as TimeZone, today.day as Today, d.rest_weekdays as RestWeekdays,
                   c.id as CampaignId, c.starts_on as CampaignStart, c.ends_on as CampaignEnd,
                   coalesce(c.reporting_level, 'block') as ReportingLevel
            from districts d
            cross join lateral (select (@now at time zone d.time_zone)::date as day) today
            left join lateral (
                select id, starts_on, ends_on, reporting_level from campaigns
                where district_id = d.id
                order by (today.day between starts_on and ends_on) desc, (ends_on < today.day) desc, abs(today.day - ends_on), id desc
                limit 1
            ) c on true
            where lower(d.name) = lower(@name)
            """, new { name, now = now.UtcDateTime }, cancellationToken: ct));
    }

    /// <summary>
    /// Everything of <paramref name="district"/> from <paramref name="from"/> to <paramref name="to"/>: units, indicators,
    /// figures (from the drive's start, for its total), day targets, reporters, holidays, and — when
    /// <paramref name="withHistory"/> — every change of a figure of those days with its member and inbox message.
    /// </summary>
    public async Task<FigureFacts> LoadAsync(DeskDistrict district, DateOnly from, DateOnly to, bool withHistory, CancellationToken ct = default)
    {
        var figuresFrom = district.CampaignStart is { } start && start < from ? start : from;
        await using var connection = await db.OpenConnectionAsync(ct);
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            select id, name, name_hi as NameHi from units where district_id = @id and level = @level order by name;

            select key, name, name_hi as NameHi, is_default as IsDefault from indicators order by is_default desc, key;

            select f.unit_id as UnitId, f.indicator, f.day, f.value
            from figures f join units u on u.id = f.unit_id
            where u.district_id = @id and u.level = @level and f.day between @figuresFrom and @to;

            select unit_id as UnitId, indicator, value from targets where campaign_id = @campaignId and period = 'day';

            select h.recorded_at as RecordedAt, h.unit_id as UnitId, h.indicator, h.day, h.old_value as OldValue,
                   h.new_value as NewValue, m.name as Member, i.body as Message
            from figure_history h
            join units u on u.id = h.unit_id
            left join members m on m.id = h.member_id
            left join inbox i on i.id = h.inbox_id
            where @withHistory and u.district_id = @id and h.day between @from and @to
            order by h.id;

            select mu.unit_id as UnitId, m.name, m.phone
            from member_units mu join members m on m.id = mu.member_id join units u on u.id = mu.unit_id
            where u.district_id = @id;

            select day from holidays where district_id = @id and day between @from and @to;
            """,
            new { id = district.Id, level = district.ReportingLevel, figuresFrom, from, to, campaignId = district.CampaignId ?? -1, withHistory },
            cancellationToken: ct));

        var units = (await results.ReadAsync<UnitLine>()).Select(u => new DeskUnit(u.Id, u.Name, u.NameHi)).ToList();
        var indicators = (await results.ReadAsync<IndicatorLine>()).Select(i => new DeskIndicator(i.Key, i.Name, i.NameHi, i.IsDefault)).ToList();
        var figures = (await results.ReadAsync<FigureLine>()).Select(f => new DeskFigure(f.UnitId, f.Indicator, f.Day, f.Value)).ToList();
        var targets = (await results.ReadAsync<TargetLine>()).Select(t => new DeskTarget(t.UnitId, t.Indicator, t.Value)).ToList();
        var history = (await results.ReadAsync<ChangeLine>())
            .Select(h => new DeskChange(h.RecordedAt, h.UnitId, h.Indicator, h.Day, h.OldValue, h.NewValue, h.Member, h.Message)).ToList();
        var reporters = (await results.ReadAsync<ReporterLine>()).Select(r => new DeskReporter(r.UnitId, r.Name, r.Phone)).ToList();
        var holidays = (await results.ReadAsync<DateOnly>()).ToList();

        return new FigureFacts(
            district.Name, district.NameHi, TimeZoneInfo.FindSystemTimeZoneById(district.TimeZone), from, to, district.CampaignStart,
            units, indicators, figures, targets, history, reporters,
            district.RestWeekdays.Select(d => (DayOfWeek)d).ToList(), holidays);
    }

    // Property-shaped rows: Dapper reads dates and timestamps through DapperTypes' handlers, which it applies to
    // properties, not to constructor parameters.
    sealed record UnitLine { public int Id { get; init; } public required string Name { get; init; } public string? NameHi { get; init; } }
    sealed record IndicatorLine { public required string Key { get; init; } public required string Name { get; init; } public required string NameHi { get; init; } public bool IsDefault { get; init; } }
    sealed record FigureLine { public int UnitId { get; init; } public required string Indicator { get; init; } public DateOnly Day { get; init; } public long Value { get; init; } }
    sealed record TargetLine { public int? UnitId { get; init; } public required string Indicator { get; init; } public long Value { get; init; } }
    sealed record ReporterLine { public int UnitId { get; init; } public required string Name { get; init; } public required string Phone { get; init; } }

    sealed record ChangeLine
    {
        public DateTimeOffset RecordedAt { get; init; }
        public int UnitId { get; init; }
        public required string Indicator { get; init; }
        public DateOnly Day { get; init; }
        public long? OldValue { get; init; }
        public long? NewValue { get; init; }
        public string? Member { get; init; }
        public string? Message { get; init; }
    }
}

using ReportBot.Reporting.People;
using Dapper;
using Npgsql;

namespace ReportBot.Data.Rhythm;

public sealed record SlotRow
{
    public int Id { get; init; }
    public int DistrictId { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string Cron { get; init; }
    public bool Enabled { get; init; }
}

public sealed record DistrictCalendarRow
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public required string TimeZone { get; init; }
    public TimeOnly CutoffLocal { get; init; }
    public int[] RestWeekdays { get; init; } = [];
}

/// <summary>A member and where to reach them: the channel and address they last wrote from, and when.</summary>
public sealed record ContactRow
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public required string Phone { get; init; }
    public Role Role { get; init; }
    public required string Language { get; init; }
    public DateTimeOffset? LastInboundAt { get; init; }
    public string? LastChannel { get; init; }
    public string? LastAddress { get; init; }
    public string[] Units { get; init; } = [];
}

/// <summary>Districts' schedules and calendars, and the record of fired slots that makes each fire exactly once.</summary>
public sealed class ScheduleStore(NpgsqlDataSource db)
{
    /// <summary>Every district's calendar facts, or one district's.</summary>
    public async Task<IReadOnlyList<DistrictCalendarRow>> CalendarsAsync(int? districtId = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<DistrictCalendarRow>(new CommandDefinition(
            """
            select id, name, time_zone as TimeZone, cutoff_local as CutoffLocal, rest_weekdays as RestWeekdays
            from districts where @districtId::int is null or id = @districtId order by id
            """, new { districtId }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<DateOnly>> HolidaysAsync(int districtId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<DateOnly>(new CommandDefinition(
            "select day from holidays where district_id = @districtId", new { districtId }, cancellationToken: ct))).AsList();
    }

    /// <summary>The district's dated days off with their names, in date order.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, string Name)>> HolidayListAsync(int districtId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(DateOnly, string)>(new CommandDefinition(
            "select day, name from holidays where district_id = @districtId order by day", new { districtId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Adds a day off (or renames it); no slot fires on it.</summary>
    public async Task AddHolidayAsync(int districtId, DateOnly day, string name, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into holidays (district_id, day, name) values (@districtId, @day, @name) on conflict (district_id, day) do update set name = excluded.name",
            new { districtId, day, name }, cancellationToken: ct));
    }

    /// <summary>False when the day was no holiday.</summary>
    public async Task<bool> RemoveHolidayAsync(int districtId, DateOnly day, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from holidays where district_id = @districtId and day = @day", new { districtId, day }, cancellationToken: ct)) > 0;
    }

    /// <summary>The weekly days off (0 = Sunday … 6 = Saturday).</summary>
    public async Task SetRestWeekdaysAsync(int districtId, IReadOnlyCollection<DayOfWeek> days, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update districts set rest_weekdays = @days where id = @districtId",
            new { districtId, days = days.Select(d => (int)d).Order().ToArray() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<SlotRow>> SlotsAsync(int? districtId = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SlotRow>(new CommandDefinition(
            """
            select id, district_id as DistrictId, kind, name, cron, enabled from schedule_slots
            where @districtId::int is null or district_id = @districtId
            order by district_id, id
            """, new { districtId }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Creates or changes a slot by its name in the district; effective at the scheduler's next tick.</summary>
    public async Task<SlotRow> UpsertSlotAsync(int districtId, string kind, string name, string cron, bool enabled, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<SlotRow>(new CommandDefinition(
            """
            insert into schedule_slots (district_id, kind, name, cron, enabled) values (@districtId, @kind, @name, @cron, @enabled)
            on conflict (district_id, name) do update set kind = excluded.kind, cron = excluded.cron, enabled = excluded.enabled
            returning id, district_id as DistrictId, kind, name, cron, enabled
            """, new { districtId, kind, name, cron, enabled }, cancellationToken: ct));
    }

    public static Task AddSlotAsync(NpgsqlTransaction tx, int districtId, string kind, string name, string cron) =>
        tx.Connection!.ExecuteAsync(
            "insert into schedule_slots (district_id, kind, name, cron) values (@districtId, @kind, @name, @cron) on conflict do nothing",
            new { districtId, kind, name, cron }, tx);

    /// <summary>
    /// Claims a slot's run for a local day inside <paramref name="tx"/>: true for exactly one caller, ever — whichever
    /// instance, before or after a restart. The messages it sends are written in the same transaction.
    /// </summary>
    public static async Task<bool> TryClaimRunAsync(NpgsqlTransaction tx, int slotId, DateOnly localDay, DateTimeOffset at, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteScalarAsync<bool?>(new CommandDefinition(
            """
            insert into slot_runs (slot_id, local_day, fired_at, recipients) values (@slotId, @localDay, @at, 0)
            on conflict do nothing
            returning true
            """, new { slotId, localDay, at }, tx, cancellationToken: ct)) ?? false;

    public static Task SetRecipientsAsync(NpgsqlTransaction tx, int slotId, DateOnly localDay, int recipients) =>
        tx.Connection!.ExecuteAsync("update slot_runs set recipients = @recipients where slot_id = @slotId and local_day = @localDay",
            new { slotId, localDay, recipients }, tx);

    public async Task<bool> HasRunAsync(int slotId, DateOnly localDay, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from slot_runs where slot_id = @slotId and local_day = @localDay)", new { slotId, localDay }, cancellationToken: ct));
    }

    /// <summary>Everyone in the district with where to reach them and the units they report for.</summary>
    public static async Task<IReadOnlyList<ContactRow>> ContactsAsync(NpgsqlConnection connection, int districtId, NpgsqlTransaction? tx = null, CancellationToken ct = default)
    {
        var rows = await connection.QueryAsync<ContactRow>(new CommandDefinition(
            """
            select m.id, m.name, m.phone, m.role, m.language, m.last_inbound_at as LastInboundAt, m.last_channel as LastChannel,
                   m.last_address as LastAddress,
                   coalesce(array(select u.name from member_units mu join units u on u.id = mu.unit_id where mu.member_id = m.id order by u.name), '{}') as Units
            from members m where m.district_id = @districtId order by m.id
            """, new { districtId }, tx, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>
    /// A district's day for the rhythm, in one round trip on <paramref name="tx"/>: each unit's figure of the indicator
    /// with its flag; the district's total from <paramref name="driveFrom"/> to the day; the last earlier day with
    /// figures of the indicator, not before <paramref name="previousFrom"/>, by unit; the day's district total of each
    /// other indicator; the district's whole-campaign targets of <paramref name="campaign"/>; each unit's reporters.
    /// </summary>
    public static async Task<DayRows> DayAsync(
        NpgsqlTransaction tx, int districtId, string indicator, DateOnly day, DateOnly driveFrom, DateOnly previousFrom, string? campaign,
        CancellationToken ct = default)
    {
        using var results = await tx.Connection!.QueryMultipleAsync(new CommandDefinition(
            """
            select u.name, f.value, f.flag from figures f join units u on u.id = f.unit_id
            where u.district_id = @districtId and f.indicator = @indicator and f.day = @day;
            select coalesce(sum(f.value), 0)::bigint from figures f join units u on u.id = f.unit_id
            where u.district_id = @districtId and f.indicator = @indicator and f.day between @driveFrom and @day;
            with previous as (
                select max(f.day) as day from figures f join units u on u.id = f.unit_id
                where u.district_id = @districtId and f.indicator = @indicator and f.day >= @previousFrom and f.day < @day)
            select u.name, f.value, f.day from figures f join units u on u.id = f.unit_id join previous p on p.day = f.day
            where u.district_id = @districtId and f.indicator = @indicator;
            select f.indicator, sum(f.value)::bigint from figures f join units u on u.id = f.unit_id
            where u.district_id = @districtId and f.indicator <> @indicator and f.day = @day
            group by f.indicator;
            select t.indicator, t.value from targets t join campaigns c on c.id = t.campaign_id
            where c.district_id = @districtId and c.name = @campaign and t.unit_id is null and t.period = 'campaign';
            select u.name, m.name from member_units mu join units u on u.id = mu.unit_id join members m on m.id = mu.member_id
            where u.district_id = @districtId and m.role = 'reporter'
            order by u.name, m.id;
            """, new { districtId, indicator, day, driveFrom, previousFrom, campaign }, tx, cancellationToken: ct));
        var figures = (await results.ReadAsync<(string, long, string?)>()).AsList();
        var driveTotal = await results.ReadSingleAsync<long>();
        var previous = (await results.ReadAsync<(string, long, DateOnly)>()).AsList();
        var others = (await results.ReadAsync<(string, long)>()).AsList();
        var campaignTargets = (await results.ReadAsync<(string, long)>()).AsList();
        var reporters = (await results.ReadAsync<(string, string)>()).AsList();
        return new DayRows(figures, driveTotal, previous, others, campaignTargets, reporters);
    }
}

/// <summary>A district's day as <see cref="ScheduleStore.DayAsync"/> reads it.</summary>
/// <param name="Previous">The last earlier day's figures of the indicator (all of one day), empty when there is none.</param>
/// <param name="OtherTotals">The day's district total of each other indicator that has a figure.</param>
/// <param name="CampaignTargets">The district's whole-campaign targets (no unit), by indicator.</param>
/// <param name="Reporters">Each unit's reporters, by name, a row per pair.</param>
public sealed record DayRows(
    IReadOnlyList<(string Unit, long Value, string? Flag)> Figures,
    long DriveTotal,
    IReadOnlyList<(string Unit, long Value, DateOnly Day)> Previous,
    IReadOnlyList<(string Indicator, long Total)> OtherTotals,
    IReadOnlyList<(string Indicator, long Target)> CampaignTargets,
    IReadOnlyList<(string Unit, string Reporter)> Reporters);

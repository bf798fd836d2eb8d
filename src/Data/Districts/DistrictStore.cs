using Dapper;
using Npgsql;
using ReportBot.Reporting.Catalog;
using ReportBot.Reporting.People;

namespace ReportBot.Data.Districts;

/// <summary>Districts, units, indicators and members: the setting every figure is read in.</summary>
public sealed class DistrictStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<MemberRow>> MembersAsync(int districtId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            """
            select id, district_id as DistrictId, name, phone, role, language
            from members where district_id = @districtId order by id
            """, new { districtId }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<DistrictRow?> FindDistrictAsync(int id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<DistrictRow>(new CommandDefinition(
            "select id, name, time_zone as TimeZone from districts where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<DistrictRow?> FindDistrictAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<DistrictRow>(new CommandDefinition(
            "select id, name, time_zone as TimeZone from districts where lower(name) = lower(@name)", new { name }, cancellationToken: ct));
    }

    public async Task<DistrictRow?> FirstDistrictAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<DistrictRow>(new CommandDefinition(
            "select id, name, time_zone as TimeZone from districts order by id limit 1", cancellationToken: ct));
    }

    /// <summary>The district's units at one reporting level: blocks, or panchayats when a drive reports per panchayat.</summary>
    public async Task<IReadOnlyList<UnitRow>> UnitsAsync(int districtId, string level = "block", CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<UnitRow>(new CommandDefinition(
            """
            select id, district_id as DistrictId, name, name_hi as NameHi, aliases, plausibility_ceiling as PlausibilityCeiling
            from units where district_id = @districtId and level = @level order by name
            """, new { districtId, level }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The units each member of a district reports for, by member id.</summary>
    public async Task<ILookup<int, UnitRow>> MemberUnitsAsync(int districtId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<int, UnitRow, MemberUnitRow>(new CommandDefinition(
            """
            select mu.member_id as MemberId, u.id, u.district_id as DistrictId, u.name, u.name_hi as NameHi, u.aliases
            from member_units mu join units u on u.id = mu.unit_id
            where u.district_id = @districtId
            order by u.name
            """, new { districtId }, cancellationToken: ct),
            (memberId, unit) => new MemberUnitRow { MemberId = memberId, Unit = unit }, splitOn: "id");
        return rows.ToLookup(r => r.MemberId, r => r.Unit);
    }

    public async Task<IReadOnlyList<Indicator>> IndicatorsAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<IndicatorRow>(new CommandDefinition(
            "select key, name, name_hi as NameHi, aliases, is_default as IsDefault, cumulative from indicators order by is_default desc, key",
            cancellationToken: ct));
        return rows.Select(r => new Indicator(r.Key, r.Name, r.NameHi, r.Aliases, r.IsDefault, r.Cumulative)).ToList();
    }

    /// <summary>The reader's view of a district.</summary>
    public async Task<DistrictCatalog> CatalogAsync(DistrictRow district, string level = "block", CancellationToken ct = default)
    {
        var units = await UnitsAsync(district.Id, level, ct);
        var indicators = await IndicatorsAsync(ct);
        return new DistrictCatalog(district.Name, units.Select(u => new Unit(u.Name, u.NameHi, u.Aliases)).ToList(), indicators);
    }

    public async Task<MemberRow?> FindMemberAsync(int id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            """
            select id, district_id as DistrictId, name, phone, role, language
            from members where id = @id
            """, new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// Registers a person (or updates them: one phone, one person) inside <paramref name="tx"/>, and adds the given units
    /// to those they report for. Returns the member's id.
    /// </summary>
    /// <summary>
    /// A chat `add`: registers a new reporter (in Hindi, the usual language of block staff) or gives the reporter who has
    /// the phone one more unit; never changes an existing member's name, role, language or district (TurnRules decided
    /// that the `add` may go ahead).
    /// </summary>
    public static async Task AddReporterAsync(NpgsqlTransaction tx, int districtId, string name, string e164Phone, string unitName, CancellationToken ct = default)
    {
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            with member as (
                insert into members (district_id, name, phone, role, language) values (@districtId, @name, @e164Phone, 'reporter', 'hi')
                on conflict (phone) do nothing
                returning id
            ), target as (
                select id from member union all select id from members where phone = @e164Phone
            )
            insert into member_units (member_id, unit_id)
            select (select id from target limit 1), id from units where district_id = @districtId and name = @unitName
            on conflict do nothing
            """, new { districtId, name, e164Phone, unitName }, tx, cancellationToken: ct));
    }

    public static async Task<int> UpsertMemberAsync(NpgsqlTransaction tx, int districtId, string name, string e164Phone, Role role,
        string language, IReadOnlyCollection<string> unitNames, CancellationToken ct = default)
    {
        var connection = tx.Connection!;
        var memberId = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into members (district_id, name, phone, role, language)
            values (@districtId, @name, @e164Phone, @role, @language)
            on conflict (phone) do update
            set district_id = excluded.district_id, name = excluded.name, role = excluded.role, language = excluded.language
            returning id
            """, new { districtId, name, e164Phone, role = role.ToText(), language }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into member_units (member_id, unit_id)
            select @memberId, id from units where district_id = @districtId and name = any(@unitNames)
            on conflict do nothing
            """, new { memberId, districtId, unitNames = unitNames.ToArray() }, tx, cancellationToken: ct));
        return memberId;
    }
}

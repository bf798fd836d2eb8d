using Dapper;
using Npgsql;
using ReportBot.Reporting.Desk;
using ReportBot.Reporting.People;

namespace ReportBot.Data.Desk;

/// <summary>A member asking for a code: who they are and where they last wrote from (the code goes back there).</summary>
public sealed record CodeMember
{
    public int Id { get; init; }
    public required string Phone { get; init; }
    public required string Language { get; init; }
    public string? LastChannel { get; init; }
    public string? LastAddress { get; init; }
    public DateTimeOffset? LastInboundAt { get; init; }
    public int CodesInWindow { get; init; }
    public int CodesInDay { get; init; }
}

/// <summary>A member signing in, with their latest code.</summary>
public sealed record SigningIn(int MemberId, IssuedCode? Code);

/// <summary>The signed-in member as the desk needs them on every page.</summary>
public sealed record DeskMember(DeskViewer Viewer, string Language, string District);

/// <summary>What a correction decides on: the figure now, the district's today and the campaign's late limit.</summary>
public sealed record CorrectionFacts
{
    public int DistrictId { get; init; }
    public long? Current { get; init; }
    public DateOnly Today { get; init; }
    public int MaxDaysBack { get; init; }
}

/// <summary>One change of one figure, for the figure's history page.</summary>
public sealed record FigureChange
{
    public DateTimeOffset RecordedAt { get; init; }
    public long? OldValue { get; init; }
    public long? NewValue { get; init; }
    public string? Member { get; init; }
    public string? Message { get; init; }
    public string? Reason { get; init; }
    public string? Flag { get; init; }
}

/// <summary>
/// The DM's desk at /desk in PostgreSQL: one-time codes (only their salted hashes), the signed-in member, figures
/// flagged for review, accepting one, and a correction written with its history and reason in one statement. What
/// the pages show of the figures themselves is <see cref="Exports.FigureExportStore"/>'s, as for the workbook.
/// </summary>
public sealed class DeskStore(NpgsqlDataSource db)
{
    /// <summary>A connection for a load → decide → apply on one transaction (a code, a correction).</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct) => await db.OpenConnectionAsync(ct);

    /// <summary>
    /// The member with <paramref name="phone"/> (E.164 digits), locked, with the codes they had since
    /// <paramref name="since"/> and since <paramref name="dayAgo"/>.
    /// </summary>
    public static Task<CodeMember?> CodeMemberAsync(NpgsqlTransaction tx, string phone, DateTimeOffset since, DateTimeOffset dayAgo, CancellationToken ct) =>
        tx.Connection!.QuerySingleOrDefaultAsync<CodeMember>(new CommandDefinition(
            """
            select m.id, m.phone, m.language, m.last_channel as LastChannel, m.last_address as LastAddress, m.last_inbound_at as LastInboundAt,
                   (select count(*)::int from desk_codes c where c.member_id = m.id and c.created_at > @since) as CodesInWindow,
                   (select count(*)::int from desk_codes c where c.member_id = m.id and c.created_at > @dayAgo) as CodesInDay
            from members m where m.phone = @phone
            for update of m
            """, new { phone, since, dayAgo }, tx, cancellationToken: ct));

    public static Task AddCodeAsync(NpgsqlTransaction tx, int memberId, byte[] hash, byte[] salt, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into desk_codes (member_id, code_hash, salt, created_at, expires_at) values (@memberId, @hash, @salt, @now, @expiresAt)
            """, new { memberId, hash, salt, now, expiresAt }, tx, cancellationToken: ct));

    sealed record CodeRow
    {
        public int MemberId { get; init; }
        public long? Id { get; init; }
        public byte[]? CodeHash { get; init; }
        public byte[]? Salt { get; init; }
        public DateTimeOffset? ExpiresAt { get; init; }
        public int Attempts { get; init; }
        public DateTimeOffset? UsedAt { get; init; }
    }

    /// <summary>The member with <paramref name="phone"/> and their latest code, locked; null for a phone nobody has.</summary>
    public static async Task<SigningIn?> SigningInAsync(NpgsqlTransaction tx, string phone, CancellationToken ct)
    {
        var row = await tx.Connection!.QuerySingleOrDefaultAsync<CodeRow>(new CommandDefinition(
            """
            select m.id as MemberId, c.id, c.code_hash as CodeHash, c.salt, c.expires_at as ExpiresAt, coalesce(c.attempts, 0) as Attempts, c.used_at as UsedAt
            from members m
            left join lateral (select * from desk_codes c where c.member_id = m.id order by c.created_at desc, c.id desc limit 1) c on true
            where m.phone = @phone
            for update of m
            """, new { phone }, tx, cancellationToken: ct));
        return row is null ? null
            : new SigningIn(row.MemberId, row.Id is { } id ? new IssuedCode(id, row.CodeHash!, row.Salt!, row.ExpiresAt!.Value, row.Attempts, row.UsedAt) : null);
    }

    /// <summary>One more attempt at a code; <paramref name="used"/>: it signed the member in, and is spent.</summary>
    public static Task AttemptAsync(NpgsqlTransaction tx, long codeId, bool used, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update desk_codes set attempts = attempts + 1, used_at = case when @used then @now else used_at end where id = @codeId",
            new { codeId, used, now }, tx, cancellationToken: ct));

    sealed record MemberRow
    {
        public int Id { get; init; }
        public int DistrictId { get; init; }
        public required string Name { get; init; }
        public Role Role { get; init; }
        public required string Language { get; init; }
        public required string District { get; init; }
        public int[] Units { get; init; } = [];
    }

    /// <summary>The signed-in member, read afresh on each page: a role or a unit changed since sign-in counts at once.</summary>
    public async Task<DeskMember?> MemberAsync(int memberId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            """
            select m.id, m.district_id as DistrictId, m.name, m.role, m.language, d.name as District,
                   array(select mu.unit_id from member_units mu where mu.member_id = m.id) as Units
            from members m join districts d on d.id = m.district_id where m.id = @memberId
            """, new { memberId }, cancellationToken: ct));
        return row is null ? null
            : new DeskMember(new DeskViewer(row.Id, row.DistrictId, row.Name, row.Role, row.Units.ToHashSet()), row.Language, row.District);
    }

    sealed record FlagRow
    {
        public int UnitId { get; init; }
        public required string Indicator { get; init; }
        public DateOnly Day { get; init; }
        public long Value { get; init; }
        public required string Flag { get; init; }
    }

    /// <summary>The district's flagged figures from <paramref name="from"/> to <paramref name="to"/> that nobody accepted since their last change.</summary>
    public async Task<IReadOnlyList<FlaggedFigure>> FlaggedAsync(int districtId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<FlagRow>(new CommandDefinition(
            """
            select f.unit_id as UnitId, f.indicator, f.day, f.value, f.flag
            from figures f join units u on u.id = f.unit_id
            where u.district_id = @districtId and f.day between @from and @to
              and f.flag is not null and (f.reviewed_at is null or f.reviewed_at < f.updated_at)
            """, new { districtId, from, to }, cancellationToken: ct));
        return rows.Select(r => new FlaggedFigure(r.UnitId, r.Indicator, r.Day, r.Value, r.Flag)).ToList();
    }

    /// <summary>An officer accepts a flagged figure of their district as it stands; false if there is no such figure.</summary>
    public async Task<bool> AcceptAsync(int districtId, int unitId, string indicator, DateOnly day, int memberId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            update figures f set reviewed_at = @now, reviewed_by = @memberId
            from units u
            where u.id = f.unit_id and u.district_id = @districtId
              and f.unit_id = @unitId and f.indicator = @indicator and f.day = @day and f.flag is not null
            """, new { districtId, unitId, indicator, day, memberId, now }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Takes the unit's lock (the one every turn takes: a message and a correction of the same unit never interleave),
    /// then reads the figure, the district's today and the late limit of its campaign. Null for a unit or indicator that is none.
    /// </summary>
    public static async Task<CorrectionFacts?> CorrectionFactsAsync(NpgsqlTransaction tx, int unitId, string indicator, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        // The lock and the read are separate statements: a statement reads from the snapshot it started with.
        await tx.Connection!.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(1, @unitId)", new { unitId }, tx, cancellationToken: ct));
        return await tx.Connection!.QuerySingleOrDefaultAsync<CorrectionFacts>(new CommandDefinition(
            """
            select u.district_id as DistrictId,
                   (select value from figures f where f.unit_id = u.id and f.indicator = @indicator and f.day = @day) as Current,
                   today.day as Today, coalesce(c.max_days_back, 7) as MaxDaysBack
            from units u join districts d on d.id = u.district_id
            cross join lateral (select (@now at time zone d.time_zone)::date as day) today
            left join lateral (
                select max_days_back from campaigns
                where district_id = d.id
                order by (today.day between starts_on and ends_on) desc, (ends_on < today.day) desc, abs(today.day - ends_on), id desc
                limit 1
            ) c on true
            where u.id = @unitId and exists (select 1 from indicators where key = @indicator)
            """, new { unitId, indicator, day, now }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// The corrected figure and its history in one statement: the figure takes the new value (reviewed by whoever
    /// corrected it, its flag cleared), and figure_history keeps old → new, who, when and why.
    /// </summary>
    public static Task CorrectAsync(NpgsqlTransaction tx, int unitId, string indicator, DateOnly day, long? oldValue, long newValue,
        int memberId, string reason, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            with stored as (
                insert into figures (unit_id, indicator, day, value, updated_at, inbox_id, flag, reviewed_at, reviewed_by)
                values (@unitId, @indicator, @day, @newValue, @now, null, null, @now, @memberId)
                on conflict (unit_id, indicator, day) do update
                set value = excluded.value, updated_at = excluded.updated_at, inbox_id = null, flag = null,
                    reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by
            )
            insert into figure_history (unit_id, indicator, day, old_value, new_value, member_id, inbox_id, recorded_at, reason)
            values (@unitId, @indicator, @day, @oldValue, @newValue, @memberId, null, @now, @reason)
            """, new { unitId, indicator, day, oldValue, newValue, memberId, reason, now }, tx, cancellationToken: ct));

    /// <summary>A unit of the district by id: its name and Hindi name; null when the district has no such unit.</summary>
    public async Task<(string Name, string? NameHi)?> UnitAsync(int districtId, int unitId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<(string Name, string? NameHi)?>(new CommandDefinition(
            "select name, name_hi from units where id = @unitId and district_id = @districtId", new { districtId, unitId }, cancellationToken: ct));
    }

    /// <summary>Every change of one figure of the district, oldest first, with who made it, the message or the reason.</summary>
    public async Task<IReadOnlyList<FigureChange>> HistoryAsync(int districtId, int unitId, string indicator, DateOnly day, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<FigureChange>(new CommandDefinition(
            """
            select h.recorded_at as RecordedAt, h.old_value as OldValue, h.new_value as NewValue, m.name as Member, i.body as Message, h.reason, h.flag
            from figure_history h
            join units u on u.id = h.unit_id
            left join members m on m.id = h.member_id
            left join inbox i on i.id = h.inbox_id
            where u.district_id = @districtId and h.unit_id = @unitId and h.indicator = @indicator and h.day = @day
            order by h.id
            """, new { districtId, unitId, indicator, day }, cancellationToken: ct))).AsList();
    }
}

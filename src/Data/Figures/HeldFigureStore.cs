using Dapper;
using Npgsql;

namespace ReportBot.Data.Figures;

public sealed record HeldFigure
{
    public long Id { get; init; }
    public int UnitId { get; init; }
    public required string Indicator { get; init; }
    public DateOnly Day { get; init; }
    public long Value { get; init; }
    public bool Add { get; init; }
}

/// <summary>Figures above a unit's ceiling, waiting for their sender's "YES".</summary>
public static class HeldFigureStore
{
    /// <summary>How long a held figure waits for its YES.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromHours(24);

    public static Task HoldAsync(NpgsqlTransaction tx, int memberId, int unitId, string indicator, DateOnly day, long value, bool add,
        long? inboxId, DateTimeOffset at) =>
        tx.Connection!.ExecuteAsync(
            """
            insert into held_figures (member_id, unit_id, indicator, day, value, add, inbox_id, held_at)
            values (@memberId, @unitId, @indicator, @day, @value, @add, @inboxId, @at)
            """, new { memberId, unitId, indicator, day, value, add, inboxId, at }, tx);

    /// <summary>The sender's latest figure still waiting (and not past its patience), locked for resolving.</summary>
    public static Task<HeldFigure?> LatestOpenAsync(NpgsqlTransaction tx, int memberId, DateTimeOffset now) =>
        tx.Connection!.QueryFirstOrDefaultAsync<HeldFigure>(
            """
            select id, unit_id as UnitId, indicator, day, value, add from held_figures
            where member_id = @memberId and resolved_at is null and held_at > @since
            order by id desc limit 1
            for update
            """, new { memberId, since = now - Patience }, tx);

    public static Task ResolveAsync(NpgsqlTransaction tx, long id, string resolution, DateTimeOffset at) =>
        tx.Connection!.ExecuteAsync(
            "update held_figures set resolved_at = @at, resolution = @resolution where id = @id and resolved_at is null",
            new { id, resolution, at }, tx);

    /// <summary>A new figure for the same unit, indicator and day replaces whatever was waiting for it.</summary>
    public static Task ReplaceOpenAsync(NpgsqlTransaction tx, int memberId, int unitId, string indicator, DateOnly day, DateTimeOffset at) =>
        tx.Connection!.ExecuteAsync(
            """
            update held_figures set resolved_at = @at, resolution = 'replaced'
            where member_id = @memberId and unit_id = @unitId and indicator = @indicator and day = @day and resolved_at is null
            """, new { memberId, unitId, indicator, day, at }, tx);
}

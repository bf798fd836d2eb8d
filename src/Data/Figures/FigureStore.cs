using Dapper;
using Npgsql;

namespace ReportBot.Data.Figures;

/// <summary>One change to a day's figure, as stored: the value before (null if none) and after.</summary>
public sealed record FigureChange(long? OldValue, long NewValue);

public sealed record FigureRow(string Unit, string Indicator, DateOnly Day, long Value);

/// <summary>The day's figures, and their append-only history.</summary>
public static class FigureStore
{
    /// <summary>
    /// Sets (or adds to) the figure for a unit, indicator and day inside <paramref name="tx"/>, and appends the change to
    /// the history.
    /// </summary>
    public static async Task<FigureChange> RecordAsync(
        NpgsqlTransaction tx, int unitId, string indicator, DateOnly day, long value, bool add,
        int? memberId, long? inboxId, DateTimeOffset at, CancellationToken ct = default)
    {
        var connection = tx.Connection!;
        // Serialise changes to one unit's figures, so two reports arriving together each see the other's result.
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(1, @unitId)", new { unitId }, tx, cancellationToken: ct));
        var old = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select value from figures where unit_id = @unitId and indicator = @indicator and day = @day",
            new { unitId, indicator, day }, tx, cancellationToken: ct));
        var newValue = add ? (old ?? 0) + value : value;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into figures (unit_id, indicator, day, value, updated_at, inbox_id)
            values (@unitId, @indicator, @day, @newValue, @at, @inboxId)
            on conflict (unit_id, indicator, day)
            do update set value = excluded.value, updated_at = excluded.updated_at, inbox_id = excluded.inbox_id
            """, new { unitId, indicator, day, newValue, at, inboxId }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into figure_history (unit_id, indicator, day, old_value, new_value, member_id, inbox_id, recorded_at)
            values (@unitId, @indicator, @day, @old, @newValue, @memberId, @inboxId, @at)
            """, new { unitId, indicator, day, old, newValue, memberId, inboxId, at }, tx, cancellationToken: ct));
        return new FigureChange(old, newValue);
    }

    /// <summary>The figures of a district's units for one day.</summary>
    public static async Task<IReadOnlyList<FigureRow>> ForDayAsync(NpgsqlDataSource db, int districtId, DateOnly day, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<FigureRow>(new CommandDefinition(
            """
            select u.name as Unit, f.indicator, f.day, f.value
            from figures f join units u on u.id = f.unit_id
            where u.district_id = @districtId and f.day = @day
            order by u.name, f.indicator
            """, new { districtId, day }, cancellationToken: ct));
        return rows.AsList();
    }
}

using Dapper;
using Npgsql;

namespace ReportBot.Data.Figures;

/// <summary>One change to a day's figure, as stored: the value before (null if none) and after.</summary>
public sealed record FigureChange(long? OldValue, long? NewValue);

public sealed record FigureRow(string Unit, string Indicator, DateOnly Day, long Value, string? Flag);

/// <summary>What the rules need to know about a unit's figures around a day.</summary>
/// <param name="RecentAverage">The unit's average over the seven days before, if it reported on any.</param>
public sealed record FigureHistoryContext(long? CurrentValue, long? PreviousDayValue, double? RecentAverage, int RecentDays);

/// <summary>An undone change: the unit, indicator and day, and the value before and after the undo.</summary>
public sealed record UndoneChange(int UnitId, string Indicator, DateOnly Day, long? From, long? To);

/// <summary>The day's figures, and their append-only history.</summary>
public static class FigureStore
{
    sealed record HistoryEntry
    {
        public long Id { get; init; }
        public int UnitId { get; init; }
        public required string Indicator { get; init; }
        public DateOnly Day { get; init; }
        public long? OldValue { get; init; }
        public long? NewValue { get; init; }
    }

    /// <summary>
    /// Serialises changes to one unit's figures inside <paramref name="tx"/>, so two reports arriving together each see
    /// the other's result. Call before reading anything the change depends on.
    /// </summary>
    public static Task LockUnitAsync(NpgsqlTransaction tx, int unitId, CancellationToken ct = default) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(1, @unitId)", new { unitId }, tx, cancellationToken: ct));

    public static async Task<FigureHistoryContext> ContextAsync(NpgsqlTransaction tx, int unitId, string indicator, DateOnly day, CancellationToken ct = default)
    {
        var row = await tx.Connection!.QuerySingleAsync<(long? Current, long? PreviousDay, double? Average, int Days)>(new CommandDefinition(
            """
            select
                (select value from figures where unit_id = @unitId and indicator = @indicator and day = @day),
                (select value from figures where unit_id = @unitId and indicator = @indicator and day = @day - 1),
                (select avg(value)::float8 from figures where unit_id = @unitId and indicator = @indicator and day between @day - 7 and @day - 1),
                (select count(*)::int from figures where unit_id = @unitId and indicator = @indicator and day between @day - 7 and @day - 1)
            """, new { unitId, indicator, day }, tx, cancellationToken: ct));
        return new FigureHistoryContext(row.Current, row.PreviousDay, row.Average, row.Days);
    }

    /// <summary>
    /// Sets the figure for a unit, indicator and day to <paramref name="newValue"/> inside <paramref name="tx"/> (the caller
    /// holds <see cref="LockUnitAsync"/>), and appends the change to the history.
    /// </summary>
    public static async Task<FigureChange> RecordAsync(
        NpgsqlTransaction tx, int unitId, string indicator, DateOnly day, long newValue, string? flag,
        int? memberId, long? inboxId, DateTimeOffset at, CancellationToken ct = default)
    {
        var connection = tx.Connection!;
        var old = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select value from figures where unit_id = @unitId and indicator = @indicator and day = @day",
            new { unitId, indicator, day }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into figures (unit_id, indicator, day, value, updated_at, inbox_id, flag)
            values (@unitId, @indicator, @day, @newValue, @at, @inboxId, @flag)
            on conflict (unit_id, indicator, day)
            do update set value = excluded.value, updated_at = excluded.updated_at, inbox_id = excluded.inbox_id, flag = excluded.flag
            """, new { unitId, indicator, day, newValue, at, inboxId, flag }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into figure_history (unit_id, indicator, day, old_value, new_value, member_id, inbox_id, recorded_at, flag)
            values (@unitId, @indicator, @day, @old, @newValue, @memberId, @inboxId, @at, @flag)
            """, new { unitId, indicator, day, old, newValue, memberId, inboxId, at, flag }, tx, cancellationToken: ct));
        return new FigureChange(old, newValue);
    }

    /// <summary>
    /// Reverts the member's own last change that is not itself an undo and has not been undone: the figure goes back to
    /// its value before that change (or is removed if there was none), and the undo is appended to the history. Null if
    /// there is nothing to undo — or if the figure has been changed by someone else since, which an undo must not erase.
    /// </summary>
    public static async Task<UndoneChange?> UndoLastAsync(NpgsqlTransaction tx, int memberId, long? inboxId, DateTimeOffset at, CancellationToken ct = default)
    {
        var connection = tx.Connection!;
        var last = await connection.QueryFirstOrDefaultAsync<HistoryEntry>(new CommandDefinition(
            """
            select h.id, h.unit_id as UnitId, h.indicator, h.day, h.old_value as OldValue, h.new_value as NewValue
            from figure_history h
            where h.member_id = @memberId and h.reverts_id is null
              and not exists (select 1 from figure_history u where u.reverts_id = h.id)
            order by h.id desc limit 1
            """, new { memberId }, tx, cancellationToken: ct));
        if (last is null)
            return null;
        await LockUnitAsync(tx, last.UnitId, ct);
        var current = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select value from figures where unit_id = @UnitId and indicator = @Indicator and day = @Day", last, tx, cancellationToken: ct));
        if (current != last.NewValue)
            return null;

        if (last.OldValue is { } previous)
            await connection.ExecuteAsync(new CommandDefinition(
                """
                update figures set value = @previous, updated_at = @at, inbox_id = @inboxId, flag = null
                where unit_id = @UnitId and indicator = @Indicator and day = @Day
                """, new { previous, at, inboxId, last.UnitId, last.Indicator, last.Day }, tx, cancellationToken: ct));
        else
            await connection.ExecuteAsync(new CommandDefinition(
                "delete from figures where unit_id = @UnitId and indicator = @Indicator and day = @Day", last, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into figure_history (unit_id, indicator, day, old_value, new_value, member_id, inbox_id, recorded_at, reverts_id)
            values (@UnitId, @Indicator, @Day, @NewValue, @OldValue, @memberId, @inboxId, @at, @Id)
            """, new { last.UnitId, last.Indicator, last.Day, last.NewValue, last.OldValue, memberId, inboxId, at, last.Id }, tx, cancellationToken: ct));
        return new UndoneChange(last.UnitId, last.Indicator, last.Day, last.NewValue, last.OldValue);
    }

    /// <summary>The figures of a district's units for one day.</summary>
    public static async Task<IReadOnlyList<FigureRow>> ForDayAsync(NpgsqlDataSource db, int districtId, DateOnly day, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<FigureRow>(new CommandDefinition(
            """
            select u.name as Unit, f.indicator, f.day, f.value, f.flag
            from figures f join units u on u.id = f.unit_id
            where u.district_id = @districtId and f.day = @day
            order by u.name, f.indicator
            """, new { districtId, day }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>A district's total for an indicator over a span of days (a campaign's so far).</summary>
    public static async Task<long> DistrictTotalAsync(NpgsqlDataSource db, int districtId, string indicator, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            select coalesce(sum(f.value), 0)::bigint from figures f join units u on u.id = f.unit_id
            where u.district_id = @districtId and f.indicator = @indicator and f.day between @from and @to
            """, new { districtId, indicator, from, to }, cancellationToken: ct));
    }
}

using Dapper;
using Npgsql;

namespace ReportBot.Data.Messages;

/// <summary>One line of a conversation on a channel: a member's message ("in") or the bot's ("out").</summary>
/// <param name="HasImage">The bot's message carries a picture (the final summary's chart), its text the caption.</param>
public sealed record ConversationLine(long Id, DateTimeOffset At, string Direction, int? MemberId, string? MemberName, string Text, bool HasImage = false);

/// <summary>A channel's conversation in order, for the simulator's group view.</summary>
public sealed class ConversationStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<ConversationLine>> AfterAsync(string channel, long afterId, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // Outbox rows are listed whatever their status: an id skipped while its row was still pending would
        // never be shown to a client that has already moved past it.
        var lines = await connection.QueryAsync<ConversationLine>(new CommandDefinition(
            """
            select * from (
                select i.id, i.received_at as At, 'in' as Direction, m.id as MemberId, m.name as MemberName, i.body as Text, false as HasImage
                from inbox i left join members m on m.phone = i.phone
                where i.channel = @channel and i.id > @afterId
                union all
                select o.id, o.created_at, 'out', g.member_id, m.name, o.body, o.image_id is not null
                from outbox o
                -- A summary or escalation is one post to the group: shown once per wording (language), to no one in particular.
                cross join lateral (select case when o.kind in ('summary', 'escalation') then null else o.member_id end as member_id) g
                left join members m on m.id = g.member_id
                where o.channel = @channel and o.id > @afterId
                  and (g.member_id is not null or o.kind = 'reply' or o.id = (
                      select min(twin.id) from outbox twin
                      where twin.channel = o.channel and twin.kind = o.kind and twin.body = o.body and twin.created_at = o.created_at))
            ) lines
            order by id limit @limit
            """, new { channel, afterId, limit }, cancellationToken: ct));
        return lines.AsList();
    }
}

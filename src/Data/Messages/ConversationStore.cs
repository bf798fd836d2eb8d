using Dapper;
using Npgsql;

namespace ReportBot.Data.Messages;

/// <summary>Where a conversation line was said: in a linked group chat, or in someone's direct chat with the bot.</summary>
public enum ConversationChat
{
    Group,
    Direct,
}

/// <summary>
/// One line of a conversation on a channel: a member's message ("in") or the bot's ("out"). In the group, an "in" line
/// carries the message's ref, and an "out" line may quote one (<see cref="QuoteRef"/>, with its text and author) or be
/// a reaction on it (<see cref="Reaction"/>). In a direct chat <see cref="MemberId"/> is whose chat it is; in the group,
/// on an "out" line, whose turn it answered (null for the rhythm's posts).
/// </summary>
public sealed record ConversationLine
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Direction { get; init; }
    public ConversationChat Chat { get; init; }
    public int? MemberId { get; init; }
    public string? MemberName { get; init; }
    public required string Text { get; init; }
    /// <summary>An "in" line's id within its chat, which reactions and quotes point at.</summary>
    public string? MessageRef { get; init; }
    public string? QuoteRef { get; init; }
    public string? QuotedText { get; init; }
    public int? QuotedMemberId { get; init; }
    public string? QuotedMemberName { get; init; }
    /// <summary>`recorded` or `changed` (outbox.reaction): the line is a reaction on <see cref="QuoteRef"/>, not a text.</summary>
    public string? Reaction { get; init; }
    /// <summary>The outbox kind of an "out" line: reply, summary, reminder, escalation.</summary>
    public string? Kind { get; init; }
    /// <summary>The words in a group post that mention members (outbox.mention_texts), which the page shows as mentions.</summary>
    public string[]? Mentions { get; init; }
    /// <summary>The bot's message carries a picture (the final summary's chart), its text the caption.</summary>
    public bool HasImage { get; init; }
}

/// <summary>A channel's conversations in order — its groups and its direct chats — for the simulator's page.</summary>
public sealed class ConversationStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<ConversationLine>> AfterAsync(string channel, long afterId, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // Outbox rows are listed whatever their status: an id skipped while its row was still pending would
        // never be shown to a client that has already moved past it. Inbox and outbox share one id sequence.
        // An outbox row is the group's when it was posted there (group_id), or addressed to a group's chat id (a group
        // unlinked since keeps its rows, with group_id cleared).
        var lines = await connection.QueryAsync<ConversationLine>(new CommandDefinition(
            """
            select * from (
                select i.id, i.received_at as At, 'in' as Direction,
                       case when i.chat_id is null then 'Direct' else 'Group' end as Chat,
                       m.id as MemberId, m.name as MemberName, i.body as Text,
                       coalesce(i.message_ref, i.external_id) as MessageRef,
                       null as QuoteRef, null as QuotedText, null::int as QuotedMemberId, null as QuotedMemberName,
                       null as Reaction, null as Kind, null::text[] as Mentions, false as HasImage
                from inbox i left join members m on m.phone = i.phone
                where i.channel = @channel and i.id > @afterId
                union all
                select o.id, o.created_at, 'out',
                       case when o.group_id is not null or o.recipient in (select chat_id from groups where channel = @channel)
                            then 'Group' else 'Direct' end,
                       o.member_id, m.name, o.body,
                       null, o.quote_ref, q.body, qm.id, qm.name, o.reaction, o.kind, o.mention_texts, o.image_id is not null
                from outbox o
                left join members m on m.id = o.member_id
                left join lateral (
                    select qi.body, qi.phone from inbox qi
                    where qi.channel = o.channel and qi.message_ref = o.quote_ref order by qi.id limit 1
                ) q on o.quote_ref is not null
                left join members qm on qm.phone = q.phone
                where o.channel = @channel and o.id > @afterId
            ) lines
            order by id limit @limit
            """, new { channel, afterId, limit }, cancellationToken: ct));
        return lines.AsList();
    }
}

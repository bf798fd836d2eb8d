using ReportBot.Reporting.Groups;
using Dapper;
using Npgsql;

namespace ReportBot.Data.Messages;

/// <summary>
/// Many messages into the inbox in one statement and one commit: concurrent webhooks share a commit (group commit), so
/// storing a message durably costs a fraction of a round trip and a disk flush.
/// </summary>
public static class InboxBatch
{
    /// <summary>
    /// Stores each entry once per (channel, external id); returns, per entry, its new id — or null when it was stored
    /// before (a provider's retry), including by an earlier entry of the same batch.
    /// </summary>
    /// <param name="setAside">Per entry, an outcome it is stored with, closed and never handled (e.g. `rate-limited`), or null.</param>
    public static async Task<IReadOnlyList<long?>> AddAsync(NpgsqlDataSource db, IReadOnlyList<InboxEntry> entries, IReadOnlyList<string?> setAside,
        DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var stored = await connection.QueryAsync<(long Id, long Ordinal)>(new CommandDefinition(
            """
            with entry as (
                select * from unnest(@channels, @externalIds, @senders, @phones, @bodies, @mediaCounts, @raws, @receivedAts, @sentAts, @userIds, @setAside,
                            @chatIds, @messageRefs, @events, @originalRefs, @senderNames)
                    with ordinality as e(channel, external_id, sender, phone, body, media_count, raw, received_at, sent_at, user_id, outcome,
                                         chat_id, message_ref, event, original_ref, sender_name, ordinal)
            ), learnt as (
                -- A message with both a BSUID and a phone teaches the pair; one with the BSUID alone is stored with the
                -- phone learnt before, so whoever looks members up by `inbox.phone` still finds the member.
                insert into channel_identities (channel, user_id, phone, first_seen, last_seen)
                select distinct on (channel, user_id) channel, user_id, phone, received_at, received_at
                from entry where user_id is not null and phone is not null
                order by channel, user_id, ordinal desc
                on conflict (channel, user_id) do update set phone = excluded.phone, last_seen = excluded.last_seen
            ), stored as (
                insert into inbox (channel, external_id, sender, phone, body, media_count, raw, received_at, sent_at, user_id, outcome, processed_at,
                                   chat_id, message_ref, event, original_ref, sender_name)
                select e.channel, e.external_id, e.sender,
                       coalesce(e.phone, (select ci.phone from channel_identities ci where ci.channel = e.channel and ci.user_id = e.user_id)),
                       e.body, e.media_count, e.raw, e.received_at, e.sent_at, e.user_id, e.outcome,
                       case when e.outcome is not null then @now end,
                       e.chat_id, e.message_ref, e.event, e.original_ref, e.sender_name
                from entry e order by e.ordinal
                on conflict (channel, external_id) do nothing
                returning id, channel, external_id
            )
            -- The first entry with a key is the one stored; a repeat within the batch is a duplicate like any other.
            select s.id, min(e.ordinal) from stored s join entry e using (channel, external_id) group by s.id
            """,
            new
            {
                channels = entries.Select(e => e.Channel).ToArray(),
                externalIds = entries.Select(e => e.ExternalId).ToArray(),
                senders = entries.Select(e => e.Sender).ToArray(),
                phones = entries.Select(e => e.Phone).ToArray(),
                bodies = entries.Select(e => e.Body).ToArray(),
                mediaCounts = entries.Select(e => e.MediaCount).ToArray(),
                raws = entries.Select(e => e.Raw).ToArray(),
                receivedAts = entries.Select(e => e.ReceivedAt.UtcDateTime).ToArray(),
                sentAts = entries.Select(e => e.SentAt?.UtcDateTime).ToArray(),
                userIds = entries.Select(e => e.UserId).ToArray(),
                setAside = setAside.ToArray(),
                chatIds = entries.Select(e => e.ChatId).ToArray(),
                messageRefs = entries.Select(e => e.MessageRef).ToArray(),
                events = entries.Select(e => e.Event.ToText()).ToArray(),
                originalRefs = entries.Select(e => e.OriginalRef).ToArray(),
                senderNames = entries.Select(e => e.SenderName).ToArray(),
                now,
            }, cancellationToken: ct));
        var ids = new long?[entries.Count];
        foreach (var (id, ordinal) in stored)
            ids[ordinal - 1] = id;
        return ids;
    }
}

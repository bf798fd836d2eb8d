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
                select * from unnest(@channels, @externalIds, @senders, @phones, @bodies, @mediaCounts, @raws, @receivedAts, @setAside)
                    with ordinality as e(channel, external_id, sender, phone, body, media_count, raw, received_at, outcome, ordinal)
            ), stored as (
                insert into inbox (channel, external_id, sender, phone, body, media_count, raw, received_at, outcome, processed_at)
                select channel, external_id, sender, phone, body, media_count, raw, received_at, outcome,
                       case when outcome is not null then @now end
                from entry order by ordinal
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
                setAside = setAside.ToArray(),
                now,
            }, cancellationToken: ct));
        var ids = new long?[entries.Count];
        foreach (var (id, ordinal) in stored)
            ids[ordinal - 1] = id;
        return ids;
    }
}

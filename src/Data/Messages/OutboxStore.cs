using Dapper;
using Npgsql;

namespace ReportBot.Data.Messages;

public sealed record OutboxEntry(string Channel, string Recipient, int? MemberId, string Body, long? ReplyToInboxId);

public sealed record OutboxRow(long Id, string Channel, string Recipient, int? MemberId, string Body, int Attempts);

/// <summary>
/// The outbox: messages to send, written in the same transaction as what they report, and sent by the dispatcher.
/// A row is claimed ('sending') before its request goes out, so no two workers send it; a row left in 'sending' by a
/// crash is never sent again on its own (see README: "never twice").
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource db)
{
    public static Task<long> AddAsync(NpgsqlTransaction tx, OutboxEntry entry, CancellationToken ct = default) =>
        tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into outbox (channel, recipient, member_id, body, reply_to_inbox_id)
            values (@Channel, @Recipient, @MemberId, @Body, @ReplyToInboxId)
            returning id
            """, entry, tx, cancellationToken: ct));

    /// <summary>Claims up to <paramref name="limit"/> due messages for sending.</summary>
    public async Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            update outbox set status = 'sending', attempts = attempts + 1
            where id in (
                select id from outbox
                where status = 'pending' and next_attempt_at <= @now
                order by id limit @limit
                for update skip locked)
            returning id, channel, recipient, member_id as MemberId, body, attempts
            """, new { now, limit }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id).ToList();
    }

    public Task MarkSentAsync(long id, string? providerId, DateTimeOffset at, CancellationToken ct = default) =>
        ExecuteAsync("update outbox set status = 'sent', provider_id = @providerId, sent_at = @at, last_error = null where id = @id",
            new { id, providerId, at }, ct);

    public Task RescheduleAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken ct = default) =>
        ExecuteAsync("update outbox set status = 'pending', last_error = @error, next_attempt_at = @nextAttemptAt where id = @id",
            new { id, error, nextAttemptAt }, ct);

    /// <summary>Final states: 'failed' (the provider refused it) or 'uncertain' (it may have gone out; not resent).</summary>
    public Task MarkFinalAsync(long id, string status, string error, CancellationToken ct = default) =>
        ExecuteAsync("update outbox set status = @status, last_error = @error where id = @id", new { id, status, error }, ct);

    /// <summary>
    /// Records a provider's delivery report for a sent message. Reports can arrive out of order, so the state only moves
    /// forward (sent → delivered → read; failed is final). Returns false if no sent message has that provider id.
    /// </summary>
    public async Task<bool> RecordDeliveryAsync(string channel, string providerId, string status, string? error, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var found = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from outbox where channel = @channel and provider_id = @providerId)",
            new { channel, providerId }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update outbox
            set delivery_status = @status, delivery_error = @error, delivery_updated_at = @at
            where channel = @channel and provider_id = @providerId
              and (case coalesce(delivery_status, '') when '' then 0 when 'sent' then 1 when 'delivered' then 2 else 3 end)
                < (case @status when 'sent' then 1 when 'delivered' then 2 else 3 end)
            """, new { channel, providerId, status, error, at }, cancellationToken: ct));
        return found;
    }

    async Task ExecuteAsync(string sql, object args, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }
}

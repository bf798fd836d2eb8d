using Dapper;
using Npgsql;

namespace ReportBot.Data.Messages;

/// <param name="Kind">reply, or the slot kind that started it (reminder, escalation, summary).</param>
/// <param name="TemplateName">For a message the business starts: its WhatsApp template, for a closed 24-hour window.</param>
/// <param name="UseTemplate">Send the template rather than the text (the window is known to be closed).</param>
public sealed record OutboxEntry(
    string Channel, string Recipient, int? MemberId, string Body, long? ReplyToInboxId,
    string Kind = "reply", string? TemplateName = null, string? TemplateLanguage = null, string[]? TemplateVariables = null,
    bool UseTemplate = false);

public sealed record OutboxRow
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string Recipient { get; init; }
    public int? MemberId { get; init; }
    public required string Body { get; init; }
    public int Attempts { get; init; }
    public string? TemplateName { get; init; }
    public string? TemplateLanguage { get; init; }
    public string[]? TemplateVariables { get; init; }
    public bool UseTemplate { get; init; }
}

/// <summary>
/// The outbox: messages to send, written in the same transaction as what they report, and sent by the dispatcher.
/// A row is claimed ('sending') before its request goes out, so no two workers send it; a row left in 'sending' by a
/// crash is never sent again on its own (see README: "never twice").
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource db)
{
    /// <summary>Queues a message, due at once; <paramref name="at"/> is the application's clock (tests run on a fake one).</summary>
    public static Task<long> AddAsync(NpgsqlTransaction tx, OutboxEntry entry, DateTimeOffset at, CancellationToken ct = default) =>
        tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into outbox (channel, recipient, member_id, body, reply_to_inbox_id, kind,
                                template_name, template_language, template_variables, use_template, created_at, next_attempt_at)
            values (@Channel, @Recipient, @MemberId, @Body, @ReplyToInboxId, @Kind,
                    @TemplateName, @TemplateLanguage, @TemplateVariables, @UseTemplate, @at, @at)
            returning id
            """, new
            {
                entry.Channel, entry.Recipient, entry.MemberId, entry.Body, entry.ReplyToInboxId, entry.Kind,
                entry.TemplateName, entry.TemplateLanguage, entry.TemplateVariables, entry.UseTemplate, at,
            }, tx, cancellationToken: ct));

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
            returning id, channel, recipient, member_id as MemberId, body, attempts, template_name as TemplateName,
                      template_language as TemplateLanguage, template_variables as TemplateVariables, use_template as UseTemplate
            """, new { now, limit }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id).ToList();
    }

    public Task MarkSentAsync(long id, string? providerId, DateTimeOffset at, CancellationToken ct = default) =>
        ExecuteAsync("update outbox set status = 'sent', provider_id = @providerId, sent_at = @at, last_error = null where id = @id",
            new { id, providerId, at }, ct);

    /// <summary>The window was closed: send the same message again, now as its template.</summary>
    public Task SwitchToTemplateAsync(long id, string error, DateTimeOffset now, CancellationToken ct = default) =>
        ExecuteAsync(
            "update outbox set status = 'pending', use_template = true, last_error = @error, next_attempt_at = @now where id = @id",
            new { id, error, now }, ct);

    /// <summary>
    /// A sent text that the provider later reports as refused outside the 24-hour window (Twilio 63016, Meta 131047):
    /// queue its template as a new message. Returns the new message's id, or null if it has no template or already went as one.
    /// </summary>
    public async Task<long?> RequeueAsTemplateAsync(string channel, string providerId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            insert into outbox (channel, recipient, member_id, body, kind, template_name, template_language, template_variables,
                                use_template, created_at, next_attempt_at)
            select channel, recipient, member_id, body, kind, template_name, template_language, template_variables, true, @now, @now
            from outbox
            where channel = @channel and provider_id = @providerId and template_name is not null and not use_template
            returning id
            """, new { channel, providerId, now }, cancellationToken: ct));
    }

    /// <summary>Puts a failed (dead-lettered) message back in the queue, at an admin's request.</summary>
    public async Task<bool> RetryAsync(long id, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update outbox set status = 'pending', attempts = 0, next_attempt_at = @now where id = @id and status = 'failed'",
            new { id, now }, cancellationToken: ct)) == 1;
    }

    public sealed record FailedRow
    {
        public long Id { get; init; }
        public required string Channel { get; init; }
        public required string Recipient { get; init; }
        public required string Kind { get; init; }
        public int Attempts { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    /// <summary>The dead letters: messages that failed for good, newest first.</summary>
    public async Task<IReadOnlyList<FailedRow>> FailedAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<FailedRow>(new CommandDefinition(
            """
            select id, channel, recipient, kind, attempts, last_error as LastError, created_at as CreatedAt
            from outbox where status in ('failed', 'uncertain') order by id desc limit @limit
            """, new { limit }, cancellationToken: ct));
        return rows.AsList();
    }

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

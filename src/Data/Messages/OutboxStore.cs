using ReportBot.Reporting.Groups;
using Dapper;
using Npgsql;

namespace ReportBot.Data.Messages;

/// <param name="Kind">reply, or the slot kind that started it (reminder, escalation, summary).</param>
/// <param name="TemplateName">For a message the business starts: its WhatsApp template, for a closed 24-hour window.</param>
/// <param name="UseTemplate">Send the template rather than the text (the window is known to be closed).</param>
/// <param name="GroupId">The linked group it is posted into (then <paramref name="Recipient"/> is the group's chat id).</param>
/// <param name="QuoteRef">The provider's id of the message it quotes — or reacts to, with <paramref name="Reaction"/>.</param>
/// <param name="Reaction">A reaction on <paramref name="QuoteRef"/>, not a text.</param>
/// <param name="MentionAddresses">Members mentioned: their addresses on the channel, each named in the body by the
/// same position's <paramref name="MentionTexts"/>.</param>
/// <param name="AskContact">Offer the recipient the channel's "share my phone number" button (Telegram).</param>
/// <param name="ImageId">The picture it carries (`outbox_images`), its body then the caption; an empty body sends the picture alone.</param>
public sealed record OutboxEntry(
    string Channel, string Recipient, int? MemberId, string Body, long? ReplyToInboxId,
    string Kind = "reply", string? TemplateName = null, string? TemplateLanguage = null, string[]? TemplateVariables = null,
    bool UseTemplate = false,
    int? GroupId = null, string? QuoteRef = null, Acknowledgement? Reaction = null, string[]? MentionAddresses = null, string[]? MentionTexts = null,
    bool AskContact = false, long? ImageId = null);

/// <summary>A picture a message carries, as the outbox stores it: once per firing and language, shared by its messages.</summary>
public sealed record OutboxImage(long Id, string FileName, byte[] Png);

/// <summary>Where an outbox row is, as the `outbox.status` text holds it (lower-case names).</summary>
public enum OutboxState
{
    /// <summary>Due at its next_attempt_at.</summary>
    Pending,
    /// <summary>
    /// A dispatcher holds it until lease_until: claimed (left_at null, its request has not left), or its request is
    /// out and the answer awaited (left_at set).
    /// </summary>
    Sending,
    Sent,
    Failed,
    /// <summary>The request may have reached the provider but its answer was lost: awaiting a callback, or a resend.</summary>
    Uncertain,
}

public static class OutboxStates
{
    /// <summary>The database's text for a state.</summary>
    public static string Text(this OutboxState state) => state.ToString().ToLowerInvariant();
}

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
    public long? ReplyToInboxId { get; init; }
    public string Kind { get; init; } = "reply";
    public int? GroupId { get; init; }
    public string? QuoteRef { get; init; }
    public Acknowledgement? Reaction { get; init; }
    public string[]? MentionAddresses { get; init; }
    public string[]? MentionTexts { get; init; }
    public bool AskContact { get; init; }
    public long? ImageId { get; init; }
}

/// <summary>What one recovery pass did (see <see cref="OutboxStore.RecoverAsync"/>).</summary>
public sealed record OutboxRecovery(int Released, int MadeUncertain, int Resent);

/// <summary>
/// The outbox: messages to send, written in the same transaction as what they report, and sent by the dispatcher.
/// A claim is a lease: a row is 'sending' until lease_until, with left_at null until its request goes out. A claim whose
/// lease runs out before that goes back to 'pending' — nothing had left; one whose request was out is 'uncertain',
/// reconciled by the provider's status callback, or sent once more when none comes (docs/reliability.md).
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource db)
{
    /// <summary>Claims up to <paramref name="limit"/> due messages, each leased until <paramref name="leaseUntil"/>.</summary>
    /// <summary>One message, due at <paramref name="at"/>.</summary>
    public async Task AddAsync(OutboxEntry entry, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await OutboxBatch.AddAsync(tx, [entry], at, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(DateTimeOffset now, int limit, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            update outbox set status = 'sending', attempts = attempts + 1, lease_until = @leaseUntil, left_at = null
            where id in (
                select id from outbox
                where status = 'pending' and next_attempt_at <= @now
                order by id limit @limit
                for update skip locked)
            returning id, channel, recipient, member_id as MemberId, body, attempts, template_name as TemplateName,
                      template_language as TemplateLanguage, template_variables as TemplateVariables, use_template as UseTemplate,
                      reply_to_inbox_id as ReplyToInboxId, kind, group_id as GroupId, quote_ref as QuoteRef, reaction,
                      mention_addresses as MentionAddresses, mention_texts as MentionTexts, asks_contact as AskContact,
                      image_id as ImageId
            """, new { now, limit, leaseUntil }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id).ToList();
    }

    /// <summary>
    /// The request is about to leave: left_at set, leased until the answer is due at the latest. False if this claim
    /// (<paramref name="claimLease"/>, whole milliseconds, is its token) was lost — its lease ran out and the row went
    /// back to the queue, perhaps to another dispatcher: then it must not be sent.
    /// </summary>
    public async Task<bool> MarkLeavingAsync(long id, DateTimeOffset claimLease, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            update outbox set left_at = @now, lease_until = @leaseUntil
            where id = @id and status = 'sending' and left_at is null and lease_until = @claimLease
            """, new { id, claimLease, now, leaseUntil }, cancellationToken: ct)) == 1;
    }

    /// <summary>Hands a claimed message back unsent (paced for its recipient, or the dispatcher is stopping).</summary>
    public Task ReleaseAsync(long[] ids, DateTimeOffset nextAttemptAt, CancellationToken ct = default) =>
        ExecuteAsync(
            """
            update outbox set status = 'pending', attempts = greatest(attempts - 1, 0), lease_until = null, next_attempt_at = @nextAttemptAt
            where id = any(@ids) and status = 'sending' and left_at is null
            """, new { ids, nextAttemptAt }, ct);

    /// <summary>
    /// At start-up and on each pass: claims whose lease ran out before their request left go back to 'pending'; those
    /// whose request was out become 'uncertain'; an uncertain message on a channel in <paramref name="confirmingChannels"/>
    /// (its sends ask for callbacks) that no callback proved sent within <paramref name="resendAfter"/> goes once more.
    /// Pictures stored before <paramref name="imagesBefore"/> that no message still waiting to go carries are dropped
    /// (the messages that carried them keep their text).
    /// </summary>
    public async Task<OutboxRecovery> RecoverAsync(DateTimeOffset now, TimeSpan resendAfter, int maxResends, string[] confirmingChannels,
        DateTimeOffset imagesBefore, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var resendBefore = now - resendAfter;
        var counts = await connection.QuerySingleAsync<(int Released, int MadeUncertain, int Resent)>(new CommandDefinition(
            """
            with released as (
                update outbox set status = 'pending', attempts = greatest(attempts - 1, 0), lease_until = null, next_attempt_at = @now
                where status = 'sending' and left_at is null and lease_until < @now
                returning 1
            ), lost as (
                update outbox set status = 'uncertain', lease_until = null, uncertain_at = @now,
                       last_error = 'the dispatcher stopped while the request was out'
                where status = 'sending' and left_at is not null and lease_until < @now
                returning 1
            ), resent as (
                update outbox set status = 'pending', resends = resends + 1, next_attempt_at = @now
                where status = 'uncertain' and uncertain_at < @resendBefore and confirmed_at is null
                  and resends < @maxResends and channel = any(@confirmingChannels)
                returning 1
            ), dropped as (
                delete from outbox_images i
                where i.created_at < @imagesBefore
                  and not exists (select 1 from outbox o where o.image_id = i.id and o.status in ('pending', 'sending', 'uncertain'))
            )
            select (select count(*) from released)::int, (select count(*) from lost)::int, (select count(*) from resent)::int
            """, new { now, resendBefore, maxResends, confirmingChannels, imagesBefore }, cancellationToken: ct));
        return new OutboxRecovery(counts.Released, counts.MadeUncertain, counts.Resent);
    }

    /// <summary>The pictures with these ids, each read once however many of a batch's messages carry it.</summary>
    public async Task<IReadOnlyDictionary<long, OutboxImage>> ImagesAsync(long[] ids, CancellationToken ct = default)
    {
        if (ids.Length == 0)
            return new Dictionary<long, OutboxImage>();
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ImageRow>(new CommandDefinition(
            "select id, kind, day, language, png from outbox_images where id = any(@ids)", new { ids }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => new OutboxImage(r.Id, r.FileName, r.Png));
    }

    /// <summary>The picture the outbox message <paramref name="outboxId"/> carries (on <paramref name="channel"/>, when given), or null.</summary>
    public async Task<OutboxImage?> ImageOfMessageAsync(long outboxId, string? channel = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ImageRow>(new CommandDefinition(
            """
            select i.id, i.kind, i.day, i.language, i.png
            from outbox o join outbox_images i on i.id = o.image_id
            where o.id = @outboxId and (@channel::text is null or o.channel = @channel)
            """, new { outboxId, channel }, cancellationToken: ct));
        return row is null ? null : new OutboxImage(row.Id, row.FileName, row.Png);
    }

    /// <summary>
    /// The provider refused the picture for good: the message goes again at once as its text alone — or, when it was
    /// the picture alone (its text follows in the next messages), it is failed with the provider's error.
    /// </summary>
    /// <remarks>The picture alone keeps its picture: an admin's retry sends the picture again, never an empty text.</remarks>
    public Task DropImageAsync(long id, string error, DateTimeOffset now, CancellationToken ct = default) =>
        ExecuteAsync(
            """
            update outbox set image_id = case when body = '' then image_id end, last_error = @error, lease_until = null,
                              status = case when body = '' then 'failed' else 'pending' end,
                              attempts = case when body = '' then attempts else greatest(attempts - 1, 0) end,
                              next_attempt_at = @now
            where id = @id
            """, new { id, error, now }, ct);

    // Property-shaped: Dapper reads dates through DapperTypes' handlers, which it applies to properties only.
    sealed record ImageRow
    {
        public long Id { get; init; }
        public required string Kind { get; init; }
        public DateOnly Day { get; init; }
        public required string Language { get; init; }
        public required byte[] Png { get; init; }
        public string FileName => $"{Kind}-{Day:yyyy-MM-dd}-{Language}.png";
    }

    public Task MarkSentAsync(long id, string? providerId, DateTimeOffset at, CancellationToken ct = default) =>
        ExecuteAsync(
            """
            update outbox set status = 'sent', provider_id = coalesce(@providerId, provider_id), sent_at = @at, last_error = null,
                              lease_until = null
            where id = @id
            """, new { id, providerId, at }, ct);

    /// <summary>
    /// The answer was lost: 'uncertain' from <paramref name="at"/> — unless a status callback already proved it left
    /// (callbacks can beat the answer), in which case it is simply sent.
    /// </summary>
    public Task MarkUncertainAsync(long id, string error, DateTimeOffset at, CancellationToken ct = default) =>
        ExecuteAsync(
            """
            update outbox set status = case when confirmed_at is null then 'uncertain' else 'sent' end,
                              uncertain_at = @at, last_error = @error, lease_until = null,
                              sent_at = case when confirmed_at is null then sent_at else coalesce(sent_at, confirmed_at) end
            where id = @id
            """, new { id, error, at }, ct);

    /// <summary>
    /// A text too long for its channel becomes several messages: this row keeps the first part, and the others are
    /// queued after it (same recipient, kind and reply), due at once, each with the mentions its own words hold
    /// (<paramref name="mentions"/>, per part: addresses and texts). Returns the new rows' ids.
    /// </summary>
    public async Task<IReadOnlyList<long>> SplitAsync(long id, IReadOnlyList<string> parts,
        IReadOnlyList<(string[]? Addresses, string[]? Texts)> mentions, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update outbox set body = @body, mention_addresses = @addresses, mention_texts = @texts where id = @id",
            new { id, body = parts[0], addresses = mentions[0].Addresses, texts = mentions[0].Texts }, tx, cancellationToken: ct));
        var ids = new List<long>();
        foreach (var (part, (addresses, texts)) in parts.Zip(mentions).Skip(1))
            ids.Add(await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                insert into outbox (channel, recipient, member_id, body, reply_to_inbox_id, kind, created_at, next_attempt_at, group_id,
                                    mention_addresses, mention_texts)
                select channel, recipient, member_id, @part, reply_to_inbox_id, kind, @now, @now, group_id, @addresses, @texts
                from outbox where id = @id
                returning id
                """, new { id, part, now, addresses, texts }, tx, cancellationToken: ct)));
        await tx.CommitAsync(ct);
        return ids;
    }

    /// <summary>The window was closed: send the same message again, now as its template.</summary>
    public Task SwitchToTemplateAsync(long id, string error, DateTimeOffset now, CancellationToken ct = default) =>
        ExecuteAsync(
            "update outbox set status = 'pending', use_template = true, last_error = @error, next_attempt_at = @now, lease_until = null where id = @id",
            new { id, error, now }, ct);

    /// <summary>
    /// A sent text that the provider later reports as refused outside the 24-hour window (Twilio 63016, Meta 131047):
    /// queue its template as a new message — once per message, ever, however often the callback is repeated. Returns
    /// the new message's id, or null if it has no template, already went as one, or its template is already queued.
    /// </summary>
    public async Task<long?> RequeueAsTemplateAsync(string channel, string providerId, long? outboxId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            insert into outbox (channel, recipient, member_id, body, kind, template_name, template_language, template_variables,
                                use_template, created_at, next_attempt_at, requeued_from)
            select channel, recipient, member_id, body, kind, template_name, template_language, template_variables, true, @now, @now, id
            from outbox
            where channel = @channel and (provider_id = @providerId or id = @outboxId)
              and template_name is not null and not use_template
            order by id limit 1
            on conflict (requeued_from) where requeued_from is not null do nothing
            returning id
            """, new { channel, providerId, outboxId, now }, cancellationToken: ct));
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
        /// <summary>Failed (refused for good) or Uncertain (its answer lost, and no callback proved it sent).</summary>
        public OutboxState Status { get; init; }
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
            select id, channel, recipient, kind, status, attempts, last_error as LastError, created_at as CreatedAt
            from outbox where status in ('failed', 'uncertain') order by id desc limit @limit
            """, new { limit }, cancellationToken: ct));
        return rows.AsList();
    }

    public Task RescheduleAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken ct = default) =>
        ExecuteAsync("update outbox set status = 'pending', last_error = @error, next_attempt_at = @nextAttemptAt, lease_until = null where id = @id",
            new { id, error, nextAttemptAt }, ct);

    /// <summary>The provider refused it for good (or no channel can send it): listed for the admins.</summary>
    public Task MarkFailedAsync(long id, string error, CancellationToken ct = default) =>
        ExecuteAsync("update outbox set status = 'failed', last_error = @error, lease_until = null where id = @id", new { id, error }, ct);

    /// <summary>
    /// Records a provider's delivery report for a sent message. A report carrying our outbox id proves the message left:
    /// a send whose answer was lost ('uncertain', or still 'sending') is then 'sent', with the provider's id it never
    /// learnt. Reports can arrive out of order and repeated, so the delivery state only moves forward (sent → delivered →
    /// read; failed is final) and a repeat changes nothing. Returns false if no message of ours matches.
    /// </summary>
    public async Task<bool> RecordDeliveryAsync(string channel, string providerId, long? outboxId, string status, string? error, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            with target as (
                select id from outbox
                where channel = @channel
                  and (provider_id = @providerId or (id = @outboxId and (provider_id is null or provider_id = @providerId)))
                order by id limit 1
                for update
            ), confirmed as (
                update outbox o
                set provider_id = coalesce(o.provider_id, @providerId),
                    confirmed_at = coalesce(o.confirmed_at, @at),
                    status = case when o.status in ('sending', 'uncertain') then 'sent' else o.status end,
                    sent_at = case when o.status in ('sending', 'uncertain') then coalesce(o.sent_at, @at) else o.sent_at end,
                    delivery_status = case
                        when (case coalesce(o.delivery_status, '') when '' then 0 when 'sent' then 1 when 'delivered' then 2 else 3 end)
                           < (case @status when 'sent' then 1 when 'delivered' then 2 else 3 end)
                        then @status else o.delivery_status end,
                    delivery_error = case
                        when (case coalesce(o.delivery_status, '') when '' then 0 when 'sent' then 1 when 'delivered' then 2 else 3 end)
                           < (case @status when 'sent' then 1 when 'delivered' then 2 else 3 end)
                        then @error else o.delivery_error end,
                    delivery_updated_at = case
                        when (case coalesce(o.delivery_status, '') when '' then 0 when 'sent' then 1 when 'delivered' then 2 else 3 end)
                           < (case @status when 'sent' then 1 when 'delivered' then 2 else 3 end)
                        then @at else o.delivery_updated_at end
                from target where o.id = target.id
                returning 1
            )
            select exists (select 1 from confirmed)
            """, new { channel, providerId, outboxId, status, error, at }, cancellationToken: ct));
    }

    async Task ExecuteAsync(string sql, object args, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }
}

using ReportBot.Reporting.Turns;
using ReportBot.Reporting.Groups;
using Dapper;
using Npgsql;

namespace ReportBot.Data.Messages;

/// <summary>A message as it arrived on a channel, before anything is made of it.</summary>
/// <param name="SentAt">The provider's own time of sending (Meta `timestamp`), when the channel gives one: `inbox.sent_at`.</param>
/// <param name="UserId">WhatsApp's business-scoped user id (BSUID), when the provider gives one: `inbox.user_id`.</param>
public sealed record InboxEntry(
    string Channel, string ExternalId, string Sender, string? Phone, string Body, int MediaCount, string Raw, DateTimeOffset ReceivedAt,
    DateTimeOffset? SentAt = null, string? UserId = null,
    string? ChatId = null, string? MessageRef = null, MessageEvent Event = MessageEvent.Posted, string? OriginalRef = null, string? SenderName = null);

/// <param name="SentAt">
/// `inbox.sent_at`: when the provider says the member sent it (Meta's `timestamp`), null where the channel does not
/// say (Twilio, the simulator). As the provider states it, unchecked: a reader choosing the day should trust it only
/// when plausible (not after <paramref name="ReceivedAt"/>, not older than the campaign's late limit).
/// </param>
/// <param name="UserId">`inbox.user_id`: WhatsApp's business-scoped user id, when the provider gave one.</param>
public sealed record InboxRow(long Id, string Channel, string ExternalId, string Sender, string? Phone, string Body, int MediaCount, DateTimeOffset ReceivedAt,
    DateTimeOffset? SentAt = null, string? UserId = null);

/// <summary>
/// The inbox: every message is stored raw before anything else happens, and only once per provider message id
/// (a provider's retry of the same delivery is recognised and skipped).
/// </summary>
public sealed class InboxStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Stores the message; returns its id, or null if this (channel, external id) was stored before. A message with both
    /// a BSUID and a phone teaches the pair (`channel_identities`); one with the BSUID alone is stored with the phone
    /// learnt before, so whoever looks members up by `inbox.phone` still finds the member — in the same statement.
    /// </summary>
    public async Task<long?> AddAsync(InboxEntry entry, CancellationToken ct = default) =>
        // One statement for one message or many (the webhooks' group commit); nothing set aside, so no closing time.
        (await InboxBatch.AddAsync(db, [entry], [null], entry.ReceivedAt, ct))[0];

    /// <summary>
    /// Locks an unhandled message for handling inside <paramref name="tx"/>; null if it is handled already or another
    /// worker holds it.
    /// </summary>
    public static Task<InboxRow?> ClaimAsync(NpgsqlTransaction tx, long id, CancellationToken ct = default) =>
        tx.Connection!.QuerySingleOrDefaultAsync<InboxRow>(new CommandDefinition(
            """
            select id, channel, external_id as ExternalId, sender, phone, body, media_count as MediaCount, received_at as ReceivedAt,
                   sent_at as SentAt, user_id as UserId
            from inbox where id = @id and processed_at is null
            for update skip locked
            """, new { id }, tx, cancellationToken: ct));

    /// <summary>A message set aside with an outcome an admin should see (a stranger's, one past the rate limit).</summary>
    public sealed record SetAsideRow
    {
        public long Id { get; init; }
        public required string Channel { get; init; }
        public required string Sender { get; init; }
        public required string Body { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
    }

    /// <summary>Messages from numbers no one has registered, newest first: for the admins to see and act on.</summary>
    /// <summary>The newest messages with <paramref name="outcome"/>, newest first.</summary>
    public async Task<IReadOnlyList<SetAsideRow>> WithOutcomeAsync(InboxOutcome outcome, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SetAsideRow>(new CommandDefinition(
            """
            select id, channel, sender, body, received_at as ReceivedAt from inbox
            where outcome = @outcome order by id desc limit @limit
            """, new { outcome = outcome.ToText(), limit }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Counts one more sweep of a message; returns how many there have been.</summary>
    public async Task<int> CountSweepAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "update inbox set sweeps = sweeps + 1 where id = @id returning sweeps", new { id }, cancellationToken: ct));
    }

    /// <summary>Gives up on handling a message that fails every time; it stays in the inbox, marked, for the admins.</summary>
    public async Task GiveUpAsync(long id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update inbox set processed_at = @at, outcome = 'failed' where id = @id and processed_at is null",
            new { id, at }, cancellationToken: ct));
    }

    /// <summary>Messages stored but not handled (a crash between the two): oldest first.</summary>
    public async Task<IReadOnlyList<long>> UnhandledAsync(DateTimeOffset receivedBefore, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            """
            select id from inbox
            where processed_at is null and received_at < @receivedBefore
            order by received_at limit @limit
            """, new { receivedBefore, limit }, cancellationToken: ct));
        return ids.AsList();
    }
}

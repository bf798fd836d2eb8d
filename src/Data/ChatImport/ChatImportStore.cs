using ReportBot.Reporting.People;
using Dapper;
using Npgsql;

namespace ReportBot.Data.ChatImport;

/// <summary>A district member as `import chat` matches senders: their names in the chat and the units they report for.</summary>
/// (Properties, not a positional record: Dapper hands text[] to a constructor as System.Array.)
public sealed record ChatMemberRow
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public required string Phone { get; init; }
    public Role Role { get; init; }
    public required string Language { get; init; }
    public string[] ChatNames { get; init; } = [];
    public string[] Units { get; init; } = [];
}

/// <summary>One change an imported message made to a figure, from the append-only history.</summary>
public sealed record ImportedChangeRow(long InboxId, DateOnly Day, string Unit, string Indicator, long? OldValue, long NewValue);

/// <summary>What `import chat` reads around the inbox and the handler: members to match senders to, and what handling made of each message.</summary>
public sealed class ChatImportStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<ChatMemberRow>> MembersAsync(int districtId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ChatMemberRow>(new CommandDefinition(
            """
            select m.id, m.name, m.phone, m.role, m.language, m.chat_names as ChatNames,
                   coalesce(array(select u.name from member_units mu join units u on u.id = mu.unit_id
                                  where mu.member_id = m.id order by u.name), '{}') as Units
            from members m where m.district_id = @districtId order by m.id
            """, new { districtId }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Which of these external ids the inbox holds already (the dry run says how many a real run would skip).</summary>
    public async Task<IReadOnlySet<string>> StoredAsync(string channel, IReadOnlyCollection<string> externalIds, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "select external_id from inbox where channel = @channel and external_id = any(@externalIds)",
            new { channel, externalIds = externalIds.ToArray() }, cancellationToken: ct));
        return rows.ToHashSet();
    }

    /// <summary>The handler's outcome for a message, or null while it is not handled yet.</summary>
    public async Task<string?> OutcomeAsync(long inboxId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select outcome from inbox where id = @inboxId and processed_at is not null", new { inboxId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ImportedChangeRow>> ChangesAsync(IReadOnlyCollection<long> inboxIds, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ImportedChangeRow>(new CommandDefinition(
            """
            select h.inbox_id as InboxId, h.day, u.name as Unit, h.indicator, h.old_value as OldValue, h.new_value as NewValue
            from figure_history h join units u on u.id = h.unit_id
            where h.inbox_id = any(@inboxIds) order by h.id
            """, new { inboxIds = inboxIds.ToArray() }, cancellationToken: ct));
        return rows.AsList();
    }
}

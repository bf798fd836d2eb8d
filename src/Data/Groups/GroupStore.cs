using Dapper;
using Npgsql;

namespace ReportBot.Data.Groups;

/// <summary>A district's linked group chat.</summary>
public sealed record GroupRow
{
    public int Id { get; init; }
    public required string Channel { get; init; }
    public required string ChatId { get; init; }
    public string? Title { get; init; }
    public required string District { get; init; }
    public int DistrictId { get; init; }
    public string[] Languages { get; init; } = [];
    public required string LinkedBy { get; init; }
    public DateTimeOffset LinkedAt { get; init; }
    /// <summary>The district's members seen writing there.</summary>
    public int[] Members { get; init; } = [];
}

/// <summary>A member's id on a channel that knows people by id rather than phone (Telegram), learnt from a shared contact.</summary>
public sealed record ChannelIdentityRow(string Channel, int MemberId, string UserId);

/// <summary>Groups linked to districts: set up from the command line and the admin API, read by the rhythm.</summary>
public sealed class GroupStore(NpgsqlDataSource db)
{
    const string Select = """
        select g.id, g.channel, g.chat_id as ChatId, g.title, d.name as District, g.district_id as DistrictId, g.languages,
               g.linked_by as LinkedBy, g.linked_at as LinkedAt,
               coalesce(array(select gm.member_id from group_members gm where gm.group_id = g.id order by gm.member_id), '{}') as Members
        from groups g join districts d on d.id = g.district_id
        """;

    public async Task<IReadOnlyList<GroupRow>> ListAsync(int? districtId = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<GroupRow>(new CommandDefinition(
            $"{Select} where @districtId::int is null or g.district_id = @districtId order by d.name, g.id", new { districtId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Links a channel's group chat to a district (or moves it there, or changes its title and languages).</summary>
    public async Task<GroupRow> LinkAsync(string channel, string chatId, int districtId, string? title, string[] languages, string linkedBy,
        DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into groups (channel, chat_id, title, district_id, languages, linked_by, linked_at)
            values (@channel, @chatId, @title, @districtId, @languages, @linkedBy, @now)
            on conflict (channel, chat_id) do update set title = coalesce(excluded.title, groups.title), district_id = excluded.district_id,
                languages = excluded.languages, linked_by = excluded.linked_by, linked_at = excluded.linked_at
            returning id
            """, new { channel, chatId, title, districtId, languages, linkedBy, now }, cancellationToken: ct));
        return await connection.QuerySingleAsync<GroupRow>(new CommandDefinition($"{Select} where g.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Unlinks a group: its messages are kept, no longer read, and the rhythm posts nothing there. False if there was none.</summary>
    public async Task<bool> UnlinkAsync(string channel, string chatId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            update outbox set group_id = null where group_id = (select id from groups where channel = @channel and chat_id = @chatId);
            delete from groups where channel = @channel and chat_id = @chatId;
            """, new { channel, chatId }, cancellationToken: ct)) > 0;
    }

    /// <summary>
    /// A district's groups with the members seen there, and its members' ids on the groups' channels — one round trip on
    /// the slot's own transaction.
    /// </summary>
    public static async Task<(IReadOnlyList<GroupRow> Groups, IReadOnlyList<ChannelIdentityRow> Identities)> ForRhythmAsync(
        NpgsqlTransaction tx, int districtId, CancellationToken ct = default)
    {
        using var results = await tx.Connection!.QueryMultipleAsync(new CommandDefinition(
            $"""
            {Select} where g.district_id = @districtId order by g.id;
            select ci.channel, m.id as MemberId, ci.user_id as UserId
            from channel_identities ci join members m on m.phone = ci.phone
            where m.district_id = @districtId and ci.channel in (select channel from groups where district_id = @districtId)
            order by ci.last_seen;
            """, new { districtId }, tx, cancellationToken: ct));
        var groups = (await results.ReadAsync<GroupRow>()).AsList();
        var identities = (await results.ReadAsync<(string Channel, int MemberId, string UserId)>())
            .Select(r => new ChannelIdentityRow(r.Channel, r.MemberId, r.UserId)).ToList();
        return (groups, identities);
    }
}

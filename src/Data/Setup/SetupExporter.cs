using Dapper;
using Npgsql;

namespace ReportBot.Data.Setup;

/// <summary>Writes the set-up back out in the same formats the importer reads, so an export re-imports to the same state.</summary>
public sealed class SetupExporter(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<IReadOnlyList<string>>> RowsAsync(SetupKind kind, string? district, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var sql = kind switch
        {
            SetupKind.Units => """
                select d.name, u.name, coalesce(u.name_hi, ''), coalesce(u.lgd_code, ''), array_to_string(u.aliases, '|'),
                       u.level, coalesce(p.name, ''), coalesce(d.state, '')
                from units u join districts d on d.id = u.district_id left join units p on p.id = u.parent_unit_id
                where @district::text is null or lower(d.name) = lower(@district) order by d.name, u.level, u.name
                """,
            SetupKind.People => """
                select d.name, m.name, '+' || m.phone, m.role, m.language,
                       coalesce((select string_agg(u.name, '|' order by u.name) from member_units mu join units u on u.id = mu.unit_id
                                 where mu.member_id = m.id), ''),
                       array_to_string(m.chat_names, '|')
                from members m join districts d on d.id = m.district_id
                where @district::text is null or lower(d.name) = lower(@district) order by d.name, m.name
                """,
            SetupKind.Campaigns => """
                select d.name, c.name, c.starts_on::text, c.ends_on::text, c.max_days_back::text, c.plausibility_ceiling::text, c.reporting_level
                from campaigns c join districts d on d.id = c.district_id
                where @district::text is null or lower(d.name) = lower(@district) order by d.name, c.starts_on
                """,
            SetupKind.Targets => """
                select d.name, c.name, coalesce(u.name, ''), t.indicator, t.period, t.value::text
                from targets t join campaigns c on c.id = t.campaign_id join districts d on d.id = c.district_id
                left join units u on u.id = t.unit_id
                where @district::text is null or lower(d.name) = lower(@district)
                order by d.name, c.name, u.name nulls first, t.indicator, t.period
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, new { district }, cancellationToken: ct));
        var rows = new List<IReadOnlyList<string>>();
        while (await reader.ReadAsync(ct))
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToList());
        return rows;
    }
}

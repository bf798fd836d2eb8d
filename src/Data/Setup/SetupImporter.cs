using System.Globalization;
using Dapper;
using Npgsql;
using ReportBot.Data.Campaigns;
using ReportBot.Data.Districts;
using ReportBot.Data.Rhythm;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Setup;

namespace ReportBot.Data.Setup;

/// <summary>How an import treats what it would change: see <see cref="SetupImporter"/>.</summary>
public enum SetupMode
{
    /// <summary>Apply the file unless it makes a risky change (<see cref="SetupChange.Risky"/>); then change nothing.</summary>
    Apply,
    /// <summary>Apply the file, risky changes included.</summary>
    Force,
    /// <summary>Work out every change, then change nothing.</summary>
    DryRun,
}

/// <summary>What an import changed, or would have: every change by line, and whether the file was applied.</summary>
public sealed record SetupReport(int Lines, IReadOnlyList<SetupChange> Changes, bool Applied)
{
    public IReadOnlyList<SetupChange> Risky => Changes.Where(c => c.Risky).ToList();
}

/// <summary>
/// Applies a set-up file: all of it or none of it (one transaction; any problem, and nothing changes), and the same
/// file twice gives the same result as once (every line is an upsert by its natural key). Each line is compared with
/// what is stored first (<see cref="SetupChanges"/>), so the report lists every change and a risky one is not made
/// unless forced. The lines run in the transaction even on a dry run, so later lines see earlier ones, as they would.
/// </summary>
public sealed class SetupImporter(NpgsqlDataSource db)
{
    static readonly string[] Languages = ["en", "hi"];
    static readonly string[] Periods = ["day", "campaign"];

    /// <summary>Throws <see cref="SetupException"/> listing every problem; otherwise reports what changed (or would).</summary>
    public async Task<SetupReport> ImportAsync(SetupKind kind, IReadOnlyList<SetupLine> lines, SetupMode mode = SetupMode.Apply, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var problems = new List<string>();
        var changes = new List<SetupChange>();
        foreach (var line in lines)
        {
            var problem = kind switch
            {
                SetupKind.Units => await UnitAsync(tx, line, changes, ct),
                SetupKind.People => await PersonAsync(tx, line, changes, ct),
                SetupKind.Campaigns => await CampaignAsync(tx, line, ct),
                SetupKind.Targets => await TargetAsync(tx, line, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
            if (problem is not null)
                problems.Add($"line {line.Number}: {problem}");
        }
        if (problems.Count > 0)
            throw new SetupException(problems); // the transaction rolls back: nothing was changed
        var apply = mode == SetupMode.Force || mode == SetupMode.Apply && !changes.Any(c => c.Risky);
        if (apply)
            await tx.CommitAsync(ct); // otherwise disposing the transaction rolls it back
        return new SetupReport(lines.Count, changes, apply);
    }

    static async Task<string?> UnitAsync(NpgsqlTransaction tx, SetupLine line, List<SetupChange> changes, CancellationToken ct)
    {
        if (line["district"] is "" || line["block"] is "")
            return "district and block are required";
        var level = line["level"] is "" ? "block" : line["level"].ToLowerInvariant();
        if (level is not ("block" or "panchayat"))
            return $"level '{line["level"]}' must be block or panchayat";
        if (level == "panchayat" && line["parent"] is "")
            return "a panchayat needs its block in the parent column";
        var connection = tx.Connection!;
        // xmax = 0 only on a row this statement inserted: a new district, which gets the default schedule.
        var (districtId, created) = await connection.QuerySingleAsync<(int, bool)>(new CommandDefinition(
            """
            insert into districts (name, state) values (@district, nullif(@state, ''))
            on conflict (name) do update set state = coalesce(excluded.state, districts.state)
            returning id, xmax = 0
            """, new { district = line["district"], state = line["state"] }, tx, cancellationToken: ct));
        if (created)
        {
            foreach (var slot in ScheduleRules.DefaultSlots)
                await ScheduleStore.AddSlotAsync(tx, districtId, slot.Kind.ToText(), slot.Name, slot.Cron);
            changes.Add(new(line.Number, $"creates the district {line["district"]} with the default schedule: {ScheduleRules.DefaultSlotsText}", false));
        }
        int? parentId = null;
        if (level == "panchayat")
        {
            parentId = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "select id from units where district_id = @districtId and level = 'block' and lower(name) = lower(@parent)",
                new { districtId, parent = line["parent"] }, tx, cancellationToken: ct));
            if (parentId is null)
                return $"no block '{line["parent"]}' in {line["district"]} for this panchayat (import the blocks first)";
        }
        var aliases = List(line["aliases"]);
        var stored = await connection.QuerySingleOrDefaultAsync<(string Name, string? NameHi, string? LgdCode, string[] Aliases)?>(new CommandDefinition(
            "select name, name_hi, lgd_code, aliases from units where district_id = @districtId and name = @name",
            new { districtId, name = line["block"] }, tx, cancellationToken: ct));
        changes.AddRange(SetupChanges.ForUnit(line.Number, line["district"],
            stored is { } s ? new UnitSetup(s.Name, s.NameHi, s.LgdCode, s.Aliases) : null,
            new UnitSetup(line["block"], NullIfEmpty(line["block_hi"]), NullIfEmpty(line["lgd_code"]), aliases)));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into units (district_id, name, name_hi, lgd_code, aliases, level, parent_unit_id)
            values (@districtId, @name, nullif(@nameHi, ''), nullif(@lgdCode, ''), @aliases, @level, @parentId)
            on conflict (district_id, name) do update
            set name_hi = excluded.name_hi, lgd_code = excluded.lgd_code, aliases = excluded.aliases,
                level = excluded.level, parent_unit_id = excluded.parent_unit_id
            """, new { districtId, name = line["block"], nameHi = line["block_hi"], lgdCode = line["lgd_code"], aliases, level, parentId },
            tx, cancellationToken: ct));
        return null;
    }

    static async Task<string?> PersonAsync(NpgsqlTransaction tx, SetupLine line, List<SetupChange> changes, CancellationToken ct)
    {
        if (await DistrictIdAsync(tx, line["district"], ct) is not { } districtId)
            return $"no district named '{line["district"]}' (import its units first)";
        if (line["name"] is "")
            return "the name is empty";
        if (PhoneNumber.ToE164Digits(line["phone"]) is not { } phone)
            return $"'{line["phone"]}' is not a phone number (write it like 9876543210 or +91 98765 43210)";
        var role = Role.Reporter;
        if (line["role"] is not "" && !Roles.TryParse(line["role"], out role))
            return $"role '{line["role"]}' must be one of {string.Join(", ", Roles.Names)}";
        var language = line["language"] is "" ? "hi" : line["language"].ToLowerInvariant();
        if (!Languages.Contains(language))
            return $"language '{line["language"]}' must be one of {string.Join(", ", Languages)}";
        var units = new List<string>();
        foreach (var written in List(line["units"]))
        {
            if (await UnitNameAsync(tx, districtId, written, ct) is not { } unit)
                return $"no unit '{written}' in {line["district"]}";
            units.Add(unit);
        }
        if (role == Role.Reporter && units.Count == 0)
            return "a reporter needs at least one unit (units column, separated by |)";

        changes.AddRange(SetupChanges.ForMember(line.Number, await ExistingMemberAsync(tx, phone, ct),
            new IncomingMember(line["name"], await DistrictNameAsync(tx, districtId, ct), PhoneNumber.Display(phone), role, language, units)));
        var memberId = await DistrictStore.UpsertMemberAsync(tx, districtId, line["name"], phone, role, language, units, ct);
        // The file says which units the person reports for: exactly those.
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            delete from member_units mu using units u
            where mu.member_id = @memberId and u.id = mu.unit_id and not (u.name = any(@units))
            """, new { memberId, units = units.ToArray() }, tx, cancellationToken: ct));
        // How the group's exported chat names them (`import chat`); a file without the column leaves them as they are.
        if (line.Fields.ContainsKey("chat_names"))
            await tx.Connection!.ExecuteAsync(new CommandDefinition(
                "update members set chat_names = @names where id = @memberId",
                new { memberId, names = List(line["chat_names"]) }, tx, cancellationToken: ct));
        return null;
    }

    static async Task<string?> CampaignAsync(NpgsqlTransaction tx, SetupLine line, CancellationToken ct)
    {
        if (await DistrictIdAsync(tx, line["district"], ct) is not { } districtId)
            return $"no district named '{line["district"]}'";
        if (line["campaign"] is "")
            return "the campaign's name is empty";
        if (!DateOnly.TryParseExact(line["starts_on"], "yyyy-MM-dd", out var startsOn) || !DateOnly.TryParseExact(line["ends_on"], "yyyy-MM-dd", out var endsOn))
            return "starts_on and ends_on must be dates written like 2025-11-22";
        if (endsOn < startsOn)
            return "ends_on is before starts_on";
        if (!TryNumber(line["max_days_back"], 7, out var maxDaysBack) || maxDaysBack is < 0 or > 60)
            return "max_days_back must be a whole number of days from 0 to 60";
        if (!TryNumber(line["plausibility_ceiling"], 20_000, out var ceiling) || ceiling <= 0)
            return "plausibility_ceiling must be a whole number above 0";
        var level = line["reporting_level"] is "" ? "block" : line["reporting_level"].ToLowerInvariant();
        if (level is not ("block" or "panchayat"))
            return $"reporting_level '{line["reporting_level"]}' must be block or panchayat";
        await CampaignStore.UpsertAsync(tx, districtId, line["campaign"], startsOn, endsOn, (int)maxDaysBack, ceiling, level);
        return null;
    }

    static async Task<string?> TargetAsync(NpgsqlTransaction tx, SetupLine line, CancellationToken ct)
    {
        if (await DistrictIdAsync(tx, line["district"], ct) is not { } districtId)
            return $"no district named '{line["district"]}'";
        var campaignId = await tx.Connection!.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select id from campaigns where district_id = @districtId and lower(name) = lower(@name)",
            new { districtId, name = line["campaign"] }, tx, cancellationToken: ct));
        if (campaignId is null)
            return $"no campaign '{line["campaign"]}' in {line["district"]} (import campaigns first)";
        int? unitId = null;
        if (line["unit"] is not "")
        {
            if (await UnitNameAsync(tx, districtId, line["unit"], ct) is not { } unit)
                return $"no unit '{line["unit"]}' in {line["district"]} (leave unit empty for the whole district)";
            unitId = await tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
                "select id from units where district_id = @districtId and name = @unit", new { districtId, unit }, tx, cancellationToken: ct));
        }
        var indicator = line["indicator"] is "" ? null : line["indicator"];
        indicator = await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select key from indicators where (@indicator::text is null and is_default) or lower(key) = lower(@indicator) limit 1",
            new { indicator }, tx, cancellationToken: ct));
        if (indicator is null)
            return $"no indicator '{line["indicator"]}'";
        var period = line["period"] is "" ? "day" : line["period"].ToLowerInvariant();
        if (!Periods.Contains(period))
            return $"period '{line["period"]}' must be day or campaign";
        if (!TryNumber(line["target"], null, out var target) || target < 0)
            return $"target '{line["target"]}' must be a whole number (10000 or 10,000)";
        await CampaignStore.SetTargetAsync(tx, campaignId.Value, unitId, indicator, period, target);
        return null;
    }

    static Task<int?> DistrictIdAsync(NpgsqlTransaction tx, string name, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select id from districts where lower(name) = lower(@name)", new { name }, tx, cancellationToken: ct));

    /// <summary>A unit's canonical name from its name, Hindi name or an alias.</summary>
    static Task<string?> UnitNameAsync(NpgsqlTransaction tx, int districtId, string written, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            select name from units
            where district_id = @districtId
              and (lower(name) = lower(@written) or name_hi = @written or lower(@written) = any(select lower(a) from unnest(aliases) a))
            order by (lower(name) = lower(@written)) desc limit 1
            """, new { districtId, written }, tx, cancellationToken: ct));

    static async Task<ExistingMember?> ExistingMemberAsync(NpgsqlTransaction tx, string phone, CancellationToken ct)
    {
        var row = await tx.Connection!.QuerySingleOrDefaultAsync<(string Name, string District, string Role, string Language, string[] Units)?>(new CommandDefinition(
            """
            select m.name, d.name, m.role, m.language,
                   coalesce(array(select u.name from member_units mu join units u on u.id = mu.unit_id where mu.member_id = m.id order by u.name), '{}')
            from members m join districts d on d.id = m.district_id where m.phone = @phone
            """, new { phone }, tx, cancellationToken: ct));
        return row is { } r && Roles.TryParse(r.Role, out var role) ? new ExistingMember(r.Name, r.District, role, r.Language, r.Units) : null;
    }

    static Task<string> DistrictNameAsync(NpgsqlTransaction tx, int districtId, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<string>(new CommandDefinition(
            "select name from districts where id = @districtId", new { districtId }, tx, cancellationToken: ct))!;

    static string? NullIfEmpty(string field) => field is "" ? null : field;

    static string[] List(string field) => field.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    static bool TryNumber(string field, long? fallback, out long value)
    {
        if (field is "" && fallback is { } f)
        {
            value = f;
            return true;
        }
        return long.TryParse(field, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
    }
}

using ReportBot.Reporting.Rhythm;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using Npgsql;
using ReportBot.Data.Campaigns;
using ReportBot.Data.Rhythm;
using ReportBot.Reporting.People;

namespace ReportBot.Data.Demo;

/// <summary>
/// The demo district a first embedded run starts with: Darbhanga's 18 real blocks (copied from the LGD list), a drive
/// running now with the sources' targets, and a handful of members to try the simulator as. (The indicators come with
/// the migrations.)
/// </summary>
public static class DemoDistrict
{
    public const string Name = "Darbhanga";

    public const string TimeZone = "Asia/Kolkata";

    /// <summary>
    /// The demo's group in the chat simulator (channel `simulator`): linked like a real district group, so the simulator
    /// shows what a group shows — everyone's reports, the bot's reactions and its few replies, the day's posts.
    /// </summary>
    public const string SimulatorGroupChatId = "sim:group:darbhanga";

    public const string SimulatorGroupTitle = "Darbhanga Ayushman (simulator)";

    /// <summary>The demo members: name, phone, role, language, units.</summary>
    public static readonly IReadOnlyList<(string Name, string Phone, Role Role, string Language, string[] Units)> Members =
    [
        ("Ramesh Kumar", "+91 98765 43210", Role.Reporter, "en", ["Benipur"]),
        ("सुनीता देवी", "+91 98765 43211", Role.Reporter, "hi", ["Jale"]),
        ("Kavita Jha", "+91 98765 43212", Role.Reporter, "en", ["Baheri", "Hayaghat"]),
        ("Anil Mishra", "+91 98765 43213", Role.Officer, "en", []),
        ("Prabhakar Singh", "+91 98765 43214", Role.Admin, "en", []),
    ];

    /// <summary>Loads the demo district, its drive running around <paramref name="today"/>, if the database holds no district yet. Returns whether it did.</summary>
    public static async Task<bool> SeedIfEmptyAsync(NpgsqlDataSource db, DateOnly today, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Two instances starting together must not both seed.
        await connection.ExecuteAsync("lock table districts in exclusive mode", transaction: tx);
        if (await connection.ExecuteScalarAsync<bool>("select exists (select 1 from districts)", transaction: tx))
            return false;

        var districtId = await connection.ExecuteScalarAsync<int>(
            "insert into districts (name, name_hi) values (@Name, 'दरभंगा') returning id", new { Name }, tx);
        foreach (var block in ReadCsv<BlockLine>("darbhanga-blocks.csv"))
            await connection.ExecuteAsync(
                """
                insert into units (district_id, name, name_hi, lgd_code, aliases)
                values (@districtId, @Block, @BlockHi, @LgdCode, @Aliases)
                """,
                new { districtId, block.Block, BlockHi = block.Block_Hi, LgdCode = block.Lgd_Code, Aliases = SplitAliases(block.Aliases) },
                tx);

        // A drive running now, so the demo behaves as in a real campaign: 10,000 cards a day for the district, 600 a
        // block (the sources' Darbhanga figures), late reports up to 7 days back, 20,000 a day the plausibility ceiling.
        var campaignId = await CampaignStore.UpsertAsync(tx, districtId, "Ayushman card drive", today.AddDays(-14), today.AddDays(30),
            maxDaysBack: 7, plausibilityCeiling: 20_000);
        await CampaignStore.SetTargetAsync(tx, campaignId, null, "ayushman", "day", 10_000);
        foreach (var unitId in await connection.QueryAsync<int>("select id from units where district_id = @districtId", new { districtId }, tx))
            await CampaignStore.SetTargetAsync(tx, campaignId, unitId, "ayushman", "day", 600);

        // The sources' day: a progress summary at 11, a reminder at 4 to those still missing, the cut-off and escalation
        // at 5, the final summary at 5:30; Sundays off.
        foreach (var slot in ScheduleRules.DefaultSlots)
            await ScheduleStore.AddSlotAsync(tx, districtId, slot.Kind.ToText(), slot.Name, slot.Cron);

        // The simulator's group, posted to in Hindi and English like a mixed district's group.
        await connection.ExecuteAsync(
            """
            insert into groups (channel, chat_id, title, district_id, languages, linked_by, linked_at)
            values ('simulator', @SimulatorGroupChatId, @SimulatorGroupTitle, @districtId, '{hi,en}', 'demo', now())
            on conflict (channel, chat_id) do nothing
            """,
            new { SimulatorGroupChatId, SimulatorGroupTitle, districtId }, tx);

        foreach (var member in Members)
        {
            var memberId = await connection.ExecuteScalarAsync<int>(
                """
                insert into members (district_id, name, phone, role, language)
                values (@districtId, @Name, @phone, @Role, @Language) returning id
                """,
                new { districtId, member.Name, phone = PhoneNumber.ToE164Digits(member.Phone), Role = member.Role.ToText(), member.Language },
                tx);
            await connection.ExecuteAsync(
                """
                insert into member_units (member_id, unit_id)
                select @memberId, id from units where district_id = @districtId and name = any(@Units)
                """,
                new { memberId, districtId, member.Units },
                tx);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    static string[] SplitAliases(string? aliases) =>
        string.IsNullOrWhiteSpace(aliases) ? [] : aliases.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    static List<T> ReadCsv<T>(string fileName)
    {
        using var stream = typeof(DemoDistrict).Assembly.GetManifestResourceStream($"ReportBot.Data.Demo.{fileName}")
            ?? throw new InvalidOperationException($"Demo file {fileName} is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.ToLowerInvariant() });
        return csv.GetRecords<T>().ToList();
    }

    // Property names follow the CSV headers (lower-cased when matched).
    sealed record BlockLine(string District, string Block, string Block_Hi, string Lgd_Code, string? Aliases);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data;

namespace ReportBot.BotHost.Tests.Rhythm;

/// <summary>The controls of the daily rhythm: the simulator's "send now", the admin API, and `BotHost summary`.</summary>
public sealed class RhythmControlsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string AdminKey = "test-admin-key";

    [Fact]
    public async Task The_simulators_send_now_posts_the_summary_into_the_group()
    {
        // The simulator on, and no Twilio: everyone is reached in the simulator.
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Twilio:AuthToken"] = "" }).StartAsync();
        using var client = app.CreateClient();
        await client.PostAsJsonAsync("/simulator/api/messages", new { memberId = 1, text = "Benipur 1240", chat = "group" });
        await app.AllHandledAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/simulator/api/send-now", new { kind = "summary" })).StatusCode);

        JsonElement[] summaries = [];
        await ReportBotApp.EventuallyAsync(async () =>
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/simulator/api/messages?after=0");
            summaries = page.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("text").GetString()!.Contains("— Darbhanga*")).ToArray();
            return summaries.Length == 6;
        }, "the summary posted to the group, once in English and once in Hindi, and to the four who never wrote there");
        // Ramesh, seen in the group, hears it there; the four others in their direct chats.
        Assert.Equal(6, await app.ScalarAsync<long>("select count(*) from outbox where kind = 'summary' and channel = 'simulator'"));
        var posts = summaries.Where(s => s.GetProperty("chat").GetString() == "group").ToArray();
        Assert.Equal(2, posts.Length);
        Assert.All(posts, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("memberId").ValueKind));
        Assert.Contains(posts, m => m.GetProperty("text").GetString()!.Contains("Today: *1,240* / 10,000 (12%)"));
        Assert.Contains(posts, m => m.GetProperty("text").GetString()!.Contains("आज: *1,240* / 10,000 (12%)"));
        var direct = summaries.Where(s => s.GetProperty("chat").GetString() == "direct").Select(s => s.GetProperty("memberId").GetInt32()).Order();
        Assert.Equal([2, 3, 4, 5], direct);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/simulator/api/send-now", new { kind = "everything" })).StatusCode);
    }

    [Fact]
    public async Task The_admin_api_needs_its_key_and_changes_schedules_without_a_restart()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = AdminKey }).StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/schedules")).StatusCode);
        client.DefaultRequestHeaders.Add("X-Admin-Key", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/schedules")).StatusCode);
        client.DefaultRequestHeaders.Remove("X-Admin-Key");
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);

        var slots = await client.GetFromJsonAsync<JsonElement>("/admin/schedules?district=Darbhanga");
        Assert.Equal(4, slots.GetArrayLength());
        var changed = await client.PutAsJsonAsync("/admin/schedules", new { district = "Darbhanga", kind = "reminder", name = "reminder", cron = "30 15 * * *" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("30 15 * * *", await app.ScalarAsync<string>("select cron from schedule_slots where name = 'reminder'"));
        var bad = await client.PutAsJsonAsync("/admin/schedules", new { district = "Darbhanga", kind = "reminder", name = "reminder", cron = "at four" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var summary = await client.GetFromJsonAsync<JsonElement>("/admin/summary?district=Darbhanga&language=hi");
        Assert.Contains("आयुष्मान कार्ड — Darbhanga", summary.GetProperty("parts")[0].GetString());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/admin/outbox/failed")).GetArrayLength());

        await Webhooks.SendReportAsync(app, "SM" + Guid.NewGuid().ToString("N"), "Jale 455", from: "whatsapp:+919999900000");
        var unregistered = await client.GetFromJsonAsync<JsonElement>("/admin/inbox/unregistered");
        Assert.Equal(("whatsapp:+919999900000", "Jale 455"),
            (unregistered[0].GetProperty("sender").GetString(), unregistered[0].GetProperty("body").GetString()));
    }

    [Fact]
    public async Task The_admin_summary_names_who_to_call_the_day_before_other_indicators_and_the_drive_target()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = AdminKey }).StartAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        await app.ScalarAsync<int>("insert into targets (campaign_id, unit_id, indicator, period, value) select id, null, 'ayushman', 'campaign', 350000 from campaigns returning 1");
        foreach (var report in new[] { "Benipur 1240", "Benipur yesterday 900", "VV 85" })
            await Webhooks.SendReportAsync(app, "SM" + Guid.NewGuid().ToString("N"), report);
        await app.AllHandledAsync();

        var today = DateOnly.Parse((await client.GetFromJsonAsync<JsonElement>("/admin/summary?district=Darbhanga")).GetProperty("date").GetString()!);
        var yesterday = today.AddDays(-1);
        var english = Reporting.Replies.ReplyLanguages.English;
        var summary = await client.GetFromJsonAsync<JsonElement>($"/admin/summary?district=Darbhanga&date={today:dd/MM/yyyy}");
        Assert.Equal(today.ToString("yyyy-MM-dd"), summary.GetProperty("date").GetString());
        var text = string.Join("\n", summary.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("Today: *1,240* / 10,000 (12%)", text);
        Assert.Contains($"vs {english.Day(yesterday)} (900): ▲ 340 (+38%)", text);
        Assert.Contains("Vay Vandana cards: *85*", text);
        Assert.Contains("*2,140* / 3,50,000 (1%)", text);
        Assert.Contains(" 1. Benipur 1,240 207% +340", text);
        Assert.Contains("Jale (सुनीता देवी)", text);
        Assert.Contains("Hayaghat (Kavita Jha)", text);
        Assert.Contains("Tardih (—)", text);

        var past = await client.GetFromJsonAsync<JsonElement>($"/admin/summary?district=Darbhanga&date={yesterday:dd/MM/yyyy}&language=hi");
        var hindi = past.GetProperty("parts")[0].GetString()!;
        Assert.StartsWith($"*आयुष्मान कार्ड — Darbhanga, {Reporting.Replies.ReplyLanguages.Hindi.DayWithYear(yesterday)}*", hindi);
        Assert.DoesNotContain("आज", hindi);
    }

    [Theory]
    [InlineData("/admin/summary?district=Darbhanga&date=12/25/2026", "GET")]
    [InlineData("/admin/summary?district=Darbhanga&date=yesterday", "GET")]
    [InlineData("/admin/send-now?district=Darbhanga&kind=summary&date=2026-13-01", "POST")]
    public async Task An_admin_date_is_read_day_first_or_iso_and_anything_else_is_a_400_saying_so(string url, string method)
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = AdminKey }).StartAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a date: write the date day first, like 01/12/2026, or as 2026-12-01",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        // 01/12/2026 is the first of December, never 12 January.
        var december = await client.GetFromJsonAsync<JsonElement>("/admin/summary?district=Darbhanga&date=01/12/2026");
        Assert.Equal("2026-12-01", december.GetProperty("date").GetString());
        Assert.Equal("2026-12-01", (await client.GetFromJsonAsync<JsonElement>("/admin/summary?district=Darbhanga&date=2026-12-01")).GetProperty("date").GetString());
    }

    [Fact]
    public async Task The_admin_api_is_off_without_a_key()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = null }).StartAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", "");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/schedules")).StatusCode);
    }

    [Fact]
    public async Task The_summary_command_prints_without_send_and_queues_with_it()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (var app = await new ReportBotApp(database).StartAsync())
            await Webhooks.SendReportAsync(app, "SM" + Guid.NewGuid().ToString("N"), "Benipur 1240");
        var options = new PostgresOptions { ConnectionString = database };

        var printed = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["summary", "--district", "Darbhanga"], printed, options));
        Assert.Contains("Today: *1,240* / 10,000 (12%)", printed.ToString());

        // Day first: 01/12/2026 is Tuesday 1 December, and its summary says so (never "Mon 12 Jan").
        var first = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["summary", "--district", "Darbhanga", "--date", "01/12/2026"], first, options));
        Assert.Contains("Tue 1 Dec 2026", first.ToString());
        Assert.DoesNotContain("12 Jan", first.ToString());

        Assert.Equal(0, await CommandLine.RunAsync(["summary", "--district", "Darbhanga", "--send"], new StringWriter(), options));
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        // One to each of the five members, and one per language into the demo's simulator group.
        await using var count = new Npgsql.NpgsqlCommand("select count(*) filter (where group_id is null), count(*) filter (where group_id is not null) from outbox where kind = 'summary'", connection);
        await using var counted = await count.ExecuteReaderAsync();
        await counted.ReadAsync();
        Assert.Equal((5L, 2L), (counted.GetInt64(0), counted.GetInt64(1)));
    }
}

public sealed class ScheduleCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_schedule_command_lists_and_changes_slots()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (await new ReportBotApp(database).StartAsync()) { }
        var options = new PostgresOptions { ConnectionString = database };

        var listed = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["schedule", "--district", "Darbhanga"], listed, options));
        Assert.Contains("reminder                 reminder   0 16 * * *       on", listed.ToString());

        var changed = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["schedule", "--district", "Darbhanga", "--set", "reminder", "--cron", "0 15 * * *"], changed, options));
        Assert.Contains("reminder                 reminder   0 15 * * *       on", changed.ToString());
        Assert.Equal(2, await CommandLine.RunAsync(["schedule", "--district", "Darbhanga", "--set", "reminder", "--cron", "at three"], new StringWriter(), options));
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Dapper;
using ReportBot.BotHost.Rhythm;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>
/// A scripted day in the district's WhatsApp group through WAHA, on the real host, a real PostgreSQL and a fake WAHA:
/// the admin links the group from inside it; eighteen blocks' officers post (a template, Hindi with a correction, a
/// table, an error, an edit, a deletion); each report gets its reaction, the error one quoted reply; chatter and a
/// stranger trigger nothing; the 4 pm reminder mentions exactly the missing units' reporters; the 5:30 pm summary is
/// posted once.
/// </summary>
public sealed class WahaGroupDayTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string Group = "120363041234567890@g.us";

    int _events;

    /// <summary>WAHA's `message` event (the fixture group-text-from-phone.json) for a post by <paramref name="phone"/> with key <paramref name="key"/>.</summary>
    byte[] Posted(string phone, string name, string body, string key) =>
        Event("group-text-from-phone.json", root =>
        {
            var payload = root["payload"]!;
            payload["id"] = $"false_{Group}_{key}_{phone}@c.us";
            payload["body"] = body;
            payload["participant"] = $"{phone}@c.us";
            payload["author"] = $"{phone}@c.us";
            payload["_data"]!["notifyName"] = name;
            payload["_data"]!["body"] = body;
            payload["_data"]!["id"]!["id"] = key;
            payload["_data"]!["id"]!["_serialized"] = payload["id"]!.GetValue<string>();
            payload["_data"]!["author"] = $"{phone}@c.us";
        });

    byte[] Edited(string phone, string name, string body, string key, string newKey) =>
        Event("edited.json", root =>
        {
            var payload = root["payload"]!;
            payload["id"] = $"false_{Group}_{newKey}_{phone}@c.us";
            payload["body"] = body;
            payload["participant"] = $"{phone}@c.us";
            payload["author"] = $"{phone}@c.us";
            payload["editedMessageId"] = key;
            payload["_data"]!["notifyName"] = name;
            payload["_data"]!["body"] = body;
        });

    byte[] Revoked(string phone, string key) =>
        Event("revoked.json", root =>
        {
            var after = root["payload"]!["after"]!;
            after["id"] = $"false_{Group}_{key}_{phone}@c.us";
            after["participant"] = $"{phone}@c.us";
            after["author"] = $"{phone}@c.us";
            root["payload"]!["revokedMessageId"] = key;
        });

    byte[] Event(string fixture, Action<JsonNode> change)
    {
        var root = JsonNode.Parse(WahaWebhooks.Fixture(fixture))!;
        root["id"] = $"evt_day{++_events:D6}";
        root["payload"]!["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(); // the day a report counts for is today's
        if (root["payload"]!["after"] is { } after)
            after["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [Fact]
    public async Task Eighteen_blocks_report_in_the_group_and_the_rhythm_posts_there_once()
    {
        await using var waha = await FakeWahaApi.StartAsync();
        var settings = WahaWebhooks.Settings(waha.BaseUrl);
        settings["Twilio:AuthToken"] = ""; // WAHA is the only channel that reaches a phone here
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: settings).StartAsync();
        using var client = app.CreateClient();

        // Every block of Darbhanga has its officer: the demo's three, and one "BDO <block>" for each of the others.
        var phones = new Dictionary<string, string>
        {
            ["Benipur"] = "919876543210", ["Jale"] = "919876543211", ["Baheri"] = "919876543212", ["Hayaghat"] = "919876543212",
        };
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            var blocks = (await connection.QueryAsync<(int Id, string Name)>("select id, name from units where district_id = 1 order by name")).ToList();
            Assert.Equal(18, blocks.Count);
            var n = 0;
            foreach (var (id, name) in blocks.Where(b => !phones.ContainsKey(b.Name)))
            {
                var phone = $"9198000000{++n:D2}";
                phones[name] = phone;
                await connection.ExecuteAsync(
                    """
                    with m as (insert into members (district_id, name, phone, role, language) values (1, @name, @phone, 'reporter', 'hi') returning id)
                    insert into member_units (member_id, unit_id) select m.id, @id from m
                    """, new { name = "BDO " + name, phone, id });
            }
        }

        async Task Say(byte[] body)
        {
            (await client.SendAsync(WahaWebhooks.Post(body))).EnsureSuccessStatusCode();
            await app.AllHandledAsync();
        }

        // The admin links the group from inside it; the bot says so there.
        await Say(Posted("919876543214", "Prabhakar Singh", "link Darbhanga", "3EB0LINK"));
        Assert.Equal(1, await app.ScalarAsync<long>($"select count(*) from groups where channel = 'waha' and chat_id = '{Group}' and district_id = 1"));

        await Say(Posted(phones["Benipur"], "Ramesh Kumar", "*Ayushman Card Report*\nBlock- Benipur\nToday- 1240", "3EB0BENI"));
        await Say(Posted(phones["Jale"], "सुनीता देवी", "जाले ५३० नहीं ५५०", "3EB0JALE"));
        await Say(Posted(phones["Baheri"], "Kavita Jha", "Baheri 610\nHayaghat 400", "3EB0KAVI"));
        await Say(Posted(phones["Biraul"], "BDO Biraul", "Biraul", "3EB0BIR1"));              // no figure: one quoted reply
        await Say(Posted(phones["Biraul"], "BDO Biraul", "Biraul 700", "3EB0BIR2"));
        await Say(Posted(phones["Keoti"], "BDO Keoti", "Keoti 300", "3EB0KEO1"));
        await Say(Edited(phones["Keoti"], "BDO Keoti", "Keoti 350", "3EB0KEO1", "3EB0KEO2"));  // edited: replaces 300
        await Say(Posted(phones["Kiratpur"], "BDO Kiratpur", "Kiratpur 999", "3EB0KIR1"));
        await Say(Revoked(phones["Kiratpur"], "3EB0KIR1"));                                 // deleted: taken back
        await Say(Posted(phones["Kiratpur"], "BDO Kiratpur", "Kiratpur 120", "3EB0KIR2"));
        await Say(Posted("919876543213", "Anil Mishra", "Good evening sir 🙏", "3EB0ANIL"));     // chatter: nothing
        await Say(Posted("919999900000", "Guest", "Namaste sir, camp kab hai?", "3EB0GUES"));   // a stranger: nothing
        var others = phones.Keys.Except(["Benipur", "Jale", "Baheri", "Hayaghat", "Biraul", "Keoti", "Kiratpur", "Tardih", "Alinagar"]).Order().ToList();
        Assert.Equal(9, others.Count);
        foreach (var (block, i) in others.Select((b, i) => (b, i)))
            await Say(Posted(phones[block], "BDO " + block, $"{block} {200 + i * 10}", $"3EB0OTH{i:D2}"));

        // 16 of 18 blocks are on record, with the day's changes in the history.
        var figures = (await app.QueryAsync<(string Unit, long Value)>(
            "select u.name, f.value from figures f join units u on u.id = f.unit_id where f.indicator = 'ayushman'")).ToDictionary(f => f.Unit, f => f.Value);
        Assert.Equal(16, figures.Count);
        Assert.Equal((1240L, 550L, 610L, 400L, 700L, 350L, 120L), (figures["Benipur"], figures["Jale"], figures["Baheri"], figures["Hayaghat"],
            figures["Biraul"], figures["Keoti"], figures["Kiratpur"]));
        Assert.False(figures.ContainsKey("Tardih") || figures.ContainsKey("Alinagar"));
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from figure_history where reverts_id is not null and new_value is null")); // Kiratpur 999
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from figure_history where old_value = 300 and new_value = 350")); // Keoti's edit

        // What went out: the link's note and the error's quoted reply as texts; a reaction on each report.
        var sent = (await waha.WaitForRequestsAsync(19)).ToList();
        await Task.Delay(500);
        Assert.Equal(19, waha.Requests.Count);
        Assert.All(sent, r => Assert.Equal(Group, r.Json.TryGetProperty("chatId", out var chat) ? chat.GetString() : Group));
        var texts = sent.Where(r => r.Path == "/api/sendText").Select(r => r.Json).ToList();
        Assert.Equal(2, texts.Count);
        Assert.Contains("Darbhanga", texts[0].GetProperty("text").GetString());
        Assert.Equal($"false_{Group}_3EB0BIR1_{phones["Biraul"]}@c.us", texts[1].GetProperty("reply_to").GetString());
        var reactions = sent.Where(r => r.Path == "/api/reaction").Select(r => r.Json).ToList();
        Assert.Equal(17, reactions.Count);
        string Reaction(string key, string phone) => reactions.Where(r => r.GetProperty("messageId").GetString() == $"false_{Group}_{key}_{phone}@c.us")
            .Select(r => r.GetProperty("reaction").GetString()!).Aggregate("", (a, b) => a + b);
        Assert.Equal("✅", Reaction("3EB0BENI", phones["Benipur"]));
        Assert.Equal("✏️", Reaction("3EB0JALE", phones["Jale"]));          // "530 नहीं 550": a correction
        Assert.Equal("✅✏️", Reaction("3EB0KEO1", phones["Keoti"]));        // the edit's ✏️ goes on the original
        Assert.Equal("✅", Reaction("3EB0KIR1", phones["Kiratpur"]));      // the deletion says nothing
        Assert.Equal("", Reaction("3EB0ANIL", "919876543213"));
        Assert.Equal("", Reaction("3EB0GUES", "919999900000"));

        // 4 pm: the reminder in the group mentions exactly the missing units' reporters.
        var rhythm = app.Services.GetRequiredService<DailyRhythm>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);
        Assert.True(await rhythm.FireAsync(1, SlotKind.Reminder, today, slotId: null, default));
        var afterReminder = (await waha.WaitForRequestsAsync(22)).Skip(19).Select(r => r.Json).ToList();
        await Task.Delay(500);
        Assert.Equal(22, waha.Requests.Count);
        var reminder = Assert.Single(afterReminder, r => r.GetProperty("chatId").GetString() == Group);
        Assert.Equal([$"{phones["Alinagar"]}@c.us", $"{phones["Tardih"]}@c.us"],
            reminder.GetProperty("mentions").EnumerateArray().Select(m => m.GetString()!).Order().ToList());
        Assert.Contains($"@{phones["Tardih"]}", reminder.GetProperty("text").GetString());
        // The two who never wrote in the group are not known to be in it: they are reminded one-to-one too.
        Assert.Equal([$"{phones["Alinagar"]}@c.us", $"{phones["Tardih"]}@c.us"],
            afterReminder.Where(r => r.GetProperty("chatId").GetString() != Group).Select(r => r.GetProperty("chatId").GetString()!).Order().ToList());

        // 5:30 pm: the final summary, once — a second firing of the same slot posts nothing. It carries the day's chart,
        // once in the group (the summary its caption when it fits one, else the text right after it), and once to each
        // of the two who are reached one-to-one.
        var slot = await app.ScalarAsync<int>("select id from schedule_slots where district_id = 1 and kind = 'summary' order by cron desc limit 1");
        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, today, slot, default));
        Assert.False(await rhythm.FireAsync(1, SlotKind.Summary, today, slot, default));
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>(
            "select count(*) from outbox where channel = 'waha' and kind = 'summary' and status in ('pending', 'sending')") == 0, "the summary sent");
        await Task.Delay(300);
        var afterSummary = waha.Requests.Skip(22).ToList();
        Assert.Equal(await app.ScalarAsync<long>("select count(*) from outbox where channel = 'waha' and kind = 'summary'"), afterSummary.Count);
        var inGroup = afterSummary.Where(r => r.Json.GetProperty("chatId").GetString() == Group).ToList();
        Assert.Single(inGroup, r => r.Path == "/api/sendImage");
        Assert.Equal("/api/sendImage", inGroup[0].Path); // the chart first
        var summary = string.Join("\n", inGroup.Select(r => r.Path == "/api/sendImage"
            ? r.Json.TryGetProperty("caption", out var caption) ? caption.GetString() : ""
            : r.Json.GetProperty("text").GetString()));
        Assert.Contains("तारडीह", summary); // posted in the group's language (Hindi), naming the missing blocks
        Assert.Contains("अलीनगर", summary);
        Assert.Equal([$"{phones["Alinagar"]}@c.us", $"{phones["Tardih"]}@c.us"],
            afterSummary.Where(r => r.Path == "/api/sendImage" && r.Json.GetProperty("chatId").GetString() != Group)
                .Select(r => r.Json.GetProperty("chatId").GetString()!).Order().ToList());
    }
}

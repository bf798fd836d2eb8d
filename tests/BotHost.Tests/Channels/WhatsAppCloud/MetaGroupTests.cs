using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Rhythm;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Tests.Channels.WhatsAppCloud;

/// <summary>
/// A day in a group on Meta's Groups API, through the real host, a real PostgreSQL and a fake Graph API: the group is
/// linked, reports get reactions, one error one quoted reply, an edit and a deletion change the figures, chatter and a
/// stranger trigger nothing, and the reminder and summary are posted in the group once.
/// </summary>
public sealed class MetaGroupTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string Group = "Y2FwaV9ncm91cDoxNTU1MDc4Mzg4MToxMjAzNjMzOTQzMjAyODU4NDQZD";

    int _sequence;

    /// <summary>The fixture `group-text-report.json` as another participant's message, edit or deletion.</summary>
    byte[] Posted(string from, string name, string body, string? type = null, string? original = null, string? id = null)
    {
        var root = JsonNode.Parse(MetaWebhooks.Fixture("group-text-report.json"))!;
        var value = root["entry"]![0]!["changes"]![0]!["value"]!;
        value["contacts"]![0]!["wa_id"] = from;
        value["contacts"]![0]!["profile"]!["name"] = name;
        var message = value["messages"]![0]!.AsObject();
        message["from"] = from;
        message["id"] = id ?? $"wamid.GROUP{++_sequence:D6}";
        message["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        switch (type)
        {
            case "edit":
                message.Remove("text");
                message["type"] = "edit";
                message["edit"] = new JsonObject
                {
                    ["original_message_id"] = original,
                    ["message"] = new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = body } },
                };
                break;
            case "revoke":
                message.Remove("text");
                message["type"] = "revoke";
                message["revoke"] = new JsonObject { ["original_message_id"] = original };
                break;
            default:
                message["text"]!["body"] = body;
                break;
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [Fact]
    public async Task A_day_in_a_linked_group_speaks_little_and_posts_the_rhythm_once()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var settings = MetaWebhooks.Settings(graph.GraphBaseUrl);
        settings["Twilio:AuthToken"] = "";
        settings["Rhythm:DefaultChannel"] = "whatsapp";
        settings["WhatsAppCloud:Templates:daily_summary:en:Name"] = "daily_summary_v2";
        settings["WhatsAppCloud:Templates:daily_summary:en:Language"] = "en_US";
        await using var app = await MetaWebhooks.StartAppAsync(postgres, settings);
        using var client = app.CreateClient();

        // Before it is linked, the group is not read.
        (await client.SendAsync(MetaWebhooks.Post(Posted("919876543210", "Ramesh Kumar", "Benipur 100")))).EnsureSuccessStatusCode();
        await app.AllHandledAsync();
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from figures"));

        var linked = await client.PutAsJsonAsync("/admin/groups", new { district = "Darbhanga", channel = "whatsapp", chat = Group, languages = new[] { "en" } });
        linked.EnsureSuccessStatusCode();

        async Task Say(byte[] body)
        {
            (await client.SendAsync(MetaWebhooks.Post(body))).EnsureSuccessStatusCode();
            await app.AllHandledAsync();
        }
        var ramesh = Posted("919876543210", "Ramesh Kumar", "Benipur 1240", id: "wamid.RAMESH1");
        await Say(ramesh);
        await Say(Posted("919999900000", "Guest", "Benipur 500"));           // a stranger: nothing
        await Say(Posted("919876543213", "Anil Mishra", "Good evening sir 🙏")); // chatter: nothing
        await Say(Posted("919876543212", "Kavita Jha", "Baheri", id: "wamid.KAVITA1")); // no figure: one quoted reply
        await Say(Posted("919876543210", "Ramesh Kumar", "Benipur 1420", type: "edit", original: "wamid.RAMESH1"));
        await Say(Posted("919876543211", "सुनीता देवी", "Jale 530", id: "wamid.SUNITA1"));
        await Say(Posted("919876543211", "सुनीता देवी", "", type: "revoke", original: "wamid.SUNITA1"));

        Assert.Equal(1420, await app.ScalarAsync<long>("select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur'"));
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from figures f join units u on u.id = f.unit_id where u.name in ('Jale', 'Baheri')"));
        // The history keeps all of it: Benipur 1240, its edit to 1420, Jale 530 and its taking back.
        Assert.Equal(4, await app.ScalarAsync<long>("select count(*) from figure_history"));
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from figure_history where reverts_id is not null and new_value is null"));

        // Out: ✅ on Ramesh's report, the quoted reply to Kavita, ✏️ on Ramesh's original, ✅ on Sunita's — all in the group.
        var sent = (await graph.WaitForRequestsAsync(4)).Select(r => r.Json).ToList();
        await Task.Delay(300); // nothing more may follow
        Assert.Equal(4, graph.Requests.Count);
        Assert.All(sent, r => Assert.Equal("group", r.GetProperty("recipient_type").GetString()));
        Assert.All(sent, r => Assert.Equal(Group, r.GetProperty("to").GetString()));
        var reactions = sent.Where(r => r.GetProperty("type").GetString() == "reaction").Select(r => r.GetProperty("reaction")).ToList();
        Assert.Equal(3, reactions.Count);
        Assert.Contains(reactions, r => r.GetProperty("message_id").GetString() == "wamid.RAMESH1" && r.GetProperty("emoji").GetString() == "✅");
        Assert.Contains(reactions, r => r.GetProperty("message_id").GetString() == "wamid.RAMESH1" && r.GetProperty("emoji").GetString() == "✏️");
        Assert.Contains(reactions, r => r.GetProperty("message_id").GetString() == "wamid.SUNITA1");
        var reply = Assert.Single(sent, r => r.GetProperty("type").GetString() == "text");
        Assert.Equal("wamid.KAVITA1", reply.GetProperty("context").GetProperty("message_id").GetString());
        Assert.Contains("Baheri", reply.GetProperty("text").GetProperty("body").GetString());

        // The 4 pm reminder, in the group, names the missing units with whom they wait for; those seen in the group get
        // nothing one-to-one.
        var rhythm = app.Services.GetRequiredService<DailyRhythm>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);
        Assert.True(await rhythm.FireAsync(1, SlotKind.Reminder, today, slotId: null, default));
        var reminder = (await graph.WaitForRequestsAsync(5)).Last().Json;
        await Task.Delay(300);
        Assert.Equal(5, graph.Requests.Count);
        Assert.Equal(Group, reminder.GetProperty("to").GetString());
        var text = reminder.GetProperty("text").GetProperty("body").GetString()!;
        Assert.Contains("*Jale* (सुनीता देवी)", text);
        Assert.Contains("*Baheri* (Kavita Jha)", text);
        Assert.DoesNotContain("Benipur", text);

        // The summary, sent on demand: once in the group, with the day's chart (uploaded once) and the text as its caption;
        // the admin, never seen there, gets it one-to-one.
        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, today, slotId: null, default));
        var after = (await graph.WaitForRequestsAsync(7)).Skip(5).Select(r => r.Json).ToList();
        await Task.Delay(300);
        Assert.Equal(7, graph.Requests.Count);
        var inGroup = Assert.Single(after, r => r.GetProperty("recipient_type").GetString() == "group");
        Assert.Equal("image", inGroup.GetProperty("type").GetString());
        Assert.Equal(Assert.Single(graph.Uploads) is { } upload ? FakeGraphApi.MediaIdFor(1) : null, inGroup.GetProperty("image").GetProperty("id").GetString());
        Assert.Contains("1,420", inGroup.GetProperty("image").GetProperty("caption").GetString());
        var toAdmin = Assert.Single(after, r => r.GetProperty("recipient_type").GetString() == "individual");
        Assert.EndsWith("919876543214", toAdmin.GetProperty("to").GetString());
        Assert.Equal("template", toAdmin.GetProperty("type").GetString()); // he never wrote: his window is closed
    }
}

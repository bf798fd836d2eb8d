using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Rhythm;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>
/// A day in a Telegram supergroup, through the real host, a real PostgreSQL and a fake Bot API: members link their
/// accounts with their contact, the group is linked, a report gets 👍 and its edit ✍ on the message itself, a message
/// without a figure one quoted reply, a stranger the link, chatter nothing, and the reminder mentions who is missing.
/// </summary>
public sealed class TelegramGroupTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string Group = "-1001987654321";

    sealed record Person(long Id, string First, string Last, string? Phone);

    static readonly Person Ramesh = new(5512345678, "Ramesh", "Kumar", "919876543210");
    static readonly Person Sunita = new(6623456789, "सुनीता", "देवी", "919876543211");
    static readonly Person Kavita = new(7734567890, "Kavita", "Jha", "919876543212");
    static readonly Person Stranger = new(9990001112, "Guest", "User", null);

    long _updateId = 174200000;

    static JsonObject From(Person p) => new() { ["id"] = p.Id, ["is_bot"] = false, ["first_name"] = p.First, ["last_name"] = p.Last };

    /// <summary>`contact-own.json` as <paramref name="person"/> sharing their own number with the bot, now.</summary>
    byte[] SharesContact(Person person)
    {
        var update = JsonNode.Parse(TelegramWebhooks.Fixture("contact-own-with-plus.json"))!.AsObject();
        update["update_id"] = ++_updateId;
        var message = update["message"]!.AsObject();
        message["from"] = From(person);
        message["chat"] = new JsonObject { ["id"] = person.Id, ["first_name"] = person.First, ["last_name"] = person.Last, ["type"] = "private" };
        message["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        message["contact"] = new JsonObject { ["phone_number"] = person.Phone, ["first_name"] = person.First, ["last_name"] = person.Last, ["user_id"] = person.Id };
        return Encoding.UTF8.GetBytes(update.ToJsonString());
    }

    /// <summary>`supergroup-text.json` as <paramref name="person"/>'s message <paramref name="messageId"/> in the group, or its edit.</summary>
    byte[] Says(Person person, int messageId, string text, bool edited = false)
    {
        var update = JsonNode.Parse(TelegramWebhooks.Fixture("supergroup-text.json"))!.AsObject();
        var message = update["message"]!.AsObject();
        update.Remove("message");
        update["update_id"] = ++_updateId;
        update[edited ? "edited_message" : "message"] = message;
        message["message_id"] = messageId;
        message["from"] = From(person);
        message["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (edited ? 60 : 0);
        if (edited)
            message["edit_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        message["text"] = text;
        return Encoding.UTF8.GetBytes(update.ToJsonString());
    }

    [Fact]
    public async Task A_day_in_a_linked_supergroup()
    {
        await using var api = await FakeTelegramApi.StartAsync();
        await using var app = await TelegramWebhooks.StartAppAsync(postgres, api);
        using var client = app.CreateClient();
        async Task Send(byte[] body)
        {
            (await client.SendAsync(TelegramWebhooks.Post(body))).EnsureSuccessStatusCode();
            await app.AllHandledAsync();
        }

        // Each member links their account privately; each is told so.
        foreach (var person in new[] { Ramesh, Sunita, Kavita })
            await Send(SharesContact(person));
        var linked = await api.WaitForRequestsAsync(3);
        Assert.Equal([Ramesh.Id, Sunita.Id, Kavita.Id], linked.Select(r => r.Json.GetProperty("chat_id").GetInt64()).Order());

        // Before the group is linked to the district, nothing said there is read.
        await Send(Says(Ramesh, 2999, "Benipur 100"));
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from figures"));

        (await client.PutAsJsonAsync("/admin/groups", new { district = "Darbhanga", channel = "telegram", chat = Group, languages = new[] { "en" } }))
            .EnsureSuccessStatusCode();

        await Send(Says(Ramesh, 3001, "Benipur 1240"));
        await Send(Says(Stranger, 3002, "Benipur 500"));       // a stranger: the link, once
        await Send(Says(Kavita, 3003, "Baheri"));              // no figure: one quoted reply
        await Send(Says(Sunita, 3004, "नमस्ते सर 🙏"));          // chatter: nothing
        await Send(Says(Ramesh, 3001, "Benipur 1420", edited: true));

        Assert.Equal(1420, await app.ScalarAsync<long>("select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur'"));
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from figures f join units u on u.id = f.unit_id where u.name <> 'Benipur'"));

        var sent = (await api.WaitForRequestsAsync(7)).Skip(3).ToList();
        await Task.Delay(300); // nothing more may follow
        Assert.Equal(7, api.Requests.Count);
        Assert.All(sent, r => Assert.Equal(long.Parse(Group), r.Json.GetProperty("chat_id").GetInt64()));

        var reactions = sent.Where(r => r.Method == "setMessageReaction").Select(r => r.Json).ToList();
        Assert.Equal(2, reactions.Count);
        Assert.All(reactions, r => Assert.Equal(3001, r.GetProperty("message_id").GetInt64()));
        Assert.Equal(["✍", "👍"], reactions.Select(r => r.GetProperty("reaction")[0].GetProperty("emoji").GetString()).Order(StringComparer.Ordinal));

        var texts = sent.Where(r => r.Method == "sendMessage").Select(r => r.Json).ToList();
        var toStranger = Assert.Single(texts, t => t.GetProperty("reply_parameters").GetProperty("message_id").GetInt64() == 3002);
        Assert.Contains("https://t.me/DarbhangaReportBot?start=link", toStranger.GetProperty("text").GetString());
        var toKavita = Assert.Single(texts, t => t.GetProperty("reply_parameters").GetProperty("message_id").GetInt64() == 3003);
        Assert.Contains("Baheri", toKavita.GetProperty("text").GetString());
        Assert.All(texts, t => Assert.DoesNotContain("*", t.GetProperty("text").GetString())); // WhatsApp's bold went as entities

        // The 4 pm reminder, in the group, names the missing units' reporters and mentions them by their user ids.
        var rhythm = app.Services.GetRequiredService<DailyRhythm>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);
        Assert.True(await rhythm.FireAsync(1, SlotKind.Reminder, today, slotId: null, default));
        var reminder = (await api.WaitForRequestsAsync(8)).Last().Json;
        await Task.Delay(300);
        Assert.Equal(8, api.Requests.Count);
        Assert.Equal(long.Parse(Group), reminder.GetProperty("chat_id").GetInt64());
        var text = reminder.GetProperty("text").GetString()!;
        Assert.Contains("Jale (सुनीता देवी)", text);
        Assert.Contains("Baheri (Kavita Jha)", text);
        Assert.DoesNotContain("Benipur", text);
        var mentions = reminder.GetProperty("entities").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "text_mention")
            .Select(e => (Id: e.GetProperty("user").GetProperty("id").GetInt64(), Words: text.Substring(e.GetProperty("offset").GetInt32(), e.GetProperty("length").GetInt32())))
            .ToList();
        Assert.Contains((Sunita.Id, "सुनीता देवी"), mentions);
        Assert.Contains((Kavita.Id, "Kavita Jha"), mentions);
        Assert.All(reminder.GetProperty("entities").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "bold"),
            e => Assert.DoesNotContain("*", text.Substring(e.GetProperty("offset").GetInt32(), e.GetProperty("length").GetInt32())));

        // 5:30 pm: the final summary is posted in the group once — a second firing of the slot posts nothing — and the
        // linked members, who read it there, get nothing privately.
        var slot = await app.ScalarAsync<int>("select id from schedule_slots where district_id = 1 and kind = 'summary' order by cron desc limit 1");
        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, today, slot, default));
        Assert.False(await rhythm.FireAsync(1, SlotKind.Summary, today, slot, default));
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>(
            "select count(*) from outbox where channel = 'telegram' and kind = 'summary' and status in ('pending', 'sending')") == 0, "the summary sent");
        await Task.Delay(300);
        var summary = api.Requests.Skip(8).ToList();
        Assert.NotEmpty(summary);
        // The chart first, the summary its caption (or the text right after it), all in the group — nothing privately.
        Assert.Equal("sendPhoto", summary[0].Method);
        Assert.All(summary, r => Assert.Equal(Group, r.Form is { } form ? form["chat_id"] : r.Json.GetProperty("chat_id").GetInt64().ToString()));
        var words = string.Join("\n", summary.Select(r => r.Form is { } form ? form.GetValueOrDefault("caption") : r.Json.GetProperty("text").GetString()));
        Assert.Contains("1,420", words);
    }
}

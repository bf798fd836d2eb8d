using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Simulator;

/// <summary>The local chat simulator: the group's members, a message typed in, the bot's reply in the same stream.</summary>
public sealed class SimulatorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_report_typed_in_the_simulator_is_stored_and_answered_in_the_group()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();

        var group = await client.GetFromJsonAsync<JsonElement>("/simulator/api/group");
        Assert.Equal("Darbhanga", group.GetProperty("district").GetString());
        var ramesh = group.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Ramesh Kumar");
        Assert.Equal("Benipur", ramesh.GetProperty("units")[0].GetProperty("name").GetString());
        Assert.Equal("बेनीपुर", ramesh.GetProperty("units")[0].GetProperty("nameHi").GetString());

        var sent = await client.PostAsJsonAsync("/simulator/api/messages", new { memberId = ramesh.GetProperty("id").GetInt32(), text = "Benipur 1240" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        JsonElement[] messages = [];
        await ReportBotApp.EventuallyAsync(async () =>
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/simulator/api/messages?after=0");
            messages = page.GetProperty("messages").EnumerateArray().ToArray();
            return messages.Length == 2;
        }, "the message and the bot's reply");
        Assert.Equal(("in", "Benipur 1240"), (messages[0].GetProperty("direction").GetString(), messages[0].GetProperty("text").GetString()));
        Assert.Equal("out", messages[1].GetProperty("direction").GetString());
        Assert.StartsWith("✅ *Benipur* — 1,240 Ayushman cards", messages[1].GetProperty("text").GetString());
        Assert.Equal("Ramesh Kumar", messages[1].GetProperty("memberName").GetString());
        Assert.Equal(1240, await app.ScalarAsync<long>("select value from figures"));

        var later = await client.GetFromJsonAsync<JsonElement>($"/simulator/api/messages?after={messages[1].GetProperty("id").GetInt64()}");
        Assert.Empty(later.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task An_empty_message_is_refused_politely()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/simulator/api/messages", new { memberId = 1, text = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Type a message first.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_page_is_served_at_the_root()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var page = await client.GetStringAsync("/");
        Assert.Contains("simulator.js", page);
    }

    [Fact]
    public async Task The_summary_sent_with_the_button_shows_the_days_chart()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Twilio:AuthToken"] = "" }).StartAsync(); // the simulator is the only channel
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/simulator/api/send-now", new { kind = "summary" })).StatusCode);

        JsonElement[] lines = [];
        await ReportBotApp.EventuallyAsync(async () =>
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/simulator/api/messages?after=0");
            lines = page.GetProperty("messages").EnumerateArray().ToArray();
            return lines.Any(l => l.GetProperty("imageUrl").ValueKind == JsonValueKind.String);
        }, "a line with the chart");
        var charted = lines.Where(l => l.GetProperty("imageUrl").ValueKind == JsonValueKind.String).ToList();
        // Shown once per language (the demo's members read English and Hindi), not once per member.
        Assert.Equal(2, charted.Count);
        Assert.Contains(charted, l => l.GetProperty("text").GetString()!.Contains("Darbhanga")); // the summary is its caption
        var url = charted[0].GetProperty("imageUrl").GetString()!;
        Assert.Equal($"/simulator/api/images/{charted[0].GetProperty("id").GetInt64()}.png", url);
        var image = await client.GetAsync(url);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await image.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/simulator/api/images/999999.png")).StatusCode);
    }
}

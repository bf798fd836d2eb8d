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
}

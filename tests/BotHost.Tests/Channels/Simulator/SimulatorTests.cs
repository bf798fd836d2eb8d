using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Simulator;

/// <summary>
/// The local chat simulator: the district's group as a group (everyone's posts, the bot's reactions on them and its few
/// quoted replies) beside each member's direct chat with the bot — through the real host.
/// </summary>
public sealed class SimulatorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string Ramesh = "Ramesh Kumar", Sunita = "सुनीता देवी", Kavita = "Kavita Jha";

    static async Task<Dictionary<string, int>> MembersAsync(HttpClient client)
    {
        var group = await client.GetFromJsonAsync<JsonElement>("/simulator/api/group");
        return group.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("id").GetInt32());
    }

    static async Task PostAsync(HttpClient client, int memberId, string text, string? chat = null)
    {
        var sent = await client.PostAsJsonAsync("/simulator/api/messages", chat is null ? new { memberId, text } : (object)new { memberId, text, chat });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
    }

    /// <summary>Waits until the conversation holds <paramref name="count"/> lines, and returns them.</summary>
    static async Task<JsonElement[]> LinesAsync(HttpClient client, int count, string what)
    {
        JsonElement[] lines = [];
        await ReportBotApp.EventuallyAsync(async () =>
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/simulator/api/messages?after=0");
            lines = page.GetProperty("messages").EnumerateArray().ToArray();
            return lines.Length >= count;
        }, what);
        Assert.Equal(count, lines.Length);
        return lines;
    }

    static string? Text(JsonElement line, string property) =>
        line.GetProperty(property).ValueKind == JsonValueKind.Null ? null : line.GetProperty(property).ToString();

    [Fact]
    public async Task The_group_is_linked_to_the_demo_district_and_named()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();

        var group = await client.GetFromJsonAsync<JsonElement>("/simulator/api/group");
        Assert.Equal("Darbhanga", group.GetProperty("district").GetString());
        Assert.Equal("Darbhanga Ayushman (simulator)", group.GetProperty("group").GetProperty("title").GetString());
        var ramesh = group.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == Ramesh);
        Assert.Equal("Benipur", ramesh.GetProperty("units")[0].GetProperty("name").GetString());
        Assert.Equal("बेनीपुर", ramesh.GetProperty("units")[0].GetProperty("nameHi").GetString());
        Assert.Equal("demo", await app.ScalarAsync<string>("select linked_by from groups where channel = 'simulator' and chat_id = 'sim:group:darbhanga'"));
    }

    [Fact]
    public async Task A_report_posted_in_the_group_gets_a_reaction_on_it_and_no_text()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var members = await MembersAsync(client);

        await PostAsync(client, members[Ramesh], "Benipur 1240"); // the group is the default

        var lines = await LinesAsync(client, 2, "the post and the bot's reaction on it");
        var (post, reaction) = (lines[0], lines[1]);
        Assert.Equal(("in", "group", "Benipur 1240", Ramesh), (Text(post, "direction"), Text(post, "chat"), Text(post, "text"), Text(post, "memberName")));
        Assert.NotNull(Text(post, "messageRef"));
        Assert.Equal(("out", "group", "recorded", "✅"), (Text(reaction, "direction"), Text(reaction, "chat"), Text(reaction, "reaction"), Text(reaction, "text")));
        Assert.Equal(Text(post, "messageRef"), Text(reaction, "quoteRef"));
        Assert.Equal("Benipur 1240", Text(reaction, "quotedText"));
        Assert.Equal(1240, await app.ScalarAsync<long>("select value from figures"));

        var later = await client.GetFromJsonAsync<JsonElement>($"/simulator/api/messages?after={reaction.GetProperty("id").GetInt64()}");
        Assert.Empty(later.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task A_changed_figure_in_the_group_gets_the_changed_reaction()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var members = await MembersAsync(client);

        await PostAsync(client, members[Sunita], "जाले 530");
        await LinesAsync(client, 2, "the first post and its reaction");
        await PostAsync(client, members[Sunita], "जाले 550");

        var lines = await LinesAsync(client, 4, "the correction and its reaction");
        Assert.Equal(("changed", "✏️"), (Text(lines[3], "reaction"), Text(lines[3], "text")));
        Assert.Equal(Text(lines[2], "messageRef"), Text(lines[3], "quoteRef"));
    }

    [Fact]
    public async Task A_report_the_sender_must_fix_gets_a_short_reply_in_the_group_quoting_it()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var members = await MembersAsync(client);

        await PostAsync(client, members[Kavita], "Benipur 610"); // Kavita reports for Baheri and Hayaghat

        var lines = await LinesAsync(client, 2, "the post and the bot's quoted reply");
        var reply = lines[1];
        Assert.Equal(("out", "group"), (Text(reply, "direction"), Text(reply, "chat")));
        Assert.Null(Text(reply, "reaction"));
        Assert.Contains("*Benipur*'s figure was not recorded", Text(reply, "text")); // not her block
        Assert.Equal(Text(lines[0], "messageRef"), Text(reply, "quoteRef"));
        Assert.Equal(("Benipur 610", Kavita), (Text(reply, "quotedText"), Text(reply, "quotedMemberName")));
    }

    [Fact]
    public async Task A_direct_message_gets_a_direct_reply_in_that_members_chat()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var members = await MembersAsync(client);

        await PostAsync(client, members[Ramesh], "Benipur 1240", chat: "direct");

        var lines = await LinesAsync(client, 2, "the message and the bot's reply");
        Assert.All(lines, l => Assert.Equal(("direct", members[Ramesh].ToString()), (Text(l, "chat"), Text(l, "memberId"))));
        Assert.Equal(("in", "Benipur 1240"), (Text(lines[0], "direction"), Text(lines[0], "text")));
        Assert.Equal("out", Text(lines[1], "direction"));
        Assert.StartsWith("✅ *Benipur* — 1,240 Ayushman cards", Text(lines[1], "text"));
        Assert.Null(Text(lines[1], "reaction"));
        Assert.Null(Text(lines[1], "quoteRef"));
    }

    [Fact]
    public async Task Everyone_sees_everyones_posts_in_the_group_but_a_direct_chat_is_its_members_own()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var members = await MembersAsync(client);

        await PostAsync(client, members[Ramesh], "Benipur 1240", chat: "group");
        await LinesAsync(client, 2, "Ramesh's post and its reaction");
        await PostAsync(client, members[Sunita], "जाले 530", chat: "group");
        await LinesAsync(client, 4, "Sunita's post and its reaction");
        await PostAsync(client, members[Kavita], "status", chat: "direct");

        var lines = await LinesAsync(client, 6, "Kavita's status and its answer");
        var group = lines.Where(l => Text(l, "chat") == "group").ToList();
        Assert.Equal([Ramesh, Sunita], group.Where(l => Text(l, "direction") == "in").Select(l => Text(l, "memberName")));
        Assert.Equal(["recorded", "recorded"], group.Where(l => Text(l, "direction") == "out").Select(l => Text(l, "reaction")));
        var direct = lines.Where(l => Text(l, "chat") == "direct").ToList();
        Assert.Equal(2, direct.Count);
        Assert.All(direct, l => Assert.Equal(members[Kavita].ToString(), Text(l, "memberId")));
    }

    [Fact]
    public async Task Without_a_simulator_group_a_group_post_is_refused_and_the_direct_chat_still_answers()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        await app.ScalarAsync<int>("with gone as (delete from groups where channel = 'simulator' returning 1) select count(*)::int from gone");
        var members = await MembersAsync(client);

        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>("/simulator/api/group")).GetProperty("group").ValueKind);
        var refused = await client.PostAsJsonAsync("/simulator/api/messages", new { memberId = members[Ramesh], text = "Benipur 1240", chat = "group" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await PostAsync(client, members[Ramesh], "Benipur 1240", chat: "direct");
        var lines = await LinesAsync(client, 2, "the direct message and its reply");
        Assert.All(lines, l => Assert.Equal("direct", Text(l, "chat")));
    }

    [Fact]
    public async Task A_message_for_no_known_chat_is_refused()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/simulator/api/messages", new { memberId = 1, text = "Benipur 1240", chat = "elsewhere" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
        await Task.Delay(300);
        lines = (await client.GetFromJsonAsync<JsonElement>("/simulator/api/messages?after=0")).GetProperty("messages").EnumerateArray().ToArray();
        var charted = lines.Where(l => l.GetProperty("imageUrl").ValueKind == JsonValueKind.String && l.GetProperty("chat").GetString() == "group").ToList();
        // Posted in the group once per language (its languages are Hindi and English), not once per member; the five
        // members, never seen in the group, each find it in their direct chat too.
        Assert.Equal(2, charted.Count);
        Assert.Equal(5, lines.Count(l => l.GetProperty("imageUrl").ValueKind == JsonValueKind.String && l.GetProperty("chat").GetString() == "direct"));
        Assert.Contains(charted, l => l.GetProperty("text").GetString()!.Contains("Darbhanga")); // the summary is its caption
        var url = charted[0].GetProperty("imageUrl").GetString()!;
        Assert.Equal($"/simulator/api/images/{charted[0].GetProperty("id").GetInt64()}.png", url);
        var image = await client.GetAsync(url);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await image.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/simulator/api/images/999999.png")).StatusCode);
    }
}

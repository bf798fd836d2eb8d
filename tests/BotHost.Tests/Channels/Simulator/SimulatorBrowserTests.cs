using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Simulator;

/// <summary>
/// The simulator's page in a real browser — the machine's own Chromium (`apt-get install chromium`), driven by
/// Playwright, never a downloaded one — against the real host listening on a loopback port: the group as a group on a
/// phone, reactions as badges on the reacted message, a quoted reply, Hindi, and the direct chat in its own tab.
/// Set SIMULATOR_SCREENSHOT (SIMULATOR_SCREENSHOT_WIDE) to a path to keep the phone-sized picture of the group
/// (docs/simulator-group.png) or the wide one.
/// </summary>
public sealed class SimulatorBrowserTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string Chromium = "/usr/bin/chromium";

    static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's Chromium (apt-get install chromium); the test never downloads a browser.");
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>The host on a real loopback port, for the browser.</summary>
    static (ReportBotApp App, string BaseUrl) Listen(string database)
    {
        var app = new ReportBotApp(database);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address.TrimEnd('/'));
    }

    [Fact]
    public async Task On_a_phone_the_group_shows_everyones_posts_reactions_on_them_and_a_quoted_reply_and_the_direct_chat_is_a_tab()
    {
        var (app, baseUrl) = Listen(await postgres.CreateDatabaseAsync());
        await using var _ = app;
        using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        api.DefaultRequestHeaders.Add("X-Admin-Key", ReportBotApp.SimulatorAdminKey);
        var group = await api.GetFromJsonAsync<JsonElement>("/simulator/api/group");
        var id = group.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("id").GetInt32());

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            TimezoneId = "Asia/Kolkata",
            // The test host serves the simulator behind the admin key, as beside any configured database.
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Admin-Key"] = ReportBotApp.SimulatorAdminKey },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/?as={id["Ramesh Kumar"]}");
        var groupPane = page.Locator("#pane-group");
        var directPane = page.Locator("#pane-direct");
        await Assertions.Expect(page.Locator("#groupTitle")).ToHaveTextAsync("Darbhanga Ayushman (simulator)");
        await Assertions.Expect(groupPane).ToBeVisibleAsync();
        await Assertions.Expect(directPane).ToBeHiddenAsync(); // a tab on a phone

        // Ramesh posts in the group from the page: the bot reacts on his message, and says nothing.
        await groupPane.Locator("textarea").FillAsync("Benipur 1240");
        await groupPane.Locator("textarea").PressAsync("Enter");
        var own = groupPane.Locator(".messages .row.own", new() { HasText = "Benipur 1240" });
        await Assertions.Expect(own.Locator(".reaction")).ToHaveTextAsync("✅");

        // The others post from their phones: everyone sees everything, a correction gets ✏️, a mistake a quoted reply.
        await PostAsync(api, id["सुनीता देवी"], "जाले 530");
        await PostAsync(api, id["सुनीता देवी"], "जाले 550");
        await PostAsync(api, id["Kavita Jha"], "Benipur 610");
        var sunita = groupPane.Locator(".messages .row", new() { HasText = "जाले 550" });
        await Assertions.Expect(sunita.Locator(".reaction")).ToHaveTextAsync("✏️");
        var sunitasFirst = groupPane.Locator(".messages .row", new() { HasText = "जाले 530" });
        await Assertions.Expect(sunitasFirst.Locator(".sender-name")).ToHaveTextAsync("सुनीता देवी"); // her next, a run, goes unnamed
        await Assertions.Expect(sunitasFirst.Locator(".reaction")).ToHaveTextAsync("✅");
        var reply = groupPane.Locator(".messages .row.bot", new() { HasText = "was not recorded" });
        await Assertions.Expect(reply.Locator(".quote-text")).ToHaveTextAsync("Benipur 610");
        await Assertions.Expect(reply.Locator(".quote-name")).ToHaveTextAsync("Kavita Jha");

        // Reactions are badges, never bubbles: four posts, one reply.
        await Assertions.Expect(groupPane.Locator(".messages .row")).ToHaveCountAsync(5);
        await Assertions.Expect(groupPane.Locator(".messages .row.bot")).ToHaveCountAsync(1);

        if (Environment.GetEnvironmentVariable("SIMULATOR_SCREENSHOT") is { Length: > 0 } path)
            await page.ScreenshotAsync(new() { Path = path });

        // The 4 pm reminder, sent now: posted into the group once per language.
        await groupPane.Locator(".chip-rhythm", new() { HasText = "reminders" }).ClickAsync();
        await Assertions.Expect(groupPane.Locator(".messages .row.post")).ToHaveCountAsync(2);
        // Kavita, with two blocks missing, is mentioned (Ramesh and Sunita have reported).
        await Assertions.Expect(groupPane.Locator(".messages .row.post .mention").First).ToHaveTextAsync("Kavita Jha");

        // The summary, sent now, comes with the day's chart in each language: a picture in the bubble, loaded.
        await groupPane.Locator(".chip-rhythm", new() { HasText = "summary" }).ClickAsync();
        var charts = groupPane.Locator(".messages .row.post img.picture");
        await Assertions.Expect(charts).ToHaveCountAsync(2);
        await Assertions.Expect(charts.First).ToBeVisibleAsync();
        Assert.True(await charts.First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth >= 1000"), "the chart did not load");

        // The direct chat: Ramesh's own, with the bot's private answer.
        await page.Locator("#tab-direct").ClickAsync();
        await Assertions.Expect(directPane).ToBeVisibleAsync();
        await Assertions.Expect(groupPane).ToBeHiddenAsync();
        await directPane.Locator("textarea").FillAsync("status");
        await directPane.Locator("textarea").PressAsync("Enter");
        await Assertions.Expect(directPane.Locator(".messages .row.bot")).ToHaveCountAsync(1);
        await Assertions.Expect(directPane.Locator(".messages .row.own")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("status"));
        Assert.Equal(0, await directPane.Locator(".messages .row", new() { HasText = "जाले" }).CountAsync()); // the group's posts stay in the group
    }

    [Fact]
    public async Task On_a_wide_screen_the_group_and_the_direct_chat_are_side_by_side()
    {
        var (app, baseUrl) = Listen(await postgres.CreateDatabaseAsync());
        await using var _ = app;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 800 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Admin-Key"] = ReportBotApp.SimulatorAdminKey },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/?as=1");

        await Assertions.Expect(page.Locator("#pane-group")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#pane-direct")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tabs")).ToBeHiddenAsync();
        var (left, right) = (await page.Locator("#pane-group").BoundingBoxAsync(), await page.Locator("#pane-direct").BoundingBoxAsync());
        Assert.True(left!.X + left.Width <= right!.X + 1, "the group sits left of the direct chat");

        await page.Locator("#pane-direct textarea").FillAsync("help");
        await page.Locator("#pane-direct textarea").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#pane-direct .messages .row.bot")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#pane-group .messages .row")).ToHaveCountAsync(0);
        if (Environment.GetEnvironmentVariable("SIMULATOR_SCREENSHOT_WIDE") is { Length: > 0 } path)
            await page.ScreenshotAsync(new() { Path = path });
    }

    static async Task PostAsync(HttpClient api, int memberId, string text)
    {
        var sent = await api.PostAsJsonAsync("/simulator/api/messages", new { memberId, text, chat = "group" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReportBot.BotHost.Rhythm;
using ReportBot.BotHost.Tests.Channels.Telegram;
using ReportBot.BotHost.Tests.Channels.Waha;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Tests.Rhythm;

/// <summary>
/// The final summary arrives with the day's chart, on the real host, a real PostgreSQL and the providers' fakes, on a
/// fake clock: in a linked WAHA group and a linked Telegram group the 5:30 pm summary carries the chart once; the 11 am
/// progress summary carries none; a summary an admin sends on demand carries it whatever the hour.
/// </summary>
public sealed class SummaryChartRhythmTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, India).DateTime);

    static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(Today.ToDateTime(new TimeOnly(hour, minute)), India.BaseUtcOffset).ToUniversalTime();

    /// <summary>The host with only <paramref name="settings"/>' channel reaching phones, on <paramref name="clock"/>, and one linked group
    /// holding every member of the demo district (so the rhythm reaches them there, not one-to-one).</summary>
    async Task<ReportBotApp> StartAsync(Dictionary<string, string?> settings, FakeTimeProvider clock, string channel, string chatId, string languages)
    {
        settings["Twilio:AuthToken"] = "";
        var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), services: s => s.AddSingleton<TimeProvider>(clock), settings: settings).StartAsync();
        await app.ScalarAsync<int>(
            """
            with demo as (
                -- The demo's simulator group would take its own copy of every post: this test is about one channel.
                delete from groups where channel = 'simulator'
            ), wrote as (
                -- As if each had written in the group: that channel is where they are reached.
                update members set last_channel = @channel where district_id = 1
            ), g as (
                insert into groups (channel, chat_id, title, district_id, languages, linked_by, linked_at)
                values (@channel, @chatId, 'Darbhanga Ayushman', 1, @languages::text[], 'cli', now()) returning id)
            insert into group_members (group_id, member_id, first_seen, last_seen)
            select g.id, m.id, now(), now() from g, members m where m.district_id = 1
            returning group_id
            """, new { channel, chatId, languages });
        return app;
    }

    static Task<int> SlotAsync(ReportBotApp app, string order) =>
        app.ScalarAsync<int>($"select id from schedule_slots where district_id = 1 and kind = 'summary' order by cron {order} limit 1");

    [Fact]
    public async Task In_a_waha_group_the_final_summary_carries_the_chart_once_and_the_progress_summary_none()
    {
        const string Group = "120363041234567890@g.us";
        await using var waha = await FakeWahaApi.StartAsync();
        var clock = new FakeTimeProvider(At(11, 0));
        await using var app = await StartAsync(WahaWebhooks.Settings(waha.BaseUrl), clock, "waha", Group, "{hi}");
        var rhythm = app.Services.GetRequiredService<DailyRhythm>();

        // 11 am: the progress summary, text only.
        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, Today, await SlotAsync(app, "asc"), default));
        var progress = await waha.WaitForRequestsAsync(1);
        await Task.Delay(300);
        Assert.All(waha.Requests, r => Assert.Equal("/api/sendText", r.Path));
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from outbox_images"));
        var before = waha.Requests.Count;

        // 5:30 pm: the final summary, with the chart, once in the group's one language.
        clock.SetUtcNow(At(17, 30));
        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, Today, await SlotAsync(app, "desc"), default));
        await app.ScalarAsync<long>("select 1"); // the firing is committed
        var parts = await app.ScalarAsync<long>("select count(*) from outbox where kind = 'summary' and created_at = @at", new { at = At(17, 30) });
        var sent = (await waha.WaitForRequestsAsync(before + (int)parts)).Skip(before).ToList();
        await Task.Delay(300);
        var image = Assert.Single(sent, r => r.Path == "/api/sendImage");
        Assert.Equal(Group, image.Json.GetProperty("chatId").GetString());
        var file = image.Json.GetProperty("file");
        Assert.Equal("image/png", file.GetProperty("mimetype").GetString());
        Assert.Equal($"chart-{Today:yyyy-MM-dd}-hi.png", file.GetProperty("filename").GetString());
        Assert.Equal(PngSignature, Convert.FromBase64String(file.GetProperty("data").GetString()!)[..8]);
        Assert.Contains("दरभंगा", image.Json.GetProperty("caption").GetString()); // the summary's first part, in Hindi, is its caption
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from outbox_images where language = 'hi' and day = @Today", new { Today }));
    }

    [Fact]
    public async Task In_a_telegram_group_the_final_summary_carries_the_chart_once_per_language()
    {
        const string Group = "-1001987654321";
        await using var api = await FakeTelegramApi.StartAsync();
        var clock = new FakeTimeProvider(At(17, 30));
        await using var app = await StartAsync(TelegramWebhooks.Settings(api.BaseUrl), clock, "telegram", Group, "{en,hi}");
        var rhythm = app.Services.GetRequiredService<DailyRhythm>();

        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, Today, await SlotAsync(app, "desc"), default));
        var parts = await app.ScalarAsync<long>("select count(*) from outbox where kind = 'summary'");
        var sent = await api.WaitForRequestsAsync((int)parts);
        await Task.Delay(300);
        Assert.Equal(parts, api.Requests.Count);
        var photos = sent.Where(r => r.Method == "sendPhoto").ToList();
        Assert.Equal(2, photos.Count); // once in English, once in Hindi
        Assert.All(photos, p => Assert.Equal(Group, p.Form!["chat_id"]));
        Assert.All(photos, p => Assert.Equal(PngSignature, p.Photo!.Value.Bytes[..8]));
        Assert.Equal([$"chart-{Today:yyyy-MM-dd}-en.png", $"chart-{Today:yyyy-MM-dd}-hi.png"], photos.Select(p => p.Photo!.Value.Name).Order());
        Assert.Contains(photos, p => p.Form!["caption"].Contains("Darbhanga"));
        Assert.Equal(2, await app.ScalarAsync<long>("select count(*) from outbox_images")); // drawn once per language
    }

    [Fact]
    public async Task A_summary_sent_on_demand_carries_the_chart_before_the_cut_off()
    {
        const string Group = "120363041234567890@g.us";
        await using var waha = await FakeWahaApi.StartAsync();
        var clock = new FakeTimeProvider(At(12, 0));
        await using var app = await StartAsync(WahaWebhooks.Settings(waha.BaseUrl), clock, "waha", Group, "{hi}");
        using var client = app.CreateClient();

        var answer = await client.PostAsync("/admin/send-now?district=Darbhanga&kind=summary", null);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        await waha.WaitForRequestsAsync(1);
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status <> 'sent'") == 0, "the summary sent");
        var image = Assert.Single(waha.Requests, r => r.Path == "/api/sendImage");
        Assert.Equal(Group, image.Json.GetProperty("chatId").GetString());
    }

    [Fact]
    public async Task A_picture_waha_refuses_leaves_the_summary_going_as_text()
    {
        const string Group = "120363041234567890@g.us";
        await using var waha = await FakeWahaApi.StartAsync();
        var clock = new FakeTimeProvider(At(17, 30));
        await using var app = await StartAsync(WahaWebhooks.Settings(waha.BaseUrl), clock, "waha", Group, "{hi}");
        waha.ThenAnswer(422, "The feature is available only in Plus version for 'WEBJS' engine");
        var rhythm = app.Services.GetRequiredService<DailyRhythm>();

        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, Today, await SlotAsync(app, "desc"), default));
        // The row that carried the chart (the dispatcher may already have dropped its picture: read it by its place).
        var caption = await app.ScalarAsync<string>("select body from outbox where channel = 'waha' and kind = 'summary' order by id limit 1");
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status <> 'sent'") == 0, "the summary sent");

        Assert.Equal(["/api/sendImage", "/api/sendText"], waha.Requests.Take(2).Select(r => r.Path));
        Assert.Equal(caption, waha.Requests.ElementAt(1).Json.GetProperty("text").GetString()); // the same words, without the chart
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from outbox where image_id is not null"));
    }

    [Fact]
    public async Task A_refused_picture_alone_is_failed_keeping_its_picture_and_the_text_after_it_still_goes()
    {
        const string Group = "120363041234567890@g.us";
        await using var waha = await FakeWahaApi.StartAsync();
        var clock = new FakeTimeProvider(At(17, 30));
        await using var app = await StartAsync(WahaWebhooks.Settings(waha.BaseUrl), clock, "waha", Group, "{hi}");
        waha.ThenAnswer(422, "The feature is available only in Plus version for 'WEBJS' engine");

        // A summary whose first part is too long for a caption: the chart alone, then the text.
        await app.ScalarAsync<long>(
            """
            with image as (
                insert into outbox_images (kind, district_id, day, language, png, created_at)
                values ('chart', 1, @day, 'hi', '\x89504e470d0a1a0a'::bytea, @at) returning id)
            insert into outbox (channel, recipient, body, kind, image_id, group_id, created_at, next_attempt_at)
            select 'waha', @Group, part.body, 'summary', case when part.n = 1 then image.id end, (select id from groups), @at, @at
            from image, (values (1, ''), (2, 'दरभंगा: the summary')) as part(n, body)
            order by part.n
            returning 1
            """, new { day = Today, at = At(17, 30), Group });
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status in ('pending', 'sending')") == 0,
            "both handled");

        Assert.Equal(["/api/sendImage", "/api/sendText"], waha.Requests.Select(r => r.Path));
        Assert.Equal("दरभंगा: the summary", waha.Requests.Last().Json.GetProperty("text").GetString());
        Assert.Equal(PngSignature, Convert.FromBase64String(waha.Requests.First().Json.GetProperty("file").GetProperty("data").GetString()!));
        var alone = (await app.QueryAsync<(string Status, bool HasImage, string Error)>(
            "select status, image_id is not null, last_error from outbox where body = ''")).Single();
        Assert.Equal(("failed", true), (alone.Status, alone.HasImage)); // an admin's retry sends the picture again, never an empty text
        Assert.Contains("Plus", alone.Error);
    }

    [Fact]
    public async Task Over_twilio_each_member_in_the_window_gets_the_chart_at_a_signed_url_that_serves_it()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        var clock = new FakeTimeProvider(At(17, 30));
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl,
            services: s => s.AddSingleton<TimeProvider>(clock)).StartAsync();
        using var client = app.CreateClient();
        // Every member wrote on Twilio an hour ago (their window is open), but one, whose window closed yesterday.
        await app.ScalarAsync<long>(
            """
            with updated as (
                update members set last_channel = 'twilio', last_address = 'whatsapp:+' || phone,
                       last_inbound_at = case when name = 'Prabhakar Singh' then @at - interval '30 hours' else @at - interval '1 hour' end
                where district_id = 1 returning 1)
            select count(*) from updated
            """, new { at = At(17, 30) });
        var rhythm = app.Services.GetRequiredService<DailyRhythm>();

        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, Today, await SlotAsync(app, "desc"), default));
        var rows = await app.ScalarAsync<long>("select count(*) from outbox where kind = 'summary'");
        var sent = await twilio.WaitForRequestsAsync((int)rows);
        await Task.Delay(300);

        var withMedia = sent.Where(r => r.Form.ContainsKey("MediaUrl")).ToList();
        var members = await app.ScalarAsync<long>("select count(*) from members where district_id = 1");
        Assert.Equal(members - 1, withMedia.Count); // the closed window's template goes without it
        Assert.DoesNotContain(sent, r => r.Form.ContainsKey("ContentSid") && r.Form.ContainsKey("MediaUrl"));
        var url = new Uri(withMedia[0].Form["MediaUrl"]);
        Assert.Equal("bot.example.org", url.Host);
        var png = await client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal(PngSignature, (await png.Content.ReadAsByteArrayAsync())[..8]);
        // Drawn once per language of its readers, however many members.
        Assert.Equal(await app.ScalarAsync<long>("select count(distinct language) from members where district_id = 1 and name <> 'Prabhakar Singh'"),
            await app.ScalarAsync<long>("select count(*) from outbox_images"));
    }
}

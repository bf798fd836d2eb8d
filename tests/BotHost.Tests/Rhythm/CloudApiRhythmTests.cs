using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Rhythm;
using ReportBot.BotHost.Tests.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Tests.Rhythm;

/// <summary>
/// The daily rhythm over Meta's Cloud API: a summary outside a member's 24-hour window goes as a template (without the
/// chart); inside it, the summary sent on demand goes with the day's chart, or as text alone when Meta refuses the upload.
/// </summary>
public sealed class CloudApiRhythmTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_summary_goes_as_text_inside_the_window_and_as_a_template_outside_it()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var settings = MetaWebhooks.Settings(graph.GraphBaseUrl);
        settings["Twilio:AuthToken"] = ""; // Meta's Cloud API is the only WhatsApp channel here
        settings["Rhythm:DefaultChannel"] = "whatsapp";
        settings["WhatsAppCloud:Templates:daily_summary:en:Name"] = "daily_summary_v2";
        settings["WhatsAppCloud:Templates:daily_summary:en:Language"] = "en_US";
        settings["WhatsAppCloud:Templates:daily_summary:hi:Name"] = "daily_summary_v2";
        settings["WhatsAppCloud:Templates:daily_summary:hi:Language"] = "hi";
        await using var app = await MetaWebhooks.StartAppAsync(postgres, settings);
        using var client = app.CreateClient();

        // Ramesh reports over the Cloud API: his window opens, and he gets his acknowledgement.
        (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("text-report.json")))).EnsureSuccessStatusCode();
        await graph.WaitForRequestsAsync(1);

        var rhythm = app.Services.GetRequiredService<DailyRhythm>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);
        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, today, slotId: null, default));

        var sent = (await graph.WaitForRequestsAsync(6)).Skip(1).Select(r => r.Json).ToList();
        Assert.Equal(5, sent.Count);
        var toRamesh = sent.Single(r => r.GetProperty("to").GetString()!.EndsWith("919876543210"));
        Assert.Equal("image", toRamesh.GetProperty("type").GetString());
        Assert.Contains("Today: *1,240*", toRamesh.GetProperty("image").GetProperty("caption").GetString());
        Assert.Single(graph.Uploads); // the templates go without it
        var templates = sent.Where(r => r.GetProperty("type").GetString() == "template").ToList();
        Assert.Equal(4, templates.Count);
        Assert.All(templates, t => Assert.Equal("daily_summary_v2", t.GetProperty("template").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_refused_upload_still_sends_the_summary_as_text()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var settings = MetaWebhooks.Settings(graph.GraphBaseUrl);
        settings["Twilio:AuthToken"] = "";
        settings["Rhythm:DefaultChannel"] = "whatsapp";
        await using var app = await MetaWebhooks.StartAppAsync(postgres, settings);
        using var client = app.CreateClient();
        (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("text-report.json")))).EnsureSuccessStatusCode();
        await graph.WaitForRequestsAsync(1);

        graph.ThenRefuseUpload(400, 131053, "Media upload error");
        var rhythm = app.Services.GetRequiredService<DailyRhythm>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);
        Assert.True(await rhythm.FireAsync(1, SlotKind.Summary, today, slotId: null, default));

        await ReportBotApp.EventuallyAsync(() => Task.FromResult(graph.Requests.Any(r => r.Json.GetProperty("to").GetString()!.EndsWith("919876543210")
            && r.Json.GetProperty("type").GetString() == "text" && r.Json.GetProperty("text").GetProperty("body").GetString()!.Contains("Today: *1,240*"))),
            "Ramesh's summary sent as text");
        Assert.Single(graph.Uploads);
        Assert.DoesNotContain(graph.Requests, r => r.Json.GetProperty("type").GetString() == "image");
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from outbox where channel = 'whatsapp' and image_id is not null")); // dropped, not retried (the demo's simulator group keeps its own)
    }
}

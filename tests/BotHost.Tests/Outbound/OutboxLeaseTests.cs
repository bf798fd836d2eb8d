using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Tests.Outbound;

/// <summary>
/// An outbox that loses nothing: claims are leases that run out, a send whose answer was lost is reconciled by its
/// status callback (or sent once more), a provider that cannot be reached is retried, and repeated callbacks change
/// nothing twice. Faults are staged as the rows a crashed dispatcher leaves behind, on a real PostgreSQL.
/// </summary>
public sealed class OutboxLeaseTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    /// <summary>A reply to Ramesh in the given state, as a dispatcher killed at that moment leaves it.</summary>
    /// <param name="status">`claimed` stages a 'sending' row whose request had not left (left_at null); `sending`, one whose request was out.</param>
    static async Task<long> StageAsync(ReportBotApp app, string status, string leaseUntil = "now() - interval '1 minute'",
        string? uncertainAt = null, int resends = 0, string channel = "twilio", string recipient = Webhooks.RameshWhatsApp, string body = "✅ *Benipur* — 1,240")
    {
        var leftAt = status == "sending" ? "now() - interval '2 minutes'" : "null";
        return await app.ScalarAsync<long>(
            $"""
            insert into outbox (channel, recipient, body, status, attempts, lease_until, left_at, uncertain_at, resends, created_at, next_attempt_at)
            values (@channel, @recipient, @body, @status, 1, {leaseUntil}, {leftAt}, {uncertainAt ?? "null"}, @resends, now(), now())
            returning id
            """, new { channel, recipient, body, status = status == "claimed" ? "sending" : status, resends });
    }

    static Task<string> StatusOfAsync(ReportBotApp app, long id) => app.ScalarAsync<string>("select status from outbox where id = @id", new { id });

    [Fact]
    public async Task A_claim_left_by_a_killed_dispatcher_goes_back_to_the_queue_and_is_sent_once()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl);
        await app.StartAsync();
        var id = await StageAsync(app, "claimed");

        await ReportBotApp.EventuallyAsync(async () => await StatusOfAsync(app, id) == "sent", "the expired claim is sent");
        await Task.Delay(300);
        Assert.Equal("✅ *Benipur* — 1,240", Assert.Single(twilio.Requests).Form["Body"]);
    }

    [Fact]
    public async Task A_claim_whose_lease_holds_is_left_alone()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        var id = await StageAsync(app, "claimed", leaseUntil: "now() + interval '1 hour'"); // another instance is on it

        await Task.Delay(1500);
        Assert.Equal("sending", await StatusOfAsync(app, id));
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task A_send_cut_off_by_a_crash_is_uncertain_and_its_status_callback_proves_it_sent()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        using var client = app.CreateClient();
        var id = await StageAsync(app, "sending");
        await ReportBotApp.EventuallyAsync(async () => await StatusOfAsync(app, id) == "uncertain", "the cut-off send is uncertain");

        // The callback Twilio makes to the StatusCallback URL we gave with that send: our outbox id is in it.
        var callback = TwilioStatus("SM" + new string('7', 32), "delivered");
        for (var i = 0; i < 3; i++) // repeated: the same result
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Webhooks.Signed(callback, $"/webhooks/twilio/status?outbox={id}"))).StatusCode);

        var row = (await app.QueryAsync<(string Status, string ProviderId, string Delivery)>(
            "select status, provider_id, delivery_status from outbox where id = @id", new { id })).Single();
        Assert.Equal(("sent", "SM" + new string('7', 32), "delivered"), row);
        await Task.Delay(300);
        Assert.Empty(twilio.Requests); // proven sent: never sent again
    }

    [Fact]
    public async Task An_uncertain_send_with_no_callback_in_time_is_sent_once_more_and_only_once()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl,
            settings: new Dictionary<string, string?> { ["Outbox:UncertainResendAfter"] = "00:00:01" }).StartAsync();
        var waited = await StageAsync(app, "uncertain", leaseUntil: "null", uncertainAt: "now() - interval '2 seconds'");
        var resentBefore = await StageAsync(app, "uncertain", leaseUntil: "null", uncertainAt: "now() - interval '1 hour'", resends: 1, body: "second");

        await ReportBotApp.EventuallyAsync(async () => await StatusOfAsync(app, waited) == "sent", "the uncertain send goes once more");
        await Task.Delay(1500);
        Assert.Equal("✅ *Benipur* — 1,240", Assert.Single(twilio.Requests).Form["Body"]);
        Assert.Equal(1, await app.ScalarAsync<int>("select resends from outbox where id = @waited", new { waited }));
        Assert.Equal("uncertain", await StatusOfAsync(app, resentBefore)); // at most one duplicate, ever: listed for the admins
        var listed = Assert.Single(await app.Services.GetRequiredService<OutboxStore>().FailedAsync(10));
        Assert.Equal((resentBefore, OutboxState.Uncertain), (listed.Id, listed.Status));
    }

    [Fact]
    public async Task A_provider_that_cannot_be_connected_to_is_retried_not_left_uncertain()
    {
        // Nothing listens on 127.0.0.1:9: the connection is refused, so the request never left.
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), "http://127.0.0.1:9").StartAsync();

        await Webhooks.SendReportAsync(app, "SM" + new string('c', 32), "Benipur 1240");

        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<int>("select attempts from outbox") >= 2, "the send is retried");
        var (status, error) = (await app.QueryAsync<(string, string)>("select status, last_error from outbox")).Single();
        Assert.Contains(status, new[] { "pending", "sending" });
        Assert.Contains("could not connect", error);
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from outbox where status = 'uncertain'"));
    }

    [Fact]
    public async Task Every_twilio_send_asks_for_a_status_callback_carrying_its_outbox_id()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();

        await Webhooks.SendReportAsync(app, "SM" + new string('f', 32), "Benipur 1240");

        var sent = Assert.Single(await twilio.WaitForRequestsAsync(1));
        var id = await app.ScalarAsync<long>("select id from outbox");
        Assert.Equal($"{ReportBotApp.PublicBaseUrl}/webhooks/twilio/status?outbox={id}", sent.Form["StatusCallback"]);
    }

    [Fact]
    public async Task Four_duplicate_failed_63016_callbacks_queue_the_template_once()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl,
            settings: new Dictionary<string, string?> { ["Twilio:Templates:daily_summary:en"] = "HXsummaryen" }).StartAsync();
        using var client = app.CreateClient();
        var id = await app.ScalarAsync<long>(
            """
            insert into outbox (channel, recipient, body, kind, template_name, template_language, template_variables, created_at, next_attempt_at)
            values ('twilio', 'whatsapp:+919876543210', 'Darbhanga today: 9,870 cards', 'summary', 'daily_summary', 'en', '{"9,870"}', now(), now())
            returning id
            """);
        await ReportBotApp.EventuallyAsync(async () => await StatusOfAsync(app, id) == "sent", "the text goes out");
        var sid = await app.ScalarAsync<string>("select provider_id from outbox where id = @id", new { id });

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Webhooks.Signed(
                TwilioStatus(sid, "failed", "63016"), $"/webhooks/twilio/status?outbox={id}"))).StatusCode);

        await ReportBotApp.EventuallyAsync(async () => twilio.Requests.Count == 2, "the template goes out");
        await Task.Delay(500);
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from outbox where requeued_from = @id", new { id }));
        Assert.Equal(2, twilio.Requests.Count);
        Assert.Equal("HXsummaryen", twilio.Requests.Last().Form["ContentSid"]);
    }

    [Fact]
    public async Task Forty_replies_against_a_provider_answering_in_200_ms_leave_concurrently()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        twilio.AnswerDelay = TimeSpan.FromMilliseconds(200);
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        await app.ScalarAsync<long>(
            """
            with queued as (
                insert into outbox (channel, recipient, body, status, created_at, next_attempt_at)
                select 'twilio', 'whatsapp:+9198765' || lpad(n::text, 5, '0'), 'reply ' || n, 'pending', now(), now() + interval '1 hour'
                from generate_series(1, 40) n
                returning 1)
            select count(*) from queued
            """);

        var clock = Stopwatch.StartNew();
        await app.ScalarAsync<long>("with due as (update outbox set next_attempt_at = now() returning 1) select count(*) from due");
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status = 'sent'") == 40,
            "all 40 are sent", TimeSpan.FromSeconds(20));
        clock.Stop();

        // One at a time this took 40 × 200 ms = 8 s and more (9.2 s measured); the dispatcher polls once a second.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3.5), $"40 replies took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(40, twilio.Requests.Select(r => r.Form["To"]).Distinct().Count());
    }

    [Fact]
    public async Task A_reply_over_twilios_1600_characters_goes_as_several_messages_in_order()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        var lines = Enumerable.Range(1, 120).Select(n => $"Block {n:D3}: 1,240 Ayushman cards recorded").ToList();
        var body = string.Join("\n", lines);
        Assert.True(body.Length > 3200);
        await StageAsync(app, "pending", leaseUntil: "null", body: body);

        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status <> 'sent'") == 0
            && twilio.Requests.Count >= 3, "every part is sent");
        var parts = twilio.Requests.Select(r => r.Form["Body"]).ToList();
        Assert.All(parts, p => Assert.True(p.Length <= 1600, $"{p.Length} characters"));
        Assert.Equal(lines, parts.SelectMany(p => p.Split('\n')).ToList()); // nothing lost, nothing reordered, cut at line breaks
    }

    static Dictionary<string, string> TwilioStatus(string sid, string status, string? errorCode = null)
    {
        // Twilio's status callback form (twilio.com/docs/messaging/guides/track-outbound-message-status).
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["SmsSid"] = sid, ["MessageStatus"] = status, ["SmsStatus"] = status,
            ["AccountSid"] = ReportBotApp.AccountSid, ["From"] = ReportBotApp.BotNumber, ["To"] = Webhooks.RameshWhatsApp,
            ["ApiVersion"] = "2010-04-01", ["ChannelPrefix"] = "whatsapp",
        };
        if (errorCode is not null)
            form["ErrorCode"] = errorCode;
        return form;
    }
}

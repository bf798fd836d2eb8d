using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReportBot.BotHost.Rhythm;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Rhythm;

/// <summary>
/// Whole days of the district's rhythm on a fake clock, against a real PostgreSQL and the fake Twilio API: the demo
/// schedule (11:00 progress summary, 16:00 reminder, 17:00 cut-off and escalation, 17:30 final summary, Sundays off).
/// </summary>
public sealed class ScriptedDayTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    static readonly DateOnly Wednesday = new(2025, 12, 3);

    static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), India.BaseUtcOffset).ToUniversalTime(); // a real clock reads UTC

    static readonly Dictionary<string, string?> Templates = new()
    {
        ["Twilio:Templates:daily_summary:en"] = "HXsummaryen",
        ["Twilio:Templates:daily_summary:hi"] = "HXsummaryhi",
        ["Twilio:Templates:reminder:en"] = "HXreminderen",
        ["Twilio:Templates:reminder:hi"] = "HXreminderhi",
        ["Twilio:Templates:escalation:en"] = "HXescalationen",
    };

    sealed class Day(FakeTimeProvider clock, FakeTwilioApi twilio, ReportBotApp app) : IAsyncDisposable
    {
        public FakeTimeProvider Clock => clock;
        public FakeTwilioApi Twilio => twilio;
        public ReportBotApp App => app;
        public DailyRhythm Rhythm => app.Services.GetRequiredService<DailyRhythm>();

        /// <summary>Sets the clock, fires what is due, and waits for the outbox to have sent it.</summary>
        public async Task<(int Fired, IReadOnlyList<FakeTwilioApi.Received> Sent)> AtAsync(int hour, int minute = 0, DateOnly? day = null)
        {
            clock.SetUtcNow(At(day ?? Wednesday, hour, minute));
            var before = twilio.Requests.Count;
            var fired = await Rhythm.RunDueAsync(default);
            await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status = 'pending' or status = 'sending'") == 0,
                "the outbox is empty");
            return (fired, twilio.Requests.Skip(before).ToList());
        }

        public async Task ReportAsync(string from, string body)
        {
            var before = twilio.Requests.Count;
            await Webhooks.SendReportAsync(app, "SM" + Guid.NewGuid().ToString("N"), body, from);
            await twilio.WaitForRequestsAsync(before + 1);
        }

        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            await twilio.DisposeAsync();
        }
    }

    async Task<Day> StartDayAsync(DateTimeOffset start, string? database = null)
    {
        var clock = new FakeTimeProvider(start);
        var twilio = await FakeTwilioApi.StartAsync();
        var app = await new ReportBotApp(database ?? await postgres.CreateDatabaseAsync(), twilio.BaseUrl,
            services => services.AddSingleton<TimeProvider>(clock), Templates).StartAsync();
        return new Day(clock, twilio, app);
    }

    static string To(string phone) => $"whatsapp:+91{phone}";
    const string Ramesh = "9876543210", Sunita = "9876543211", Kavita = "9876543212", Anil = "9876543213", Prabhakar = "9876543214";

    [Fact]
    public async Task A_working_day_gets_the_right_reminders_escalation_and_summaries_each_once()
    {
        await using var day = await StartDayAsync(At(Wednesday, 8, 30));
        await day.ReportAsync(To(Ramesh), "Benipur 1240");
        Assert.Equal(0, (await day.AtAsync(10, 59)).Fired);

        // 11:00 progress summary to all five; free text to Ramesh, who wrote this morning; templates to the rest.
        var (fired, progress) = await day.AtAsync(11, 0);
        Assert.Equal(1, fired);
        Assert.Equal([To(Ramesh), To(Sunita), To(Kavita), To(Anil), To(Prabhakar)], progress.Select(r => r.Form["To"]).Order());
        var toRamesh = progress.Single(r => r.Form["To"] == To(Ramesh));
        Assert.Contains("Today: *1,240* / 10,000 (12%)", toRamesh.Form["Body"]);
        Assert.Contains("Reported: 1 of 18 blocks", toRamesh.Form["Body"]);
        var toSunita = progress.Single(r => r.Form["To"] == To(Sunita));
        Assert.Equal("HXsummaryhi", toSunita.Form["ContentSid"]);
        Assert.False(toSunita.Form.ContainsKey("Body"));
        Assert.Equal("1,240", JsonDocument.Parse(toSunita.Form["ContentVariables"]).RootElement.GetProperty("3").GetString());
        Assert.Equal(0, (await day.AtAsync(11, 30)).Fired);

        // Midday: the officer reports two blocks, Ramesh corrects his, and sends yesterday's late.
        day.Clock.SetUtcNow(At(Wednesday, 12, 0));
        await day.ReportAsync(To(Anil), "Biraul 980\nJale 455");
        await day.ReportAsync(To(Ramesh), "Benipur 1300");
        await day.ReportAsync(To(Ramesh), "Benipur yesterday 900");

        // 16:00: only Kavita still has blocks missing among the reporters.
        var (_, reminders) = await day.AtAsync(16, 0);
        var reminder = Assert.Single(reminders);
        Assert.Equal(To(Kavita), reminder.Form["To"]);
        Assert.Equal("HXreminderen", reminder.Form["ContentSid"]);
        Assert.Equal("Baheri, Hayaghat", JsonDocument.Parse(reminder.Form["ContentVariables"]).RootElement.GetProperty("1").GetString());

        // 17:00: the escalation to the officer (free text: he wrote today) and the admin (template).
        var (_, escalation) = await day.AtAsync(17, 0);
        Assert.Equal([To(Anil), To(Prabhakar)], escalation.Select(r => r.Form["To"]).Order());
        var toAnil = escalation.Single(r => r.Form["To"] == To(Anil)).Form["Body"];
        Assert.StartsWith("🔔 *Darbhanga, Wed 3 Dec, 5:00 pm* — 3 of 18 blocks reported.", toAnil);
        Assert.Contains("*Alinagar*", toAnil);
        Assert.DoesNotContain("*Benipur*", toAnil);

        // 17:30: the final summary, with the correction and the late report in the drive total.
        var (_, final) = await day.AtAsync(17, 30);
        var summary = final.Single(r => r.Form["To"] == To(Ramesh)).Form["Body"];
        Assert.Contains("Wed 3 Dec 2025, 5:30 pm", summary);
        Assert.Contains("Today: *2,735* / 10,000 (27%)", summary);
        Assert.Contains("Drive total (19 Nov – 2 Jan): *3,635*", summary);
        Assert.Contains("vs Tue 2 Dec (900): ▲ 1,835 (+204%)", summary);
        Assert.Contains(" 1. Benipur 1,300 217% +400", summary);
        Assert.Contains("Not reported: Alinagar (—), Bahadurpur (—), Baheri (Kavita Jha)", summary);
        Assert.Equal(5, final.Count);

        // Nothing fires twice, however often the clock is looked at.
        Assert.Equal(0, (await day.AtAsync(23, 0)).Fired);
        Assert.Equal(4, await day.App.ScalarAsync<long>("select count(*) from slot_runs"));
    }

    [Fact]
    public async Task Sundays_are_days_off()
    {
        var sunday = new DateOnly(2025, 12, 7);
        await using var day = await StartDayAsync(At(sunday, 8, 0));
        Assert.Equal(0, (await day.AtAsync(11, 0, sunday)).Fired);
        Assert.Equal(0, (await day.AtAsync(18, 0, sunday)).Fired);
    }

    [Fact]
    public async Task A_holiday_is_a_day_off()
    {
        await using var day = await StartDayAsync(At(Wednesday, 8, 0));
        await day.App.ScalarAsync<int>("insert into holidays (district_id, day, name) select id, @day, 'Chhath' from districts returning 1", new { day = Wednesday });
        Assert.Equal(0, (await day.AtAsync(18, 0)).Fired);
    }

    [Fact]
    public async Task Slots_missed_while_down_are_caught_up_the_same_day_except_a_reminder_after_the_cut_off()
    {
        await using var day = await StartDayAsync(At(Wednesday, 8, 0));
        // ReportBot comes back at 17:10: the progress summary and the escalation still go; the 16:00 reminder does not.
        var (fired, sent) = await day.AtAsync(17, 10);
        Assert.Equal(2, fired);
        Assert.Equal(["escalation at cut-off", "progress summary"],
            await day.App.QueryAsync<string>("select s.name from slot_runs r join schedule_slots s on s.id = r.slot_id order by s.name"));
        Assert.DoesNotContain(sent, r => r.Form.TryGetValue("ContentSid", out var sid) && sid.StartsWith("HXreminder"));
    }

    [Fact]
    public async Task A_schedule_changed_at_run_time_takes_effect_at_the_next_tick()
    {
        await using var day = await StartDayAsync(At(Wednesday, 8, 0));
        await day.App.ScalarAsync<int>("update schedule_slots set cron = '0 9 * * *' where name = 'progress summary' returning 1");
        Assert.Equal(1, (await day.AtAsync(9, 0)).Fired);
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_slot_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var first = await StartDayAsync(At(Wednesday, 11, 5), database);
        await using var second = await StartDayAsync(At(Wednesday, 11, 5), database);

        var fired = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).Rhythm.RunDueAsync(default)));

        Assert.Equal(1, fired.Sum());
        Assert.Equal(5, await first.App.ScalarAsync<long>("select count(*) from outbox where kind = 'summary' and group_id is null"));
        // … and the demo's simulator group gets its post once per language.
        Assert.Equal(2, await first.App.ScalarAsync<long>("select count(*) from outbox where kind = 'summary' and group_id is not null"));
    }

    [Fact]
    public async Task A_text_refused_outside_the_window_goes_again_as_its_template()
    {
        await using var day = await StartDayAsync(At(Wednesday, 8, 30));
        await day.ReportAsync(To(Ramesh), "Benipur 1240");
        day.Twilio.ThenAnswerFor(To(Ramesh), 400, 63016, "Outside messaging window"); // summaries leave concurrently
        var (_, sent) = await day.AtAsync(11, 0);

        var toRamesh = sent.Where(r => r.Form["To"] == To(Ramesh)).ToList();
        Assert.Equal(2, toRamesh.Count);
        Assert.True(toRamesh[0].Form.ContainsKey("Body"));
        Assert.Equal("HXsummaryen", toRamesh[1].Form["ContentSid"]);
    }

    [Fact]
    public async Task A_text_reported_undelivered_for_the_window_goes_again_as_its_template()
    {
        await using var day = await StartDayAsync(At(Wednesday, 8, 30));
        await day.ReportAsync(To(Ramesh), "Benipur 1240");
        var (_, sent) = await day.AtAsync(11, 0);
        Assert.True(sent.Single(r => r.Form["To"] == To(Ramesh)).Form.ContainsKey("Body"));
        var sid = await day.App.ScalarAsync<string>(
            "select o.provider_id from outbox o join members m on m.id = o.member_id where o.kind = 'summary' and m.phone = '919876543210'");

        // Twilio accepted the text, then reports it undelivered: 63016, outside the window.
        using var client = day.App.CreateClient();
        var status = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["MessageStatus"] = "undelivered", ["ErrorCode"] = "63016",
            ["AccountSid"] = ReportBotApp.AccountSid, ["From"] = ReportBotApp.BotNumber, ["To"] = To(Ramesh),
        };
        var before = day.Twilio.Requests.Count;
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await client.SendAsync(Webhooks.Signed(status, "/webhooks/twilio/status"))).StatusCode);

        var requests = await day.Twilio.WaitForRequestsAsync(before + 1);
        Assert.Equal(before + 1, requests.Count);
        Assert.Equal((To(Ramesh), "HXsummaryen"), (requests[^1].Form["To"], requests[^1].Form["ContentSid"]));
    }
}

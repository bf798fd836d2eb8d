using System.Net;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Inbound;

/// <summary>End to end: signed webhooks in, figures and their history in PostgreSQL, replies out at the fake Twilio API.</summary>
public sealed class ReportingFlowTests(PostgresFixture postgres) : TwilioConversation(postgres), IClassFixture<PostgresFixture>
{
    Task<long> BenipurTodayAsync() => App.ScalarAsync<long>(
        "select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur' and f.indicator = 'ayushman'");

    [Fact]
    public async Task A_correction_replaces_the_figure_keeps_the_history_and_shows_the_change()
    {
        Assert.StartsWith("✅ *Benipur* — 1,240 Ayushman cards for ", await ReplyToAsync("Benipur 1240"));
        Assert.StartsWith("✏️ *Benipur* — updated 1,240 → 2,100 Ayushman cards for ", await ReplyToAsync("Benipur 2100"));

        Assert.Equal(2100, await BenipurTodayAsync());
        var history = await App.QueryAsync<(long? Old, long New, string Member)>(
            """
            select h.old_value, h.new_value, m.name from figure_history h join members m on m.id = h.member_id order by h.id
            """);
        Assert.Equal([(null, 1240L, "Ramesh Kumar"), (1240L, 2100L, "Ramesh Kumar")], history);
    }

    [Fact]
    public async Task Plus_n_adds_to_the_days_figure()
    {
        await ReplyToAsync("Benipur 1240");
        Assert.StartsWith("➕ *Benipur* — 1,240 + 300 = 1,540 Ayushman cards", await ReplyToAsync("Benipur +300"));
        Assert.Equal(1540, await BenipurTodayAsync());
    }

    [Fact]
    public async Task The_figure_is_for_today_in_india()
    {
        await ReplyToAsync("Benipur 1240");
        var india = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, india).DateTime);
        Assert.Equal(today.ToString("yyyy-MM-dd"), await App.ScalarAsync<string>("select day::text from figures"));
    }

    [Fact]
    public async Task A_hindi_speaker_is_answered_in_hindi()
    {
        var reply = await ReplyToAsync("जाले ४५५", from: "whatsapp:+919876543211");
        Assert.StartsWith("✅ *जाले* — ", reply);
        Assert.Contains("455 आयुष्मान कार्ड दर्ज", reply);
    }

    [Fact]
    public async Task A_reporter_cannot_set_another_blocks_figure()
    {
        var reply = await ReplyToAsync("Biraul 980");
        Assert.Contains("registered to report for Benipur", reply);
        Assert.Equal(0, await App.ScalarAsync<long>("select count(*) from figures"));
    }

    [Fact]
    public async Task A_district_officer_may_report_for_any_block()
    {
        var reply = await ReplyToAsync("Biraul 980\nJale 455", from: "whatsapp:+919876543213");
        Assert.Contains("*Biraul* — 980", reply);
        Assert.Contains("*Jale* — 455", reply);
    }

    [Fact]
    public async Task One_bad_line_does_not_lose_the_good_one()
    {
        var reply = await ReplyToAsync("Biraul 980\nXyzpur 40", from: "whatsapp:+919876543213");
        Assert.Contains("*Biraul* — 980", reply);
        Assert.Contains("couldn't find \"Xyzpur\" in Darbhanga", reply);
        Assert.Equal(980, await App.ScalarAsync<long>("select value from figures"));
        Assert.Equal("recorded-with-errors", await App.ScalarAsync<string>("select outcome from inbox"));
    }

    [Fact]
    public async Task Help_is_answered_with_the_senders_own_block()
    {
        var reply = await ReplyToAsync("help");
        Assert.Contains("`Benipur 1240`", reply);
    }

    [Fact]
    public async Task Chatter_is_kept_but_not_answered()
    {
        await Webhooks.SendReportAsync(App, "SM" + Guid.NewGuid().ToString("N"), "Good morning sir");
        await Task.Delay(300);
        Assert.Empty(Twilio.Requests);
        Assert.Equal("chatter", await App.ScalarAsync<string>("select outcome from inbox"));
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task A_running_total_alone_records_the_day_as_total_less_the_drive_so_far_and_keeps_the_total()
    {
        await ReplyToAsync("Benipur 1000 kal");
        var reply = await ReplyToAsync("Benipur\nTotal- 1,300");

        Assert.Contains("1,300", reply);
        Assert.Contains("300", reply);
        var (value, stated) = (await App.QueryAsync<(long Value, long? Stated)>(
            """
            select f.value, h.stated_total from figures f join units u on u.id = f.unit_id
            join figure_history h on h.unit_id = f.unit_id and h.day = f.day and h.indicator = f.indicator
            where u.name = 'Benipur' order by f.day desc, h.id desc limit 1
            """)).Single();
        Assert.Equal((300L, (long?)1300), (value, stated));
    }
}

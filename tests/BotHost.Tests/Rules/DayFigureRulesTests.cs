using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Rules;

/// <summary>
/// The rules of a day's figure, each against a real PostgreSQL through the real message flow (README, "The rules of a
/// day's figures"). Ramesh reports for Benipur; the demo drive runs around today with 600 a block and 10,000 a day.
/// </summary>
public sealed class DayFigureRulesTests(PostgresFixture postgres) : TwilioConversation(postgres), IClassFixture<PostgresFixture>
{
    readonly DateOnly _today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);

    async Task<long?> BenipurAsync(DateOnly day) => (await App.QueryAsync<long?>(
        """
        select (select f.value from figures f join units u on u.id = f.unit_id
                where u.name = 'Benipur' and f.indicator = 'ayushman' and f.day = @day)
        """, new { day })).Single();

    /// <summary>Past days' figures for Benipur, as if reported then.</summary>
    Task SeedBenipurAsync(params (int DaysAgo, long Value)[] days) => App.ScalarAsync<int>(
        """
        with seeded as (
            insert into figures (unit_id, indicator, day, value, updated_at)
            select u.id, 'ayushman', @today - d.days_ago, d.value, now()
            from units u, unnest(@daysAgo, @values) as d(days_ago, value)
            where u.name = 'Benipur'
            returning 1)
        select count(*)::int from seeded
        """, new { today = _today, daysAgo = days.Select(d => d.DaysAgo).ToArray(), values = days.Select(d => d.Value).ToArray() });

    [Fact]
    public async Task The_latest_report_is_the_figure_and_every_change_is_kept()
    {
        await ReplyToAsync("Benipur 1240");
        var reply = await ReplyToAsync("Benipur 2100");

        Assert.Contains("updated 1,240 → 2,100", reply);
        Assert.Contains("Send `undo` to go back.", reply);
        Assert.Equal(2100, await BenipurAsync(_today));
        Assert.Equal([(null, 1240L), (1240L, 2100L)],
            await App.QueryAsync<(long?, long?)>("select old_value, new_value from figure_history order by id"));
        var fromMessages = await App.ScalarAsync<long>("select count(distinct inbox_id) from figure_history where member_id is not null");
        Assert.Equal(2, fromMessages);
    }

    [Fact]
    public async Task History_cannot_be_rewritten()
    {
        await ReplyToAsync("Benipur 1240");
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => App.ScalarAsync<int>("update figure_history set new_value = 1 returning 1"));
        Assert.Contains("append-only", error.MessageText);
    }

    [Fact]
    public async Task Undo_reverts_the_senders_own_last_change_step_by_step()
    {
        await ReplyToAsync("Benipur 1240");
        await ReplyToAsync("Benipur 2100");

        Assert.Contains("↩️ *Benipur* — back from 2,100 to 1,240", await ReplyToAsync("undo"));
        Assert.Equal(1240, await BenipurAsync(_today));
        Assert.Contains("taken back; nothing is recorded", await ReplyToAsync("undo"));
        Assert.Null(await BenipurAsync(_today));
        Assert.Equal("🤷 There is no change of yours to undo.", await ReplyToAsync("undo"));
        Assert.Equal(4, await App.ScalarAsync<long>("select count(*) from figure_history"));
    }

    [Fact]
    public async Task Undo_does_not_erase_someone_elses_later_change()
    {
        await ReplyToAsync("Benipur 1240");
        await ReplyToAsync("Benipur 1500", from: "whatsapp:+919876543213"); // the district officer corrects it
        Assert.Contains("no change of yours to undo", await ReplyToAsync("undo"));
        Assert.Equal(1500, await BenipurAsync(_today));
    }

    [Fact]
    public async Task A_late_report_is_recorded_for_its_day_up_to_seven_days_back()
    {
        Assert.Contains("1,240 Ayushman cards for", await ReplyToAsync("Benipur yesterday 1240"));
        Assert.Equal(1240, await BenipurAsync(_today.AddDays(-1)));

        var old = _today.AddDays(-9);
        Assert.Contains("more than 7 days back", await ReplyToAsync($"Benipur 1240 ({old:dd/MM})"));
        Assert.Null(await BenipurAsync(old));
    }

    [Fact]
    public async Task The_window_for_late_reports_is_set_per_campaign()
    {
        await App.ScalarAsync<int>("update campaigns set max_days_back = 2 returning 1");
        var threeDaysAgo = _today.AddDays(-3);
        Assert.Contains("more than 2 days back", await ReplyToAsync($"Benipur 1240 ({threeDaysAgo:dd/MM})"));
        Assert.Null(await BenipurAsync(threeDaysAgo));
    }

    [Fact]
    public async Task A_figure_above_the_ceiling_waits_for_yes()
    {
        var reply = await ReplyToAsync("Benipur 24000");
        Assert.Equal("⚠️ 24,000 is above Benipur's daily limit (20,000). Reply *YES* to record 24,000, or send the right figure.", reply);
        Assert.Null(await BenipurAsync(_today));

        Assert.StartsWith("✅ *Benipur* — 24,000 Ayushman cards", await ReplyToAsync("YES"));
        Assert.Equal(24000, await BenipurAsync(_today));
        Assert.Contains("Nothing is waiting for your YES", await ReplyToAsync("yes"));
    }

    [Fact]
    public async Task A_right_figure_sent_instead_of_yes_replaces_the_held_one()
    {
        await ReplyToAsync("Benipur 24000");
        await ReplyToAsync("Benipur 2400");
        Assert.Contains("Nothing is waiting for your YES", await ReplyToAsync("YES"));
        Assert.Equal(2400, await BenipurAsync(_today));
    }

    [Fact]
    public async Task A_unit_may_have_its_own_lower_ceiling()
    {
        await App.ScalarAsync<int>("update units set plausibility_ceiling = 5000 where name = 'Benipur' returning 1");
        Assert.Contains("above Benipur's daily limit (5,000)", await ReplyToAsync("Benipur 6000"));
        Assert.Null(await BenipurAsync(_today));
    }

    [Fact]
    public async Task Five_times_the_usual_day_is_recorded_but_flagged()
    {
        await SeedBenipurAsync((1, 900), (2, 850), (3, 950));
        var reply = await ReplyToAsync("Benipur 4800");
        Assert.StartsWith("✅ *Benipur* — 4,800 Ayushman cards", reply);
        Assert.Contains("About five times Benipur's usual day (≈ 900)", reply);
        Assert.Equal(4800, await BenipurAsync(_today));
        Assert.Equal("spike", await App.ScalarAsync<string>("select flag from figures where day = @day", new { day = _today }));
    }

    [Fact]
    public async Task An_ordinary_day_is_not_flagged()
    {
        await SeedBenipurAsync((1, 900), (2, 850), (3, 950));
        Assert.DoesNotContain("⚠️", await ReplyToAsync("Benipur 1200"));
        Assert.Null((await App.QueryAsync<string?>("select flag from figures where day = @day", new { day = _today })).Single());
    }

    [Fact]
    public async Task A_running_total_that_falls_is_recorded_but_flagged()
    {
        await App.ScalarAsync<int>("update indicators set cumulative = true where key = 'ayushman' returning 1");
        await SeedBenipurAsync((1, 1500));
        var reply = await ReplyToAsync("Benipur 1200");
        Assert.Contains("Lower than Benipur's total the day before (1,500)", reply);
        Assert.Equal("drop", await App.ScalarAsync<string>("select flag from figures where day = @day", new { day = _today }));
    }

    [Fact]
    public async Task A_report_outside_the_campaigns_window_says_so()
    {
        await App.ScalarAsync<int>("update campaigns set starts_on = @from, ends_on = @to returning 1",
            new { from = _today.AddDays(-10), to = _today.AddDays(-2) });
        var reply = await ReplyToAsync("Benipur 1240");
        Assert.Contains("is outside the Ayushman card drive", reply);
        Assert.Null(await BenipurAsync(_today));
        Assert.Contains("1,240 Ayushman cards", await ReplyToAsync("Benipur 1240 (" + _today.AddDays(-2).ToString("dd/MM") + ")"));
    }

    [Fact]
    public async Task Status_shows_the_senders_block_against_target_its_rank_and_the_district()
    {
        await ReplyToAsync("Biraul 980\nJale 1500", from: "whatsapp:+919876543213");
        await ReplyToAsync("Benipur 1240");
        var status = (await ReplyToAsync("status")).Split('\n');
        Assert.StartsWith("📊 *Darbhanga*, ", status[0]);
        Assert.EndsWith(": 3,720 / 10,000 (37%). Reported: 3 of 18.", status[0]);
        Assert.Equal("• *Benipur*: 1,240 / 600 (207%) — 2nd of 18", status[1]);
    }

    [Fact]
    public async Task An_admin_adds_a_reporter_over_chat_who_can_then_report()
    {
        var reply = await ReplyToAsync("add 98765 00001 Hanuman Nagar Mohan Lal", from: "whatsapp:+919876543214");
        Assert.Equal("👤 Added *Mohan Lal* (+91 98765 00001) to report for Hanuman Nagar.", reply);
        Assert.Contains("*हनुमाननगर* — ", await ReplyToAsync("हनुमाननगर 310", from: "whatsapp:+919876500001"));
    }

    [Fact]
    public async Task An_admins_add_never_turns_an_officer_into_a_reporter()
    {
        var reply = await ReplyToAsync("add 9876543213 Jale Anil Mishra", from: "whatsapp:+919876543214");
        Assert.Equal("🙏 +91 98765 43213 is Anil Mishra's number, registered as an officer, so nothing was changed. A role is changed only in the district's people file.", reply);
        Assert.Equal("officer", await App.ScalarAsync<string>("select role from members where phone = '919876543213'"));
        Assert.Equal(0, await App.ScalarAsync<long>("select count(*) from member_units mu join members m on m.id = mu.member_id where m.phone = '919876543213'"));
    }

    [Fact]
    public async Task An_admins_add_gives_an_existing_reporter_a_unit_and_keeps_the_rest()
    {
        var reply = await ReplyToAsync("add 9876543210 Jale Ramesh Kumar", from: "whatsapp:+919876543214");
        Assert.Equal("👤 Added *Ramesh Kumar* (+91 98765 43210) to report for Benipur and Jale.", reply);
        Assert.Equal("en", await App.ScalarAsync<string>("select language from members where phone = '919876543210'"));
        Assert.Equal(2, await App.ScalarAsync<long>("select count(*) from member_units mu join members m on m.id = mu.member_id where m.phone = '919876543210'"));
    }

    [Fact]
    public async Task A_count_below_zero_is_refused_with_a_clear_reply_and_nothing_recorded()
    {
        await ReplyToAsync("Benipur 1240");
        var reply = await ReplyToAsync("Benipur -5");
        Assert.StartsWith("🤔 A count for *Benipur* can't be below zero, so nothing was recorded.", reply);
        Assert.Contains("`undo`", reply);
        Assert.Equal(1240, await App.ScalarAsync<long>("select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Benipur'"));
    }

    [Fact]
    public async Task Only_an_admin_may_add_people()
    {
        var reply = await ReplyToAsync("add 9876500001 Jale Mohan", from: Webhooks.RameshWhatsApp);
        Assert.Equal("🙏 Only the district's admins can add people. Please ask the district IT manager.", reply);
        Assert.Equal(0, await App.ScalarAsync<long>("select count(*) from members where phone = '919876500001'"));
    }
}

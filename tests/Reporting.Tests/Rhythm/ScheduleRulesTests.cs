using ReportBot.Reporting.Rhythm;

namespace ReportBot.Reporting.Tests.Rhythm;

public sealed class ScheduleRulesTests
{
    static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    static readonly DateOnly Wednesday = new(2025, 12, 3);
    static readonly DistrictCalendar Calendar = new(India, new TimeOnly(17, 0), new HashSet<DayOfWeek> { DayOfWeek.Sunday },
        new HashSet<DateOnly> { new(2025, 12, 5) }, (new(2025, 11, 22), new(2025, 12, 31)));

    static readonly ScheduleSlot Reminder = new(1, SlotKind.Reminder, "reminder", "0 16 * * *");
    static readonly ScheduleSlot Summary = new(2, SlotKind.Summary, "final summary", "30 17 * * *");

    static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => Calendar.At(day, new TimeOnly(hour, minute));

    [Fact]
    public void A_slot_is_due_from_its_time_in_the_districts_zone()
    {
        Assert.Null(ScheduleRules.DueToday(Summary, Calendar, At(Wednesday, 17, 29)));
        Assert.Equal(At(Wednesday, 17, 30), ScheduleRules.DueToday(Summary, Calendar, At(Wednesday, 17, 30)));
        Assert.Equal(new DateTimeOffset(2025, 12, 3, 12, 0, 0, TimeSpan.Zero), ScheduleRules.DueToday(Summary, Calendar, At(Wednesday, 23, 0)));
    }

    [Fact]
    public void A_reminder_is_not_sent_after_the_cut_off()
    {
        Assert.NotNull(ScheduleRules.DueToday(Reminder, Calendar, At(Wednesday, 16, 59)));
        Assert.Null(ScheduleRules.DueToday(Reminder, Calendar, At(Wednesday, 17, 0)));
    }

    [Theory]
    [InlineData(2025, 12, 7)]  // Sunday
    [InlineData(2025, 12, 5)]  // holiday
    [InlineData(2026, 1, 2)]   // after the campaign
    public void Days_off_have_no_slots(int year, int month, int day) =>
        Assert.Null(ScheduleRules.DueToday(Summary, Calendar, At(new DateOnly(year, month, day), 20)));

    [Fact]
    public void No_campaign_no_rhythm() =>
        Assert.Null(ScheduleRules.DueToday(Summary, Calendar with { CampaignDays = null }, At(Wednesday, 20)));

    [Theory]
    [InlineData("0 16 * * *", true)]
    [InlineData("30 17 * * 1-6", true)]
    [InlineData("every day at 5", false)]
    public void Cron_expressions_are_checked(string cron, bool valid) => Assert.Equal(valid, ScheduleRules.IsValid(cron));

    [Fact]
    public void The_next_time_is_computed_in_the_districts_zone() =>
        Assert.Equal(At(new DateOnly(2025, 12, 4), 17, 30), ScheduleRules.Next(Summary, Calendar, At(Wednesday, 18)));
}

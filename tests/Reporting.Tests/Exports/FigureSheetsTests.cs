using ReportBot.Reporting.Exports;

namespace ReportBot.Reporting.Tests.Exports;

/// <summary>The DM's workbook as plain data: rows, totals, targets, below-half marks, history, who is missing.</summary>
public sealed class FigureSheetsTests
{
    static readonly DateOnly Monday = new(2026, 11, 30);
    static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    static readonly DeskIndicator Ayushman = new("ayushman", "Ayushman cards", "आयुष्मान कार्ड", true);
    static readonly DeskIndicator VayVandana = new("vayvandana", "Vay Vandana cards", "वय वंदना कार्ड", false);

    /// <summary>Three blocks, Monday 30 Nov to Sunday 6 Dec, 600 a block a day, 2,000 for the district; Sundays off.</summary>
    static FigureFacts Facts(
        IReadOnlyList<DeskFigure> figures, IReadOnlyList<DeskChange>? history = null, IReadOnlyList<DeskReporter>? reporters = null,
        DateOnly? from = null, DateOnly? to = null, DateOnly? driveStart = null, IReadOnlyList<DeskUnit>? units = null) =>
        new("Darbhanga", "दरभंगा", India, from ?? Monday, to ?? Monday.AddDays(6), driveStart ?? Monday,
            units ?? [new(1, "Benipur", "बेनीपुर"), new(2, "Jale", "जाले"), new(3, "Biraul", "बिरौल")],
            [Ayushman, VayVandana], figures,
            [new(null, "ayushman", 2000), new(1, "ayushman", 600), new(2, "ayushman", 600), new(3, "ayushman", 600)],
            history ?? [], reporters ?? [], [DayOfWeek.Sunday], []);

    static DeskFigure Figure(int unit, int day, long value, string indicator = "ayushman") => new(unit, indicator, Monday.AddDays(day), value);

    [Fact]
    public void Units_are_rows_days_are_columns_and_the_district_total_adds_them_up()
    {
        var book = FigureSheets.Shape(Facts([Figure(1, 0, 700), Figure(2, 0, 250), Figure(1, 1, 650), Figure(3, 1, 100)]));
        var daily = book.Daily;

        Assert.Equal(7, daily.Days.Count);
        Assert.Equal(["Benipur", "Biraul", "Jale"], daily.Rows.Select(r => r.Unit));
        var benipur = daily.Rows[0];
        Assert.Equal([700L, 650L, null, null, null, null, null], benipur.Values);
        Assert.Equal(600 * 6, benipur.Target); // six working days: Sunday is a rest day
        Assert.Equal(1350.0 / 3600, benipur.PercentOfTarget!.Value, 6);
        Assert.Equal(1350, benipur.DriveTotal);

        Assert.Equal("District total", daily.Total.Unit);
        Assert.Equal([950L, 750L, null, null, null, null, null], daily.Total.Values);
        Assert.Equal(2000 * 6, daily.Total.Target);
        Assert.Equal(1700, daily.Total.DriveTotal);
        Assert.Equal("Ayushman cards", daily.Indicator);
    }

    [Fact]
    public void A_working_days_figure_below_half_its_target_is_marked_and_a_rest_days_is_not()
    {
        var book = FigureSheets.Shape(Facts([Figure(2, 0, 299), Figure(2, 1, 300), Figure(2, 6, 10)]));
        var jale = book.Daily.Rows.Single(r => r.Unit == "Jale");
        Assert.Equal([true, false, false, false, false, false, false], jale.BelowHalf);
        // The district's line is marked against the district's own target (2,000 a day).
        Assert.True(book.Daily.Total.BelowHalf[0]);
    }

    [Fact]
    public void The_drive_total_counts_from_the_drives_first_day_even_when_fewer_days_are_shown()
    {
        var facts = Facts([Figure(1, 0, 700), Figure(1, 3, 500), Figure(1, 4, 400)], from: Monday.AddDays(3), to: Monday.AddDays(4));
        var benipur = FigureSheets.Shape(facts).Daily.Rows[0];
        Assert.Equal([500L, 400L], benipur.Values);
        Assert.Equal(1600, benipur.DriveTotal);
        Assert.Equal(1200, benipur.Target);
    }

    [Fact]
    public void Other_indicators_get_a_line_per_unit()
    {
        var book = FigureSheets.Shape(Facts([Figure(1, 0, 30, "vayvandana"), Figure(1, 2, 12, "vayvandana"), Figure(1, 0, 700)]));
        Assert.Equal(3, book.Indicators.Count);
        var benipur = book.Indicators.Single(r => r.Unit == "Benipur");
        Assert.Equal("Vay Vandana cards", benipur.Indicator);
        Assert.Equal([30L, null, 12L, null, null, null, null], benipur.Values);
        Assert.Equal(42, benipur.Total);
    }

    [Fact]
    public void History_is_in_district_time_with_who_and_the_message_and_only_for_the_days_shown()
    {
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var book = FigureSheets.Shape(Facts([], history:
        [
            new(at.AddMinutes(5), 1, "ayushman", Monday, 1240, 2100, "Ramesh Kumar", "Benipur 2100"),
            new(at, 1, "ayushman", Monday, null, 1240, "Ramesh Kumar", "Benipur 1240"),
            new(at, 2, "ayushman", Monday.AddDays(-1), null, 5, "Sunita", "old"),
        ]));
        Assert.Equal(2, book.History.Count);
        var first = book.History[0];
        Assert.Equal(new DateTime(2026, 11, 30, 17, 30, 0), first.When); // 12:00 UTC is 5:30 pm in India
        Assert.Equal((null, 1240L), (first.Old, first.New));
        Assert.Equal((1240L, 2100L, "Ramesh Kumar", "Benipur 2100"), (book.History[1].Old, book.History[1].New, book.History[1].Who, book.History[1].Message));
        Assert.Equal("Ayushman cards", first.Indicator);
    }

    [Fact]
    public void Not_reported_lists_each_missing_unit_on_each_working_day_with_every_reporter()
    {
        var book = FigureSheets.Shape(Facts([Figure(1, 0, 700), Figure(2, 0, 455)],
            reporters: [new(3, "Kavita Jha", "919876543212"), new(3, "Anand", "919876500000"), new(1, "Ramesh Kumar", "919876543210")],
            to: Monday.AddDays(6)));
        var monday = book.NotReported.Where(r => r.Day == Monday).ToList();
        Assert.Equal([("Biraul", "Anand", "+919876500000"), ("Biraul", "Kavita Jha", "+919876543212")],
            monday.Select(r => (r.Unit, r.Reporter, r.Phone)));
        Assert.DoesNotContain(book.NotReported, r => r.Day == Monday.AddDays(6)); // Sunday: nobody is expected
        Assert.Contains(book.NotReported, r => r.Day == Monday.AddDays(1) && r is { Unit: "Jale", Reporter: "", Phone: "" });
    }

    [Fact]
    public void Every_text_from_officials_is_neutralised()
    {
        var book = FigureSheets.Shape(Facts([Figure(9, 0, 700)],
            units: [new(9, "=HYPERLINK(\"http://x\")", null)],
            history: [new(DateTimeOffset.UnixEpoch.AddYears(56), 9, "ayushman", Monday, null, 700, "@evil", "-2+3 cards")],
            reporters: [new(9, "+cmd", "919876543210")]));
        Assert.Equal("'=HYPERLINK(\"http://x\")", book.Daily.Rows[0].Unit);
        Assert.Equal(("'@evil", "'-2+3 cards"), (book.History[0].Who, book.History[0].Message));
        var missing = book.NotReported.First();
        Assert.Equal(("'+cmd", "+919876543210"), (missing.Reporter, missing.Phone));
    }

    [Theory]
    [InlineData("2026-12-07", null, null, "2026-11-23", "2026-12-07")]   // the running campaign's days up to today
    [InlineData("2026-12-30", null, null, "2026-11-23", "2026-12-21")]   // ended: all of it
    [InlineData("2026-11-01", null, null, "2026-10-03", "2026-11-01")]   // not started: the last 30 days
    [InlineData("2026-12-07", "2026-12-01", null, "2026-12-01", "2026-12-07")]
    [InlineData("2026-12-07", null, "2026-12-01", "2026-11-23", "2026-12-01")]
    public void The_range_defaults_to_the_campaigns_days_up_to_today(string today, string? from, string? to, string first, string last)
    {
        var range = FigureRange.Resolve(DateOnly.Parse(today), (new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 21)),
            from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));
        Assert.Null(range.Error);
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), (range.From, range.To));
    }

    [Fact]
    public void A_backwards_or_overlong_range_is_refused_in_one_line()
    {
        Assert.Equal("The range starts on 07/12/2026, after its last day 01/12/2026.",
            FigureRange.Resolve(Monday, null, new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 1)).Error);
        Assert.Contains("more than 366 days", FigureRange.Resolve(Monday, null, new DateOnly(2020, 1, 1), Monday).Error);
    }
}

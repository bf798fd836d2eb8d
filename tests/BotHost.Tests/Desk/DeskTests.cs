using System.Net;
using ClosedXML.Excel;
using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data;
using SkiaSharp;

namespace ReportBot.BotHost.Tests.Desk;

/// <summary>
/// The DM's desk through the real host on a real PostgreSQL: reports posted over Twilio as the block officers post
/// them, then the workbook, its CSV and the day's chart fetched from the admin API (or written by the command line)
/// and read back as the DM's office would open them.
/// </summary>
public sealed class DeskTests(PostgresFixture postgres) : TwilioConversation(postgres), IClassFixture<PostgresFixture>
{
    const string Sunita = "whatsapp:+919876543211";
    const string Anil = "whatsapp:+919876543213";
    const string FormulaName = "=HYPERLINK(\"http://evil.example\",\"Tardih\")";

    static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, India).DateTime);

    /// <summary>Benipur 1,240 corrected to 2,100 (Ramesh); Jale 455 (Sunita, in Hindi); Biraul 200 (the district officer); Tardih renamed to a formula.</summary>
    async Task ReportTheDayAsync()
    {
        await ReplyToAsync("Benipur 1240");
        await ReplyToAsync("Benipur 2100");
        await ReplyToAsync("जाले ४५५", from: Sunita);
        await ReplyToAsync("Biraul 200", from: Anil);
        // An IT manager's import could name a unit so; the workbook must show it as text, never run it.
        await App.ScalarAsync<int>("update units set name = @FormulaName where name = 'Tardih' returning id", new { FormulaName });
    }

    async Task<XLWorkbook> WorkbookAsync(string query = "district=Darbhanga")
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/admin/figures.xlsx?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    static IXLRow RowOf(IXLWorksheet sheet, string unit, int column = 1) =>
        sheet.RowsUsed().Single(r => r.Cell(column).GetString() == unit);

    /// <summary>The Daily sheet's column of a day: the header row (3) holds the days as dates.</summary>
    static int ColumnOf(IXLWorksheet sheet, DateOnly day) =>
        sheet.Row(3).CellsUsed().Single(c => c.DataType == XLDataType.DateTime && DateOnly.FromDateTime(c.GetDateTime()) == day).Address.ColumnNumber;

    [Fact]
    public async Task The_workbook_shows_the_days_figures_totals_and_targets_from_the_database()
    {
        await ReportTheDayAsync();
        using var book = await WorkbookAsync();
        Assert.Equal(["Daily", "Indicators", "History", "Not reported"], book.Worksheets.Select(w => w.Name));

        var daily = book.Worksheet("Daily");
        var today = ColumnOf(daily, Today);
        // The demo drive started 14 days ago: its days up to today are the columns, then target, % and drive total.
        Assert.Equal(15, daily.Row(3).CellsUsed().Count(c => c.DataType == XLDataType.DateTime));
        Assert.Equal("Target", daily.Cell(3, today + 1).GetString());
        Assert.Equal("% of target", daily.Cell(3, today + 2).GetString());
        Assert.Equal("Drive total", daily.Cell(3, today + 3).GetString());

        var benipur = RowOf(daily, "Benipur");
        Assert.Equal(2100, benipur.Cell(today).GetValue<long>());
        Assert.Equal(XLDataType.Number, benipur.Cell(today).DataType);
        Assert.Equal(2100, benipur.Cell(today + 3).GetValue<long>());
        var workingDays = Enumerable.Range(0, 15).Count(i => Today.AddDays(-i).DayOfWeek != DayOfWeek.Sunday);
        Assert.Equal(600L * workingDays, benipur.Cell(today + 1).GetValue<long>());
        Assert.Equal(2100.0 / (600 * workingDays), benipur.Cell(today + 2).GetValue<double>(), 6);
        Assert.Equal(455, RowOf(daily, "Jale").Cell(today).GetValue<long>());
        Assert.True(RowOf(daily, "Baheri").Cell(today).IsEmpty());
        Assert.Contains("##,##0", benipur.Cell(today).Style.NumberFormat.Format);

        var total = RowOf(daily, "District total");
        Assert.Equal(2100 + 455 + 200, total.Cell(today).GetValue<long>());
        Assert.Equal(10_000L * workingDays, total.Cell(today + 1).GetValue<long>());
        Assert.Equal(await App.ScalarAsync<long>("select sum(value) from figures"), total.Cell(today + 3).GetValue<long>());

        // Biraul's 200 is below half its 600: marked (a rest day's figure is not).
        var biraul = RowOf(daily, "Biraul").Cell(today);
        Assert.Equal(Today.DayOfWeek != DayOfWeek.Sunday, biraul.Style.Fill.BackgroundColor == XLColor.FromHtml("#F8D7DA"));
        Assert.NotEqual(XLColor.FromHtml("#F8D7DA"), benipur.Cell(today).Style.Fill.BackgroundColor);

        var indicators = book.Worksheet("Indicators");
        Assert.Equal(18, indicators.RowsUsed().Count(r => r.Cell(1).GetString() == "Vay Vandana cards"));
    }

    [Fact]
    public async Task A_formula_looking_unit_name_stays_text_in_the_workbook()
    {
        await ReportTheDayAsync();
        using var book = await WorkbookAsync();
        foreach (var sheet in new[] { book.Worksheet("Daily"), book.Worksheet("Not reported") })
        {
            var column = sheet.Name == "Daily" ? 1 : 2;
            var cell = sheet.RowsUsed().Select(r => r.Cell(column)).First(c => c.GetString().Contains("HYPERLINK"));
            Assert.Equal("'" + FormulaName, cell.GetString());
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.False(cell.HasFormula);
        }
        Assert.DoesNotContain(book.Worksheets.SelectMany(s => s.CellsUsed()), c => c.HasFormula);
    }

    [Fact]
    public async Task History_shows_every_change_old_to_new_with_who_and_the_message()
    {
        await ReportTheDayAsync();
        using var book = await WorkbookAsync();
        var history = book.Worksheet("History");
        Assert.Equal(["When (district time)", "Unit", "Indicator", "Day", "Old", "New", "Who", "Message"],
            history.Row(1).CellsUsed().Select(c => c.GetString()));
        var benipur = history.RowsUsed().Where(r => r.Cell(2).GetString() == "Benipur").ToList();
        Assert.Equal(2, benipur.Count);
        Assert.True(benipur[0].Cell(5).IsEmpty());
        Assert.Equal(1240, benipur[0].Cell(6).GetValue<long>());
        Assert.Equal(1240, benipur[1].Cell(5).GetValue<long>());
        Assert.Equal(2100, benipur[1].Cell(6).GetValue<long>());
        Assert.Equal("Ramesh Kumar", benipur[1].Cell(7).GetString());
        Assert.Equal("Benipur 2100", benipur[1].Cell(8).GetString());
        Assert.Equal("Ayushman cards", benipur[1].Cell(3).GetString());
        Assert.Equal(Today, DateOnly.FromDateTime(benipur[1].Cell(4).GetDateTime()));
        // When: the district's local time, not UTC.
        var recorded = await App.ScalarAsync<DateTime>("select max(recorded_at) from figure_history");
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(recorded, DateTimeKind.Utc)), India).DateTime;
        Assert.True(Math.Abs((benipur[1].Cell(1).GetDateTime() - local).TotalSeconds) < 1);

        var jale = history.RowsUsed().Single(r => r.Cell(2).GetString() == "Jale");
        Assert.Equal("सुनीता देवी", jale.Cell(7).GetString());
        Assert.Equal("जाले ४५५", jale.Cell(8).GetString());
    }

    [Fact]
    public async Task Not_reported_names_each_missing_units_reporter_and_phone()
    {
        await ReportTheDayAsync();
        using var book = await WorkbookAsync();
        var missing = book.Worksheet("Not reported");
        var today = missing.RowsUsed().Skip(1).Where(r => DateOnly.FromDateTime(r.Cell(1).GetDateTime()) == Today).ToList();
        if (Today.DayOfWeek == DayOfWeek.Sunday)
        {
            Assert.Empty(today); // the district rests on Sundays: nobody is missing
            return;
        }
        Assert.Equal(15, today.Count); // 18 blocks, 3 reported
        var baheri = today.Single(r => r.Cell(2).GetString() == "Baheri");
        Assert.Equal("Kavita Jha", baheri.Cell(3).GetString());
        Assert.Equal("+919876543212", baheri.Cell(4).GetString());
        Assert.Equal(XLDataType.Text, baheri.Cell(4).DataType);
        Assert.DoesNotContain(today, r => r.Cell(2).GetString() is "Benipur" or "Jale" or "Biraul");
        Assert.Equal("", today.Single(r => r.Cell(2).GetString() == "Alinagar").Cell(3).GetString());
    }

    [Fact]
    public async Task The_csv_is_the_daily_sheet()
    {
        await ReportTheDayAsync();
        using var client = App.CreateClient();
        using var response = await client.GetAsync($"/admin/figures.csv?district=darbhanga&from={Today:dd/MM/yyyy}&to={Today:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8's byte-order mark: Excel then reads Hindi names right
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"unit,{Today:yyyy-MM-dd},target,percent_of_target,drive_total", lines[0]);
        Assert.Equal(1 + 18 + 1, lines.Length);
        var target = Today.DayOfWeek == DayOfWeek.Sunday ? "0" : "600";
        Assert.StartsWith($"Benipur,2100,{target},", lines.Single(l => l.StartsWith("Benipur,")));
        Assert.StartsWith("District total,2755,", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("\"'=HYPERLINK(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_command_line_writes_the_workbook_and_the_csv()
    {
        await ReportTheDayAsync();
        var folder = Directory.CreateTempSubdirectory("reportbot-desk-").FullName;
        var xlsx = Path.Combine(folder, "darbhanga.xlsx");
        var output = new StringWriter();
        var exit = await CommandLine.RunAsync(["export", "figures", "--district", "Darbhanga", "--from", Today.AddDays(-2).ToString("dd/MM/yyyy"), "-o", xlsx],
            output, new PostgresOptions { ConnectionString = App.ConnectionString });
        Assert.Equal(0, exit);
        Assert.Contains("Wrote Darbhanga's figures", output.ToString());
        using (var book = new XLWorkbook(xlsx))
        {
            var daily = book.Worksheet("Daily");
            Assert.Equal(3, daily.Row(3).CellsUsed().Count(c => c.DataType == XLDataType.DateTime));
            Assert.Equal(2100, RowOf(daily, "Benipur").Cell(ColumnOf(daily, Today)).GetValue<long>());
        }

        var csv = Path.Combine(folder, "daily.csv");
        Assert.Equal(0, await CommandLine.RunAsync(["export", "figures", "--district", "Darbhanga", "--format", "csv", "--output", csv],
            new StringWriter(), new PostgresOptions { ConnectionString = App.ConnectionString }));
        Assert.Contains(File.ReadAllLines(csv), l => l.StartsWith("Jale,") && l.Contains(",455,"));
    }

    [Fact]
    public async Task A_bad_date_gets_one_line_and_no_file()
    {
        var folder = Directory.CreateTempSubdirectory("reportbot-desk-").FullName;
        var file = Path.Combine(folder, "x.xlsx");
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["export", "figures", "--district", "Darbhanga", "--from", "31/02/2026", "-o", file],
            new StringWriter(), new PostgresOptions { ConnectionString = App.ConnectionString }, error);
        Assert.NotEqual(0, exit);
        var text = error.ToString().Trim();
        Assert.Single(text.Split('\n'));
        Assert.Contains("'31/02/2026' is not a date", text);
        Assert.False(File.Exists(file));

        error = new StringWriter();
        exit = await CommandLine.RunAsync(["export", "figures", "--district", "Darbhanga", "--from", "07/12/2026", "--to", "01/12/2026", "-o", file],
            new StringWriter(), new PostgresOptions { ConnectionString = App.ConnectionString }, error);
        Assert.Equal(2, exit);
        Assert.Equal("The range starts on 07/12/2026, after its last day 01/12/2026.", error.ToString().Trim());

        using var client = App.CreateClient();
        using var response = await client.GetAsync("/admin/figures.xlsx?district=Darbhanga&from=12/25/2026");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a date", await response.Content.ReadAsStringAsync());
        using var nowhere = await client.GetAsync("/admin/figures.xlsx?district=Atlantis");
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("hi")]
    public async Task The_days_chart_is_a_phone_sized_png(string language)
    {
        await ReportTheDayAsync();
        using var client = App.CreateClient();
        using var response = await client.GetAsync($"/admin/chart.png?district=Darbhanga&language={language}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.InRange(png.Length, 20_000, 3_000_000);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(1080, bitmap.Width);
        Assert.InRange(bitmap.Height, 1500, 3000); // 18 bars and the trend, for a phone held upright
    }
}

using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.DeskPages;

/// <summary>
/// The desk in a real browser: the system's Chromium (never a downloaded one), phone-sized, driven by Playwright
/// against the real host listening on a loopback port. The district officer signs in with the code the fake Twilio
/// received, reads the day's table, accepts a flagged figure, corrects a figure past the late limit, downloads the
/// workbook and finds the correction in its cells; then the same desk in Hindi.
/// Set REPORTBOT_DESK_SCREENSHOTS to a folder to keep the screenshots (docs/desk-en.png and docs/desk-hi.png come from it).
/// </summary>
public sealed partial class DeskBrowserTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string Chromium = "/usr/bin/chromium";
    const string Anil = "919876543213";

    static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, India).DateTime);

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    [Fact]
    public async Task An_officer_signs_in_reviews_corrects_and_downloads_the_workbook_on_a_phone()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does)");
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        // The day so far: three blocks reported, Benipur's figure flagged; Benipur ten days ago, past the late limit.
        foreach (var (body, from) in new[] { ("Benipur 1240", Webhooks.RameshWhatsApp), ("जाले ४५५", "whatsapp:+919876543211"), ("Biraul 200", "whatsapp:+919876543213") })
            await Webhooks.SendReportAsync(app, "SM" + Guid.NewGuid().ToString("N"), body, from);
        await app.AllHandledAsync();
        var benipur = await app.ScalarAsync<int>("select id from units where name = 'Benipur'");
        var old = Today.AddDays(-10);
        await app.ScalarAsync<int>(
            """
            update figures set flag = 'spike' where unit_id = @benipur;
            insert into figures (unit_id, indicator, day, value, updated_at) values (@benipur, 'ayushman', @old, 480, now());
            insert into figure_history (unit_id, indicator, day, old_value, new_value, recorded_at) values (@benipur, 'ayushman', @old, null, 480, now());
            select 1
            """, new { benipur, old = old.ToDateTime(TimeOnly.MinValue) });
        var repliesBefore = (await twilio.WaitForRequestsAsync(3)).Count;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, // a phone held upright
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            AcceptDownloads = true,
            Locale = "en-IN",
        });
        var page = await context.NewPageAsync();

        // Signing in: the phone, then the code the officer received on WhatsApp (the fake Twilio).
        await page.GotoAsync(baseUrl + "/desk");
        Assert.EndsWith("/desk/sign-in?ReturnUrl=%2Fdesk", page.Url);
        await page.FillAsync("input[name=phone]", "98765 43213");
        await page.ClickAsync("button[type=submit]");
        var sent = await twilio.WaitForRequestsAsync(repliesBefore + 1);
        var message = sent[^1].Form["Body"];
        Assert.Equal("whatsapp:+919876543213", sent[^1].Form["To"]);
        var code = SixDigits().Match(message).Groups[1].Value;
        await page.FillAsync("input[name=code]", code);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/desk");

        // The day's table, read as the officer reads it.
        var rows = await page.Locator("#standing-table tbody tr").AllInnerTextsAsync();
        Assert.StartsWith("Benipur\t1,240\t600\t207%", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("Jale\t455", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Total\t1,895", StringComparison.Ordinal));
        Assert.True(await page.Locator("#missing a[href='tel:+919876543212']").CountAsync() > 0);
        await Screenshot(page, "desk-en.png");

        // Accepting the flagged figure.
        await page.Locator("#review form[action='/desk/accept'] button").First.ClickAsync();
        await page.WaitForSelectorAsync("p.note:has-text('Accepted.')");
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from figures where reviewed_by is not null"));

        // Correcting Benipur ten days ago, past the late limit, with a reason.
        await page.SelectOptionAsync("#correct select[name=unit]", benipur.ToString());
        await page.FillAsync("#correct input[name=day]", old.ToString("yyyy-MM-dd"));
        await page.FillAsync("#correct input[name=value]", "840");
        await page.FillAsync("#correct input[name=reason]", "Digits swapped; MOIC confirmed 840");
        await page.ClickAsync("#correct button[type=submit]");
        await page.WaitForSelectorAsync("p.note:has-text('Corrected')");
        Assert.Equal("Digits swapped; MOIC confirmed 840", await app.ScalarAsync<string>("select reason from figure_history where reason is not null"));

        // The workbook, downloaded as the browser saves it, opened with ClosedXML.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        // Playwright keeps the download under a name without extension; ClosedXML reads it as a stream.
        await using (var file = File.OpenRead(await download.PathAsync()))
        using (var book = new XLWorkbook(file))
        {
            var daily = book.Worksheet("Daily");
            var header = daily.Row(3).CellsUsed().Where(c => c.DataType == XLDataType.DateTime)
                .ToDictionary(c => DateOnly.FromDateTime(c.GetDateTime()), c => c.Address.ColumnNumber);
            var row = daily.RowsUsed().Single(r => r.Cell(1).GetString() == "Benipur");
            Assert.Equal(1240, row.Cell(header[Today]).GetValue<long>());
            Assert.Equal(840, row.Cell(header[old]).GetValue<long>());
            Assert.Contains(book.Worksheet("History").RowsUsed(), r => r.Cells().Any(c => c.GetString() == "840"));
        }

        // The same desk in Hindi.
        await page.ClickAsync("nav.lang a:has-text('हिंदी')");
        await page.WaitForSelectorAsync("h2:has-text('आज की स्थिति')");
        Assert.StartsWith("बेनीपुर", (await page.Locator("#standing-table tbody tr").AllInnerTextsAsync())[0]);
        await Screenshot(page, "desk-hi.png");
    }

    static async Task Screenshot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("REPORTBOT_DESK_SCREENSHOTS") is { Length: > 0 } kept ? kept : Path.GetTempPath();
        // Two phone screens from the top: the day's total, the chart and the table.
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true, Clip = new() { X = 0, Y = 0, Width = 390, Height = 1688 } });
    }
}

using System.Net;
using ClosedXML.Excel;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.DeskPages;

/// <summary>
/// The desk at /desk through the real host on a real PostgreSQL: signing in with a code the outbox carries (expiry,
/// single use, attempts, rate limit, no enumeration), antiforgery on every form, what a reporter sees, and an officer's
/// correction of a day past the late limit kept in the history with its reason.
/// </summary>
public sealed class DeskPagesTests(PostgresFixture postgres) : TwilioConversation(postgres), IClassFixture<PostgresFixture>
{
    const string Anil = "919876543213";     // district officer
    const string Kavita = "919876543212";   // reporter: Baheri, Hayaghat
    const string Ramesh = "919876543210";   // reporter: Benipur
    const string Nobody = "919999999999";

    static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, India).DateTime);

    DeskSession NewSession() => new(App);

    [Fact]
    public async Task A_code_from_the_members_channel_signs_in_once_and_the_desk_shows_the_days_standing()
    {
        await ReplyToAsync("Benipur 1240");
        using var browser = NewSession();
        var codePage = await browser.AskForCodeAsync("+91 98765 43213");
        // The code goes out as a message to the officer on the default channel (they never wrote): Twilio's WhatsApp.
        var row = (await App.QueryAsync<(string Channel, string Recipient, string Body)>(
            "select channel, recipient, body from outbox where kind = 'desk_code'")).Single();
        Assert.Equal("twilio", row.Channel);
        Assert.Equal("whatsapp:+919876543213", row.Recipient);
        var code = await DeskSession.LastCodeAsync(App, Anil);
        Assert.DoesNotContain(code, codePage);
        // Only its hash is stored.
        Assert.Equal(0, await App.ScalarAsync<long>("select count(*) from desk_codes where position(convert_to(@code, 'UTF8') in code_hash) > 0", new { code }));

        using var signedIn = await browser.TypeCodeAsync(codePage, Anil, code);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var desk = await browser.PageAsync("/desk");
        Assert.Contains("Benipur", desk);
        Assert.Contains("1,240", desk);
        Assert.Contains("Anil Mishra", desk);
        Assert.Contains("href=\"tel:+919876543212\"", desk); // Kavita's blocks have not reported: tap to call …
        Assert.Contains("href=\"https://wa.me/919876543212\"", desk); // … or to write to her

        // The same code a second time, from another browser: spent.
        using var thief = NewSession();
        var otherPage = await thief.AskForCodeAsync(Nobody);
        using var again = await thief.TypeCodeAsync(otherPage, Anil, code);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task An_expired_code_and_a_code_tried_five_times_wrongly_sign_nobody_in()
    {
        using var browser = NewSession();
        var codePage = await browser.AskForCodeAsync(Anil);
        var code = await DeskSession.LastCodeAsync(App, Anil);
        await App.ScalarAsync<int>("update desk_codes set expires_at = now() - interval '1 second' returning 1");
        using (var expired = await browser.TypeCodeAsync(codePage, Anil, code))
            Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);

        codePage = await browser.AskForCodeAsync(Anil);
        code = await DeskSession.LastCodeAsync(App, Anil);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
            using (var response = await browser.TypeCodeAsync(codePage, Anil, wrong))
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using (var late = await browser.TypeCodeAsync(codePage, Anil, code))
            Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(5, await App.ScalarAsync<int>("select attempts from desk_codes order by id desc limit 1"));
    }

    [Fact]
    public async Task Codes_are_rate_limited_per_phone_and_an_unknown_phone_gets_the_same_answer()
    {
        using var browser = NewSession();
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
            answers.Add(Visible(await browser.AskForCodeAsync(Anil)));
        Assert.Equal(3, await App.ScalarAsync<long>("select count(*) from desk_codes"));
        Assert.Equal(3, await App.ScalarAsync<long>("select count(*) from outbox where kind = 'desk_code'"));

        var unknown = Visible(await browser.AskForCodeAsync(Nobody));
        Assert.Equal(3, await App.ScalarAsync<long>("select count(*) from desk_codes"));
        // Known, limited or unknown: one answer, word for word (the phone in the hidden field aside).
        Assert.All(answers, a => Assert.Equal(unknown.Replace(Nobody, Anil), a));
    }

    /// <summary>The page without its per-request antiforgery token.</summary>
    static string Visible(string page) => System.Text.RegularExpressions.Regex.Replace(page, "name=\"__csrf\" value=\"[^\"]+\"", "");

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_changes_nothing()
    {
        await ReplyToAsync("Benipur 1240");
        using var browser = NewSession();
        var desk = await browser.SignInAsync(Anil);
        var fields = new Dictionary<string, string> { ["unit"] = await BenipurAsync(), ["indicator"] = "ayushman", ["day"] = Today.ToString("yyyy-MM-dd"), ["value"] = "5", ["reason"] = "forged" };

        using (var forged = await browser.PostAsync("/desk/correct", desk, new(fields), withToken: false))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // A token from another session is no better.
        using var other = NewSession();
        var othersPage = await other.PageAsync("/desk/sign-in");
        fields["__csrf"] = DeskSession.TokenOf(othersPage);
        using (var stolen = await browser.PostAsync("/desk/correct", desk, new(fields), withToken: false))
            Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        // Nor is a session without a form: the sign-in and code forms are protected too.
        using (var noToken = await other.PostAsync("/desk/sign-in", othersPage, new() { ["phone"] = Anil }, withToken: false))
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(1, await App.ScalarAsync<long>("select count(*) from desk_codes")); // the one that signed in

        Assert.Equal(1240, await App.ScalarAsync<long>("select value from figures"));
        Assert.Equal(0, await App.ScalarAsync<long>("select count(*) from figure_history where reason is not null"));

        // With its token, the same form is taken.
        using (var real = await browser.PostAsync("/desk/correct", desk, new(fields)))
            Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(5, await App.ScalarAsync<long>("select value from figures"));
    }

    [Fact]
    public async Task Without_a_session_pages_go_to_sign_in_and_forms_are_refused()
    {
        using var browser = NewSession();
        using (var page = await browser.Client.GetAsync("/desk"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("http://localhost/desk/sign-in", page.Headers.Location?.ToString());
        }
        using (var workbook = await browser.Client.GetAsync("/desk/figures.xlsx"))
            Assert.Equal(HttpStatusCode.Redirect, workbook.StatusCode);
        var signIn = await browser.PageAsync("/desk/sign-in");
        using var accept = await browser.PostAsync("/desk/accept", signIn, new() { ["unit"] = "1", ["indicator"] = "ayushman", ["day"] = "2026-12-01" });
        Assert.Equal(HttpStatusCode.Unauthorized, accept.StatusCode);
    }

    [Fact]
    public async Task Behind_the_https_proxy_the_desks_cookies_are_secure()
    {
        using var browser = NewSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/desk/sign-in");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await browser.Client.SendAsync(request);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("reportbot_desk_csrf=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));

        // Plain http on this machine (a test, `dotnet run`): not Secure, or the browser would never send them back.
        using var local = NewSession();
        using var plain = await local.Client.GetAsync("/desk/sign-in");
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    async Task<string> BenipurAsync() => (await App.ScalarAsync<int>("select id from units where name = 'Benipur'")).ToString();

    [Fact]
    public async Task A_reporter_sees_and_downloads_only_their_own_units()
    {
        await ReplyToAsync("Benipur 1240");
        using var browser = NewSession();
        var desk = await browser.SignInAsync(Kavita);
        Assert.Contains("Baheri", desk);
        Assert.Contains("Hayaghat", desk);
        Assert.DoesNotContain("Benipur", desk);
        Assert.DoesNotContain("Jale", desk);

        var benipur = await BenipurAsync();
        using (var history = await browser.Client.GetAsync($"/desk/history?unit={benipur}&indicator=ayushman&day={Today:yyyy-MM-dd}"))
            Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        using (var correct = await browser.PostAsync("/desk/correct", desk,
            new() { ["unit"] = benipur, ["indicator"] = "ayushman", ["day"] = Today.ToString("yyyy-MM-dd"), ["value"] = "1", ["reason"] = "mine now" }))
            Assert.Contains("problem=NotYourUnit", correct.Headers.Location?.OriginalString);
        using (var accept = await browser.PostAsync("/desk/accept", desk,
            new() { ["unit"] = benipur, ["indicator"] = "ayushman", ["day"] = Today.ToString("yyyy-MM-dd") }))
            Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
        Assert.Equal(1240, await App.ScalarAsync<long>("select value from figures"));

        using var response = await browser.Client.GetAsync("/desk/figures.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var units = book.Worksheet("Daily").Column(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("Baheri", units);
        Assert.Contains("Hayaghat", units);
        Assert.DoesNotContain("Benipur", units);
    }

    [Fact]
    public async Task An_officer_corrects_a_figure_past_the_late_limit_with_a_reason_and_the_history_keeps_it()
    {
        var benipur = await BenipurAsync();
        var old = Today.AddDays(-10); // the demo drive allows 7 days back
        await App.ScalarAsync<int>(
            """
            insert into figures (unit_id, indicator, day, value, updated_at) values (@unit, 'ayushman', @old, 480, now());
            insert into figure_history (unit_id, indicator, day, old_value, new_value, recorded_at) values (@unit, 'ayushman', @old, null, 480, now());
            select 1
            """, new { unit = int.Parse(benipur), old = old.ToDateTime(TimeOnly.MinValue) });
        var fields = new Dictionary<string, string> { ["unit"] = benipur, ["indicator"] = "ayushman", ["day"] = old.ToString("yyyy-MM-dd"), ["value"] = "840" };

        // The reporter of Benipur: past the late limit, as by message.
        using (var reporter = NewSession())
        {
            var page = await reporter.SignInAsync(Ramesh);
            using var refused = await reporter.PostAsync("/desk/correct", page, new(fields) { ["reason"] = "digits swapped" });
            Assert.Contains("problem=PastLateLimit", refused.Headers.Location?.OriginalString);
        }

        using var officer = NewSession();
        var desk = await officer.SignInAsync(Anil);
        using (var noReason = await officer.PostAsync("/desk/correct", desk, new(fields) { ["reason"] = "  " }))
            Assert.Contains("problem=NoReason", noReason.Headers.Location?.OriginalString);
        Assert.Equal(480, await App.ScalarAsync<long>("select value from figures"));

        using (var corrected = await officer.PostAsync("/desk/correct", desk, new(fields) { ["reason"] = "Digits swapped in the report; MOIC confirmed 840" }))
            Assert.Contains("done=corrected", corrected.Headers.Location?.OriginalString);
        Assert.Equal(840, await App.ScalarAsync<long>("select value from figures"));
        var last = (await App.QueryAsync<(long? Old, long? New, string Reason, string Member)>(
            "select h.old_value, h.new_value, h.reason, m.name from figure_history h join members m on m.id = h.member_id order by h.id desc limit 1")).Single();
        Assert.Equal((480L, 840L, "Digits swapped in the report; MOIC confirmed 840", "Anil Mishra"), (last.Old, last.New, last.Reason, last.Member));

        var history = await officer.PageAsync($"/desk/history?unit={benipur}&indicator=ayushman&day={old:yyyy-MM-dd}");
        Assert.Contains("480 → 840", history);
        Assert.Contains("MOIC confirmed 840", history);
    }

    [Fact]
    public async Task An_officer_accepts_a_flagged_figure_and_it_leaves_the_review_list()
    {
        await ReplyToAsync("Benipur 1240");
        await App.ScalarAsync<int>("update figures set flag = 'spike' returning 1");
        using var officer = NewSession();
        var desk = await officer.SignInAsync(Anil);
        Assert.Contains("unusually high", desk);
        using (var accepted = await officer.PostAsync("/desk/accept", desk,
            new() { ["unit"] = await BenipurAsync(), ["indicator"] = "ayushman", ["day"] = Today.ToString("yyyy-MM-dd") }))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(1, await App.ScalarAsync<long>("select count(*) from figures where reviewed_at >= updated_at and reviewed_by is not null"));
        Assert.DoesNotContain("unusually high", await officer.PageAsync("/desk"));
    }

    [Fact]
    public async Task The_desk_speaks_the_members_language_and_switches()
    {
        using var browser = NewSession();
        await App.ScalarAsync<int>("update members set language = 'hi' where phone = @Anil returning 1", new { Anil });
        var desk = await browser.SignInAsync(Anil);
        Assert.Contains("आज की स्थिति", desk);
        Assert.Contains("बेनीपुर", desk);
        var english = await browser.PageAsync("/desk?lang=en");
        Assert.Contains("Flagged for review", english);
        Assert.Contains("Flagged for review", await browser.PageAsync("/desk")); // the choice is kept
    }
}

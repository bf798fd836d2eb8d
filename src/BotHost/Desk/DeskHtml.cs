using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ReportBot.Data.Desk;
using ReportBot.Reporting.Desk;
using ReportBot.Reporting.Replies;

namespace ReportBot.BotHost.Desk;

/// <summary>A form's antiforgery field: its name and this request's token.</summary>
public sealed record FormToken(string Name, string Value);

/// <summary>
/// The desk's pages as HTML, written by hand: no SPA, no script, forms that post back. Every text from the database or
/// the request is encoded here, and every form carries the antiforgery token. Laid out for a phone held upright first.
/// </summary>
public static class DeskHtml
{
    /// <summary>Devanagari as itself, not as &amp;#x...; (the default encoder escapes all but Latin).</summary>
    static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    static string E(string? text) => Html.Encode(text ?? "");

    static string N(long value) => IndianNumber.Format(value);

    static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Dmy(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    const string Style = """
        :root{font-family:"Noto Sans","Noto Sans Devanagari",system-ui,sans-serif;color:#1b1b1b;background:#f6f7f9}
        body{margin:0;padding:0 12px 40px;max-width:960px;margin-inline:auto;font-size:16px;line-height:1.4}
        header{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;padding:12px 0}
        h1{font-size:1.25rem;margin:0}h2{font-size:1.1rem;margin:24px 0 8px}
        section{background:#fff;border-radius:8px;padding:8px 12px;margin:12px 0;box-shadow:0 1px 2px #0002}
        table{border-collapse:collapse;width:100%}th,td{padding:6px 4px;border-bottom:1px solid #e3e3e3;text-align:left}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tr.low td{background:#fde8e8}tr.missing td{color:#777}
        tr.total td{font-weight:bold}
        a{color:#0b57d0}a.button,button{display:inline-block;border:0;border-radius:6px;padding:8px 12px;font-size:1rem;
          background:#0b57d0;color:#fff;text-decoration:none;cursor:pointer}
        button.quiet,a.quiet{background:#e8eefb;color:#0b57d0}
        input,select{font-size:1rem;padding:8px;border:1px solid #bbb;border-radius:6px;max-width:100%;box-sizing:border-box}
        form.inline{display:inline}form.stack{display:grid;gap:8px;max-width:420px}
        .note{padding:8px 12px;border-radius:6px;background:#e7f5ea}.error{background:#fde8e8}
        .muted{color:#666;font-size:.9rem}img.chart{width:100%;height:auto}
        ul.missing{list-style:none;padding:0;margin:0}ul.missing li{padding:6px 0;border-bottom:1px solid #eee}
        ul.missing a{margin-left:8px}
        """;

    static void Page(StringBuilder b, DeskText t, string title, string body)
    {
        b.Append("<!doctype html><html lang=\"").Append(t.Lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append(body).Append("</body></html>");
    }

    static string Token(FormToken token) => $"<input type=\"hidden\" name=\"{E(token.Name)}\" value=\"{E(token.Value)}\">";

    static string Languages(string path) =>
        $"<nav class=\"lang\"><a href=\"{E(path)}{(path.Contains('?') ? '&' : '?')}lang=en\">English</a> · <a href=\"{E(path)}{(path.Contains('?') ? '&' : '?')}lang=hi\">हिंदी</a></nav>";

    /// <summary>The first page: the phone number; then, once a code was asked for, the code.</summary>
    public static string SignIn(DeskText t, FormToken token, string? phone, string? note, bool error)
    {
        var body = new StringBuilder();
        body.Append("<header><h1>").Append(E(t.Title)).Append("</h1>").Append(Languages("/desk/sign-in")).Append("</header><section>")
            .Append("<h2>").Append(E(t.SignInTitle)).Append("</h2>");
        if (note is not null)
            body.Append("<p class=\"note").Append(error ? " error" : "").Append("\" role=\"status\">").Append(E(note)).Append("</p>");
        if (phone is null)
            body.Append("<form class=\"stack\" method=\"post\" action=\"/desk/sign-in\">").Append(Token(token))
                .Append("<label>").Append(E(t.PhoneLabel)).Append(" <input name=\"phone\" type=\"tel\" autocomplete=\"tel\" required placeholder=\"98765 43210\"></label>")
                .Append("<button type=\"submit\">").Append(E(t.SendCode)).Append("</button></form>");
        else
            body.Append("<form class=\"stack\" method=\"post\" action=\"/desk/code\">").Append(Token(token))
                .Append("<input type=\"hidden\" name=\"phone\" value=\"").Append(E(phone)).Append("\">")
                .Append("<label>").Append(E(t.CodeLabel)).Append(" <input name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required pattern=\"[0-9०-९ ]*\"></label>")
                .Append("<button type=\"submit\">").Append(E(t.SignIn)).Append("</button></form>")
                .Append("<p><a href=\"/desk/sign-in\">").Append(E(t.SendCode)).Append("</a></p>");
        body.Append("</section>");
        var b = new StringBuilder();
        Page(b, t, t.SignInTitle, body.ToString());
        return b.ToString();
    }

    /// <summary>The desk itself: the day's standing (table and chart), who is missing, review, correction, the drive, the workbook.</summary>
    public static string Board(DeskText t, FormToken token, DeskMember member, DeskBoardView view, IReadOnlyList<(int Id, string Name)> units,
        DateOnly today, string? note, bool error)
    {
        var viewer = member.Viewer;
        var day = Iso(view.Day);
        var body = new StringBuilder();
        body.Append("<header><h1>").Append(E(t.Title)).Append(" · ").Append(E(view.District)).Append("</h1>")
            .Append(Languages($"/desk?date={day}"))
            .Append("<span class=\"muted\">").Append(E(viewer.Name)).Append("</span>")
            .Append("<form class=\"inline\" method=\"post\" action=\"/desk/sign-out\">").Append(Token(token))
            .Append("<button class=\"quiet\" type=\"submit\">").Append(E(t.SignOut)).Append("</button></form></header>");
        if (note is not null)
            body.Append("<p class=\"note").Append(error ? " error" : "").Append("\" role=\"status\">").Append(E(note)).Append("</p>");

        body.Append("<form class=\"inline\" method=\"get\" action=\"/desk\"><label>").Append(E(t.Day))
            .Append(" <input type=\"date\" name=\"date\" value=\"").Append(day).Append("\" max=\"").Append(Iso(today)).Append("\"></label> ")
            .Append("<button class=\"quiet\" type=\"submit\">").Append(E(t.Show)).Append("</button></form> ")
            .Append("<a class=\"button\" id=\"download\" href=\"/desk/figures.xlsx\">").Append(E(t.Download)).Append("</a>");

        // The day's standing.
        body.Append("<section id=\"standing\"><h2>").Append(E(t.Standing)).Append(" · ").Append(Dmy(view.Day)).Append("</h2><p>")
            .Append(E(view.Target is { } target ? string.Format(CultureInfo.InvariantCulture, t.TotalOf, N(view.Total), N(target)) : $"{t.Total} {N(view.Total)}"))
            .Append(" · ").Append(E(string.Format(CultureInfo.InvariantCulture, t.Reported, view.Reported, view.Standing.Count))).Append("</p>")
            .Append("<img class=\"chart\" alt=\"").Append(E(t.Standing)).Append("\" src=\"/desk/chart.png?date=").Append(day).Append("&amp;lang=").Append(t.Lang).Append("\">")
            .Append("<table id=\"standing-table\"><thead><tr><th>").Append(E(t.Unit)).Append("</th><th class=\"n\">").Append(E(t.Figure))
            .Append("</th><th class=\"n\">").Append(E(t.Target)).Append("</th><th class=\"n\">").Append(E(t.Percent)).Append("</th></tr></thead><tbody>");
        foreach (var row in view.Standing)
        {
            body.Append("<tr data-unit=\"").Append(row.UnitId).Append('"').Append(row.Value is null ? " class=\"missing\"" : row.BelowHalf ? " class=\"low\"" : "").Append("><td>")
                .Append(E(row.Unit)).Append("</td><td class=\"n\">");
            if (row.Value is { } value)
                body.Append("<a href=\"/desk/history?unit=").Append(row.UnitId).Append("&amp;indicator=").Append(E(view.Indicator)).Append("&amp;day=").Append(day).Append("\">").Append(N(value)).Append("</a>");
            else
                body.Append("<span class=\"muted\" title=\"").Append(E(t.NotReportedYet)).Append("\">—</span>");
            body.Append("</td><td class=\"n\">").Append(row.Target is { } tg ? N(tg) : "").Append("</td><td class=\"n\">")
                .Append(row.Percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : "").Append("</td></tr>");
        }
        body.Append("<tr class=\"total\"><td>").Append(E(t.Total)).Append("</td><td class=\"n\">").Append(N(view.Total)).Append("</td><td class=\"n\">")
            .Append(view.Target is { } tt ? N(tt) : "").Append("</td><td></td></tr></tbody></table></section>");

        // Who has not reported: a tap calls them, or opens a WhatsApp chat with them.
        body.Append("<section id=\"missing\"><h2>").Append(E(t.NotReported)).Append("</h2>");
        if (view.Missing.Count == 0)
            body.Append("<p>").Append(E(t.NobodyMissing)).Append("</p>");
        else
        {
            body.Append("<ul class=\"missing\">");
            foreach (var unit in view.Missing)
            {
                body.Append("<li><strong>").Append(E(unit.Unit)).Append("</strong>");
                if (unit.Reporters.Count == 0)
                    body.Append(" <span class=\"muted\">").Append(E(t.NoReporter)).Append("</span>");
                foreach (var (name, phone) in unit.Reporters)
                    body.Append("<br>").Append(E(name)).Append(" <a href=\"tel:+").Append(E(phone)).Append("\">").Append(E(t.Call)).Append("</a>")
                        .Append(" <a href=\"https://wa.me/").Append(E(phone)).Append("\">").Append(E(t.WhatsApp)).Append("</a>");
                body.Append("</li>");
            }
            body.Append("</ul>");
        }
        body.Append("</section>");

        // Flagged figures: an officer accepts one as it stands, or corrects it with a reason.
        body.Append("<section id=\"review\"><h2>").Append(E(t.Review)).Append("</h2>");
        if (view.Review.Count == 0)
            body.Append("<p>").Append(E(t.NothingToReview)).Append("</p>");
        foreach (var flag in view.Review)
        {
            var fday = Iso(flag.Day);
            body.Append("<div class=\"flag\" data-unit=\"").Append(flag.UnitId).Append("\" data-day=\"").Append(fday).Append("\"><p><strong>").Append(E(flag.Unit))
                .Append("</strong> · ").Append(Dmy(flag.Day)).Append(" · ").Append(E(flag.IndicatorName)).Append(": <a href=\"/desk/history?unit=").Append(flag.UnitId)
                .Append("&amp;indicator=").Append(E(flag.Indicator)).Append("&amp;day=").Append(fday).Append("\">").Append(N(flag.Value)).Append("</a> (")
                .Append(E(t.FlagName(flag.Flag))).Append(")</p>");
            if (viewer.MayReview())
                body.Append("<form class=\"inline\" method=\"post\" action=\"/desk/accept\">").Append(Token(token)).Append(Hidden(flag.UnitId, flag.Indicator, fday, day))
                    .Append("<button type=\"submit\">").Append(E(t.Accept)).Append("</button></form> ");
            body.Append("<form class=\"inline\" method=\"post\" action=\"/desk/correct\">").Append(Token(token)).Append(Hidden(flag.UnitId, flag.Indicator, fday, day))
                .Append("<input name=\"value\" type=\"number\" min=\"0\" required aria-label=\"").Append(E(t.NewValue)).Append("\" placeholder=\"").Append(E(t.NewValue)).Append("\"> ")
                .Append("<input name=\"reason\" required maxlength=\"500\" aria-label=\"").Append(E(t.Reason)).Append("\" placeholder=\"").Append(E(t.Reason)).Append("\"> ")
                .Append("<button class=\"quiet\" type=\"submit\">").Append(E(t.Correct)).Append("</button></form></div>");
        }
        body.Append("</section>");

        // Any figure, any day: officers past the late limit too; always with a reason.
        body.Append("<section id=\"correct\"><h2>").Append(E(t.CorrectTitle)).Append("</h2><p class=\"muted\">").Append(E(t.CorrectHint)).Append("</p>")
            .Append("<form class=\"stack\" method=\"post\" action=\"/desk/correct\">").Append(Token(token))
            .Append("<input type=\"hidden\" name=\"indicator\" value=\"").Append(E(view.Indicator)).Append("\"><input type=\"hidden\" name=\"back\" value=\"").Append(day).Append("\">")
            .Append("<label>").Append(E(t.Unit)).Append(" <select name=\"unit\" required>");
        foreach (var (id, name) in units)
            body.Append("<option value=\"").Append(id).Append("\">").Append(E(name)).Append("</option>");
        body.Append("</select></label><label>").Append(E(t.Day)).Append(" <input type=\"date\" name=\"day\" required value=\"").Append(day)
            .Append("\" max=\"").Append(Iso(today)).Append("\"></label>")
            .Append("<label>").Append(E(t.NewValue)).Append(" <input name=\"value\" type=\"number\" min=\"0\" required></label>")
            .Append("<label>").Append(E(t.Reason)).Append(" <input name=\"reason\" required maxlength=\"500\"></label>")
            .Append("<button type=\"submit\">").Append(E(t.Correct)).Append("</button></form></section>");

        // The drive by day.
        body.Append("<section id=\"drive\"><h2>").Append(E(t.Drive)).Append("</h2><table><thead><tr><th>").Append(E(t.Day)).Append("</th><th class=\"n\">")
            .Append(E(t.Total)).Append("</th><th class=\"n\">").Append(E(t.Target)).Append("</th></tr></thead><tbody>");
        foreach (var d in view.Drive.AsEnumerable().Reverse())
            body.Append("<tr").Append(d.Target is { } dt && d.Total * 2 < dt ? " class=\"low\"" : "").Append("><td><a href=\"/desk?date=").Append(Iso(d.Day)).Append("\">")
                .Append(Dmy(d.Day)).Append("</a></td><td class=\"n\">").Append(N(d.Total)).Append("</td><td class=\"n\">")
                .Append(d.Target is { } target2 ? N(target2) : "—").Append("</td></tr>");
        body.Append("</tbody></table></section>");

        var b = new StringBuilder();
        Page(b, t, $"{t.Title} · {view.District}", body.ToString());
        return b.ToString();
    }

    static string Hidden(int unitId, string indicator, string day, string back) =>
        $"<input type=\"hidden\" name=\"unit\" value=\"{unitId}\"><input type=\"hidden\" name=\"indicator\" value=\"{E(indicator)}\">" +
        $"<input type=\"hidden\" name=\"day\" value=\"{day}\"><input type=\"hidden\" name=\"back\" value=\"{back}\">";

    /// <summary>One figure's history: every change, who made it, from which message or for which reason.</summary>
    public static string History(DeskText t, string unit, string indicator, DateOnly day, IReadOnlyList<FigureChange> changes, TimeZoneInfo zone)
    {
        var body = new StringBuilder();
        body.Append("<header><h1>").Append(E(t.History)).Append(" · ").Append(E(unit)).Append(" · ").Append(Dmy(day)).Append("</h1></header>")
            .Append("<p><a href=\"/desk?date=").Append(Iso(day)).Append("\">").Append(E(t.Back)).Append("</a></p><section><p>").Append(E(indicator)).Append("</p>")
            .Append("<table id=\"history\"><thead><tr><th>").Append(E(t.When)).Append("</th><th>").Append(E(t.Change)).Append("</th><th>").Append(E(t.Who))
            .Append("</th><th>").Append(E(t.Source)).Append("</th></tr></thead><tbody>");
        foreach (var c in changes)
            body.Append("<tr><td>").Append(TimeZoneInfo.ConvertTime(c.RecordedAt, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(c.OldValue is { } o ? N(o) : "—").Append(" → ").Append(c.NewValue is { } n ? N(n) : "—")
                .Append("</td><td>").Append(E(c.Member)).Append("</td><td>")
                .Append(c.Reason is { } reason ? $"<em>{E(t.Reason)}:</em> {E(reason)}" : E(c.Message)).Append("</td></tr>");
        body.Append("</tbody></table></section>");
        var b = new StringBuilder();
        Page(b, t, t.History, body.ToString());
        return b.ToString();
    }
}

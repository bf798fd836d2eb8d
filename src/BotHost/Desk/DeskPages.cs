using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using ReportBot.Data.Desk;
using ReportBot.Reporting.Desk;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Desk;

/// <summary>
/// The DM's desk at /desk, for district officers and admins (and reporters, who see their own units): server-rendered
/// pages with forms, a cookie session after a one-time code sent on the member's channel, and ASP.NET Core's
/// antiforgery token on every form that changes anything. The webhooks and the admin API bind no forms, so antiforgery
/// never asks anything of them.
/// </summary>
public static class DeskPages
{
    public const string Scheme = "Desk";
    const string LanguageCookie = "reportbot_desk_lang";

    /// <summary>The session cookie, the antiforgery token and the policy the desk's pages ask for.</summary>
    public static IServiceCollection AddDeskSessions(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "reportbot_desk";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // https behind Caddy; http on a test's loopback
            options.LoginPath = "/desk/sign-in";
            options.ExpireTimeSpan = TimeSpan.FromHours(12); // a working day; sliding while in use
            options.SlidingExpiration = true;
            // A page asked for without a session goes to the sign-in page; anything else (a form posted, a script) is
            // simply refused, so that nothing but a person's browser is ever redirected.
            options.Events.OnRedirectToLogin = context =>
            {
                if (HttpMethods.IsGet(context.Request.Method))
                    context.Response.Redirect(context.RedirectUri);
                else
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "reportbot_desk_csrf";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__csrf";
        });
        return services;
    }

    /// <summary>Sessions, authorization and antiforgery in the pipeline, then the desk's pages.</summary>
    public static WebApplication UseDesk(this WebApplication app)
    {
        // Behind Caddy (infra/Caddyfile) a browser's https request arrives as http from 127.0.0.1, with
        // X-Forwarded-Proto: https. The desk's cookies are Secure when the browser's request was https, so the desk
        // reads that header — from a proxy on this machine only (the middleware's default), and on /desk only.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/desk"),
            desk => desk.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto }));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapDeskPages();
        return app;
    }

    public static IEndpointRouteBuilder MapDeskPages(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/desk");
        var signedIn = desk.MapGroup("").RequireAuthorization();

        desk.MapGet("/sign-in", (HttpContext http, IAntiforgery csrf, string? lang) =>
            http.User.Identity?.IsAuthenticated == true
                ? TypedResults.LocalRedirect("/desk")
                : Html(DeskHtml.SignIn(Text(http, lang, null), Token(http, csrf), null, null, false)));

        desk.MapPost("/sign-in", async (HttpContext http, IAntiforgery csrf, DeskSignIn signIn, [FromForm] string? phone, CancellationToken ct) =>
        {
            var t = Text(http, null, null);
            if (DeskSignIn.Phone(phone) is not { } digits)
                return Html(DeskHtml.SignIn(t, Token(http, csrf), null, t.BadPhone, true));
            // Known or not, limited or not: the same answer, so that the page tells nobody whose phone is registered.
            await signIn.RequestCodeAsync(digits, ct);
            return Html(DeskHtml.SignIn(t, Token(http, csrf), digits, t.CodeSent, false));
        });

        desk.MapPost("/code", async Task<IResult> (HttpContext http, IAntiforgery csrf, DeskSignIn signIn, [FromForm] string? phone, [FromForm] string? code, CancellationToken ct) =>
        {
            var t = Text(http, null, null);
            if (DeskSignIn.Phone(phone) is not { } digits)
                return Html(DeskHtml.SignIn(t, Token(http, csrf), null, t.BadPhone, true));
            var (check, memberId) = await signIn.CheckAsync(digits, code ?? "", ct);
            if (check != CodeCheck.SignedIn || memberId is not { } id)
                return Html(DeskHtml.SignIn(t, Token(http, csrf), digits, t.CodeRefused, true), StatusCodes.Status400BadRequest);
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString(CultureInfo.InvariantCulture))], Scheme);
            await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
            return TypedResults.LocalRedirect("/desk");
        });

        desk.MapPost("/sign-out", async (HttpContext http, [FromForm] string? unused) =>
        {
            await http.SignOutAsync(Scheme);
            return TypedResults.LocalRedirect("/desk/sign-in");
        }).RequireAuthorization();

        signedIn.MapGet("", async Task<IResult> (HttpContext http, IAntiforgery csrf, DeskStore store, FigureDesk figures, string? date, string? lang,
            string? done, string? problem, CancellationToken ct) =>
        {
            if (await MemberAsync(http, store, ct) is not { } member)
                return await SignedOutAsync(http);
            var t = Text(http, lang, member.Language);
            DateOnly? day = LocalDays.TryParse(date, out var parsed) ? parsed : null;
            if (await figures.BoardAsync(member, day, t.Lang == "hi", ct) is not var (view, today))
                return TypedResults.NotFound();
            var units = view.Standing.OrderBy(s => s.Unit, StringComparer.Ordinal).Select(s => (s.UnitId, s.Unit)).ToList();
            var (note, error) = done switch
            {
                "accepted" => (t.Accepted, false),
                "corrected" => (t.Corrected, false),
                _ => problem is not null ? (Enum.TryParse<CorrectionVerdict>(problem, out var v) ? t.Refusal(v) : t.NoSuchFigure, true) : ((string?)null, false),
            };
            return Html(DeskHtml.Board(t, Token(http, csrf), member, view, units, today, note, error));
        });

        signedIn.MapGet("/chart.png", async Task<IResult> (HttpContext http, DeskStore store, FigureDesk figures, string? date, string? lang, CancellationToken ct) =>
        {
            if (await MemberAsync(http, store, ct) is not { } member)
                return TypedResults.Unauthorized();
            var t = Text(http, lang, member.Language);
            DateOnly? day = LocalDays.TryParse(date, out var parsed) ? parsed : null;
            var answer = await figures.ChartAsync(member.District, day, t.Lang, ct, member.Viewer);
            return answer.Value is { } plan ? TypedResults.File(DayChart.Png(plan), "image/png") : TypedResults.NotFound();
        });

        signedIn.MapGet("/figures.xlsx", async Task<IResult> (HttpContext http, DeskStore store, FigureDesk figures, string? from, string? to, CancellationToken ct) =>
        {
            if (await MemberAsync(http, store, ct) is not { } member)
                return TypedResults.Unauthorized();
            DateOnly? first = LocalDays.TryParse(from, out var f) ? f : null, last = LocalDays.TryParse(to, out var l) ? l : null;
            var answer = await figures.WorkbookAsync(member.District, first, last, ct, member.Viewer);
            return answer.Value is { } book
                ? TypedResults.File(FiguresWorkbook.Xlsx(book), DeskApi.XlsxType, DeskApi.FileName(book, "xlsx"))
                : TypedResults.BadRequest(answer.Error);
        });

        signedIn.MapGet("/history", async Task<IResult> (HttpContext http, DeskStore store, FigureDesk figures, int unit, string indicator, string day, string? lang, CancellationToken ct) =>
        {
            if (await MemberAsync(http, store, ct) is not { } member)
                return TypedResults.Unauthorized();
            var t = Text(http, lang, member.Language);
            if (!LocalDays.TryParse(day, out var date) || !member.Viewer.MaySee(unit)
                || await store.UnitAsync(member.Viewer.DistrictId, unit, ct) is not var (name, nameHi))
                return TypedResults.NotFound();
            var changes = await store.HistoryAsync(member.Viewer.DistrictId, unit, indicator, date, ct);
            return Html(DeskHtml.History(t, t.Lang == "hi" ? nameHi ?? name : name, indicator, date, changes, await figures.TimeZoneAsync(member.District, ct)));
        });

        signedIn.MapPost("/accept", async Task<IResult> (HttpContext http, DeskStore store, TimeProvider time,
            [FromForm] int unit, [FromForm] string indicator, [FromForm] string day, [FromForm] string? back, CancellationToken ct) =>
        {
            if (await MemberAsync(http, store, ct) is not { } member)
                return TypedResults.Unauthorized();
            if (!member.Viewer.MayReview())
                return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
            var accepted = LocalDays.TryParse(day, out var date)
                && await store.AcceptAsync(member.Viewer.DistrictId, unit, indicator, date, member.Viewer.MemberId, time.GetUtcNow(), ct);
            return Back(back, accepted ? "done=accepted" : "problem=none");
        });

        signedIn.MapPost("/correct", async Task<IResult> (HttpContext http, DeskStore store, FigureDesk figures,
            [FromForm] int unit, [FromForm] string indicator, [FromForm] string day, [FromForm] long value, [FromForm] string? reason, [FromForm] string? back,
            CancellationToken ct) =>
        {
            if (await MemberAsync(http, store, ct) is not { } member)
                return TypedResults.Unauthorized();
            if (!LocalDays.TryParse(day, out var date))
                return Back(back, "problem=none");
            var verdict = await figures.CorrectAsync(member.Viewer, unit, indicator, date, value, reason, ct);
            return Back(back, verdict == CorrectionVerdict.Correct ? "done=corrected" : $"problem={verdict?.ToString() ?? "none"}");
        });

        return app;
    }

    /// <summary>Back to the desk's day the form was posted from, with what became of it.</summary>
    static IResult Back(string? back, string outcome) =>
        TypedResults.LocalRedirect(LocalDays.TryParse(back, out var day)
            ? $"/desk?date={day:yyyy-MM-dd}&{outcome}"
            : $"/desk?{outcome}");

    static async Task<DeskMember?> MemberAsync(HttpContext http, DeskStore store, CancellationToken ct) =>
        int.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            ? await store.MemberAsync(id, ct)
            : null;

    /// <summary>A session whose member is gone ends.</summary>
    static async Task<IResult> SignedOutAsync(HttpContext http)
    {
        await http.SignOutAsync(Scheme);
        return TypedResults.LocalRedirect("/desk/sign-in");
    }

    /// <summary>The page's language: one just chosen (kept in a cookie), else the one chosen before, else the member's.</summary>
    static DeskText Text(HttpContext http, string? chosen, string? memberLanguage)
    {
        if (chosen is "en" or "hi")
        {
            http.Response.Cookies.Append(LanguageCookie, chosen, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return DeskText.For(chosen);
        }
        return DeskText.For(http.Request.Cookies[LanguageCookie] is "en" or "hi" ? http.Request.Cookies[LanguageCookie] : memberLanguage);
    }

    static FormToken Token(HttpContext http, IAntiforgery csrf)
    {
        var tokens = csrf.GetAndStoreTokens(http);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken!);
    }

    static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
}

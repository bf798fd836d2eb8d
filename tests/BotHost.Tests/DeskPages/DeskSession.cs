using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.DeskPages;

/// <summary>
/// A browser's worth of the desk over HTTP: its own cookies (the session and the antiforgery cookie), no redirects
/// followed, and the forms' hidden antiforgery field read from each page as a browser would post it back.
/// </summary>
public sealed partial class DeskSession(ReportBotApp app) : IDisposable
{
    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    /// <summary>The antiforgery token of the form on <paramref name="page"/>.</summary>
    public static string TokenOf(string page) => WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);

    public async Task<string> PageAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form from <paramref name="page"/> (its token added unless <paramref name="withToken"/> is false).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string page, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken)
            fields["__csrf"] = TokenOf(page);
        return await Client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Asks for a code for <paramref name="phone"/>; returns the page that answers.</summary>
    public async Task<string> AskForCodeAsync(string phone)
    {
        var page = await PageAsync("/desk/sign-in");
        using var response = await PostAsync("/desk/sign-in", page, new() { ["phone"] = phone });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Types <paramref name="code"/> on the code page; returns the response (302 to /desk when signed in).</summary>
    public async Task<HttpResponseMessage> TypeCodeAsync(string codePage, string phone, string code) =>
        await PostAsync("/desk/code", codePage, new() { ["phone"] = phone, ["code"] = code });

    /// <summary>The code last sent to the member with <paramref name="phone"/> (E.164 digits), as the outbox holds it.</summary>
    public static async Task<string> LastCodeAsync(ReportBotApp app, string phone)
    {
        var body = (await app.QueryAsync<string>(
            "select o.body from outbox o join members m on m.id = o.member_id where m.phone = @phone and o.kind = 'desk_code' order by o.id desc limit 1",
            new { phone })).Single();
        return SixDigits().Match(body).Groups[1].Value;
    }

    /// <summary>Signs in as the member with <paramref name="phone"/>; returns the desk's page.</summary>
    public async Task<string> SignInAsync(string phone)
    {
        var codePage = await AskForCodeAsync(phone);
        using var response = await TypeCodeAsync(codePage, phone, await LastCodeAsync(app, phone));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/desk", response.Headers.Location?.OriginalString);
        return await PageAsync("/desk");
    }
}

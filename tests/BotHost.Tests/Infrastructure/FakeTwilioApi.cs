using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// A local fake of Twilio's Messages API on a loopback port: it records every request exactly as received and answers
/// as Twilio does (201 with a Message, or a scripted error). Tests point `Twilio:ApiBaseUrl` at it.
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    public sealed record Received(string Method, string Path, string? Authorization, string ContentType, IReadOnlyDictionary<string, string> Form);

    readonly WebApplication _app;
    readonly ConcurrentQueue<Func<IResult>> _scripted = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<Func<IResult>>> _scriptedFor = new();
    int _sequence;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>How long each answer takes (Twilio answers in about 200 ms from India).</summary>
    public TimeSpan AnswerDelay { get; set; }

    public string BaseUrl { get; }

    FakeTwilioApi(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeTwilioApi? fake = null;
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", async (HttpRequest request, string accountSid) =>
        {
            var form = await request.ReadFormAsync();
            if (fake!.AnswerDelay > TimeSpan.Zero)
                await Task.Delay(fake.AnswerDelay);
            fake.Requests.Enqueue(new Received(request.Method, request.Path, request.Headers.Authorization, request.ContentType ?? "",
                form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            if (fake._scriptedFor.TryGetValue(form["To"].ToString(), out var forThem) && forThem.TryDequeue(out var scriptedForThem))
                return scriptedForThem();
            if (fake._scripted.TryDequeue(out var scripted))
                return scripted();
            var sid = $"SM{Interlocked.Increment(ref fake._sequence):D32}";
            return Results.Json(new
            {
                account_sid = accountSid, api_version = "2010-04-01", body = form["Body"].ToString(), direction = "outbound-api",
                error_code = (int?)null, from = form["From"].ToString(), sid, status = "queued", to = form["To"].ToString(),
            }, statusCode: 201);
        });
        await app.StartAsync();
        fake = new FakeTwilioApi(app, app.Urls.First());
        return fake;
    }

    /// <summary>The next request gets this answer instead of a 201.</summary>
    public void ThenAnswer(int status, int code, string message) =>
        _scripted.Enqueue(() => Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status));

    /// <summary>
    /// The next request to <paramref name="to"/> gets this answer: the outbox sends to many recipients at once, so
    /// "the next request" alone no longer says whose.
    /// </summary>
    public void ThenAnswerFor(string to, int status, int code, string message) =>
        _scriptedFor.GetOrAdd(to, _ => new()).Enqueue(() =>
            Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status));

    /// <summary>The next request is held past the client's timeout.</summary>
    public void ThenHang(TimeSpan howLong) =>
        _scripted.Enqueue(() => { Thread.Sleep(howLong); return Results.StatusCode(201); });

    public async Task<IReadOnlyList<Received>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Requests.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return Requests.ToList();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

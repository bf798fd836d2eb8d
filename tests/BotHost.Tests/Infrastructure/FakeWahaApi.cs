using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// A local fake of WAHA's HTTP API on a loopback port: `POST /api/sendText`, `POST /api/sendImage`, `PUT /api/reaction` and
/// `GET /api/{session}/lids/{lid}`. It records every request exactly as received and answers as WAHA does (201 with
/// the sent message, or a scripted error in NestJS's envelope). Anything else is a 404. Tests point `Waha:BaseUrl` at
/// <see cref="BaseUrl"/>.
/// </summary>
public sealed class FakeWahaApi : IAsyncDisposable
{
    public sealed record Received(string Method, string Path, string? ApiKey, string ContentType, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    readonly WebApplication _app;
    readonly ConcurrentQueue<Func<IResult>> _scripted = new();
    int _sequence;

    /// <summary>Sends and reactions, in the order they arrived (lid lookups are in <see cref="LidLookups"/>).</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    public ConcurrentQueue<Received> LidLookups { get; } = new();

    /// <summary>What the linked phone knows: lid (`…@lid`) → phone chat id (`…@c.us`).</summary>
    public ConcurrentDictionary<string, string> Lids { get; } = new();

    /// <summary>Off: the lids API answers 503, as WAHA does while its session is not WORKING.</summary>
    public bool LidsAvailable { get; set; } = true;

    /// <summary>How long the lids API takes to answer (WAHA asks the phone's store; a busy one is slow).</summary>
    public TimeSpan LidsDelay { get; set; }

    public string BaseUrl { get; }

    FakeWahaApi(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The id the fake gives the <paramref name="n"/>th sent message (from 1).</summary>
    public static string MessageIdFor(int n) => $"true_919876543210@c.us_3EB0FAKE{n:D12}";

    public static async Task<FakeWahaApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeWahaApi? fake = null;

        async Task<Received> RecordAsync(HttpRequest request)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return new Received(request.Method, request.Path, request.Headers["X-Api-Key"].FirstOrDefault(), request.ContentType ?? "",
                await reader.ReadToEndAsync());
        }

        app.MapPost("/api/sendText", async (HttpRequest request) =>
        {
            fake!.Requests.Enqueue(await RecordAsync(request));
            if (fake._scripted.TryDequeue(out var scripted))
                return scripted();
            var root = fake.Requests.Last().Json;
            var id = MessageIdFor(Interlocked.Increment(ref fake._sequence));
            return Results.Json(new
            {
                id, timestamp = 1764900001, from = "918800000001@c.us", fromMe = true, source = "api",
                to = root.GetProperty("chatId").GetString(), body = root.GetProperty("text").GetString(), hasMedia = false, ack = 1, ackName = "SERVER",
            }, statusCode: StatusCodes.Status201Created);
        });
        // https://waha.devlike.pro/docs/how-to/send-messages/#send-image (WAHA Plus: `file.data` in base64)
        app.MapPost("/api/sendImage", async (HttpRequest request) =>
        {
            fake!.Requests.Enqueue(await RecordAsync(request));
            if (fake._scripted.TryDequeue(out var scripted))
                return scripted();
            var root = fake.Requests.Last().Json;
            var id = MessageIdFor(Interlocked.Increment(ref fake._sequence));
            return Results.Json(new
            {
                id, timestamp = 1764900001, from = "918800000001@c.us", fromMe = true, source = "api",
                to = root.GetProperty("chatId").GetString(), body = root.TryGetProperty("caption", out var c) ? c.GetString() : "", hasMedia = true, ack = 1,
                ackName = "SERVER",
            }, statusCode: StatusCodes.Status201Created);
        });
        app.MapPut("/api/reaction", async (HttpRequest request) =>
        {
            fake!.Requests.Enqueue(await RecordAsync(request));
            return fake._scripted.TryDequeue(out var scripted) ? scripted() : Results.Json(new { }, statusCode: StatusCodes.Status200OK);
        });
        app.MapGet("/api/{session}/lids/{lid}", async (HttpRequest request, string lid) =>
        {
            fake!.LidLookups.Enqueue(await RecordAsync(request));
            if (fake.LidsDelay > TimeSpan.Zero)
                await Task.Delay(fake.LidsDelay);
            if (!fake.LidsAvailable)
                return Results.Json(new { statusCode = 503, message = "Session status is not as expected", error = "Service Unavailable" }, statusCode: 503);
            if (!lid.Contains('@'))
                lid += "@lid";
            return Results.Json(new { lid, pn = fake.Lids.TryGetValue(lid, out var pn) ? pn : null });
        });
        await app.StartAsync();
        fake = new FakeWahaApi(app, app.Urls.First());
        return fake;
    }

    /// <summary>The next send gets this error, in NestJS's envelope, instead of a 201.</summary>
    public void ThenAnswer(int status, string message) =>
        _scripted.Enqueue(() => Results.Json(new { statusCode = status, message, error = ReasonPhrases.GetReasonPhrase(status) }, statusCode: status));

    /// <summary>The next send is held past the client's timeout.</summary>
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

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// A local fake of Meta's Graph API (`POST /{version}/{phone-number-id}/messages`) on a loopback port: it records every
/// request exactly as received and answers as Meta does (200 with a wamid, or a scripted error in the Graph error
/// envelope). Anything else is a 404. Tests point `WhatsAppCloud:GraphBaseUrl` at <see cref="GraphBaseUrl"/>.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    public sealed record Received(string Method, string Path, string? Authorization, string ContentType, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    /// <summary>A media upload as received: its multipart text fields, and its file's name, content type and bytes.</summary>
    public sealed record Upload(string Path, string? Authorization, IReadOnlyDictionary<string, string> Fields, string FileName, string FileType, byte[] File);

    readonly WebApplication _app;
    readonly ConcurrentQueue<Func<IResult>> _scripted = new();
    readonly ConcurrentQueue<Func<IResult>> _scriptedUploads = new();
    int _sequence;
    int _uploadSequence;

    /// <summary>Sends (`/messages`), in the order they arrived; uploads are in <see cref="Uploads"/>.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Media uploads (`POST /{version}/{phone-number-id}/media`), in the order they arrived.</summary>
    public ConcurrentQueue<Upload> Uploads { get; } = new();

    /// <summary>The media id the fake gives the <paramref name="n"/>th upload (from 1).</summary>
    public static string MediaIdFor(int n) => $"10138596002854{n:D2}";

    /// <summary>How long each answer takes (Meta answers in about 200 ms from India).</summary>
    public TimeSpan AnswerDelay { get; set; }

    public string BaseUrl { get; }

    /// <summary>Where the channel's `GraphBaseUrl` points: the fake with Meta's version segment.</summary>
    public string GraphBaseUrl => BaseUrl + "/v23.0";

    FakeGraphApi(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>
    /// The wamid the fake gives the <paramref name="n"/>th accepted message (from 1), so that status fixtures can name
    /// a message the test sent.
    /// </summary>
    public static string WamidFor(int n) =>
        "wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS" + Convert.ToBase64String(Encoding.ASCII.GetBytes($"FAKE{n:D16}"));

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeGraphApi? fake = null;
        app.MapPost("/{version}/{phoneNumberId}/messages", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (fake!.AnswerDelay > TimeSpan.Zero)
                await Task.Delay(fake.AnswerDelay);
            fake.Requests.Enqueue(new Received(request.Method, request.Path, request.Headers.Authorization, request.ContentType ?? "", body));
            if (fake._scripted.TryDequeue(out var scripted))
                return scripted();
            var root = JsonDocument.Parse(body).RootElement;
            var to = (root.TryGetProperty("to", out var t) ? t : root.GetProperty("recipient")).GetString();
            return Results.Json(new
            {
                messaging_product = "whatsapp",
                contacts = new[] { new { input = to, wa_id = to } },
                messages = new[] { new { id = WamidFor(Interlocked.Increment(ref fake._sequence)) } },
            });
        });
        // https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media → {"id":"<media id>"}
        app.MapPost("/{version}/{phoneNumberId}/media", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var file = form.Files.Single();
            using var bytes = new MemoryStream();
            await file.CopyToAsync(bytes);
            fake!.Uploads.Enqueue(new Upload(request.Path, request.Headers.Authorization, form.ToDictionary(f => f.Key, f => f.Value.ToString()),
                file.FileName, file.ContentType, bytes.ToArray()));
            if (fake._scriptedUploads.TryDequeue(out var scripted))
                return scripted();
            return Results.Json(new { id = MediaIdFor(Interlocked.Increment(ref fake._uploadSequence)) });
        }).DisableAntiforgery();
        await app.StartAsync();
        fake = new FakeGraphApi(app, app.Urls.First());
        return fake;
    }

    /// <summary>The next request gets this Graph error instead of a 200.</summary>
    public void ThenAnswer(int status, int code, string message, string type = "OAuthException") =>
        _scripted.Enqueue(() => Results.Json(new
        {
            error = new
            {
                message, type, code,
                error_data = new { messaging_product = "whatsapp", details = message },
                fbtrace_id = "AbCdEfGhIjKlMnOpQrStUvW",
            },
        }, statusCode: status));

    /// <summary>The next media upload gets this Graph error instead of its id.</summary>
    public void ThenRefuseUpload(int status, int code, string message) =>
        _scriptedUploads.Enqueue(() => Results.Json(new
        {
            error = new { message, type = "OAuthException", code, fbtrace_id = "AbCdEfGhIjKlMnOpQrStUvW" },
        }, statusCode: status));

    /// <summary>The next request gets a bare status and body (e.g. a proxy's HTML error page).</summary>
    public void ThenAnswerRaw(int status, string body) =>
        _scripted.Enqueue(() => Results.Text(body, "text/html", statusCode: status));

    /// <summary>The next request is held past the client's timeout.</summary>
    public void ThenHang(TimeSpan howLong) =>
        _scripted.Enqueue(() => { Thread.Sleep(howLong); return Results.StatusCode(200); });

    public async Task<IReadOnlyList<Received>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Requests.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return Requests.ToList();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

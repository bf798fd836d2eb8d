using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// A local fake of Telegram's Bot API (`POST /bot{token}/{method}`) on a loopback port: it records every request
/// exactly as received and answers as Telegram does — `{"ok":true,"result":…}` (a Message with a fresh message_id for
/// sendMessage, `true` for setMessageReaction) or a scripted `{"ok":false,"error_code":…,"description":…}`. Tests point
/// `Telegram:ApiBaseUrl` at <see cref="BaseUrl"/>.
/// </summary>
public sealed class FakeTelegramApi : IAsyncDisposable
{
    /// <param name="Form">A multipart request's text fields (sendPhoto); null for JSON.</param>
    /// <param name="Photo">sendPhoto's file: its name, content type and bytes.</param>
    public sealed record Received(string Token, string Method, string ContentType, string Body,
        IReadOnlyDictionary<string, string>? Form = null, (string Name, string Type, byte[] Bytes)? Photo = null)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    /// <summary>The message_id the fake gives its first sent message; the nth gets FirstMessageId + n - 1.</summary>
    public const int FirstMessageId = 9001;

    readonly WebApplication _app;
    readonly ConcurrentQueue<Func<IResult>> _scripted = new();
    int _sequence;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string BaseUrl { get; }

    FakeTelegramApi(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeTelegramApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeTelegramApi? fake = null;
        // Telegram's path is /bot<token>/<method>; the token holds a colon, so the segment is read whole.
        app.MapPost("/{bot}/{method}", async (HttpRequest request, string bot, string method) =>
        {
            if (!bot.StartsWith("bot", StringComparison.Ordinal))
                return Results.NotFound();
            if (request.HasFormContentType)
            {
                // sendPhoto: multipart, the photo as a file (https://core.telegram.org/bots/api#sending-files)
                var form = await request.ReadFormAsync();
                var file = form.Files.GetFile("photo");
                using var bytes = new MemoryStream();
                if (file is not null)
                    await file.CopyToAsync(bytes);
                var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
                fake!.Requests.Enqueue(new Received(bot[3..], method, request.ContentType ?? "", "", fields,
                    file is null ? null : (file.FileName, file.ContentType, bytes.ToArray())));
                if (fake._scripted.TryDequeue(out var scriptedPhoto))
                    return scriptedPhoto();
                if (method != "sendPhoto" || file is null)
                    return Results.Json(new { ok = false, error_code = 400, description = "Bad Request: there is no photo in the request" }, statusCode: 400);
                var chatId = long.Parse(fields["chat_id"]);
                return Results.Json(new
                {
                    ok = true,
                    result = new
                    {
                        message_id = FirstMessageId + Interlocked.Increment(ref fake._sequence) - 1,
                        chat = new { id = chatId, type = chatId < 0 ? "supergroup" : "private" },
                        date = 1764740460,
                        photo = new[] { new { file_id = "AgACAgUAAxkDAAIB", file_unique_id = "AQADBbwxG", width = 1080, height = 2072 } },
                        caption = fields.GetValueOrDefault("caption"),
                    },
                });
            }
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            fake!.Requests.Enqueue(new Received(bot[3..], method, request.ContentType ?? "", body));
            if (fake._scripted.TryDequeue(out var scripted))
                return scripted();
            var root = JsonNode.Parse(body)!;
            return method switch
            {
                "sendMessage" => Results.Json(new
                {
                    ok = true,
                    result = new
                    {
                        message_id = FirstMessageId + Interlocked.Increment(ref fake._sequence) - 1,
                        from = new { id = 7012345678L, is_bot = true, first_name = "Darbhanga ReportBot", username = "DarbhangaReportBot" },
                        chat = new { id = root["chat_id"]!.GetValue<long>(), type = root["chat_id"]!.GetValue<long>() < 0 ? "supergroup" : "private" },
                        date = 1764740460,
                        text = root["text"]!.GetValue<string>(),
                    },
                }),
                "setMessageReaction" => Results.Json(new { ok = true, result = true }),
                _ => Results.Json(new { ok = false, error_code = 404, description = "Not Found" }, statusCode: 404),
            };
        });
        await app.StartAsync();
        fake = new FakeTelegramApi(app, app.Urls.First());
        return fake;
    }

    /// <summary>The next request gets Telegram's error envelope, with `parameters.retry_after` when given.</summary>
    public void ThenAnswer(int status, string description, int? retryAfter = null)
    {
        var error = new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description };
        if (retryAfter is { } seconds)
            error["parameters"] = new JsonObject { ["retry_after"] = seconds };
        _scripted.Enqueue(() => Results.Text(error.ToJsonString(), "application/json", statusCode: status));
    }

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

using ReportBot.BotHost.Channels.Waha;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>The WAHA channel's test settings, and webhook requests built the way WAHA sends them.</summary>
public static class WahaWebhooks
{
    /// <summary>The key of WAHA's own documented HMAC example.</summary>
    public const string HmacKey = "my-secret-key";
    public const string ApiKey = "waha-test-api-key";

    public static Dictionary<string, string?> Settings(string baseUrl) => new()
    {
        ["Waha:BaseUrl"] = baseUrl,
        ["Waha:ApiKey"] = ApiKey,
        ["Waha:WebhookHmacKey"] = HmacKey,
        // The fake answers at once; a test host sends as fast as it likes.
        ["Waha:MessagesPerSecond"] = "50",
    };

    /// <summary>The real host with the WAHA channel on, sending to <paramref name="waha"/>.</summary>
    public static async Task<ReportBotApp> StartAppAsync(PostgresFixture postgres, FakeWahaApi waha) =>
        await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: Settings(waha.BaseUrl)).StartAsync();

    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Channels", "Waha", "Fixtures", name));

    /// <summary>A POST of <paramref name="body"/>'s exact bytes, signed with <paramref name="key"/> (null: no signature headers).</summary>
    public static HttpRequestMessage Post(byte[] body, string? key = HmacKey, string algorithm = "sha512")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/waha") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Webhook-Request-Id", Guid.NewGuid().ToString());
        if (key is not null)
        {
            request.Headers.Add(WahaSignature.Header, WahaSignature.Compute(key, body));
            request.Headers.Add(WahaSignature.AlgorithmHeader, algorithm);
        }
        return request;
    }
}

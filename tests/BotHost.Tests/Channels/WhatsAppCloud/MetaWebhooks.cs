using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.WhatsAppCloud;

/// <summary>The WhatsApp Cloud channel's test settings, and webhook requests built the way Meta sends them.</summary>
public static class MetaWebhooks
{
    /// <summary>The secret that reproduces Meta's SDK vector and the DERIVED vector of protocols.md §5.</summary>
    public const string AppSecret = "TEST_APP_SECRET";
    public const string AccessToken = "EAAG-test-access-token";
    public const string VerifyToken = "darbhanga-verify-7f3a";
    public const string PhoneNumberId = "106540352242922";

    public static Dictionary<string, string?> Settings(string graphBaseUrl) => new()
    {
        ["WhatsAppCloud:AppSecret"] = AppSecret,
        ["WhatsAppCloud:AccessToken"] = AccessToken,
        ["WhatsAppCloud:VerifyToken"] = VerifyToken,
        ["WhatsAppCloud:PhoneNumberId"] = PhoneNumberId,
        ["WhatsAppCloud:GraphBaseUrl"] = graphBaseUrl,
    };

    /// <summary>The real host with the WhatsApp Cloud channel on, sending to <paramref name="graph"/>.</summary>
    public static Task<ReportBotApp> StartAppAsync(PostgresFixture postgres, FakeGraphApi graph) =>
        StartAppAsync(postgres, Settings(graph.GraphBaseUrl));

    public static async Task<ReportBotApp> StartAppAsync(PostgresFixture postgres, IReadOnlyDictionary<string, string?> settings) =>
        await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: settings).StartAsync();

    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Channels", "WhatsAppCloud", "Fixtures", name));

    /// <summary>A POST of <paramref name="body"/>'s exact bytes, signed with <paramref name="secret"/> (null: no signature header).</summary>
    public static HttpRequestMessage Post(byte[] body, string? secret = AppSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (secret is not null)
            request.Headers.Add("X-Hub-Signature-256", WhatsAppCloudSignature.Compute(secret, body));
        return request;
    }
}

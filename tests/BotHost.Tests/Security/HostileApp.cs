using ReportBot.BotHost.Tests.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Security;

/// <summary>The real host with both signed channels on, as the hostile-input tests attack it.</summary>
public static class HostileApp
{
    /// <summary>The admin key of tests that turn the admin API on.</summary>
    public const string AdminKey = "hostile-admin-key";

    /// <summary>
    /// Fuzzing runs for this long per test: a few seconds in CI, longer by hand (`REPORTBOT_FUZZ_SECONDS=300`);
    /// `REPORTBOT_FUZZ_SEED` replays a run (each failure names its seed and case number).
    /// </summary>
    public static TimeSpan Budget =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("REPORTBOT_FUZZ_SECONDS"), out var s) ? s : 3);

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("REPORTBOT_FUZZ_SEED"), out var seed) ? seed : 20251203;

    /// <summary>
    /// Both channels on; the per-sender limit off unless <paramref name="extra"/> sets it, so that every fuzzed message
    /// from the same few senders reaches the handler.
    /// </summary>
    public static async Task<ReportBotApp> StartAsync(PostgresFixture postgres, string twilioApiBaseUrl, string graphBaseUrl,
        IReadOnlyDictionary<string, string?>? extra = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null,
        bool kestrel = false)
    {
        var settings = MetaWebhooks.Settings(graphBaseUrl);
        settings["RateLimit:PerSenderPerMinute"] = "0";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        var app = new ReportBotApp(await postgres.CreateDatabaseAsync(), twilioApiBaseUrl, services, settings);
        if (kestrel)
            app.UseKestrel(0); // the real server, with its real body-size limits (TestServer has none)
        return await app.StartAsync();
    }
}

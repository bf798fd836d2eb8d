using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReportBot.BotHost.Channels.Simulator;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.BotHost.Tests.Security;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>A configured WAHA reaches real people: the start log says so, and the open simulator stays off.</summary>
public sealed class WahaExposureTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void A_configured_waha_keeps_the_open_simulator_off() =>
        Assert.False(SimulatorChannelExtensions.OnByDefault(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("Waha:BaseUrl", (string?)"http://127.0.0.1:3000")]).Build()));

    [Fact]
    public async Task The_start_log_names_the_waha_webhook_and_none_of_its_secrets()
    {
        var logs = new LogCapture();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), settings: WahaWebhooks.Settings("http://127.0.0.1:9"),
            services: s => s.AddSingleton<ILoggerProvider>(logs)).StartAsync();
        static bool Exposure(string l) => l.Contains("ReportBot.Exposure: Serving on", StringComparison.Ordinal);
        await ReportBotApp.EventuallyAsync(() => Task.FromResult(logs.Lines.Any(Exposure)), "the start's exposure line");

        Assert.Contains("WAHA at /webhooks/waha (signed)", Assert.Single(logs.Lines, Exposure));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(WahaWebhooks.HmacKey) || l.Contains(WahaWebhooks.ApiKey));
    }
}

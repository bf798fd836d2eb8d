using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ReportBot.BotHost.Channels.Simulator;
using ReportBot.BotHost.Channels.Telegram;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Channels.Waha;
using ReportBot.BotHost.Channels.WhatsAppCloud;

namespace ReportBot.BotHost.Security;

/// <summary>
/// At start, one line of what anyone who reaches the port can use — so that an IT manager sees at once that the open
/// simulator, say, is on beside real members.
/// </summary>
public static class ExposureLog
{
    /// <summary>Kestrel's bound addresses; a test server has none.</summary>
    static string Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } addresses
            ? string.Join(", ", addresses)
            : "(no network address)";

    public static WebApplication LogWhatIsExposed(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ReportBot.Exposure");
            var configuration = app.Configuration;
            var access = SimulatorChannelExtensions.AccessOf(configuration);
            var simulator = access switch
            {
                SimulatorAccess.Open => "the simulator at / (open: whoever reaches this port acts as any member, the admin included)",
                SimulatorAccess.AdminKeyRequired => "the simulator at / (behind the admin key)",
                _ => "no simulator",
            };
            var webhooks = new List<string>();
            if (configuration.GetSection(TwilioOptions.Section).Get<TwilioOptions>()?.Enabled == true)
                webhooks.Add("Twilio at /webhooks/twilio (signed), its pictures at /media/{id}.png (signed, expiring URLs)");
            if (configuration.GetSection(WhatsAppCloudOptions.Section).Get<WhatsAppCloudOptions>()?.Enabled == true)
                webhooks.Add("WhatsApp Cloud at /webhooks/whatsapp (signed)");
            if (configuration.GetSection(WahaOptions.Section).Get<WahaOptions>()?.Enabled == true)
                webhooks.Add("WAHA at /webhooks/waha (signed)");
            if (configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>()?.Enabled == true)
                webhooks.Add("Telegram at /webhooks/telegram (signed)");
            var admin = AdminKey.Of(configuration) is null ? "no admin API" : "the admin API at /admin (behind the admin key)";
            logger.LogInformation("Serving on {Urls}: {Simulator}; {Admin}; webhooks: {Webhooks}; the desk at /desk (members, by one-time code); health at /healthz and /readyz",
                Addresses(app), simulator, admin, webhooks.Count == 0 ? "none" : string.Join(", ", webhooks));
            if (access == SimulatorAccess.Off && configuration.GetValue<bool>(SimulatorChannelExtensions.EnabledKey))
                logger.LogWarning("Simulator:Enabled is true, but beside a configured database or a live channel the simulator needs Admin:ApiKey, which is not set: it stays off");
        });
        return app;
    }
}

using ReportBot.BotHost.Channels.Telegram;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Channels.Waha;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Security;

namespace ReportBot.BotHost.Channels.Simulator;

public enum SimulatorAccess
{
    Off,
    /// <summary>Anyone who reaches the port: only on the embedded database with no live channel.</summary>
    Open,
    /// <summary>Only with `X-Admin-Key`: enabled explicitly where real members could be reached.</summary>
    AdminKeyRequired,
}

public static class SimulatorChannelExtensions
{
    /// <summary>
    /// `Simulator:Enabled`: on by default only when ReportBot runs on its embedded database with no live channel
    /// configured — the simulator lets its user act as any member, the admin included, so it must never be on by
    /// accident beside real Twilio, Meta, WAHA or Telegram channels.
    /// </summary>
    public const string EnabledKey = "Simulator:Enabled";

    /// <summary>Whether the simulator is on when `Simulator:Enabled` is not set.</summary>
    public static bool OnByDefault(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration.GetConnectionString("Postgres"))
        && configuration.GetSection(TwilioOptions.Section).Get<TwilioOptions>()?.Enabled != true
        && configuration.GetSection(WhatsAppCloudOptions.Section).Get<WhatsAppCloudOptions>()?.Enabled != true
        && configuration.GetSection(WahaOptions.Section).Get<WahaOptions>()?.Enabled != true
        && configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>()?.Enabled != true;

    /// <summary>
    /// Whether the simulator is served, and to whom: open on its default (nothing real can be reached), and behind the
    /// admin key when enabled explicitly beside a configured database or a live channel — or off, if no key is set.
    /// </summary>
    public static SimulatorAccess AccessOf(IConfiguration configuration)
    {
        var enabled = configuration[EnabledKey];
        if (OnByDefault(configuration))
            return enabled is null || configuration.GetValue<bool>(EnabledKey) ? SimulatorAccess.Open : SimulatorAccess.Off;
        if (!configuration.GetValue<bool>(EnabledKey))
            return SimulatorAccess.Off;
        return AdminKey.Of(configuration) is null ? SimulatorAccess.Off : SimulatorAccess.AdminKeyRequired;
    }

    public static IHostApplicationBuilder AddSimulatorChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IChannelSender, SimulatorSender>();
        return builder;
    }

    /// <summary>The simulator page itself, at `/`.</summary>
    public static WebApplication UseSimulatorPage(this WebApplication app)
    {
        if (AccessOf(app.Configuration) != SimulatorAccess.Off)
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }
        return app;
    }
}

using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Simulator;

public static class SimulatorChannelExtensions
{
    /// <summary>
    /// `Simulator:Enabled`: on by default only when ReportBot runs on its embedded database with no live channel
    /// configured — the simulator lets its user act as any member, the admin included, so it must never be on by
    /// accident beside real Twilio or Meta channels.
    /// </summary>
    public const string EnabledKey = "Simulator:Enabled";

    /// <summary>Whether the simulator is on when `Simulator:Enabled` is not set.</summary>
    public static bool OnByDefault(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration.GetConnectionString("Postgres"))
        && configuration.GetSection(TwilioOptions.Section).Get<TwilioOptions>()?.Enabled != true
        && configuration.GetSection(WhatsAppCloudOptions.Section).Get<WhatsAppCloudOptions>()?.Enabled != true;

    public static IHostApplicationBuilder AddSimulatorChannel(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[EnabledKey] is null && OnByDefault(builder.Configuration))
            builder.Configuration[EnabledKey] = "true";
        builder.Services.AddSingleton<IChannelSender, SimulatorSender>();
        return builder;
    }

    /// <summary>The simulator page itself, at `/`.</summary>
    public static WebApplication UseSimulatorPage(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(EnabledKey))
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }
        return app;
    }
}

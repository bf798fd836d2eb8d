using ReportBot.BotHost.Inbound;
namespace ReportBot.BotHost.Outbound;

public static class OutboundExtensions
{
    /// <summary>The way out: the outbox dispatcher, sending at each channel's own pace, and its wake-up signal.</summary>
    public static IHostApplicationBuilder AddOutbound(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return builder;
    }
}

using Microsoft.Extensions.Options;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Twilio;

public static class TwilioChannelExtensions
{
    /// <summary>The Twilio channel: on when `Twilio:AuthToken` is set; then AccountSid and From are required to send.</summary>
    public static IHostApplicationBuilder AddTwilioChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TwilioOptions>()
            .BindConfiguration(TwilioOptions.Section)
            .Validate(o => !o.Enabled || (!string.IsNullOrEmpty(o.AccountSid) && !string.IsNullOrEmpty(o.From)),
                "Twilio:AccountSid and Twilio:From are required when Twilio:AuthToken is set.")
            .ValidateOnStart();
        // No retry handler here: the outbox decides about retries, and a send POST is never repeated blindly.
        builder.Services.AddHttpClient<TwilioSender>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(ProviderHttp.Handler);
        builder.Services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<TwilioSender>());
        return builder;
    }
}

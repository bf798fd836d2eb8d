using Microsoft.Extensions.Options;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.WhatsAppCloud;

public static class WhatsAppCloudChannelExtensions
{
    /// <summary>
    /// Meta's WhatsApp Cloud API channel: on when `WhatsAppCloud:AppSecret` is set; then AccessToken, VerifyToken and
    /// PhoneNumberId are required, checked at start (the message names keys, never values).
    /// </summary>
    public static IHostApplicationBuilder AddWhatsAppCloudChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhatsAppCloudOptions>()
            .BindConfiguration(WhatsAppCloudOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WhatsAppCloudOptions>, ProblemValidator>();
        // No retry handler here: the outbox decides about retries, and a send POST is never repeated blindly.
        builder.Services.AddHttpClient<WhatsAppCloudSender>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(ProviderHttp.Handler);
        builder.Services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WhatsAppCloudSender>());
        return builder;
    }

    /// <summary>Says which keys are missing or malformed, so the failure at start is actionable.</summary>
    sealed class ProblemValidator : IValidateOptions<WhatsAppCloudOptions>
    {
        public ValidateOptionsResult Validate(string? name, WhatsAppCloudOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

using Microsoft.Extensions.Options;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Waha;

public static class WahaChannelExtensions
{
    /// <summary>
    /// WhatsApp through WAHA: on when `Waha:BaseUrl` is set; then WebhookHmacKey is required, checked at start (the
    /// message names keys, never values).
    /// </summary>
    public static IHostApplicationBuilder AddWahaChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WahaOptions>()
            .BindConfiguration(WahaOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WahaOptions>, ProblemValidator>();
        // No retry handler here: the outbox decides about retries, and a send POST is never repeated blindly.
        builder.Services.AddHttpClient<WahaSender>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(ProviderHttp.Handler);
        builder.Services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WahaSender>());
        // The lid lookup keeps its own short timeout per request; the client's is only a backstop. One instance, so
        // that what it learnt is remembered.
        builder.Services.AddHttpClient(nameof(WahaLids), http => http.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(ProviderHttp.Handler);
        builder.Services.AddSingleton(sp => new WahaLids(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WahaLids)),
            sp.GetRequiredService<IOptions<WahaOptions>>(), sp.GetRequiredService<ILogger<WahaLids>>()));
        return builder;
    }

    /// <summary>Says which keys are missing or malformed, so the failure at start is actionable.</summary>
    sealed class ProblemValidator : IValidateOptions<WahaOptions>
    {
        public ValidateOptionsResult Validate(string? name, WahaOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

namespace ReportBot.BotHost.Security;

public static class SecurityExtensions
{
    /// <summary>The per-sender limit the intake applies once a message is stored (see <see cref="SenderRateLimit"/>).</summary>
    public static IHostApplicationBuilder AddSenderRateLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PerSenderPerMinute >= 0, "RateLimit:PerSenderPerMinute must be 0 (off) or more.").ValidateOnStart();
        builder.Services.AddSingleton<SenderRateLimit>();
        return builder;
    }
}

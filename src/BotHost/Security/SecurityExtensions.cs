namespace ReportBot.BotHost.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// The per-sender limit the intake applies once a message is stored (<see cref="SenderRateLimit"/>), and the bound on
    /// messages handled at once (the workers of <see cref="Messaging.HandlingQueue"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSenderRateLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PerSenderPerMinute >= 0, "RateLimit:PerSenderPerMinute must be 0 (off) or more.")
            .Validate(o => o.ConcurrentHandling >= 1, "RateLimit:ConcurrentHandling must be 1 or more.").ValidateOnStart();
        builder.Services.AddSingleton<SenderRateLimit>();
        return builder;
    }
}

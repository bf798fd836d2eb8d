using ReportBot.Data.Rhythm;

namespace ReportBot.BotHost.Rhythm;

public static class RhythmExtensions
{
    /// <summary>The daily rhythm: reminders, escalation and summaries at each district's times, each exactly once.</summary>
    public static IHostApplicationBuilder AddDailyRhythm(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RhythmOptions>().BindConfiguration(RhythmOptions.Section);
        builder.Services.AddSingleton<ScheduleStore>();
        builder.Services.AddSingleton<Data.Groups.GroupStore>(); // the linked groups the rhythm posts into
        builder.Services.AddSingleton<DailyRhythm>();
        builder.Services.AddHostedService<DailyRhythmService>();
        return builder;
    }
}

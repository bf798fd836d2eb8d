using Microsoft.Extensions.Options;

namespace ReportBot.BotHost.Rhythm;

/// <summary>Looks at the clock every half minute and fires what is due; on start-up it fires what was missed today.</summary>
public sealed class DailyRhythmService(DailyRhythm rhythm, IOptions<RhythmOptions> options, TimeProvider time, ILogger<DailyRhythmService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await rhythm.RunDueAsync(stoppingToken);
                await Task.Delay(options.Value.TickInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A dead database shows here every tick until it is back; the slots are then caught up the same day.
                logger.LogError(e, "The daily rhythm could not run; trying again at the next tick");
                try { await Task.Delay(options.Value.TickInterval, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}

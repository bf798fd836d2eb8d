using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Messaging;

/// <summary>
/// Sends what the outbox holds, through each message's channel. Retries only what the channel calls retryable, with
/// backoff; a message whose fate is uncertain is never sent again, so no one gets a message twice.
/// </summary>
public sealed class OutboxDispatcher(
    OutboxStore outbox,
    IEnumerable<IChannelSender> senders,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel);

    // Paced per channel (one sending number each), within the provider's messages-per-second limit.
    readonly Dictionary<string, TokenBucketRateLimiter> _pace = senders.ToDictionary(s => s.Channel, _ => new TokenBucketRateLimiter(new()
    {
        TokenLimit = options.Value.MessagesPerSecond,
        TokensPerPeriod = options.Value.MessagesPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    }));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Outbox dispatch failed; trying again shortly");
            }
            if (sent > 0)
                continue;
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the host is stopping
            }
        }
    }

    /// <summary>Sends the messages due now; returns how many it tried.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var due = await outbox.ClaimDueAsync(time.GetUtcNow(), limit: 50, ct);
        foreach (var row in due)
            await SendAsync(row, ct);
        return due.Count;
    }

    async Task SendAsync(OutboxRow row, CancellationToken ct)
    {
        if (!_senders.TryGetValue(row.Channel, out var sender) || !sender.IsConfigured)
        {
            await outbox.MarkFinalAsync(row.Id, "failed", $"no channel '{row.Channel}' is configured", ct);
            return;
        }
        using var lease = await _pace[row.Channel].AcquireAsync(1, ct);
        var template = row is { TemplateName: { } name, TemplateLanguage: { } language }
            ? new MessageTemplate(name, language, row.TemplateVariables ?? [])
            : null;
        var result = await sender.SendAsync(new OutboundMessage(row.Id, row.Recipient, row.Body, row.UseTemplate ? template : null), ct);
        switch (result)
        {
            case SendResult.Sent sent:
                await outbox.MarkSentAsync(row.Id, sent.ProviderId, time.GetUtcNow(), ct);
                break;
            case SendResult.Retryable retryable when row.Attempts < options.Value.MaxAttempts:
                await outbox.RescheduleAsync(row.Id, retryable.Error, time.GetUtcNow() + options.Value.RetryDelay(row.Attempts), ct);
                break;
            case SendResult.Retryable retryable:
                logger.LogWarning("Outbox message {Id} gave up after {Attempts} attempts: {Error}", row.Id, row.Attempts, retryable.Error);
                await outbox.MarkFinalAsync(row.Id, "failed", retryable.Error, ct);
                break;
            case SendResult.Failed failed:
                logger.LogWarning("Outbox message {Id} refused by {Channel}: {Error}", row.Id, row.Channel, failed.Error);
                await outbox.MarkFinalAsync(row.Id, "failed", failed.Error, ct);
                break;
            case SendResult.OutsideWindow outside when template is not null && !row.UseTemplate:
                // The member's 24-hour window had closed after all: the same message again, as its template.
                await outbox.SwitchToTemplateAsync(row.Id, outside.Error, time.GetUtcNow(), ct);
                break;
            case SendResult.OutsideWindow outside:
                logger.LogWarning("Outbox message {Id} was refused outside the 24-hour window and has no template: {Error}", row.Id, outside.Error);
                await outbox.MarkFinalAsync(row.Id, "failed", outside.Error, ct);
                break;
            case SendResult.Unauthorized unauthorized:
                logger.LogCritical("Channel {Channel} refused our credentials ({Error}); fix its configuration", row.Channel, unauthorized.Error);
                await outbox.RescheduleAsync(row.Id, unauthorized.Error, time.GetUtcNow() + options.Value.MaxRetryDelay, ct);
                break;
            case SendResult.Uncertain uncertain:
                logger.LogWarning("Outbox message {Id} may not have been sent ({Error}); not resending", row.Id, uncertain.Error);
                await outbox.MarkFinalAsync(row.Id, "uncertain", uncertain.Error, ct);
                break;
        }
    }
}

using ReportBot.BotHost.Inbound;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Outbound;

/// <summary>
/// Sends what the outbox holds, through each message's channel, concurrently up to the channel's own pace
/// (<see cref="ChannelLimits"/>): a provider answering in 200 ms no longer holds each reply behind the one before.
/// Retries only what the channel calls retryable, with backoff. Claims are leases: what a dead dispatcher held goes
/// back to the queue, and a send whose answer was lost is reconciled by its status callback or sent once more.
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    readonly OutboxStore _outbox;
    readonly OutboxSignal _signal;
    readonly OutboxOptions _options;
    readonly TimeProvider _time;
    readonly ILogger<OutboxDispatcher> _logger;
    readonly Dictionary<string, Lane> _lanes;
    readonly string[] _confirmingChannels;

    /// <summary>One channel's way out with its pace: a rate for the number, a bound on requests in flight, one per recipient.</summary>
    sealed record Lane(IChannelSender Sender, ChannelLimits Limits, RateLimiter Pace, PartitionedRateLimiter<string>? PerRecipient);

    public OutboxDispatcher(
        OutboxStore outbox,
        IEnumerable<IChannelSender> senders,
        OutboxSignal signal,
        IOptions<OutboxOptions> options,
        TimeProvider time,
        ILogger<OutboxDispatcher> logger)
    {
        (_outbox, _signal, _options, _time, _logger) = (outbox, signal, options.Value, time, logger);
        _lanes = senders.ToDictionary(s => s.Channel, s => NewLane(s, _options));
        _confirmingChannels = [.. senders.Where(s => s.IsConfigured && s.ConfirmsDelivery).Select(s => s.Channel)];
    }

    static Lane NewLane(IChannelSender sender, OutboxOptions options)
    {
        var limits = sender.Limits;
        var perSecond = Math.Max(1, options.MessagesPerSecond ?? limits.MessagesPerSecond);
        var pace = new TokenBucketRateLimiter(new()
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        // Meta's pair rate limit (131056): about one message per 6 s to one user, with a small burst allowed.
        var perRecipient = limits.PerRecipientInterval is { } interval
            ? PartitionedRateLimiter.Create<string, string>(recipient => RateLimitPartition.GetTokenBucketLimiter(recipient, _ => new()
            {
                TokenLimit = Math.Max(1, limits.PerRecipientBurst),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = interval,
                QueueLimit = 0,
            }))
            : null;
        return new Lane(sender, limits, pace, perRecipient);
    }

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
                _logger.LogError(e, "Outbox dispatch failed; trying again shortly");
            }
            if (sent > 0)
                continue;
            try
            {
                await _signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the host is stopping
            }
        }
    }

    /// <summary>Recovers expired leases, then sends the messages due now; returns how many it claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var recovery = await _outbox.RecoverAsync(now, _options.UncertainResendAfter, _options.MaxUncertainResends, _confirmingChannels,
            now - _options.ImagesKeptFor, ct);
        if (recovery is { Released: > 0 } or { MadeUncertain: > 0 } or { Resent: > 0 })
            _logger.LogWarning(
                "Outbox recovery: {Released} expired claims back in the queue, {Uncertain} sends cut off (now uncertain), {Resent} uncertain sends going once more",
                recovery.Released, recovery.MadeUncertain, recovery.Resent);

        // The lease, in whole milliseconds (PostgreSQL keeps microseconds), doubles as this claim's token.
        var claimLease = new DateTimeOffset((now + _options.ClaimLease).UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var due = await _outbox.ClaimDueAsync(now, _options.BatchSize, claimLease, ct);
        if (due.Count == 0)
            return 0;
        try
        {
            // Each picture once per batch, however many messages carry it (a summary's chart goes to every group).
            var images = await _outbox.ImagesAsync(
                [.. due.Where(r => r is { ImageId: not null, UseTemplate: false }).Select(r => r.ImageId!.Value).Distinct()], ct);
            await Task.WhenAll(due.GroupBy(r => r.Channel).Select(g => SendChannelAsync(g.Key, g.ToList(), images, claimLease, ct)));
        }
        finally
        {
            // Stopping (or a failure) mid-batch: what never left goes straight back instead of waiting out its lease.
            // Only rows whose request has not left are touched, so nothing that left is ever put back.
            if (ct.IsCancellationRequested)
                await _outbox.ReleaseAsync([.. due.Select(r => r.Id)], now, CancellationToken.None);
        }
        return due.Count;
    }

    async Task SendChannelAsync(string channel, IReadOnlyList<OutboxRow> rows, IReadOnlyDictionary<long, OutboxImage> images,
        DateTimeOffset claimLease, CancellationToken ct)
    {
        if (!_lanes.TryGetValue(channel, out var lane) || !lane.Sender.IsConfigured)
        {
            foreach (var row in rows)
                await _outbox.MarkFailedAsync(row.Id, $"no channel '{channel}' is configured", ct);
            return;
        }
        // Concurrent across recipients, in order for each: two replies to one officer arrive as they were written.
        await Parallel.ForEachAsync(rows.GroupBy(r => r.Recipient),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, lane.Limits.MaxConcurrentSends), CancellationToken = ct },
            async (recipientRows, token) =>
            {
                foreach (var row in recipientRows)
                    await SendAsync(row, lane, images, claimLease, token);
            });
    }

    async Task SendAsync(OutboxRow row, Lane lane, IReadOnlyDictionary<long, OutboxImage> images, DateTimeOffset claimLease, CancellationToken ct)
    {
        if (lane.PerRecipient is { } perRecipient)
        {
            using var turn = perRecipient.AttemptAcquire(row.Recipient);
            if (!turn.IsAcquired)
            {
                var wait = turn.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : lane.Limits.PerRecipientInterval!.Value;
                await _outbox.ReleaseAsync([row.Id], _time.GetUtcNow() + wait, ct);
                return;
            }
        }

        var template = row is { TemplateName: { } name, TemplateLanguage: { } language }
            ? new MessageTemplate(name, language, row.TemplateVariables ?? [])
            : null;
        var body = row.Body;
        // A template goes without the picture: the closed window allows nothing else.
        var image = !row.UseTemplate && row.ImageId is { } imageId && images.TryGetValue(imageId, out var stored)
            ? new OutboundImage(stored.Id, stored.FileName, stored.Png)
            : null;
        IReadOnlyList<Mention>? mentions = row.MentionAddresses is { } addresses
            ? addresses.Zip(row.MentionTexts ?? [], (a, t) => new Mention(a, t)).ToList()
            : null;
        if ((!row.UseTemplate || template is null) && row.Reaction is null && body.Length > lane.Limits.MaxBodyLength)
        {
            // Over the channel's limit the provider refuses the whole message (Twilio 21617 past 1,600): split it. Each
            // part mentions the members it names — a long reminder's later parts still ring their phones.
            var parts = MessageBounds.Split(body, lane.Limits.MaxBodyLength);
            var partMentions = parts.Select(part => MessageBounds.MentionsIn(part, mentions)).ToList();
            await _outbox.SplitAsync(row.Id, parts,
                partMentions.Select(m => (m?.Select(x => x.Address).ToArray(), m?.Select(x => x.Text).ToArray())).ToList(), _time.GetUtcNow(), ct);
            body = parts[0];
            mentions = partMentions[0];
            _signal.Notify();
        }

        using var lease = await lane.Pace.AcquireAsync(1, ct);
        if (!await _outbox.MarkLeavingAsync(row.Id, claimLease, _time.GetUtcNow(), _time.GetUtcNow() + _options.SendLease, ct))
            return; // the claim expired and the row went back to the queue: someone else sends it
        // A request that has left is let finish even when the host is stopping (the HTTP timeout, 30 s, bounds it,
        // within the host's shutdown timeout): cut off, it would be uncertain — and, its status callback arriving
        // while we are down, sent twice. Stopping only keeps new requests from leaving.
        var result = await lane.Sender.SendAsync(new OutboundMessage(row.Id, row.Recipient, body, row.UseTemplate ? template : null,
            row.QuoteRef, row.Reaction, mentions,
            ToGroup: row.GroupId is not null, AskContact: row.AskContact, Image: image), CancellationToken.None);
        await RecordAsync(row, template, result, CancellationToken.None);
    }

    async Task RecordAsync(OutboxRow row, MessageTemplate? template, SendResult result, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        switch (result)
        {
            case SendResult.Sent sent:
                await _outbox.MarkSentAsync(row.Id, sent.ProviderId, now, ct);
                break;
            case SendResult.Retryable retryable when row.Attempts < _options.MaxAttempts:
                var delay = _options.RetryDelay(row.Attempts);
                await _outbox.RescheduleAsync(row.Id, retryable.Error, now + (retryable.After > delay ? retryable.After.Value : delay), ct);
                break;
            case SendResult.Retryable retryable:
                _logger.LogWarning("Outbox message {Id} gave up after {Attempts} attempts: {Error}", row.Id, row.Attempts, retryable.Error);
                await _outbox.MarkFailedAsync(row.Id, retryable.Error, ct);
                break;
            case SendResult.Failed failed:
                _logger.LogWarning("Outbox message {Id} refused by {Channel}: {Error}", row.Id, row.Channel, failed.Error);
                await _outbox.MarkFailedAsync(row.Id, failed.Error, ct);
                break;
            case SendResult.OutsideWindow outside when template is not null && !row.UseTemplate:
                // The member's 24-hour window had closed after all: the same message again, as its template.
                await _outbox.SwitchToTemplateAsync(row.Id, outside.Error, now, ct);
                break;
            case SendResult.OutsideWindow outside:
                _logger.LogWarning("Outbox message {Id} was refused outside the 24-hour window and has no template: {Error}", row.Id, outside.Error);
                await _outbox.MarkFailedAsync(row.Id, outside.Error, ct);
                break;
            case SendResult.Unauthorized unauthorized:
                _logger.LogCritical("Channel {Channel} refused our credentials ({Error}); fix its configuration", row.Channel, unauthorized.Error);
                await _outbox.RescheduleAsync(row.Id, unauthorized.Error, now + _options.MaxRetryDelay, ct);
                break;
            case SendResult.ImageRefused refused:
                // Never lose the summary for its picture: the text goes alone (a picture-only message is dropped;
                // its text is the next message).
                _logger.LogWarning("Outbox message {Id}: {Channel} refused its picture ({Error}); sending the text alone", row.Id, row.Channel, refused.Error);
                await _outbox.DropImageAsync(row.Id, refused.Error, now, ct);
                _signal.Notify();
                break;
            case SendResult.Uncertain uncertain:
                _logger.LogWarning("Outbox message {Id} may not have been sent ({Error}); waiting for its status callback", row.Id, uncertain.Error);
                await _outbox.MarkUncertainAsync(row.Id, uncertain.Error, now, ct);
                break;
        }
    }

    public override void Dispose()
    {
        foreach (var lane in _lanes.Values)
        {
            lane.Pace.Dispose();
            lane.PerRecipient?.Dispose();
        }
        base.Dispose();
    }
}

using ReportBot.BotHost.Outbound;
using Npgsql;
using ReportBot.BotHost.ChatImport;
using ReportBot.Data.Turns;
using ReportBot.Reporting.Groups;
using ReportBot.Reporting.Turns;

namespace ReportBot.BotHost.Inbound;

/// <summary>
/// Handles one stored message in one transaction — load, decide, apply: <see cref="TurnStore"/> claims it with its
/// sender and loads what the rules ask for; <see cref="TurnRules"/> (src/Reporting, no I/O) decides everything; the
/// decision is stored in one statement. A message is either fully handled (figures and reply together) or not at all,
/// and then handled again by the sweeper.
/// </summary>
public sealed class InboundHandler(NpgsqlDataSource db, DistrictDirectory directory, OutboxSignal outboxSignal, TimeProvider time,
    IEnumerable<IChannelSender> senders, ILogger<InboundHandler> logger)
{
    /// <summary>What each channel can do in a group (react, mention, write first): the group manners ask.</summary>
    readonly Dictionary<string, ChannelAbilities> _abilities = senders.ToDictionary(s => s.Channel, s => s.Abilities);

    TurnMessage WithAbilities(TurnMessage message) =>
        _abilities.TryGetValue(message.Channel, out var abilities) ? message with { Abilities = abilities } : message;

    /// <summary>
    /// Handles several stored messages (in arrival order) in one transaction and one commit — the units they touch
    /// locked once, their figures loaded once — and the few that need more than figures one by one after it
    /// (<see cref="TurnBatch.Split"/>). If the batch fails, each message is handled alone, so one bad message costs
    /// only itself.
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<long> inboxIds, CancellationToken ct)
    {
        if (inboxIds.Count == 1)
        {
            await HandleAsync(inboxIds[0], ct);
            return;
        }
        IReadOnlyList<long> alone;
        try
        {
            alone = await HandleTogetherAsync(inboxIds, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "A batch of {Count} inbox messages failed; handling each alone", inboxIds.Count);
            alone = inboxIds;
        }
        foreach (var inboxId in alone)
        {
            try
            {
                await HandleAsync(inboxId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The message is safe in the inbox; the sweeper will handle it again.
                logger.LogError(e, "Handling inbox message {InboxId} failed; it stays in the inbox for the sweeper", inboxId);
            }
        }
    }

    /// <summary>Handles what can share a transaction; returns the ids to handle alone.</summary>
    async Task<IReadOnlyList<long>> HandleTogetherAsync(IReadOnlyList<long> inboxIds, CancellationToken ct)
    {
        var districts = await directory.AllAsync(ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var turns = (await TurnStore.ClaimManyAsync(tx, inboxIds, now, ct)).Select(claimed =>
        {
            var (message, member) = (WithAbilities(claimed.Message), claimed.Member);
            var district = member is null ? null : districts.FirstOrDefault(d => d.Id == member.DistrictId);
            return new BatchTurn(message, member, district, TurnRules.Start(message, member, district, districts));
        }).ToList();
        var (together, alone) = TurnBatch.Split(turns);
        var figures = await TurnStore.FiguresAsync(tx, together
            .SelectMany(t => t.Start.Figures.Select(k => (k, t.District!.DriveStart)))
            .DistinctBy(w => w.k).ToList(), ct);
        var decisions = TurnBatch.Decide(together, figures);
        var replied = await TurnStore.ApplyAsync(tx, together.Select((t, i) => Applied(t.Message, t.Member, decisions[i])).ToList(), now, ct);
        await tx.CommitAsync(ct);
        if (decisions.Any(d => d.AddMember is not null))
            directory.Forget();
        if (replied)
            outboxSignal.Notify();
        return alone.Select(t => t.Message.InboxId).ToList();
    }

    public async Task HandleAsync(long inboxId, CancellationToken ct)
    {
        // Districts are read before the transaction opens: it holds one connection and asks nothing of another.
        var districts = await directory.AllAsync(ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        if (await TurnStore.ClaimAsync(tx, inboxId, now, ct) is not { } claimed)
            return; // handled already, or another worker has it
        var (message, member) = (WithAbilities(claimed.Message), claimed.Member);

        var district = member is null ? null : districts.FirstOrDefault(d => d.Id == member.DistrictId);
        var start = TurnRules.Start(message, member, district, districts);
        var facts = start.Need == TurnNeed.Nothing ? TurnFacts.Empty : await TurnStore.LoadAsync(tx, start, member!, district!, now, ct);
        var decision = TurnRules.Finish(start, member, district, facts);
        var replied = await TurnStore.ApplyAsync(tx, [Applied(message, member, decision)], now, ct);
        await tx.CommitAsync(ct);
        if (decision.AddMember is not null)
            directory.Forget(); // whom a stranger asks, and who reports, may have changed
        if (replied)
            outboxSignal.Notify();
    }

    static AppliedTurn Applied(TurnMessage message, TurnMember? member, TurnDecision decision)
    {
        // An imported chat is history: nobody is answered for what they said last week, and it opens no WhatsApp window.
        var imported = message.Channel == ChatImporter.Channel;
        return new AppliedTurn(message, member, imported ? decision with { Reply = null, Sends = [] } : decision, TouchMember: !imported);
    }
}

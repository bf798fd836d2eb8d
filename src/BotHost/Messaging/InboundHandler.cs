using Npgsql;
using ReportBot.BotHost.ChatImport;
using ReportBot.Data.Turns;
using ReportBot.Reporting.Turns;

namespace ReportBot.BotHost.Messaging;

/// <summary>
/// Handles one stored message in one transaction — load, decide, apply: <see cref="TurnStore"/> claims it with its
/// sender and loads what the rules ask for; <see cref="TurnRules"/> (src/Reporting, no I/O) decides everything; the
/// decision is stored in one statement. A message is either fully handled (figures and reply together) or not at all,
/// and then handled again by the sweeper.
/// </summary>
public sealed class InboundHandler(NpgsqlDataSource db, DistrictDirectory directory, OutboxSignal outboxSignal, TimeProvider time)
{
    public async Task HandleAsync(long inboxId, CancellationToken ct)
    {
        // Districts are read before the transaction opens: it holds one connection and asks nothing of another.
        var districts = await directory.AllAsync(ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        if (await TurnStore.ClaimAsync(tx, inboxId, now, ct) is not { } claimed)
            return; // handled already, or another worker has it
        var (message, member) = claimed;

        var district = member is null ? null : districts.FirstOrDefault(d => d.Id == member.DistrictId);
        var start = TurnRules.Start(message, member, district, districts);
        var facts = start.Need == TurnNeed.Nothing ? TurnFacts.Empty : await TurnStore.LoadAsync(tx, start, member!, district!, now, ct);
        var decision = start.Decision ?? TurnRules.Finish(start, member!, district!, facts);
        // An imported chat is history: nobody is answered for what they said last week, and it opens no WhatsApp window.
        var imported = message.Channel == ChatImporter.Channel;
        if (imported)
            decision = decision with { Reply = null };
        var replied = await TurnStore.ApplyAsync(tx, message, member, decision, now, touchMember: !imported, ct);
        await tx.CommitAsync(ct);
        if (decision.AddMember is not null)
            directory.Forget(); // whom a stranger asks, and who reports, may have changed
        if (replied)
            outboxSignal.Notify();
    }
}

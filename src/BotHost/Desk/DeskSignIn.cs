using System.Globalization;
using System.Security.Cryptography;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Rhythm;
using ReportBot.Data.Desk;
using ReportBot.Data.Messages;
using ReportBot.Reporting.Desk;
using ReportBot.Reporting.People;

namespace ReportBot.BotHost.Desk;

/// <summary>
/// Signing in to the desk with a one-time code. Load → decide → apply, each on one transaction that holds the member's
/// row: the member and their recent codes, <see cref="DeskCodeRules"/>, then the code's hash and the message carrying
/// it (an outbox row, on the channel they last wrote from, as the rhythm reaches them). The code itself is never
/// stored, logged or shown; only the member's phone receives it.
/// </summary>
public sealed class DeskSignIn(DeskStore store, DailyRhythm rhythm, OutboxSignal outboxSignal, TimeProvider time)
{
    /// <summary>Makes and sends a code if the phone is a member's and under its limit. The answer is the same whatever happened.</summary>
    public async Task<CodeIssue> RequestCodeAsync(string phone, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await store.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var member = await DeskStore.CodeMemberAsync(tx, phone, now - DeskCodeRules.RateWindow, now - TimeSpan.FromDays(1), ct);
        var decision = DeskCodeRules.Issue(member?.Id, member?.CodesInWindow ?? 0, member?.CodesInDay ?? 0);
        if (decision != CodeIssue.Issue || member is null)
            return decision;

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        await DeskStore.AddCodeAsync(tx, member.Id, DeskCodeRules.Hash(code, salt), salt, now, now + DeskCodeRules.Lifetime, ct);
        // Free text first (a window still open lets it through); outside WhatsApp's window the provider refuses it and
        // the dispatcher sends the `desk_code` template instead (its one variable: the code), as for any message.
        var (channel, address, _) = rhythm.Reach(member.LastChannel, member.LastAddress, member.LastInboundAt, member.Phone, now);
        var text = DeskText.For(member.Language);
        await OutboxBatch.AddAsync(tx,
            [new OutboxEntry(channel, address, member.Id, string.Format(CultureInfo.InvariantCulture, text.CodeMessage, code), null, "desk_code",
                TemplateName: "desk_code", TemplateLanguage: member.Language, TemplateVariables: [code])],
            now, ct);
        await tx.CommitAsync(ct);
        outboxSignal.Notify();
        return decision;
    }

    /// <summary>Checks a typed code against the member's latest; the member's id when it signs them in.</summary>
    public async Task<(CodeCheck Check, int? MemberId)> CheckAsync(string phone, string typed, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await store.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var signingIn = await DeskStore.SigningInAsync(tx, phone, ct);
        var check = DeskCodeRules.Check(signingIn?.Code, typed, now);
        if (signingIn?.Code is { } code && check is CodeCheck.SignedIn or CodeCheck.Wrong)
        {
            await DeskStore.AttemptAsync(tx, code.Id, used: check == CodeCheck.SignedIn, now, ct);
            await tx.CommitAsync(ct);
        }
        return (check, check == CodeCheck.SignedIn ? signingIn!.MemberId : null);
    }

    /// <summary>The phone as stored (E.164 digits), or null when what was typed is no phone number.</summary>
    public static string? Phone(string? typed) => PhoneNumber.ToE164Digits(typed);
}

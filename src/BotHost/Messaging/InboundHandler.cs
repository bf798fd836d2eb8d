using Npgsql;
using ReportBot.Data.Districts;
using ReportBot.Data.Figures;
using ReportBot.Data.Messages;
using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Replies;

namespace ReportBot.BotHost.Messaging;

/// <summary>
/// Handles one stored message in one transaction: who sent it, what it says, the figures it sets, and the reply —
/// so a message is either fully handled (figures and reply together) or not at all, and then handled again later.
/// </summary>
public sealed class InboundHandler(
    NpgsqlDataSource db,
    DistrictStore districts,
    DistrictDirectory directory,
    OutboxSignal outboxSignal,
    TimeProvider time)
{
    public async Task HandleAsync(long inboxId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var message = await InboxStore.ClaimAsync(tx, inboxId, ct);
        if (message is null)
            return; // handled already, or another worker has it

        var (outcome, reply, memberId) = await DecideAsync(tx, message, ct);
        if (reply is not null)
            await OutboxStore.AddAsync(tx, new OutboxEntry(message.Channel, message.Sender, memberId, reply, message.Id), ct);
        await InboxStore.MarkHandledAsync(tx, message.Id, outcome, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        if (reply is not null)
            outboxSignal.Notify();
    }

    async Task<(string Outcome, string? Reply, int? MemberId)> DecideAsync(NpgsqlTransaction tx, InboxRow message, CancellationToken ct)
    {
        var member = message.Phone is { } phone ? await districts.FindMemberByPhoneAsync(phone, ct) : null;
        if (member is null)
        {
            var admin = await districts.FirstAdminAsync(ct);
            var (adminName, adminPhone) = (admin?.Name, admin is null ? null : PhoneNumber.Display(admin.Phone));
            // We do not know an unregistered sender's language: say it in both.
            return ("unregistered", ReplyLanguages.English.Unregistered(adminName, adminPhone) + "\n" + ReplyLanguages.Hindi.Unregistered(adminName, adminPhone), null);
        }

        var district = await directory.GetAsync(member.DistrictId, ct);
        var sender = new Sender(member.Name, member.Language, member.ReportsForWholeDistrict, await districts.UnitNamesOfMemberAsync(member.Id, ct));
        var today = district.LocalDay(message.ReceivedAt);

        if (string.IsNullOrWhiteSpace(message.Body))
            return message.MediaCount > 0
                ? ("media", district.Replies.MediaOnly(sender), member.Id)
                : ("empty", null, member.Id);

        var reading = district.Reader.Read(message.Body, sender.Units, today);
        switch (reading.Command)
        {
            case CommandKind.Help:
                return ("help", district.Replies.Help(sender), member.Id);
            case CommandKind.Status:
                var figures = await FigureStore.ForDayAsync(db, member.DistrictId, today, ct);
                return ("status", district.Replies.Status(sender, today, figures.ToDictionary(f => (f.Unit, f.Indicator), f => f.Value)), member.Id);
        }
        if (reading.IsChatter)
            return ("chatter", null, member.Id); // talk in the group is not for the bot

        var plan = TurnPlan.For(reading, sender);
        var recorded = new List<RecordedFigure>();
        foreach (var report in plan.ToRecord)
        {
            var change = await FigureStore.RecordAsync(
                tx, district.UnitIds[report.Unit], report.Indicator, report.Date, report.Value, report.Op == ReportOp.Add,
                member.Id, message.Id, time.GetUtcNow(), ct);
            recorded.Add(new RecordedFigure(report.Unit, report.Indicator, report.Date, change.OldValue, change.NewValue, report.Value, report.Op == ReportOp.Add));
        }
        var outcome = (recorded.Count > 0, reading.Errors.Count + plan.NotPermitted.Count > 0) switch
        {
            (true, true) => "recorded-with-errors",
            (true, false) => "recorded",
            _ => "error",
        };
        return (outcome, district.Replies.Compose(sender, recorded, reading.Errors, plan.NotPermitted), member.Id);
    }
}

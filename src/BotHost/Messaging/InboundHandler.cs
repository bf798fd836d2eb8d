using Npgsql;
using ReportBot.Data.Districts;
using ReportBot.Data.Figures;
using ReportBot.Data.Messages;
using ReportBot.Data.Rhythm;
using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rules;

namespace ReportBot.BotHost.Messaging;

/// <summary>
/// Handles one stored message in one transaction: who sent it, what it says, the figures it sets under the rules, and
/// the reply — so a message is either fully handled (figures and reply together) or not at all, and handled again later.
/// The rules themselves live in src/Reporting; this class fetches what they need and stores what they decide.
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
        // An imported chat replays what was said then: nobody is answered (ChatImport/ChatImporter).
        if (message.Channel == ChatImport.ChatImporter.Channel)
            reply = null;
        if (reply is not null)
            await OutboxStore.AddAsync(tx, new OutboxEntry(message.Channel, message.Sender, memberId, reply, message.Id), time.GetUtcNow(), ct);
        await InboxStore.MarkHandledAsync(tx, message.Id, outcome, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        if (reply is not null)
            outboxSignal.Notify();
    }

    sealed record Turn(NpgsqlTransaction Tx, InboxRow Message, MemberRow Member, Sender Sender, DistrictContext District, DateOnly Today);

    async Task<(string Outcome, string? Reply, int? MemberId)> DecideAsync(NpgsqlTransaction tx, InboxRow message, CancellationToken ct)
    {
        // Lookups go on this transaction's connection: one pooled connection per message, never a second one held
        // while waiting for the first (which starved the pool under load: docs/benchmarks.md).
        var member = message.Phone is { } phone ? await DistrictStore.FindMemberByPhoneAsync(tx, phone, ct) : null;
        if (member is null)
        {
            var admin = await districts.FirstAdminAsync(ct);
            var (adminName, adminPhone) = (admin?.Name, admin is null ? null : PhoneNumber.Display(admin.Phone));
            // We do not know an unregistered sender's language: say it in both.
            return ("unregistered", ReplyLanguages.English.Unregistered(adminName, adminPhone) + "\n" + ReplyLanguages.Hindi.Unregistered(adminName, adminPhone), null);
        }

        // WhatsApp's 24-hour window (and where to reach them) runs from the member's last message.
        if (message.Channel != ChatImport.ChatImporter.Channel) // an export is no channel to reach them on
            await ScheduleStore.TouchMemberAsync(tx, member.Id, message.Channel, message.Sender, message.ReceivedAt, ct);
        var district = await directory.GetAsync(member.DistrictId, ct);
        // Only the units the running campaign reports on (blocks, or panchayats) count as the sender's own.
        var ownUnits = (await DistrictStore.UnitNamesOfMemberAsync(tx, member.Id, ct)).Where(district.Units.ContainsKey).ToList();
        var sender = new Sender(member.Name, member.Language, member.ReportsForWholeDistrict, ownUnits);
        var turn = new Turn(tx, message, member, sender, district, district.LocalDay(message.ReceivedAt));

        if (string.IsNullOrWhiteSpace(message.Body))
            return message.MediaCount > 0
                ? ("media", district.Replies.MediaOnly(sender), member.Id)
                : ("empty", null, member.Id);

        if (AdminCommand.LooksLikeOne(message.Body))
            return member.Role == "admin"
                ? ("admin", await AddMemberAsync(turn, ct), member.Id)
                : ("admin-refused", district.Replies.OnlyAdmins(sender), member.Id);

        var reading = district.Reader.Read(message.Body, sender.Units, turn.Today);
        switch (reading.Command)
        {
            case CommandKind.Help:
                return ("help", district.Replies.Help(sender), member.Id);
            case CommandKind.Status:
                return ("status", await StatusAsync(turn, ct), member.Id);
            case CommandKind.Undo:
                return ("undo", await UndoAsync(turn, ct), member.Id);
            case CommandKind.Confirm:
                return ("confirm", await ConfirmAsync(turn, ct), member.Id);
        }
        if (reading.IsChatter)
            return ("chatter", null, member.Id); // talk in the group is not for the bot
        var (outcome, reply) = await ReportAsync(turn, reading, ct);
        return (outcome, reply, member.Id);
    }

    async Task<(string Outcome, string? Reply)> ReportAsync(Turn turn, Reading reading, CancellationToken ct)
    {
        var plan = TurnPlan.For(reading, turn.Sender);
        var recorded = new List<RecordedFigure>();
        var held = new List<HeldReport>();
        var outside = new List<OutsideCampaignReport>();

        // A figure above the reader's ceiling is not refused outright: it waits for the sender's YES.
        var errors = new List<ReadError>();
        var toDecide = plan.ToRecord.ToList();
        foreach (var error in reading.Errors)
        {
            if (error is { Kind: ReadErrorKind.ImplausibleNumber, Unit: { } unit, Value: { } value } && turn.Sender.MayReportFor(unit))
                toDecide.Add(new ReadReport(unit, turn.District.Catalog.DefaultIndicator.Key, value, error.Date ?? turn.Today));
            else
                errors.Add(error);
        }

        foreach (var report in toDecide)
        {
            var (decision, context) = await DecideFigureAsync(turn, report, confirmed: false, ct);
            var unitId = turn.District.Units[report.Unit].Id;
            switch (decision.Verdict)
            {
                case Verdict.OutsideCampaign:
                    outside.Add(new OutsideCampaignReport(report.Unit, report.Date, turn.District.Window!));
                    break;
                case Verdict.Hold:
                    await HeldFigureStore.ReplaceOpenAsync(turn.Tx, turn.Member.Id, unitId, report.Indicator, report.Date, time.GetUtcNow());
                    await HeldFigureStore.HoldAsync(turn.Tx, turn.Member.Id, unitId, report.Indicator, report.Date, report.Value,
                        report.Op == ReportOp.Add, turn.Message.Id, time.GetUtcNow());
                    held.Add(new HeldReport(report.Unit, decision.NewValue, context.Ceiling));
                    break;
                case Verdict.Record:
                    await HeldFigureStore.ReplaceOpenAsync(turn.Tx, turn.Member.Id, unitId, report.Indicator, report.Date, time.GetUtcNow());
                    recorded.Add(await RecordAsync(turn, report, decision, context, ct));
                    break;
            }
        }

        var outcome = (recorded.Count > 0, held.Count + outside.Count + errors.Count + plan.NotPermitted.Count > 0) switch
        {
            (true, true) => "recorded-with-errors",
            (true, false) => "recorded",
            _ when held.Count > 0 => "held",
            _ => "error",
        };
        return (outcome, turn.District.Replies.Compose(turn.Sender, new TurnOutcome(recorded, held, outside, errors, plan.NotPermitted)));
    }

    /// <summary>Locks the unit and asks the rules what to do with one figure.</summary>
    async Task<(FigureDecision Decision, FigureContext Context)> DecideFigureAsync(Turn turn, ReadReport report, bool confirmed, CancellationToken ct)
    {
        var unitId = turn.District.Units[report.Unit].Id;
        await FigureStore.LockUnitAsync(turn.Tx, unitId, ct);
        var history = await FigureStore.ContextAsync(turn.Tx, unitId, report.Indicator, report.Date, ct);
        var context = new FigureContext(
            history.CurrentValue, history.PreviousDayValue, history.RecentAverage, history.RecentDays,
            turn.District.Catalog.FindIndicator(report.Indicator)?.Cumulative ?? false,
            turn.District.CeilingOf(report.Unit), turn.District.Window);
        return (FigureRules.Decide(report, context, confirmed), context);
    }

    async Task<RecordedFigure> RecordAsync(Turn turn, ReadReport report, FigureDecision decision, FigureContext context, CancellationToken ct)
    {
        var change = await FigureStore.RecordAsync(
            turn.Tx, turn.District.Units[report.Unit].Id, report.Indicator, report.Date, decision.NewValue,
            decision.Flag?.ToString().ToLowerInvariant(), turn.Member.Id, turn.Message.Id, time.GetUtcNow(), ct);
        var reference = decision.Flag switch
        {
            FigureFlag.Spike => (long?)Math.Round(context.RecentAverage ?? 0),
            FigureFlag.Drop => context.PreviousDayValue,
            _ => null,
        };
        return new RecordedFigure(report.Unit, report.Indicator, report.Date, change.OldValue, decision.NewValue, report.Value,
            report.Op == ReportOp.Add, decision.Flag, reference);
    }

    async Task<string> ConfirmAsync(Turn turn, CancellationToken ct)
    {
        if (await HeldFigureStore.LatestOpenAsync(turn.Tx, turn.Member.Id, time.GetUtcNow()) is not { } waiting)
            return turn.District.Replies.NothingToConfirm(turn.Sender);
        var unit = turn.District.Units.Values.Single(u => u.Id == waiting.UnitId).Name;
        var report = new ReadReport(unit, waiting.Indicator, waiting.Value, waiting.Day, waiting.Add ? ReportOp.Add : ReportOp.Set);
        var (decision, context) = await DecideFigureAsync(turn, report, confirmed: true, ct);
        await HeldFigureStore.ResolveAsync(turn.Tx, waiting.Id, "confirmed", time.GetUtcNow());
        if (decision.Verdict == Verdict.OutsideCampaign)
            return turn.District.Replies.Compose(turn.Sender, new TurnOutcome([], [], [new(unit, report.Date, turn.District.Window!)], [], []))!;
        var recorded = await RecordAsync(turn, report, decision, context, ct);
        return turn.District.Replies.Compose(turn.Sender, new TurnOutcome([recorded], [], [], [], []))!;
    }

    async Task<string> UndoAsync(Turn turn, CancellationToken ct)
    {
        if (await FigureStore.UndoLastAsync(turn.Tx, turn.Member.Id, turn.Message.Id, time.GetUtcNow(), ct) is not { } undone)
            return turn.District.Replies.NothingToUndo(turn.Sender);
        var unit = turn.District.Units.Values.Single(u => u.Id == undone.UnitId).Name;
        return turn.District.Replies.Undone(turn.Sender, unit, undone.Day, undone.From, undone.To);
    }

    async Task<string> StatusAsync(Turn turn, CancellationToken ct)
    {
        var indicator = turn.District.Catalog.DefaultIndicator.Key;
        var figures = (await FigureStore.ForDayAsync(db, turn.Member.DistrictId, turn.Today, ct))
            .Where(f => f.Indicator == indicator)
            .ToDictionary(f => f.Unit, f => f.Value, StringComparer.OrdinalIgnoreCase);
        return turn.District.Replies.Status(turn.Sender, turn.Today, turn.District.Standing(figures, indicator));
    }

    async Task<string> AddMemberAsync(Turn turn, CancellationToken ct)
    {
        if (AdminCommand.ParseAdd(turn.Message.Body, turn.District.Catalog) is not { } add)
            return turn.District.Replies.AdminUsage(turn.Sender);
        await DistrictStore.UpsertMemberAsync(turn.Tx, turn.Member.DistrictId, add.Name, add.Phone, "reporter", "hi", [add.Unit], ct);
        return turn.District.Replies.MemberAdded(turn.Sender, add.Name, PhoneNumber.Display(add.Phone), [add.Unit]);
    }
}

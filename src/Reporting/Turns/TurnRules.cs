using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Districts;
using ReportBot.Reporting.Groups;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Reading;
using ReportBot.Reporting.Rules;

namespace ReportBot.Reporting.Turns;

/// <summary>What a turn must load before it can be decided.</summary>
public enum TurnNeed
{
    /// <summary>Decided already: see <see cref="TurnStart.Decision"/>.</summary>
    Nothing,
    /// <summary>The figures its reports touch (<see cref="TurnStart.Figures"/>), under their units' locks.</summary>
    Figures,
    /// <summary>The district's figures for the day (a `status`).</summary>
    Status,
    /// <summary>The sender's last change and its figure now (an `undo`).</summary>
    Undo,
    /// <summary>The sender's figure waiting for a YES, and its figure now.</summary>
    Confirm,
    /// <summary>Who, if anyone, already has the phone an admin's `add` names (<see cref="TurnStart.Add"/>).</summary>
    PhoneOwner,
    /// <summary>What the edited message made (<see cref="TurnFacts.Original"/>), and the figures of both, under their units' locks.</summary>
    Edit,
    /// <summary>What the deleted message made, to take it back.</summary>
    TakeBack,
}

/// <summary>A turn after its first look: decided, or waiting for what it <see cref="Need"/>s.</summary>
public sealed record TurnStart(
    TurnNeed Need,
    TurnDecision? Decision,
    Sender? Sender,
    DateOnly Today,
    Reading.Reading? Reading = null,
    IReadOnlyList<ReadReport>? ToDecide = null,
    IReadOnlyList<ReadError>? Errors = null,
    IReadOnlyList<ReadReport>? NotPermitted = null)
{
    /// <summary>When the message was sent, if it reached us long after (an outage): the reply says so.</summary>
    public DateTimeOffset? SentLate { get; init; }

    /// <summary>The message it is the turn of (group manners need to know where it was said).</summary>
    public TurnMessage? Message { get; init; }

    /// <summary>An admin's `add`, decided once its phone's owner (if any) is known.</summary>
    public AddMemberCommand? Add { get; init; }

    /// <summary>The figures to lock and load, in one canonical order (so two turns never wait for each other in a circle).</summary>
    public IReadOnlyList<FigureKey> Figures { get; init; } = [];

    public static TurnStart Done(TurnDecision decision) => new(TurnNeed.Nothing, decision, null, default);
}

/// <summary>
/// One message's turn, decided without I/O in two steps: <see cref="Start"/> reads the message and says what must be
/// loaded; <see cref="Finish"/> takes what was loaded and decides everything — what to record, hold, flag and answer.
/// The host loads and applies; every rule here has a test without a database (tests/Reporting.Tests/Turns).
/// </summary>
public static class TurnRules
{
    /// <param name="strangers">Every district, for telling an unregistered sender whom to ask.</param>
    public static TurnStart Start(TurnMessage message, TurnMember? member, DistrictSetting? district, IReadOnlyList<DistrictSetting> strangers) =>
        Open(message, member, district, strangers) with { Message = message };

    static TurnStart Open(TurnMessage message, TurnMember? member, DistrictSetting? district, IReadOnlyList<DistrictSetting> strangers)
    {
        // In a group only a linked one is read, and only its own district's members are heard there.
        if (message.Chat is not null)
        {
            // "link Darbhanga" names a district; "link bhejiye sir" is talk, read as any other message.
            if (GroupCommand.ParseLink(message.Body) is { } named
                && strangers.FirstOrDefault(d => string.Equals(d.Catalog.District, named, StringComparison.OrdinalIgnoreCase)) is { } target)
                return TurnStart.Done(Link(message, member, target, strangers));
            if (message.Group is not { } group)
                return TurnStart.Done(new TurnDecision(InboxOutcome.NotLinked, null));
            if (member is null || district is null || member.DistrictId != group.DistrictId)
                return TurnStart.Done(StrangerInGroup(message, member, group, strangers));
        }
        else if (member is null && message.Abilities.LinkAccount is not null && message.Event != MessageEvent.Contact)
        {
            // Telegram gives no phone: whoever writes privately before linking is offered the button that shares it.
            return TurnStart.Done(new TurnDecision(InboxOutcome.Unregistered,
                Replies.ReplyLanguages.English.ShareYourNumber + "\n" + Replies.ReplyLanguages.Hindi.ShareYourNumber) { AskContact = true });
        }
        if (member is null || district is null)
            return TurnStart.Done(Unregistered(message, strangers));

        // Only the units the running campaign reports on (blocks, or panchayats) count as the sender's own.
        var sender = new Sender(member.Name, member.Language, member.Role.ReportsForWholeDistrict(),
            member.Units.Where(district.Units.ContainsKey).ToList());
        var countsFrom = message.CountsFrom(district.Settings.MaxDaysBack);
        var today = district.LocalDay(countsFrom);

        switch (message.Event)
        {
            case MessageEvent.Contact:
                return TurnStart.Done(new TurnDecision(InboxOutcome.AccountLinked, Replies.ReplyLanguages.For(member.Language).AccountLinked(member.Name)));
            case MessageEvent.Deleted:
                return new TurnStart(TurnNeed.TakeBack, null, sender, today);
            case MessageEvent.Edited:
                return Edited(message, member, district, sender, today, countsFrom);
        }
        if (message.Chat is null && message.Body.Trim().StartsWith("/start", StringComparison.OrdinalIgnoreCase))
            return TurnStart.Done(new TurnDecision(InboxOutcome.Help, district.Replies.Help(sender))); // Telegram's Start button

        if (string.IsNullOrWhiteSpace(message.Body))
            return TurnStart.Done(message.MediaCount > 0
                ? new TurnDecision(InboxOutcome.Media, district.Replies.MediaOnly(sender))
                : new TurnDecision(InboxOutcome.Empty, null));

        if (AdminCommand.LooksLikeOne(message.Body))
            return (member.Role != Role.Admin
                ? TurnStart.Done(new TurnDecision(InboxOutcome.AdminRefused, district.Replies.OnlyAdmins(sender)))
                : AdminCommand.ParseAdd(message.Body, district.Catalog) is { } add
                    ? new TurnStart(TurnNeed.PhoneOwner, null, sender, today) { Add = add }
                    : TurnStart.Done(new TurnDecision(InboxOutcome.Admin, district.Replies.AdminUsage(sender))));

        Reading.Reading reading;
        try
        {
            reading = district.Reader.Read(message.Body, sender.Units, today);
        }
        catch (Exception)
        {
            // The reader must never throw; if it ever does, the sender still gets an answer (how to report), and the
            // message is marked for the admins instead of being retried for ever by the sweeper.
            return TurnStart.Done(new TurnDecision(InboxOutcome.Unreadable, district.Replies.Help(sender)));
        }

        switch (reading.Command)
        {
            case CommandKind.Help:
                return TurnStart.Done(new TurnDecision(InboxOutcome.Help, district.Replies.Help(sender)));
            case CommandKind.Status:
                return new TurnStart(TurnNeed.Status, null, sender, today);
            case CommandKind.Undo:
                return new TurnStart(TurnNeed.Undo, null, sender, today);
            case CommandKind.Confirm:
                return member.HasHeldFigure
                    ? new TurnStart(TurnNeed.Confirm, null, sender, today)
                    // "Yes sir" is everyday talk in a group: with nothing waiting, it is not for the bot there.
                    : TurnStart.Done(new TurnDecision(InboxOutcome.Confirm, message.Chat is null ? district.Replies.NothingToConfirm(sender) : null));
        }
        if (reading.IsChatter)
            return TurnStart.Done(new TurnDecision(InboxOutcome.Chatter, null)); // talk in the group is not for the bot
        return Reports(message, district, sender, today, countsFrom, reading, TurnNeed.Figures);
    }

    /// <summary>The figures a reading reports, and its errors: what a report's turn must load and decide.</summary>
    static TurnStart Reports(TurnMessage message, DistrictSetting district, Sender sender, DateOnly today, DateTimeOffset countsFrom,
        Reading.Reading reading, TurnNeed need)
    {
        var plan = TurnPlan.For(reading, sender);
        var toDecide = plan.ToRecord.ToList();
        var errors = new List<ReadError>();
        foreach (var error in reading.Errors)
        {
            // A figure above the reader's ceiling is not refused outright: it waits for the sender's YES.
            if (error is { Kind: ReadErrorKind.ImplausibleNumber, Unit: { } unit, Value: { } value } && sender.MayReportFor(unit) && district.Units.ContainsKey(unit))
                toDecide.Add(new ReadReport(unit, district.Catalog.DefaultIndicator.Key, value, error.Date ?? today));
            else
                errors.Add(error);
        }
        toDecide.RemoveAll(r => !district.Units.ContainsKey(r.Unit)); // a unit of another reporting level is not ours
        return new TurnStart(need, null, sender, today, reading, toDecide, errors, plan.NotPermitted)
        {
            SentLate = message.ReceivedAt - countsFrom >= TurnMessage.LateBy ? countsFrom : null,
            Figures = toDecide.Select(r => KeyOf(district, r)).Distinct().Order(FigureKeyOrder.Instance).ToList(),
        };
    }

    /// <summary>
    /// Decides a turn from what was loaded for it (nothing, for a turn <see cref="Start"/> decided already), and what of
    /// it goes out where: in a group, the group's manners (<see cref="GroupManners"/>).
    /// </summary>
    public static TurnDecision Finish(TurnStart start, TurnMember? member, DistrictSetting? district, TurnFacts facts)
    {
        var decision = start.Decision ?? start.Need switch
        {
            TurnNeed.Status => Status(start, district!, facts),
            TurnNeed.Undo => Undo(start.Sender!, district!, facts),
            TurnNeed.Confirm => Confirm(start.Sender!, district!, facts),
            TurnNeed.PhoneOwner => AddMember(start.Add!, start.Sender!, member!, district!, facts.PhoneOwner),
            TurnNeed.TakeBack => TakeBack(facts),
            TurnNeed.Edit => Edit(start, member!, district!, facts),
            _ => Report(start, member!, district!, facts),
        };
        if (start.Message is not { } message)
            return decision;
        return decision with
        {
            // Whoever writes in the group is there (the admin who links it too): the rhythm reaches them in it.
            SeenInGroup = member is not null && member.DistrictId == (message.Group?.DistrictId ?? decision.LinkGroupTo),
            Sends = GroupManners.Sends(decision, message),
        };
    }

    /// <summary>
    /// An admin's `link Darbhanga`, posted in the group: the group becomes their district's reporting group. Only an
    /// admin of the district it names may, and a group linked to another district stays as it is.
    /// </summary>
    static TurnDecision Link(TurnMessage message, TurnMember? member, DistrictSetting target, IReadOnlyList<DistrictSetting> districts)
    {
        if (member is null)
            return new TurnDecision(InboxOutcome.NotLinked, null) { Sends = [] }; // a stranger's words in a group get nothing
        var language = Replies.ReplyLanguages.For(member.Language);
        var linkedTo = message.Group is { } group && group.DistrictId != target.Id ? districts.FirstOrDefault(d => d.Id == group.DistrictId) : null;
        if (member.Role != Role.Admin || target.Id != member.DistrictId || linkedTo is not null)
            return new TurnDecision(InboxOutcome.AdminRefused, null)
            {
                Sends = [new TurnSend(SendTo.Group, language.GroupNotLinked(target.Catalog.District, linkedTo?.Catalog.District), message.MessageRef)],
            };
        return new TurnDecision(InboxOutcome.GroupLinked, null)
        {
            LinkGroupTo = target.Id,
            Sends = [new TurnSend(SendTo.Group, language.GroupLinked(target.Catalog.District))],
        };
    }

    /// <summary>
    /// Someone who is no member of the group's district posted in it: nothing of theirs is recorded and nothing is said in
    /// the group — except, once a day and only for what reads as a report, how to get on record: on Telegram, the link
    /// that connects their account (quoted, since a bot cannot write first); where the channel lets us write first, a
    /// private note naming whom to ask.
    /// </summary>
    static TurnDecision StrangerInGroup(TurnMessage message, TurnMember? member, TurnGroup group, IReadOnlyList<DistrictSetting> districts)
    {
        var silent = new TurnDecision(InboxOutcome.Unregistered, null) { Sends = [] };
        // A member of another district is registered and knows whom to ask: nothing for them here at all.
        if (member is not null || districts.FirstOrDefault(d => d.Id == group.DistrictId) is not { } district || !NamesAUnit(district, message))
            return silent;
        if (message.StrangerNotedOn == district.LocalDay(message.ReceivedAt))
            return silent;
        var (english, hindi) = (Replies.ReplyLanguages.English, Replies.ReplyLanguages.Hindi);
        if (message.Abilities.LinkAccount is { } link)
            return silent with
            {
                NoteStrangerOn = district.LocalDay(message.ReceivedAt),
                Sends = [new TurnSend(SendTo.Group, english.LinkYourAccount(link) + "\n" + hindi.LinkYourAccount(link), message.MessageRef)],
            };
        if (message.Abilities.WritesFirst)
            return silent with
            {
                NoteStrangerOn = district.LocalDay(message.ReceivedAt),
                Sends = [new TurnSend(SendTo.Sender, english.Unregistered(district.AdminName) + "\n" + hindi.Unregistered(district.AdminName))],
            };
        return silent;
    }

    /// <summary>Whether a message reads as a report for some unit of <paramref name="district"/> (a stranger's, read with no units of their own).</summary>
    static bool NamesAUnit(DistrictSetting district, TurnMessage message)
    {
        try
        {
            var reading = district.Reader.Read(message.Body, [], district.LocalDay(message.ReceivedAt));
            return reading.Reports.Count > 0 || reading.Errors.Any(e => e.Unit is not null);
        }
        catch (Exception)
        {
            return false; // a reader that fails names nothing
        }
    }

    /// <summary>
    /// An edited message is read again: its reports are decided as if what the original made had been taken back
    /// (see <see cref="Edit"/>). An edit that no longer reports anything only takes back.
    /// </summary>
    static TurnStart Edited(TurnMessage message, TurnMember member, DistrictSetting district, Sender sender, DateOnly today, DateTimeOffset countsFrom)
    {
        Reading.Reading reading;
        try
        {
            reading = district.Reader.Read(message.Body, sender.Units, today);
        }
        catch (Exception)
        {
            return new TurnStart(TurnNeed.TakeBack, null, sender, today);
        }
        return reading.Command is not null || reading.IsChatter
            ? new TurnStart(TurnNeed.Edit, null, sender, today, reading, [], [], [])
            : Reports(message, district, sender, today, countsFrom, reading, TurnNeed.Edit);
    }

    /// <summary>The original's changes nobody has changed since: only those are the message's to take back.</summary>
    static IReadOnlyList<LastChangeFacts> StillCurrent(TurnFacts facts) =>
        facts.Original is { } original ? original.Changes.Where(c => facts.For(c.Key).Current == c.NewValue).ToList() : [];

    /// <summary>A deleted report takes its figures back, as `undo` would, each change into the history.</summary>
    static TurnDecision TakeBack(TurnFacts facts) =>
        new(InboxOutcome.TakenBack, null)
        {
            Writes = StillCurrent(facts).Select(c => new FigureWrite(c.Key, c.NewValue, c.OldValue, Reverts: c.HistoryId)).ToList(),
        };

    /// <summary>
    /// An edit replaces what its original made: the new text is decided on the figures as they were before the original
    /// (so "+50" edited to "+60" adds 60 once), its writes recorded over what is stored now, and whatever the original
    /// made that the edit no longer reports is taken back. Acknowledged as a change, on the original message.
    /// </summary>
    static TurnDecision Edit(TurnStart start, TurnMember member, DistrictSetting district, TurnFacts facts)
    {
        var taken = StillCurrent(facts).ToDictionary(c => c.Key);
        var before = facts.Figures.ToDictionary(f => f.Key, f => taken.TryGetValue(f.Key, out var c) ? f.Value with { Current = c.OldValue } : f.Value);
        var report = start.ToDecide!.Count + start.Errors!.Count + start.NotPermitted!.Count == 0
            ? new TurnDecision(taken.Count > 0 ? InboxOutcome.TakenBack : InboxOutcome.Chatter, null)
            : Report(start, member, district, new TurnFacts(before));
        var writes = report.Writes.Select(w => taken.ContainsKey(w.Key) ? w with { OldValue = facts.For(w.Key).Current } : w).ToList();
        var rewritten = writes.Select(w => w.Key).ToHashSet();
        var takenBack = taken.Values.Where(c => !rewritten.Contains(c.Key))
            .Select(c => new FigureWrite(c.Key, c.NewValue, c.OldValue, Reverts: c.HistoryId)).ToList();
        return report with
        {
            Writes = [.. takenBack, .. writes],
            Acknowledge = writes.Count + takenBack.Count > 0 ? Acknowledgement.Changed : null,
            QuoteRef = facts.Original?.MessageRef,
        };
    }

    /// <summary>
    /// An admin's chat `add` registers a new reporter or gives an existing reporter one more unit — nothing else. It
    /// never renames, re-roles or moves someone who has the number already: that is the import's work, where it is
    /// listed and needs --force; done silently from a chat it would turn an officer into a reporter unnoticed.
    /// </summary>
    static TurnDecision AddMember(AddMemberCommand add, Sender sender, TurnMember admin, DistrictSetting district, PhoneOwner? owner)
    {
        var phone = PhoneNumber.Display(add.Phone);
        var refusal = owner switch
        {
            null => (AddRefusal?)null,
            { DistrictId: var d } when d != admin.DistrictId => AddRefusal.OtherDistrict,
            { Role: not Role.Reporter } => AddRefusal.NotAReporter,
            { Name: var name } when !string.Equals(name.Trim(), add.Name.Trim(), StringComparison.OrdinalIgnoreCase) => AddRefusal.OtherName,
            _ => null,
        };
        if (refusal is { } why)
            return new TurnDecision(InboxOutcome.AdminRefused, district.Replies.NotChanged(sender, owner!.Name, phone, owner.Role, why));
        var units = (owner?.Units ?? []).Append(add.Unit).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new TurnDecision(InboxOutcome.Admin, district.Replies.MemberAdded(sender, owner?.Name ?? add.Name, phone, units)) { AddMember = add };
    }

    static TurnDecision Report(TurnStart start, TurnMember member, DistrictSetting district, TurnFacts facts)
    {
        var recorded = new List<RecordedFigure>();
        var held = new List<HeldReport>();
        var outside = new List<OutsideCampaignReport>();
        var refused = new List<RefusedTotal>();
        var writes = new List<FigureWrite>();
        var holds = new List<HeldWrite>();
        // Two reports for one figure in one message: the second sees the first's result.
        var current = new Dictionary<FigureKey, long?>();
        foreach (var report in start.ToDecide!)
        {
            var key = KeyOf(district, report);
            var stored = facts.For(key);
            var before = current.TryGetValue(key, out var earlier) ? earlier : stored.Current;
            var context = ContextOf(district, report, stored with { Current = before });
            var decision = FigureRules.Decide(report, context);
            switch (decision.Verdict)
            {
                case Verdict.OutsideCampaign:
                    outside.Add(new OutsideCampaignReport(report.Unit, report.Date, district.Window!));
                    break;
                case Verdict.TotalBelowRecorded or Verdict.TotalWithoutHistory when decision.Total is { } arithmetic:
                    refused.Add(new RefusedTotal(report.Unit, report.Date, arithmetic));
                    break;
                case Verdict.TotalBelowRecorded or Verdict.TotalWithoutHistory:
                    break; // the drive's history is always loaded for a turn: a total is never left without it
                case Verdict.Hold:
                    holds.Add(new HeldWrite(key, report.Value, report.Op == ReportOp.Add));
                    held.Add(new HeldReport(report.Unit, decision.NewValue, context.Ceiling));
                    break;
                case Verdict.Record:
                    writes.Add(new FigureWrite(key, before, decision.NewValue, decision.Flag, StatedTotal: decision.Total?.Total));
                    recorded.Add(RecordedFigure.Of(report, decision, before, FlagReference(decision, context)));
                    current[key] = decision.NewValue;
                    break;
            }
        }
        var troubles = held.Count + outside.Count + refused.Count + start.Errors!.Count + start.NotPermitted!.Count;
        var outcome = (recorded.Count > 0, troubles > 0) switch
        {
            (true, true) => InboxOutcome.RecordedWithErrors,
            (true, false) => InboxOutcome.Recorded,
            _ when held.Count > 0 => InboxOutcome.Held,
            _ => InboxOutcome.Error,
        };
        var reply = district.Replies.Compose(start.Sender!, new TurnOutcome(recorded, held, outside, start.Errors, start.NotPermitted, refused, start.Today));
        // In a group a reaction says "recorded"; words are added only for what the sender should look at: anything not
        // recorded, a flag, or a figure the bot worked out from a running total rather than read.
        var mustAct = troubles > 0 || start.SentLate is not null
            || writes.Any(w => w.Flag is not null) || start.ToDecide!.Any(r => r.Op == ReportOp.Total);
        if (reply is not null && start.SentLate is { } sent)
            reply = district.Replies.ArrivedLate(start.Sender!, district.LocalTime(sent)) + "\n" + reply;
        return new TurnDecision(outcome, reply)
        {
            Writes = writes,
            Holds = holds,
            // A new figure for the same unit, indicator and day replaces whatever of the sender's was waiting for it.
            ReleaseHeld = member.HasHeldFigure ? writes.Select(w => w.Key).Concat(holds.Select(h => h.Key)).Distinct().ToList() : [],
            Acknowledge = recorded.Count == 0 ? null
                : recorded.Any(r => r.OldValue is not null || r.Withdrawn is not null) ? Acknowledgement.Changed : Acknowledgement.Recorded,
            MustAct = mustAct,
        };
    }

    static TurnDecision Confirm(Sender sender, DistrictSetting district, TurnFacts facts)
    {
        if (facts.Held is not { } waiting)
            return new TurnDecision(InboxOutcome.Confirm, district.Replies.NothingToConfirm(sender));
        var unit = district.UnitById(waiting.Key.UnitId).Name;
        var report = new ReadReport(unit, waiting.Key.Indicator, waiting.Value, waiting.Key.Day, waiting.Add ? ReportOp.Add : ReportOp.Set);
        var stored = facts.For(waiting.Key);
        var context = ContextOf(district, report, stored);
        var decision = FigureRules.Decide(report, context, confirmed: true);
        if (decision.Verdict == Verdict.OutsideCampaign)
            return new TurnDecision(InboxOutcome.Confirm,
                district.Replies.Compose(sender, new TurnOutcome([], [], [new(unit, report.Date, district.Window!)], [], [])))
            { ConfirmedHeld = waiting.Id };
        return new TurnDecision(InboxOutcome.Confirm,
            district.Replies.Compose(sender, new TurnOutcome([RecordedFigure.Of(report, decision, stored.Current, FlagReference(decision, context))], [], [], [], [])))
        {
            Writes = [new FigureWrite(waiting.Key, stored.Current, decision.NewValue, decision.Flag)],
            ConfirmedHeld = waiting.Id,
            Acknowledge = Acknowledgement.Recorded,
        };
    }

    /// <summary>
    /// Takes back the sender's own last change — but never a later change someone else made to the same figure, which
    /// an undo must not erase.
    /// </summary>
    static TurnDecision Undo(Sender sender, DistrictSetting district, TurnFacts facts)
    {
        if (facts.LastChange is not { } last || facts.For(last.Key).Current != last.NewValue)
            return new TurnDecision(InboxOutcome.Undo, district.Replies.NothingToUndo(sender));
        var unit = district.UnitById(last.Key.UnitId).Name;
        return new TurnDecision(InboxOutcome.Undo, district.Replies.Undone(sender, unit, last.Key.Day, last.NewValue, last.OldValue))
        {
            Writes = [new FigureWrite(last.Key, last.NewValue, last.OldValue, Reverts: last.HistoryId)],
        };
    }

    static TurnDecision Status(TurnStart start, DistrictSetting district, TurnFacts facts)
    {
        var standing = district.Standing(facts.DayFigures ?? new Dictionary<string, long>(), district.Catalog.DefaultIndicator.Key);
        return new TurnDecision(InboxOutcome.Status, district.Replies.Status(start.Sender!, start.Today, standing));
    }

    static TurnDecision Unregistered(TurnMessage message, IReadOnlyList<DistrictSetting> districts)
    {
        var district = StrangersDistrict(message, districts);
        // We do not know an unregistered sender's language: say it in both.
        return new TurnDecision(InboxOutcome.Unregistered,
            Replies.ReplyLanguages.English.Unregistered(district?.AdminName) + "\n"
            + Replies.ReplyLanguages.Hindi.Unregistered(district?.AdminName));
    }

    /// <summary>
    /// The district a stranger most likely belongs to: the only one, or the only one whose units their message names —
    /// never another district's admin by default (a stranger in Madhubani must not be sent to Darbhanga's).
    /// </summary>
    static DistrictSetting? StrangersDistrict(TurnMessage message, IReadOnlyList<DistrictSetting> districts)
    {
        if (districts.Count <= 1)
            return districts.FirstOrDefault();
        var named = districts.Where(d => NamesAUnit(d, message)).Take(2).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    static FigureKey KeyOf(DistrictSetting district, ReadReport report) => new(district.Units[report.Unit].Id, report.Indicator, report.Date);

    static FigureContext ContextOf(DistrictSetting district, ReadReport report, FigureFacts stored) =>
        new(stored.Current, stored.PreviousDay, stored.RecentAverage, stored.RecentDays,
            district.Catalog.FindIndicator(report.Indicator)?.Cumulative ?? false,
            district.CeilingOf(report.Unit), district.Window,
            stored.DriveBefore, DaysWithoutFigure(district, report.Date, stored));

    /// <summary>The campaign's days before <paramref name="day"/> on which the unit has no figure (a running total covers them).</summary>
    static int DaysWithoutFigure(DistrictSetting district, DateOnly day, FigureFacts stored) =>
        district.Campaign is { } campaign && day > campaign.StartsOn
            ? Math.Max(0, day.DayNumber - campaign.StartsOn.DayNumber - stored.DaysReportedBefore)
            : 0;

    /// <summary>The unit's usual day, or the day before's total, that a flag is about.</summary>
    static long? FlagReference(FigureDecision decision, FigureContext context) => decision.Flag switch
    {
        FigureFlag.Spike => (long?)Math.Round(context.RecentAverage ?? 0),
        FigureFlag.Drop => context.PreviousDayValue,
        _ => null,
    };
}

/// <summary>Units in id order, then indicator and day: the one order in which a turn takes its units' locks.</summary>
public sealed class FigureKeyOrder : IComparer<FigureKey>
{
    public static readonly FigureKeyOrder Instance = new();

    public int Compare(FigureKey x, FigureKey y) =>
        x.UnitId != y.UnitId ? x.UnitId.CompareTo(y.UnitId)
        : string.CompareOrdinal(x.Indicator, y.Indicator) is var byIndicator and not 0 ? byIndicator
        : x.Day.CompareTo(y.Day);
}

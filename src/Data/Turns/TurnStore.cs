using Dapper;
using Npgsql;
using ReportBot.Reporting.Districts;
using ReportBot.Reporting.Groups;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Turns;

namespace ReportBot.Data.Turns;

/// <summary>
/// A message's turn in the database: <see cref="ClaimAsync"/> takes the message with its sender in one statement;
/// <see cref="LoadAsync"/> locks and reads what the rules asked for in one round trip; <see cref="ApplyAsync"/>
/// stores the decision — figures with their history, held figures, the member's last contact, the reply and the
/// message's outcome — in one statement. All on the one transaction's connection: a transaction asks nothing of a
/// second pooled connection (that is how a pool starves under load).
/// </summary>
public static class TurnStore
{
    /// <summary>How long a held figure waits for its YES.</summary>
    public static readonly TimeSpan HeldPatience = TimeSpan.FromHours(24);

    sealed record ClaimRow
    {
        public long InboxId { get; init; }
        public required string Channel { get; init; }
        public required string Address { get; init; }
        public required string Body { get; init; }
        public int MediaCount { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public int? MemberId { get; init; }
        public int DistrictId { get; init; }
        public string? MemberName { get; init; }
        public Role? Role { get; init; }
        public string? Language { get; init; }
        public string[] Units { get; init; } = [];
        public bool HasHeldFigure { get; init; }
        public string? Chat { get; init; }
        public string? MessageRef { get; init; }
        public string? Event { get; init; }
        public string? Original { get; init; }
        public int? GroupId { get; init; }
        public int? GroupDistrictId { get; init; }
        public DateOnly? StrangerNotedOn { get; init; }
    }

    /// <summary>
    /// Locks an unhandled message for handling inside <paramref name="tx"/>, with the member its phone belongs to (null:
    /// nobody registered it). Null if the message is handled already or another worker holds it.
    /// </summary>
    public static async Task<(TurnMessage Message, TurnMember? Member)?> ClaimAsync(NpgsqlTransaction tx, long inboxId, DateTimeOffset now, CancellationToken ct = default)
    {
        var row = await tx.Connection!.QuerySingleOrDefaultAsync<ClaimRow>(new CommandDefinition(
            $"{ClaimSelect} where i.id = @inboxId and i.processed_at is null for update of i skip locked",
            new { inboxId, heldSince = now - HeldPatience }, tx, cancellationToken: ct));
        return row is null ? null : ToTurn(row);
    }

    /// <summary>A message with its sender (constant text; the claims add their own conditions).</summary>
    const string ClaimSelect = """
            select i.id as InboxId, i.channel, i.sender as Address, i.body, i.media_count as MediaCount, i.received_at as ReceivedAt, i.sent_at as SentAt,
                   m.id as MemberId, coalesce(m.district_id, 0) as DistrictId, m.name as MemberName, m.role, m.language,
                   array(select u.name from member_units mu join units u on u.id = mu.unit_id
                         where mu.member_id = m.id order by u.name) as Units,
                   exists(select 1 from held_figures h
                          where h.member_id = m.id and h.resolved_at is null and h.held_at > @heldSince) as HasHeldFigure,
                   i.chat_id as Chat, i.message_ref as MessageRef, i.event, i.original_ref as Original,
                   g.id as GroupId, g.district_id as GroupDistrictId,
                   case when i.chat_id is not null then
                       (select max(sn.day) from stranger_notes sn where sn.channel = i.channel and sn.address = i.sender) end as StrangerNotedOn
            from inbox i left join members m on m.phone = i.phone
                 left join groups g on g.channel = i.channel and g.chat_id = i.chat_id
            """;

    static (TurnMessage Message, TurnMember? Member) ToTurn(ClaimRow row)
    {
        var message = new TurnMessage(row.InboxId, row.Channel, row.Address, row.Body, row.MediaCount, row.ReceivedAt, row.SentAt,
            row.Chat, row.MessageRef, MessageEvents.Parse(row.Event), row.Original)
        {
            Group = row is { GroupId: { } groupId, GroupDistrictId: { } districtId } ? new TurnGroup(groupId, districtId) : null,
            StrangerNotedOn = row.StrangerNotedOn,
        };
        var member = row.MemberId is { } id
            ? new TurnMember(id, row.DistrictId, row.MemberName!, row.Role!.Value, row.Language!, row.Units, row.HasHeldFigure)
            : null;
        return (message, member);
    }

    /// <summary>
    /// Locks several unhandled messages at once (those another worker holds, or that are handled already, are left out),
    /// each with its sender, in the order they arrived.
    /// </summary>
    public static async Task<IReadOnlyList<(TurnMessage Message, TurnMember? Member)>> ClaimManyAsync(NpgsqlTransaction tx, IReadOnlyList<long> inboxIds,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var rows = await tx.Connection!.QueryAsync<ClaimRow>(new CommandDefinition(
            $"{ClaimSelect} where i.id = any(@inboxIds) and i.processed_at is null order by i.id for update of i skip locked",
            new { inboxIds = inboxIds.ToArray(), heldSince = now - HeldPatience }, tx, cancellationToken: ct));
        return rows.Select(ToTurn).ToList();
    }

    /// <summary>Loads what <paramref name="start"/> needs, taking its units' locks first (in one canonical order).</summary>
    public static async Task<TurnFacts> LoadAsync(NpgsqlTransaction tx, TurnStart start, TurnMember member, DistrictSetting district, DateTimeOffset now, CancellationToken ct = default)
    {
        switch (start.Need)
        {
            case TurnNeed.Figures:
                return new TurnFacts(await FiguresAsync(tx, start.Figures, district, ct));
            case TurnNeed.Status:
                return TurnFacts.Empty with { DayFigures = await DayFiguresAsync(tx, district, start.Today, ct) };
            case TurnNeed.Confirm:
                var held = await OpenHeldAsync(tx, member.Id, now, ct);
                return held is null ? TurnFacts.Empty : new TurnFacts(await FiguresAsync(tx, [held.Key], district, ct), Held: held);
            case TurnNeed.PhoneOwner:
                return TurnFacts.Empty with { PhoneOwner = await PhoneOwnerAsync(tx, start.Add!.Phone, ct) };
            case TurnNeed.Undo:
                var last = await LastChangeAsync(tx, member.Id, ct);
                return last is null ? TurnFacts.Empty : new TurnFacts(await FiguresAsync(tx, [last.Key], district, ct), LastChange: last);
            case TurnNeed.Edit or TurnNeed.TakeBack:
                var original = await OriginalAsync(tx, start.Message!, ct);
                var keys = start.Figures.Concat(original?.Changes.Select(c => c.Key) ?? []).Distinct().Order(FigureKeyOrder.Instance).ToList();
                return new TurnFacts(await FiguresAsync(tx, keys, district, ct), Original: original);
            default:
                return TurnFacts.Empty;
        }
    }

    static async Task<PhoneOwner?> PhoneOwnerAsync(NpgsqlTransaction tx, string phone, CancellationToken ct)
    {
        var row = await tx.Connection!.QuerySingleOrDefaultAsync<(string Name, int DistrictId, string Role, string[] Units)?>(new CommandDefinition(
            """
            select m.name, m.district_id, m.role,
                   coalesce(array(select u.name from member_units mu join units u on u.id = mu.unit_id where mu.member_id = m.id order by u.name), '{}')
            from members m where m.phone = @phone
            """, new { phone }, tx, cancellationToken: ct));
        return row is { } r && Roles.TryParse(r.Role, out var role) ? new PhoneOwner(r.Name, r.DistrictId, role, r.Units) : null;
    }

    sealed record FactsRow
    {
        public long Ordinal { get; init; }
        public long? Current { get; init; }
        public long? PreviousDay { get; init; }
        public double? RecentAverage { get; init; }
        public int RecentDays { get; init; }
        public long DriveBefore { get; init; }
        public int DaysReportedBefore { get; init; }
    }

    /// <summary>
    /// Serialises changes to the units' figures (the lock is held to the end of the transaction, so two reports arriving
    /// together each see the other's result), then reads each figure's facts — two statements, one round trip.
    /// </summary>
    static Task<IReadOnlyDictionary<FigureKey, FigureFacts>> FiguresAsync(NpgsqlTransaction tx, IReadOnlyList<FigureKey> keys, DistrictSetting district, CancellationToken ct) =>
        FiguresAsync(tx, keys.Select(k => (k, district.DriveStart)).ToList(), ct);

    /// <summary>
    /// The figures several turns touch, locked and read together (each key with the start of its district's drive): one
    /// lock statement over all their units, in one order, and one read.
    /// </summary>
    public static async Task<IReadOnlyDictionary<FigureKey, FigureFacts>> FiguresAsync(NpgsqlTransaction tx, IReadOnlyList<(FigureKey Key, DateOnly DriveStart)> wanted, CancellationToken ct)
    {
        var keys = wanted.Select(w => w.Key).ToList();
        if (keys.Count == 0)
            return new Dictionary<FigureKey, FigureFacts>();
        var unitIds = keys.Select(k => k.UnitId).Distinct().Order().ToArray(); // one order for every turn: no deadlock
        // The lock and the read are separate statements: a statement reads from the snapshot it started with, which
        // would be older than the lock it waited for.
        using var results = await tx.Connection!.QueryMultipleAsync(new CommandDefinition(
            """
            select count(pg_advisory_xact_lock(1, u)) from unnest(@unitIds) u;
            select k.ordinal as Ordinal,
                (select value from figures f where f.unit_id = k.unit_id and f.indicator = k.indicator and f.day = k.day) as Current,
                (select value from figures f where f.unit_id = k.unit_id and f.indicator = k.indicator and f.day = k.day - 1) as PreviousDay,
                (select avg(value)::float8 from figures f
                 where f.unit_id = k.unit_id and f.indicator = k.indicator and f.day between k.day - 7 and k.day - 1) as RecentAverage,
                (select count(*)::int from figures f
                 where f.unit_id = k.unit_id and f.indicator = k.indicator and f.day between k.day - 7 and k.day - 1) as RecentDays,
                (select coalesce(sum(value), 0)::bigint from figures f
                 where f.unit_id = k.unit_id and f.indicator = k.indicator and f.day >= k.drive_start and f.day < k.day) as DriveBefore,
                (select count(*)::int from figures f
                 where f.unit_id = k.unit_id and f.indicator = k.indicator and f.day >= k.drive_start and f.day < k.day) as DaysReportedBefore
            from unnest(@keyUnits, @keyIndicators, @keyDays, @keyDriveStarts) with ordinality as k(unit_id, indicator, day, drive_start, ordinal)
            """,
            new
            {
                unitIds,
                keyUnits = keys.Select(k => k.UnitId).ToArray(),
                keyIndicators = keys.Select(k => k.Indicator).ToArray(),
                keyDays = keys.Select(k => k.Day).ToArray(),
                keyDriveStarts = wanted.Select(w => w.DriveStart).ToArray(),
            }, tx, cancellationToken: ct));
        await results.ReadSingleAsync<long>();
        var facts = new Dictionary<FigureKey, FigureFacts>();
        foreach (var row in await results.ReadAsync<FactsRow>())
            facts[keys[(int)row.Ordinal - 1]] = new FigureFacts(row.Current, row.PreviousDay, row.RecentAverage, row.RecentDays, row.DriveBefore, row.DaysReportedBefore);
        return facts;
    }

    static async Task<IReadOnlyDictionary<string, long>> DayFiguresAsync(NpgsqlTransaction tx, DistrictSetting district, DateOnly day, CancellationToken ct)
    {
        var rows = await tx.Connection!.QueryAsync<(string Unit, long Value)>(new CommandDefinition(
            """
            select u.name, f.value from figures f join units u on u.id = f.unit_id
            where u.district_id = @districtId and f.day = @day and f.indicator = @indicator
            """, new { districtId = district.Id, day, indicator = district.Catalog.DefaultIndicator.Key }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Unit, r => r.Value, StringComparer.OrdinalIgnoreCase);
    }

    sealed record HeldRow
    {
        public long Id { get; init; }
        public int UnitId { get; init; }
        public required string Indicator { get; init; }
        public DateOnly Day { get; init; }
        public long Value { get; init; }
        public bool Add { get; init; }
    }

    /// <summary>The sender's latest figure still waiting (and not past its patience), locked for resolving.</summary>
    static async Task<HeldFigureFacts?> OpenHeldAsync(NpgsqlTransaction tx, int memberId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await tx.Connection!.QueryFirstOrDefaultAsync<HeldRow>(new CommandDefinition(
            """
            select id, unit_id as UnitId, indicator, day, value, add from held_figures
            where member_id = @memberId and resolved_at is null and held_at > @since
            order by id desc limit 1
            for update
            """, new { memberId, since = now - HeldPatience }, tx, cancellationToken: ct));
        return row is null ? null : new HeldFigureFacts(row.Id, new FigureKey(row.UnitId, row.Indicator, row.Day), row.Value, row.Add);
    }

    /// <summary>An admin's `link` in the group: the group's row, made or moved to the district (a rare turn: its own statement).</summary>
    static Task<int> LinkGroupAsync(NpgsqlTransaction tx, string channel, string chat, int districtId, string linkedBy, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into groups (channel, chat_id, district_id, linked_by, linked_at) values (@channel, @chat, @districtId, @linkedBy, @now)
            on conflict (channel, chat_id) do update set district_id = excluded.district_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at
            returning id
            """, new { channel, chat, districtId, linkedBy, now }, tx, cancellationToken: ct));

    /// <summary>
    /// The message an edit or a deletion points at (matched on its id in the chat; WAHA's edits name only the key part
    /// of a serialized id `false_…@g.us_KEY_…@c.us`) and what its latest version made that nobody has undone: each
    /// figure with its value before the message and after it. Null when we never saw the original.
    /// </summary>
    static async Task<OriginalFacts?> OriginalAsync(NpgsqlTransaction tx, TurnMessage message, CancellationToken ct)
    {
        using var results = await tx.Connection!.QueryMultipleAsync(new CommandDefinition(
            $"""
            {Versions}
            select (select id from versions order by id desc limit 1) as Latest,
                   (select message_ref from versions where event = 'posted' order by id limit 1) as MessageRef;
            {Versions}
            select h.id, h.unit_id as UnitId, h.indicator, h.day, h.old_value as OldValue, h.new_value as NewValue
            from figure_history h
            where h.inbox_id = (select max(id) from versions)
              and h.new_value is not null
              and not exists (select 1 from figure_history u where u.reverts_id = h.id)
            order by h.id;
            """,
            new { channel = message.Channel, inboxId = message.InboxId, chat = message.Chat, address = message.Address, original = message.Original ?? "" },
            tx, cancellationToken: ct));
        var (latest, messageRef) = await results.ReadSingleAsync<(long? Latest, string? MessageRef)>();
        var changes = (await results.ReadAsync<ChangeRow>()).ToList();
        if (latest is not { } inboxId)
            return null;
        // Several reports of one figure in the message: it made the figure go from the first's old value to the last's new.
        return new OriginalFacts(inboxId, messageRef, changes
            .GroupBy(c => new FigureKey(c.UnitId, c.Indicator, c.Day))
            .Select(g => new LastChangeFacts(g.Last().Id, g.Key, g.First().OldValue, g.Last().NewValue))
            .ToList());
    }

    /// <summary>Every earlier version of the message an edit or deletion points at: the post and its edits.</summary>
    const string Versions = """
            with versions as (
                select i.id, i.message_ref, i.event from inbox i
                where i.channel = @channel and i.id < @inboxId and coalesce(i.chat_id, i.sender) = coalesce(@chat, @address)
                  and (i.message_ref = @original or split_part(i.message_ref, '_', 3) = @original or i.original_ref = @original))
            """;

    sealed record ChangeRow
    {
        public long Id { get; init; }
        public int UnitId { get; init; }
        public required string Indicator { get; init; }
        public DateOnly Day { get; init; }
        public long? OldValue { get; init; }
        public long NewValue { get; init; }
    }

    /// <summary>The member's own last change that is not itself an undo and has not been undone.</summary>
    static async Task<LastChangeFacts?> LastChangeAsync(NpgsqlTransaction tx, int memberId, CancellationToken ct)
    {
        var row = await tx.Connection!.QueryFirstOrDefaultAsync<ChangeRow>(new CommandDefinition(
            """
            select h.id, h.unit_id as UnitId, h.indicator, h.day, h.old_value as OldValue, h.new_value as NewValue
            from figure_history h
            where h.member_id = @memberId and h.reverts_id is null and h.new_value is not null
              and not exists (select 1 from figure_history u where u.reverts_id = h.id)
            order by h.id desc limit 1
            """, new { memberId }, tx, cancellationToken: ct));
        return row is null ? null : new LastChangeFacts(row.Id, new FigureKey(row.UnitId, row.Indicator, row.Day), row.OldValue, row.NewValue);
    }

    /// <summary>
    /// Stores the decisions of one or more turns, in their order, in one statement — as if each had been stored alone,
    /// one after the other: the figures and their history, held figures closed, confirmed or kept, the members' last
    /// contact (WhatsApp's 24-hour window runs from it), the replies in the outbox, and each message's outcome. Returns
    /// whether a reply was queued. The members an admin registers over chat come after, on the same transaction (a rare turn).
    /// </summary>
    public static async Task<bool> ApplyAsync(NpgsqlTransaction tx, IReadOnlyList<AppliedTurn> turns, DateTimeOffset now, CancellationToken ct = default)
    {
        var writes = turns.SelectMany(t => t.Decision.Writes.Select(w => (Turn: t, Write: w))).ToList();
        var releases = turns.SelectMany(t => t.Decision.ReleaseHeld.Select(k => (Turn: t, Key: k))).ToList();
        var holds = turns.SelectMany((t, i) => t.Decision.Holds.Select(h => (Turn: t, Hold: h,
            // Held by one turn and replaced by a later one of the same sender in this batch: stored already closed,
            // since the statement's own update cannot see a row it inserts.
            Replaced: turns.Skip(i + 1).Any(later => later.Member?.Id == t.Member?.Id && later.Decision.ReleaseHeld.Contains(h.Key))))).ToList();
        var touched = turns.Where(t => t.TouchMember && t.Member is not null).ToList();
        // A group an admin links in this turn gets its row first, so that the turn's own answer is posted as the group's.
        var linked = new Dictionary<long, int>();
        foreach (var turn in turns)
            if (turn.Decision.LinkGroupTo is { } districtId && turn.Message.Chat is { } chat)
                linked[turn.Message.InboxId] = await LinkGroupAsync(tx, turn.Message.Channel, chat, districtId, turn.Message.Address, now, ct);
        var replies = turns.SelectMany(t => (t.Decision.Sends ?? (t.Decision.Reply is { } reply ? [new TurnSend(SendTo.Sender, reply)] : []))
            .Select(send => (Turn: t, Send: send,
                GroupId: send.To == SendTo.Group ? t.Message.Group?.Id ?? (linked.TryGetValue(t.Message.InboxId, out var id) ? id : (int?)null) : null)))
            .ToList();
        var seen = turns.Where(t => t.Decision.SeenInGroup && t.Member is not null && t.Message.Group is not null).ToList();
        var noted = turns.Where(t => t.Decision.NoteStrangerOn is not null).ToList();
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            with written as (
                select * from unnest(@writeUnits, @writeIndicators, @writeDays, @writeOld, @writeNew, @writeFlags, @writeReverts, @writeMembers, @writeInbox, @writeTotals)
                    with ordinality as w(unit_id, indicator, day, old_value, new_value, flag, reverts_id, member_id, inbox_id, stated_total, n)
            ), removed as (
                delete from figures f using written w
                where w.new_value is null and f.unit_id = w.unit_id and f.indicator = w.indicator and f.day = w.day
            ), stored as (
                -- Several reports for one figure ("Benipur 100 … Benipur 200", or two messages of a batch): all go into
                -- the history, the last is the figure (an upsert may touch a row only once).
                insert into figures (unit_id, indicator, day, value, updated_at, inbox_id, flag)
                select distinct on (unit_id, indicator, day) unit_id, indicator, day, new_value, @now, inbox_id, flag
                from written where new_value is not null order by unit_id, indicator, day, n desc
                on conflict (unit_id, indicator, day)
                do update set value = excluded.value, updated_at = excluded.updated_at, inbox_id = excluded.inbox_id, flag = excluded.flag
            ), history as (
                insert into figure_history (unit_id, indicator, day, old_value, new_value, member_id, inbox_id, recorded_at, flag, reverts_id, stated_total)
                select unit_id, indicator, day, old_value, new_value, member_id, inbox_id, @now, flag, reverts_id, stated_total from written order by n
            ), released as (
                update held_figures h set resolved_at = @now, resolution = 'replaced'
                from unnest(@releaseMembers, @releaseUnits, @releaseIndicators, @releaseDays) as r(member_id, unit_id, indicator, day)
                where h.member_id = r.member_id and h.resolved_at is null
                  and h.unit_id = r.unit_id and h.indicator = r.indicator and h.day = r.day
            ), confirmed as (
                update held_figures set resolved_at = @now, resolution = 'confirmed' where id = any(@confirmedHeld) and resolved_at is null
            ), holding as (
                insert into held_figures (member_id, unit_id, indicator, day, value, add, inbox_id, held_at, resolved_at, resolution)
                select member_id, unit_id, indicator, day, value, add, inbox_id, @now,
                       case when replaced then @now end, case when replaced then 'replaced' end
                from unnest(@holdMembers, @holdUnits, @holdIndicators, @holdDays, @holdValues, @holdAdds, @holdInbox, @holdReplaced)
                    as h(member_id, unit_id, indicator, day, value, add, inbox_id, replaced)
            ), touched as (
                update members m set last_inbound_at = t.received_at, last_channel = t.channel, last_address = t.address
                from (select distinct on (member_id) * from unnest(@touchMembers, @touchAt, @touchChannels, @touchAddresses)
                          as t(member_id, received_at, channel, address) order by member_id, received_at desc) t
                where m.id = t.member_id and (m.last_inbound_at is null or m.last_inbound_at <= t.received_at)
            ), replied as (
                insert into outbox (channel, recipient, member_id, body, reply_to_inbox_id, kind, created_at, next_attempt_at,
                                    group_id, quote_ref, reaction, asks_contact)
                select channel, address, member_id, body, inbox_id, 'reply', @now, @now, group_id, quote_ref, reaction, asks_contact
                from unnest(@replyChannels, @replyAddresses, @replyMembers, @replyBodies, @replyInbox,
                            @replyGroups, @replyQuotes, @replyReactions, @replyAsksContact) with ordinality
                    as r(channel, address, member_id, body, inbox_id, group_id, quote_ref, reaction, asks_contact, n)
                order by n
            ), seen as (
                insert into group_members (group_id, member_id, first_seen, last_seen)
                select distinct on (group_id, member_id) group_id, member_id, at, at
                from unnest(@seenGroups, @seenMembers, @seenAt) as s(group_id, member_id, at)
                order by group_id, member_id, at desc
                on conflict (group_id, member_id) do update set last_seen = greatest(group_members.last_seen, excluded.last_seen)
            ), noted as (
                insert into stranger_notes (channel, address, day)
                select * from unnest(@notedChannels, @notedAddresses, @notedDays)
                on conflict do nothing
            )
            update inbox i set processed_at = @now, outcome = o.outcome
            from unnest(@inboxIds, @outcomes) as o(id, outcome) where i.id = o.id
            """,
            new
            {
                writeUnits = writes.Select(w => w.Write.Key.UnitId).ToArray(),
                writeIndicators = writes.Select(w => w.Write.Key.Indicator).ToArray(),
                writeDays = writes.Select(w => w.Write.Key.Day).ToArray(),
                writeOld = writes.Select(w => w.Write.OldValue).ToArray(),
                writeNew = writes.Select(w => w.Write.NewValue).ToArray(),
                writeFlags = writes.Select(w => w.Write.Flag?.ToString().ToLowerInvariant()).ToArray(),
                writeReverts = writes.Select(w => w.Write.Reverts).ToArray(),
                writeMembers = writes.Select(w => w.Turn.Member?.Id).ToArray(),
                writeInbox = writes.Select(w => w.Turn.Message.InboxId).ToArray(),
                writeTotals = writes.Select(w => w.Write.StatedTotal).ToArray(),
                releaseMembers = releases.Select(r => r.Turn.Member!.Id).ToArray(),
                releaseUnits = releases.Select(r => r.Key.UnitId).ToArray(),
                releaseIndicators = releases.Select(r => r.Key.Indicator).ToArray(),
                releaseDays = releases.Select(r => r.Key.Day).ToArray(),
                confirmedHeld = turns.Select(t => t.Decision.ConfirmedHeld).OfType<long>().ToArray(),
                holdMembers = holds.Select(h => h.Turn.Member!.Id).ToArray(),
                holdUnits = holds.Select(h => h.Hold.Key.UnitId).ToArray(),
                holdIndicators = holds.Select(h => h.Hold.Key.Indicator).ToArray(),
                holdDays = holds.Select(h => h.Hold.Key.Day).ToArray(),
                holdValues = holds.Select(h => h.Hold.Value).ToArray(),
                holdAdds = holds.Select(h => h.Hold.Add).ToArray(),
                holdInbox = holds.Select(h => h.Turn.Message.InboxId).ToArray(),
                holdReplaced = holds.Select(h => h.Replaced).ToArray(),
                touchMembers = touched.Select(t => t.Member!.Id).ToArray(),
                touchAt = touched.Select(t => t.Message.ReceivedAt.UtcDateTime).ToArray(),
                touchChannels = touched.Select(t => t.Message.Channel).ToArray(),
                touchAddresses = touched.Select(t => t.Message.Address).ToArray(),
                replyChannels = replies.Select(r => r.Turn.Message.Channel).ToArray(),
                replyAddresses = replies.Select(r => r.Send.To == SendTo.Group ? r.Turn.Message.Chat! : r.Turn.Message.Address).ToArray(),
                replyMembers = replies.Select(r => r.Turn.Member?.Id).ToArray(),
                replyBodies = replies.Select(r => r.Send.Body).ToArray(),
                replyInbox = replies.Select(r => r.Turn.Message.InboxId).ToArray(),
                replyGroups = replies.Select(r => r.GroupId).ToArray(),
                replyQuotes = replies.Select(r => r.Send.QuoteRef).ToArray(),
                replyReactions = replies.Select(r => r.Send.Reaction?.ToText()).ToArray(),
                replyAsksContact = replies.Select(r => r.Send.AskContact).ToArray(),
                seenGroups = seen.Select(t => t.Message.Group!.Id).ToArray(),
                seenMembers = seen.Select(t => t.Member!.Id).ToArray(),
                seenAt = seen.Select(t => t.Message.ReceivedAt.UtcDateTime).ToArray(),
                notedChannels = noted.Select(t => t.Message.Channel).ToArray(),
                notedAddresses = noted.Select(t => t.Message.Address).ToArray(),
                notedDays = noted.Select(t => t.Decision.NoteStrangerOn!.Value).ToArray(),
                inboxIds = turns.Select(t => t.Message.InboxId).ToArray(),
                outcomes = turns.Select(t => t.Decision.Outcome.ToText()).ToArray(),
                now,
            }, tx, cancellationToken: ct));
        foreach (var turn in turns)
            if (turn.Decision.AddMember is { } add && turn.Member is { } admin)
                await Districts.DistrictStore.AddReporterAsync(tx, admin.DistrictId, add.Name, add.Phone, add.Unit, ct);
        return replies.Count > 0;
    }
}

/// <summary>A decided turn to store: the message, its sender, the decision, and whether it counts as the member's last contact.</summary>
public sealed record AppliedTurn(TurnMessage Message, TurnMember? Member, TurnDecision Decision, bool TouchMember = true);

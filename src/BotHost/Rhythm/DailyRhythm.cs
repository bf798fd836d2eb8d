using Microsoft.Extensions.Options;
using Npgsql;
using ReportBot.BotHost.Desk;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.Reporting.Districts;
using ReportBot.Reporting.People;
using ReportBot.Data.Groups;
using ReportBot.Data.Messages;
using ReportBot.Data.Rhythm;
using ReportBot.Reporting.Replies;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Rules;

namespace ReportBot.BotHost.Rhythm;

/// <summary>
/// The daily rhythm: at each district's slot times, reminders to the reporters of units with no figure yet, the
/// escalation to officers naming the units still missing, and summaries to the whole group. Each slot fires once per
/// working day — across instances and restarts — because its run is claimed in PostgreSQL in the same transaction
/// that writes its messages to the outbox. When a slot fires is decided by <see cref="ScheduleRules"/>; what the
/// messages say, by src/Reporting/Rhythm.
/// </summary>
public sealed class DailyRhythm(
    NpgsqlDataSource db,
    ScheduleStore schedules,
    DistrictDirectory directory,
    IEnumerable<IChannelSender> senders,
    OutboxSignal outboxSignal,
    FigureDesk desk,
    IOptions<RhythmOptions> options,
    TimeProvider time,
    ILogger<DailyRhythm> logger)
{
    /// <summary>WhatsApp lets the business write freely for this long after a member's last message.</summary>
    public static readonly TimeSpan MessagingWindow = TimeSpan.FromHours(24);

    /// <summary>For members who never wrote: the channels that may write first, official ones before WAHA's linked phone.</summary>
    static readonly string[] ChannelPreference = ["twilio", "whatsapp", "waha", "simulator"];

    readonly Dictionary<string, IChannelSender> _senders = senders.Where(s => s.IsConfigured).ToDictionary(s => s.Channel);

    /// <summary>Fires every slot that is due now and has not fired today; returns how many fired.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var fired = 0;
        var slots = (await schedules.SlotsAsync(ct: ct)).Where(s => s.Enabled).ToLookup(s => s.DistrictId);
        foreach (var district in await schedules.CalendarsAsync(ct: ct))
        {
            if (!slots[district.Id].Any())
                continue;
            var calendar = await CalendarAsync(district, ct);
            var today = calendar.LocalDay(now);
            foreach (var slot in slots[district.Id])
            {
                if (ScheduleRules.DueToday(ToSlot(slot), calendar, now) is null || await schedules.HasRunAsync(slot.Id, today, ct))
                    continue;
                if (await FireAsync(district.Id, Enum.Parse<SlotKind>(slot.Kind, ignoreCase: true), today, slot.Id, ct))
                {
                    fired++;
                    logger.LogInformation("Fired {Kind} slot {Slot} of {District} for {Day}", slot.Kind, slot.Name, district.Name, today.ToString("yyyy-MM-dd")); // ISO: the log is read far from India too
                }
            }
        }
        return fired;
    }

    /// <summary>
    /// Writes a slot's messages to the outbox. With a slot id, only if this slot has not run for the day (exactly once);
    /// without one (an admin's "send now"), always. Returns whether it fired. Load, decide, apply: the day is read on
    /// the slot's own transaction, <see cref="RhythmRules"/> decides who gets what, and one statement queues it all.
    /// The final summary (and one sent on demand) carries the day's chart (<see cref="SummaryChart"/>): drawn once per
    /// language of its readers, stored once, and pointed at by each message that carries it.
    /// </summary>
    public async Task<bool> FireAsync(int districtId, SlotKind kind, DateOnly day, int? slotId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var district = await directory.GetAsync(districtId, ct);
        var cutoff = await CutoffAsync(districtId, ct);
        // What the chart is drawn from is read before the slot's transaction, which asks nothing of another connection —
        // and only for a summary that will carry it.
        var localTime = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, district.TimeZone).DateTime);
        var chartFacts = SummaryChart.Carries(kind, district, localTime, cutoff, onDemand: slotId is null)
            ? (await desk.ChartFactsAsync(district.Name, day, ct)).Value
            : null;
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (slotId is { } id && !await ScheduleStore.TryClaimRunAsync(tx, id, day, now, ct))
            return false; // another instance, or an earlier run, has it

        var contacts = await ScheduleStore.ContactsAsync(connection, districtId, tx, ct);
        var facts = await FactsAsync(tx, district, day, cutoff, now, ct);
        var (groupRows, identities) = await GroupStore.ForRhythmAsync(tx, districtId, ct);
        // Only groups on a channel this instance can send on; members of the others are reached one-to-one.
        var groups = groupRows.Where(g => _senders.ContainsKey(g.Channel)).ToList();
        var rhythmGroups = groups.Select(g => ToRhythmGroup(g, contacts, identities)).ToList();
        var routes = contacts.ToDictionary(c => c.Id, c => RouteOf(c, now));
        var everyone = contacts.Select(c => ToContact(c, routes[c.Id])).ToList();
        var chart = chartFacts is not null && SummaryChart.Carries(kind, district, facts, onDemand: slotId is null);
        var posts = RhythmRules.ComposeForGroups(kind, district, everyone, rhythmGroups, day, facts, chart);
        var messages = RhythmRules.Compose(kind, district, RhythmRules.OneToOne(everyone, rhythmGroups), day, facts, chart);
        // Each language's chart drawn once, and stored once for all the messages that carry it. A chart that cannot be
        // drawn never costs the summary: it then goes as text alone.
        var charts = Draw(chartFacts, posts.Select(p => p.Chart).Concat(messages.Select(m => m.Chart)).OfType<string>().Distinct(), district.Name);
        if (charts is null && chart)
        {
            posts = RhythmRules.ComposeForGroups(kind, district, everyone, rhythmGroups, day, facts, chart: false);
            messages = RhythmRules.Compose(kind, district, RhythmRules.OneToOne(everyone, rhythmGroups), day, facts, chart: false);
        }
        var images = new Dictionary<string, long>();
        foreach (var (language, png) in charts ?? [])
            images[language] = await OutboxBatch.AddImageAsync(tx, "chart", districtId, day, language, png, now, ct);
        var groupById = groups.ToDictionary(g => g.Id);
        await OutboxBatch.AddAsync(tx,
            [
                .. posts.Select(p => ToGroup(groupById[p.GroupId], kind, p, images)),
                .. messages.Select(m => Address(routes[m.ContactId], m.ContactId, kind, m, images)),
            ], now, ct);
        if (slotId is { } claimed)
            await ScheduleStore.SetRecipientsAsync(tx, claimed, day, messages.Select(m => m.ContactId).Distinct().Count() + posts.Select(p => p.GroupId).Distinct().Count());
        await tx.CommitAsync(ct);
        outboxSignal.Notify();
        return true;
    }

    /// <summary>The day's chart as a PNG in each language, or null if it could not be drawn (logged).</summary>
    Dictionary<string, byte[]>? Draw(ChartFacts? facts, IEnumerable<string> languages, string district)
    {
        try
        {
            return languages.ToDictionary(language => language, language => facts!.Png(language));
        }
        catch (Exception e)
        {
            logger.LogError(e, "The day's chart of {District} could not be drawn; its summary goes as text alone", district);
            return null;
        }
    }

    /// <summary>The district's summary for a day, per language, as it would be sent (for the CLI and the admin API).</summary>
    public async Task<IReadOnlyList<string>> SummaryTextAsync(int districtId, DateOnly day, string language, CancellationToken ct)
    {
        var district = await directory.GetAsync(districtId, ct);
        var cutoff = await CutoffAsync(districtId, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var facts = await FactsAsync(tx, district, day, cutoff, time.GetUtcNow(), ct);
        return new SummaryWriter(district.Catalog).Write(ReplyLanguages.For(language), RhythmRules.SummaryOf(district, day, facts));
    }

    static async Task<RhythmFacts> FactsAsync(NpgsqlTransaction tx, DistrictSetting district, DateOnly day, TimeOnly cutoff, DateTimeOffset now, CancellationToken ct)
    {
        var indicator = district.Catalog.DefaultIndicator.Key;
        // The day compared with is the drive's last earlier day with figures (a Sunday off in between), at most a week back.
        var previousFrom = district.Campaign is { } campaign && campaign.StartsOn > day.AddDays(-7) ? campaign.StartsOn : day.AddDays(-7);
        var rows = await ScheduleStore.DayAsync(tx, district.Id, indicator, day, district.Campaign?.StartsOn ?? day, previousFrom, district.Campaign?.Name, ct);
        var figures = rows.Figures;
        var flags = figures.Where(f => f.Flag is not null && Enum.TryParse<FigureFlag>(f.Flag, ignoreCase: true, out _))
            .Select(f => (f.Unit, Enum.Parse<FigureFlag>(f.Flag!, ignoreCase: true))).ToList();
        var local = TimeZoneInfo.ConvertTime(now, district.TimeZone).DateTime;
        return new RhythmFacts(
            figures.ToDictionary(f => f.Unit, f => f.Value, StringComparer.OrdinalIgnoreCase), rows.DriveTotal, flags, cutoff,
            TimeOnly.FromDateTime(local))
        {
            LocalDay = DateOnly.FromDateTime(local),
            Previous = rows.Previous.Count == 0 ? null
                : new PreviousDay(rows.Previous[0].Day, rows.Previous.ToDictionary(p => p.Unit, p => p.Value, StringComparer.OrdinalIgnoreCase)),
            OtherTotals = rows.OtherTotals.ToDictionary(o => o.Indicator, o => o.Total, StringComparer.OrdinalIgnoreCase),
            CampaignTargets = rows.CampaignTargets.ToDictionary(t => t.Indicator, t => t.Target, StringComparer.OrdinalIgnoreCase),
            Reporters = rows.Reporters.GroupBy(r => r.Unit, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Reporter).ToList(), StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>A member as the rules see them, with the caption a picture may carry on the way they are reached (none through a template).</summary>
    RhythmContact ToContact(ContactRow row, Route route) =>
        new(row.Id, row.Role, row.Language, row.Units, row.Name, route.UseTemplate ? null : _senders[route.Channel].Abilities.ImageCaption);

    /// <summary>
    /// A group as the rhythm's rules see it. A member is mentioned by their address on the group's channel: their id
    /// there where the channel knows people by id (Telegram, learnt when they shared their contact), else the address
    /// their phone gives (WhatsApp).
    /// </summary>
    RhythmGroup ToRhythmGroup(GroupRow group, IReadOnlyList<ContactRow> contacts, IReadOnlyList<ChannelIdentityRow> identities)
    {
        var sender = _senders[group.Channel];
        var byId = sender.Abilities.LinkAccount is not null;
        var addresses = byId
            ? identities.Where(i => i.Channel == group.Channel).GroupBy(i => i.MemberId).ToDictionary(g => g.Key, g => g.Last().UserId)
            : contacts.ToDictionary(c => c.Id, c => sender.AddressFor(c.Phone));
        // Seen in the group counts only where the group is on the channel that would reach them one-to-one: a member
        // who tried the simulator's group still gets their WhatsApp reminders.
        var byMember = contacts.ToDictionary(c => c.Id);
        var reachedThere = group.Members.Where(id => byMember.TryGetValue(id, out var c) && ChannelOf(c) == group.Channel).ToHashSet();
        return new RhythmGroup(group.Id, group.Languages, reachedThere, addresses, sender.Abilities.Mentions, sender.Abilities.ImageCaption);
    }

    /// <summary>A post in a group: free text (a group has no 24-hour window to wait for), with its mentions.</summary>
    static OutboxEntry ToGroup(GroupRow group, SlotKind kind, GroupRhythmMessage post, IReadOnlyDictionary<string, long> images) =>
        new(group.Channel, group.ChatId, null, post.Text, null, kind.ToString().ToLowerInvariant(), GroupId: group.Id,
            MentionAddresses: post.Mentions.Count == 0 ? null : post.Mentions.Select(m => m.Address).ToArray(),
            MentionTexts: post.Mentions.Count == 0 ? null : post.Mentions.Select(m => m.Name).ToArray(),
            ImageId: post.Chart is { } language ? images[language] : null);

    async Task<TimeOnly> CutoffAsync(int districtId, CancellationToken ct) =>
        (await schedules.CalendarsAsync(districtId, ct)).Single().CutoffLocal;

    async Task<DistrictCalendar> CalendarAsync(DistrictCalendarRow district, CancellationToken ct)
    {
        var context = await directory.GetAsync(district.Id, ct);
        return new DistrictCalendar(
            context.TimeZone, district.CutoffLocal,
            district.RestWeekdays.Select(d => (DayOfWeek)d).ToHashSet(),
            (await schedules.HolidaysAsync(district.Id, ct)).ToHashSet(),
            context.Campaign is { } c ? (c.StartsOn, c.EndsOn) : null);
    }

    static ScheduleSlot ToSlot(SlotRow row) => new(row.Id, Enum.Parse<SlotKind>(row.Kind, ignoreCase: true), row.Name, row.Cron);

    /// <summary>How a member is reached: a channel, their address there, and whether only a template may go (a closed window).</summary>
    sealed record Route(string Channel, string Address, bool UseTemplate);

    /// <summary>
    /// Where a message to a member goes: the channel and address they last wrote from, else the default channel; as
    /// free text while their 24-hour window is open on that channel, else as the approved template.
    /// </summary>
    Route RouteOf(ContactRow contact, DateTimeOffset now)
    {
        var (channel, address, useTemplate) = Reach(contact.LastChannel, contact.LastAddress, contact.LastInboundAt, contact.Phone, now);
        return new Route(channel, address, useTemplate);
    }

    /// <summary>
    /// The channel and address to reach a member on (the desk's sign-in codes go the same way), and whether only a
    /// template may go there now (their 24-hour window on it is closed).
    /// </summary>
    public (string Channel, string Address, bool UseTemplate) Reach(string? lastChannel, string? lastAddress, DateTimeOffset? lastInboundAt, string phone, DateTimeOffset now)
    {
        var channel = ChannelOf(lastChannel);
        var sender = _senders[channel];
        var address = channel == lastChannel && lastAddress is { } known ? known : sender.AddressFor(phone);
        var windowOpen = channel == lastChannel && lastInboundAt is { } at && now - at < MessagingWindow;
        return (channel, address, sender.HasMessagingWindow && !windowOpen);
    }

    /// <summary>The channel that reaches a member one-to-one: the one they last wrote from, else the default.</summary>
    string ChannelOf(ContactRow contact) => ChannelOf(contact.LastChannel);

    string ChannelOf(string? lastChannel) =>
        lastChannel is { } last && _senders.ContainsKey(last) ? last : DefaultChannel();

    static OutboxEntry Address(Route route, int contactId, SlotKind kind, RhythmMessage message, IReadOnlyDictionary<string, long> images) =>
        new(route.Channel, route.Address, contactId, message.Text, null, kind.ToString().ToLowerInvariant(),
            message.TemplateName, message.TemplateLanguage, message.TemplateVariables.ToArray(), UseTemplate: route.UseTemplate,
            ImageId: message.Chart is { } language ? images[language] : null);

    string DefaultChannel() =>
        options.Value.DefaultChannel is { } configured && _senders.ContainsKey(configured)
            ? configured
            : ChannelPreference.First(_senders.ContainsKey);
}

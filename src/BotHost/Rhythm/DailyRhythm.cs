using Microsoft.Extensions.Options;
using Npgsql;
using ReportBot.BotHost.Messaging;
using ReportBot.Data.Figures;
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
    IOptions<RhythmOptions> options,
    TimeProvider time,
    ILogger<DailyRhythm> logger)
{
    /// <summary>WhatsApp lets the business write freely for this long after a member's last message.</summary>
    public static readonly TimeSpan MessagingWindow = TimeSpan.FromHours(24);

    static readonly string[] ChannelPreference = ["twilio", "whatsapp", "simulator"];

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
                    logger.LogInformation("Fired {Kind} slot {Slot} of {District} for {Day}", slot.Kind, slot.Name, district.Name, today);
                }
            }
        }
        return fired;
    }

    /// <summary>
    /// Writes a slot's messages to the outbox. With a slot id, only if this slot has not run for the day (exactly once);
    /// without one (an admin's "send now"), always. Returns whether it fired.
    /// </summary>
    public async Task<bool> FireAsync(int districtId, SlotKind kind, DateOnly day, int? slotId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var district = await directory.GetAsync(districtId, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (slotId is { } id && !await ScheduleStore.TryClaimRunAsync(tx, id, day, now, ct))
            return false; // another instance, or an earlier run, has it

        var contacts = await ScheduleStore.ContactsAsync(connection, districtId, tx, ct);
        var messages = kind switch
        {
            SlotKind.Summary => await SummaryAsync(district, contacts, day, now, ct),
            SlotKind.Reminder => await RemindersAsync(district, contacts, day, ct),
            SlotKind.Escalation => await EscalationAsync(district, contacts, day, now, ct),
            _ => [],
        };
        foreach (var (contact, text, template) in messages)
            await OutboxStore.AddAsync(tx, Address(contact, kind, text, template, now), now, ct);
        if (slotId is { } claimed)
            await ScheduleStore.SetRecipientsAsync(tx, claimed, day, messages.Select(m => m.Contact.Id).Distinct().Count());
        await tx.CommitAsync(ct);
        outboxSignal.Notify();
        return true;
    }

    /// <summary>The district's summary for a day, per language, as it would be sent (for the CLI and the admin API).</summary>
    public async Task<IReadOnlyList<string>> SummaryTextAsync(int districtId, DateOnly day, string language, CancellationToken ct)
    {
        var district = await directory.GetAsync(districtId, ct);
        var facts = await SummaryFactsAsync(district, day, time.GetUtcNow(), ct);
        return new SummaryWriter(district.Catalog).Write(ReplyLanguages.For(language), facts);
    }

    sealed record Composed(ContactRow Contact, string Text, MessageTemplate Template);

    async Task<List<Composed>> SummaryAsync(DistrictContext district, IReadOnlyList<ContactRow> contacts, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var facts = await SummaryFactsAsync(district, day, now, ct);
        var writer = new SummaryWriter(district.Catalog);
        var standing = facts.Standing;
        var messages = new List<Composed>();
        foreach (var contact in contacts)
        {
            var language = ReplyLanguages.For(contact.Language);
            var template = new MessageTemplate("daily_summary", language.Code,
            [
                district.Catalog.District, language.Day(day), IndianNumber.Format(standing.Total),
                standing.DistrictTarget is { } t ? IndianNumber.Format(t) : "—", $"{standing.TotalPercent ?? 0}%",
                $"{standing.Reported}/{standing.Units.Count}",
            ]);
            messages.AddRange(writer.Write(language, facts).Select(part => new Composed(contact, part, template)));
        }
        return messages;
    }

    async Task<SummaryFacts> SummaryFactsAsync(DistrictContext district, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var indicator = district.Catalog.DefaultIndicator.Key;
        var figures = (await FigureStore.ForDayAsync(db, district.District.Id, day, ct)).Where(f => f.Indicator == indicator).ToList();
        var standing = district.Standing(figures.ToDictionary(f => f.Unit, f => f.Value, StringComparer.OrdinalIgnoreCase), indicator);
        (DateOnly From, DateOnly To)? campaign = district.Campaign is { } c ? (c.StartsOn, c.EndsOn) : null;
        var total = campaign is { } days
            ? await FigureStore.DistrictTotalAsync(db, district.District.Id, indicator, days.From, day < days.To ? day : days.To, ct)
            : standing.Total;
        var flags = figures.Where(f => f.Flag is not null)
            .Select(f => (f.Unit, f.Flag == "drop" ? FigureFlag.Drop : FigureFlag.Spike)).ToList();
        return new SummaryFacts(day, TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, district.TimeZone).DateTime), standing, campaign, total, flags);
    }

    async Task<List<Composed>> RemindersAsync(DistrictContext district, IReadOnlyList<ContactRow> contacts, DateOnly day, CancellationToken ct)
    {
        var missing = await MissingUnitsAsync(district, day, ct);
        var writer = new RhythmWriter(district.Catalog);
        var cutoff = await CutoffAsync(district.District.Id, ct);
        var messages = new List<Composed>();
        foreach (var contact in contacts.Where(c => c.Role == "reporter"))
        {
            var theirs = contact.Units.Where(missing.Contains).ToList();
            if (theirs.Count == 0)
                continue; // reported, or no unit: only those still missing are reminded
            var language = ReplyLanguages.For(contact.Language);
            messages.Add(new Composed(contact, writer.Reminder(language, theirs, cutoff),
                new MessageTemplate("reminder", language.Code, [string.Join(", ", theirs), language.Time(cutoff)])));
        }
        return messages;
    }

    async Task<List<Composed>> EscalationAsync(DistrictContext district, IReadOnlyList<ContactRow> contacts, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var missing = (await MissingUnitsAsync(district, day, ct)).Order().ToList();
        var writer = new RhythmWriter(district.Catalog);
        var at = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, district.TimeZone).DateTime);
        return contacts.Where(c => c.Role is "officer" or "admin").Select(contact =>
        {
            var language = ReplyLanguages.For(contact.Language);
            return new Composed(contact, writer.Escalation(language, day, at, district.Units.Count, missing),
                new MessageTemplate("escalation", language.Code,
                [
                    district.Catalog.District, language.Day(day), $"{district.Units.Count - missing.Count}/{district.Units.Count}",
                    missing.Count == 0 ? "—" : string.Join(", ", missing),
                ]));
        }).ToList();
    }

    async Task<HashSet<string>> MissingUnitsAsync(DistrictContext district, DateOnly day, CancellationToken ct)
    {
        var indicator = district.Catalog.DefaultIndicator.Key;
        var reported = (await FigureStore.ForDayAsync(db, district.District.Id, day, ct)).Where(f => f.Indicator == indicator).Select(f => f.Unit);
        return district.Units.Keys.Except(reported, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

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

    /// <summary>
    /// Where a message to a member goes: the channel and address they last wrote from, else the default channel; as
    /// free text while their 24-hour window is open on that channel, else as the approved template.
    /// </summary>
    OutboxEntry Address(ContactRow contact, SlotKind kind, string text, MessageTemplate template, DateTimeOffset now)
    {
        var channel = contact.LastChannel is { } last && _senders.ContainsKey(last) ? last : DefaultChannel();
        var sender = _senders[channel];
        var address = channel == contact.LastChannel && contact.LastAddress is { } known ? known : sender.AddressFor(contact.Phone);
        var windowOpen = channel == contact.LastChannel && contact.LastInboundAt is { } at && now - at < MessagingWindow;
        return new OutboxEntry(channel, address, contact.Id, text, null, kind.ToString().ToLowerInvariant(),
            template.Name, template.Language, template.Variables.ToArray(), UseTemplate: sender.HasMessagingWindow && !windowOpen);
    }

    string DefaultChannel() =>
        options.Value.DefaultChannel is { } configured && _senders.ContainsKey(configured)
            ? configured
            : ChannelPreference.First(_senders.ContainsKey);
}

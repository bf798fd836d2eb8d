using ReportBot.Reporting.People;
using System.Diagnostics;
using System.Text.Json;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Security;
using ReportBot.Data.ChatImport;
using ReportBot.Data.Districts;
using ReportBot.Data.Messages;
using ReportBot.Reporting.ChatExport;
using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.Reading;

namespace ReportBot.BotHost.ChatImport;

/// <summary>What to import, and how.</summary>
/// <param name="Names"><c>--names</c>: name → phone for senders the members do not cover.</param>
public sealed record ChatImportOptions(string District, bool DryRun = false, DateOrder DateOrder = DateOrder.DayFirst,
    IReadOnlyList<KeyValuePair<string, string>>? Names = null);

/// <summary>
/// Brings in a district group's exported WhatsApp chat. Each message from a member is stored in the inbox as a message
/// of the channel <see cref="Channel"/>, received at the moment it was sent (the export's local clock in the district's
/// zone), and then handled by the same <see cref="InboundHandler"/> as a live message, one at a time in the order sent:
/// the same reading, rights and rules, each figure on the day it was sent, with history. The handler queues no reply
/// for this channel (nobody is answered for what they said last week). A dry run reads the same way and changes nothing.
/// </summary>
public sealed class ChatImporter(
    DistrictStore districts, DistrictDirectory directory, ChatImportStore store, InboxStore inbox, InboundHandler handler, TimeProvider time)
{
    /// <summary>The inbox channel of imported messages; the handler answers nobody on it.</summary>
    public const string Channel = "chat-export";

    public async Task<ChatImportReport> ImportAsync(ChatExportFile file, ChatImportOptions options, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        if (await districts.FindDistrictAsync(options.District, ct) is not { } district)
            throw new ChatImportException($"No district named '{options.District}'.");
        var transcript = ChatExportParser.Parse(file.Lines, options.DateOrder);
        if (transcript.Messages.Count == 0 && transcript.SystemLines.Count == 0)
            throw new ChatImportException($"{file.ChatName} holds no WhatsApp messages (a message line starts like \"12/03/2025, 4:05 pm - Name: …\" or \"[12/03/25, 4:05:12 PM] Name: …\"). {ChatExportFile.WhatToSend}");

        var context = await directory.GetAsync(district.Id, ct);
        var members = await store.MembersAsync(district.Id, ct);
        var senders = new ChatSenders(members.Select(m => new ChatMember(m.Id, m.Name, m.Phone, m.ChatNames)), options.Names);
        var byId = members.ToDictionary(m => m.Id);

        // In the order sent (an export is, but a phone whose clock was corrected can write a line out of order).
        var messages = transcript.Messages.OrderBy(m => m.SentAt).ToList(); // OrderBy is stable: one minute keeps the file's order
        var ids = ChatMessageIds.For(district.Id, messages);
        var matched = new List<Imported>();
        var senderCounts = new Dictionary<string, (string? Member, SenderMatch? How, int Count)>();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var found = senders.Find(message.Sender);
            var shown = ChatSenders.Clean(message.Sender);
            var count = senderCounts.GetValueOrDefault(shown);
            senderCounts[shown] = (found?.Member.Name, found?.How, count.Count + 1);
            if (found is not { } f)
                continue;
            var sentAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(message.SentAt, context.TimeZone), TimeSpan.Zero);
            matched.Add(new Imported(message, ids[i], byId[f.Member.Id], sentAt, context.LocalDay(sentAt)));
        }

        // What the reader makes of each message, on its own day, with its sender's rights: the dry run's answer, and
        // the real run's explanation of anything not recorded.
        var figures = new List<FigureRead>();
        var problems = new List<MessageProblem>();
        foreach (var m in matched.Where(m => m.Message.Text.Length > 0))
        {
            // The sender as the handler sees them: whole district for an officer or admin, else their units of this campaign.
            var wholeDistrict = m.Member.Role.ReportsForWholeDistrict();
            var sender = new Sender(m.Member.Name, m.Member.Language, wholeDistrict, m.Member.Units.Where(context.Units.ContainsKey).ToList());
            var reading = context.Reader.Read(m.Message.Text, sender.Units, m.Day);
            var plan = TurnPlan.For(reading, sender);
            figures.AddRange(plan.ToRecord.Select(r => new FigureRead(r.Date, r.Unit, r.Indicator, r.Value, r.Op, m.Member.Name, m.Message.SentAt, true)));
            figures.AddRange(plan.NotPermitted.Select(r => new FigureRead(r.Date, r.Unit, r.Indicator, r.Value, r.Op, m.Member.Name, m.Message.SentAt, false)));
            var why = reading.Errors.Select(Why)
                .Concat(plan.NotPermitted.Select(r => $"{m.Member.Name} does not report for {r.Unit}"))
                .ToList();
            if (why.Count > 0)
                problems.Add(new MessageProblem(m.Message.Line, m.Member.Name, m.Message.SentAt, m.Message.Text, string.Join("; ", why)));
        }

        var alreadyStored = await store.StoredAsync(Channel, matched.Select(m => m.ExternalId).ToList(), ct);
        var report = new ChatImportReport
        {
            District = district.Name,
            DryRun = options.DryRun,
            Platform = transcript.Platform,
            ChatFile = file.ChatName,
            Messages = transcript.Messages.Count,
            SystemLines = transcript.SystemLines.Count,
            Senders = senderCounts.Select(s => new SenderCount(s.Key, s.Value.Member, s.Value.How, s.Value.Count))
                .OrderByDescending(s => s.Messages).ThenBy(s => s.Sender, StringComparer.Ordinal).ToList(),
            Unmatched = senderCounts.Where(s => s.Value.Member is null).Select(s => new SenderCount(s.Key, null, null, s.Value.Count))
                .OrderByDescending(s => s.Messages).ThenBy(s => s.Sender, StringComparer.Ordinal).ToList(),
            FiguresRead = figures,
            FiguresByDay = ByDay(figures),
            SkippedMedia = file.Media,
            MediaOmitted = transcript.Messages.Count(m => m.Kind == ChatMessageKind.MediaOmitted),
            UnreadableLines = transcript.Unreadable,
            Problems = problems,
            Duplicates = matched.Count(m => alreadyStored.Contains(m.ExternalId)),
        };
        if (options.DryRun)
            return report with { Took = time.GetElapsedTime(started) };

        var stored = new List<(Imported Message, long InboxId)>();
        var duplicates = 0;
        var errors = new List<MessageProblem>();
        // One at a time, each handled before the next is stored: a later report must meet the earlier one already
        // recorded (the latest wins, "+300" adds), exactly as when they arrived.
        foreach (var m in matched)
        {
            var entry = StorableText.Of(new InboundMessage(Channel, m.ExternalId, ChatSenders.Clean(m.Message.Sender), m.Message.Text,
                m.Message.Kind switch { ChatMessageKind.MediaOmitted => 1, ChatMessageKind.Attachment => m.Message.Attachments.Count, _ => 0 },
                Raw(file, district.Name, m.Message), m.SentAt));
            if (await inbox.AddAsync(new InboxEntry(entry.Channel, entry.ExternalId, entry.Sender, m.Member.Phone, entry.Text, entry.MediaCount,
                    entry.Raw, entry.ReceivedAt), ct) is not { } inboxId)
            {
                duplicates++;
                continue;
            }
            try
            {
                await handler.HandleAsync(inboxId, ct);
                await UntilHandledAsync(inboxId, ct);
                stored.Add((m, inboxId));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stored, not handled: the sweeper picks it up later; the admin sees which and why now.
                errors.Add(new MessageProblem(m.Message.Line, m.Member.Name, m.Message.SentAt, m.Message.Text, e.Message));
            }
        }

        var byInbox = stored.ToDictionary(s => s.InboxId, s => s.Message);
        var outcomes = new Dictionary<string, int>();
        foreach (var (_, inboxId) in stored)
        {
            var outcome = await store.OutcomeAsync(inboxId, ct) ?? "unhandled";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        var changes = await store.ChangesAsync(byInbox.Keys, ct);
        return report with
        {
            Stored = stored.Count,
            Duplicates = duplicates,
            Outcomes = outcomes,
            Recorded = changes.Select(c => new FigureRecorded(c.Day, c.Unit, c.Indicator, c.OldValue, c.NewValue,
                byInbox[c.InboxId].Member.Name, byInbox[c.InboxId].Message.SentAt)).ToList(),
            Errors = errors,
            Took = time.GetElapsedTime(started),
        };
    }

    sealed record Imported(ChatMessage Message, string ExternalId, ChatMemberRow Member, DateTimeOffset SentAt, DateOnly Day);

    /// <summary>
    /// The handler claims with <c>skip locked</c>: if the inbox sweeper took this message first (an imported message
    /// looks overdue to it), wait for that handling before the next message, so the order sent still holds.
    /// </summary>
    async Task UntilHandledAsync(long inboxId, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (await store.OutcomeAsync(inboxId, ct) is null)
        {
            if (time.GetUtcNow() > deadline)
                throw new TimeoutException($"inbox message {inboxId} was not handled within 30 s");
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct);
        }
    }

    static IReadOnlyList<DayUnitFigure> ByDay(IEnumerable<FigureRead> figures)
    {
        var values = new SortedDictionary<(DateOnly Day, string Unit, string Indicator), long>();
        foreach (var f in figures.Where(f => f.Permitted))
        {
            var key = (f.Day, f.Unit, f.Indicator);
            values[key] = f.Op == ReportOp.Add ? values.GetValueOrDefault(key) + f.Value : f.Value;
        }
        return values.Select(v => new DayUnitFigure(v.Key.Day, v.Key.Unit, v.Key.Indicator, v.Value)).ToList();
    }

    static string Why(ReadError error) => error.Kind switch
    {
        ReadErrorKind.UnknownUnit => $"no unit '{error.Fragment}'",
        ReadErrorKind.AmbiguousUnit => $"'{error.Fragment}' could be {string.Join(" or ", error.Candidates)}",
        ReadErrorKind.MissingNumber => $"no figure for {error.Unit ?? error.Fragment}",
        ReadErrorKind.AmbiguousNumber => $"more than one figure in '{error.Fragment}'",
        ReadErrorKind.InvalidNumber => $"'{error.Fragment}' is not a figure",
        ReadErrorKind.ImplausibleNumber => $"{error.Value:N0} for {error.Unit} is above the ceiling: it waits for a YES",
        ReadErrorKind.FutureDate => $"'{error.Fragment}' is a day after the message was sent",
        ReadErrorKind.StaleDate => $"'{error.Fragment}' is further back than late reports are accepted",
        _ => error.Kind.ToString(),
    };

    /// <summary>What the inbox keeps of the message: its lines as the export wrote them, and where they came from.</summary>
    static string Raw(ChatExportFile file, string district, ChatMessage message) =>
        JsonSerializer.Serialize(new { source = "whatsapp-export", district, file = file.ChatName, line = message.Line, text = message.Raw });
}

using System.Globalization;
using System.Text;
using ReportBot.Reporting.ChatExport;

namespace ReportBot.Reporting.Tests.ChatExport;

/// <summary>
/// The export formats as phones write them. The header shapes are the ones whatsapp-chat-parser's tests collect
/// (github.com/Pustur/whatsapp-chat-parser, tests/parser.test.ts and tests/index.test.ts), the names and figures
/// rewritten as a Darbhanga block officer's.
/// </summary>
public sealed class ChatExportParserTests
{
    static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ChatExport", "Fixtures", name), Encoding.UTF8);

    /// <summary>
    /// Each fixture, read, written one line per message, system line and unreadable line, equals its `.expected`
    /// file (a reviewed reading of the export: `M line time sender kind edited [attachments] text`).
    /// </summary>
    [Theory]
    [InlineData("android-12h.txt")]
    [InlineData("ios.txt")]
    [InlineData("android-hindi.txt")]
    [InlineData("unreadable.txt")]
    public void A_fixture_reads_as_expected(string fixture)
    {
        var transcript = ChatExportParser.Parse(Fixture(fixture));
        Assert.Equal(Fixture(Path.ChangeExtension(fixture, ".expected")).ReplaceLineEndings("\n"), Render(transcript));
    }

    public static TheoryData<string, DateOrder, string> Headers => new()
    {
        // whatsapp-chat-parser's "formats": one instant written many ways (its format1–format12), day first unless said.
        { "3/6/18, 1:55 p.m. - Ramesh: Benipur 1240", DateOrder.DayFirst, "2018-06-03 13:55:00" },
        { "03-06-2018, 01.55 PM - Ramesh: Benipur 1240", DateOrder.DayFirst, "2018-06-03 13:55:00" },
        { "[3/6/18 1:55:00 p. m.] Ramesh: Benipur 1240", DateOrder.DayFirst, "2018-06-03 13:55:00" },
        { "\u200E[3/6/18 1:55:00 p. m.] Ramesh: Benipur 1240", DateOrder.DayFirst, "2018-06-03 13:55:00" },
        { "[2018/06/13, 21:25:15] Ramesh: Benipur 1240", DateOrder.DayFirst, "2018-06-13 21:25:15" },
        { "3/6/2018 1:55 p.\u00A0m. - Ramesh: Benipur 1240", DateOrder.DayFirst, "2018-06-03 13:55:00" },
        { "3/6/18, 1:55\u202FPM - Ramesh: Benipur 1240", DateOrder.DayFirst, "2018-06-03 13:55:00" },
        { "[06.13.18 21:25:15] Ramesh: Benipur 1240", DateOrder.MonthFirst, "2018-06-13 21:25:15" },
        // The options test: the same line, day first and month first.
        { "3/6/18, 1:55 p.m. - Ramesh: Benipur 1240", DateOrder.MonthFirst, "2018-03-06 13:55:00" },
        // Issue #237 there: a day-first date with a one-digit month.
        { "13/1/2021 13:00 - Ramesh: Benipur 1240", DateOrder.DayFirst, "2021-01-13 13:00:00" },
        // The brief's own two, and midnight and noon on a 12-hour clock.
        { "12/03/2025, 4:05 pm - Ramesh: Benipur 1240", DateOrder.DayFirst, "2025-03-12 16:05:00" },
        { "[12/03/25, 4:05:12 PM] Ramesh: Benipur 1240", DateOrder.DayFirst, "2025-03-12 16:05:12" },
        { "12/03/2025, 12:10 am - Ramesh: Benipur 1240", DateOrder.DayFirst, "2025-03-12 00:10:00" },
        { "12/03/2025, 12:10 pm - Ramesh: Benipur 1240", DateOrder.DayFirst, "2025-03-12 12:10:00" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void A_header_gives_the_time_sent_sender_and_text(string line, DateOrder order, string sentAt)
    {
        var message = Assert.Single(ChatExportParser.Parse(line, order).Messages);
        Assert.Equal(sentAt, message.SentAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.Equal("Ramesh", message.Sender);
        Assert.Equal("Benipur 1240", message.Text);
    }

    [Fact]
    public void Index_test_sample_keeps_empty_lines_inside_a_message_and_counts_five()
    {
        // whatsapp-chat-parser tests/index.test.ts "chatExample", the names made ours.
        var transcript = ChatExportParser.Parse(
            """
            06/03/2017, 00:45 - Messages to this group are now secured with end-to-end encryption. Tap for more info.
            06/03/2017, 00:45 - You created group "ShortChat"
            06/03/2017, 00:45 - Ramesh Kumar: This is a test message
            08/05/2017, 01:48 - Kavita Jha: Hey I'm a test too!
            09/04/2017, 01:50 - +91 98765 43211: How are you?

            Is everything alright?
            """);
        Assert.Equal(3, transcript.Messages.Count);
        Assert.Equal([SystemLineKind.Encryption, SystemLineKind.Created], transcript.SystemLines.Select(s => s.Kind));
        Assert.Equal("How are you?\n\nIs everything alright?", transcript.Messages[2].Text);
        Assert.Equal("+91 98765 43211", transcript.Messages[2].Sender);
    }

    [Theory]
    [InlineData("3/6/18, 1:55 p.m. - a: < attached: 00000042-PHOTO-2020-06-07-15-13-20.jpg >", "00000042-PHOTO-2020-06-07-15-13-20.jpg")]
    [InlineData("3/6/18, 1:55 p.m. - a: IMG-20210428-WA0001.jpg (file attached)", "IMG-20210428-WA0001.jpg")]
    [InlineData("3/6/18, 1:55 p.m. - a: 2015-08-04-PHOTO-00004762.jpg <\u200Eattached>", "2015-08-04-PHOTO-00004762.jpg")]
    public void An_attachment_line_names_its_file(string line, string file)
    {
        // whatsapp-chat-parser's parseAttachments formats #1–#3.
        var message = Assert.Single(ChatExportParser.Parse(line).Messages);
        Assert.Equal(ChatMessageKind.Attachment, message.Kind);
        Assert.Equal([file], message.Attachments);
    }

    [Fact]
    public void A_line_before_any_message_or_with_no_real_date_is_unreadable_and_says_why()
    {
        var transcript = ChatExportParser.Parse("13/25/2025, 10:15 - Ramesh: Benipur 1240");
        var line = Assert.Single(transcript.Unreadable);
        Assert.Contains("month first", line.Why);
        Assert.Single(ChatExportParser.Parse("12/25/2025, 10:15 - Ramesh: Benipur 1240", DateOrder.MonthFirst).Messages);
    }

    [Fact]
    public void Fifty_thousand_lines_read_in_well_under_a_second()
    {
        var lines = Enumerable.Range(0, 50_000).Select(i =>
            i % 5 == 4 ? "Hayaghat 610" : $"03/12/2025, {1 + i % 12}:{i % 60:00}\u202Fpm - Kavita Jha: Baheri {i}").ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var transcript = ChatExportParser.Parse(lines);
        watch.Stop();
        Assert.Equal(40_000, transcript.Messages.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    static string Render(ChatTranscript transcript)
    {
        var text = new StringBuilder();
        text.Append("platform ").Append(transcript.Platform).Append('\n');
        foreach (var m in transcript.Messages)
            text.Append(CultureInfo.InvariantCulture,
                $"M {m.Line} {m.SentAt:yyyy-MM-dd HH:mm:ss} [{m.Sender}] {m.Kind}{(m.Edited ? " edited" : "")}{(m.Attachments.Count > 0 ? " <" + string.Join(",", m.Attachments) + ">" : "")} {Escape(m.Text)}\n");
        foreach (var s in transcript.SystemLines)
            text.Append(CultureInfo.InvariantCulture, $"S {s.Line} {s.SentAt:yyyy-MM-dd HH:mm:ss} {s.Kind} {Escape(s.Text)}\n");
        foreach (var u in transcript.Unreadable)
            text.Append(CultureInfo.InvariantCulture, $"U {u.Line} {Escape(u.Text)} — {u.Why}\n");
        return text.ToString();
    }

    static string Escape(string text) => text.Replace("\n", "\\n").Replace("\u202F", "<NNBSP>").Replace("\u200E", "<LRM>");
}

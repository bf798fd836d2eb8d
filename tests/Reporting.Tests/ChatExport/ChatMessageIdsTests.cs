using ReportBot.Reporting.ChatExport;

namespace ReportBot.Reporting.Tests.ChatExport;

/// <summary>An exported message's inbox id: the same in every export of the group, distinct for each message.</summary>
public sealed class ChatMessageIdsTests
{
    const string Day =
        """
        03/12/2025, 10:15 am - Kavita Jha: Baheri +100
        03/12/2025, 10:15 am - Kavita Jha: Baheri +100
        03/12/2025, 10:16 am - Ramesh Kumar: Benipur 1240
        """;

    [Fact]
    public void The_same_export_twice_gives_the_same_ids()
    {
        var first = ChatMessageIds.For(1, ChatExportParser.Parse(Day).Messages);
        Assert.Equal(first, ChatMessageIds.For(1, ChatExportParser.Parse(Day).Messages));
    }

    [Fact]
    public void The_same_text_twice_in_one_minute_is_two_messages()
    {
        // Android writes minutes only: "+100" sent twice is 200, and must not collapse into one.
        var ids = ChatMessageIds.For(1, ChatExportParser.Parse(Day).Messages);
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public void A_later_export_that_overlaps_gives_the_shared_messages_the_same_ids()
    {
        var later = Day + "\n03/12/2025, 4:05 pm - Ramesh Kumar: Benipur 1300";
        var earlierIds = ChatMessageIds.For(1, ChatExportParser.Parse(Day).Messages);
        var laterIds = ChatMessageIds.For(1, ChatExportParser.Parse(later).Messages);
        Assert.Equal(earlierIds, laterIds.Take(3));
        Assert.DoesNotContain(laterIds[3], earlierIds);
    }

    [Fact]
    public void Another_district_or_an_ios_sender_mark_changes_nothing_but_the_district()
    {
        var messages = ChatExportParser.Parse(Day).Messages;
        Assert.Empty(ChatMessageIds.For(1, messages).Intersect(ChatMessageIds.For(2, messages)));
        var marked = ChatExportParser.Parse(Day.Replace("Ramesh Kumar", "\u200ERamesh Kumar")).Messages;
        Assert.Equal(ChatMessageIds.For(1, messages), ChatMessageIds.For(1, marked));
    }
}

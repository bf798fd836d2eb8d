using ReportBot.Reporting.ChatExport;

namespace ReportBot.Reporting.Tests.ChatExport;

/// <summary>Who sent it: an unsaved number by phone, a saved name by the member's name or their chat names, else --names.</summary>
public sealed class ChatSendersTests
{
    static readonly ChatMember Ramesh = new(1, "Ramesh Kumar", "919876543210", ["Ramesh BDM Benipur"]);
    static readonly ChatMember Sunita = new(2, "सुनीता देवी", "919876543211", []);
    static readonly ChatMember Kavita = new(3, "Kavita Jha", "919876543212", ["Kavita"]);
    static readonly ChatMember OtherKavita = new(4, "Kavita Jha (Jale)", "919876543215", ["Kavita"]);

    static readonly ChatSenders Senders = new([Ramesh, Sunita, Kavita, OtherKavita], [new("Block Office Jale", "+91 98765 43211")]);

    [Theory]
    [InlineData("+91 98765 43210", 1, SenderMatch.Phone)]
    [InlineData("\u202A+91 98765 43211\u202C", 2, SenderMatch.Phone)]
    [InlineData("ramesh  kumar", 1, SenderMatch.Name)]
    [InlineData("~\u202FRamesh BDM Benipur", 1, SenderMatch.ChatName)]
    [InlineData("सुनीता देवी", 2, SenderMatch.Name)]
    [InlineData("Block Office Jale", 2, SenderMatch.NamesFile)]
    public void A_sender_matches_the_member(string sender, int member, SenderMatch how)
    {
        var found = Senders.Find(sender);
        Assert.NotNull(found);
        Assert.Equal(member, found.Value.Member.Id);
        Assert.Equal(how, found.Value.How);
    }

    [Theory]
    [InlineData("+91 98765 49999")] // a number no member has
    [InlineData("Kavita")] // two members are "Kavita" in the chat: neither, rather than the wrong one's units
    [InlineData("Mohan Lal")]
    public void A_sender_no_one_or_more_than_one_fits_is_unmatched(string sender) => Assert.Null(Senders.Find(sender));
}

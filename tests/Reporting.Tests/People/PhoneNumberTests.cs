using ReportBot.Reporting.Conversation;
using ReportBot.Reporting.People;
using ReportBot.Reporting.Tests.Reading;

namespace ReportBot.Reporting.Tests.People;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("9876543210")]
    [InlineData("09876543210")]
    [InlineData("+91 98765 43210")]
    [InlineData("919876543210")]
    [InlineData("whatsapp:+919876543210")]
    [InlineData("+91-98765-43210")]
    public void Every_form_of_a_number_is_one_person(string written) =>
        Assert.Equal("919876543210", PhoneNumber.ToE164Digits(written));

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("not a phone")]
    public void What_is_no_phone_number_is_null(string written) => Assert.Null(PhoneNumber.ToE164Digits(written));

    [Fact]
    public void Foreign_numbers_keep_their_country() =>
        Assert.Equal("14155238886", PhoneNumber.ToE164Digits("whatsapp:+14155238886"));

    [Theory]
    [InlineData("add 9876500001 Hanuman Nagar Mohan Lal", "919876500001", "Hanuman Nagar", "Mohan Lal")]
    [InlineData("add +91 98765 00001 हनुमाननगर मोहन", "919876500001", "Hanuman Nagar", "मोहन")]
    [InlineData("ADD 09876500001 Sadar Anita", "919876500001", "Darbhanga Sadar", "Anita")]
    public void An_admin_adds_a_reporter_in_one_line(string text, string phone, string unit, string name) =>
        Assert.Equal(new AddMemberCommand(phone, unit, name), AdminCommand.ParseAdd(text, Corpus.CatalogOf("Darbhanga")));

    [Theory]
    [InlineData("add 300 Benipur")]
    [InlineData("add 9876500001 Nowhere Mohan")]
    [InlineData("add 9876500001 Benipur")]
    public void What_is_not_a_whole_add_command_is_not_one(string text) =>
        Assert.Null(AdminCommand.ParseAdd(text, Corpus.CatalogOf("Darbhanga")));
}

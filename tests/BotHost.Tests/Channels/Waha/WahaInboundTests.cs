using ReportBot.BotHost.Channels.Waha;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>The address rules the mapping rests on: which addresses are phones, and which part of a message id edits name.</summary>
public sealed class WahaInboundTests
{
    [Theory]
    [InlineData("919876543210@c.us", "919876543210")]
    [InlineData("919876543210@s.whatsapp.net", "919876543210")]
    [InlineData("919876543210:12@s.whatsapp.net", "919876543210")] // one of the phone's devices
    [InlineData("201234567890123@lid", null)] // a privacy id: its digits are no phone
    [InlineData("120363041234567890@g.us", null)]
    [InlineData("status@broadcast", null)]
    [InlineData("+919876543210", null)]
    [InlineData(null, null)]
    public void Reads_a_phone_only_from_a_phone_address(string? address, string? phone) => Assert.Equal(phone, WahaInbound.PhoneOf(address));

    [Theory]
    [InlineData("false_120363041234567890@g.us_3EB0C767D0B1A2F34B5E_919876543210@c.us", "3EB0C767D0B1A2F34B5E")]
    [InlineData("true_919876543210@c.us_3EB0A1B2C3D4E5F60718", "3EB0A1B2C3D4E5F60718")]
    [InlineData("3EB0A1B2C3D4E5F60718", "3EB0A1B2C3D4E5F60718")] // GOWS: just the id
    public void The_key_of_a_message_id_is_its_third_part(string serialized, string key) => Assert.Equal(key, WahaInbound.KeyOf(serialized));
}

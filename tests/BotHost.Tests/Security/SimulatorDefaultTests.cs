using Microsoft.Extensions.Configuration;
using ReportBot.BotHost.Channels.Simulator;

namespace ReportBot.BotHost.Tests.Security;

/// <summary>The simulator acts as any member, so it is on by default only on the embedded database with no live channel.</summary>
public sealed class SimulatorDefaultTests
{
    static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void Embedded_database_and_no_live_channel_turns_the_simulator_on() =>
        Assert.True(SimulatorChannelExtensions.OnByDefault(Config()));

    [Theory]
    [InlineData("Twilio:AuthToken", "tok")]
    [InlineData("WhatsAppCloud:AppSecret", "secret")]
    [InlineData("ConnectionStrings:Postgres", "Host=db")]
    public void A_live_channel_or_a_configured_database_keeps_the_simulator_off(string key, string value) =>
        Assert.False(SimulatorChannelExtensions.OnByDefault(Config((key, value))));
}

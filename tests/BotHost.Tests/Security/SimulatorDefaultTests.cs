using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReportBot.BotHost.Tests.Infrastructure;
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
    [InlineData("Waha:BaseUrl", "http://127.0.0.1:3000")]
    [InlineData("ConnectionStrings:Postgres", "Host=db")]
    public void A_live_channel_or_a_configured_database_keeps_the_simulator_off(string key, string value) =>
        Assert.False(SimulatorChannelExtensions.OnByDefault(Config((key, value))));
}

/// <summary>Enabled explicitly where real members could be reached, the simulator is served only behind the admin key.</summary>
public sealed class SimulatorAccessTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    static IConfiguration Config(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    [Fact]
    public void The_access_follows_the_database_the_channels_and_the_key()
    {
        Assert.Equal(SimulatorAccess.Open, SimulatorChannelExtensions.AccessOf(Config()));
        Assert.Equal(SimulatorAccess.Off, SimulatorChannelExtensions.AccessOf(Config(("Simulator:Enabled", "false"))));
        Assert.Equal(SimulatorAccess.Off, SimulatorChannelExtensions.AccessOf(Config(("ConnectionStrings:Postgres", "Host=db"))));
        Assert.Equal(SimulatorAccess.Off, SimulatorChannelExtensions.AccessOf(Config(("ConnectionStrings:Postgres", "Host=db"), ("Simulator:Enabled", "true"))));
        Assert.Equal(SimulatorAccess.AdminKeyRequired, SimulatorChannelExtensions.AccessOf(
            Config(("ConnectionStrings:Postgres", "Host=db"), ("Simulator:Enabled", "true"), ("Admin:ApiKey", "k"))));
        Assert.Equal(SimulatorAccess.AdminKeyRequired, SimulatorChannelExtensions.AccessOf(
            Config(("Twilio:AccountSid", "AC1"), ("Twilio:AuthToken", "t"), ("Twilio:From", "whatsapp:+1"), ("Simulator:Enabled", "true"), ("Admin:ApiKey", "k"))));
    }

    [Fact]
    public async Task Without_the_key_nobody_acts_as_a_member_and_nothing_is_stored()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Simulator:Enabled"] = "true", ["Admin:ApiKey"] = "the-key" }).StartAsync();
        using var client = app.CreateClient();
        var before = await app.ScalarAsync<long>("select count(*) from inbox");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/simulator/api/group")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/simulator/api/messages", new { memberId = 5, text = "add 9876500009 Jale Mallory" })).StatusCode);
        client.DefaultRequestHeaders.Add("X-Admin-Key", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/simulator/api/group")).StatusCode);
        Assert.Equal(before, await app.ScalarAsync<long>("select count(*) from inbox"));

        client.DefaultRequestHeaders.Remove("X-Admin-Key");
        client.DefaultRequestHeaders.Add("X-Admin-Key", "the-key");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/simulator/api/group")).StatusCode);
    }

    [Fact]
    public async Task The_start_log_says_what_is_exposed()
    {
        var logs = new LogCapture();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            services: s => s.AddSingleton<ILoggerProvider>(logs)).StartAsync();
        static bool Exposure(string l) => l.Contains("ReportBot.Exposure: Serving on", StringComparison.Ordinal);
        await ReportBotApp.EventuallyAsync(() => Task.FromResult(logs.Lines.Any(Exposure)), "the start's exposure line");
        var line = Assert.Single(logs.Lines, Exposure);
        Assert.Contains("the simulator at / (behind the admin key)", line);
        Assert.Contains("the admin API at /admin", line);
        Assert.Contains("Twilio at /webhooks/twilio", line);
    }
}

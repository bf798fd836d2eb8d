using System.Text.Json;
using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data;

namespace ReportBot.BotHost.Tests.Cli;

/// <summary>`BotHost parse`: how each message is read, as JSON, for the IT manager who wants to know why.</summary>
public sealed class ParseCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Prints_one_json_reading_per_message()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (await new ReportBotApp(database).StartAsync()) { } // migrations and the demo district

        var output = new StringWriter();
        var exit = await CommandLine.RunAsync(
            ["parse", "--district", "darbhanga", "--today", "2025-12-03", "--unit", "Benipur", "बेनीपुर १२४०", "Xyzpur 40", "1240 (02/12)"],
            output, new PostgresOptions { ConnectionString = database });

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("बेनीपुर १२४०", lines[0].GetProperty("text").GetString());
        var report = lines[0].GetProperty("reading").GetProperty("Reports")[0];
        Assert.Equal(("Benipur", 1240), (report.GetProperty("Unit").GetString(), report.GetProperty("Value").GetInt32()));
        Assert.Equal("unknown_unit", lines[1].GetProperty("reading").GetProperty("Errors")[0].GetProperty("Kind").GetString());
        Assert.Equal("2025-12-02", lines[2].GetProperty("reading").GetProperty("Reports")[0].GetProperty("Date").GetString());
    }

    [Fact]
    public async Task An_unknown_district_is_an_error()
    {
        var database = await postgres.CreateDatabaseAsync();
        var exit = await CommandLine.RunAsync(["parse", "--district", "Nowhere", "Benipur 1240"], new StringWriter(),
            new PostgresOptions { ConnectionString = database });
        Assert.Equal(2, exit);
    }
}

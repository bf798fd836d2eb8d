using System.Diagnostics;
using System.Net;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Desk;

/// <summary>
/// The workbook as the DM's office opens it — in LibreOffice, not only read back by the library that wrote it:
/// `soffice --headless --convert-to csv` turns its first sheet (Daily) into text, which must hold the database's
/// figures. `.ci/run` installs LibreOffice Calc (Debian's libreoffice-calc-nogui); without it this test fails loudly.
/// </summary>
public sealed class LibreOfficeTests(PostgresFixture postgres) : TwilioConversation(postgres), IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_workbook_opens_in_libreoffice_with_the_figures_of_the_database()
    {
        await ReplyToAsync("Benipur 1240");
        await ReplyToAsync("Benipur 2100");
        await ReplyToAsync("जाले ४५५", from: "whatsapp:+919876543211");
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/admin/figures.xlsx?district=Darbhanga");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var folder = Directory.CreateTempSubdirectory("reportbot-lo-").FullName;
        try
        {
            var workbook = Path.Combine(folder, "figures.xlsx");
            await File.WriteAllBytesAsync(workbook, await response.Content.ReadAsByteArrayAsync());
            var (exit, output) = await RunAsync("soffice", "--headless", "--norestore", $"-env:UserInstallation=file://{folder}/profile",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", folder, workbook);
            Assert.True(exit == 0, $"soffice exited {exit}: {output}");

            var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "figures.csv"));
            var benipur = Assert.Single(lines, l => l.StartsWith("Benipur,")).Split(',');
            var jale = Assert.Single(lines, l => l.StartsWith("Jale,")).Split(',');
            // LibreOffice shows each cell as its format says (Indian grouping, so 2,100 is quoted); the day's figure
            // is the one the database holds, and nothing became a formula's result.
            var stored = await App.QueryAsync<(string Unit, long Value)>("select u.name, f.value from figures f join units u on u.id = f.unit_id");
            Assert.Contains(stored, f => f == ("Benipur", 2100));
            Assert.Contains("\"2,100\"", Assert.Single(lines, l => l.StartsWith("Benipur,")));
            Assert.Contains("455", jale);
            Assert.DoesNotContain(lines, l => l.Contains("#NAME?") || l.Contains("Err:"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static async Task<(int Exit, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Cli;

/// <summary>
/// The built BotHost as an operator starts it — from another folder, as its own process: it finds its settings and
/// the simulator's page beside itself, and a taken port or a database that never answers ends it in one line.
/// </summary>
public sealed class ServeProcessTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    /// <summary>BotHost's own build output (not the test's copy): what `dotnet run` and a publish start from.</summary>
    static string BotHostDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory); // …/tests/BotHost.Tests/bin/{Configuration}/{tfm}/
            var (tfm, configuration) = (testBin.Name, testBin.Parent!.Name);
            var root = testBin;
            while (!File.Exists(Path.Combine(root!.FullName, "ReportBot.sln")))
                root = root.Parent;
            return Path.Combine(root.FullName, "src", "BotHost", "bin", configuration, tfm, "BotHost.dll");
        }
    }

    static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = "/", // not the program's folder
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BotHostDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["Rhythm__Enabled"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return Process.Start(start)!;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Started_from_another_folder_it_serves_its_own_settings_and_page()
    {
        var database = await postgres.CreateDatabaseAsync();
        var port = FreePort();
        using var bot = Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Simulator__Enabled"] = "true",
            ["Admin__ApiKey"] = "process-key",
            ["Urls"] = $"http://127.0.0.1:{port}",
        });
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        bot.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        bot.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? page = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && page is null && !bot.HasExited;)
            {
                try { page = await http.GetAsync("/"); }
                catch (HttpRequestException) { await Task.Delay(250); }
            }
            Assert.NotNull(page);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("simulator.js", await page.Content.ReadAsStringAsync());
            Assert.Contains(output, l => l.Contains("Content root path: " + Path.GetDirectoryName(BotHostDll)));
            // Beside a configured database the simulator's API wants the admin key.
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/simulator/api/group")).StatusCode);
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_taken_port_ends_it_in_one_line_with_a_non_zero_exit()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var bot = Start(new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database }, "--urls", $"http://127.0.0.1:{port}");
        var error = bot.StandardError.ReadToEndAsync();
        _ = bot.StandardOutput.ReadToEndAsync();
        await bot.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(1, bot.ExitCode);
        Assert.Contains("ReportBot cannot listen", await error);
        Assert.Contains("Is another ReportBot running?", await error);
    }

    [Fact]
    public async Task A_database_that_never_answers_is_waited_for_then_ends_it_in_one_line()
    {
        using var bot = Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=9;Username=x;Password=y;Database=z",
            ["Database__StartupWait"] = "00:00:02",
            ["Urls"] = $"http://127.0.0.1:{FreePort()}",
        });
        var error = bot.StandardError.ReadToEndAsync();
        var output = bot.StandardOutput.ReadToEndAsync();
        await bot.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(1, bot.ExitCode);
        Assert.Contains("Waiting for PostgreSQL at 127.0.0.1:9", await output);
        Assert.Contains("PostgreSQL at 127.0.0.1:9 did not answer within 2 s. Start PostgreSQL, or check ConnectionStrings__Postgres.", await error);
    }

    [Fact]
    public async Task Help_from_the_real_binary_serves_nothing()
    {
        using var bot = Start(new Dictionary<string, string>(), "--help");
        var output = await bot.StandardOutput.ReadToEndAsync();
        await bot.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, bot.ExitCode);
        Assert.Contains("holiday", output);
        Assert.DoesNotContain("Now listening", output);
    }
}

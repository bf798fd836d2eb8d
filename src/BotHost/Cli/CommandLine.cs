using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using ReportBot.Data;
using ReportBot.Data.Districts;
using ReportBot.BotHost.Rhythm;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Reading;

namespace ReportBot.BotHost.Cli;

/// <summary>
/// The BotHost executable is also ReportBot's command line: with no verb (or `serve`) it serves; with a verb it runs
/// that command against the configured database (or the embedded one) and exits. Whatever is typed, the answer is a
/// result, the help, or a one-line error with a non-zero exit — never a server started by mistake, never a stack trace.
/// </summary>
public static class CommandLine
{
    static readonly string[] HelpTokens = ["-h", "--help", "-?", "/?", "/h"];

    /// <summary>
    /// The arguments to serve with — none, `serve …`, or only host settings such as `--urls http://0.0.0.0:5080` — or
    /// null when the arguments ask for a command, the help or the version.
    /// </summary>
    public static string[]? ServeArguments(string[] args)
    {
        if (args.Length == 0)
            return [];
        if (args[0] == "serve")
            return args.Skip(1).Any(HelpTokens.Contains) ? null : args[1..];
        var settingsOnly = args[0].StartsWith("--", StringComparison.Ordinal) && !HelpTokens.Contains(args[0]) && args[0] != "--version";
        return settingsOnly ? args : null;
    }

    /// <param name="output">Where results go (standard output by default).</param>
    /// <param name="postgres">The database (by default, from configuration, as the server reads it).</param>
    /// <param name="error">Where problems go (standard error by default).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, PostgresOptions? postgres = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var database = postgres ?? Options();
        Func<CancellationToken, Task<CommandServices>> services = ct => ServiceHostAsync(database, error, ct);
        var root = new RootCommand("ReportBot: daily reporting for district health campaigns. With no command, it serves.")
        {
            ServeCommand(),
            MigrateCommand(output, services),
            ParseCommand(output, error, services),
            SetupCommands.Import(output, error, services),
            SetupCommands.Export(output, error, services),
            SummaryCommand(output, error, services),
            CalendarCommands.Schedule(output, error, services),
            CalendarCommands.Holiday(output, error, services),
            GroupCommands.Group(output, error, services),
        };
        // `help` and `help import` as people type them, besides `--help`.
        if (args is ["help", .. var rest])
            args = [.. rest, "--help"];

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var verb = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
            // A mistyped word first: "Required command was not provided" would hide it.
            var problem = parsed.UnmatchedTokens is [var unknown, ..]
                ? $"'{unknown}' is not {(unknown.StartsWith('-') ? "an option" : "a command")} of BotHost {verb}".TrimEnd() + "."
                : string.Join(' ', parsed.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries)); // one line: "Must be one of: 'en' 'hi'"
            await error.WriteLineAsync($"{problem} (`BotHost {verb}--help` shows what it takes)");
            return 2;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (OneLine(e) is { } line)
        {
            await error.WriteLineAsync(line);
            return 1;
        }
    }

    /// <summary>What an operator needs to read of a failure they can mend: the database down, a password wrong, a file unreadable.</summary>
    static string? OneLine(Exception e) => e switch
    {
        DatabaseUnreachableException => e.Message,
        PostgresException pg => $"PostgreSQL refused: {pg.MessageText} ({pg.SqlState}). Check ConnectionStrings__Postgres.",
        NpgsqlException => $"Could not reach PostgreSQL: {e.Message}. Check ConnectionStrings__Postgres.",
        IOException or UnauthorizedAccessException => e.Message,
        _ => null,
    };

    /// <summary>Listed for its help; serving itself happens in Program before the command line is parsed.</summary>
    static Command ServeCommand() => new("serve",
        "Serve the webhooks, the simulator and the daily rhythm (the default with no command). Settings may follow, e.g. --urls http://0.0.0.0:5080.");

    static Command MigrateCommand(TextWriter output, Func<CancellationToken, Task<CommandServices>> services)
    {
        var command = new Command("migrate", "Apply the database migrations and exit.");
        command.SetAction(async (_, ct) =>
        {
            await using var host = await services(ct);
            await output.WriteLineAsync("Database is up to date.");
            return 0;
        });
        return command;
    }

    static Command ParseCommand(TextWriter output, TextWriter error, Func<CancellationToken, Task<CommandServices>> services)
    {
        var district = new Option<string>("--district") { Description = "The district whose units apply.", Required = true };
        var file = new Option<FileInfo?>("--file") { Description = "Read messages from this file, one per line (default: standard input)." };
        var units = new Option<string[]>("--unit") { Description = "The sender's own units (repeat --unit for each)." };
        var today = DateOption("--today", "The local date the messages arrive on (default: today in the district).");
        var messages = new Argument<string[]>("messages") { Description = "Messages to read (else --file or standard input).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("parse", "Show, as JSON, how each message is read — one message per line.") { district, file, units, today, messages };
        command.SetAction(async (result, ct) =>
        {
            await using var host = await services(ct);
            if (await FindDistrictAsync(host, result.GetValue(district)!, error, ct) is not { } found)
                return 2;
            var store = host.Services.GetRequiredService<DistrictStore>();
            var reader = new MessageReader(await store.CatalogAsync(found, ct: ct));
            var day = result.GetValue(today)
                ?? LocalDays.Of(host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), found.TimeZone);
            var senderUnits = result.GetValue(units) ?? [];
            var lines = result.GetValue(messages) is { Length: > 0 } given ? given
                : result.GetValue(file) is { } f ? await File.ReadAllLinesAsync(f.FullName, ct)
                : ReadAll(Console.In);
            foreach (var line in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                // The literal "\n" lets one line of input carry a multi-line message.
                var text = line.Replace("\\n", "\n");
                await output.WriteLineAsync(JsonSerializer.Serialize(new { text, reading = reader.Read(text, senderUnits, day) }, Json));
            }
            return 0;
        });
        return command;
    }

    static Command SummaryCommand(TextWriter output, TextWriter error, Func<CancellationToken, Task<CommandServices>> services)
    {
        var district = new Option<string>("--district") { Description = "The district.", Required = true };
        var date = DateOption("--date", "The day, day first (01/12/2026) or ISO (default: today in the district).");
        var language = new Option<string>("--language") { Description = "en or hi (printing only).", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "hi");
        var send = new Option<bool>("--send") { Description = "Queue it to the whole district group instead of printing it." };
        var command = new Command("summary", "Print a district's summary for a day, or send it to the group with --send.") { district, date, language, send };
        command.SetAction(async (result, ct) =>
        {
            await using var host = await services(ct);
            if (await FindDistrictAsync(host, result.GetValue(district)!, error, ct) is not { } found)
                return 2;
            var time = host.Services.GetRequiredService<TimeProvider>();
            var day = result.GetValue(date)
                ?? LocalDays.Of(time.GetUtcNow(), found.TimeZone);
            var rhythm = host.Services.GetRequiredService<DailyRhythm>();
            if (result.GetValue(send))
            {
                await rhythm.FireAsync(found.Id, SlotKind.Summary, day, slotId: null, ct);
                await output.WriteLineAsync($"The {found.Name} summary for {day:dd/MM/yyyy} is queued; the running ReportBot sends it.");
                return 0;
            }
            var parts = await rhythm.SummaryTextAsync(found.Id, day, result.GetValue(language)!, ct);
            await output.WriteLineAsync(string.Join("\n\n--- next message ---\n\n", parts));
            return 0;
        });
        return command;
    }

    /// <summary>A date option read as Indian offices write dates (<see cref="LocalDays.TryParse"/>), never month first.</summary>
    internal static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (LocalDays.TryParse(text, out var day))
                return day;
            result.AddError($"'{text}' is not a date: {LocalDays.Expected}.");
            return null;
        },
    };

    internal static async Task<DistrictRow?> FindDistrictAsync(CommandServices host, string name, TextWriter error, CancellationToken ct)
    {
        if (await host.Services.GetRequiredService<DistrictStore>().FindDistrictAsync(name, ct) is { } found)
            return found;
        await error.WriteLineAsync($"No district named '{name}'.");
        return null;
    }

    /// <summary>
    /// The server's own services (<see cref="ReportBotExtensions.AddReportBot"/>), built but not started, with the
    /// database prepared: every command works through the same composition as the server. Disposing it closes the data
    /// source and stops an embedded cluster.
    /// </summary>
    static async Task<CommandServices> ServiceHostAsync(PostgresOptions postgres, TextWriter error, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:Postgres"] = postgres.ConnectionString;
        builder.Configuration["EmbeddedPostgres:Root"] = postgres.EmbeddedRoot;
        builder.Configuration[PostgresOptions.StartupWaitKey] = postgres.StartupWait.ToString();
        builder.AddReportBot();
        var host = new CommandServices(builder.Build());
        try
        {
            var time = host.Services.GetRequiredService<TimeProvider>();
            await DatabasePreparation.PrepareAsync(host.Services.GetRequiredService<PostgresServer>(), seedDemo: false,
                DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
                (attempt, delay, why) => error.WriteLine($"Waiting for PostgreSQL (attempt {attempt}, next in {delay.TotalSeconds:0.0} s): {why}"), ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync(); // an embedded cluster started for this command stops with it
            throw;
        }
    }

    static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Devanagari readable
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    static IEnumerable<string> ReadAll(TextReader input)
    {
        while (input.ReadLine() is { } line)
            yield return line;
    }

    /// <summary>The same configuration the server reads: appsettings, then environment variables.</summary>
    static PostgresOptions Options()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return new PostgresOptions
        {
            ConnectionString = configuration.GetConnectionString("Postgres"),
            EmbeddedRoot = configuration["EmbeddedPostgres:Root"],
            StartupWait = configuration.GetValue(PostgresOptions.StartupWaitKey, DatabaseWait.DefaultLimit),
        };
    }
}

/// <summary>ReportBot's services for one command; disposing them closes the data source and stops an embedded cluster.</summary>
public sealed class CommandServices(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    // Asynchronously: the data source and the embedded cluster are only async-disposable.
    public ValueTask DisposeAsync() => ((IAsyncDisposable)host).DisposeAsync();
}

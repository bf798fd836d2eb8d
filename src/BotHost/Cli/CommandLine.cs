using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using ReportBot.Data;
using ReportBot.Data.Districts;
using ReportBot.Data.Setup;
using ReportBot.BotHost.Rhythm;
using ReportBot.Reporting.Rhythm;
using ReportBot.Reporting.Reading;

namespace ReportBot.BotHost.Cli;

/// <summary>
/// The BotHost executable is also ReportBot's command line: with no verb it serves; with a verb it runs that command
/// against the configured database (or the embedded one) and exits.
/// </summary>
public static class CommandLine
{
    static readonly string[] Verbs = ["migrate", "parse", "import", "export", "summary", "schedule"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <param name="output">Where results go (standard output by default).</param>
    /// <param name="postgres">The database (by default, from configuration, as the server reads it).</param>
    /// <param name="error">Where problems go (standard error by default).</param>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, PostgresOptions? postgres = null, TextWriter? error = null)
    {
        var root = new RootCommand("ReportBot: daily reporting for district health campaigns. With no command, serves.");
        root.Subcommands.Add(MigrateCommand(output ?? Console.Out, error ?? Console.Error, postgres ?? Options()));
        root.Subcommands.Add(ParseCommand(output ?? Console.Out, error ?? Console.Error, postgres ?? Options()));
        root.Subcommands.Add(ImportCommand(output ?? Console.Out, error ?? Console.Error, postgres ?? Options()));
        root.Subcommands.Add(ExportCommand(output ?? Console.Out, error ?? Console.Error, postgres ?? Options()));
        root.Subcommands.Add(SummaryCommand(output ?? Console.Out, error ?? Console.Error, postgres ?? Options()));
        root.Subcommands.Add(ScheduleCommand(output ?? Console.Out, error ?? Console.Error, postgres ?? Options()));
        return root.Parse(args).InvokeAsync();
    }

    static Command MigrateCommand(TextWriter output, TextWriter error, PostgresOptions postgres)
    {
        var command = new Command("migrate", "Apply the database migrations and exit.");
        command.SetAction(async (_, ct) =>
        {
            await using var host = await ServiceHostAsync(postgres, ct);
            await output.WriteLineAsync("Database is up to date.");
            return 0;
        });
        return command;
    }

    static Command ParseCommand(TextWriter output, TextWriter error, PostgresOptions postgres)
    {
        var district = new Option<string>("--district") { Description = "The district whose units apply.", Required = true };
        var file = new Option<FileInfo?>("--file") { Description = "Read messages from this file, one per line (default: standard input)." };
        var units = new Option<string[]>("--unit") { Description = "The sender's own units (repeat --unit for each)." };
        var today = new Option<DateOnly?>("--today") { Description = "The local date the messages arrive on (default: today in the district)." };
        var messages = new Argument<string[]>("messages") { Description = "Messages to read (else --file or standard input).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("parse", "Show, as JSON, how each message is read — one message per line.") { district, file, units, today, messages };
        command.SetAction(async (result, ct) =>
        {
            await using var host = await ServiceHostAsync(postgres, ct);
            var store = host.Services.GetRequiredService<DistrictStore>();
            if (await store.FindDistrictAsync(result.GetValue(district)!, ct) is not { } found)
            {
                error.WriteLine($"No district named '{result.GetValue(district)}'.");
                return 2;
            }
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

    static Argument<SetupKind> KindArgument() => new("what")
    {
        Description = "units | people | campaigns | targets",
        CustomParser = result => Enum.TryParse<SetupKind>(result.Tokens.Single().Value, ignoreCase: true, out var kind)
            ? kind
            : throw new ArgumentException($"'{result.Tokens.Single().Value}' is not one of: units, people, campaigns, targets"),
    };

    static Command ImportCommand(TextWriter output, TextWriter error, PostgresOptions postgres)
    {
        var kind = KindArgument();
        var file = new Argument<FileInfo>("file") { Description = "The CSV file (see README for each format)." };
        var command = new Command("import", "Set up units, people, campaigns or targets from a CSV file: all of it or nothing; re-importing is harmless.") { kind, file };
        command.Subcommands.Add(ChatImport.ChatImportCommand.Create(output, error, ct => ServiceHostAsync(postgres, ct))); // import chat FILE
        command.SetAction(async (result, ct) =>
        {
            var what = result.GetValue(kind);
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"No file {path.FullName}.");
                return 2;
            }
            await using var host = await ServiceHostAsync(postgres, ct);
            var db = host.Services.GetRequiredService<NpgsqlDataSource>();
            try
            {
                using var text = path.OpenText();
                var count = await new SetupImporter(db).ImportAsync(what, SetupFiles.Read(what, text), ct);
                await output.WriteLineAsync($"Imported {count} {what.ToString().ToLowerInvariant()} line(s) from {path.Name}.");
                return 0;
            }
            catch (SetupException e)
            {
                await error.WriteLineAsync($"Nothing was imported from {path.Name}:");
                foreach (var problem in e.Problems)
                    await error.WriteLineAsync("  " + problem);
                return 1;
            }
        });
        return command;
    }

    static Command ExportCommand(TextWriter output, TextWriter error, PostgresOptions postgres)
    {
        var kind = KindArgument();
        var district = new Option<string?>("--district") { Description = "Only this district (default: all)." };
        var command = new Command("export", "Write units, people, campaigns or targets as CSV, in the format import reads.") { kind, district };
        command.SetAction(async (result, ct) =>
        {
            await using var host = await ServiceHostAsync(postgres, ct);
            var db = host.Services.GetRequiredService<NpgsqlDataSource>();
            var what = result.GetValue(kind);
            SetupFiles.Write(what, output, await new SetupExporter(db).RowsAsync(what, result.GetValue(district), ct));
            return 0;
        });
        return command;
    }

    static Command SummaryCommand(TextWriter output, TextWriter error, PostgresOptions postgres)
    {
        var district = new Option<string>("--district") { Description = "The district.", Required = true };
        var date = new Option<DateOnly?>("--date") { Description = "The day (default: today in the district)." };
        var language = new Option<string>("--language") { Description = "en or hi (printing only).", DefaultValueFactory = _ => "en" };
        var send = new Option<bool>("--send") { Description = "Queue it to the whole district group instead of printing it." };
        var command = new Command("summary", "Print a district's summary for a day, or send it to the group with --send.") { district, date, language, send };
        command.SetAction(async (result, ct) =>
        {
            await using var host = await ServiceHostAsync(postgres, ct);
            var districts = host.Services.GetRequiredService<DistrictStore>();
            if (await districts.FindDistrictAsync(result.GetValue(district)!, ct) is not { } found)
            {
                await error.WriteLineAsync($"No district named '{result.GetValue(district)}'.");
                return 2;
            }
            var time = host.Services.GetRequiredService<TimeProvider>();
            var day = result.GetValue(date)
                ?? LocalDays.Of(time.GetUtcNow(), found.TimeZone);
            var rhythm = host.Services.GetRequiredService<DailyRhythm>();
            if (result.GetValue(send))
            {
                await rhythm.FireAsync(found.Id, SlotKind.Summary, day, slotId: null, ct);
                await output.WriteLineAsync($"The {found.Name} summary for {day:yyyy-MM-dd} is queued; the running ReportBot sends it.");
                return 0;
            }
            var parts = await rhythm.SummaryTextAsync(found.Id, day, result.GetValue(language)!, ct);
            await output.WriteLineAsync(string.Join("\n\n--- next message ---\n\n", parts));
            return 0;
        });
        return command;
    }

    static Command ScheduleCommand(TextWriter output, TextWriter error, PostgresOptions postgres)
    {
        var district = new Option<string>("--district") { Description = "The district.", Required = true };
        var name = new Option<string?>("--set") { Description = "Create or change the slot with this name (with --kind and --cron)." };
        var kind = new Option<string?>("--kind") { Description = "reminder | escalation | summary" };
        var cron = new Option<string?>("--cron") { Description = "When, in the district's time zone: minute hour day month weekday, e.g. \"0 16 * * *\"." };
        var disable = new Option<bool>("--disable") { Description = "Turn the slot named by --set off (it stays listed)." };
        var command = new Command("schedule", "List a district's schedule, or set one slot; the running ReportBot picks it up at its next tick.")
            { district, name, kind, cron, disable };
        command.SetAction(async (result, ct) =>
        {
            await using var host = await ServiceHostAsync(postgres, ct);
            if (await host.Services.GetRequiredService<DistrictStore>().FindDistrictAsync(result.GetValue(district)!, ct) is not { } found)
            {
                await error.WriteLineAsync($"No district named '{result.GetValue(district)}'.");
                return 2;
            }
            var schedules = host.Services.GetRequiredService<ReportBot.Data.Rhythm.ScheduleStore>();
            if (result.GetValue(name) is { } slotName)
            {
                var existing = (await schedules.SlotsAsync(found.Id, ct)).FirstOrDefault(s => s.Name == slotName);
                var slotKind = result.GetValue(kind) ?? existing?.Kind;
                var slotCron = result.GetValue(cron) ?? existing?.Cron;
                if (!Enum.TryParse<SlotKind>(slotKind, ignoreCase: true, out var parsedKind) || slotCron is null || !ScheduleRules.IsValid(slotCron))
                {
                    await error.WriteLineAsync("A slot needs --kind (reminder, escalation or summary) and a valid --cron, e.g. \"0 16 * * *\".");
                    return 2;
                }
                await schedules.UpsertSlotAsync(found.Id, parsedKind.ToString().ToLowerInvariant(), slotName, slotCron, !result.GetValue(disable), ct);
            }
            foreach (var slot in await schedules.SlotsAsync(found.Id, ct))
                await output.WriteLineAsync($"{slot.Name,-24} {slot.Kind,-10} {slot.Cron,-16} {(slot.Enabled ? "on" : "off")}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The server's own services (<see cref="ReportBotExtensions.AddReportBot"/>), built but not started, with the
    /// database prepared: every command works through the same composition as the server. Disposing it closes the data
    /// source and stops an embedded cluster.
    /// </summary>
    static async Task<CommandServices> ServiceHostAsync(PostgresOptions postgres, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:Postgres"] = postgres.ConnectionString;
        builder.Configuration["EmbeddedPostgres:Root"] = postgres.EmbeddedRoot;
        builder.AddReportBot();
        var host = builder.Build();
        var time = host.Services.GetRequiredService<TimeProvider>();
        await DatabasePreparation.PrepareAsync(host.Services.GetRequiredService<PostgresServer>(), seedDemo: false,
            DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
        return new CommandServices(host);
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

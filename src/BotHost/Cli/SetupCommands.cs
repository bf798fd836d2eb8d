using System.CommandLine;
using Npgsql;
using ReportBot.Data.Setup;

namespace ReportBot.BotHost.Cli;

/// <summary>`import units|people|campaigns|targets FILE` (and `import chat`) and `export …`: a district's set-up as CSV.</summary>
static class SetupCommands
{
    static Argument<SetupKind> KindArgument() => new("what")
    {
        Description = "units | people | campaigns | targets",
        CustomParser = result =>
        {
            var written = result.Tokens.Single().Value;
            if (Enum.TryParse<SetupKind>(written, ignoreCase: true, out var kind) && !int.TryParse(written, out _))
                return kind;
            result.AddError($"'{written}' is not one of: units, people, campaigns, targets (or chat)");
            return default;
        },
    };

    public static Command Import(TextWriter output, TextWriter error, Func<CancellationToken, Task<CommandServices>> services)
    {
        var kind = KindArgument();
        var file = new Argument<FileInfo>("file") { Description = "The CSV file (see README for each format)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what the file would change; change nothing." };
        var force = new Option<bool>("--force") { Description = "Also make the risky changes (renaming or moving a person, taking a unit from a reporter, wiping aliases or names)." };
        var command = new Command("import",
            "Set up units, people, campaigns or targets from a CSV file: all of it or nothing; re-importing is harmless; risky changes need --force.")
            { kind, file, dryRun, force };
        command.Subcommands.Add(ChatImport.ChatImportCommand.Create(output, error, services)); // import chat FILE
        command.SetAction(async (result, ct) =>
        {
            var what = result.GetValue(kind);
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"No file {path.FullName}.");
                return 2;
            }
            var mode = result.GetValue(dryRun) ? SetupMode.DryRun : result.GetValue(force) ? SetupMode.Force : SetupMode.Apply;
            await using var host = await services(ct);
            var db = host.Services.GetRequiredService<NpgsqlDataSource>();
            SetupReport report;
            try
            {
                using var text = path.OpenText();
                report = await new SetupImporter(db).ImportAsync(what, SetupFiles.Read(what, text), mode, ct);
            }
            catch (SetupException e)
            {
                await error.WriteLineAsync($"Nothing was imported from {path.Name}:");
                foreach (var problem in e.Problems)
                    await error.WriteLineAsync("  " + problem);
                return 1;
            }
            var noun = what.ToString().ToLowerInvariant();
            if (mode == SetupMode.Apply && !report.Applied)
            {
                await error.WriteLineAsync($"Nothing was imported from {path.Name}: it would change set-up that others rely on:");
                foreach (var change in report.Risky)
                    await error.WriteLineAsync("  " + change);
                await error.WriteLineAsync("Check these, then run the import again with --force to make them (--dry-run lists every change).");
                return 1;
            }
            await output.WriteLineAsync(mode == SetupMode.DryRun
                ? $"Dry run: nothing was changed. Importing {report.Lines} {noun} line(s) from {path.Name} would:"
                : $"Imported {report.Lines} {noun} line(s) from {path.Name}.");
            foreach (var change in report.Changes)
                await output.WriteLineAsync($"  {change}{(change.Risky ? "  (risky)" : "")}");
            if (report.Changes.Count == 0)
                await output.WriteLineAsync("  (no change: everything in the file is already set up so)");
            return 0;
        });
        return command;
    }

    public static Command Export(TextWriter output, TextWriter error, Func<CancellationToken, Task<CommandServices>> services)
    {
        var kind = KindArgument();
        var district = new Option<string?>("--district") { Description = "Only this district (default: all)." };
        var command = new Command("export", "Write units, people, campaigns or targets as CSV, in the format import reads.") { kind, district };
        command.Subcommands.Add(Desk.ExportFiguresCommand.Create(output, error, services)); // export figures: the DM's workbook (Desk/)
        command.SetAction(async (result, ct) =>
        {
            await using var host = await services(ct);
            var db = host.Services.GetRequiredService<NpgsqlDataSource>();
            var what = result.GetValue(kind);
            SetupFiles.Write(what, output, await new SetupExporter(db).RowsAsync(what, result.GetValue(district), ct));
            return 0;
        });
        return command;
    }
}

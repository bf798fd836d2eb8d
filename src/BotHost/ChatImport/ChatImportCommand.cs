using System.CommandLine;
using ReportBot.Reporting.ChatExport;

namespace ReportBot.BotHost.ChatImport;

/// <summary>
/// <c>import chat FILE --district D [--dry-run] [--month-first] [--names FILE]</c>: a district group's exported WhatsApp
/// chat, through the server's own services (<paramref name="services"/>: the command line's composition).
/// </summary>
public static class ChatImportCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<CancellationToken, Task<Cli.CommandServices>> services)
    {
        var file = new Argument<FileInfo>("file") { Description = "The exported chat: the .txt, or the .zip WhatsApp makes with media." };
        var district = new Option<string>("--district") { Description = "The district whose group it is.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be recorded; change nothing." };
        var monthFirst = new Option<bool>("--month-first") { Description = "The export writes dates month first (03/12/2025 is 12 March)." };
        var names = new Option<FileInfo?>("--names") { Description = "A CSV of name,phone for senders that match no member." };
        var command = new Command("chat", "Bring in a district group's exported WhatsApp chat: every figure on the day it was sent; nobody is answered; importing it again adds nothing.")
            { file, district, dryRun, monthFirst, names };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"No file {path.FullName}. {ChatExportFile.WhatToSend}");
                return 2;
            }
            try
            {
                var namesFile = result.GetValue(names);
                if (namesFile is { Exists: false })
                    throw new ChatImportException($"No names file {namesFile.FullName} (a CSV with the columns name,phone).");
                IReadOnlyList<KeyValuePair<string, string>>? mapped = null;
                if (namesFile is not null)
                {
                    using var text = namesFile.OpenText();
                    mapped = ChatExportFile.ReadNames(text, namesFile.Name);
                }
                ChatExportFile export;
                await using (var stream = path.OpenRead())
                    export = ChatExportFile.Read(stream, path.Name);

                await using var host = await services(ct);
                var importer = host.Services.GetRequiredService<ChatImporter>();
                var report = await importer.ImportAsync(export, new ChatImportOptions(result.GetValue(district)!, result.GetValue(dryRun),
                    result.GetValue(monthFirst) ? DateOrder.MonthFirst : DateOrder.DayFirst, mapped), ct);
                await output.WriteAsync(report.ToText());
                return report.Errors.Count > 0 ? 1 : 0;
            }
            catch (ChatImportException e)
            {
                await error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }
}

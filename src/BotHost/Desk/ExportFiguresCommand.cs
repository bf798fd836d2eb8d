using System.CommandLine;
using ReportBot.BotHost.Cli;

namespace ReportBot.BotHost.Desk;

/// <summary>`export figures --district D [--from DATE --to DATE] [--format xlsx|csv] -o FILE`: the DM's workbook, or its Daily sheet as CSV.</summary>
static class ExportFiguresCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<CancellationToken, Task<CommandServices>> services)
    {
        var district = new Option<string>("--district") { Description = "The district.", Required = true };
        var from = CommandLine.DateOption("--from", "The first day, day first (01/12/2026) or ISO (default: the running campaign's first day).");
        var to = CommandLine.DateOption("--to", "The last day (default: today, or the campaign's last day if it has ended).");
        var format = new Option<string?>("--format") { Description = "xlsx (the workbook) or csv (its Daily sheet); default: from the file's extension, else xlsx." };
        format.AcceptOnlyFromAmong("xlsx", "csv");
        var file = new Option<FileInfo>("--output", "-o") { Description = "The file to write.", Required = true };
        var command = new Command("figures",
            "Write a district's figures as an Excel workbook (Daily, Indicators, History, Not reported) or the Daily sheet as CSV.")
            { district, from, to, format, file };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            var csv = (result.GetValue(format) ?? (path.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "xlsx")) == "csv";
            await using var host = await services(ct);
            var answer = await host.Services.GetRequiredService<FigureDesk>().WorkbookAsync(result.GetValue(district)!, result.GetValue(from), result.GetValue(to), ct);
            if (answer.Value is not { } book)
            {
                await error.WriteLineAsync(answer.Error);
                return 2;
            }
            await File.WriteAllBytesAsync(path.FullName, csv ? FiguresWorkbook.Csv(book) : FiguresWorkbook.Xlsx(book), ct);
            await output.WriteLineAsync($"Wrote {book.District}'s figures for {book.From:dd/MM/yyyy} to {book.To:dd/MM/yyyy} to {path.FullName}.");
            return 0;
        });
        return command;
    }
}

using System.Globalization;
using ReportBot.Reporting.Exports;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Desk;

/// <summary>
/// The DM's desk on the admin API (behind `X-Admin-Key`, as all of /admin): the figures workbook, its Daily sheet as
/// CSV, and the day's chart as a PNG. Dates are read as the command line reads them: day first or ISO.
/// </summary>
public static class DeskApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapDesk(this RouteGroupBuilder admin)
    {
        admin.MapGet("/figures.xlsx", async Task<IResult> (string district, string? from, string? to, FigureDesk desk, CancellationToken ct) =>
        {
            var answer = await WorkbookAsync(district, from, to, desk, ct);
            return answer.Value is { } book
                ? TypedResults.File(FiguresWorkbook.Xlsx(book), XlsxType, FileName(book, "xlsx"))
                : Problem(answer);
        });

        admin.MapGet("/figures.csv", async Task<IResult> (string district, string? from, string? to, FigureDesk desk, CancellationToken ct) =>
        {
            var answer = await WorkbookAsync(district, from, to, desk, ct);
            return answer.Value is { } book
                ? TypedResults.File(FiguresWorkbook.Csv(book), "text/csv; charset=utf-8", FileName(book, "csv"))
                : Problem(answer);
        });

        admin.MapGet("/chart.png", async Task<IResult> (string district, string? date, string? language, FigureDesk desk, CancellationToken ct) =>
        {
            if (language is not (null or "en" or "hi"))
                return TypedResults.BadRequest(new { error = "language must be en or hi." });
            if (!TryDay(date, out var day, out var bad))
                return TypedResults.BadRequest(new { error = bad });
            var answer = await desk.ChartAsync(district, day, language ?? "en", ct);
            return answer.Value is { } plan ? TypedResults.File(DayChart.Png(plan), "image/png") : Problem(answer);
        });
        return admin;
    }

    /// <summary>The workbook, or the one line that says why not (a date that is none, a range, a district).</summary>
    static async Task<DeskAnswer<FigureWorkbook>> WorkbookAsync(string district, string? from, string? to, FigureDesk desk, CancellationToken ct) =>
        !TryDay(from, out var first, out var bad) || !TryDay(to, out var last, out bad)
            ? new(null, DeskProblem.BadRange, bad)
            : await desk.WorkbookAsync(district, first, last, ct);

    static IResult Problem<T>(DeskAnswer<T> answer) where T : class =>
        answer.Problem == DeskProblem.NoDistrict
            ? TypedResults.NotFound(new { error = answer.Error })
            : TypedResults.BadRequest(new { error = answer.Error });

    static bool TryDay(string? text, out DateOnly? day, out string? error)
    {
        day = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (LocalDays.TryParse(text, out var parsed))
        {
            day = parsed;
            return true;
        }
        error = $"'{text}' is not a date: {LocalDays.Expected}.";
        return false;
    }

    /// <summary>"darbhanga-figures-2026-11-23-to-2026-12-07.xlsx": sortable, and safe in any file system.</summary>
    public static string FileName(FigureWorkbook book, string extension)
    {
        var district = new string(book.District.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return string.Create(CultureInfo.InvariantCulture, $"{(district.Length > 0 ? district : "district")}-figures-{book.From:yyyy-MM-dd}-to-{book.To:yyyy-MM-dd}.{extension}");
    }
}

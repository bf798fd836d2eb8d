using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using ReportBot.Reporting.Exports;

namespace ReportBot.BotHost.Desk;

/// <summary>
/// Lays the workbook that <see cref="FigureSheets"/> shaped out as cells: an .xlsx with ClosedXML, or the Daily sheet as
/// CSV. Nothing is decided here. Every text goes in as a text cell (<c>SetValue(string)</c>: never a formula, never
/// read as a number), and it arrives already neutralised (<see cref="SpreadsheetText"/>), so a formula-looking name
/// stays text in Excel and LibreOffice alike, and so does the CSV.
/// </summary>
public static class FiguresWorkbook
{
    /// <summary>
    /// Indian grouping (12,34,567) whatever the reader's regional settings: `#,##,##0` alone groups by the system's
    /// locale, so the lakh and crore groups are spelt out by magnitude.
    /// </summary>
    public const string IndianNumberFormat = "[>=10000000]##\\,##\\,##\\,##0;[>=100000]##\\,##\\,##0;##,##0";

    const string DayFormat = "dd mmm";
    static readonly XLColor BelowHalfFill = XLColor.FromHtml("#F8D7DA");
    static readonly XLColor HeaderFill = XLColor.FromHtml("#E7EEF7");

    public static byte[] Xlsx(FigureWorkbook book)
    {
        using var workbook = new XLWorkbook();
        Daily(workbook.AddWorksheet("Daily"), book);
        Indicators(workbook.AddWorksheet("Indicators"), book);
        History(workbook.AddWorksheet("History"), book);
        NotReported(workbook.AddWorksheet("Not reported"), book);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    static void Daily(IXLWorksheet sheet, FigureWorkbook book)
    {
        var daily = book.Daily;
        var title = $"{book.District}: {daily.Indicator}, {book.From:dd/MM/yyyy} to {book.To:dd/MM/yyyy}";
        sheet.Cell(1, 1).SetValue(title).Style.Font.SetBold();
        const int header = 3;
        sheet.Cell(header, 1).SetValue("Unit");
        for (var d = 0; d < daily.Days.Count; d++)
            DayCell(sheet.Cell(header, 2 + d), daily.Days[d]);
        var after = 2 + daily.Days.Count;
        sheet.Cell(header, after).SetValue("Target");
        sheet.Cell(header, after + 1).SetValue("% of target");
        sheet.Cell(header, after + 2).SetValue("Drive total");
        Header(sheet.Range(header, 1, header, after + 2));

        var row = header + 1;
        foreach (var line in daily.Rows)
            DailyLine(sheet, row++, line);
        DailyLine(sheet, row, daily.Total);
        sheet.Range(row, 1, row, after + 2).Style.Font.SetBold().Border.SetTopBorder(XLBorderStyleValues.Thin);

        sheet.Column(1).Width = 28;
        sheet.Columns(2, after - 1).Width = 9;
        sheet.Columns(after, after + 2).Width = 12;
        sheet.SheetView.Freeze(header, 1);
    }

    static void DailyLine(IXLWorksheet sheet, int row, DailyRow line)
    {
        sheet.Cell(row, 1).SetValue(line.Unit);
        for (var d = 0; d < line.Values.Count; d++)
        {
            var cell = sheet.Cell(row, 2 + d);
            Number(cell, line.Values[d]);
            if (line.BelowHalf[d])
                cell.Style.Fill.SetBackgroundColor(BelowHalfFill);
        }
        var after = 2 + line.Values.Count;
        Number(sheet.Cell(row, after), line.Target);
        if (line.PercentOfTarget is { } percent)
            sheet.Cell(row, after + 1).SetValue(percent).Style.NumberFormat.SetFormat("0%");
        Number(sheet.Cell(row, after + 2), line.DriveTotal);
    }

    static void Indicators(IXLWorksheet sheet, FigureWorkbook book)
    {
        sheet.Cell(1, 1).SetValue("Indicator");
        sheet.Cell(1, 2).SetValue("Unit");
        for (var d = 0; d < book.IndicatorDays.Count; d++)
            DayCell(sheet.Cell(1, 3 + d), book.IndicatorDays[d]);
        sheet.Cell(1, 3 + book.IndicatorDays.Count).SetValue("Total");
        Header(sheet.Range(1, 1, 1, 3 + book.IndicatorDays.Count));
        var row = 2;
        foreach (var line in book.Indicators)
        {
            sheet.Cell(row, 1).SetValue(line.Indicator);
            sheet.Cell(row, 2).SetValue(line.Unit);
            for (var d = 0; d < line.Values.Count; d++)
                Number(sheet.Cell(row, 3 + d), line.Values[d]);
            Number(sheet.Cell(row, 3 + line.Values.Count), line.Total);
            row++;
        }
        sheet.Column(1).Width = 22;
        sheet.Column(2).Width = 28;
        sheet.SheetView.Freeze(1, 2);
    }

    static void History(IXLWorksheet sheet, FigureWorkbook book)
    {
        string[] headers = ["When (district time)", "Unit", "Indicator", "Day", "Old", "New", "Who", "Message"];
        for (var c = 0; c < headers.Length; c++)
            sheet.Cell(1, c + 1).SetValue(headers[c]);
        Header(sheet.Range(1, 1, 1, headers.Length));
        var row = 2;
        foreach (var change in book.History)
        {
            sheet.Cell(row, 1).SetValue(change.When).Style.DateFormat.SetFormat("dd/mm/yyyy hh:mm:ss");
            sheet.Cell(row, 2).SetValue(change.Unit);
            sheet.Cell(row, 3).SetValue(change.Indicator);
            DayCell(sheet.Cell(row, 4), change.Day, "dd/mm/yyyy");
            Number(sheet.Cell(row, 5), change.Old);
            Number(sheet.Cell(row, 6), change.New);
            sheet.Cell(row, 7).SetValue(change.Who);
            sheet.Cell(row, 8).SetValue(change.Message);
            row++;
        }
        sheet.Column(1).Width = 20;
        sheet.Column(2).Width = 24;
        sheet.Column(3).Width = 18;
        sheet.Column(4).Width = 11;
        sheet.Column(7).Width = 20;
        sheet.Column(8).Width = 60;
        sheet.SheetView.Freeze(1, 0);
    }

    static void NotReported(IXLWorksheet sheet, FigureWorkbook book)
    {
        string[] headers = ["Day", "Unit", "Reporter", "Phone"];
        for (var c = 0; c < headers.Length; c++)
            sheet.Cell(1, c + 1).SetValue(headers[c]);
        Header(sheet.Range(1, 1, 1, headers.Length));
        var row = 2;
        foreach (var line in book.NotReported)
        {
            DayCell(sheet.Cell(row, 1), line.Day, "dd/mm/yyyy");
            sheet.Cell(row, 2).SetValue(line.Unit);
            sheet.Cell(row, 3).SetValue(line.Reporter);
            sheet.Cell(row, 4).SetValue(line.Phone); // text: "+91…" must not become a number
            row++;
        }
        sheet.Column(1).Width = 11;
        sheet.Column(2).Width = 28;
        sheet.Column(3).Width = 24;
        sheet.Column(4).Width = 16;
        sheet.SheetView.Freeze(1, 0);
    }

    static void Number(IXLCell cell, long? value)
    {
        if (value is { } v)
            cell.SetValue(v).Style.NumberFormat.SetFormat(IndianNumberFormat);
    }

    static void DayCell(IXLCell cell, DateOnly day, string format = DayFormat) =>
        cell.SetValue(day.ToDateTime(TimeOnly.MinValue)).Style.DateFormat.SetFormat(format);

    static void Header(IXLRange range) =>
        range.Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);

    /// <summary>
    /// The Daily sheet as CSV in UTF-8 with a byte-order mark — without one, Excel reads the file in the PC's code page
    /// and a Hindi name comes out garbled.
    /// </summary>
    public static byte[] Csv(FigureWorkbook book)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
            Csv(book, writer);
        return stream.ToArray();
    }

    /// <summary>
    /// The Daily sheet as CSV: unit, one column per day (ISO dates, which no spreadsheet reads month first), target,
    /// % of target, drive total; then the district's total. Numbers are plain (no grouping), for other programs to read.
    /// </summary>
    public static void Csv(FigureWorkbook book, TextWriter output)
    {
        var daily = book.Daily;
        using var csv = new CsvWriter(output, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture), leaveOpen: true);
        csv.WriteField("unit");
        foreach (var day in daily.Days)
            csv.WriteField(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        csv.WriteField("target");
        csv.WriteField("percent_of_target");
        csv.WriteField("drive_total");
        csv.NextRecord();
        foreach (var line in daily.Rows.Append(daily.Total))
        {
            csv.WriteField(line.Unit);
            foreach (var value in line.Values)
                csv.WriteField(value?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(line.Target?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(line.PercentOfTarget is { } p ? Math.Round(100 * p).ToString(CultureInfo.InvariantCulture) : "");
            csv.WriteField(line.DriveTotal.ToString(CultureInfo.InvariantCulture));
            csv.NextRecord();
        }
    }
}

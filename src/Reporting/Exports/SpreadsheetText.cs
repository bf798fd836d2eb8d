namespace ReportBot.Reporting.Exports;

/// <summary>
/// Text that officials typed must never run as a formula when a clerk opens the export in Excel or LibreOffice
/// (OWASP "CSV injection": https://owasp.org/www-community/attacks/CSV_Injection).
/// </summary>
public static class SpreadsheetText
{
    static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A text cell starting with = + - @ tab or CR gets a leading apostrophe, so the spreadsheet shows it as text.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && Array.IndexOf(Triggers, text[0]) >= 0 ? "'" + text : text;
}

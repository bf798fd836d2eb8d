namespace ReportBot.Reporting.Catalog;

/// <summary>What is being counted in a campaign ("Ayushman cards"), with the words officials use for it.</summary>
/// <param name="Key">Stable key stored with every figure ("ayushman").</param>
/// <param name="IsDefault">The indicator a bare number counts toward.</param>
/// <param name="Cumulative">A running total (it should never fall from one day to the next), not a day's count.</param>
public sealed record Indicator(string Key, string Name, string NameHi, IReadOnlyList<string> Aliases, bool IsDefault, bool Cumulative = false);

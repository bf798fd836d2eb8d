namespace ReportBot.Reporting.Catalog;

/// <summary>What is being counted in a campaign ("Ayushman cards"), with the words officials use for it.</summary>
/// <param name="Key">Stable key stored with every figure ("ayushman").</param>
/// <param name="IsDefault">The indicator a bare number counts toward.</param>
public sealed record Indicator(string Key, string Name, string NameHi, IReadOnlyList<string> Aliases, bool IsDefault);

namespace ReportBot.Reporting.Catalog;

/// <summary>A reporting unit (a block, or a panchayat when a drive reports per panchayat).</summary>
/// <param name="Name">The canonical name, as in the LGD list ("Kusheshwar Asthan East").</param>
/// <param name="NameHi">The Hindi name in Devanagari, if known.</param>
/// <param name="Aliases">Other spellings people actually use, in either script.</param>
public sealed record Unit(string Name, string? NameHi, IReadOnlyList<string> Aliases);

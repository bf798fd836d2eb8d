namespace ReportBot.Reporting.Catalog;

/// <summary>Everything the reader needs to know about one district: its units and the campaign's indicators.</summary>
public sealed record DistrictCatalog(string District, IReadOnlyList<Unit> Units, IReadOnlyList<Indicator> Indicators)
{
    public Indicator DefaultIndicator => Indicators.FirstOrDefault(i => i.IsDefault) ?? Indicators[0];

    public Unit? FindUnit(string name) =>
        Units.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));

    public Indicator? FindIndicator(string key) =>
        Indicators.FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase));
}

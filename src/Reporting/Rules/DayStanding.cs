namespace ReportBot.Reporting.Rules;

/// <summary>One unit's day: its figure (null: not reported) against its target (null: none set).</summary>
public sealed record UnitDay(string Unit, long? Value, long? Target)
{
    public int? Percent => Value is { } v && Target is > 0 and var t ? (int)Math.Round(100.0 * v / t) : null;
}

/// <summary>
/// A district's day for one indicator: every unit's figure against its target, the total against the district's
/// target, and each reported unit's rank (1 = highest figure; ties share a rank).
/// </summary>
public sealed record DayStanding(IReadOnlyList<UnitDay> Units, long? DistrictTarget)
{
    public long Total => Units.Sum(u => u.Value ?? 0);

    public int Reported => Units.Count(u => u.Value is not null);

    public int? TotalPercent => DistrictTarget is > 0 and var t ? (int)Math.Round(100.0 * Total / t) : null;

    /// <summary>The district's target: the one set for the district, else the sum of its units' targets.</summary>
    public static DayStanding Of(IReadOnlyList<UnitDay> units, long? districtTarget) =>
        new(units, districtTarget ?? (units.Any(u => u.Target is not null) ? units.Sum(u => u.Target ?? 0) : null));

    public int? RankOf(string unit)
    {
        var value = Units.FirstOrDefault(u => string.Equals(u.Unit, unit, StringComparison.OrdinalIgnoreCase))?.Value;
        return value is null ? null : 1 + Units.Count(u => u.Value > value);
    }
}

using ReportBot.Reporting.People;

namespace ReportBot.Data.Districts;

public sealed record DistrictRow(int Id, string Name, string TimeZone);

public sealed record MemberRow(int Id, int DistrictId, string Name, string Phone, Role Role, string Language)
{
    /// <summary>A district officer or admin may report for any unit of their district; a reporter for their own.</summary>
    public bool ReportsForWholeDistrict => Role.ReportsForWholeDistrict();
}

// Property-shaped rather than positional: Npgsql reports text[] columns as System.Array, which Dapper will assign to
// a string[] property but will not match to a constructor parameter.
public sealed record UnitRow
{
    public int Id { get; init; }
    public int DistrictId { get; init; }
    public required string Name { get; init; }
    public string? NameHi { get; init; }
    public string[] Aliases { get; init; } = [];
    public long? PlausibilityCeiling { get; init; }
}

public sealed record MemberUnitRow
{
    public int MemberId { get; init; }
    public required UnitRow Unit { get; init; }
}

public sealed record IndicatorRow
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string NameHi { get; init; }
    public string[] Aliases { get; init; } = [];
    public bool IsDefault { get; init; }
    public bool Cumulative { get; init; }
}

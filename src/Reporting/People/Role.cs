namespace ReportBot.Reporting.People;

/// <summary>What a member of a district may do (stored as its lower-case name: `reporter`, `officer`, `admin`).</summary>
public enum Role
{
    /// <summary>Reports for their own units.</summary>
    Reporter,
    /// <summary>A district officer: may report for any unit of the district; gets the escalation.</summary>
    Officer,
    /// <summary>The district IT manager: an officer who may also register people over chat.</summary>
    Admin,
}

public static class Roles
{
    public static bool ReportsForWholeDistrict(this Role role) => role is Role.Officer or Role.Admin;

    /// <summary>The role as it is stored and written in people.csv: `reporter`, `officer`, `admin`.</summary>
    public static string ToText(this Role role) => role.ToString().ToLowerInvariant();

    /// <summary>A role by its written name (any case); numbers are not names.</summary>
    public static bool TryParse(string text, out Role role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && !text.Any(char.IsAsciiDigit) && Enum.IsDefined(role);

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<Role>().Select(ToText).ToList();
}

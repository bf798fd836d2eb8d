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
}

using ReportBot.Reporting.People;

namespace ReportBot.Reporting.Setup;

/// <summary>
/// One thing an import line would change. A risky change undoes set-up someone relied on — a person renamed or moved
/// under their own phone, a unit taken from a reporter, aliases or names wiped — and is done only with `--force`.
/// </summary>
public sealed record SetupChange(int Line, string Text, bool Risky)
{
    public override string ToString() => $"line {Line}: {Text}";
}

/// <summary>A member as the database holds them, found by the phone an import line names.</summary>
public sealed record ExistingMember(string Name, string District, Role Role, string Language, IReadOnlyList<string> Units);

/// <summary>A person as an import line describes them.</summary>
public sealed record IncomingMember(string Name, string District, string Phone, Role Role, string Language, IReadOnlyList<string> Units);

/// <summary>A unit as the database holds it or as an import line describes it.</summary>
public sealed record UnitSetup(string Name, string? NameHi, string? LgdCode, IReadOnlyList<string> Aliases);

/// <summary>What an import line changes, compared field by field with what is stored: decided here, applied by the importer.</summary>
public static class SetupChanges
{
    public static IReadOnlyList<SetupChange> ForMember(int line, ExistingMember? existing, IncomingMember incoming)
    {
        if (existing is null)
            return [new(line, $"adds {incoming.Name} ({incoming.Role.ToText()}, {incoming.District}{UnitsText(incoming.Units)})", false)];
        var changes = new List<SetupChange>();
        var who = existing.Name;
        if (!string.Equals(existing.Name, incoming.Name, StringComparison.Ordinal))
            changes.Add(new(line, $"{incoming.Phone} is {existing.Name}'s number: renames them to {incoming.Name}", Risky: true));
        if (!string.Equals(existing.District, incoming.District, StringComparison.OrdinalIgnoreCase))
            changes.Add(new(line, $"moves {who} from {existing.District} to {incoming.District}", Risky: true));
        if (existing.Role != incoming.Role)
            changes.Add(new(line, $"makes {who} {Article(incoming.Role)} instead of {Article(existing.Role)}", Risky: true));
        if (existing.Language != incoming.Language)
            changes.Add(new(line, $"{who}'s language {existing.Language} → {incoming.Language}", false));
        var removed = existing.Units.Except(incoming.Units, StringComparer.OrdinalIgnoreCase).ToList();
        var added = incoming.Units.Except(existing.Units, StringComparer.OrdinalIgnoreCase).ToList();
        if (removed.Count > 0)
            changes.Add(new(line, $"takes {string.Join(", ", removed)} from {who}'s units", Risky: true));
        if (added.Count > 0)
            changes.Add(new(line, $"gives {who} {string.Join(", ", added)}", false));
        return changes;
    }

    public static IReadOnlyList<SetupChange> ForUnit(int line, string district, UnitSetup? existing, UnitSetup incoming)
    {
        if (existing is null)
            return [new(line, $"adds {incoming.Name} to {district}", false)];
        var changes = new List<SetupChange>();
        var removed = existing.Aliases.Except(incoming.Aliases, StringComparer.OrdinalIgnoreCase).ToList();
        var added = incoming.Aliases.Except(existing.Aliases, StringComparer.OrdinalIgnoreCase).ToList();
        if (removed.Count > 0)
            changes.Add(new(line, $"removes {incoming.Name}'s alias(es) {string.Join(", ", removed)}", Risky: true));
        if (added.Count > 0)
            changes.Add(new(line, $"adds alias(es) {string.Join(", ", added)} to {incoming.Name}", false));
        changes.AddRange(Field(line, incoming.Name, "Hindi name", existing.NameHi, incoming.NameHi));
        changes.AddRange(Field(line, incoming.Name, "LGD code", existing.LgdCode, incoming.LgdCode));
        return changes;
    }

    /// <summary>A field filled in or changed is an update; a field emptied wipes what someone typed.</summary>
    static IEnumerable<SetupChange> Field(int line, string unit, string what, string? before, string? after)
    {
        if (string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
            yield break;
        if (string.IsNullOrEmpty(after))
            yield return new(line, $"clears {unit}'s {what} ({before})", Risky: true);
        else
            yield return new(line, $"{unit}'s {what} {(string.IsNullOrEmpty(before) ? "set to" : before + " →")} {after}", false);
    }

    static string UnitsText(IReadOnlyList<string> units) => units.Count == 0 ? "" : ": " + string.Join(", ", units);

    static string Article(Role role) => role == Role.Reporter ? "a reporter" : $"an {role.ToText()}";
}

using Dapper;
using Npgsql;
using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data;

namespace ReportBot.BotHost.Tests.Cli;

/// <summary>
/// The command line as a new district IT manager meets it: help and version, one-line errors for anything mistyped,
/// imports that list what they change and refuse what would undo someone's set-up, and the calendar commands.
/// </summary>
public sealed class CommandLineTests(PostgresFixture postgres) : IDisposable, IClassFixture<PostgresFixture>
{
    readonly string _folder = Directory.CreateTempSubdirectory("reportbot-cli-").FullName;

    /// <summary>Nothing listens on port 9: a command that needed the database would fail, loudly, within a second.</summary>
    static readonly PostgresOptions NoDatabase = new() { ConnectionString = "Host=127.0.0.1;Port=9;Username=x;Password=y;Database=z", StartupWait = TimeSpan.FromSeconds(1) };

    static async Task<(int Exit, string Output, string Error)> RunAsync(PostgresOptions database, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CommandLine.RunAsync(args, output, database, error);
        return (exit, output.ToString(), error.ToString());
    }

    Task<(int Exit, string Output, string Error)> RunAsync(string database, params string[] args) =>
        RunAsync(new PostgresOptions { ConnectionString = database }, args);

    string File_(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_command_without_touching_the_database(string help)
    {
        var (exit, output, error) = await RunAsync(NoDatabase, help);
        Assert.Equal(0, exit);
        foreach (var verb in new[] { "serve", "migrate", "parse", "import", "export", "summary", "schedule", "holiday", "group" })
            Assert.Contains(verb, output);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("import", "--dry-run")]
    [InlineData("holiday", "--rest-days")]
    [InlineData("schedule", "--cron")]
    public async Task Each_command_has_its_own_help(string verb, string option)
    {
        Assert.Contains(option, (await RunAsync(NoDatabase, verb, "--help")).Output);
        Assert.Contains(option, (await RunAsync(NoDatabase, "help", verb)).Output);
    }

    [Fact]
    public async Task Version_prints_one_line()
    {
        var (exit, output, _) = await RunAsync(NoDatabase, "--version");
        Assert.Equal(0, exit);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("Bogus", "'Bogus' is not a command of BotHost.")]
    [InlineData("import persons people.csv", "'persons' is not one of: units, people, campaigns, targets")]
    [InlineData("summary --district Darbhanga --date 12/25/2026", "'12/25/2026' is not a date")]
    [InlineData("summary --district Darbhanga --language fr", "fr")]
    [InlineData("migrate --bogus", "'--bogus' is not an option of BotHost migrate.")]
    [InlineData("holiday --district Darbhanga --add tomorrow", "'tomorrow' is not a date")]
    public async Task A_mistyped_command_gets_one_line_and_a_non_zero_exit(string command, string expected)
    {
        var (exit, output, error) = await RunAsync(NoDatabase, command.Split(' '));
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public async Task An_unreachable_database_is_waited_for_then_said_in_one_line()
    {
        var (exit, _, error) = await RunAsync(NoDatabase, "migrate");
        Assert.Equal(1, exit);
        var lines = error.Trim().Split('\n');
        Assert.Contains("Waiting for PostgreSQL", lines[0]);
        Assert.Equal("PostgreSQL at 127.0.0.1:9 did not answer within 1 s.", lines[^1]);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public async Task A_wrong_password_fails_at_once_without_waiting()
    {
        var database = await postgres.CreateDatabaseAsync();
        var wrong = new NpgsqlConnectionStringBuilder(database) { Password = "wrong" }.ConnectionString;
        var started = DateTime.UtcNow;
        var (exit, _, error) = await RunAsync(new PostgresOptions { ConnectionString = wrong, StartupWait = TimeSpan.FromSeconds(30) }, "migrate");
        Assert.Equal(1, exit);
        Assert.Contains("PostgreSQL refused", error);
        Assert.DoesNotContain("Waiting", error);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData(new string[0], new string[0])]
    [InlineData(new[] { "serve" }, new string[0])]
    [InlineData(new[] { "serve", "--urls", "http://0.0.0.0:5080" }, new[] { "--urls", "http://0.0.0.0:5080" })]
    [InlineData(new[] { "--urls", "http://0.0.0.0:5080" }, new[] { "--urls", "http://0.0.0.0:5080" })]
    public void Serving_is_no_verb_serve_or_settings_only(string[] args, string[] serveArgs) =>
        Assert.Equal(serveArgs, CommandLine.ServeArguments(args));

    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("help")]
    [InlineData("bogus")]
    [InlineData("serve --help")]
    public void Help_version_and_unknown_words_never_serve(string args) =>
        Assert.Null(CommandLine.ServeArguments(args.Split(' ')));

    const string Units = """
        district,block,block_hi,lgd_code,aliases,level,parent,state
        Darbhanga,Benipur,बेनीपुर,1001,Benipur Block|BNP,block,,Bihar
        Darbhanga,Jale,जाले,1002,,block,,Bihar
        """;

    const string People = """
        district,name,phone,role,language,units
        Darbhanga,Ramesh Kumar,9876543210,reporter,en,Benipur|Jale
        Darbhanga,Anil Mishra,9876543213,officer,en,
        """;

    [Fact]
    public async Task A_new_district_gets_the_default_schedule_and_the_import_says_so()
    {
        var database = await postgres.CreateDatabaseAsync();
        var (exit, output, _) = await RunAsync(database, "import", "units", File_("units.csv", Units));
        Assert.Equal(0, exit);
        Assert.Contains("line 2: creates the district Darbhanga with the default schedule", output);
        Assert.Contains("line 2: adds Benipur to Darbhanga", output);
        var schedule = (await RunAsync(database, "schedule", "--district", "Darbhanga")).Output;
        Assert.Contains("reminder", schedule);
        Assert.Contains("30 17 * * *", schedule);

        var (_, again, _) = await RunAsync(database, "import", "units", File_("units.csv", Units));
        Assert.DoesNotContain("creates the district", again);
        Assert.Contains("no change", again);
    }

    [Fact]
    public async Task A_phone_that_is_someone_elses_renames_nobody_without_force()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", File_("units.csv", Units));
        await RunAsync(database, "import", "people", File_("people.csv", People));
        var clash = File_("clash.csv", """
            district,name,phone,role,language,units
            Darbhanga,Mohan Lal,+91 98765 43210,reporter,en,Benipur
            """);

        var (exit, _, error) = await RunAsync(database, "import", "people", clash);

        Assert.Equal(1, exit);
        Assert.Contains("line 2: +91 98765 43210 is Ramesh Kumar's number: renames them to Mohan Lal", error);
        Assert.Contains("line 2: takes Jale from Ramesh Kumar's units", error);
        Assert.Contains("--force", error);
        Assert.Equal("Ramesh Kumar", await ScalarAsync<string>(database, "select name from members where phone = '919876543210'"));
        Assert.Equal(2, await ScalarAsync<long>(database, "select count(*) from member_units"));

        var (forced, output, _) = await RunAsync(database, "import", "people", clash, "--force");
        Assert.Equal(0, forced);
        Assert.Contains("renames them to Mohan Lal  (risky)", output);
        Assert.Equal("Mohan Lal", await ScalarAsync<string>(database, "select name from members where phone = '919876543210'"));
    }

    [Fact]
    public async Task A_dry_run_lists_every_change_and_makes_none()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", File_("units.csv", Units));
        var wiping = File_("wipe.csv", """
            district,block,block_hi,lgd_code,aliases,level,parent,state
            Darbhanga,Benipur,,1001,,block,,Bihar
            """);

        var (exit, output, _) = await RunAsync(database, "import", "units", wiping, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("Dry run: nothing was changed", output);
        Assert.Contains("line 2: removes Benipur's alias(es) Benipur Block, BNP  (risky)", output);
        Assert.Contains("line 2: clears Benipur's Hindi name (बेनीपुर)  (risky)", output);
        Assert.Equal(new[] { "Benipur Block", "BNP" }, await ScalarAsync<string[]>(database, "select aliases from units where name = 'Benipur'"));
        // Without --dry-run or --force, the same file is refused.
        Assert.Equal(1, (await RunAsync(database, "import", "units", wiping)).Exit);
    }

    [Fact]
    public async Task Moving_a_person_to_another_district_or_role_is_risky()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", File_("units.csv", Units + "\nMadhubani,Benipatti,,,,block,,Bihar"));
        await RunAsync(database, "import", "people", File_("people.csv", People));

        var (exit, _, error) = await RunAsync(database, "import", "people", File_("move.csv", """
            district,name,phone,role,language,units
            Madhubani,Anil Mishra,9876543213,reporter,en,Benipatti
            """));

        Assert.Equal(1, exit);
        Assert.Contains("moves Anil Mishra from Darbhanga to Madhubani", error);
        Assert.Contains("makes Anil Mishra a reporter instead of an officer", error);
    }

    [Fact]
    public async Task A_field_with_a_nul_or_of_absurd_length_is_refused_by_line()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", File_("units.csv", Units));
        var (exit, _, error) = await RunAsync(database, "import", "people", File_("bad.csv",
            "district,name,phone,role,language,units\n" +
            "Darbhanga,Ramesh Kumar,9876543210,reporter,en,Benipur\n" +
            "Darbhanga,Sita\0Devi,9876500002,reporter,hi,Jale\n" +
            $"Darbhanga,{new string('x', 600)},9876500003,reporter,hi,Jale\n"));
        Assert.Equal(1, exit);
        Assert.Contains("line 3: the name column holds a NUL character", error);
        Assert.Contains("line 4: the name column is 600 characters long (at most 500)", error);
        Assert.Equal(0, await ScalarAsync<long>(database, "select count(*) from members"));
    }

    [Fact]
    public async Task Text_that_would_run_as_a_formula_is_exported_as_text_and_imported_verbatim()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", File_("units.csv", Units));
        await RunAsync(database, "import", "people", File_("people.csv", """
            district,name,phone,role,language,units
            Darbhanga,"=HYPERLINK(""http://evil.example"",""x"")",9876543210,reporter,en,Benipur
            Darbhanga,@SUM(1+1),9876543211,reporter,en,Jale
            """));
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"x\")", await ScalarAsync<string>(database, "select name from members where phone = '919876543210'"));

        var exported = (await RunAsync(database, "export", "people")).Output;

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", exported);
        Assert.Contains(",'@SUM(1+1),", exported);
        Assert.Contains(",+919876543210,", exported); // a phone number stays a number
    }

    [Fact]
    public async Task Groups_are_linked_listed_and_unlinked()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", File_("units.csv", Units));

        var (exit, output, _) = await RunAsync(database, "group", "link", "--district", "Darbhanga", "--channel", "telegram",
            "--chat", "-1001234567890", "--title", "Darbhanga Ayushman", "--languages", "hi,en");
        Assert.Equal(0, exit);
        Assert.Contains("Linked: Darbhanga", output);
        Assert.Equal("{hi,en}", await ScalarAsync<string>(database, "select languages::text from groups where chat_id = '-1001234567890'"));

        var list = (await RunAsync(database, "group", "list", "--district", "Darbhanga")).Output;
        Assert.Contains("-1001234567890", list);
        Assert.Contains("Darbhanga Ayushman", list);

        Assert.Equal(2, (await RunAsync(database, "group", "link", "--district", "Darbhanga", "--channel", "signal", "--chat", "x")).Exit);
        Assert.Equal(2, (await RunAsync(database, "group", "link", "--district", "Darbhanga", "--channel", "waha", "--chat", "1@g.us", "--languages", "fr")).Exit);
        Assert.Equal(2, (await RunAsync(database, "group", "link", "--district", "Atlantis", "--channel", "waha", "--chat", "1@g.us")).Exit);

        Assert.Equal(0, (await RunAsync(database, "group", "unlink", "--channel", "telegram", "--chat", "-1001234567890")).Exit);
        Assert.Equal(0, await ScalarAsync<long>(database, "select count(*) from groups"));
        var (again, _, error) = await RunAsync(database, "group", "unlink", "--channel", "telegram", "--chat", "-1001234567890");
        Assert.Equal(2, again);
        Assert.Contains("No linked telegram group", error);
    }

    [Fact]
    public async Task Holidays_and_rest_days_are_set_and_listed()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", File_("units.csv", Units));

        var (exit, output, _) = await RunAsync(database, "holiday", "--district", "Darbhanga", "--add", "26/01/2027", "--name", "Republic Day", "--rest-days", "sat,sun");

        Assert.Equal(0, exit);
        Assert.Contains("Rest days: Sun, Sat", output);
        Assert.Contains("26/01/2027 Tue Republic Day", output);
        Assert.Equal("2027-01-26", await ScalarAsync<string>(database, "select day::text from holidays"));

        var (_, removed, _) = await RunAsync(database, "holiday", "--district", "Darbhanga", "--remove", "2027-01-26", "--rest-days", "none");
        Assert.Contains("Rest days: none", removed);
        Assert.Equal(0, await ScalarAsync<long>(database, "select count(*) from holidays"));
        Assert.Equal(2, (await RunAsync(database, "holiday", "--district", "Darbhanga", "--rest-days", "funday")).Exit);
    }

    [Fact]
    public async Task A_slot_name_with_a_control_character_is_refused_not_stored()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", File_("units.csv", Units));
        var (exit, _, error) = await RunAsync(database, "schedule", "--district", "Darbhanga", "--set", "bad\0name", "--kind", "reminder", "--cron", "0 15 * * *");
        Assert.Equal(2, exit);
        Assert.Contains("one line of text", error);
        Assert.Equal(4, await ScalarAsync<long>(database, "select count(*) from schedule_slots"));
    }

    static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data;


namespace ReportBot.BotHost.Tests.Cli;

/// <summary>`BotHost import|export units|people|campaigns|targets`: a district set up from spreadsheets, all or nothing.</summary>
public sealed class SetupCommandTests(PostgresFixture postgres) : IDisposable, IClassFixture<PostgresFixture>
{
    readonly string _folder = Directory.CreateTempSubdirectory("reportbot-setup-").FullName;

    /// <summary>The repository's own copy of ../shared/data/blocks (kept equal to it by Reporting.Tests' CorpusCopyTests).</summary>
    static string SharedBlocks => Path.Combine(FindRepositoryRoot(), "tests", "Reporting.Tests", "Corpus", "blocks");

    static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ReportBot.sln not found above the test's folder.");
    }

    string File_(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    static async Task<(int Exit, string Output)> RunAsync(string database, params string[] args)
    {
        var output = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, new PostgresOptions { ConnectionString = database });
        return (exit, output.ToString());
    }

    [Fact]
    public async Task All_four_districts_import_and_a_second_import_changes_nothing()
    {
        var database = await postgres.CreateDatabaseAsync();
        var files = Directory.GetFiles(SharedBlocks, "*.csv").Order().ToList();
        Assert.Equal(4, files.Count);
        foreach (var file in files)
            Assert.Equal(0, (await RunAsync(database, "import", "units", file)).Exit);
        var (_, first) = await RunAsync(database, "export", "units");
        foreach (var file in files)
            Assert.Equal(0, (await RunAsync(database, "import", "units", file)).Exit);
        var (_, second) = await RunAsync(database, "export", "units");

        Assert.Equal(first, second);
        var lines = first.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + files.Sum(f => File.ReadAllLines(f).Count(l => l.Trim().Length > 0) - 1), lines.Length);
        Assert.Contains("Madhubani,Khutauna,खुटौना,1861,Laukaha (Khutauna)|Laukaha|लौकाहा", first);
    }

    [Fact]
    public async Task People_campaigns_and_targets_round_trip_through_export()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", Path.Combine(SharedBlocks, "darbhanga.csv"));
        Assert.Equal(0, (await RunAsync(database, "import", "people", File_("people.csv",
            """
            district,name,phone,role,language,units
            Darbhanga,Ramesh Kumar,98765 43210,reporter,en,Benipur
            Darbhanga,Kavita Jha,+919876543212,reporter,hi,बहेरी|Hayaghat
            Darbhanga,Anil Mishra,09876543213,officer,en,
            """))).Exit);
        Assert.Equal(0, (await RunAsync(database, "import", "campaigns", File_("campaigns.csv",
            """
            district,campaign,starts_on,ends_on,max_days_back,plausibility_ceiling
            Darbhanga,Ayushman card drive,2025-11-22,2025-12-03,7,20000
            """))).Exit);
        Assert.Equal(0, (await RunAsync(database, "import", "targets", File_("targets.csv",
            """
            district,campaign,unit,indicator,period,target
            Darbhanga,Ayushman card drive,,ayushman,day,"10,000"
            Darbhanga,Ayushman card drive,Benipur,,day,600
            Darbhanga,Ayushman card drive,,,campaign,300000
            """))).Exit);

        var (_, people) = await RunAsync(database, "export", "people", "--district", "Darbhanga");
        Assert.Equal(
            """
            district,name,phone,role,language,units,chat_names
            Darbhanga,Anil Mishra,+919876543213,officer,en,,
            Darbhanga,Kavita Jha,+919876543212,reporter,hi,Baheri|Hayaghat,
            Darbhanga,Ramesh Kumar,+919876543210,reporter,en,Benipur,

            """.ReplaceLineEndings(), people.ReplaceLineEndings());
        var (_, targets) = await RunAsync(database, "export", "targets");
        Assert.Contains("Darbhanga,Ayushman card drive,,ayushman,day,10000", targets);
        Assert.Contains("Darbhanga,Ayushman card drive,Benipur,ayushman,day,600", targets);
        Assert.Contains("Darbhanga,Ayushman card drive,,ayushman,campaign,300000", targets);

        // What export writes, import reads back to the same state.
        Assert.Equal(0, (await RunAsync(database, "import", "people", File_("again.csv", people))).Exit);
        Assert.Equal(people, (await RunAsync(database, "export", "people", "--district", "Darbhanga")).Output);
    }

    [Fact]
    public async Task A_file_with_a_bad_line_imports_nothing_and_says_which_line_and_why()
    {
        var database = await postgres.CreateDatabaseAsync();
        await RunAsync(database, "import", "units", Path.Combine(SharedBlocks, "darbhanga.csv"));
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["import", "people", File_("people.csv",
            """
            district,name,phone,role,language,units
            Darbhanga,Ramesh Kumar,9876543210,reporter,en,Benipur
            Darbhanga,Nobody,12345,reporter,en,Benipur
            Darbhanga,Mohan,9876500001,boss,en,Jale
            Darbhanga,Sita,9876500002,reporter,hi,Xyzpur
            """)], new StringWriter(), new PostgresOptions { ConnectionString = database }, error);
        Assert.Equal(1, exit);
        var text = error.ToString();
        Assert.Contains("line 3: '12345' is not a phone number", text);
        Assert.Contains("line 4: role 'boss' must be one of reporter, officer, admin", text);
        Assert.Contains("line 5: no unit 'Xyzpur' in Darbhanga", text);
        Assert.Equal("district,name,phone,role,language,units,chat_names", (await RunAsync(database, "export", "people")).Output.Trim());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class PanchayatDriveTests(PostgresFixture postgres) : IDisposable, IClassFixture<PostgresFixture>
{
    readonly string _folder = Directory.CreateTempSubdirectory("reportbot-panchayat-").FullName;

    [Fact]
    public async Task A_drive_that_reports_per_panchayat_reads_panchayat_names()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(database, twilio.BaseUrl).StartAsync();
        var options = new PostgresOptions { ConnectionString = database };
        var panchayats = Path.Combine(_folder, "panchayats.csv");
        await File.WriteAllTextAsync(panchayats,
            """
            district,block,block_hi,lgd_code,aliases,level,parent,state
            Darbhanga,Maheshpatti,महेशपट्टी,,,panchayat,Benipur,Bihar
            Darbhanga,Nawada,नवादा,,,panchayat,Benipur,Bihar
            """);
        Assert.Equal(0, await CommandLine.RunAsync(["import", "units", panchayats], new StringWriter(), options));
        await app.ScalarAsync<int>("update campaigns set reporting_level = 'panchayat' returning 1");
        await app.ScalarAsync<int>("insert into member_units (member_id, unit_id) select m.id, u.id from members m, units u where m.name = 'Ramesh Kumar' and u.name = 'Maheshpatti' returning 1");

        await Webhooks.SendReportAsync(app, "SM" + Guid.NewGuid().ToString("N"), "Maheshpatti 320");

        Assert.Equal(320, await app.ScalarAsync<long>("select f.value from figures f join units u on u.id = f.unit_id where u.name = 'Maheshpatti'"));
        Assert.Contains("*Maheshpatti* — 320", (await twilio.WaitForRequestsAsync(1)).Single().Form["Body"]);
        Assert.Equal("Bihar", await app.ScalarAsync<string>("select state from districts"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

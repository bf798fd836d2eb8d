using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data;
using ReportBot.Reporting.Rhythm;

namespace ReportBot.BotHost.Tests.ChatImport;

/// <summary>
/// `import chat`: a Darbhanga group's exported WhatsApp chat, Android and iOS, brought in against a real PostgreSQL with
/// the demo district's members. The fixtures are two days of the demo drive ({d1} three days ago, {d2} two days ago).
/// </summary>
public sealed class ChatImportTests(PostgresFixture postgres) : IDisposable, IClassFixture<PostgresFixture>
{
    readonly string _folder = Directory.CreateTempSubdirectory("reportbot-chat-").FullName;

    static readonly DateOnly Today = LocalDays.Of(DateTimeOffset.UtcNow, "Asia/Kolkata");
    static readonly DateOnly Day1 = Today.AddDays(-3);
    static readonly DateOnly Day2 = Today.AddDays(-2);

    /// <summary>A fixture with its days filled in, as <paramref name="dateFormat"/> writes them.</summary>
    static string Export(string fixture, string dateFormat) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ChatImport", "Fixtures", fixture), Encoding.UTF8)
            .Replace("{d1}", Day1.ToString(dateFormat, System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{d2}", Day2.ToString(dateFormat, System.Globalization.CultureInfo.InvariantCulture));

    string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>A database with the migrations and the demo district (Darbhanga, its five members), the host stopped again.</summary>
    async Task<string> DemoDatabaseAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (await new ReportBotApp(database).StartAsync()) { }
        return database;
    }

    static async Task<(int Exit, string Output, string Error)> RunAsync(string database, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, new PostgresOptions { ConnectionString = database }, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Each unit's figure on a day, and every change to it in order.</summary>
    static async Task<Dictionary<(DateOnly, string), long>> FiguresAsync(ReportBotApp app) =>
        (await app.QueryAsync<(string Day, string Unit, long Value)>(
            "select f.day::text, u.name, f.value from figures f join units u on u.id = f.unit_id"))
            .ToDictionary(f => (DateOnly.ParseExact(f.Day, "yyyy-MM-dd"), f.Unit), f => f.Value);

    static async Task<List<(long? Old, long New)>> HistoryAsync(ReportBotApp app, DateOnly day, string unit) =>
        (await app.QueryAsync<(long? Old, long New)>(
            """
            select h.old_value, h.new_value from figure_history h join units u on u.id = h.unit_id
            where u.name = @unit and h.day = @day::date order by h.id
            """, new { unit, day = day.ToString("yyyy-MM-dd") })).ToList();

    [Fact]
    public async Task An_android_export_records_every_figure_on_the_day_it_was_sent_with_history_and_answers_nobody()
    {
        var database = await DemoDatabaseAsync();
        var file = Write("WhatsApp Chat with Darbhanga Ayushman.txt", Export("darbhanga-android.txt", "dd/MM/yyyy"));

        var (exit, output, error) = await RunAsync(database, "import", "chat", file, "--district", "Darbhanga");

        Assert.True(exit == 0, output + error);
        await using var app = new ReportBotApp(database);
        var figures = await FiguresAsync(app);
        Assert.Equal(1300, figures[(Day1, "Benipur")]); // the edited message corrects the morning's 1240
        Assert.Equal(820, figures[(Day1, "Baheri")]);
        Assert.Equal(610, figures[(Day1, "Hayaghat")]);
        Assert.Equal(450, figures[(Day1, "Jale")]); // from an unsaved number, in Hindi
        Assert.Equal(300, figures[(Day2, "Jale")]); // 12:30 am in Darbhanga is the evening before in UTC: still its own day
        Assert.Equal(950, figures[(Day2, "Benipur")]); // 11:30 pm, the latest report of the day
        Assert.Equal(750, figures[(Day2, "Baheri")]); // 700, then +50
        Assert.Equal(7, figures.Count); // Mohan Lal's "Benipur 9999" is from no member: not recorded
        Assert.Equal([(null, 1240L), (1240L, 1300L)], await HistoryAsync(app, Day1, "Benipur"));
        Assert.Equal([(null, 900L), (900L, 950L)], await HistoryAsync(app, Day2, "Benipur"));

        // Received when it was sent: 10:15 am in Darbhanga.
        Assert.True(await app.ScalarAsync<bool>("select received_at = @at::timestamptz from inbox where body = 'Benipur 1240'",
            new { at = $"{Day1:yyyy-MM-dd} 10:15:00+05:30" }));
        Assert.Equal("919876543211", await app.ScalarAsync<string>("select phone from inbox where body = 'Jale 300'"));
        // Nobody is answered, and nobody's channel (or WhatsApp window) is taken from an export.
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from outbox"));
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from members where last_channel is not null"));

        Assert.Contains("Messages: 14 (and 3 line(s) WhatsApp wrote itself)", output);
        Assert.Contains("Mohan Lal", output.Split("Unmatched senders")[1]);
        Assert.Contains("Stored and handled: 13; duplicates skipped (imported before): 0", output);
        Assert.Contains("no unit 'Xyzpur'", output);

        // The same file again adds nothing.
        var messages = await app.ScalarAsync<long>("select count(*) from inbox");
        var changes = await app.ScalarAsync<long>("select count(*) from figure_history");
        var (again, secondOutput, _) = await RunAsync(database, "import", "chat", file, "--district", "Darbhanga");
        Assert.Equal(0, again);
        Assert.Contains("Stored and handled: 0; duplicates skipped (imported before): 13", secondOutput);
        Assert.Equal(messages, await app.ScalarAsync<long>("select count(*) from inbox"));
        Assert.Equal(changes, await app.ScalarAsync<long>("select count(*) from figure_history"));
    }

    [Fact]
    public async Task A_later_export_that_overlaps_an_earlier_one_adds_only_what_is_new()
    {
        var database = await DemoDatabaseAsync();
        var whole = Export("darbhanga-android.txt", "dd/MM/yyyy");
        // The first export was made on the evening of the first day: the same group, fewer messages.
        var firstDay = string.Join('\n', whole.Split('\n').TakeWhile(l => !l.StartsWith(Day2.ToString("dd/MM/yyyy"))));
        var (_, first, _) = await RunAsync(database, "import", "chat", Write("day1.txt", firstDay), "--district", "Darbhanga");
        Assert.Contains("Stored and handled: 7;", first);

        var (exit, second, error) = await RunAsync(database, "import", "chat", Write("both.txt", whole), "--district", "Darbhanga");

        Assert.True(exit == 0, second + error);
        Assert.Contains("Stored and handled: 6; duplicates skipped (imported before): 7", second);
        await using var app = new ReportBotApp(database);
        Assert.Equal([(null, 1240L), (1240L, 1300L)], await HistoryAsync(app, Day1, "Benipur"));
        Assert.Equal(750, (await FiguresAsync(app))[(Day2, "Baheri")]);
        Assert.Equal(13L, await app.ScalarAsync<long>("select count(*) from inbox where channel = 'chat-export'"));
    }

    [Fact]
    public async Task An_ios_export_in_a_zip_with_media_records_its_figures_and_names_the_media_it_skipped()
    {
        var database = await DemoDatabaseAsync();
        var zipPath = Path.Combine(_folder, "WhatsApp Chat - Darbhanga Ayushman.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            await using (var chat = new StreamWriter(zip.CreateEntry("_chat.txt").Open(), new UTF8Encoding(false)))
                await chat.WriteAsync(Export("darbhanga-ios.txt", "dd/MM/yy"));
            await using (var photo = zip.CreateEntry("00000042-PHOTO-register.jpg").Open())
                await photo.WriteAsync(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 });
            await using (var pdf = zip.CreateEntry("00000043-Benipur-tally.pdf").Open())
                await pdf.WriteAsync("%PDF-1.4\n"u8.ToArray());
        }

        var (exit, output, error) = await RunAsync(database, "import", "chat", zipPath, "--district", "Darbhanga");

        Assert.True(exit == 0, output + error);
        await using var app = new ReportBotApp(database);
        var figures = await FiguresAsync(app);
        Assert.Equal(1300, figures[(Day1, "Benipur")]);
        Assert.Equal(820, figures[(Day1, "Baheri")]);
        Assert.Equal(610, figures[(Day1, "Hayaghat")]);
        Assert.Equal(450, figures[(Day2, "Jale")]);
        Assert.Equal(900, figures[(Day2, "Benipur")]); // the caption under the attached tally
        Assert.Equal(5, figures.Count);
        Assert.Equal([(null, 1240L), (1240L, 1300L)], await HistoryAsync(app, Day1, "Benipur"));
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from outbox"));
        Assert.Contains("Media skipped: 2 file(s) in the zip, 1 left out of the export", output);
        Assert.Contains("00000042-PHOTO-register.jpg", output);
        Assert.Contains("00000043-Benipur-tally.pdf", output);
        Assert.Contains("(Ios export)", output);
    }

    [Fact]
    public async Task A_dry_run_shows_what_it_would_record_and_changes_nothing()
    {
        var database = await DemoDatabaseAsync();
        var file = Write("chat.txt", Export("darbhanga-android.txt", "dd/MM/yyyy"));

        var (exit, output, error) = await RunAsync(database, "import", "chat", file, "--district", "Darbhanga", "--dry-run");

        Assert.True(exit == 0, output + error);
        await using var app = new ReportBotApp(database);
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from inbox"));
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from figure_history"));
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from figures"));
        Assert.Contains("Dry run (nothing changed)", output);
        var perDay = output.Split("Figures it would record, per day and unit:")[1];
        Assert.Matches($@"{Day1:yyyy-MM-dd}\s+Baheri\s+820\s+Benipur\s+1,300\s+Hayaghat\s+610\s+Jale\s+450", perDay);
        Assert.Matches($@"{Day2:yyyy-MM-dd}\s+Baheri\s+750\s+Benipur\s+950\s+Jale\s+300", perDay);
        Assert.Matches(@"Mohan Lal\s+1 message\(s\)", output.Split("Unmatched senders")[1]);
        Assert.Matches(@"Ramesh Kumar\s+4\s+= Ramesh Kumar \(by name\)", output);
        Assert.Matches(@"\+91 98765 43211\s+3\s+= सुनीता देवी \(by phone\)", output);
    }

    [Fact]
    public async Task Names_file_maps_a_sender_the_members_do_not_cover()
    {
        var database = await DemoDatabaseAsync();
        var file = Write("chat.txt", Export("darbhanga-android.txt", "dd/MM/yyyy"));
        // Mohan Lal is how the exporting phone saved Anil Mishra, the district officer (who may report for any unit).
        var names = Write("names.csv", "name,phone\nMohan Lal,+91 98765 43213\n");

        var (exit, output, error) = await RunAsync(database, "import", "chat", file, "--district", "Darbhanga", "--names", names);

        Assert.True(exit == 0, output + error);
        Assert.DoesNotContain("Unmatched senders", output);
        Assert.Matches(@"Mohan Lal\s+1\s+= Anil Mishra \(by namesfile\)", output);
        await using var app = new ReportBotApp(database);
        // Anil's 9999 at 1 pm sits between Ramesh's 1240 and his 4 pm correction, which wins.
        Assert.Equal([(null, 1240L), (1240L, 9999L), (9999L, 1300L)], await HistoryAsync(app, Day1, "Benipur"));
    }

    [Fact]
    public async Task Chat_names_from_people_csv_match_senders_and_round_trip_through_export()
    {
        var database = await DemoDatabaseAsync();
        var people = Write("people.csv",
            """
            district,name,phone,role,language,units,chat_names
            Darbhanga,Anil Mishra,+91 98765 43213,officer,en,,Mohan Lal|DPM Darbhanga
            """);
        Assert.Equal(0, (await RunAsync(database, "import", "people", people)).Exit);
        var (_, exported, _) = await RunAsync(database, "export", "people", "--district", "Darbhanga");
        Assert.Contains("Darbhanga,Anil Mishra,+919876543213,officer,en,,Mohan Lal|DPM Darbhanga", exported);

        var (_, output, _) = await RunAsync(database, "import", "chat", Write("chat.txt", Export("darbhanga-android.txt", "dd/MM/yyyy")),
            "--district", "Darbhanga", "--dry-run");
        Assert.Matches(@"Mohan Lal\s+1\s+= Anil Mishra \(by chatname\)", output);
    }

    [Fact]
    public async Task A_file_that_is_no_chat_export_is_refused_politely()
    {
        var database = await DemoDatabaseAsync();
        var (exit, _, error) = await RunAsync(database, "import", "chat", Write("figures.txt", "Benipur,1240\nJale,450\n"), "--district", "Darbhanga");
        Assert.Equal(2, exit);
        Assert.Contains("holds no WhatsApp messages", error);
        Assert.Contains("Export chat", error);
        var (unknown, _, unknownError) = await RunAsync(database, "import", "chat", Write("chat.txt", Export("darbhanga-android.txt", "dd/MM/yyyy")), "--district", "Nowhere");
        Assert.Equal(2, unknown);
        Assert.Contains("No district named 'Nowhere'", unknownError);
    }

    [Fact]
    public async Task The_admin_upload_answers_the_report_as_json_behind_the_admin_key()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var app = await new ReportBotApp(database, settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = "admin-secret" }).StartAsync();
        var client = app.CreateClient();
        var body = Encoding.UTF8.GetBytes(Export("darbhanga-android.txt", "dd/MM/yyyy"));

        var refused = await client.PostAsync("/admin/import/chat?district=Darbhanga", new ByteArrayContent(body));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        async Task<JsonElement> PostAsync(string query)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/import/chat?" + query) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            request.Headers.Add("X-Admin-Key", "admin-secret");
            var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        var dry = await PostAsync("district=Darbhanga&dryRun=true");
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal("Mohan Lal", dry.GetProperty("unmatched")[0].GetProperty("sender").GetString());
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from inbox"));

        var real = await PostAsync("district=Darbhanga");
        Assert.Equal(13, real.GetProperty("stored").GetInt32());
        Assert.Equal(1300, (await FiguresAsync(app))[(Day1, "Benipur")]);
        // The running host's outbox dispatcher has nothing to send: no reply was queued.
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from outbox"));

        var notChat = new HttpRequestMessage(HttpMethod.Post, "/admin/import/chat?district=Darbhanga") { Content = new ByteArrayContent(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0 }) };
        notChat.Headers.Add("X-Admin-Key", "admin-secret");
        var bad = await client.SendAsync(notChat);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Export chat", await bad.Content.ReadAsStringAsync());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

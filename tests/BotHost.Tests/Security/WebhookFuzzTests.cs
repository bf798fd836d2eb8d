using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using Microsoft.Extensions.Primitives;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Channels.Telegram;
using ReportBot.BotHost.Tests.Channels.Waha;
using ReportBot.BotHost.Tests.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Security;

/// <summary>
/// Every webhook parser under random and malformed input through the real host and a real PostgreSQL, every request
/// properly signed so it gets past the signature to the parser: never a 5xx, never a crash, and afterwards the host
/// still takes a normal report. Mutations start from the channels' real fixtures. (The message reader itself is
/// property-tested in tests/Reporting.Tests/Reading/ReaderProperties.cs.)
/// </summary>
public sealed class WebhookFuzzTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    /// <summary>What people (and attackers) type: SQL, markup, template syntax, control and bidi characters, broken escapes.</summary>
    public static readonly string[] HostileTexts =
    [
        "Benipur 1240'); drop table inbox; --",
        "' or 1=1 --",
        "Benipur 1240; delete from figures where true",
        "<script>alert(1)</script> Benipur 1240",
        """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>""",
        "]]></Response><Message>pwned</Message><Response>",
        "{{7*7}} ${jndi:ldap://127.0.0.1/a} %s%s%s%n",
        "*bold* _italic_ ~strike~ ```code``` Benipur 1240",
        "Benipur\u00001240",
        "\ud800 lone surrogate \udc00",
        "\u202eBenipur 0421\u202c",
        "Benipur 🎉 1240 👍🏽",
        "बेनीपुर १२४०",
        "Benipur 99999999999999999999999999999999",
        "Benipur -1240",
        new string('9', 1600),
        string.Concat(Enumerable.Repeat("Benipur 1240\n", 120)),
        "\r\n\t\v\f\u0007\u001b[31m",
    ];

    /// <summary>Tokens spliced into raw bodies: bad percent-escapes, broken UTF-8, separators, JSON breakers.</summary>
    static readonly string[] Splices =
    [
        "%00", "%FF%FE", "%ED%A0%80", "%C3%28", "%E2%82", "%", "%%", "%zz", "&&&", "=", "==", "&=&", "+", "\0", "\"", "\\",
        "\\u0000", "\\ud800", "\\udfff\\ud800", "{", "}", "[", "]", ":", ",", "null", "1e999", "-0", "\u00ff", "\ufeff",
    ];

    static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=iso-8859-1", "application/json",
        "text/plain; charset=utf-16", "multipart/form-data; boundary=x", "application/xml", "", "*/*; q=garbage",
    ];

    [Fact]
    public async Task Twilio_webhook_never_fails_on_signed_garbage()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        var logs = new LogCapture();
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = app.CreateClient();
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures"), "*.form")
            .Select(File.ReadAllText).ToArray();
        var random = new Random(HostileApp.Seed);
        var statuses = new Dictionary<HttpStatusCode, int>();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var n = 0;
        string? forbidden = null;
        for (; watch.Elapsed < HostileApp.Budget || n < 50; n++)
        {
            var raw = MutateForm(random, seeds[random.Next(seeds.Length)], n);
            var response = await client.SendAsync(SignedTwilio(raw, ContentTypes[random.Next(ContentTypes.Length)]));
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode == HttpStatusCode.Forbidden)
                forbidden ??= $"case {n}: {Convert.ToHexString(Encoding.UTF8.GetBytes(raw))[..Math.Min(400, raw.Length * 2)]} {Truncate(raw)}";
            Assert.True((int)response.StatusCode < 500,
                $"case {n} (seed {HostileApp.Seed}) got {(int)response.StatusCode}: {Truncate(raw)}\n{LastError(logs)}");
        }

        Report(n, watch.Elapsed, statuses, heapBefore);
        // The fuzzer reached the parser and beyond: most cases are still messages, and some were not.
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > n / 5, Describe(statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, Describe(statuses));
        Assert.True(forbidden is null, $"signed as Twilio would, yet refused: {forbidden}"); // the signing and the reading agree
        await AssertStillServesAsync(app, client);
    }

    [Fact]
    public async Task WhatsApp_cloud_webhook_never_fails_on_signed_garbage()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        var logs = new LogCapture();
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = app.CreateClient();
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Channels", "WhatsAppCloud", "Fixtures"), "*.json")
            .Select(File.ReadAllText).ToArray();
        var random = new Random(HostileApp.Seed);
        var statuses = new Dictionary<HttpStatusCode, int>();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var n = 0;
        for (; watch.Elapsed < HostileApp.Budget || n < 50; n++)
        {
            var body = MutateJson(random, seeds[random.Next(seeds.Length)]);
            var request = MetaWebhooks.Post(body);
            request.Content!.Headers.ContentType = MediaTypeHeaderValue.TryParse(ContentTypes[random.Next(ContentTypes.Length)], out var type) ? type : null;
            var response = await client.SendAsync(request);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500,
                $"case {n} (seed {HostileApp.Seed}) got {(int)response.StatusCode}: {Truncate(Encoding.UTF8.GetString(body))}\n{LastError(logs)}");
        }

        Report(n, watch.Elapsed, statuses, heapBefore);
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > n / 5, Describe(statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, Describe(statuses));
        Assert.DoesNotContain(HttpStatusCode.Forbidden, statuses.Keys);
        await AssertStillServesAsync(app, client);
    }

    /// <summary>The group channels' webhooks under the same signed garbage: Telegram (secret header) and WAHA (HMAC).</summary>
    public static TheoryData<string> GroupChannels => new() { "telegram", "waha" };

    [Theory]
    [MemberData(nameof(GroupChannels))]
    public async Task Group_channel_webhooks_never_fail_on_signed_garbage(string channel)
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        var logs = new LogCapture();
        var extra = channel == "telegram" ? TelegramWebhooks.Settings("http://127.0.0.1:9") : WahaWebhooks.Settings("http://127.0.0.1:9");
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl, extra, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = app.CreateClient();
        var folder = channel == "telegram" ? "Telegram" : "Waha";
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Channels", folder, "Fixtures"), "*.json")
            .Select(File.ReadAllText).ToArray();
        var random = new Random(HostileApp.Seed);
        var statuses = new Dictionary<HttpStatusCode, int>();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var n = 0;
        for (; watch.Elapsed < HostileApp.Budget || n < 50; n++)
        {
            var body = MutateJson(random, seeds[random.Next(seeds.Length)]);
            var request = channel == "telegram" ? TelegramWebhooks.Post(body) : WahaWebhooks.Post(body);
            request.Content!.Headers.ContentType = MediaTypeHeaderValue.TryParse(ContentTypes[random.Next(ContentTypes.Length)], out var type) ? type : null;
            var response = await client.SendAsync(request);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500,
                $"{channel} case {n} (seed {HostileApp.Seed}) got {(int)response.StatusCode}: {Truncate(Encoding.UTF8.GetString(body))}\n{LastError(logs)}");
        }

        Report(n, watch.Elapsed, statuses, heapBefore);
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > n / 5, Describe(statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, Describe(statuses));
        Assert.DoesNotContain(HttpStatusCode.Forbidden, statuses.Keys); // signed right, never refused
        await AssertStillServesAsync(app, client);
    }

    /// <summary>Hostile text in a well-formed, signed message is stored as sent (NUL and lone surrogates as U+FFFD) and harms nothing.</summary>
    [Fact]
    public async Task Sql_and_markup_in_messages_are_kept_verbatim_and_harm_nothing()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl);
        using var client = app.CreateClient();
        var template = MetaWebhooks.Fixture("text-report.json");

        for (var i = 0; i < HostileTexts.Length; i++)
        {
            var text = HostileTexts[i];
            var viaTwilio = await client.SendAsync(Webhooks.Signed(Webhooks.WhatsAppForm($"SM{i:D32}", text)));
            Assert.Equal(HttpStatusCode.OK, viaTwilio.StatusCode);
            Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response />""", await viaTwilio.Content.ReadAsStringAsync());

            var json = JsonNode.Parse(template)!;
            var message = json["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!;
            message["id"] = $"wamid.hostile{i}";
            message["text"]!["body"] = text;
            var viaMeta = await client.SendAsync(MetaWebhooks.Post(Encoding.UTF8.GetBytes(json.ToJsonString())));
            Assert.Equal(HttpStatusCode.OK, viaMeta.StatusCode);

            var expected = Storable(text);
            Assert.Equal(expected, await app.ScalarAsync<string>("select body from inbox where external_id = @id", new { id = $"SM{i:D32}" }));
            Assert.Equal(expected, await app.ScalarAsync<string>("select body from inbox where external_id = @id", new { id = $"wamid.hostile{i}" }));
        }

        Assert.Equal(2 * HostileTexts.Length, await app.ScalarAsync<long>("select count(*) from inbox"));
        Assert.Equal(18, await app.ScalarAsync<long>("select count(*) from units where district_id = (select id from districts where name = 'Darbhanga')"));
        await AssertStillServesAsync(app, client);
    }

    /// <summary>Body limits hold on the real server (Kestrel), declared or streamed: Twilio's form 64 KB, Meta's batch 1 MB.</summary>
    [Theory]
    [InlineData("/webhooks/twilio", 64 * 1024, false)]
    [InlineData("/webhooks/twilio", 64 * 1024, true)]
    [InlineData("/webhooks/whatsapp", 1024 * 1024, false)]
    [InlineData("/webhooks/whatsapp", 1024 * 1024, true)]
    public async Task Bodies_over_the_limit_get_413(string path, int limit, bool chunked)
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl, kestrel: true);
        using var client = app.CreateClient();

        // Just under the limit is still read (and refused for its content, not its size); one byte over is not.
        foreach (var (size, tooLarge) in new[] { (limit - 1024, false), (limit + 1, true) })
        {
            var body = new byte[size];
            Array.Fill(body, (byte)'a');
            HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
            if (chunked)
                content.Headers.ContentLength = null;
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.TransferEncodingChunked = chunked;
            // As a careful client would: the server may refuse a declared size before the body is sent (else it answers
            // 413 and closes while the client is still writing, and the client sees a broken pipe instead of the 413).
            request.Headers.ExpectContinue = true;
            request.Headers.Add(path.Contains("twilio") ? "X-Twilio-Signature" : "X-Hub-Signature-256", "sha256=00");
            var response = await client.SendAsync(request);
            if (tooLarge)
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            else
                Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{size} bytes: {response.StatusCode}");
        }
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from inbox"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>A normal report after the attack still goes through: the host is alive and the database intact.</summary>
    static async Task AssertStillServesAsync(ReportBotApp app, HttpClient client)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        var response = await client.SendAsync(Webhooks.Signed(Webhooks.WhatsAppForm("SM" + new string('f', 32), "Benipur 777")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.HandledAsync("twilio", "SM" + new string('f', 32));
        Assert.Equal("recorded", await app.ScalarAsync<string>("select outcome from inbox where external_id = @id", new { id = "SM" + new string('f', 32) }));
    }

    /// <summary>The form exactly as the server will read it, signed as Twilio signs it, with any content type.</summary>
    static HttpRequestMessage SignedTwilio(string raw, string contentType)
    {
        Dictionary<string, StringValues> form;
        try
        {
            form = new FormReader(raw).ReadForm();
        }
        catch (InvalidDataException)
        {
            form = []; // the server refuses it before checking the signature
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(raw)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : null;
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(ReportBotApp.AuthToken, ReportBotApp.PublicBaseUrl + "/webhooks/twilio", form));
        return request;
    }

    static string MutateForm(Random random, string seed, int n)
    {
        var fields = seed.Split('&').ToList();
        // Each case is still a fresh message (unless the mutation breaks its MessageSid), so handling is exercised too.
        for (var i = 0; i < fields.Count; i++)
            if (fields[i].StartsWith("MessageSid=", StringComparison.Ordinal))
                fields[i] = $"MessageSid=SMfuzz{n:D8}";
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            switch (random.Next(8))
            {
                case 0: // the body a person typed, hostile
                    fields.RemoveAll(f => f.StartsWith("Body=", StringComparison.Ordinal));
                    fields.Add("Body=" + Uri.EscapeDataString(Storable(HostileTexts[random.Next(HostileTexts.Length)])));
                    break;
                case 1: // a broken escape or separator inside some field
                    var at = random.Next(fields.Count);
                    fields[at] = fields[at].Insert(random.Next(fields[at].Length + 1), Splices[random.Next(Splices.Length)]);
                    break;
                case 2: // a field dropped
                    fields.RemoveAt(random.Next(fields.Count));
                    if (fields.Count == 0)
                        fields.Add("");
                    break;
                case 3: // a field repeated with another value
                    fields.Add(fields[random.Next(fields.Count)].Split('=')[0] + "=" + random.Next());
                    break;
                case 4: // NumMedia that is not a small number
                    fields.Add("NumMedia=" + new[] { "-1", "99999999999", "1e3", "NaN", "" }[random.Next(5)]);
                    break;
                case 5: // more fields than the form reader takes, or a huge key
                    fields.AddRange(random.Next(2) == 0
                        ? Enumerable.Range(0, 1100).Select(i => $"k{i}=v")
                        : [new string('K', 3000) + "=v"]);
                    break;
                case 6: // random bytes, decoded as the server decodes them
                    var bytes = new byte[random.Next(1, 300)];
                    random.NextBytes(bytes);
                    fields.Add(Encoding.UTF8.GetString(bytes));
                    break;
                default: // truncated
                    var joined = string.Join('&', fields);
                    fields = [joined[..random.Next(joined.Length + 1)]];
                    break;
            }
        }
        return string.Join('&', fields);
    }

    static byte[] MutateJson(Random random, string seed)
    {
        if (random.Next(4) == 0 || !IsJson(seed))
        {
            // Byte-level: flips, truncation, splices — mostly not JSON any more.
            var text = seed;
            for (var m = random.Next(1, 4); m > 0; m--)
                text = random.Next(3) switch
                {
                    0 => text[..random.Next(text.Length + 1)],
                    1 => text.Insert(random.Next(text.Length + 1), Splices[random.Next(Splices.Length)]),
                    _ => Flip(random, text),
                };
            return Encoding.UTF8.GetBytes(text);
        }
        // Structural: valid JSON with wrong types, hostile strings and odd numbers where the parser looks.
        var root = JsonNode.Parse(seed)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        for (var m = random.Next(1, 4); m > 0 && nodes.Count > 0; m--)
        {
            var target = nodes[random.Next(nodes.Count)];
            var replacement = RandomValue(random);
            switch (target.Parent)
            {
                case JsonObject parent:
                    parent[target.GetPropertyName()] = replacement;
                    break;
                case JsonArray array:
                    array[target.GetElementIndex()] = replacement;
                    break;
            }
            nodes.Clear();
            Collect(root, nodes);
        }
        var json = root.ToJsonString();
        // Escapes System.Text.Json would never write itself: NUL and lone surrogates inside strings.
        if (random.Next(3) == 0)
            json = json.Replace("Benipur", random.Next(2) == 0 ? "Beni\\u0000pur" : "Beni\\ud800pur");
        return Encoding.UTF8.GetBytes(json);
    }

    static bool IsJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    static JsonNode? RandomValue(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        2 => JsonValue.Create(1e308 * random.NextDouble()),
        3 => new JsonArray(JsonValue.Create("x"), null, new JsonObject()),
        4 => new JsonObject { ["id"] = 7, ["from"] = new JsonArray(), ["type"] = "text", ["text"] = "body" },
        5 => JsonValue.Create(true),
        6 => Deep(random.Next(10, 200)),
        _ => JsonValue.Create(Storable(HostileTexts[random.Next(HostileTexts.Length)])),
    };

    static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
            node = new JsonObject { ["a"] = node };
        return node;
    }

    static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
            return;
        if (node.Parent is not null)
            nodes.Add(node);
        if (node is JsonObject obj)
            foreach (var (_, child) in obj.ToList())
                Collect(child, nodes);
        else if (node is JsonArray array)
            foreach (var child in array.ToList())
                Collect(child, nodes);
    }

    static string Flip(Random random, string text)
    {
        if (text.Length == 0)
            return text;
        var chars = text.ToCharArray();
        chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
        return new string(chars);
    }

    /// <summary>What the inbox keeps of a text: NUL and lone surrogates become U+FFFD (see src/BotHost/Security/StorableText.cs).</summary>
    public static string Storable(string text) =>
        ReportBot.BotHost.Security.StorableText.Of(new ReportBot.BotHost.Inbound.InboundMessage("t", "x", "s", text, 0, "", default)).Text;

    /// <summary>Writes what the run covered, and holds the heap (host and test share the process) to a bound.</summary>
    void Report(int cases, TimeSpan elapsed, Dictionary<HttpStatusCode, int> statuses, long heapBefore)
    {
        var grown = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        output.WriteLine($"{cases} cases in {elapsed.TotalSeconds:F1} s (seed {HostileApp.Seed}): {Describe(statuses)}; heap grew {grown / 1024 / 1024} MB");
        Assert.True(grown < 256L * 1024 * 1024, $"the heap grew by {grown / 1024 / 1024} MB");
    }

    static string LastError(LogCapture logs) =>
        logs.Lines.LastOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)) ?? "";

    static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    static string Describe(Dictionary<HttpStatusCode, int> statuses) =>
        string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}"));
}

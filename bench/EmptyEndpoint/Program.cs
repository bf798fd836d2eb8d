// Two jobs, on one loopback port (`--urls http://127.0.0.1:PORT`):
//  - POST /webhooks/twilio answers the empty TwiML at once, after reading the form: the HTTP ceiling that
//    bench/load.sh measures beside BotHost with the same load generator.
//  - POST /2010-04-01/Accounts/{sid}/Messages.json is a fake of Twilio's Messages API that BotHost's outbox sends to.
//    It counts every message it takes by (To, Body). With FAULTS=1 it misbehaves at random, as providers do: 429,
//    500, or it takes the message and drops the connection before answering (the answer is lost: BotHost cannot know
//    whether it was sent). GET /counts (JSON) and /counts.csv report what it took, for
//    bench/faults.sh. Each answer takes ANSWER_MS milliseconds (default 0; Twilio answers in about 200 ms from
//    India), changed at run time with POST /answer-delay?ms=200 — bench/load.sh's outbound measurement.
//  - Like Twilio, it reports on each message it took to the send's StatusCallback URL, signed with AUTH_TOKEN
//    (a form POST with MessageStatus=sent, a second later). With FAULTS=1 a fifth of those callbacks are lost too.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response />""";
var faults = Environment.GetEnvironmentVariable("FAULTS") == "1";
// (To, Body) → how many times the fake took it (answered 201, or took it and lost the answer).
var taken = new ConcurrentDictionary<string, int>();
var answers = new ConcurrentDictionary<string, int>();
var sequence = 0L;
var authToken = Environment.GetEnvironmentVariable("AUTH_TOKEN");
var callbacks = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
var answerMs = int.TryParse(Environment.GetEnvironmentVariable("ANSWER_MS"), out var ms) ? ms : 0;

app.MapPost("/answer-delay", (int ms) => { Volatile.Write(ref answerMs, ms); return Results.NoContent(); });

app.MapPost("/webhooks/twilio", async (HttpRequest request) =>
{
    await request.ReadFormAsync();
    return Results.Text(EmptyTwiml, "text/xml");
});

app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", async (HttpContext context, string accountSid) =>
{
    var form = await context.Request.ReadFormAsync();
    if (Volatile.Read(ref answerMs) is > 0 and var delay)
        await Task.Delay(delay);
    var key = form["To"] + "\u001f" + form["Body"];
    var roll = faults ? Random.Shared.Next(100) : 99;
    var sid = $"SM{Interlocked.Increment(ref sequence):D32}";
    if (roll >= 25 && form["StatusCallback"].ToString() is { Length: > 0 } callbackUrl && authToken is not null
        && !(faults && Random.Shared.Next(5) == 0))
        _ = Task.Run(async () =>
        {
            await Task.Delay(1000);
            var status = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["MessageSid"] = sid, ["SmsSid"] = sid, ["MessageStatus"] = "sent", ["SmsStatus"] = "sent", ["AccountSid"] = accountSid,
                ["From"] = form["From"].ToString(), ["To"] = form["To"].ToString(), ["ApiVersion"] = "2010-04-01",
            };
            var signed = new StringBuilder(callbackUrl);
            foreach (var (name, value) in status)
                signed.Append(name).Append(value);
            using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new FormUrlEncodedContent(status) };
            request.Headers.Add("X-Twilio-Signature",
                Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(signed.ToString()))));
            try { (await callbacks.SendAsync(request)).Dispose(); } catch (HttpRequestException) { /* BotHost down: lost, as with Twilio */ }
            answers.AddOrUpdate("callbacks", 1, (_, n) => n + 1);
        });
    string outcome;
    IResult result;
    if (roll < 15)
    {
        outcome = "429";
        result = Results.Json(new { code = 20429, message = "Too Many Requests", status = 429 }, statusCode: 429);
    }
    else if (roll < 25)
    {
        outcome = "500";
        result = Results.Json(new { code = 20500, message = "Internal Server Error", status = 500 }, statusCode: 500);
    }
    else if (roll < 30)
    {
        // Taken, and the answer lost on the way back.
        taken.AddOrUpdate(key, 1, (_, n) => n + 1);
        answers.AddOrUpdate("taken-then-dropped", 1, (_, n) => n + 1);
        context.Abort();
        return Results.Empty;
    }
    else
    {
        taken.AddOrUpdate(key, 1, (_, n) => n + 1);
        outcome = "201";
        result = Results.Json(new
        {
            account_sid = accountSid, sid, status = "queued",
            to = form["To"].ToString(), body = form["Body"].ToString(),
        }, statusCode: 201);
    }
    answers.AddOrUpdate(outcome, 1, (_, n) => n + 1);
    return result;
});

app.MapGet("/counts", () => Results.Json(new
{
    messages = taken.Count,
    takenTwice = taken.Where(t => t.Value > 1).Select(t => new { key = t.Key.Replace('\u001f', '|'), times = t.Value }),
    answers,
    taken = taken.Select(t => new { key = t.Key.Replace('\u001f', '|'), times = t.Value }),
}));

// The same as CSV (to,body,times), for psql's \copy.
app.MapGet("/counts.csv", () => Results.Text(
    string.Concat(taken.Select(t => t.Key.Split('\u001f') is var parts ? $"{Csv(parts[0])},{Csv(parts[1])},{t.Value}\n" : "")),
    "text/csv"));

app.Run();

static string Csv(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

// Signed Twilio webhooks at a fixed concurrency, for a fixed time, against a host on loopback:
//   dotnet run -c Release --project bench/LoadGen -- --url http://127.0.0.1:5081/webhooks/twilio --concurrency 64 \
//     --seconds 20 [--warmup 3] [--senders 5000 --sender-base 919000000000 --units-file units.txt] [--pid 1234]
//     [--acked acked.txt] [--timeline] [--json result.json] [--max 100000] [--unique-values]
// Each request is what Twilio would send: a fresh MessageSid, From one of the generated senders (each reports for
// its own unit, --units-file line i % count), Body "{unit} {value}", signed with --token against --public-url.
// Prints accepted (200) per second, latency p50/p99/max of the accepted ones, every status and error seen, and the
// peak VmRSS of --pid. --acked writes each acknowledged MessageSid as soon as its 200 arrives (fault scripts check
// them against the database); --timeline prints the statuses second by second.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using ReportBot.BotHost.Channels.Twilio;

var options = Options.Parse(args);
var units = options.UnitsFile is { } file ? File.ReadAllLines(file).Where(l => l.Length > 0).ToArray() : ["Benipur"];

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
})
{ Timeout = TimeSpan.FromSeconds(10) };

var sequence = 0L;
StreamWriter? acked = options.AckedFile is { } ackedPath ? new StreamWriter(ackedPath, append: false) { AutoFlush = false } : null;
var ackedLock = new object();

if (options.WarmupSeconds > 0)
{
    await RunAsync(TimeSpan.FromSeconds(options.WarmupSeconds), record: false);
    Console.Error.WriteLine($"warm-up done ({options.WarmupSeconds} s)");
}

var rss = new RssSampler(options.Pid);
var result = await RunAsync(TimeSpan.FromSeconds(options.Seconds), record: true);
rss.Stop();
acked?.Dispose();

var latencies = result.Latencies;
latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
var summary = new
{
    concurrency = options.Concurrency,
    seconds = Math.Round(result.Elapsed.TotalSeconds, 2),
    sent = result.Sent,
    accepted = result.Accepted,
    acceptedPerSecond = Math.Round(result.Accepted / result.Elapsed.TotalSeconds),
    p50Ms = Math.Round(Percentile(0.50), 2),
    p99Ms = Math.Round(Percentile(0.99), 2),
    maxMs = Math.Round(latencies.Count == 0 ? double.NaN : latencies[^1], 2),
    statuses = result.Statuses.OrderBy(s => s.Key).ToDictionary(),
    peakRssMb = rss.PeakMb,
};
Console.WriteLine($"c={summary.concurrency,-4} accepted/s={summary.acceptedPerSecond,-7} p50={summary.p50Ms} ms  p99={summary.p99Ms} ms  " +
    $"max={summary.maxMs} ms  sent={summary.sent} statuses={string.Join(",", summary.statuses.Select(s => $"{s.Key}:{s.Value}"))}" +
    (options.Pid is null ? "" : $"  peak RSS={summary.peakRssMb} MB"));
if (options.Timeline)
    foreach (var (second, statuses) in result.Timeline.OrderBy(t => t.Key))
        Console.WriteLine($"  t={second,3}s {string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}");
if (options.JsonFile is { } json)
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(summary));
return 0;

async Task<Result> RunAsync(TimeSpan duration, bool record)
{
    var statuses = new ConcurrentDictionary<string, long>();
    var timeline = new ConcurrentDictionary<int, ConcurrentDictionary<string, long>>();
    var perWorker = new List<double>[options.Concurrency];
    long sent = 0, accepted = 0;
    var watch = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(async () =>
    {
        var mine = perWorker[w] = new List<double>(16 * 1024);
        while (watch.Elapsed < duration)
        {
            var n = Interlocked.Increment(ref sequence);
            if (options.Max is { } max && n > max)
                break;
            Interlocked.Increment(ref sent);
            var senderIndex = (int)(n % options.Senders);
            var sid = $"SM{Guid.NewGuid():N}";
            // Values stay below every ceiling; --unique-values makes each reply text unique (the fault script counts them).
            var value = options.UniqueValues ? 100 + n : 100 + n % 500;
            var from = $"whatsapp:+{options.SenderBase + senderIndex}";
            var form = new Dictionary<string, string>
            {
                ["MessageSid"] = sid, ["SmsMessageSid"] = sid, ["SmsSid"] = sid, ["AccountSid"] = "AC00000000000000000000000000000000",
                ["From"] = from, ["To"] = "whatsapp:+14155238886", ["Body"] = $"{units[senderIndex % units.Length]} {value}",
                ["NumMedia"] = "0", ["NumSegments"] = "1", ["ProfileName"] = "Load", ["WaId"] = from[10..], ["SmsStatus"] = "received",
                ["ApiVersion"] = "2010-04-01", ["MessageType"] = "text",
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(options.Token, options.PublicUrl,
                form.Select(f => KeyValuePair.Create(f.Key, new StringValues(f.Value)))));
            var start = Stopwatch.GetTimestamp();
            string status;
            try
            {
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                status = ((int)response.StatusCode).ToString();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref accepted);
                    if (record)
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (acked is not null)
                        lock (ackedLock)
                        {
                            acked.WriteLine(sid);
                            acked.Flush(); // on disk before the next request: the kill -9 check relies on it
                        }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = e is HttpRequestException { HttpRequestError: var error } ? $"error:{error}" : "error:timeout";
                await Task.Delay(50); // a dead host: do not spin
            }
            if (!record)
                continue;
            statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
            if (options.Timeline)
                timeline.GetOrAdd((int)watch.Elapsed.TotalSeconds, _ => new()).AddOrUpdate(status, 1, (_, c) => c + 1);
        }
    })).ToArray();
    await Task.WhenAll(workers);
    var elapsed = watch.Elapsed;
    return new Result(elapsed, sent, accepted, perWorker.SelectMany(l => l).ToList(), statuses.ToDictionary(),
        timeline.ToDictionary(t => t.Key, t => t.Value.ToDictionary()));
}

sealed record Result(TimeSpan Elapsed, long Sent, long Accepted, List<double> Latencies, Dictionary<string, long> Statuses,
    Dictionary<int, Dictionary<string, long>> Timeline);

/// <summary>Peak resident memory of a process, from /proc/{pid}/status VmRSS, sampled every 200 ms.</summary>
sealed class RssSampler
{
    readonly CancellationTokenSource _stop = new();
    long _peakKb;

    public RssSampler(int? pid)
    {
        if (pid is null)
            return;
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    foreach (var line in await File.ReadAllLinesAsync($"/proc/{pid}/status"))
                        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                            _peakKb = Math.Max(_peakKb, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
                }
                catch (IOException)
                {
                    // the process is gone (kill -9 runs)
                }
                await Task.Delay(200);
            }
        });
    }

    public long? PeakMb => _peakKb == 0 ? null : _peakKb / 1024;

    public void Stop() => _stop.Cancel();
}

sealed record Options(
    string Url, string PublicUrl, string Token, int Concurrency, double Seconds, double WarmupSeconds, int Senders, long SenderBase,
    string? UnitsFile, int? Pid, string? AckedFile, bool Timeline, string? JsonFile, long? Max, bool UniqueValues)
{
    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            var key = args[i][2..];
            map[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        string Get(string key, string fallback) => map.GetValueOrDefault(key, fallback);
        var url = Get("url", "http://127.0.0.1:5081/webhooks/twilio");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.IsLoopback))
            throw new ArgumentException("--url must be on loopback (127.0.0.1 or localhost)");
        return new Options(
            url,
            Get("public-url", url), // what the host checks signatures against (its Twilio:PublicBaseUrl + path)
            Get("token", "bench-auth-token"),
            int.Parse(Get("concurrency", "16")),
            double.Parse(Get("seconds", "20")),
            double.Parse(Get("warmup", "0")),
            int.Parse(Get("senders", "5000")),
            long.Parse(Get("sender-base", "919000000000")),
            map.GetValueOrDefault("units-file"),
            map.TryGetValue("pid", out var pid) ? int.Parse(pid) : null,
            map.GetValueOrDefault("acked"),
            map.ContainsKey("timeline"),
            map.GetValueOrDefault("json"),
            map.TryGetValue("max", out var max) ? long.Parse(max) : null,
            map.ContainsKey("unique-values"));
    }
}

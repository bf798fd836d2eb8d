using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReportBot.BotHost.Tests.Security;

/// <summary>
/// Keeps every log line the host writes — message, exception with its inner ones and stack, and scope values — so a
/// test can search them. Added through ReportBotApp's `services` hook.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    IExternalScopeProvider? _scopes;

    public ConcurrentQueue<string> Lines { get; } = new();

    public string All => string.Join("\n", Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            // Structured values too: a sink such as Seq or a JSON console would write them even when the text does not.
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                line += " " + string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"));
            var scopes = new List<string>();
            capture._scopes?.ForEachScope((scope, list) => list.Add(" scope=" + scope), scopes);
            line += string.Concat(scopes);
            if (exception is not null)
                line += "\n" + exception; // ToString: type, message, inner exceptions, stack
            capture.Lines.Enqueue(line);
        }
    }
}

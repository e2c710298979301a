using System.Text;
using Jint;
using Jint.Constraints;
using Jint.Runtime;

namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>
/// One JavaScript model loaded into its own Jint engine. A Jint engine runs on one thread at a time, so calls are
/// serialized by a gate; each call is bounded by a time budget and honours cancellation.
/// </summary>
internal sealed class JsModelEngine : IDisposable
{
    private const string EntryPoint = "jsnlpEntities";
    private readonly Engine _engine;
    private readonly OperationDeadlineConstraint _deadline;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _callBudget;

    private JsModelEngine(Engine engine, OperationDeadlineConstraint deadline, TimeSpan callBudget)
    {
        _engine = engine;
        _deadline = deadline;
        _callBudget = callBudget;
    }

    /// <summary>Loads <paramref name="model"/> from <paramref name="directory"/>: seconds of work, done once per process.</summary>
    public static JsModelEngine Load(JsNlpModel model, string directory, TimeSpan callBudget)
    {
        var deadline = new OperationDeadlineConstraint();
        var engine = new Engine(options => options.Strict(false).Constraint(deadline));
        var root = directory.Replace('\\', '/');
        switch (model)
        {
            case JsNlpModel.Compromise:
                // The browser build registers itself on `self`.
                engine.Execute("var self = globalThis;");
                engine.Execute(File.ReadAllText(Path.Combine(directory, "node_modules", "compromise", "builds", "compromise.js")), "compromise.js");
                engine.Execute(File.ReadAllText(Path.Combine(directory, "compromise-entities.js")), "compromise-entities.js");
                break;
            case JsNlpModel.Wink:
                engine.SetValue("__jsnlpRoot", root);
                engine.SetValue("__read", new Func<string, string>(path => File.ReadAllText(ConfinedPath(root, path))));
                engine.SetValue("atob", new Func<string, string>(Latin1FromBase64));
                engine.Execute(File.ReadAllText(Path.Combine(directory, "wink-entities.js")), "wink-entities.js");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown model.");
        }

        return new JsModelEngine(engine, deadline, callBudget);
    }

    /// <summary>Runs the model's entity function on <paramref name="text"/> and returns the JSON it answers.</summary>
    /// <exception cref="TimeoutException">The call took longer than its budget.</exception>
    public async Task<string> RecognizeAsync(string text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _deadline.Begin(_callBudget, cancellationToken);
            try
            {
                return _engine.Invoke(EntryPoint, text).AsString();
            }
            finally
            {
                _deadline.End();
            }
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or ExecutionCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"The JavaScript model took longer than {_callBudget.TotalSeconds:0} s on a text of {text.Length} characters.", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _engine.Dispose();
        _gate.Dispose();
    }

    /// <summary>The browser's <c>atob</c>: base64 to a string with one character per byte.</summary>
    private static string Latin1FromBase64(string base64) => Encoding.Latin1.GetString(Convert.FromBase64String(base64));

    /// <summary>The model's require() may read only files of the model folder.</summary>
    private static string ConfinedPath(string root, string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new UnauthorizedAccessException($"The JavaScript model asked for {path}, outside {root}.");
    }
}

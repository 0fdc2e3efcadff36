using Roughneck.Credentials;
using Roughneck.Processes;

namespace Roughneck.Targets;

/// <summary>
/// Credentials: the local age-encrypted store. --list prints names only; --set=NAME reads the
/// value from standard input (hidden when it is a terminal), never from the command line;
/// --remove=NAME. CI keeps its tokens in the environment and never needs this.
/// </summary>
public static class CredentialsStep
{
    public static void Run(Session s, CredentialCommand command) =>
        Execute(AgeStore.FromEnvironment(s.Environment, s.Redactor, s.Log), command, s.Environment, s.Log, ReadValue);

    public static void Execute(AgeStore store, CredentialCommand command, IReadOnlyDictionary<string, string> environment,
        ILog log, Func<string, string> readValue)
    {
        if (command.Problem() is { } problem) throw new CredentialStoreException("Credentials: " + problem);
        if (command.List)
        {
            if (!store.Exists)
            {
                log.Info($"Credentials: no store at {store.Location} (create it with --set=NAME; see docs/credentials.md)");
                return;
            }
            var names = store.Names();
            log.Info($"Credentials: {names.Count} name(s) in {store.Location}");
            foreach (var name in names)
            {
                var shadowed = environment.TryGetValue(name, out var v) && v.Length > 0;
                log.Info("  " + name + (shadowed ? "  (also set in the environment, which wins)" : ""));
            }
            return;
        }
        if (command.Set is { } set)
        {
            var value = readValue(set);
            if (value.Length == 0)
            {
                throw new CredentialStoreException($"Credentials: no value for {set} on standard input; e.g. printf %s \"$TOKEN\" | ./build.sh --target=Credentials --set={set}");
            }
            CredentialFile.CheckValue(set, value);
            store.Set(set, value);
            log.Info($"Credentials: stored {set} in {store.Location}");
            return;
        }
        var remove = command.Remove!;
        if (!store.Exists || !store.Remove(remove))
        {
            log.Warn($"Credentials: {remove} is not in {store.Location}; nothing changed");
            return;
        }
        log.Info($"Credentials: removed {remove} from {store.Location} (the previous version is in {store.BackupFile})");
    }

    /// <summary>The value from standard input: typed without echo on a terminal, else the whole input (one trailing line break dropped).</summary>
    public static string ReadValue(string name)
    {
        if (!Console.IsInputRedirected)
        {
            Console.Error.Write($"Value for {name} (not shown): ");
            var typed = new System.Text.StringBuilder();
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter) break;
                if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
                else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
            }
            Console.Error.WriteLine();
            return typed.ToString();
        }
        return TrimOneLineBreak(Console.In.ReadToEnd());
    }

    public static string TrimOneLineBreak(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
}

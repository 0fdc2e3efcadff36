using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration.Support;

/// <summary>
/// The real ansible and ansible-playbook on this machine (connection local), with the repo's
/// roles, modules and action plugins as the product's ansible.cfg wires them, and a private HOME.
/// </summary>
internal static class LocalAnsible
{
    /// <param name="home">HOME for the run (ansible's temporary files and caches go there).</param>
    /// <param name="actionPlugins">false: Roughneck's modules run as plain modules (AnsiballZ), without their action plugins.</param>
    public static Dictionary<string, string> Environment(string home, bool actionPlugins = true)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = home,
            ["ANSIBLE_ROLES_PATH"] = RepoRoot.Combine("ansible", "roles"),
            ["ANSIBLE_LIBRARY"] = RepoRoot.Combine("ansible", "library"),
            ["ANSIBLE_LOCALHOST_WARNING"] = "False",
            ["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "False",
            ["ANSIBLE_PYTHON_INTERPRETER"] = "/usr/bin/python3",
            ["ANSIBLE_NOCOLOR"] = "True",
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "False",
        };
        if (actionPlugins) environment["ANSIBLE_ACTION_PLUGINS"] = RepoRoot.Combine("ansible", "action_plugins");
        return environment;
    }

    /// <summary>ansible-playbook on localhost with the given extra arguments.</summary>
    public static (int Exit, string Output) Playbook(string home, string playbook, params string[] extra)
    {
        Requirements.Commands("ansible-playbook");
        return ProcessCapture.RunIn(Environment(home), "ansible-playbook", home, new[] { "-i", "localhost,", playbook }.Concat(extra).ToArray());
    }

    /// <summary>One module ad hoc on localhost with the given extra arguments.</summary>
    public static (int Exit, string Output) Module(string home, string module, string arguments, bool actionPlugins, params string[] extra)
    {
        Requirements.Commands("ansible");
        return ProcessCapture.RunIn(Environment(home, actionPlugins), "ansible", home,
            new[] { "localhost", "-c", "local", "-m", module, "-a", arguments }.Concat(extra).ToArray());
    }
}

using Roughneck.Health;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>CheckDefinition.Load: roles/&lt;role&gt;/checks.yml, in the order of the roles asked for.</summary>
public sealed class CheckDefinitionTests : IDisposable
{
    private readonly TempDirectory _roles = new();

    public CheckDefinitionTests()
    {
        _roles.Write("common/checks.yml", """
            - name: sshd active
              run: systemctl is-active --quiet ssh
              fix: "journalctl -u ssh"
            - name: disk has room
              run: |
                test "$(df --output=pcent / | tail -1 | tr -dc 0-9)" -lt 95

            """);
        _roles.Write("docker/checks.yml", "- name: daemon answers\n  run: docker info\n");
        Directory.CreateDirectory(_roles.Combine("git"));
        _roles.Write("empty/checks.yml", "# no checks yet\n");
    }

    public void Dispose() => _roles.Dispose();

    [Fact]
    public void Checks_come_in_the_order_of_the_roles()
    {
        var checks = CheckDefinition.Load(_roles.Path, new[] { "docker", "git", "common", "empty", "absent" });

        Assert.Equal(
            new[] { ("docker", "daemon answers"), ("common", "sshd active"), ("common", "disk has room") },
            checks.Select(c => (c.Role, c.Name)));
    }

    [Fact]
    public void Fields_are_read_and_fix_is_optional()
    {
        var checks = CheckDefinition.Load(_roles.Path, new[] { "common", "docker" });

        Assert.Equal("journalctl -u ssh", checks[0].Fix);
        Assert.Equal("test \"$(df --output=pcent / | tail -1 | tr -dc 0-9)\" -lt 95\n", checks[1].Run);
        Assert.Equal("", checks[2].Fix);
    }

    [Fact]
    public void Check_without_run_names_the_file_and_the_field()
    {
        var file = _roles.Write("broken/checks.yml", "- name: half a check\n  fix: nothing\n");

        var error = Assert.Throws<FormatException>(() => CheckDefinition.Load(_roles.Path, new[] { "broken" }));

        Assert.Contains(file + ":1: a check needs 'run'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_instead_of_list_is_refused()
    {
        _roles.Write("mapped/checks.yml", "name: x\nrun: true\n");

        var error = Assert.Throws<FormatException>(() => CheckDefinition.Load(_roles.Path, new[] { "mapped" }));

        Assert.Contains("expected a list of checks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_checks_all_load_with_unique_names_per_role()
    {
        var rolesDir = RepoRoot.Combine("ansible", "roles");
        var roles = Directory.GetDirectories(rolesDir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

        var checks = CheckDefinition.Load(rolesDir, roles);

        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Run), $"{c.Role}: {c.Name}"));
        Assert.Equal(checks.Count, checks.Select(c => (c.Role, c.Name)).Distinct().Count());
    }

    [Fact]
    public void A_check_may_ask_for_a_longer_timeout()
    {
        _roles.Write("slow/checks.yml", "- name: doctor\n  run: gt doctor\n  timeout: 90\n- name: quick\n  run: true\n");

        var checks = CheckDefinition.Load(_roles.Path, new[] { "slow" });

        Assert.Equal(new int?[] { 90, null }, checks.Select(c => c.TimeoutSeconds));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("ninety")]
    [InlineData("-5")]
    public void A_bad_timeout_names_the_file_and_the_value(string value)
    {
        var file = _roles.Write("badtimeout/checks.yml", $"- name: doctor\n  run: gt doctor\n  timeout: {value}\n");

        var error = Assert.Throws<FormatException>(() => CheckDefinition.Load(_roles.Path, new[] { "badtimeout" }));

        Assert.Contains(file + ":1: 'timeout' must be a whole number of seconds from 1 to 300, not '" + value + "'", error.Message, StringComparison.Ordinal);
    }
}

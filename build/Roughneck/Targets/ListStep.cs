using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Terraform;

namespace Roughneck.Targets;

public sealed record DeploymentRow(string Name, string Provider, string Region, string Address, string State)
{
    /// <summary>List --live only: what the machine answered.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Operator.LiveStatus? Live { get; init; }
}

/// <summary>
/// List: every deployment with its provider, address and state, from local files (no network);
/// --live also asks each machine, in parallel, over its pinned SSH connection.
/// </summary>
public static class ListStep
{
    public static void Run(Session s)
    {
        var rows = Rows(s);
        if (s.Arguments.Live)
        {
            var live = new Operator.LiveProbe(s.Processes)
                .ProbeAllAsync(rows.Select(r => DeploymentPaths.For(s.Repo, r.Name))).GetAwaiter().GetResult();
            rows = rows.Select(r => r with { Live = live[r.Name] }).ToList();
        }
        if (s.Arguments.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return;
        }
        var width = Math.Max(10, rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length));
        s.Log.Info($"{"NAME".PadRight(width)}  {"PROVIDER",-12}  {"REGION",-10}  {"ADDRESS",-22}  STATE");
        foreach (var r in rows)
        {
            s.Log.Info($"{r.Name.PadRight(width)}  {r.Provider,-12}  {r.Region,-10}  {r.Address,-22}  {r.State}{(r.Live is null ? "" : "; " + r.Live.OneLine)}");
        }
    }

    public static IReadOnlyList<DeploymentRow> Rows(Session s)
    {
        var schema = new SpecSchema(s.Features);
        var loader = new SpecLoader(schema, s.Providers, s.Repo.DeploymentsDir);
        var rows = new List<DeploymentRow>();
        foreach (var name in DeploymentDirectory.Names(s.Repo.DeploymentsDir))
        {
            var paths = DeploymentPaths.For(s.Repo, name);
            try
            {
                var spec = loader.Load(name, new Dictionary<string, string>(), new Dictionary<string, string>());
                var outputs = TerraformOutputs.ReadFile(paths.Outputs);
                rows.Add(new DeploymentRow(name, spec.Provider, spec.Region,
                    outputs is null ? "-" : $"{outputs.Address}:{outputs.Port}", StateOf(paths)));
            }
            catch (SpecException e)
            {
                rows.Add(new DeploymentRow(name, "?", "?", "-", "invalid spec: " + e.Problems[0].Message));
            }
        }
        return rows;
    }

    private static string StateOf(DeploymentPaths paths)
    {
        var report = Path.Combine(paths.ReportsDir, "validate.json");
        if (File.Exists(report))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(report));
            var ok = doc.RootElement.GetProperty("success").GetBoolean();
            var at = doc.RootElement.GetProperty("started_at").GetDateTimeOffset();
            return $"{(ok ? "validated" : "validate failed")} {at.UtcDateTime:yyyy-MM-dd HH:mm}Z";
        }
        if (File.Exists(paths.ExtraVars)) return "provisioned";
        if (File.Exists(paths.Outputs)) return "applied";
        if (File.Exists(paths.TfVars)) return "initialised";
        return "not deployed";
    }
}

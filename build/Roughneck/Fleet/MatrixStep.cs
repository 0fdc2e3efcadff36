using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Targets;

namespace Roughneck.Fleet;

/// <summary>
/// Matrix: the selection as a GitHub Actions matrix, {"include":[{deployment, provider, region}]},
/// on standard output and nothing else there; also "matrix=..." appended to GITHUB_OUTPUT when
/// it is set. It reads only the specs: no cloud, no Terraform.
/// </summary>
public static class MatrixStep
{
    public const string TargetName = "Matrix";

    public static void Run(Session s)
    {
        var json = Json(s.Selection);
        ResultOutput.Write(s.Environment, json);
        if (s.Environment.TryGetValue("GITHUB_OUTPUT", out var output) && output.Length > 0)
        {
            File.AppendAllText(output, "matrix=" + json + "\n");
        }
        s.Log.Detail($"Matrix: {s.Selection.Count} deployment(s)");
    }

    public static string Json(IReadOnlyList<DeploymentSpec> specs) => JsonSerializer.Serialize(new
    {
        include = specs.Select(spec => new { deployment = spec.Name, provider = spec.Provider, region = spec.Region }),
    });
}

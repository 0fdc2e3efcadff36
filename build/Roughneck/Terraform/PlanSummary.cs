using System.Text.Json;

namespace Roughneck.Terraform;

public sealed record ResourceChange(string Address, string Type, string Action);

/// <summary>What a saved plan will do, read from `terraform show -json`.</summary>
public sealed record PlanSummary(IReadOnlyList<ResourceChange> Changes)
{
    public int Adds => Changes.Count(c => c.Action is "create" or "replace");
    public int Updates => Changes.Count(c => c.Action == "update");
    public int Destroys => Changes.Count(c => c.Action is "delete" or "replace");
    public int Replaces => Changes.Count(c => c.Action == "replace");
    public bool HasChanges => Changes.Count > 0;

    public string OneLine => HasChanges
        ? $"{Adds} to add, {Updates} to change, {Destroys} to destroy"
        : "no changes";

    public static PlanSummary Parse(string showJson)
    {
        using var document = JsonDocument.Parse(showJson);
        var changes = new List<ResourceChange>();
        if (document.RootElement.TryGetProperty("resource_changes", out var resources))
        {
            foreach (var resource in resources.EnumerateArray())
            {
                var actions = resource.GetProperty("change").GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToList();
                var action = actions switch
                {
                    ["create"] => "create",
                    ["update"] => "update",
                    ["delete"] => "delete",
                    ["delete", "create"] or ["create", "delete"] => "replace",
                    _ => null, // no-op, read
                };
                if (action is null) continue;
                changes.Add(new ResourceChange(
                    resource.GetProperty("address").GetString() ?? "",
                    resource.GetProperty("type").GetString() ?? "",
                    action));
            }
        }
        return new PlanSummary(changes);
    }

    public IEnumerable<string> Lines() =>
        Changes.Select(c => $"  {Symbol(c.Action)} {c.Address} ({c.Action})");

    public static string Symbol(string action) => action switch
    {
        "create" => "+",
        "update" => "~",
        "delete" => "-",
        _ => "-/+",
    };
}

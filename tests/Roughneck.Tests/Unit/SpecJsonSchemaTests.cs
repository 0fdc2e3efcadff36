using System.Text.Json;
using Json.Schema;
using Roughneck.Deployments;
using Roughneck.Operator;
using Roughneck.Tests.TestSupport;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Roughneck.Tests.Unit;

/// <summary>
/// docs/deployment.schema.json is generated from the validator's keys and catalogs and must stay
/// equal to them; editors check specs with it. Regenerate: ROUGHNECK_UPDATE_SCHEMA=1 and run
/// these tests once.
/// </summary>
public class SpecJsonSchemaTests
{
    private static readonly string Committed = RepoRoot.Combine("docs", "deployment.schema.json");
    private static string Generated => SpecJsonSchema.Generate(Catalogs.Schema, Catalogs.Providers);

    [Fact]
    public void Committed_schema_matches_the_validator()
    {
        if (Environment.GetEnvironmentVariable("ROUGHNECK_UPDATE_SCHEMA") == "1") File.WriteAllText(Committed, Generated);
        Assert.True(File.Exists(Committed), "docs/deployment.schema.json is missing");
        Assert.True(File.ReadAllText(Committed) == Generated,
            "docs/deployment.schema.json is out of date with SpecSchema, catalog.yml or features.yml: run the unit tests once with ROUGHNECK_UPDATE_SCHEMA=1");
    }

    [Fact]
    public void Every_spec_key_has_a_property_with_its_description()
    {
        using var doc = JsonDocument.Parse(Generated);
        foreach (var key in Catalogs.Schema.Keys)
        {
            var node = doc.RootElement.GetProperty("properties");
            var parts = key.Path.Split('.');
            if (parts.Length == 2) node = node.GetProperty(parts[0]).GetProperty("properties");
            var property = node.GetProperty(parts[^1]);
            Assert.StartsWith(key.Description, property.GetProperty("description").GetString());
        }
    }

    [Fact]
    public void Enumerations_come_from_the_catalogs_the_validator_uses()
    {
        using var doc = JsonDocument.Parse(Generated);
        var properties = doc.RootElement.GetProperty("properties");
        Assert.Equal(SpecChoices.Providers, properties.GetProperty("provider").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(SpecChoices.TlsModes, properties.GetProperty("tls").GetProperty("properties").GetProperty("mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        var hetznerRule = doc.RootElement.GetProperty("allOf").EnumerateArray()
            .Single(r => r.GetProperty("if").GetProperty("properties").GetProperty("provider").GetProperty("const").GetString() == "hetzner");
        Assert.Equal(Catalogs.Providers.Find("hetzner")!.Regions,
            hetznerRule.GetProperty("then").GetProperty("properties").GetProperty("region").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(Catalogs.Features.Features.Select(f => f.Name),
            properties.GetProperty("features").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    public static IEnumerable<object[]> ExampleSpecs() =>
        Directory.GetDirectories(RepoRoot.Combine("deployments")).Select(d => new object[] { Path.GetFileName(d) });

    [Theory]
    [MemberData(nameof(ExampleSpecs))]
    public void Example_specs_name_the_schema_and_pass_it(string name)
    {
        var text = File.ReadAllText(RepoRoot.Combine("deployments", name, "deployment.yaml"));
        Assert.StartsWith(SpecYamlWriter.SchemaLine("../../" + SpecJsonSchema.RepoPath) + "\n", text);
        var result = Evaluate(text);
        Assert.True(result.IsValid, name + ": " + Describe(result));
    }

    [Theory]
    [InlineData("provider: hetzner\nregion: us-east-1\nssh: {allowed_cidrs: [203.0.113.0/24]}\n")] // an AWS region on Hetzner
    [InlineData("provider: local\nsize: cx33\n")]                                                   // a Hetzner size on local
    [InlineData("provider: local\nssh: {prot: 22}\n")]                                              // a misspelt key
    [InlineData("provider: local\nfeatures: {docker: yes}\n")]                                      // a string where a boolean goes
    [InlineData("provider: local\ntls: {mode: acme}\n")]                                            // not a TLS mode
    [InlineData("provider: azure\n")]                                                               // not a provider
    public void Schema_refuses_what_the_validator_refuses(string yaml)
    {
        Assert.False(Evaluate(yaml).IsValid, yaml);
        Assert.ThrowsAny<SpecException>(() => Specs.Load(yaml));
    }

    [Fact]
    public void Schema_accepts_a_spec_the_validator_accepts()
    {
        const string yaml = "provider: hetzner\nregion: nbg1\nsize: cax21\nfallback: {sizes: [cx33]}\nssh: {allowed_cidrs: [203.0.113.0/24], port: 2222}\nfeatures: {k9s: true}\ntags: {team: a}\n";
        Specs.Load(yaml);
        var result = Evaluate(yaml);
        Assert.True(result.IsValid, Describe(result));
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        var schema = JsonSchema.FromText(Generated);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = JsonSerializer.SerializeToElement(YamlToObject.Convert(stream.Documents[0].RootNode));
        return schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? new List<EvaluationResults>()).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}

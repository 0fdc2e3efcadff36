using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>TerraformOutputs.Parse over `terraform output -json`.</summary>
public class TerraformOutputsTests
{
    private const string All = """
        {
          "address": {"sensitive": false, "type": "string", "value": "203.0.113.10"},
          "port": {"sensitive": false, "type": "number", "value": 2222},
          "user": {"sensitive": false, "type": "string", "value": "roughneck"},
          "host_key_fingerprint": {"sensitive": false, "type": "string", "value": "SHA256:AxiDQSaRp7KRQliWM8kwnILGvhpU5EqJTWdtUqjdEng"},
          "server_id": {"sensitive": false, "type": "string", "value": "58214437"},
          "region": {"sensitive": false, "type": "string", "value": "fsn1"},
          "size": {"sensitive": false, "type": "string", "value": "cx33"},
          "http_proxy": {"sensitive": false, "type": "string", "value": ""}
        }
        """;

    [Fact]
    public void All_outputs_are_read()
    {
        var outputs = TerraformOutputs.Parse(All);

        Assert.Equal(
            new TerraformOutputs("203.0.113.10", 2222, "roughneck", "SHA256:AxiDQSaRp7KRQliWM8kwnILGvhpU5EqJTWdtUqjdEng", "58214437", "fsn1", "cx33", ""),
            outputs);
    }

    [Fact]
    public void Null_output_reads_as_empty()
    {
        var outputs = TerraformOutputs.Parse(All.Replace("\"value\": \"\"", "\"value\": null", StringComparison.Ordinal));

        Assert.Equal("", outputs.HttpProxy);
    }

    [Fact]
    public void Missing_outputs_are_named()
    {
        var json = All
            .Replace("\"server_id\"", "\"server\"", StringComparison.Ordinal)
            .Replace("\"http_proxy\"", "\"proxy\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidOperationException>(() => TerraformOutputs.Parse(json));

        Assert.Equal("the root module lacks the outputs server_id, http_proxy", error.Message);
    }

    [Fact]
    public void No_outputs_means_not_applied()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TerraformOutputs.Parse("{}"));

        Assert.Equal("terraform has no outputs: the deployment is not applied", error.Message);
    }

    [Fact]
    public void Json_round_trips_through_the_outputs_file()
    {
        using var temp = new TestSupport.TempDirectory();
        var outputs = TerraformOutputs.Parse(All);
        var file = temp.Write("outputs.json", outputs.ToJson());

        Assert.Equal(outputs, TerraformOutputs.ReadFile(file));
        Assert.Null(TerraformOutputs.ReadFile(temp.Combine("absent.json")));
    }
}

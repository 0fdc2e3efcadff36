using System.Text.Json;
using Roughneck.Fleet;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Fleet;

public class MatrixJsonTests
{
    [Fact]
    public void Matrix_is_include_with_deployment_provider_and_region_and_nothing_else()
    {
        var eu = Specs.Load(Specs.Yaml("provider: hetzner", "region: fsn1", "ssh: {allowed_cidrs: [203.0.113.0/24]}"), folder: "gastown-eu");
        var local = Specs.Load(Specs.Yaml("provider: local"), folder: "local-demo");

        var json = MatrixStep.Json(new[] { eu, local });

        Assert.Equal("""{"include":[{"deployment":"gastown-eu","provider":"hetzner","region":"fsn1"},{"deployment":"local-demo","provider":"local","region":"local"}]}""", json);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(json).RootElement.GetProperty("include").ValueKind);
        Assert.Equal("""{"include":[]}""", MatrixStep.Json(Array.Empty<Roughneck.Deployments.DeploymentSpec>()));
    }
}

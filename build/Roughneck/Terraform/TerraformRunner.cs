using Roughneck.Processes;

namespace Roughneck.Terraform;

/// <summary>Runs terraform (or tofu) verbs from their settings and maps exit codes.</summary>
public sealed class TerraformRunner
{
    private readonly IProcessRunner _processes;

    public TerraformRunner(IProcessRunner processes) => _processes = processes;

    public async Task InitAsync(TerraformInitSettings settings, CancellationToken ct = default) =>
        await RunCheckedAsync("init", settings, stream: true, ct);

    public async Task<PlanOutcome> PlanAsync(TerraformPlanSettings settings, CancellationToken ct = default)
    {
        var result = await RunAsync(settings, stream: true, ct);
        return PlanExitCode.Map(result.ExitCode, result.StandardError);
    }

    public async Task ApplyAsync(TerraformApplySettings settings, CancellationToken ct = default) =>
        await RunCheckedAsync("apply", settings, stream: true, ct);

    public async Task<PlanSummary> ShowPlanAsync(TerraformShowSettings settings, CancellationToken ct = default) =>
        PlanSummary.Parse((await RunCheckedAsync("show", settings, stream: false, ct)).StandardOutput);

    public async Task<string> ShowJsonAsync(TerraformShowSettings settings, CancellationToken ct = default) =>
        (await RunCheckedAsync("show", settings, stream: false, ct)).StandardOutput;

    public async Task<string> OutputJsonAsync(TerraformOutputSettings settings, CancellationToken ct = default) =>
        (await RunCheckedAsync("output", settings, stream: false, ct)).StandardOutput;

    public async Task<IReadOnlyList<string>> StateListAsync(TerraformStateListSettings settings, CancellationToken ct = default) =>
        (await RunCheckedAsync("state list", settings, stream: false, ct)).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task<string> StatePullAsync(TerraformStatePullSettings settings, CancellationToken ct = default) =>
        (await RunCheckedAsync("state pull", settings, stream: false, ct)).StandardOutput;

    public async Task StatePushAsync(TerraformStatePushSettings settings, CancellationToken ct = default) =>
        await RunCheckedAsync("state push", settings, stream: false, ct);

    public async Task<string> VersionJsonAsync(TerraformVersionSettings settings, CancellationToken ct = default) =>
        (await RunCheckedAsync("version", settings, stream: false, ct)).StandardOutput;

    public async Task DestroyAsync(TerraformDestroySettings settings, CancellationToken ct = default) =>
        await RunCheckedAsync("destroy", settings, stream: true, ct);

    private async Task<ProcessResult> RunCheckedAsync(string verb, TerraformSettings settings, bool stream, CancellationToken ct)
    {
        var result = await RunAsync(settings, stream, ct);
        if (result.ExitCode != 0)
        {
            throw new TerraformException(verb, result.ExitCode, result.StandardError);
        }
        return result;
    }

    private Task<ProcessResult> RunAsync(TerraformSettings settings, bool stream, CancellationToken ct) =>
        _processes.RunAsync(
            new ProcessSpec(settings.Binary, settings.ToArguments(), Environment: settings.ToEnvironment()) { InheritsCloudTokens = true },
            new ProcessOptions { Stream = stream },
            ct);
}

// Roughneck's target graph. Every task is one call into the library (build/Roughneck);
// parameters are gathered once, in Setup, into a Session.
#r "build/.cache/lib/Roughneck.dll"
#r "build/.cache/lib/YamlDotNet.dll"
#r "build/.cache/lib/CliWrap.dll"

using Roughneck.Ci;
using Roughneck.Fleet;
using Roughneck.Operator;
using Roughneck.Targets;

var target = Argument("target", "Help");
var arguments = Context.Arguments.GetArguments().ToDictionary(a => a.Key, a => a.Value.LastOrDefault() ?? "");

Session session = null;

Setup<Session>(context => session = Session.FromCake(
    context.Environment.WorkingDirectory.FullPath,
    arguments,
    System.Environment.GetEnvironmentVariables()));

// Plain Teardown: it also runs when Setup refused the arguments and no session exists.
Teardown(context =>
{
    FailureAdvice.Print(session);
    session?.Dispose();
});

// Under GitHub Actions: a group per task, an annotation naming deployment and step on failure, the job summary.
TaskSetup(context => TaskHooks.Begin(session, context.Task.Name));
TaskTeardown(context =>
{
    FailureAdvice.Record(session, context.Task.Name, context.Successful, context.ThrownException);
    TaskHooks.End(session, context.Task.Name, context.Successful, context.ThrownException);
});

Task("Help")
    .Description("Lists the targets and how to call them.")
    .Does<Session>(HelpStep.Run);

Task("New")
    .Description("Creates deployments/NAME/deployment.yaml: a wizard on a terminal, flags otherwise.")
    .Does<Session>(NewStep.Run);

Task("Edit")
    .Description("Opens the spec in $VISUAL/$EDITOR, validates on save (reopens on an error), then offers Plan.")
    .Does<Session>(EditStep.Run);

Task("Init")
    .Description("Keys, tfvars and terraform init in the deployment's own data dir.")
    .Does<Session>(InitStep.Run);

Task("Plan")
    .Description("Saved plan with a summary of changes and the cost; Markdown in .roughneck/plan.md.")
    .IsDependentOn("Init")
    .Does<Session>(PlanStep.Run);

Task("Apply")
    .Description("Applies the saved plan when it has changes; records outputs and pins the host key.")
    .IsDependentOn("Plan")
    .Does<Session>(ApplyStep.Run);

Task("Provision")
    .Description("Runs the Ansible playbook over the pinned SSH connection (idempotent).")
    .Does<Session>(ProvisionStep.Run);

Task("Validate")
    .Description("Checks the workspace over SSH; JUnit, JSON and Markdown reports; fails on any failed check.")
    .Does<Session>(ValidateStep.Run);

Task("Deploy")
    .Description("Init, Plan, Apply (only with changes), Provision, Validate; ends with where the workspace is and what it costs.")
    .IsDependentOn("Apply")
    .IsDependentOn("Provision")
    .IsDependentOn("Validate")
    .Does<Session>(DeploySummary.Run);

Task("Update")
    .Description("Upgrades packages and pinned tools: --only=apt,ai_clis,dev_tools.")
    .Does<Session>(ProvisionStep.Update);

Task("Drift")
    .Description("What changed behind Roughneck's back: refresh-only plan and the playbook in check mode; exit 2 on drift.")
    .IsDependentOn("Init")
    .Does<Session>(DriftStep.Run);

Task("Matrix")
    .Description("The selection as a GitHub Actions matrix, JSON on stdout only (and matrix= in GITHUB_OUTPUT).")
    .Does<Session>(MatrixStep.Run);

// A target over a selection (--deployment=a,b / 'glob-*' / --all / --tags): its chain per deployment, in the library.
Task(FleetChain.FleetTaskName)
    .Description("Runs the target over every selected deployment (chosen automatically; not a target of its own).")
    .Does<Session>(FleetTarget.Run);

Task("Destroy")
    .Description("Destroys the machine and removes everything generated; the spec stays.")
    .Does<Session>(DestroyStep.Run);

Task("List")
    .Description("Every deployment with provider, address and state (--json for JSON).")
    .Does<Session>(ListStep.Run);

Task("Tunnel")
    .Description("Forwards a local port to code-server on the machine until Ctrl-C (--port=, --print).")
    .Does<Session>(TunnelStep.Run);

Task("Ssh")
    .Description("Opens a shell on the machine with the pinned host key (--print prints the command).")
    .Does<Session>(SshStep.Run);

Task("Credentials")
    .Description("Local age-encrypted credential store: --list, --set=NAME (value on stdin), --remove=NAME.")
    .Does<Session>(s => CredentialsStep.Run(s, s.Arguments.Credentials));

Task("Catalog")
    .Description("Sizes and prices: --provider=P [--region=R] lists them cheapest first; --refresh rewrites terraform/catalog.yml and the Terraform lists.")
    .Does<Session>(CatalogStep.Run);

Task("Test")
    .Description("Unit and integration tests; ends with 'N passed, N failed'.")
    .Does<Session>(TestStep.Run);

// Drift exits 2, not Cake's 1: after Cake's summary, the session's exit code wins.
// Cake finds a task whatever the case of its name; the library compares names exactly: hand it
// the task's own spelling (--target=matrix is Matrix).
target = Tasks.FirstOrDefault(t => string.Equals(t.Name, target, StringComparison.OrdinalIgnoreCase))?.Name ?? target;
if (arguments.ContainsKey("target")) arguments["target"] = target;
try
{
    RunTarget(FleetChain.CakeTask(target, arguments));
}
catch (Exception e) when (session?.ExitCode > 1)
{
    System.Console.Error.WriteLine("Error: " + (e.InnerException ?? e).Message);
    System.Environment.Exit(session.ExitCode);
}

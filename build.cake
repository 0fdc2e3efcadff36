// Roughneck's target graph. Every task is one call into the library (build/Roughneck);
// parameters are gathered once, in Setup, into a Session.
#r "build/.cache/lib/Roughneck.dll"
#r "build/.cache/lib/YamlDotNet.dll"
#r "build/.cache/lib/CliWrap.dll"

using Roughneck.Targets;

var target = Argument("target", "Help");

Session session = null;

Setup<Session>(context => session = Session.FromCake(
    context.Environment.WorkingDirectory.FullPath,
    context.Arguments.GetArguments().ToDictionary(a => a.Key, a => a.Value.LastOrDefault() ?? ""),
    System.Environment.GetEnvironmentVariables()));

// Plain Teardown: it also runs when Setup refused the arguments and no session exists.
Teardown(context => session?.Dispose());

Task("Help")
    .Description("Lists the targets and how to call them.")
    .Does<Session>(HelpStep.Run);

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
    .Description("Init, Plan, Apply (only with changes), Provision, Validate.")
    .IsDependentOn("Apply")
    .IsDependentOn("Provision")
    .IsDependentOn("Validate");

Task("Update")
    .Description("Upgrades packages and pinned tools: --only=apt,ai_clis,dev_tools.")
    .Does<Session>(ProvisionStep.Update);

Task("Destroy")
    .Description("Destroys the machine and removes everything generated; the spec stays.")
    .Does<Session>(DestroyStep.Run);

Task("List")
    .Description("Every deployment with provider, address and state (--json for JSON).")
    .Does<Session>(ListStep.Run);

Task("Ssh")
    .Description("Opens a shell on the machine with the pinned host key (--print prints the command).")
    .Does<Session>(SshStep.Run);

Task("Credentials")
    .Description("Local age-encrypted credential store: --list, --set=NAME (value on stdin), --remove=NAME.")
    .Does<Session>(s => CredentialsStep.Run(s, s.Arguments.Credentials));

Task("Test")
    .Description("Unit and integration tests; ends with 'N passed, N failed'.")
    .Does<Session>(TestStep.Run);

RunTarget(target);

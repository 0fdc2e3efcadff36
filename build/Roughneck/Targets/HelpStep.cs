namespace Roughneck.Targets;

public static class HelpStep
{
    public static void Run(Session s) => s.Log.Info("""
        Roughneck: cloud development workspaces for AI coding agents.

          ./build.sh --target=New [--deployment=NAME]      create a spec: a wizard, or flags (--provider=, --region=, ...)
          ./build.sh --target=Edit --deployment=NAME      edit the spec in $EDITOR, validated on save
          ./build.sh --target=Deploy --deployment=NAME    Init, Plan, Apply, Provision, Validate
          ./build.sh --target=Tunnel --deployment=NAME    code-server on http://127.0.0.1:PORT/ (--port=, --print)
          ./build.sh --target=Plan --deployment=NAME      what would change, and the cost
          ./build.sh --target=Provision|Validate|Update|Destroy|Ssh --deployment=NAME
          ./build.sh --target=List [--live] [--json]      every deployment and its state
          ./build.sh --target=Catalog --provider=P [--region=R]   sizes and prices, cheapest first
          ./build.sh --target=Catalog --refresh           rewrite terraform/catalog.yml from the APIs
          ./build.sh --target=Test                        the test suite
          ./build.sh --target=Credentials --list|--set=NAME|--remove=NAME
                                                          local age-encrypted tokens (value on stdin)

        Options: --deployment=NAME (default local-demo), --print (Ssh), --json (List),
        --check (Provision in check mode, shows drift), --only=apt,ai_clis,dev_tools (Update),
        --migrate-state (Init: copy the state to a changed state backend),
        and any spec key as --ssh-port=2222, --size=cx43, --features-docker=false.
        Cake's own: --tree, --description, --dryrun, --verbosity=diagnostic.
        """);
}

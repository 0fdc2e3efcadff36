#!/usr/bin/env node
// Proves that every check of static-check.mjs can fail: copies the modules, fixtures, schemas and
// docs/CONTRACTS.md to a temporary folder, breaks one thing per case, runs static-check.mjs on
// the copy with --root, and expects a FAIL line of the named check (and exit code 1). The
// untouched copy must pass.
//
//   node terraform/tests/static-check.selftest.mjs
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const script = join(here, "static-check.mjs");
const { staticCheck } = await import(script);

function freshCopy() {
  const dir = mkdtempSync(join(tmpdir(), "rn-static-check-"));
  const skip = (src) => !/[/\\](node_modules|\.terraform)([/\\]|$)/.test(src);
  cpSync(join(repo, "terraform"), join(dir, "terraform"), { recursive: true, filter: skip });
  cpSync(join(repo, "tests", "fixtures", "provider-schemas"), join(dir, "tests", "fixtures", "provider-schemas"), { recursive: true });
  cpSync(join(repo, "docs", "CONTRACTS.md"), join(dir, "docs", "CONTRACTS.md"));
  return dir;
}

function edit(dir, file, fn) {
  const p = join(dir, file);
  const before = readFileSync(p, "utf8");
  const after = fn(before);
  if (after === before) throw new Error(`mutation did not change ${file}`);
  writeFileSync(p, after);
}
const replace = (from, to) => (s) => s.replace(from, to);
const append = (text) => (s) => s + "\n" + text + "\n";
const json = (fn) => (s) => JSON.stringify(fn(JSON.parse(s)), null, 2);

const H = "terraform/modules/hetzner/main.tf";
const D = "terraform/modules/digitalocean/main.tf";
const cases = [
  ["parse", "HCL syntax error", (d) => edit(d, H, append("resource \"hcloud_ssh_key\" {"))],
  ["variables-declared", "var.nope used, not declared", (d) => edit(d, H, replace("location    = var.location", "location    = var.nope"))],
  ["locals-declared", "local.worlds used, not defined", (d) => edit(d, D, replace("source_addresses = local.world", "source_addresses = local.worlds"))],
  ["module-outputs-exist", "root uses a child output that does not exist", (d) => edit(d, "terraform/providers/hetzner/outputs.tf", replace("module.server.ipv4_address", "module.server.ipv4"))],
  ["module-call", "argument the child does not declare", (d) => edit(d, "terraform/providers/digitalocean/main.tf", replace("  user_data         = module.cloud_init.user_data", "  user_data         = module.cloud_init.user_data\n  bogus             = 1"))],
  ["module-call", "required child variable not set", (d) => edit(d, "terraform/providers/hetzner/main.tf", replace("  user_data         = module.cloud_init.user_data\n", ""))],
  ["variables-typed-described", "variable without description", (d) => edit(d, "terraform/modules/aws/variables.tf", replace(/  description = "EC2 instance type[^\n]*\n/, ""))],
  ["variables-validated", "root variable without validation", (d) => edit(d, "terraform/providers/aws/variables.tf", append('variable "extra" {\n  type        = string\n  description = "x"\n  default     = ""\n}'))],
  ["schema", "unknown argument", (d) => edit(d, H, replace("  backups     = false", "  backups     = false\n  flavor      = \"big\""))],
  ["schema", "computed-only argument set", (d) => edit(d, H, replace("  backups     = false", "  backups     = false\n  ipv4_address = \"192.0.2.1\""))],
  ["schema", "deprecated argument set", (d) => edit(d, H, replace("  backups     = false", "  backups     = false\n  datacenter  = \"fsn1-dc14\""))],
  ["schema", "required argument missing", (d) => edit(d, H, replace("  server_type = var.server_type\n", ""))],
  ["schema", "unknown nested block", (d) => edit(d, H, replace("  public_net {", "  private_net {\n  }\n\n  public_net {"))],
  ["schema", "unknown argument in nested block", (d) => edit(d, D, replace("  outbound_rule {\n    protocol              = \"udp\"", "  outbound_rule {\n    ports                 = \"22\"\n    protocol              = \"udp\""))],
  ["schema", "unknown argument in dynamic block content", (d) => edit(d, H, replace("      port        = rule.value", "      port        = rule.value\n      ports       = rule.value"))],
  ["no-provider-blocks", "a module configures its provider (legacy module)", (d) => edit(d, "terraform/providers/digitalocean/main.tf", append('provider "digitalocean" {\n}'))],
  ["bootstrap-only-user-data", "hcloud_server without ignore_changes on user_data", (d) => edit(d, H, replace("ignore_changes = [user_data, ssh_keys]", "ignore_changes = [ssh_keys]"))],
  ["bootstrap-only-user-data", "droplet without ignore_changes on ssh_keys", (d) => edit(d, D, replace("ignore_changes = [user_data, ssh_keys]", "ignore_changes = [user_data]"))],
  ["bootstrap-only-user-data", "aws_instance replaced on a user_data change", (d) => edit(d, "terraform/modules/aws/main.tf", replace("  user_data                   = var.user_data\n", "  user_data                   = var.user_data\n  user_data_replace_on_change = true\n"))],
  ["ssh-port-transition", "the previous port is never opened", (d) => edit(d, H, replace("var.ssh_port_previous == null ? [] : [var.ssh_port_previous]", "[]"))],
  ["firewall-before-server", "DigitalOcean firewall applied by droplet id", (d) => edit(d, D, replace("  tags = [digitalocean_tag.firewall.id]", "  droplet_ids = [digitalocean_droplet.this.id]"))],
  ["firewall-before-server", "droplet that does not wait for its firewall", (d) => edit(d, D, replace("  depends_on = [digitalocean_firewall.this]\n", ""))],
  ["schema", "required argument missing in nested block", (d) => edit(d, D, replace("  outbound_rule {\n    protocol              = \"udp\"", "  outbound_rule {"))],
  ["schema", "block over max_items", (d) => edit(d, D, replace("  monitoring = false", "  monitoring = false\n\n  backup_policy {\n    plan = \"daily\"\n  }\n\n  backup_policy {\n    plan = \"weekly\"\n  }"))],
  ["schema", "resource type unknown to the provider", (d) => edit(d, D, append('resource "digitalocean_vm" "x" {\n  name = "x"\n}'))],
  ["schema", "token set on the provider block is unknown", (d) => edit(d, "terraform/providers/hetzner/main.tf", append('provider "hcloud" {\n  hcloud_token = "x"\n}'))],
  ["schema-references", "reference to an attribute the resource does not have", (d) => edit(d, "terraform/modules/hetzner/outputs.tf", replace("hcloud_server.this.ipv4_address", "hcloud_server.this.ipv4"))],
  ["no-credential-inputs", "token variable", (d) => edit(d, "terraform/providers/digitalocean/variables.tf", append('variable "do_token" {\n  type        = string\n  description = "x"\n  validation {\n    condition     = var.do_token != ""\n    error_message = "x"\n  }\n}'))],
  ["providers", "second provider declared", (d) => edit(d, "terraform/providers/hetzner/versions.tf", replace('    hcloud = {', '    random = {\n      source  = "hashicorp/random"\n      version = "~> 3.6"\n    }\n    hcloud = {'))],
  ["providers", "provider version not pinned", (d) => edit(d, "terraform/modules/digitalocean/versions.tf", replace('      version = "~> 2.99"\n', ""))],
  ["tfvars-required", "required variable missing from tfvars", (d) => edit(d, "terraform/tests/fixtures/aws.tfvars.json", json((v) => (delete v.allowed_ssh_cidrs, v)))],
  ["tfvars-declared", "tfvars key the module does not declare", (d) => edit(d, "terraform/tests/fixtures/hetzner.tfvars.json", json((v) => ({ ...v, hcloud_token: "x" })))],
  ["tfvars-values", "size outside the known set", (d) => edit(d, "terraform/tests/fixtures/hetzner.tfvars.json", json((v) => ({ ...v, size: "cx32" })))],
  ["tfvars-values", "deployment_name failing its regex", (d) => edit(d, "terraform/tests/fixtures/digitalocean.tfvars.json", json((v) => ({ ...v, deployment_name: "Bad_Name" })))],
  ["outputs-contract", "output missing", (d) => edit(d, "terraform/providers/aws/outputs.tf", replace(/output "http_proxy" \{[\s\S]*?\n\}\n/, ""))],
  ["outputs-same-set", "output sets differ", (d) => edit(d, "terraform/providers/aws/outputs.tf", replace(/output "http_proxy" \{[\s\S]*?\n\}\n/, ""))],
  ["outputs-not-secret", "sensitive root output", (d) => edit(d, "terraform/providers/digitalocean/outputs.tf", replace('  value       = var.http_proxy\n', '  value       = var.http_proxy\n  sensitive   = true\n'))],
];

let passed = 0;
let failed = 0;
// In-process (the parser loads once, and parses each unchanged file once): stdout is the lines the
// command line would print, status its exit code.
async function run(dir, tfvarsGiven = {}) {
  const lines = [];
  const { failed } = await staticCheck({ root: dir, tfvarsGiven, log: (l) => lines.push(l) });
  return { status: failed ? 1 : 0, stdout: lines.join("\n") + "\n", stderr: "" };
}

{
  const dir = freshCopy();
  const r = await run(dir);
  if (r.status === 0 && !/^FAIL /m.test(r.stdout)) {
    passed++;
    console.log("ok selftest: untouched copy passes");
  } else {
    failed++;
    console.log(`FAIL selftest: untouched copy does not pass (exit ${r.status})\n${r.stdout}${r.stderr}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

for (const [check, what, mutate] of cases) {
  const dir = freshCopy();
  try {
    mutate(dir);
    const r = await run(dir);
    const lines = r.stdout.split("\n").filter((l) => l.startsWith(`FAIL ${check}: `));
    if (r.status === 1 && lines.length) {
      passed++;
      console.log(`ok selftest: ${what} -> ${lines[0].slice(0, 200)}`);
    } else {
      failed++;
      console.log(`FAIL selftest: ${what}: expected "FAIL ${check}" and exit 1, got exit ${r.status}\n${r.stdout.split("\n").filter((l) => l.startsWith("FAIL")).join("\n")}${r.stderr}`);
    }
  } catch (e) {
    failed++;
    console.log(`FAIL selftest: ${what}: ${e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

{
  // an explicit --tfvars file that does not exist
  const dir = freshCopy();
  const r = await run(dir, { aws: join(dir, "missing.json") });
  if (r.status === 1 && /^FAIL tfvars: aws /m.test(r.stdout)) {
    passed++;
    console.log("ok selftest: --tfvars with a missing file fails");
  } else {
    failed++;
    console.log(`FAIL selftest: --tfvars with a missing file: exit ${r.status}`);
  }
  const bad = spawnSync(process.execPath, [script, "--bogus"], { encoding: "utf8" });
  if (bad.status === 2) {
    passed++;
    console.log("ok selftest: unknown argument exits 2");
  } else {
    failed++;
    console.log(`FAIL selftest: unknown argument exit ${bad.status}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

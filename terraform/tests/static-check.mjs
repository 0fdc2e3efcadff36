#!/usr/bin/env node
// Static checks of the Terraform modules, for the providers whose binaries cannot be installed
// here (hcloud, digitalocean) and as a cheap first line for all of them. HCL is parsed with
// @cdktf/hcl2json (HashiCorp's parser compiled to WebAssembly).
//
//   node terraform/tests/static-check.mjs [--root DIR] [--schemas DIR] [--tfvars PROVIDER=FILE]...
//
//   --root DIR               repository root (default: two folders above this script)
//   --schemas DIR            provider schemas (default: ROOT/tests/fixtures/provider-schemas)
//   --tfvars PROVIDER=FILE   tfvars JSON to hold against terraform/providers/PROVIDER; repeatable.
//                            Providers without one use terraform/tests/fixtures/PROVIDER.tfvars.json
//                            when it exists.
//
// Prints one line per check, "ok <check>: <subject>" or "FAIL <check>: <subject>: <why>", then
// "N passed, N failed". Exit code 1 when anything failed, 2 on bad arguments.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@cdktf/hcl2json";

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- constants
const CLOUDS = ["hetzner", "aws", "digitalocean"];
const ALL_PROVIDERS = [...CLOUDS, "local"];
// The provider each cloud root module (and its compute module) may declare.
const OWN_PROVIDER = { hetzner: "hcloud", aws: "aws", digitalocean: "digitalocean" };
// Schemas we hold blocks against: resource type prefix -> schema file.
const SCHEMA_FILES = { hcloud: "hcloud.json", digitalocean: "digitalocean.json" };
const RESOURCE_META = new Set(["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"]);
const DATA_META = new Set(["count", "for_each", "provider", "depends_on", "lifecycle"]);
const SECRETISH = /(token|secret|password|passwd|access_key|api_key|private_key$)/i;

// ---------------------------------------------------------------- edits never replace a server
// The server resource of each cloud compute module and what must hold for it.
const SERVERS = {
  hetzner: { type: "hcloud_server", ignore: ["user_data", "ssh_keys"], firewall: "hcloud_firewall" },
  digitalocean: { type: "digitalocean_droplet", ignore: ["user_data", "ssh_keys"], firewall: "digitalocean_firewall" },
  aws: { type: "aws_instance", ignore: ["user_data", "key_name"], firewall: "aws_vpc_security_group_ingress_rule" },
};


// ---------------------------------------------------------------- the checks
// Parsed files by name and content: the selftest runs the checks many times over copies that
// differ in one file, and parsing is most of the time.
const parsed = new Map();
async function parseCached(name, text) {
  const key = name + "\0" + text;
  if (!parsed.has(key)) parsed.set(key, await parse(name, text));
  return structuredClone(parsed.get(key));
}

/** Runs every check over the repository at root; prints through log; returns the counts. */
export async function staticCheck({ root, schemasDir = join(root, "tests", "fixtures", "provider-schemas"), tfvarsGiven = {}, log = console.log }) {
  // ---------------------------------------------------------------- reporting
  let passed = 0;
  let failed = 0;
  function report(check, subject, problems) {
    if (problems.length === 0) {
      passed++;
      log(`ok ${check}: ${subject}`);
    } else {
      failed++;
      log(`FAIL ${check}: ${subject}: ${problems.join("; ")}`);
    }
  }

  // ---------------------------------------------------------------- helpers
  const rel = (p) => relative(root, p) || ".";
  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

  // Every folder with .tf files under terraform/providers and terraform/modules, nested ones too
  // (a root module's own ./modules/x), skipping tests, fixtures and working folders.
  function listModules() {
    const out = [];
    const walk = (kind, dir, depth) => {
      const entries = readdirSync(dir).sort();
      if (depth > 0 && entries.some((f) => f.endsWith(".tf"))) out.push({ kind, name: basename(dir), dir, depth });
      for (const e of entries) {
        if ([".terraform", "node_modules", "tests", "fixtures"].includes(e) || e.startsWith(".")) continue;
        const sub = join(dir, e);
        if (statSync(sub).isDirectory()) walk(kind, sub, depth + 1);
      }
    };
    for (const kind of ["providers", "modules"]) {
      const base = join(root, "terraform", kind);
      if (existsSync(base)) walk(kind, base, 0);
    }
    return out;
  }

  // Every string anywhere in a parsed value (expressions come through as "${...}" strings).
  function strings(v, acc = []) {
    if (typeof v === "string") acc.push(v);
    else if (Array.isArray(v)) v.forEach((x) => strings(x, acc));
    else if (isObj(v))
      for (const [k, x] of Object.entries(v)) {
        acc.push(k);
        strings(x, acc);
      }
    return acc;
  }

  function refs(text, re) {
    const found = [];
    for (const m of text.matchAll(re)) found.push(m);
    return found;
  }

  // Blocks in hcl2json output: a label level is an object, the body list is an array.
  function bodies(v) {
    return Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : [];
  }

  async function parseModule(mod) {
    const files = readdirSync(mod.dir).filter((f) => f.endsWith(".tf")).sort();
    const problems = [];
    const merged = { variable: {}, output: {}, locals: [], module: {}, resource: {}, data: {}, provider: {}, terraform: [] };
    for (const f of files) {
      let json;
      try {
        json = await parseCached(f, readFileSync(join(mod.dir, f), "utf8"));
      } catch (e) {
        problems.push(`${f}: ${String(e.message || e).split("\n")[0]}`);
        continue;
      }
      for (const [k, v] of Object.entries(json)) {
        if (k === "locals" || k === "terraform") merged[k].push(...bodies(v));
        else if (k === "resource" || k === "data") {
          for (const [type, byName] of Object.entries(v))
            for (const [name, body] of Object.entries(byName)) {
              merged[k][type] ??= {};
              merged[k][type][name] = { body: bodies(body)[0] ?? {}, file: f };
            }
        } else if (k in merged) {
          for (const [name, body] of Object.entries(v)) merged[k][name] = { body: bodies(body)[0] ?? {}, file: f };
        }
      }
    }
    mod.hcl = merged;
    mod.localNames = new Set(merged.locals.flatMap((l) => Object.keys(l)));
    mod.allStrings = strings([merged.variable, merged.output, merged.locals, merged.module, merged.resource, merged.data, merged.provider]);
    report("parse", `${rel(mod.dir)} (${files.length} files)`, problems);
  }

  function requiredVariables(mod) {
    return Object.entries(mod.hcl.variable)
      .filter(([, v]) => !("default" in v.body))
      .map(([k]) => k);
  }

  // ---------------------------------------------------------------- schema checks
  const schemaCache = {};
  function providerSchema(prefix) {
    if (!(prefix in schemaCache)) {
      const file = join(schemasDir, SCHEMA_FILES[prefix]);
      if (!existsSync(file)) schemaCache[prefix] = null;
      else {
        const json = JSON.parse(readFileSync(file, "utf8"));
        schemaCache[prefix] = Object.values(json.provider_schemas)[0];
      }
    }
    return schemaCache[prefix];
  }

  // Holds one block body against a schema block; returns problems.
  function checkBody(body, block, where, meta) {
    const problems = [];
    const attrs = block.attributes ?? {};
    const blocks = block.block_types ?? {};
    const staticCount = {};
    const dynamicTypes = new Set();
    for (const [key, value] of Object.entries(body)) {
      if (meta.has(key)) continue;
      if (key === "dynamic") {
        for (const [type, dyns] of Object.entries(isObj(value) ? value : {})) {
          if (!(type in blocks)) {
            problems.push(`${where}: dynamic "${type}" is not a block of this type`);
            continue;
          }
          dynamicTypes.add(type);
          for (const d of bodies(dyns)) {
            if (!("for_each" in d)) problems.push(`${where}: dynamic "${type}" has no for_each`);
            for (const c of bodies(d.content)) problems.push(...checkBody(c, blocks[type].block, `${where}.${type}`, new Set()));
          }
        }
        continue;
      }
      if (key in attrs) {
        const a = attrs[key];
        if (a.computed && !a.optional && !a.required) problems.push(`${where}: "${key}" is computed-only and cannot be set`);
        if (a.deprecated) problems.push(`${where}: "${key}" is deprecated`);
        continue;
      }
      if (key in blocks) {
        const list = bodies(value);
        if (list.length === 0) problems.push(`${where}: "${key}" is a block, not an argument (write ${key} { ... })`);
        staticCount[key] = list.length;
        for (const b of list) problems.push(...checkBody(b, blocks[key].block, `${where}.${key}`, new Set()));
        continue;
      }
      problems.push(`${where}: unknown argument or block "${key}"`);
    }
    for (const [name, a] of Object.entries(attrs))
      if (a.required && !(name in body)) problems.push(`${where}: required argument "${name}" is missing`);
    for (const [name, b] of Object.entries(blocks)) {
      const n = staticCount[name] ?? 0;
      if (b.min_items && n < b.min_items && !dynamicTypes.has(name))
        problems.push(`${where}: needs at least ${b.min_items} "${name}" block(s), has ${n}`);
      if (b.max_items && n > b.max_items) problems.push(`${where}: allows at most ${b.max_items} "${name}" block(s), has ${n}`);
    }
    return problems;
  }

  function schemaChecks(mod) {
    for (const kind of ["resource", "data"]) {
      for (const [type, byName] of Object.entries(mod.hcl[kind])) {
        const prefix = type.split("_")[0];
        if (!(prefix in SCHEMA_FILES)) continue;
        for (const [name, { body }] of Object.entries(byName)) {
          const subject = `${rel(mod.dir)} ${kind === "data" ? "data." : ""}${type}.${name}`;
          const schema = providerSchema(prefix);
          if (!schema) {
            report("schema", subject, [`no schema file ${SCHEMA_FILES[prefix]} in ${rel(schemasDir)}`]);
            continue;
          }
          const entry = (kind === "data" ? schema.data_source_schemas : schema.resource_schemas)[type];
          if (!entry) {
            report("schema", subject, [`${type} is not a ${kind === "data" ? "data source" : "resource"} of the ${prefix} provider`]);
            continue;
          }
          report("schema", subject, checkBody(body, entry.block, `${type}.${name}`, kind === "data" ? DATA_META : RESOURCE_META));
        }
      }
    }
    // provider blocks of schema'd providers
    for (const [name, { body }] of Object.entries(mod.hcl.provider)) {
      if (!(name in SCHEMA_FILES)) continue;
      const schema = providerSchema(name);
      if (!schema) continue;
      report("schema", `${rel(mod.dir)} provider.${name}`, checkBody(body, schema.provider.block, `provider.${name}`, new Set(["alias"])));
    }
    // attribute references to schema'd resources: <type>.<name>.<attr> and data.<type>.<name>.<attr>
    const problems = [];
    const text = mod.allStrings.join("\n");
    const re = /(?<![\w.])(data\.)?((?:hcloud|digitalocean)_[a-z0-9_]+)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([A-Za-z_]\w*)/g;
    let count = 0;
    for (const m of refs(text, re)) {
      const [, isData, type, name, attr] = m;
      const kind = isData ? "data" : "resource";
      count++;
      if (!mod.hcl[kind][type]?.[name]) {
        problems.push(`${m[0]}: no ${kind} ${type}.${name} in this module`);
        continue;
      }
      const schema = providerSchema(type.split("_")[0]);
      const entry = schema && (isData ? schema.data_source_schemas : schema.resource_schemas)[type];
      if (entry && !(attr in (entry.block.attributes ?? {})) && !(attr in (entry.block.block_types ?? {})))
        problems.push(`${m[0]}: ${type} has no attribute "${attr}"`);
    }
    if (count > 0) report("schema-references", rel(mod.dir), problems);
  }

  // ---------------------------------------------------------------- per-module checks
  function referenceChecks(mod, modulesByDir) {
    const text = mod.allStrings.join("\n");
    const declaredVars = new Set(Object.keys(mod.hcl.variable));

    const undeclaredVars = new Set();
    for (const m of refs(text, /(?<![\w.])var\.([A-Za-z_][\w-]*)/g)) if (!declaredVars.has(m[1])) undeclaredVars.add(m[1]);
    report("variables-declared", rel(mod.dir), [...undeclaredVars].sort().map((v) => `var.${v} is used but not declared`));

    const badLocals = new Set();
    for (const m of refs(text, /(?<![\w.])local\.([A-Za-z_][\w-]*)/g)) if (!mod.localNames.has(m[1])) badLocals.add(m[1]);
    report("locals-declared", rel(mod.dir), [...badLocals].sort().map((v) => `local.${v} is used but not defined`));

    // module.<call>.<output>: the call exists and, for a local source, the child has that output.
    const problems = [];
    for (const m of refs(text, /(?<![\w.])module\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?/g)) {
      const call = mod.hcl.module[m[1]];
      if (!call) {
        problems.push(`module.${m[1]} is used but no such module call`);
        continue;
      }
      const child = childModule(mod, call.body, modulesByDir);
      if (child && m[2] && !(m[2] in child.hcl.output)) problems.push(`module.${m[1]}.${m[2]}: ${rel(child.dir)} has no output "${m[2]}"`);
    }
    report("module-outputs-exist", rel(mod.dir), [...new Set(problems)]);
  }

  function childModule(mod, callBody, modulesByDir) {
    const src = callBody.source;
    if (typeof src !== "string" || !(src.startsWith("./") || src.startsWith("../"))) return null;
    return modulesByDir.get(resolve(mod.dir, src)) ?? null;
  }

  function moduleCallChecks(mod, modulesByDir) {
    for (const [name, { body }] of Object.entries(mod.hcl.module)) {
      const subject = `${rel(mod.dir)} module.${name}`;
      const child = childModule(mod, body, modulesByDir);
      if (!child) {
        report("module-call", subject, [`source ${JSON.stringify(body.source)} is not a module folder of this repository`]);
        continue;
      }
      const meta = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);
      const given = Object.keys(body).filter((k) => !meta.has(k));
      const declared = new Set(Object.keys(child.hcl.variable));
      const problems = given.filter((k) => !declared.has(k)).map((k) => `argument "${k}" is not a variable of ${rel(child.dir)}`);
      for (const req of requiredVariables(child)) if (!given.includes(req)) problems.push(`required variable "${req}" of ${rel(child.dir)} is not set`);
      report("module-call", subject, problems);
    }
  }

  function variableHygiene(mod) {
    const problems = [];
    for (const [name, { body }] of Object.entries(mod.hcl.variable)) {
      if (!body.type) problems.push(`${name}: no type`);
      if (!body.description) problems.push(`${name}: no description`);
    }
    report("variables-typed-described", rel(mod.dir), problems);
  }

  // Root modules of the clouds: every non-bool variable carries a validation.
  function variablesValidated(mod) {
    const problems = [];
    for (const [name, { body }] of Object.entries(mod.hcl.variable)) {
      if (body.type === "${bool}") continue;
      if (!bodies(body.validation).length) problems.push(`${name}: no validation block`);
    }
    report("variables-validated", rel(mod.dir), problems);
  }

  function credentialChecks(mod) {
    const problems = [];
    for (const name of Object.keys(mod.hcl.variable)) if (SECRETISH.test(name)) problems.push(`variable "${name}" looks like a credential (credentials come from the environment)`);
    for (const [p, { body }] of Object.entries(mod.hcl.provider))
      for (const k of Object.keys(body)) if (SECRETISH.test(k)) problems.push(`provider "${p}" sets "${k}" (credentials come from the environment)`);
    report("no-credential-inputs", rel(mod.dir), problems);
  }

  // Cloud root and compute modules declare exactly their own provider with a version constraint,
  // and use resources of that provider only.
  function providerChecks(mod, provider) {
    const own = OWN_PROVIDER[provider];
    const problems = [];
    const req = {};
    for (const t of mod.hcl.terraform) for (const rp of bodies(t.required_providers)) Object.assign(req, rp);
    const names = Object.keys(req);
    if (names.length !== 1 || names[0] !== own) problems.push(`required_providers must be exactly {${own}}, is {${names.join(", ")}}`);
    for (const [n, v] of Object.entries(req)) if (!isObj(v) || typeof v.version !== "string" || !/^(~>|=|\d)/.test(v.version.trim())) problems.push(`${n}: no pinned version`);
    for (const kind of ["resource", "data"])
      for (const type of Object.keys(mod.hcl[kind])) if (type.split("_")[0] !== own) problems.push(`${kind} ${type} is not of provider ${own}`);
    for (const p of Object.keys(mod.hcl.provider)) if (p !== own) problems.push(`provider block "${p}" is not ${own}`);
    report("providers", rel(mod.dir), problems);
  }

  // ---------------------------------------------------------------- tfvars
  // Value checks that can be read off simple validations: contains([...], var.x) and
  // can(regex("...", var.x)). Others are left to terraform.
  function hclString(s) {
    return JSON.parse(`"${s}"`);
  }
  function valueChecks(mod, tfvars) {
    const problems = [];
    for (const [name, { body }] of Object.entries(mod.hcl.variable)) {
      if (!(name in tfvars)) continue;
      const value = tfvars[name];
      for (const v of bodies(body.validation)) {
        const cond = typeof v.condition === "string" ? v.condition : "";
        let m = cond.match(/^\$\{contains\(\[([\s\S]*)\],\s*var\.(\w+)\)\}$/);
        if (m && m[2] === name) {
          const allowed = [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => hclString(x[1]));
          if (!allowed.includes(value)) problems.push(`${name} = ${JSON.stringify(value)} is not one of the values the module accepts`);
          continue;
        }
        m = cond.match(/^\$\{can\(regex\("((?:[^"\\]|\\.)*)",\s*var\.(\w+)\)\)\}$/);
        if (m && m[2] === name && typeof value === "string") {
          let re;
          try {
            re = new RegExp(hclString(m[1]), "u");
          } catch {
            continue; // RE2 syntax JS does not know: left to terraform
          }
          if (!re.test(value)) problems.push(`${name} = ${JSON.stringify(value)} fails the validation regex ${m[1]}`);
        }
      }
    }
    return problems;
  }

  function tfvarsChecks(mod, provider) {
    const file = tfvarsGiven[provider] ?? join(root, "terraform", "tests", "fixtures", `${provider}.tfvars.json`);
    if (!existsSync(file)) {
      if (tfvarsGiven[provider] || CLOUDS.includes(provider)) report("tfvars", `${provider} ${rel(file)}`, ["file not found"]);
      else log(`# no tfvars fixture for ${provider}: tfvars checks not run for it (pass --tfvars ${provider}=FILE)`);
      return;
    }
    let tfvars;
    try {
      tfvars = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      report("tfvars", `${provider} ${file}`, [`not JSON: ${e.message}`]);
      return;
    }
    const subject = `${provider} ${file.startsWith(root) ? rel(file) : file}`;
    const declared = new Set(Object.keys(mod.hcl.variable));
    report("tfvars-required", subject, requiredVariables(mod).filter((v) => !(v in tfvars)).map((v) => `required variable "${v}" is missing`));
    report("tfvars-declared", subject, Object.keys(tfvars).filter((k) => !declared.has(k)).map((k) => `"${k}" is not a variable of ${rel(mod.dir)}`));
    report("tfvars-values", subject, valueChecks(mod, tfvars));
  }

  // ---------------------------------------------------------------- outputs
  function contractOutputs() {
    const file = join(root, "docs", "CONTRACTS.md");
    if (!existsSync(file)) return null;
    const text = readFileSync(file, "utf8");
    const start = text.indexOf("Outputs, the same set on every provider");
    if (start < 0) return null;
    const names = [];
    for (const line of text.slice(start).split("\n").slice(1)) {
      if (names.length && !line.startsWith("|")) break;
      const m = line.match(/^\|\s*`([a-z_]+)`\s*\|/);
      if (m) names.push(m[1]);
    }
    return names.length ? names : null;
  }

  function outputChecks(roots) {
    const contract = contractOutputs();
    const sets = {};
    for (const [provider, mod] of Object.entries(roots)) sets[provider] = Object.keys(mod.hcl.output).sort();
    if (contract) {
      const want = [...contract].sort();
      for (const [provider, have] of Object.entries(sets)) {
        const missing = want.filter((o) => !have.includes(o));
        const extra = have.filter((o) => !want.includes(o));
        report("outputs-contract", provider, [
          ...missing.map((o) => `output "${o}" of docs/CONTRACTS.md is missing`),
          ...extra.map((o) => `output "${o}" is not in docs/CONTRACTS.md`),
        ]);
      }
    } else report("outputs-contract", "docs/CONTRACTS.md", ["no output table found"]);
    const providers = Object.keys(sets);
    const first = providers[0];
    const problems = [];
    for (const p of providers.slice(1))
      if (sets[p].join(",") !== sets[first].join(",")) problems.push(`${p} has {${sets[p].join(", ")}}, ${first} has {${sets[first].join(", ")}}`);
    const absent = ALL_PROVIDERS.filter((p) => !providers.includes(p));
    if (CLOUDS.some((p) => absent.includes(p))) problems.push(`missing root module(s): ${absent.filter((p) => CLOUDS.includes(p)).join(", ")}`);
    report("outputs-same-set", providers.join(", ") + (absent.includes("local") ? " (local absent: not compared)" : ""), problems);
    // nothing secret as a root output
    for (const [provider, mod] of Object.entries(roots)) {
      const bad = Object.entries(mod.hcl.output).filter(([, o]) => o.body.sensitive === true).map(([n]) => `output "${n}" is sensitive: secrets are never root outputs`);
      report("outputs-not-secret", provider, bad);
    }
  }

  const exprNames = (v) => strings(v).map((x) => x.replace(/^\$\{|\}$/g, "").trim());

  // No module (root or child) configures a provider: the generated root module does, so none of
  // them is a legacy module and every call may use count, for_each and depends_on.
  function noProviderBlocks(mod) {
    report("no-provider-blocks", rel(mod.dir), Object.keys(mod.hcl.provider).map((p) => `provider "${p}" is configured here; it belongs in the generated root module (RootWrapper.cs)`));
  }

  // cloud-init only bootstraps: the server ignores later user_data (and login key) changes.
  function bootstrapOnly(mod, provider) {
    const want = SERVERS[provider];
    const servers = Object.entries(mod.hcl.resource[want.type] ?? {});
    if (servers.length === 0) {
      report("bootstrap-only-user-data", rel(mod.dir), [`no ${want.type} resource`]);
      return;
    }
    for (const [name, { body }] of servers) {
      const problems = [];
      const ignored = bodies(body.lifecycle).flatMap((l) => exprNames(l.ignore_changes ?? []));
      for (const attr of want.ignore) if (!ignored.includes(attr)) problems.push(`lifecycle.ignore_changes lacks ${attr}: a change of it would replace the server`);
      if (body.user_data_replace_on_change !== undefined && body.user_data_replace_on_change !== false) problems.push("user_data_replace_on_change is set: a user_data change would replace the instance");
      report("bootstrap-only-user-data", `${rel(mod.dir)} ${want.type}.${name}`, problems);
    }
  }

  // An ssh_port change opens the previous port too (until Provision has moved sshd): the rules of
  // the firewall iterate over a list built from var.ssh_port and var.ssh_port_previous.
  function portTransition(mod, provider) {
    const problems = [];
    const text = mod.allStrings.join("\n");
    if (!/var\.ssh_port_previous\b/.test(text)) problems.push("var.ssh_port_previous is never used: a port change would close the port sshd still listens on");
    if (!("ssh_port_previous" in mod.hcl.variable)) problems.push("no variable ssh_port_previous");
    const fw = Object.values(mod.hcl.resource[SERVERS[provider].firewall] ?? {});
    if (fw.length === 0) problems.push(`no ${SERVERS[provider].firewall}`);
    report("ssh-port-transition", rel(mod.dir), problems);
  }

  // DigitalOcean: the firewall exists before the droplet and selects it by the deployment's own
  // tag (never by droplet id, which leaves the droplet unprotected until the firewall attaches).
  function firewallFirst(mod, provider) {
    const problems = [];
    if (provider === "digitalocean") {
      const firewalls = Object.entries(mod.hcl.resource.digitalocean_firewall ?? {});
      const droplets = Object.values(mod.hcl.resource.digitalocean_droplet ?? {});
      if (firewalls.length !== 1) problems.push(`expected one digitalocean_firewall, found ${firewalls.length}`);
      for (const [name, { body }] of firewalls) {
        if ("droplet_ids" in body) problems.push(`digitalocean_firewall.${name} is applied by droplet_ids: it attaches only after the droplet exists`);
        const tags = exprNames(body.tags ?? []).map((t) => t.match(/^digitalocean_tag\.([\w-]+)\.(id|name)$/)).filter(Boolean);
        if (tags.length !== 1) problems.push(`digitalocean_firewall.${name} must select exactly one digitalocean_tag resource, has tags ${JSON.stringify(body.tags ?? null)}`);
        for (const { body: droplet } of droplets) {
          for (const t of tags) if (!strings(droplet.tags ?? []).some((x) => x.includes(`digitalocean_tag.${t[1]}.`))) problems.push(`the droplet does not carry digitalocean_tag.${t[1]}`);
          if (!exprNames(droplet.depends_on ?? []).includes(`digitalocean_firewall.${name}`)) problems.push(`the droplet does not depend_on digitalocean_firewall.${name}: it could boot before its firewall exists`);
        }
      }
    } else if (provider === "hetzner") {
      for (const { body } of Object.values(mod.hcl.resource.hcloud_server ?? {}))
        if (!strings(body.firewall_ids ?? []).some((x) => /hcloud_firewall\.\w+\.id/.test(x))) problems.push("hcloud_server does not attach its firewall at creation (firewall_ids)");
    } else return;
    report("firewall-before-server", rel(mod.dir), problems);
  }

  // ---------------------------------------------------------------- main
  const modules = listModules();
  if (modules.length === 0) report("modules", join(root, "terraform"), ["no Terraform modules"]);
  for (const mod of modules) await parseModule(mod);
  const modulesByDir = new Map(modules.map((m) => [resolve(m.dir), m]));
  const roots = {};
  for (const mod of modules) if (mod.kind === "providers" && mod.depth === 1 && ALL_PROVIDERS.includes(mod.name)) roots[mod.name] = mod;

  for (const mod of modules) {
    referenceChecks(mod, modulesByDir);
    moduleCallChecks(mod, modulesByDir);
    variableHygiene(mod);
    schemaChecks(mod);
    noProviderBlocks(mod);
  }
  for (const provider of CLOUDS) {
    const rootMod = roots[provider];
    if (!rootMod) continue;
    variablesValidated(rootMod);
    credentialChecks(rootMod);
    providerChecks(rootMod, provider);
    const compute = modulesByDir.get(resolve(root, "terraform", "modules", provider));
    if (compute) {
      providerChecks(compute, provider);
      bootstrapOnly(compute, provider);
      portTransition(compute, provider);
      firewallFirst(compute, provider);
    } else report("bootstrap-only-user-data", `terraform/modules/${provider}`, ["module missing"]);
  }
  for (const provider of ALL_PROVIDERS) if (roots[provider]) tfvarsChecks(roots[provider], provider);
  for (const p of Object.keys(tfvarsGiven)) if (!roots[p]) report("tfvars", `${p} ${tfvarsGiven[p]}`, [`no root module terraform/providers/${p}`]);
  outputChecks(roots);

  log(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}

// ---------------------------------------------------------------- command line
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  function usage(msg) {
    console.error(`static-check: ${msg}`);
    console.error("usage: node static-check.mjs [--root DIR] [--schemas DIR] [--tfvars PROVIDER=FILE]...");
    process.exit(2);
  }
  const args = process.argv.slice(2);
  let root = resolve(here, "..", "..");
  let schemasDir = null;
  const tfvarsGiven = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
    if (a === "--root") root = resolve(next());
    else if (a === "--schemas") schemasDir = resolve(next());
    else if (a === "--tfvars") {
      const v = next();
      const eq = v.indexOf("=");
      if (eq <= 0) usage(`--tfvars wants PROVIDER=FILE, got "${v}"`);
      tfvarsGiven[v.slice(0, eq)] = resolve(v.slice(eq + 1));
    } else if (a === "--help" || a === "-h") usage("help");
    else usage(`unknown argument "${a}"`);
  }
  const { failed } = await staticCheck({ root, schemasDir: schemasDir ?? undefined, tfvarsGiven });
  process.exit(failed ? 1 : 0);
}

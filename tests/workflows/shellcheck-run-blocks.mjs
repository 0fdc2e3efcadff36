#!/usr/bin/env node
// Runs shellcheck over every `run:` script of the GitHub workflows, the way the runner would run
// them: each block becomes a file (shebang of its shell, `${{ }}` expressions replaced by
// underscores of the same length, as actionlint does), and each finding is reported at its line
// in the workflow file.
//
//   node tests/workflows/shellcheck-run-blocks.mjs [--keep DIR] [WORKFLOW.yml ...]
//
// With no files, every .github/workflows/*.yml / *.yaml of the repository. Run from anywhere:
// shellcheck runs in the repository root, so `# shellcheck source=build/x.sh` resolves there.
// Exit 0: clean; 1: findings; 2: could not run (no shellcheck, unreadable YAML, no run block).

import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from "yaml";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const HEADER_LINES = 2;

function fail(message) {
  console.error(`shellcheck-run-blocks: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
let keep = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--keep") keep = resolve(args[++i] ?? fail("--keep needs a folder"));
  else files.push(resolve(args[i]));
}
if (files.length === 0) {
  const dir = join(repoRoot, ".github", "workflows");
  for (const name of readdirSync(dir).sort()) {
    if (/\.ya?ml$/.test(name)) files.push(join(dir, name));
  }
}

const shellcheck = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
if (shellcheck.error || shellcheck.status !== 0) fail("shellcheck is not installed (Debian/Ubuntu: apt-get install shellcheck)");

/** The shell a step runs with: step, then job defaults, then workflow defaults, then bash. */
function shellOf(step, job, workflow) {
  const get = (node, ...path) => (isMap(node) ? node.getIn(path) : undefined);
  return String(get(step, "shell") ?? get(job, "defaults", "run", "shell") ?? get(workflow, "defaults", "run", "shell") ?? "bash");
}

function dialectOf(shell) {
  const program = shell.trim().split(/\s+/)[0];
  if (program === "bash") return "bash";
  if (program === "sh") return "sh";
  return null;
}

const outDir = keep ?? mkdtempSync(join(tmpdir(), "run-blocks-"));
mkdirSync(outDir, { recursive: true });
const blocks = [];
const skipped = [];

for (const file of files) {
  const text = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true });
  if (doc.errors.length > 0) fail(`${relative(repoRoot, file)}: ${doc.errors[0].message}`);
  const workflow = doc.contents;
  const jobs = isMap(workflow) ? workflow.get("jobs", true) : null;
  if (!isMap(jobs)) continue;
  for (const jobPair of jobs.items) {
    const jobId = String(jobPair.key.value ?? jobPair.key);
    const job = jobPair.value;
    const steps = isMap(job) ? job.get("steps", true) : null;
    if (!isSeq(steps)) continue;
    steps.items.forEach((step, index) => {
      if (!isMap(step)) return;
      const run = step.get("run", true);
      if (!isScalar(run)) return;
      const where = `${relative(repoRoot, file)}:${lineCounter.linePos(run.range[0]).line}`;
      const shell = shellOf(step, job, workflow);
      const dialect = dialectOf(shell);
      if (dialect === null) {
        skipped.push(`${where} (shell: ${shell})`);
        return;
      }
      const block = run.type === Scalar.BLOCK_LITERAL || run.type === Scalar.BLOCK_FOLDED;
      // First line of the script body in the workflow file.
      const bodyLine = lineCounter.linePos(run.range[0]).line + (block ? 1 : 0);
      const indent = block ? (text.split("\n")[bodyLine - 1] ?? "").match(/^ */)[0].length : 0;
      const script = String(run.value).replace(/\$\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, "_"));
      const name = `${basename(file).replace(/\.ya?ml$/, "")}.${jobId}.${index + 1}.${dialect}`;
      const path = join(outDir, name);
      const header = `#!/usr/bin/env ${dialect}\n# ${where} job ${jobId} step ${index + 1} (shell: ${shell})\n`;
      writeFileSync(path, header + script);
      blocks.push({ path, name, workflow: relative(repoRoot, file), bodyLine, indent, dialect, lines: script.split("\n") });
    });
  }
}

if (blocks.length === 0) fail("no run: block found in " + files.map((f) => relative(repoRoot, f)).join(", "));

let findings = 0;
for (const b of blocks) {
  const result = spawnSync("shellcheck", ["-f", "gcc", "-x", "-s", b.dialect, b.path], { cwd: repoRoot, encoding: "utf8" });
  if (result.error) fail(String(result.error));
  for (const line of (result.stdout + result.stderr).split("\n")) {
    const m = /^(.*?):(\d+):(\d+): (\w+): (.*)$/.exec(line);
    if (!m) {
      if (line.trim()) {
        console.log(`${b.workflow}: ${line}`);
        findings++;
      }
      continue;
    }
    const scriptLine = Number(m[2]) - HEADER_LINES;
    const at = scriptLine >= 1 ? `${b.workflow}:${b.bodyLine + scriptLine - 1}:${Number(m[3]) + b.indent}` : `${b.workflow}:${b.bodyLine}`;
    console.log(`${at}: ${m[4]}: ${m[5]}`);
    if (scriptLine >= 1) console.log(`    ${b.lines[scriptLine - 1] ?? ""}`);
    findings++;
  }
  if (result.status !== 0 && findings === 0) {
    console.log(`${b.workflow}: shellcheck exited ${result.status} on ${b.name}`);
    findings++;
  }
}

for (const s of skipped) console.log(`not a POSIX shell, not checked: ${s}`);
console.log(`shellcheck: ${blocks.length} run blocks in ${files.length} workflow file(s), ${findings} finding(s)`);
if (keep === null) rmSync(outDir, { recursive: true, force: true });
process.exit(findings > 0 ? 1 : 0);

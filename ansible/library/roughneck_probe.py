#!/usr/bin/python3
# Roughneck: what a converged run needs to know about the machine, in one round trip.
from __future__ import annotations

DOCUMENTATION = r"""
module: roughneck_probe
short_description: Read the machine's state that decides which tasks have work to do
description:
  - Read-only, and runs in check mode too. One call replaces a getent, a few stat and find
    calls, a dpkg query and a lock test, so that on a converged machine the roles skip their
    package installs and user changes without a round trip each.
options:
  users: {description: User names to look up., type: list, elements: str, default: []}
  paths: {description: Paths to stat., type: list, elements: str, default: []}
  globs: {description: Glob patterns to expand (sorted matches)., type: list, elements: str, default: []}
  commands: {description: "Read-only commands (argv lists) whose exit code and output are wanted.", type: list, elements: list, default: []}
  packages: {description: Report the installed dpkg packages and their versions., type: bool, default: true}
  apt: {description: Report the apt lists, the dpkg locks held and dpkg's unfinished work., type: bool, default: true}
  services:
    description: systemd units to read, each with the files whose change must restart it.
    type: list
    elements: dict
    default: []
    suboptions:
      name: {description: The unit, e.g. caddy.service., type: str, required: true}
      files: {description: "Its configuration files: stale is true when one changed after the unit last started.", type: list, elements: str, default: []}
"""

RETURN = r"""
probe:
  description: users (name to passwd fields and groups, or null), paths (path to exists, size, mode,
    uid, gid, is_dir, is_link), globs (pattern to matches), commands (rc, stdout per command, in order),
    packages (name to version), apt (lists, locks_held, dpkg_pending), services (unit to enabled,
    active, state (ActiveState), main_pid, started (unix seconds or null), stale).
  type: dict
"""

import fcntl
import glob
import grp
import os
import pwd
import stat
import subprocess

LOCKS = ("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock", "/var/lib/apt/lists/lock")


def user(name):
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    groups = sorted({g.gr_name for g in grp.getgrall() if name in g.gr_mem} | {grp.getgrgid(entry.pw_gid).gr_name})
    return {"uid": entry.pw_uid, "gid": entry.pw_gid, "home": entry.pw_dir, "shell": entry.pw_shell, "groups": groups}


def path_info(path):
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return {"exists": False}
    return {"exists": True, "size": info.st_size, "mode": f"{stat.S_IMODE(info.st_mode):04o}",
            "uid": info.st_uid, "gid": info.st_gid, "is_dir": stat.S_ISDIR(info.st_mode),
            "is_link": stat.S_ISLNK(info.st_mode)}


def command(argv):
    try:
        run = subprocess.run([str(a) for a in argv], capture_output=True, text=True, check=False, timeout=30)
    except FileNotFoundError:
        return {"rc": 127, "stdout": ""}
    except subprocess.TimeoutExpired:
        return {"rc": 124, "stdout": ""}
    return {"rc": run.returncode, "stdout": run.stdout.strip()}


def service(spec):
    name = spec["name"]
    try:
        run = subprocess.run(["systemctl", "show", name, "--timestamp=unix",
                              "--property=UnitFileState,ActiveState,MainPID,ActiveEnterTimestamp"],
                             capture_output=True, text=True, check=False, timeout=30)
        fields = dict(line.split("=", 1) for line in run.stdout.splitlines() if "=" in line)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        fields = {}
    # "@1733450000" (or "@1733450000.123456"); empty or 0 when the unit never started.
    started = fields.get("ActiveEnterTimestamp", "").lstrip("@").split(".")[0]
    started = int(started) if started.isdigit() and int(started) > 0 else None
    changed = [int(os.stat(f).st_mtime) for f in spec.get("files") or [] if os.path.exists(f)]
    return {"enabled": fields.get("UnitFileState") == "enabled", "active": fields.get("ActiveState") == "active",
            "state": fields.get("ActiveState", ""), "main_pid": int(fields.get("MainPID") or 0), "started": started,
            "stale": started is not None and bool(changed) and max(changed) > started}


def packages():
    try:
        run = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Abbrev}\t${Package}\t${Version}\n"],
                             capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return {}
    installed = {}
    for line in run.stdout.splitlines():
        parts = line.split("\t")
        # "ii " is installed and configured; anything else (half-installed, config-files) is not.
        if len(parts) == 3 and parts[0].startswith("ii"):
            installed[parts[1]] = parts[2]
    return installed


def locks_held():
    held = []
    for path in LOCKS:
        try:
            with open(path, "a") as handle:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except FileNotFoundError:
            pass
        except OSError:
            held.append(path)
    return held


def apt():
    lists = glob.glob("/var/lib/apt/lists/*_Packages*")
    try:
        pending = len([f for f in os.listdir("/var/lib/dpkg/updates") if os.path.isfile(os.path.join("/var/lib/dpkg/updates", f))])
    except FileNotFoundError:
        pending = 0
    return {"lists": len(lists), "locks_held": locks_held(), "dpkg_pending": pending}


# A literal: the action plugin reads it on the controller without running this file.
ARGUMENT_SPEC = {
    "users": {"type": "list", "elements": "str", "default": []},
    "paths": {"type": "list", "elements": "str", "default": []},
    "globs": {"type": "list", "elements": "str", "default": []},
    "commands": {"type": "list", "elements": "list", "default": []},
    "packages": {"type": "bool", "default": True},
    "apt": {"type": "bool", "default": True},
    "services": {"type": "list", "elements": "dict", "default": [], "options": {
        "name": {"type": "str", "required": True},
        "files": {"type": "list", "elements": "str", "default": []},
    }},
}


def main(module=None):
    # The action plugin of the same name passes a stand-in (plugin_utils/roughneck_lean.py); run
    # as a plain module, this is an AnsibleModule.
    if module is None:
        from ansible.module_utils.basic import AnsibleModule
        module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    p = module.params
    probe = {
        "users": {name: user(name) for name in p["users"]},
        "paths": {path: path_info(path) for path in p["paths"]},
        "globs": {pattern: sorted(glob.glob(pattern)) for pattern in p["globs"]},
        "commands": [command(argv) for argv in p["commands"]],
        "packages": packages() if p["packages"] else {},
        "apt": apt() if p["apt"] else {},
        "services": {spec["name"]: service(spec) for spec in p["services"]},
    }
    module.exit_json(changed=False, probe=probe)


if __name__ == "__main__":
    main()

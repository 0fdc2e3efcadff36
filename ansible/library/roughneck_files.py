#!/usr/bin/python3
# Roughneck: many managed files in one round trip.
from __future__ import annotations

DOCUMENTATION = r"""
module: roughneck_files
short_description: Keep a set of files, directories and links as declared, in one call
description:
  - A converged machine costs one round trip per role instead of one (or two) per file, as
    ansible.builtin.copy, template and file do. Each entry is compared with the machine and
    written only when it differs; content is written to a temporary file in the same directory,
    validated when asked, and renamed into place, so a reader never sees half a file.
  - Supports check mode and diff mode, so Drift names every file that has drifted.
options:
  files:
    description: The entries, applied in order (create a directory before the files in it).
    type: list
    elements: dict
    required: true
    suboptions:
      path: {description: Absolute path on the machine., type: path, required: true}
      state: {description: "file, directory, link, absent, or attributes (owner, group and mode of a file that exists; its content is not ours)", type: str, default: file}
      content: {description: The file's text (state file)., type: str}
      src: {description: The link's target (state link)., type: str}
      owner: {description: User name., type: str, default: root}
      group: {description: Group name., type: str, default: root}
      mode: {description: Octal mode as a string, e.g. "0644"., type: str}
      create_only: {description: Write the file only when it is missing; never change it after., type: bool, default: false}
      validate: {description: Command run on the new content before it replaces the file; %s is its path., type: str}
  prune:
    description: Glob patterns; a file or link matching one that is not among the entries is removed.
    type: list
    elements: str
    default: []
notes:
  - Without a mode, a new file gets 0644 and a new directory 0755; an existing one keeps its mode.
  - The missing parents of a new directory are created with its owner, group and mode, as
    ansible.builtin.file does.
  - In check mode an owner or group that does not exist yet (an earlier task of the run creates it)
    makes its entry a change instead of an error.
"""

RETURN = r"""
changed_paths:
  description: The paths that changed (in check mode, that would change), in order.
  type: list
  elements: str
"""

import difflib
import glob
import grp
import os
import pwd
import shlex
import stat
import subprocess
import tempfile

STATES = ("file", "directory", "link", "absent", "attributes")
# The id of an owner or group that does not exist yet (check mode only): never equal to a file's.
UNKNOWN_ID = -1
KEYS = ("path", "state", "content", "src", "owner", "group", "mode", "create_only", "validate")


class Entry:
    def __init__(self, module, raw):
        self.module = module
        for key in raw:
            if key not in KEYS:
                nearest = difflib.get_close_matches(key, KEYS, n=1)
                hint = f"; did you mean '{nearest[0]}'?" if nearest else ""
                module.fail_json(msg=f"files entry {raw.get('path', '?')}: unknown key '{key}'{hint}")
        if not raw.get("path"):
            module.fail_json(msg="every files entry needs a path")
        self.path = raw["path"]
        self.state = raw.get("state") or "file"
        self.content = raw.get("content")
        self.src = raw.get("src")
        self.owner = raw.get("owner") or "root"
        self.group = raw.get("group") or "root"
        self.mode = raw.get("mode")
        self.create_only = bool(raw.get("create_only"))
        self.validate = raw.get("validate")
        self._check()

    def fail(self, message):
        self.module.fail_json(msg=f"{self.path}: {message}", path=self.path)

    def _check(self):
        if not os.path.isabs(self.path):
            self.fail("the path must be absolute")
        if self.state not in STATES:
            self.fail(f"state must be one of {', '.join(STATES)}, not '{self.state}'")
        if self.state == "file" and self.content is None:
            self.fail("a file needs content")
        if self.state == "link" and not self.src:
            self.fail("a link needs src")
        if self.mode is not None:
            try:
                self.mode_bits = int(str(self.mode), 8)
            except ValueError:
                self.fail(f"mode must be octal, like \"0644\", not '{self.mode}'")
        else:
            self.mode_bits = None
        if self.state in ("file", "directory", "attributes"):
            self.uid = self._resolve(pwd.getpwnam, self.owner, "user")
            self.gid = self._resolve(grp.getgrnam, self.group, "group")

    def _resolve(self, lookup, name, kind):
        try:
            return lookup(name)[2]
        except KeyError:
            # In check mode a task before this one may only have pretended to create the user:
            # the entry then counts as a change (no file can be owned by it yet).
            if self.module.check_mode:
                return UNKNOWN_ID
            self.fail(f"no {kind} named '{name}'")


def _attributes_differ(entry, info):
    if info.st_uid != entry.uid or info.st_gid != entry.gid:
        return True
    return entry.mode_bits is not None and stat.S_IMODE(info.st_mode) != entry.mode_bits


def _set_attributes(entry, path):
    os.chown(path, entry.uid, entry.gid, follow_symlinks=False)
    if entry.mode_bits is not None:
        os.chmod(path, entry.mode_bits)


def _read_text(path):
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", errors="replace")


def _lstat(path):
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def apply_file(module, entry, diffs):
    info = _lstat(entry.path)
    if info is not None and entry.create_only:
        return False
    if info is not None and not stat.S_ISREG(info.st_mode):
        entry.fail("exists and is not a regular file")
    before = _read_text(entry.path) if info is not None else ""
    content_differs = info is None or before != entry.content
    if not content_differs and not _attributes_differ(entry, info):
        return False
    if module._diff:
        diffs.append({
            "before_header": entry.path if info is not None else f"{entry.path} (absent)",
            "after_header": entry.path,
            "before": before if content_differs else _describe(info),
            "after": entry.content if content_differs else _describe_wanted(entry),
        })
    if module.check_mode:
        return True
    if not content_differs:
        _set_attributes(entry, entry.path)
        return True
    directory = os.path.dirname(entry.path)
    if not os.path.isdir(directory):
        entry.fail(f"its directory {directory} does not exist")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".roughneck-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(entry.content.encode("utf-8"))
        _set_attributes(entry, temporary)
        if entry.mode_bits is None:
            os.chmod(temporary, stat.S_IMODE(info.st_mode) if info is not None else 0o644)
        if entry.validate:
            if "%s" not in entry.validate:
                entry.fail("validate must contain %s")
            command = shlex.split(entry.validate.replace("%s", shlex.quote(temporary)))
            run = subprocess.run(command, capture_output=True, text=True, check=False)
            if run.returncode != 0:
                module.fail_json(
                    msg=f"{entry.path}: the new content failed validation ({entry.validate}): {(run.stderr or run.stdout).strip()}",
                    path=entry.path)
        os.replace(temporary, entry.path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return True


def _describe(info):
    return f"owner {info.st_uid}, group {info.st_gid}, mode {stat.S_IMODE(info.st_mode):04o}\n"


def _describe_wanted(entry):
    mode = f"{entry.mode_bits:04o}" if entry.mode_bits is not None else "unchanged"
    uid = entry.owner if entry.uid == UNKNOWN_ID else entry.uid
    gid = entry.group if entry.gid == UNKNOWN_ID else entry.gid
    return f"owner {uid}, group {gid}, mode {mode}\n"


def apply_directory(module, entry, diffs):
    info = _lstat(entry.path)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        entry.fail("exists and is not a directory")
    if info is not None and not _attributes_differ(entry, info):
        return False
    if module._diff:
        diffs.append({"before_header": entry.path, "after_header": entry.path,
                      "before": "absent\n" if info is None else _describe(info),
                      "after": "directory, " + _describe_wanted(entry)})
    if module.check_mode:
        return True
    if info is None:
        _make_directories(entry)
    _set_attributes(entry, entry.path)
    return True


def _make_directories(entry):
    # Like ansible.builtin.file: the parents it creates get the entry's owner, group and mode
    # (a user's ~/.config made for ~/.config/app must be the user's, not root's).
    missing = []
    path = entry.path
    while not os.path.lexists(path):
        missing.append(path)
        path = os.path.dirname(path)
    for directory in reversed(missing):
        os.mkdir(directory, 0o755)
        _set_attributes(entry, directory)


def apply_link(module, entry, diffs):
    info = _lstat(entry.path)
    if info is not None and stat.S_ISLNK(info.st_mode) and os.readlink(entry.path) == entry.src:
        return False
    if info is not None and stat.S_ISDIR(info.st_mode):
        entry.fail("exists and is a directory, not a link")
    if module._diff:
        before = "absent" if info is None else (f"link to {os.readlink(entry.path)}" if stat.S_ISLNK(info.st_mode) else "a file")
        diffs.append({"before_header": entry.path, "after_header": entry.path,
                      "before": before + "\n", "after": f"link to {entry.src}\n"})
    if module.check_mode:
        return True
    temporary = os.path.join(os.path.dirname(entry.path), f".roughneck-link-{os.getpid()}")
    if os.path.lexists(temporary):
        os.unlink(temporary)
    os.symlink(entry.src, temporary)
    os.replace(temporary, entry.path)
    return True


def apply_absent(module, entry, diffs):
    info = _lstat(entry.path)
    if info is None:
        return False
    if stat.S_ISDIR(info.st_mode):
        entry.fail("is a directory; only files and links are removed")
    if module._diff:
        diffs.append({"before_header": entry.path, "after_header": f"{entry.path} (absent)",
                      "before": _read_text(entry.path) if stat.S_ISREG(info.st_mode) else "a link\n", "after": ""})
    if not module.check_mode:
        os.unlink(entry.path)
    return True


def apply_attributes(module, entry, diffs):
    info = _lstat(entry.path)
    if info is None or not _attributes_differ(entry, info):
        return False
    if stat.S_ISLNK(info.st_mode):
        entry.fail("is a link; attributes are kept on files and directories only")
    if module._diff:
        diffs.append({"before_header": entry.path, "after_header": entry.path,
                      "before": _describe(info), "after": _describe_wanted(entry)})
    if not module.check_mode:
        _set_attributes(entry, entry.path)
    return True


APPLY = {"file": apply_file, "directory": apply_directory, "link": apply_link, "absent": apply_absent, "attributes": apply_attributes}


# A literal: the action plugin reads it on the controller without running this file.
ARGUMENT_SPEC = {
    "files": {"type": "list", "elements": "dict", "required": True},
    "prune": {"type": "list", "elements": "str", "default": []},
}


def main(module=None):
    # The action plugin of the same name passes a stand-in (plugin_utils/roughneck_lean.py); run
    # as a plain module, this is an AnsibleModule.
    if module is None:
        from ansible.module_utils.basic import AnsibleModule
        module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    entries = [Entry(module, raw) for raw in module.params["files"]]
    diffs = []
    changed_paths = []
    for entry in entries:
        if APPLY[entry.state](module, entry, diffs):
            changed_paths.append(entry.path)
    declared = {entry.path for entry in entries}
    for pattern in module.params["prune"]:
        for path in sorted(glob.glob(pattern)):
            if path not in declared and not os.path.isdir(path):
                if apply_absent(module, Entry(module, {"path": path, "state": "absent"}), diffs):
                    changed_paths.append(path)
    result = {"changed": bool(changed_paths), "changed_paths": changed_paths}
    if module._diff and diffs:
        result["diff"] = diffs
    module.exit_json(**result)


if __name__ == "__main__":
    main()

# Roughneck: run one of our own modules (library/<name>.py) on the machine without AnsiballZ.
#
# A module task costs 0.25 to 0.45 s on a converged machine, most of it Python importing
# ansible.module_utils on the machine. Our modules need none of it: the action plugin of the
# same name validates the arguments here, on the controller, with the module's own ARGUMENT_SPEC,
# and sends the module's source with a small stand-in for AnsibleModule to `python3 -` through
# the connection (become and the task's environment applied): one round trip, about 0.1 s.
# The library file stays a plain module too (documentation, and runs where this plugin is absent).
from __future__ import annotations

import ast
import difflib
import json
import os

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_bytes
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

LIBRARY = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "library")

# Runs on the machine: the module's main() gets this instead of an AnsibleModule.
TARGET_RUNNER = r'''
import json
import sys


class LeanModule:
    def __init__(self, payload):
        self.params = payload["params"]
        self.check_mode = payload["check_mode"]
        self._diff = payload["diff"]

    def exit_json(self, **result):
        sys.stdout.write(json.dumps(result) + "\n")
        sys.exit(0)

    def fail_json(self, msg, **result):
        result.update(failed=True, msg=msg)
        sys.stdout.write(json.dumps(result) + "\n")
        sys.exit(1)


namespace = {"__name__": "roughneck_lean_module"}
exec(compile(SOURCE, FILE_NAME, "exec"), namespace)
namespace["main"](LeanModule(json.loads(PAYLOAD)))
'''


def _argument_spec(source, file_name):
    """The module's ARGUMENT_SPEC, read as a literal without running the module here."""
    for node in ast.parse(source, file_name).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "ARGUMENT_SPEC" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AnsibleActionFail(f"{file_name} has no literal ARGUMENT_SPEC")


class LeanModuleAction(ActionBase):
    """Base of the action plugins named after a module in library/ (set MODULE)."""

    MODULE = ""
    TRANSFERS_FILES = False
    _cache = {}

    def _module(self):
        if self.MODULE not in self._cache:
            path = os.path.join(LIBRARY, self.MODULE + ".py")
            with open(path, encoding="utf-8") as handle:
                source = handle.read()
            self._cache[self.MODULE] = (source, _argument_spec(source, path))
        return self._cache[self.MODULE]

    def _python(self, task_vars):
        configured = task_vars.get("ansible_python_interpreter")
        if configured:
            return self._templar.template(configured)
        return task_vars.get("ansible_facts", {}).get("discovered_interpreter_python") or "/usr/bin/python3"

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}
        source, spec = self._module()
        for key in self._task.args:
            if key not in spec:
                nearest = difflib.get_close_matches(key, list(spec), n=1)
                hint = f"; did you mean '{nearest[0]}'?" if nearest else f" (valid: {', '.join(sorted(spec))})"
                return dict(result, failed=True, msg=f"{self.MODULE}: unknown argument '{key}'{hint}")
        validated = ArgumentSpecValidator(spec).validate(dict(self._task.args))
        if validated.error_messages:
            return dict(result, failed=True, msg=f"{self.MODULE}: " + "; ".join(validated.error_messages))
        payload = {"params": validated.validated_parameters, "check_mode": bool(self._task.check_mode), "diff": bool(self._task.diff)}
        script = (f"SOURCE = {source!r}\nFILE_NAME = {self.MODULE + '.py'!r}\nPAYLOAD = {json.dumps(payload)!r}\n"
                  + TARGET_RUNNER)
        command = " ".join(part for part in (self._compute_environment_string(), self._python(task_vars), "-") if part)
        ran = self._low_level_execute_command(command, in_data=to_bytes(script, errors="surrogate_or_strict"))
        lines = [line for line in ran.get("stdout", "").splitlines() if line.startswith("{")]
        try:
            answer = json.loads(lines[-1])
        except (IndexError, ValueError):
            return dict(result, failed=True, rc=ran["rc"],
                        msg=f"{self.MODULE} gave no result (exit {ran['rc']}): {ran.get('stderr', '').strip()[-2000:]}")
        result.update(answer)
        result.setdefault("changed", False)
        return result

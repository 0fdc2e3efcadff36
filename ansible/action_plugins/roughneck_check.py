# Roughneck: a read-only shell check in one round trip without a module on the target.
# A module call (command, shell, stat) starts Python on the machine and costs 0.25 to 0.5 s;
# this runs the script through the connection's shell (become applied) in about 0.05 s.
# Unlike ansible.builtin.raw it runs in check mode (it only reads) and does not warn about the
# play's environment (the script gets none: it must not need the proxy).
from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("script", "executable"))

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        script = self._task.args.get("script")
        if not isinstance(script, str) or not script.strip():
            raise AnsibleActionFail("roughneck_check needs a non-empty script")
        executable = self._task.args.get("executable") or "/bin/sh"
        ran = self._low_level_execute_command(script, executable=executable)
        result.update(changed=False, failed=False, rc=ran["rc"], stdout=ran.get("stdout", ""), stderr=ran.get("stderr", ""))
        return result

#!/usr/bin/python3
# Roughneck: documentation of the roughneck_check action (action_plugins/roughneck_check.py),
# which runs on the controller and never ships this file to the machine.
from __future__ import annotations

DOCUMENTATION = r"""
module: roughneck_check
short_description: Run a read-only shell script on the machine, without a module
description:
  - One round trip of about 0.05 s instead of a module's 0.25 to 0.5 s: the script runs through
    the connection's shell, with become applied. Never changes anything and runs in check mode.
  - Returns its exit code (rc), stdout and stderr and never fails on its own; decide with
    failed_when or with a later task's when. The play's environment is not applied.
options:
  script: {description: The script (read-only)., type: str, required: true}
  executable: {description: The shell that runs it., type: str, default: /bin/sh}
"""

RETURN = r"""
rc: {description: The script's exit code., type: int}
stdout: {description: What it printed., type: str}
"""

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec={"script": {"type": "str", "required": True}, "executable": {"type": "str", "default": "/bin/sh"}},
        supports_check_mode=True,
    )
    module.fail_json(msg="roughneck_check runs as an action plugin; ansible.cfg sets action_plugins = action_plugins")


if __name__ == "__main__":
    main()

# Roughneck bench: wall time per task and per role of one ansible-playbook run.
#   ANSIBLE_CALLBACK_PLUGINS=bench/callback ANSIBLE_CALLBACKS_ENABLED=roughneck_profile \
#   ROUGHNECK_PROFILE_OUT=/tmp/profile.txt ansible-playbook ...
# Writes "seconds<TAB>task" lines, slowest first, after a "total" line; stdout is untouched.
from __future__ import annotations

import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: roughneck_profile
type: aggregate
short_description: wall time of every task, for Roughneck's benches
description: Writes the seconds of each task (handlers included) to $ROUGHNECK_PROFILE_OUT.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "roughneck_profile"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self._rows = []
        self._current = None
        self._started = None
        self._begin = time.monotonic()

    def _close(self):
        if self._current is not None:
            self._rows.append((time.monotonic() - self._started, self._current))

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self._current, self._started = task.get_name(), time.monotonic()

    def v2_playbook_on_handler_task_start(self, task):
        self._close()
        self._current, self._started = "handler: " + task.get_name(), time.monotonic()

    def v2_playbook_on_stats(self, stats):
        self._close()
        out = os.environ.get("ROUGHNECK_PROFILE_OUT")
        if not out:
            return
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(f"{time.monotonic() - self._begin:.2f}\ttotal\n")
            for seconds, name in sorted(self._rows, reverse=True):
                handle.write(f"{seconds:.2f}\t{name}\n")

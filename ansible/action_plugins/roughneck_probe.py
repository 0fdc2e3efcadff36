# Roughneck: library/roughneck_probe.py run without AnsiballZ (see plugin_utils/roughneck_lean.py).
from __future__ import annotations

import os
import sys

_UTILS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugin_utils")
if _UTILS not in sys.path:
    sys.path.insert(0, _UTILS)
from roughneck_lean import LeanModuleAction  # noqa: E402


class ActionModule(LeanModuleAction):
    MODULE = "roughneck_probe"

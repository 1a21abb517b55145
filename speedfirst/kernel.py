"""The live dashboard's kernel: IPython's kernel, started without its debugger.

Every live viewer of the dashboard costs one kernel, so what a kernel holds is
multiplied by the number of viewers. As it starts, ipykernel (7.4) imports
debugpy and its bundled pydevd, 114 modules and about 8 MB of resident memory
per kernel (measured on this project's 2-core machine), for the debugger that
JupyterLab's debug panel talks to. A Voila page has no debug panel, and its
viewers cannot run code at all. ``ipykernel.debugger`` already knows how to
run without debugpy: when ``from debugpy.server import api`` raises
``ImportError`` it sets ``_is_debugpy_available = False`` and the kernel
answers debug requests as a kernel without a debugger. This module marks
debugpy as absent (``sys.modules["debugpy"] = None``, which makes that import
raise) and then starts the ordinary kernel application.

The kernel spec also turns IPython's input history off
(``--HistoryManager.enabled=False``): every viewer's kernel otherwise ran a
history thread and wrote the notebook's cells to the one shared
``history.sqlite`` (about 2 MB more per kernel, and a shared file that 16
kernels write at once).

The dashboard server (:func:`speedfirst.serve.voila_env`) puts
``speedfirst/share`` first on ``JUPYTER_PATH``; its ``kernels/python3``
kernel spec runs ``python -m speedfirst.kernel``, so the notebook's ``python3``
kernel is this one under ``make dashboard`` and the standard one everywhere
else (JupyterLab, nbval).
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    """Start an IPython kernel (``ipykernel``'s own command line) without debugpy."""
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # import debugpy -> ImportError
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()


if __name__ == "__main__":
    main()

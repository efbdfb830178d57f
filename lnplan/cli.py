"""What every command line of the project shares: it ends with one line, never a traceback."""

from __future__ import annotations

import signal
import sys
from typing import Callable


def run_cli(main: Callable[[], int]) -> int:
    """Run a command so that it ends with a line, never a traceback: exit 130 on Ctrl-C or SIGTERM, 1 on an
    operating-system error such as a read-only directory or a full disk."""

    def terminated(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminated)
    try:
        return main()
    except KeyboardInterrupt:
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"error:{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1

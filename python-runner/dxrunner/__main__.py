"""`python3 -m dxrunner`: one long-lived worker on stdin/stdout.

stdout carries the protocol and nothing else: sys.stdout is pointed at stderr before anything
runs, so a stray print() in a model cannot corrupt a reply. Logs go to stderr
(DXRUNNER_LOG_LEVEL, default INFO).
"""

from __future__ import annotations

import logging
import os
import sys


def main() -> int:
    protocol_in, protocol_out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    logging.basicConfig(
        stream=sys.stderr,
        level=os.environ.get("DXRUNNER_LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s dxrunner[%(process)d] %(levelname)s %(message)s",
    )
    log = logging.getLogger("dxrunner")

    from .models.registry import all_models
    from .protocol.loop import serve

    log.info("worker ready, models: %s", ", ".join(all_models()))
    try:
        code = serve(protocol_in, protocol_out)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        log.info("stdout closed, stopping")
        return 0
    log.info("stdin closed, stopping")
    return code


if __name__ == "__main__":
    sys.exit(main())

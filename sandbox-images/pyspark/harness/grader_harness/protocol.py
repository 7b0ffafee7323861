"""The control stream: one JSON frame per line, prefixed, on a private copy of the original stdout.

The schemas live in core/run-report.ts (HarnessFrameSchema); a contract test parses this output.
File descriptor 1 itself is pointed at stderr, so stray writes never look like frames.
"""
import json
import os
import sys

FRAME_PREFIX = "@@grader-frame@@ "


class ControlStream:
    def __init__(self) -> None:
        control_fd = os.dup(1)
        os.dup2(2, 1)  # anything else written to fd 1 (JVM, candidate os.write) lands on stderr
        sys.stdout = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8", errors="replace")
        self._out = os.fdopen(control_fd, "w", buffering=1, encoding="utf-8")

    def send(self, frame: dict) -> None:
        self._out.write(FRAME_PREFIX + json.dumps(frame, separators=(",", ":"), allow_nan=False) + "\n")
        self._out.flush()


def read_job_archive(stream, max_bytes: int) -> bytes:
    """Reads `<length>\\n` then exactly that many bytes (a tar), so no end-of-file is needed."""
    header = stream.readline(32)
    if not header.endswith(b"\n") or not header.strip().isdigit():
        raise ValueError("job header must be a decimal length and a newline")
    length = int(header)
    if length > max_bytes:
        raise ValueError(f"job of {length} bytes exceeds the harness limit of {max_bytes} bytes")
    chunks, remaining = [], length
    while remaining > 0:
        chunk = stream.read(min(remaining, 1 << 20))
        if not chunk:
            raise ValueError(f"job ended {remaining} bytes early")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)

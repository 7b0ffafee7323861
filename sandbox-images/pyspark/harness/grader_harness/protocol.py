"""The two streams between the worker and the harness.

Frames out: one JSON object per line on a private copy of the original stdout (schemas:
core/run-report.ts). File descriptor 1 itself is pointed at stderr, so stray writes never land
on the control stream; code in this process can still find it, which is why the worker trusts
no frame beyond its own state machine.

Commands in: a JSON header line, then exactly `payloadBytes` bytes (schemas:
core/sandbox-command.ts). The worker sends the next command only after the frame that ends the
previous one, so nothing a case has not yet been given is ever waiting on stdin.
"""
import json
import os
import sys

#: Rows per `rows` frame are cut at about this many characters of JSON (at most 4 bytes each in
#: UTF-8, so a frame stays well under the worker's per-frame cap).
ROWS_FRAME_CHARS = 512 << 10
#: Raw bytes per `blob` frame (base64 makes them a third larger).
BLOB_FRAME_BYTES = 2 << 20
MAX_HEADER_BYTES = 1 << 20
MAX_PAYLOAD_BYTES = 1 << 30


class ControlStream:
    def __init__(self) -> None:
        control_fd = os.dup(1)
        os.dup2(2, 1)  # anything else written to fd 1 (JVM, candidate os.write) lands on stderr
        sys.stdout = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8", errors="replace")
        # errors="replace": a lone surrogate in the candidate's text (an exception message, a
        # cell) becomes "?" rather than failing the frame that reports it.
        self._out = os.fdopen(control_fd, "w", buffering=1, encoding="utf-8", errors="replace")

    def send(self, frame: dict) -> None:
        self._out.write(json.dumps(frame, separators=(",", ":"), allow_nan=False, ensure_ascii=False) + "\n")
        self._out.flush()

    def send_raw(self, text: str) -> None:
        """Sends a frame already encoded as one line of JSON (rows are encoded once, in cases.py)."""
        self._out.write(text + "\n")
        self._out.flush()


def read_command(stream) -> tuple:
    """The next command header (a dict) and its payload (bytes); (None, b"") at end of input."""
    header = stream.readline(MAX_HEADER_BYTES + 1)
    if not header:
        return None, b""
    if not header.endswith(b"\n"):
        raise ValueError(f"command header longer than {MAX_HEADER_BYTES} bytes")
    command = json.loads(header)
    if not isinstance(command, dict) or not isinstance(command.get("type"), str):
        raise ValueError("a command must be a JSON object with a type")
    length = command.get("payloadBytes", 0)
    if not isinstance(length, int) or length < 0 or length > MAX_PAYLOAD_BYTES:
        raise ValueError(f"payloadBytes must be a whole number up to {MAX_PAYLOAD_BYTES}")
    chunks, remaining = [], length
    while remaining > 0:
        chunk = stream.read(min(remaining, 1 << 20))
        if not chunk:
            raise ValueError(f"command payload ended {remaining} bytes early")
        chunks.append(chunk)
        remaining -= len(chunk)
    return command, b"".join(chunks)

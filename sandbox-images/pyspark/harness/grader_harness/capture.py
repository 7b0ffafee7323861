"""What the candidate prints: kept up to a byte cap per case, the rest counted."""
import contextlib
import io
import sys


class CappedText(io.TextIOBase):
    """Keeps the first `limit` bytes written and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit, self.kept, self.size, self.dropped = limit, [], 0, 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        data = text.encode("utf-8", "replace")
        room = self.limit - self.size
        if room > 0:
            self.kept.append(data[:room])
            self.size += min(room, len(data))
        self.dropped += max(0, len(data) - max(room, 0))
        return len(text)

    def value(self) -> str:
        return b"".join(self.kept).decode("utf-8", "replace")


@contextlib.contextmanager
def captured_stdout(limit: int):
    """sys.stdout goes to a CappedText while the block runs."""
    captured, real = CappedText(limit), sys.stdout
    sys.stdout = captured
    try:
        yield captured
    finally:
        sys.stdout = real

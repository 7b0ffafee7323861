"""Candidate errors as the candidate should read them: only their own frames and line numbers,
the exception's message without JVM stack traces, sandbox paths shown as `solution.py`."""
import re
import traceback

MAX_MESSAGE_LINES = 30
MAX_MESSAGE_CHARS = 8000


def _clean_message(text: str, solution_path: str) -> str:
    text = text.replace(solution_path, "solution.py")
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("at ") and ("(" in stripped or "$" in stripped):
            continue  # a JVM stack frame
        if stripped.startswith("JVM stacktrace:"):
            break
        kept.append(line)
        if len(kept) >= MAX_MESSAGE_LINES:
            kept.append("...")
            break
    return "\n".join(kept).strip()[:MAX_MESSAGE_CHARS]


def candidate_error(exc: BaseException, solution_path: str) -> dict:
    name = type(exc).__name__
    if isinstance(exc, SyntaxError) and exc.filename == solution_path:
        line = exc.lineno or 1
        pointer = ""
        if exc.text is not None:
            pointer = "\n    " + exc.text.rstrip("\n") + ("\n    " + " " * max((exc.offset or 1) - 1, 0) + "^" if exc.offset else "")
        return {
            "type": name,
            "message": f"{exc.msg} (solution.py, line {line})",
            "traceback": f'  File "solution.py", line {line}{pointer}',
            "line": line,
        }
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == solution_path]
    lines = []
    for frame in frames:
        lines.append(f'  File "solution.py", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    message = _clean_message(str(exc), solution_path)
    line = frames[-1].lineno if frames else None
    if line is None:  # e.g. a Python UDF failing in a Spark worker: its traceback is in the message
        found = re.findall(r'File "solution\.py", line (\d+)', message)
        line = int(found[-1]) if found else None
    error = {"type": name, "message": message or name, "traceback": "\n".join(lines)}
    if line:
        error["line"] = line
    return error

# Introspects the PySpark API a candidate uses (pyspark.sql.functions, DataFrame, Column,
# Window, SparkSession and the objects they return) and prints it as one JSON object: names,
# signatures, return types and the first paragraph of each docstring. Run inside the sandbox
# image by scripts/generate-pyspark-completions.ts so the data matches the runtime's PySpark.
import inspect
import json
import re
import sys

import pyspark
from pyspark.sql import Column, DataFrame, DataFrameNaFunctions, DataFrameReader, DataFrameStatFunctions, DataFrameWriter, GroupedData, SparkSession, Window, WindowSpec
from pyspark.sql import functions
from pyspark.sql import types

CLASSES = {
    "DataFrame": DataFrame,
    "Column": Column,
    "GroupedData": GroupedData,
    "Window": Window,
    "WindowSpec": WindowSpec,
    "SparkSession": SparkSession,
    "DataFrameReader": DataFrameReader,
    "DataFrameWriter": DataFrameWriter,
    "DataFrameNaFunctions": DataFrameNaFunctions,
    "DataFrameStatFunctions": DataFrameStatFunctions,
}
MAX_DOC_CHARS = 600


def first_paragraph(obj):
    doc = inspect.getdoc(obj) or ""
    paragraph = doc.strip().split("\n\n")[0]
    paragraph = re.sub(r"\s+", " ", paragraph).strip()
    # Sphinx roles read as code: :class:`~pyspark.sql.Column` -> `Column`.
    paragraph = re.sub(r":\w+:`~?(?:[\w.]+\.)?([^`]+)`", r"`\1`", paragraph)
    if len(paragraph) > MAX_DOC_CHARS:
        cut = paragraph.rfind(". ", 0, MAX_DOC_CHARS)
        paragraph = paragraph[: cut + 1] if cut > 0 else paragraph[:MAX_DOC_CHARS] + "…"
    return paragraph


def annotation_name(annotation):
    """The bare class name of a return annotation ('DataFrame', 'Column'), or None."""
    if annotation is inspect.Signature.empty:
        return None
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    match = re.fullmatch(r"""['"]?(?:[\w.]+\.)?(\w+)['"]?""", text.strip())
    return match.group(1) if match else None


def signature_of(fn):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return "(...)", None
    params = sig.replace(return_annotation=inspect.Signature.empty, parameters=[
        p.replace(annotation=inspect.Parameter.empty) for p in sig.parameters.values()
    ])
    return str(params), annotation_name(sig.return_annotation)


def describe_callable(name, fn, kind, drop_self):
    signature, returns = signature_of(fn)
    if drop_self:
        signature = re.sub(r"^\((self|cls)(, )?", "(", signature)
    return {"name": name, "kind": kind, "signature": signature, "returns": returns, "doc": first_paragraph(fn)}


def describe_class(cls):
    members = []
    for name, raw in sorted(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(raw, property):
            returns = annotation_name(inspect.signature(raw.fget).return_annotation) if raw.fget else None
            members.append({"name": name, "kind": "property", "signature": "", "returns": returns, "doc": first_paragraph(raw)})
        elif isinstance(raw, (staticmethod, classmethod)):
            members.append(describe_callable(name, raw.__func__, "method", isinstance(raw, classmethod)))
        elif inspect.isfunction(raw):
            members.append(describe_callable(name, raw, "method", True))
        elif isinstance(raw, int) and not isinstance(raw, bool):
            members.append({"name": name, "kind": "constant", "signature": "", "returns": None, "doc": f"= {raw}"})
    # Inherited public members the class itself does not redefine (e.g. WindowSpec has none, DataFrame a few mixins).
    for base in cls.__mro__[1:]:
        if base is object:
            continue
        for name, raw in sorted(vars(base).items()):
            if name.startswith("_") or any(m["name"] == name for m in members):
                continue
            if inspect.isfunction(raw):
                members.append(describe_callable(name, raw, "method", True))
    members.sort(key=lambda m: m["name"])
    return {"doc": first_paragraph(cls), "members": members}


def describe_functions():
    members = []
    for name in sorted(getattr(functions, "__all__", dir(functions))):
        obj = getattr(functions, name, None)
        if name.startswith("_") or not callable(obj) or inspect.isclass(obj):
            continue
        members.append(describe_callable(name, obj, "function", False))
    return {"doc": first_paragraph(functions), "members": members}


def describe_types():
    members = []
    for name in sorted(getattr(types, "__all__", [])):
        obj = getattr(types, name, None)
        if inspect.isclass(obj):
            signature, _ = signature_of(obj)
            signature = re.sub(r"^\(self(, )?", "(", signature)
            members.append({"name": name, "kind": "class", "signature": signature, "returns": name, "doc": first_paragraph(obj)})
    return {"doc": first_paragraph(types), "members": members}


def main():
    data = {
        "pysparkVersion": pyspark.__version__,
        "pythonVersion": sys.version.split()[0],
        "modules": {"functions": describe_functions(), "types": describe_types()},
        "classes": {name: describe_class(cls) for name, cls in CLASSES.items()},
    }
    json.dump(data, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


main()

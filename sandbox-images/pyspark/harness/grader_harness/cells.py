"""Spark values -> JSON wire cells, the format core/table.ts decodes (see its header)."""
import base64
import datetime as dt
import math
from decimal import Decimal

from pyspark.sql import types as T

SAFE_INT = 2**53


def _timestamp(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{value.microsecond:06d}Z" if value.microsecond else f"{text}Z"


def converter(data_type):
    """A function turning one collected value of `data_type` into a JSON-safe cell."""
    if isinstance(data_type, (T.ByteType, T.ShortType, T.IntegerType, T.LongType)):
        return lambda v: v if -SAFE_INT < v < SAFE_INT else str(v)
    if isinstance(data_type, (T.FloatType, T.DoubleType)):
        def fractional(v):
            if math.isnan(v):
                return "NaN"
            if math.isinf(v):
                return "Infinity" if v > 0 else "-Infinity"
            return float(v)
        return fractional
    if isinstance(data_type, T.DecimalType):
        return lambda v: format(Decimal(v), "f")
    if isinstance(data_type, (T.TimestampType, T.TimestampNTZType)):
        return _timestamp
    if isinstance(data_type, T.DateType):
        return lambda v: v.isoformat()
    if isinstance(data_type, T.BinaryType):
        return lambda v: base64.b64encode(bytes(v)).decode("ascii")
    if isinstance(data_type, T.ArrayType):
        element = converter(data_type.elementType)
        return lambda v: [None if x is None else element(x) for x in v]
    if isinstance(data_type, T.MapType):
        key, value = converter(data_type.keyType), converter(data_type.valueType)
        return lambda v: {str(key(k)): (None if x is None else value(x)) for k, x in v.items()}
    if isinstance(data_type, T.StructType):
        fields = [(f.name, converter(f.dataType)) for f in data_type.fields]
        return lambda v: {name: (None if v[i] is None else conv(v[i])) for i, (name, conv) in enumerate(fields)}
    return lambda v: v if isinstance(v, (str, bool)) else str(v)


def rows_to_cells(schema: T.StructType, rows) -> list:
    converters = [converter(f.dataType) for f in schema.fields]
    return [[None if value is None else conv(value) for conv, value in zip(converters, row)] for row in rows]


def parse_input_value(value, declared_type: str):
    """A JSONL input cell -> the Python value Spark expects for the declared type."""
    if value is None:
        return None
    if declared_type == "timestamp":
        text = value[:-1] if value.endswith("Z") else value
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)
    if declared_type == "date":
        return dt.date.fromisoformat(value)
    if declared_type in ("float", "double"):
        return float(value)
    if declared_type in ("byte", "short", "int", "long"):
        return int(value)
    if declared_type == "binary":
        return bytearray(base64.b64decode(value))
    return value

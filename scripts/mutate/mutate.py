# Single-point mutants of a PySpark solution, for `npm run challenges:mutate`: each operator finds the
# places it applies to with `ast` and rewrites only the text of that place, so a mutant is the file
# with one change (comments and layout kept). Stdlib only (Python 3.11).
# CLI: `python3 scripts/mutate/mutate.py <file.py>` prints a JSON list of
# {id, operator, description, line, column, source}; every mutant is compiled first (exit 1 if one fails).
import ast
import bisect
import io
import json
import re
import sys
import tokenize
from dataclasses import asdict, dataclass

COMPARISON_SWAPS = {
    ast.Lt: (ast.LtE, "lt", "le"),
    ast.LtE: (ast.Lt, "le", "lt"),
    ast.Gt: (ast.GtE, "gt", "ge"),
    ast.GtE: (ast.Gt, "ge", "gt"),
    ast.Eq: (ast.NotEq, "eq", "ne"),
    ast.NotEq: (ast.Eq, "ne", "eq"),
}
SYMBOLS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}

# Join types by their canonical name (every spelling Spark accepts maps to one), and what each is
# swapped for: the neighbours a slip would plausibly produce.
JOIN_SPELLINGS = {
    "inner": "inner",
    "left": "left", "leftouter": "left", "left_outer": "left",
    "right": "right", "rightouter": "right", "right_outer": "right",
    "outer": "outer", "full": "outer", "fullouter": "outer", "full_outer": "outer",
    "semi": "left_semi", "leftsemi": "left_semi", "left_semi": "left_semi",
    "anti": "left_anti", "leftanti": "left_anti", "left_anti": "left_anti",
}
JOIN_SWAPS = {
    "left": ["inner", "right", "outer"],
    "right": ["inner", "left", "outer"],
    "inner": ["left", "right", "left_semi"],
    "outer": ["left", "right", "inner"],
    "left_semi": ["left_anti", "inner"],
    "left_anti": ["left_semi"],
}

# pyspark.sql.functions swaps: aggregates, min/max across columns, window functions, null checks.
FUNCTION_SWAPS = {
    "sum": ["count", "avg"],
    "count": ["sum", "countDistinct"],
    "countDistinct": ["count"],
    "count_distinct": ["count"],
    "avg": ["sum"],
    "mean": ["sum"],
    "min": ["max"],
    "max": ["min"],
    "first": ["last"],
    "last": ["first"],
    "collect_set": ["collect_list"],
    "collect_list": ["collect_set"],
    "greatest": ["least"],
    "least": ["greatest"],
    "lag": ["lead"],
    "lead": ["lag"],
    "row_number": ["rank", "dense_rank"],
    "rank": ["row_number", "dense_rank"],
    "dense_rank": ["row_number", "rank"],
    "isnull": ["isnotnull"],
    "isnotnull": ["isnull"],
}
FUNCTION_FAMILY = {
    "greatest": "fn", "least": "fn",
    "lag": "window", "lead": "window",
    "row_number": "rank", "rank": "rank", "dense_rank": "rank",
    "isnull": "null", "isnotnull": "null",
}
AGGREGATES = {"sum", "count", "countDistinct", "count_distinct", "avg", "mean", "min", "max", "first", "last", "collect_set", "collect_list"}
COALESCE = {"coalesce", "ifnull", "nvl"}
DIRECTION_SWAPS = {
    "asc": "desc", "desc": "asc",
    "asc_nulls_first": "desc_nulls_first", "desc_nulls_first": "asc_nulls_first",
    "asc_nulls_last": "desc_nulls_last", "desc_nulls_last": "asc_nulls_last",
}
ORDERINGS = {"orderBy", "sort", "sortWithinPartitions"}
DEDUPS = {"dropDuplicates", "drop_duplicates", "dropDuplicatesWithinWatermark"}
FRAMES = {"rowsBetween": "rangeBetween", "rangeBetween": "rowsBetween"}
# Frame bound swaps by argument position: the start (0) and the end (1).
BOUND_SWAPS = {
    (0, "unboundedPreceding"): "currentRow",
    (0, "currentRow"): "unboundedPreceding",
    (1, "unboundedFollowing"): "currentRow",
    (1, "currentRow"): "unboundedFollowing",
}
NUMERIC_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
INTERVAL = re.compile(r"^\s*(\d+)\s+(microsecond|millisecond|second|minute|hour|day|week)s?\s*$", re.IGNORECASE)
# A node that stays one operand wherever its text is put; anything else is parenthesised.
ATOMS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant, ast.List, ast.Dict, ast.Set)
MAX_SHOWN_CHARS = 100
# Methods whose numeric arguments are partition counts: off by one, the rows are the same (equivalent by construction).
PARTITION_COUNTS = {"repartition", "coalesce", "repartitionByRange"}


class InvalidMutant(Exception):
    """An operator produced text that is not Python, or no change: a bug in this file."""


@dataclass(frozen=True)
class Edit:
    start: int  # character offsets in the source of the replaced text
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    operator: str
    at: int  # character offset the mutant is named by (its id's line and column)
    edits: tuple
    context: tuple | None  # (start, end) of the text its description shows before and after; None: a removal


class Text:
    """The source and the conversions between ast's (line, UTF-8 byte column) and character offsets."""

    def __init__(self, source):
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def offset(self, lineno, byte_col):
        start = self.line_starts[lineno - 1]
        line = self.source[start : start + byte_col]  # at least byte_col bytes: a character is one byte or more
        return start + len(line.encode("utf-8")[:byte_col].decode("utf-8"))

    def start(self, node):
        return self.offset(node.lineno, node.col_offset)

    def end(self, node):
        return self.offset(node.end_lineno, node.end_col_offset)

    def segment(self, node):
        return self.source[self.start(node) : self.end(node)]

    def position(self, offset):
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


def kebab(name):
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "-", name).replace("_", "-").lower()


def squash(text):
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"([(\[]) ", r"\1", re.sub(r" ([)\]])", r"\1", text)).strip()


def shorten_pair(before, after):
    """Both texts cut to the part around where they differ when either is long."""
    if max(len(before), len(after)) <= MAX_SHOWN_CHARS:
        return before, after
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    keep = 30

    def cut(text):
        head = text[: len(text) - suffix]
        tail = text[len(text) - suffix :]
        head = ("…" + head[prefix - keep :]) if prefix > keep else head
        tail = (tail[:keep] + "…") if len(tail) > keep else tail
        return head + tail

    return cut(before), cut(after)


def shorten(text):
    if len(text) <= MAX_SHOWN_CHARS:
        return text
    half = MAX_SHOWN_CHARS // 2
    return text[:half] + "…" + text[-half:]


def apply_edits(text, edits, base=0):
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start - base] + edit.text + text[edit.end - base :]
    return text


class Finder:
    """Walks one module and collects every operator's candidates."""

    def __init__(self, source):
        self.text = Text(source)
        self.tree = ast.parse(source)
        self.parents = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.functions, self.bare_functions, self.windows = self.imported_names()
        # Names bound once to a value (`by_user = Window.partitionBy(...)`), to see a window spec through its name.
        bound = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                bound.setdefault(node.targets[0].id, []).append(node.value)
        self.assignments = {name: values[0] for name, values in bound.items() if len(values) == 1}
        self.ops = []
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.OP:
                start = self.text.line_starts[tok.start[0] - 1] + tok.start[1]
                self.ops.append((start, start + len(tok.string), tok.string))
        self.found = []

    def imported_names(self):
        """Local names of pyspark.sql.functions, of functions imported from it (local -> real), and of Window."""
        functions, bare, windows = set(), {}, set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("pyspark.sql", "pyspark.sql.window"):
                for alias in node.names:
                    if alias.name == "functions":
                        functions.add(alias.asname or alias.name)
                    if alias.name == "Window":
                        windows.add(alias.asname or alias.name)
            elif isinstance(node, ast.ImportFrom) and node.module == "pyspark.sql.functions":
                for alias in node.names:
                    bare[alias.asname or alias.name] = alias.name
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "pyspark.sql.functions" and alias.asname:
                        functions.add(alias.asname)
        return functions, bare, windows

    # -- helpers -------------------------------------------------------------------------------

    def add(self, operator, at, edits, context=None):
        self.found.append(Candidate(operator, at, tuple(edits), context))

    def span(self, node):
        return self.text.start(node), self.text.end(node)

    def function(self, call):
        """The pyspark.sql.functions name a call calls through the module (`F.sum`), else None."""
        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.functions:
            return func.attr
        return None

    def bare_function(self, call):
        """The real name of a function imported from pyspark.sql.functions and called bare, else None."""
        func = call.func
        return self.bare_functions.get(func.id) if isinstance(func, ast.Name) else None

    def method(self, call):
        """The name of a method called on anything but the functions module (`df.where`), else None."""
        func = call.func
        if isinstance(func, ast.Attribute) and self.function(call) is None:
            return func.attr
        return None

    def name_span(self, call):
        """(start, end) of the called name: the attribute's last part, or the bare name."""
        end = self.text.end(call.func)
        name = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
        return end - len(name), end

    def rename(self, operator, call, new_name):
        start, end = self.name_span(call)
        self.add(operator, start, [Edit(start, end, new_name)], self.span(call))

    def remove_call(self, operator, call, receiver):
        """`receiver.name(...)` -> `receiver`: the call's text after its receiver goes."""
        start, _ = self.name_span(call)
        self.add(operator, start, [Edit(self.text.end(receiver), self.text.end(call), "")])

    def as_operand(self, node):
        text = self.text.segment(node)
        return text if isinstance(node, ATOMS) and "\n" not in text else f"({text})"

    def remove_element(self, operator, elements, i, context):
        """One of a list's or call's comma-separated elements (at least two) removed with its comma."""
        if i < len(elements) - 1:
            edit = Edit(self.text.start(elements[i]), self.text.start(elements[i + 1]), "")
        else:
            edit = Edit(self.text.end(elements[i - 1]), self.text.end(elements[i]), "")
        self.add(operator, self.text.start(elements[i]), [edit], context)

    def window_rooted(self, node):
        """Whether a method chain starts at the Window class (`Window.partitionBy(...).orderBy(...)`)."""
        while isinstance(node, (ast.Call, ast.Attribute)):
            node = node.func if isinstance(node, ast.Call) else node.value
        return isinstance(node, ast.Name) and node.id in self.windows

    def chain_calls(self, node):
        names = set()
        while isinstance(node, (ast.Call, ast.Attribute)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
            node = node.func if isinstance(node, ast.Call) else node.value
        return names

    def keys(self, call):
        """A call's column arguments, a single list or tuple argument unpacked."""
        if len(call.args) == 1 and isinstance(call.args[0], (ast.List, ast.Tuple)):
            return call.args[0].elts
        return call.args

    # -- operators -----------------------------------------------------------------------------

    def find(self):
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Compare):
                self.comparison(node)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
                self.boolean(node)
            elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
                self.add("bool-not-removed", self.text.start(node), [Edit(self.text.start(node), self.text.start(node) + 1, "")], self.span(node))
            elif isinstance(node, ast.Constant):
                self.constant(node)
            if self.is_numeric(node) and not self.is_numeric(self.parents.get(node)):
                self.numeric(node)
            if isinstance(node, ast.Call):
                self.call(node)
        return self.found

    def token_between(self, start, end, symbol):
        for tok_start, tok_end, string in self.ops:
            if tok_start >= start and tok_end <= end and string == symbol:
                return tok_start, tok_end
        raise InvalidMutant(f"no `{symbol}` token between offsets {start} and {end}")

    def comparison(self, node):
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            swap = COMPARISON_SWAPS.get(type(op))
            if swap:
                new_op, old_name, new_name = swap
                start, end = self.token_between(self.text.end(left), self.text.start(right), SYMBOLS[type(op)])
                self.add(f"cmp-{old_name}-to-{new_name}", start, [Edit(start, end, SYMBOLS[new_op])], self.span(node))
            left = right

    def boolean(self, node):
        old, new, name = ("&", "|", "bool-and-to-or") if isinstance(node.op, ast.BitAnd) else ("|", "&", "bool-or-to-and")
        start, end = self.token_between(self.text.end(node.left), self.text.start(node.right), old)
        self.add(name, start, [Edit(start, end, new)], self.span(node))

    def is_numeric(self, node):
        if isinstance(node, ast.Constant):
            return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return self.is_numeric(node.operand)
        if isinstance(node, ast.BinOp) and isinstance(node.op, NUMERIC_OPS):
            return self.is_numeric(node.left) and self.is_numeric(node.right)
        return False

    def counts_a_literal(self, node):
        """`F.count(F.lit(n))`: any non-null n counts the same rows, so its mutants are equivalent by construction."""
        lit = self.parents.get(node)
        count = self.parents.get(lit)
        return (
            isinstance(lit, ast.Call) and self.function(lit) == "lit"
            and isinstance(count, ast.Call) and self.function(count) == "count"
        )

    def numeric(self, node):
        """A numeric literal, or an expression of literals (`2 * 60 * 60`) as one value, off by one."""
        parent = self.parents.get(node)
        if self.counts_a_literal(node) or (isinstance(parent, ast.Call) and self.method(parent) in PARTITION_COUNTS):
            return
        start, end = self.span(node)
        literal = isinstance(node, ast.Constant) or (isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant))
        for delta, name in ((1, "const-plus-one"), (-1, "const-minus-one")):
            if literal:
                value = ast.literal_eval(node) + delta
                new = repr(value) if value >= 0 or not self.binds_tighter(node) else f"({value!r})"
            else:
                new = f"({self.text.segment(node)} {'+' if delta > 0 else '-'} 1)"
            self.add(name, start, [Edit(start, end, new)], self.context(node))

    def binds_tighter(self, node):
        """Whether the node's place binds tighter than a unary minus (`x ** 2`'s x, `x.real`'s x)."""
        parent = self.parents.get(node)
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Pow):
            return parent.left is node
        return isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is node or isinstance(parent, ast.Call) and parent.func is node

    def context(self, node):
        """The node with its parent when that is short and on one line (`> 3` reads better than `3`); of a
        method call, from the method's name on (`option('header', True)`)."""
        parent = self.parents.get(node)
        if isinstance(parent, ast.Call) and self.method(parent):
            span = (self.name_span(parent)[0], self.text.end(parent))
        elif isinstance(parent, (ast.expr, ast.keyword)):
            span = self.span(parent)
        else:
            return self.span(node)
        text = self.text.source[span[0] : span[1]]
        return span if "\n" not in text and len(text) <= 70 else self.span(node)

    def constant(self, node):
        parent = self.parents.get(node)
        if isinstance(parent, ast.JoinedStr):
            return  # a piece of an f-string: no text span of its own to rewrite
        if isinstance(node.value, bool) and (isinstance(parent, ast.keyword) or (isinstance(parent, ast.Call) and node in parent.args)):
            start, end = self.span(node)
            name = "const-true-to-false" if node.value else "const-false-to-true"
            self.add(name, start, [Edit(start, end, str(not node.value))], self.context(node))
        elif isinstance(node.value, str):
            match = INTERVAL.match(node.value)
            literal = self.text.segment(node)
            digits = re.search(r"\d+", literal)
            if not match or not digits or digits.group() != match.group(1):
                return
            start = self.text.start(node) + digits.start()
            amount = int(match.group(1))
            for delta, name in ((1, "interval-plus-one"), (-1, "interval-minus-one")):
                if amount + delta >= 0:
                    self.add(name, start, [Edit(start, start + len(digits.group()), str(amount + delta))], self.context(node))

    def call(self, node):
        function = self.function(node)
        bare = self.bare_function(node)
        method = self.method(node)
        if function in FUNCTION_SWAPS:
            self.function_swap(node, function)
        if (function or bare) in COALESCE and len(node.args) >= 2 and not node.keywords:
            start, end = self.span(node)
            self.add("null-coalesce-removed", start, [Edit(start, end, self.as_operand(node.args[0]))], (start, end))
        if function in DIRECTION_SWAPS and len(node.args) == 1:
            self.direction_swap(node, function)
        if method is None:
            return
        receiver = node.func.value
        if method == "join":
            self.join(node)
        elif method in ("isNull", "isNotNull") and not node.args:
            swap = "isNotNull" if method == "isNull" else "isNull"
            self.rename(f"null-{method.lower()}-to-{swap.lower()}", node, swap)
        elif method in ("where", "filter") and len(node.args) == 1 and not node.keywords:
            self.remove_call("filter-removed", node, receiver)
        elif method in ("fillna", "dropna"):
            self.remove_call(f"null-{method.removesuffix('na')}-removed", node, receiver)
        elif method in ("fill", "drop") and isinstance(receiver, ast.Attribute) and receiver.attr == "na":
            self.remove_call(f"null-{method}-removed", node, receiver.value)
        elif method in ORDERINGS:
            self.ordering(node)
        elif method == "partitionBy" and self.window_rooted(node):
            self.partitioning(node)
        elif method in FRAMES:
            self.frame(node)
        elif method == "over" and len(node.args) == 1:
            self.default_frame(node)
        elif method in DEDUPS:
            self.dedup(node, receiver)
        elif method == "distinct" and not node.args:
            self.remove_call("dedup-removed", node, receiver)
        elif method in DIRECTION_SWAPS and not node.args:
            self.direction_swap(node, method)

    def direction_swap(self, node, name):
        """`F.desc(c)` / `c.desc()` and their nulls_first/nulls_last forms: the direction flipped."""
        target = DIRECTION_SWAPS[name]
        self.rename(f"order-{name.split('_')[0]}-to-{target.split('_')[0]}", node, target)

    def function_swap(self, node, function):
        family = FUNCTION_FAMILY.get(function, "agg")
        if function in ("max", "min") and len(node.args) == 1:
            self.struct_order(node.args[0])
        for target in FUNCTION_SWAPS[function]:
            if function == "count" and target == "sum" and self.is_lit_one(node):
                continue  # sum of 1 per row is the count: equivalent by construction
            self.rename(f"{family}-{kebab(function)}-to-{kebab(target)}", node, target)

    def is_lit_one(self, call):
        if len(call.args) != 1:
            return False
        arg = call.args[0]
        if isinstance(arg, ast.Call) and self.function(arg) == "lit" and len(arg.args) == 1:
            arg = arg.args[0]
        return isinstance(arg, ast.Constant) and arg.value == 1 and not isinstance(arg.value, bool)

    def struct_order(self, arg):
        """`F.max(F.struct(a, b, ...))` orders by a, then b: its first two fields swapped."""
        if not (isinstance(arg, ast.Call) and self.function(arg) == "struct" and len(arg.args) >= 2 and not arg.keywords):
            return
        first, second = arg.args[0], arg.args[1]
        if any(isinstance(a, ast.Starred) for a in (first, second)):
            return
        edits = [Edit(*self.span(first), self.text.segment(second)), Edit(*self.span(second), self.text.segment(first))]
        self.add("order-struct-fields-swapped", self.text.start(first), edits, self.span(arg))

    def join(self, node):
        how = next((k.value for k in node.keywords if k.arg == "how"), None)
        if how is None and len(node.args) >= 3:
            how = node.args[2]
        if not (isinstance(how, ast.Constant) and isinstance(how.value, str)):
            return
        canonical = JOIN_SPELLINGS.get(how.value.lower())
        if canonical is None:
            return
        start, end = self.span(how)
        quote = self.text.source[start] if self.text.source[start] in "'\"" else "'"
        context = self.context(how)
        for target in JOIN_SWAPS[canonical]:
            self.add(f"join-{kebab(canonical)}-to-{kebab(target)}", start, [Edit(start, end, f"{quote}{target}{quote}")], context)

    def ordering(self, node):
        keys = self.keys(node)
        if any(isinstance(k, ast.Starred) for k in keys):
            return  # `orderBy(*cols)`: the keys are not in the text
        context = (self.name_span(node)[0], self.text.end(node))
        for key in keys:
            if isinstance(key, ast.Call) and (self.function(key) in DIRECTION_SWAPS or (self.method(key) in DIRECTION_SWAPS and not key.args)):
                continue  # an explicit direction: swapped where that call is visited
            if self.functions:
                start, end = self.span(key)
                fn = sorted(self.functions)[0]
                self.add("order-asc-to-desc", start, [Edit(start, end, f"{fn}.desc({self.text.segment(key)})")], context)
        if len(keys) >= 2:
            for i in range(len(keys)):
                self.remove_element("order-key-removed", keys, i, context)

    def partitioning(self, node):
        keys = self.keys(node)
        if len(keys) >= 2:
            context = (self.name_span(node)[0], self.text.end(node))
            for i in range(len(keys)):
                self.remove_element("window-partition-key-removed", keys, i, context)
        elif keys and not (isinstance(node.func.value, ast.Name) and not isinstance(self.parents.get(node), ast.Attribute)):
            # A bare `Window` is no window spec: the removal needs a call before or after it.
            self.remove_call("window-partition-removed", node, node.func.value)

    def frame(self, node):
        method = node.func.attr
        self.rename(f"frame-{kebab(method).split('-')[0]}-to-{kebab(FRAMES[method]).split('-')[0]}", node, FRAMES[method])
        for i, arg in enumerate(node.args[:2]):
            if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id in self.windows:
                target = BOUND_SWAPS.get((i, arg.attr))
                if target:
                    end = self.text.end(arg)
                    start = end - len(arg.attr)
                    self.add(f"frame-{kebab(arg.attr)}-to-{kebab(target)}", start, [Edit(start, end, target)], self.span(node))

    def default_frame(self, node):
        """An aggregate over an ordered window without a frame (RANGE up to the current row) given a ROWS frame."""
        receiver = node.func.value
        spec = node.args[0]
        if not (isinstance(receiver, ast.Call) and self.function(receiver) in AGGREGATES and self.windows):
            return
        if isinstance(spec, ast.Name):
            spec_value = self.assignments.get(spec.id, spec)
        else:
            spec_value = spec
        calls = self.chain_calls(spec_value)
        if calls & set(FRAMES) or (calls and "orderBy" not in calls):
            return  # framed already, or unordered (its default frame is the whole partition)
        window = sorted(self.windows)[0]
        end = self.text.end(spec)
        start = self.text.start(spec)
        frame = f".rowsBetween({window}.unboundedPreceding, {window}.currentRow)"
        edits = [Edit(end, end, frame)] if isinstance(spec, ATOMS) else [Edit(start, start, "("), Edit(end, end, ")" + frame)]
        self.add("frame-default-to-rows", start, edits, (start, end))

    def dedup(self, node, receiver):
        subset = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "subset"), None)
        context = (self.name_span(node)[0], self.text.end(node))
        if isinstance(subset, (ast.List, ast.Tuple)) and len(subset.elts) >= 2:
            for i in range(len(subset.elts)):
                self.remove_element("dedup-key-removed", subset.elts, i, context)
        if subset is not None:
            arguments = [*node.args, *node.keywords]
            start = min(self.text.start(a) for a in arguments)
            end = max(self.text.end(a) for a in arguments)
            self.add("dedup-on-all-columns", start, [Edit(start, end, "")], context)
        self.remove_call("dedup-removed", node, receiver)


@dataclass(frozen=True)
class Mutant:
    id: str
    operator: str
    description: str
    line: int
    column: int
    source: str


def describe(text, candidate, line):
    if candidate.context is None:
        removed = "".join(text.source[e.start : e.end] for e in candidate.edits)
        return f"line {line}: `{shorten(squash(removed))}` removed"
    start, end = candidate.context
    if not all(start <= e.start <= e.end <= end for e in candidate.edits):
        raise InvalidMutant(f"{candidate.operator}: an edit lies outside the text it is described by")
    before = text.source[start:end]
    after = apply_edits(before, candidate.edits, base=start)
    shown_before, shown_after = shorten_pair(squash(before), squash(after))
    return f"line {line}: `{shown_before}` -> `{shown_after}`"


def mutate(source, filename="<source>"):
    """Every single-point mutant of a module's source, in source order; raises InvalidMutant for an operator's bug."""
    finder = Finder(source)
    original = ast.dump(finder.tree)
    mutants, seen, ids = [], set(), set()
    for candidate in sorted(finder.find(), key=lambda c: (c.at, c.operator)):
        mutated = apply_edits(source, candidate.edits)
        line, column = finder.text.position(candidate.at)
        where = f"{filename}:{line}:{column} ({candidate.operator})"
        try:
            compile(mutated, filename, "exec", dont_inherit=True)
        except SyntaxError as error:
            raise InvalidMutant(f"{where}: the mutant is not valid Python: {error}") from error
        if ast.dump(ast.parse(mutated)) == original:
            raise InvalidMutant(f"{where}: the mutant is the original program")
        if mutated in seen:
            continue
        seen.add(mutated)
        mutant_id = f"{candidate.operator}@L{line}:{column}"
        suffix = 2
        while mutant_id in ids:
            mutant_id = f"{candidate.operator}@L{line}:{column}#{suffix}"
            suffix += 1
        ids.add(mutant_id)
        mutants.append(Mutant(mutant_id, candidate.operator, describe(finder.text, candidate, line), line, column, mutated))
    return mutants


def main(argv):
    if len(argv) != 2:
        print("usage: python3 scripts/mutate/mutate.py <file.py>", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        source = f.read()
    try:
        mutants = mutate(source, argv[1])
    except SyntaxError as error:
        print(f"mutate.py: {argv[1]} is not valid Python: {error}", file=sys.stderr)
        return 2
    except InvalidMutant as error:
        print(f"mutate.py: bug in an operator: {error}", file=sys.stderr)
        return 1
    json.dump([asdict(m) for m in mutants], sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

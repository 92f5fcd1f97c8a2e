"""Loading rule packs: YAML data → validated Rule objects, with `file:line` in every error.

Packs are data, never code: they are read with the safe loader (C version when present), so a
`!!python/object` tag is refused. User packs are checked against `rules/schema.json`; built-in
packs are checked by the test suite, which keeps start-up free of the JSON Schema machinery. Every
rule's kind-specific options are checked against the kind's declarations (unionlint.options), from
which that schema is generated.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from unionlint import kinds, usercache
from unionlint.errors import PackError, RuleError
from unionlint.exemptions import Exemptions, compile_pattern
from unionlint.model import Example, Pin, Rule, Severity

if TYPE_CHECKING:
    import yaml


def builtin_folder() -> Path:
    """The built-in packs: package data in an installed wheel, `rules/` in a source checkout."""
    installed = Path(__file__).with_name("builtin_rules")
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "rules"


@dataclass
class Pack:
    name: str
    title: str
    path: str
    rules: list[Rule]


def builtin_pack_paths() -> list[Path]:
    folder = builtin_folder()  # listdir, not glob: pathlib compiles a regex for the pattern
    return sorted(folder / name for name in os.listdir(folder) if name.endswith(".yaml"))


def load_schema() -> dict:
    return json.loads((builtin_folder() / "schema.json").read_text(encoding="utf-8"))


@functools.cache
def load_builtin_packs() -> tuple[Pack, ...]:
    """The built-in packs, compiled once per process (every configuration shares them)."""
    return tuple(load_pack(path, validate=False) for path in builtin_pack_paths())


def load_pack(path: Path | str, *, validate: bool = True) -> Pack:
    """Read, validate and compile one pack file; every problem becomes a PackError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(f"{path}：找不到规则包文件") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{path}：无法读取规则包（{error}）") from None
    return parse_pack(text, str(path), validate=validate)


def parse_pack(text: str, origin: str, *, validate: bool = True) -> Pack:
    if validate:
        data, lines = read_yaml(text, origin)
    else:  # a built-in pack: parsed once per version of its text, then read from the user cache
        data, lines = usercache.derived("pack", text, lambda: read_yaml(text, origin), _parsed_shape)
    if validate:
        _validate(data, lines, origin)
    elif not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{origin}:1: 规则包应为含 pack 和 rules 两个键的映射")
    name = data["pack"]
    classes = _read_classes(data.get("classes") or {}, lines, origin, compile_them=validate)
    rules = []
    seen: dict[str, int] = {}
    for index, spec in enumerate(data["rules"]):
        line = lines.get(("rules", index), 1)
        full_id = f"{name}.{spec['id']}"
        if full_id in seen:
            raise PackError(f"{origin}:{line}: rule '{full_id}': id 重复（第 {seen[full_id]} 行已定义）")
        seen[full_id] = line
        spec = _expand_classes(spec, classes, lines, index, origin, full_id)
        rule = _make_rule(spec, full_id, data.get("title", name), f"{origin}:{line}")
        _check_placeholders(rule, f"{origin}:{lines.get(('rules', index, 'message'), line)}")
        try:
            rule.matcher = kinds.build(rule)
            rule.exemptions = Exemptions(rule.exceptions)
            if validate:  # a user pack: compile now, so that its mistakes are reported at load
                getattr(rule.matcher, "prepare", lambda: None)()
                rule.exemptions.prepare()
                _check_trigger(rule)
        except RuleError as error:
            key_line = lines.get(("rules", index, *_key_path(error.key)), line)
            raise PackError(f"{origin}:{key_line}: rule '{full_id}': {error}") from None
        rules.append(rule)
    return Pack(name=name, title=data.get("title", name), path=origin, rules=rules)


def _check_trigger(rule: Rule) -> None:
    """A user's trigger that misses a character the pattern can match would hide findings."""
    if rule.trigger is None:
        return
    if rule.kind != "pattern":
        raise RuleError("trigger 只用于 pattern 类规则", "trigger")
    from unionlint.triggercheck import problems  # only user packs with a trigger pay for it

    trouble = problems(rule.options["pattern"], rule.trigger)
    if trouble:
        raise RuleError("trigger 不成立：" + "；".join(trouble), "trigger")


def _parsed_shape(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict) and isinstance(value[1], dict)


_PLACEHOLDER = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _check_placeholders(rule: Rule, where: str) -> None:
    """A `{name}` in the message that the rule's kind does not fill would be shown to editors as is."""
    known = kinds.placeholders(rule.kind)
    if known is None:
        return
    for name in _PLACEHOLDER.findall(rule.message):
        if name not in known:
            raise PackError(
                f"{where}: rule '{rule.id}': 提示信息中的占位符 {{{name}}} 未知；"
                f"{rule.kind} 类规则可用：{'、'.join('{' + known_name + '}' for known_name in known)}"
            )


# `{name}` refers to a pack class; `\\p{Han}`, `\\N{...}` and counted repeats `{2,3}` are left alone.
_CLASS_REFERENCE = regex.compile(r"(?<!\\[pPN])\{([a-z_][a-z0-9_]*)\}")


def _read_classes(classes: Any, lines: dict[tuple, int], origin: str, compile_them: bool = True) -> dict[str, str]:
    """The pack's named character classes (`classes: {han: '[\\p{Han}，。]'}`), each a valid regex
    (compiled to check it in a user pack; the built-in packs' are checked by the test suite)."""
    if not isinstance(classes, dict):
        raise PackError(f"{origin}:{lines.get(('classes',), 1)}: 'classes' 应为“名称: 正则”的映射")
    for class_name, source in classes.items():
        line = lines.get(("classes", class_name), 1)
        if not isinstance(source, str) or not regex.fullmatch(r"[a-z_][a-z0-9_]*", str(class_name)):
            raise PackError(f"{origin}:{line}: 字符类 {class_name!r}：名称用小写字母、数字和下划线，值为正则字符串")
        try:
            if compile_them:
                compile_pattern(source, "classes")
        except RuleError as error:
            raise PackError(f"{origin}:{line}: 字符类 '{class_name}': {error}") from None
    return classes


def _expand_classes(spec: dict, classes: dict[str, str], lines, index: int, origin: str, full_id: str) -> dict:
    """Replace `{name}` in the rule's regexes by the pack class; an unknown name names its file:line."""

    def expand(source: str, path: tuple) -> str:
        def substitute(match: regex.Match) -> str:
            if match.group(1) not in classes:
                line = lines.get(("rules", index, *path), lines.get(("rules", index), 1))
                known = "、".join(sorted(classes)) or "（本包未定义 classes）"
                raise PackError(
                    f"{origin}:{line}: rule '{full_id}': 未定义的字符类 {{{match.group(1)}}}；"
                    f"请在包顶层 classes 中定义它，已定义：{known}"
                )
            return classes[match.group(1)]

        return _CLASS_REFERENCE.sub(substitute, source) if isinstance(source, str) else source

    expanded = dict(spec)
    if "pattern" in spec:
        expanded["pattern"] = expand(spec["pattern"], ("pattern",))
    if isinstance(spec.get("exceptions"), list):
        expanded["exceptions"] = [expand(item, ("exceptions", n)) for n, item in enumerate(spec["exceptions"])]
    return expanded


def _key_path(key: str | None) -> tuple:
    """'terms[3].requires' → ('terms', 3, 'requires'), to find the line of the offending key."""
    if not key:
        return ()
    path: list = []
    for part in key.replace("]", "").split("."):
        name, _, index = part.partition("[")
        path.append(name)
        if index:
            path.append(int(index))
    return tuple(path)


_RULE_KEYS = {
    "id",
    "kind",
    "severity",
    "message",
    "description",
    "source",
    "fix",
    "exceptions",
    "skip_files",
    "examples",
    "trigger",
}


def _make_rule(spec: dict, full_id: str, title: str, origin: str) -> Rule:
    examples = spec.get("examples", {})
    bad = tuple(_example(item) for item in examples.get("bad", ()))
    return Rule(
        id=full_id,
        kind=spec["kind"],
        severity=Severity.parse(spec["severity"]),
        message=spec["message"],
        options={key: value for key, value in spec.items() if key not in _RULE_KEYS},
        description=spec.get("description", ""),
        source=spec.get("source", ""),
        applicability=spec.get("fix", "safe"),
        exceptions=tuple(spec.get("exceptions", ())),
        skip_files=tuple(spec.get("skip_files", ())),
        bad=bad,
        good=tuple(examples.get("good", ())),
        origin=origin,
        title=title,
        trigger=spec.get("trigger"),
    )


def _example(item: str | dict) -> Example:
    """A bad example: a text, or {text, fixed, finds} (finds: each a reported text, or {text, at, line, message})."""
    if isinstance(item, str):
        return Example(item)
    pins = tuple(
        Pin(text=pin)
        if isinstance(pin, str)
        else Pin(pin.get("text"), pin.get("at"), pin.get("line", 1 if "at" in pin else None), pin.get("message"))
        for pin in item.get("finds", ())
    )
    return Example(item["text"], item.get("fixed"), pins)


def read_yaml(text: str, origin: str, *, empty: Any = None) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML safely (the C loader when present) and record the 1-based line of every mapping
    value and list item. An empty document is an error, unless `empty` gives the value it stands for.
    """
    import yaml  # deferred: a run whose packs come from the user cache never needs it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            if empty is not None:
                return empty, {}
            raise PackError(f"{origin}:1: 规则包是空的")
        lines: dict[tuple, int] = {}
        _record_lines(node, (), lines, origin)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise PackError(f"{origin}:{line}: YAML 语法错误：{error.problem or error}") from None
    except yaml.YAMLError as error:
        raise PackError(f"{origin}: YAML 语法错误：{error}") from None
    finally:
        loader.dispose()
    return data, lines


def _record_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int], origin: str) -> None:
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise PackError(f"{origin}:{key_node.start_mark.line + 1}: 键 {key!r} 重复")
            seen.add(key)
            _record_lines(value_node, (*path, key), lines, origin)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines, origin)


def _validate(data: Any, lines: dict[tuple, int], origin: str) -> None:
    """Check the pack against rules/schema.json; report the first error with its line and rule."""
    import jsonschema  # deferred: only user packs and check-packs pay for it

    validator = jsonschema.Draft202012Validator(load_schema())
    errors = list(validator.iter_errors(data))
    if not errors:
        return
    # The most specific error explains best: a bad `kind` value rather than the keys it leaves unexplained.
    error = max(
        errors,
        key=lambda error: (len(error.absolute_path), error.validator != "unevaluatedProperties", -len(errors)),
    )
    while error.validator in ("oneOf", "anyOf") and error.context and not _one_required(error):
        # "Not valid under any of the given schemas" names no key: explain by the alternative of the
        # value's type (a mapping's unknown key, not that it is not a string), its deepest error.
        fitting = [inner for inner in error.context if inner.validator != "type"] or error.context
        error = max(fitting, key=lambda inner: len(inner.absolute_path))
    path = tuple(error.absolute_path)
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        # Point at the first offending key rather than at the start of the mapping.
        unexpected = [key for key in error.instance if f"'{key}'" in error.message]
        if unexpected:
            path = (*path, unexpected[0])
    line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), 1)
    where = ""
    if len(path) >= 2 and path[0] == "rules" and isinstance(data, dict):
        rule = data["rules"][path[1]]
        rule_id = rule.get("id", f"#{path[1] + 1}") if isinstance(rule, dict) else f"#{path[1] + 1}"
        where = f" rule '{data.get('pack', '?')}.{rule_id}':"
    location = ".".join(map(str, tuple(error.absolute_path)[2:] if where else error.absolute_path))
    raise PackError(f"{origin}:{line}:{where} {location + ': ' if location else ''}{_describe(error)}")


def _one_required(error) -> list[str]:
    """The keys of which one is required, when the error is that none of them is there (`anyOf` of `required`)."""
    if error.validator != "anyOf" or not all(inner.validator == "required" for inner in error.context):
        return []
    return [name for inner in error.context for name in inner.validator_value]


def _describe(error) -> str:
    if _one_required(error):
        return f"one of {', '.join(repr(name) for name in _one_required(error))} is required"
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        return error.message.replace("were unexpected", "are not allowed keys").replace(
            "was unexpected", "is not an allowed key"
        )
    return error.message

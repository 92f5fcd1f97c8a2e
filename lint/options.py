"""Rule kinds' options, declared once: name, type, default, limits, description.

Each kind module lists its options in `OPTIONS`, a tuple of `Option`s. `validate` checks a rule's
options against them for every pack (built-in or not) before the kind compiles the rule, so kinds
read values that are already known to be well-formed, with the defaults filled in; an unknown key,
a wrong type or a value out of range is a RuleError naming the key (the loader adds file:line).
The same declarations are written out as `rules/schema.json` by `python -m unionlint.schema`, the
schema editors' YAML plug-ins and `unionlint check-packs` use.

Checks that compare values with each other (a term listed twice, a pair reusing a character) stay
in the kind: declarations describe one value at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from unionlint.errors import RuleError


class Type:
    """A value's type and limits: `check` returns the value or raises RuleError; `schema` is its JSON Schema."""

    def check(self, value: Any, key: str) -> Any:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError

    def accepts(self, value: Any) -> bool:
        """Whether the value is of this type's kind at all (for choosing among `AnyOf` alternatives)."""
        return True


def _between(minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return f" between {minimum} and {maximum}"
    if minimum is not None:
        return f" of at least {minimum}"
    return f" of at most {maximum}" if maximum is not None else ""


@dataclass(frozen=True)
class Integer(Type):
    minimum: float | None = None
    maximum: float | None = None
    # What a subclass accepts instead, and how messages and the schema name it.
    accepted = (int,)
    described = "an integer"
    json_type = "integer"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, self.accepted) and not isinstance(value, bool)

    def check(self, value: Any, key: str) -> Any:
        if not self.accepts(value) or not _within(value, self.minimum, self.maximum):
            raise RuleError(f"{key} must be {self.described}{_between(self.minimum, self.maximum)}", key)
        return value

    def schema(self) -> dict:
        return _limits({"type": self.json_type}, minimum=self.minimum, maximum=self.maximum)


@dataclass(frozen=True)
class Number(Integer):
    accepted = (int, float)
    described = "a number"
    json_type = "number"


@dataclass(frozen=True)
class Boolean(Type):
    def accepts(self, value: Any) -> bool:
        return isinstance(value, bool)

    def check(self, value: Any, key: str) -> Any:
        if not self.accepts(value):
            raise RuleError(f"{key} must be true or false", key)
        return value

    def schema(self) -> dict:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Text(Type):
    """A string of `min_length` to `max_length` characters."""

    min_length: int = 0
    max_length: int | None = None

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str)

    def check(self, value: Any, key: str) -> Any:
        if not self.accepts(value) or not _within(len(value), self.min_length or None, self.max_length):
            if self.min_length == self.max_length:
                size = f" of exactly {self.min_length} character{'s' if self.min_length > 1 else ''}"
            elif self.min_length or self.max_length is not None:
                size = f"{_between(self.min_length or None, self.max_length)} characters"
            else:
                size = ""
            raise RuleError(f"{key} must be a string{size}, not {value!r}", key)
        return value

    def schema(self) -> dict:
        return _limits({"type": "string"}, minLength=self.min_length or None, maxLength=self.max_length)


@dataclass(frozen=True)
class Regex(Type):
    """A regular expression for the `regex` module; compiled (and its syntax checked) by the kind."""

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str)

    def check(self, value: Any, key: str) -> Any:
        if not isinstance(value, str) or not value:
            raise RuleError(f"{key} must be a regular expression (a non-empty string)", key)
        return value

    def schema(self) -> dict:
        return {"$ref": "#/$defs/regex"}


class Choice(Type):
    def __init__(self, *values: str):
        self.values = values

    def check(self, value: Any, key: str) -> Any:
        if value not in self.values:
            raise RuleError(f"{key} must be one of {', '.join(self.values)}, not {value!r}", key)
        return value

    def schema(self) -> dict:
        return {"enum": list(self.values)}


@dataclass(frozen=True)
class ListOf(Type):
    item: Type
    min_items: int = 0
    unique: bool = False

    def accepts(self, value: Any) -> bool:
        return isinstance(value, list)

    def check(self, value: Any, key: str) -> Any:
        choices = self.item.values if isinstance(self.item, Choice) else None
        if choices is not None and (
            not isinstance(value, list) or len(value) < self.min_items or not set(value) <= set(choices)
        ):
            raise RuleError(f"{key} must be a list drawn from {', '.join(choices)}", key)
        if not isinstance(value, list) or len(value) < self.min_items:
            raise RuleError(f"{key} must be a list{' (not empty)' if self.min_items else ''}", key)
        if self.unique and len(set(map(repr, value))) < len(value):
            raise RuleError(f"{key} lists an item twice", key)
        return [self.item.check(item, f"{key}[{index}]") for index, item in enumerate(value)]

    def schema(self) -> dict:
        found = {"type": "array"}
        if self.min_items:
            found["minItems"] = self.min_items
        if self.unique:
            found["uniqueItems"] = True
        found["items"] = self.item.schema()
        return found


@dataclass(frozen=True)
class MapOf(Type):
    """A mapping from names of `key_length` characters to values of type `value`. Errors name the mapping."""

    value: Type
    key_length: tuple[int, int | None] = (1, None)
    min_items: int = 0

    def accepts(self, value: Any) -> bool:
        return isinstance(value, Mapping)

    def check(self, value: Any, key: str) -> Any:
        if not isinstance(value, Mapping) or len(value) < self.min_items:
            raise RuleError(f"{key} must be a mapping{' (not empty)' if self.min_items else ''}", key)
        shortest, longest = self.key_length
        for name, item in value.items():
            if not isinstance(name, str) or not _within(len(name), shortest, longest):
                raise RuleError(f"{key}: {name!r} is not a name of{_between(shortest, longest)} characters", key)
            try:
                self.value.check(item, key)
            except RuleError as error:
                raise RuleError(f"{key}: {name!r}: {error}", key) from None
        return value

    def schema(self) -> dict:
        found: dict = {"type": "object"}
        if self.min_items:
            found["minProperties"] = self.min_items
        found["propertyNames"] = _limits({}, minLength=self.key_length[0], maxLength=self.key_length[1])
        found["additionalProperties"] = self.value.schema()
        return found


class Record(Type):
    """A mapping with declared keys, each an Option; no other key is allowed."""

    def __init__(self, *fields: Option):
        self.fields = {option.name: option for option in fields}

    def accepts(self, value: Any) -> bool:
        return isinstance(value, Mapping)

    def check(self, value: Any, key: str) -> Any:
        if not isinstance(value, Mapping):
            raise RuleError(f"{key} must be a mapping with the keys {', '.join(self.fields)}", key)
        for name in value:
            if name not in self.fields:
                raise RuleError(f"{key}: unknown key {name!r} (known: {', '.join(self.fields)})", f"{key}.{name}")
        for name, option in self.fields.items():
            if name in value:
                option.type.check(value[name], f"{key}.{name}")
            elif option.required:
                raise RuleError(f"{key} needs the key {name!r}", key)
        return value

    def schema(self) -> dict:
        found: dict = {"type": "object"}
        required = [name for name, option in self.fields.items() if option.required]
        if required:
            found["required"] = required
        found["additionalProperties"] = False
        found["properties"] = {name: option.schema() for name, option in self.fields.items()}
        return found


class AnyOf(Type):
    """One of several types, told apart by their kind of value (a string or a mapping)."""

    def __init__(self, *choices: Type):
        self.choices = choices

    def check(self, value: Any, key: str) -> Any:
        for choice in self.choices:
            if choice.accepts(value):
                return choice.check(value, key)
        raise RuleError(f"{key}: {value!r} has none of the allowed forms", key)

    def schema(self) -> dict:
        return {"oneOf": [choice.schema() for choice in self.choices]}


class Defined(Type):
    """A type written once under `$defs` in the schema and referred to by name."""

    def __init__(self, name: str, type: Type):
        self.name, self.type = name, type

    def accepts(self, value: Any) -> bool:
        return self.type.accepts(value)

    def check(self, value: Any, key: str) -> Any:
        return self.type.check(value, key)

    def schema(self) -> dict:
        return {"$ref": f"#/$defs/{self.name}"}


@dataclass(frozen=True)
class Option:
    """One option of a kind (or one key of a Record): what a pack may write and what it means."""

    name: str
    type: Type
    description: str = ""
    default: Any = None  # None: no default (absent stays None), or a default the description explains
    required: bool = False

    def schema(self) -> dict:
        found = dict(self.type.schema())
        if self.default is not None:
            found["default"] = self.default
        if self.description:
            found["description"] = self.description
        return found


def validate(
    declared: tuple[Option, ...], values: Mapping[str, Any], one_required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A rule's kind-specific options, checked against the kind's declarations: every declared name,
    with its default (None when it has none) where the rule does not set it."""
    by_name = {option.name: option for option in declared}
    for name in values:
        if name not in by_name:
            known = ", ".join(by_name) or "none"
            raise RuleError(f"unknown option {name!r} (this kind's options: {known})", name)
    checked = {}
    for option in declared:
        if option.name in values:
            checked[option.name] = option.type.check(values[option.name], option.name)
        elif option.required:
            raise RuleError(f"the option {option.name!r} is required", option.name)
        else:
            checked[option.name] = option.default
    if one_required and not any(name in values for name in one_required):
        raise RuleError(f"one of the options {', '.join(one_required)} is required", one_required[0])
    return checked


def _within(value, minimum, maximum) -> bool:
    return (minimum is None or value >= minimum) and (maximum is None or value <= maximum)


def _limits(schema: dict, **limits) -> dict:
    schema.update((name, value) for name, value in limits.items() if value is not None)
    return schema

"""Project configuration: `unionlint.yaml`, `.unionlint.yaml` or `[tool.unionlint]` in `pyproject.toml`.

Discovery starts in each linted file's folder and goes upward; the nearest folder holding a
configuration wins (no merging across levels). It stops after the repository root (a folder with
`.git`) or at the filesystem root. Two configurations in one folder are an error, not a silent
choice. `--config FILE` replaces discovery for every file; `--isolated` ignores all configuration.

Precedence: command-line flags > `--config` > discovered file > built-in defaults. `--select`
replaces the configuration's `select` and `ignore` (the user said exactly what to run, as in
ruff); `--ignore` adds to the configuration's `ignore`; `--pack` adds to `extend-packs`;
`--fail-on` replaces `fail-on`.

Rules, packs and engines are built once per configuration (and per set of per-file ignores), not
per file. The TOML parser is imported only when a pyproject.toml is read.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from unionlint import kinds
from unionlint.engine import Engine
from unionlint.errors import RuleError, UnionlintError
from unionlint.exemptions import Exemptions
from unionlint.model import Example, Rule, Severity, rule_matches, select_rules, unmatched_selectors
from unionlint.packs import Pack, load_builtin_packs, load_pack, read_yaml
from unionlint.suppressions import META_RULES

YAML_NAMES = ("unionlint.yaml", ".unionlint.yaml")
PYPROJECT = "pyproject.toml"
LEVELS = ("error", "warning", "info")

KEYS = {
    "select": "规则 id、包名或 glob 的列表",
    "ignore": "规则 id、包名或 glob 的列表",
    "severity": "“规则 id/glob: error|warning|info”的映射",
    "extend-packs": "规则包 YAML 路径的列表（相对于配置文件）",
    "exclude": "不检查的文件 glob 列表（相对于配置文件所在文件夹）",
    "per-file-ignores": "“文件 glob: [规则 id/glob…]”的映射",
    "fail-on": "error、warning 或 info",
    "terms": "“错误写法: 正确写法”的映射",
    "slogans": "规范提法的列表（每条不少于 6 个字）",
    "allow": "本社认可的词语列表（落在其中的问题不报告）",
}


class ConfigError(UnionlintError):
    """A malformed configuration: the message starts with `file:line:`."""


@dataclass
class Config:
    """One configuration file, validated; `path` is empty for the built-in defaults."""

    path: str = ""
    folder: str = ""
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    extend_packs: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str | None = None
    terms: dict[str, str] = field(default_factory=dict)
    slogans: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)

    def where(self, *key: Any) -> str:
        """`file:line` of a key (or of an entry under it), for error messages."""
        line = next((self.lines[key[:n]] for n in range(len(key), 0, -1) if key[:n] in self.lines), 1)
        return f"{self.path}:{line}"

    def excludes(self, path: str) -> bool:
        return any(_glob_matches(self._relative(path), glob) for glob in self.exclude)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """The per-file-ignores selectors that apply to `path`."""
        relative = self._relative(path)
        return tuple(
            selector
            for glob, selectors in self.per_file_ignores.items()
            if _glob_matches(relative, glob)
            for selector in selectors
        )

    def _relative(self, path: str) -> str:
        folder = self.folder or os.getcwd()
        return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()


def _glob_matches(relative: str, glob: str) -> bool:
    """A glob with `/` matches the path from the configuration's folder (or a folder on it);
    one without `/` matches any file or folder name on the path."""
    glob = glob.strip("/")
    parts = relative.split("/")
    if "/" not in glob:
        return any(fnmatch.fnmatchcase(part, glob) for part in parts)
    return any(fnmatch.fnmatchcase("/".join(parts[:n]), glob) for n in range(1, len(parts) + 1))


# ---------------------------------------------------------------------------------------------
# Reading and validating a file


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}：找不到配置文件") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}：无法读取配置文件（{error}）") from None
    if path.name == PYPROJECT:
        data, lines = _read_pyproject(text, str(path))
        if data is None:
            raise ConfigError(f"{path}：没有 [tool.unionlint] 表，请在其中写配置，或改用 unionlint.yaml")
    else:
        data, lines = read_yaml(text, str(path), empty={})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: 配置应为“键: 值”的映射；可用的键：{'、'.join(KEYS)}")
    return _parse(data, lines, str(path))


def _read_pyproject(text: str, origin: str) -> tuple[dict | None, dict[tuple, int]]:
    """The `[tool.unionlint]` table (None when absent) and the line of each of its keys."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11: the same parser, published as tomli
        import tomli as tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{origin}: TOML 语法错误：{error}") from None
    table = data.get("tool", {}).get("unionlint")
    if table is None:
        return None, {}
    return table, _toml_key_lines(text, table)


def _toml_key_lines(text: str, table: dict) -> dict[tuple, int]:
    """Best-effort lines for the table's keys: `key =` inside `[tool.unionlint]`, or `[tool.unionlint.key]`."""
    lines: dict[tuple, int] = {}
    section = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("["):
            section = line.strip("[] ").replace('"', "")
            if section.startswith("tool.unionlint."):
                lines.setdefault((section.removeprefix("tool.unionlint."),), number)
            continue
        name = line.split("=", 1)[0].strip().strip('"')
        if section == "tool.unionlint" and "=" in line and name in table:
            lines.setdefault((name,), number)
    return lines


def _parse(data: dict, lines: dict[tuple, int], origin: str) -> Config:
    config = Config(path=origin, folder=os.path.dirname(os.path.abspath(origin)), lines=lines)
    for key, value in data.items():
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"（是否想写 '{close[0]}'？）" if close else ""
            raise ConfigError(f"{config.where(key)}: 未知的配置键 '{key}'{hint}；可用的键：{'、'.join(KEYS)}")
        PARSERS[key](config, key, value)
    return config


def _type_error(config: Config, key: str, *path: Any) -> ConfigError:
    return ConfigError(f"{config.where(key, *path)}: 配置键 '{key}' 应为{KEYS[key]}")


def _string_list(config: Config, key: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _type_error(config, key)
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise _type_error(config, key, index)
    return value


def _string_map(config: Config, key: str, value: Any) -> dict:
    if not isinstance(value, dict):
        raise _type_error(config, key)
    for name in value:
        if not isinstance(name, str) or not name.strip():
            raise _type_error(config, key, name)
    return value


def _level(config: Config, key: str, value: Any, *path: Any) -> str:
    if value not in LEVELS:
        raise ConfigError(
            f"{config.where(key, *path)}: 配置键 '{key}'：{value!r} 不是有效的级别，应为 error、warning 或 info"
        )
    return value


def _set_list(config: Config, key: str, value: Any) -> None:
    setattr(config, key.replace("-", "_"), _string_list(config, key, value))


def _set_packs(config: Config, key: str, value: Any) -> None:
    config.extend_packs = [os.path.join(config.folder, path) for path in _string_list(config, key, value)]


def _set_severity(config: Config, key: str, value: Any) -> None:
    config.severity = {
        selector: _level(config, key, level, selector) for selector, level in _string_map(config, key, value).items()
    }


def _set_per_file_ignores(config: Config, key: str, value: Any) -> None:
    for glob, selectors in _string_map(config, key, value).items():
        if not isinstance(selectors, list) or not all(isinstance(item, str) and item for item in selectors):
            raise _type_error(config, key, glob)
    config.per_file_ignores = value


def _set_fail_on(config: Config, key: str, value: Any) -> None:
    config.fail_on = _level(config, key, value)


def _set_terms(config: Config, key: str, value: Any) -> None:
    for wrong, right in _string_map(config, key, value).items():
        if not isinstance(right, str) or not right.strip():
            raise _type_error(config, key, wrong)
    config.terms = value


PARSERS = {
    "select": _set_list,
    "ignore": _set_list,
    "severity": _set_severity,
    "extend-packs": _set_packs,
    "exclude": _set_list,
    "per-file-ignores": _set_per_file_ignores,
    "fail-on": _set_fail_on,
    "terms": _set_terms,
    "slogans": _set_list,
    "allow": _set_list,
}


# ---------------------------------------------------------------------------------------------
# Discovery


def _configuration_in(folder: str) -> str | None:
    """The configuration file in `folder`, if any; two of them is an error."""
    found = [os.path.join(folder, name) for name in YAML_NAMES if os.path.isfile(os.path.join(folder, name))]
    pyproject = os.path.join(folder, PYPROJECT)
    if os.path.isfile(pyproject) and _has_unionlint_table(pyproject):
        found.append(pyproject)
    if len(found) > 1:
        raise ConfigError(
            f"{folder}：同一文件夹中有多个配置（{'、'.join(map(os.path.basename, found))}），请只保留一个"
        )
    return found[0] if found else None


def _has_unionlint_table(path: str) -> bool:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # Most pyproject files have no such table: skip parsing them (and importing tomllib).
    mentioned = "tool.unionlint" in text or regex.search(r'^\s*"?unionlint"?\s*[=.]', text, regex.MULTILINE)
    return bool(mentioned) and _read_pyproject(text, path)[0] is not None


class Discovery:
    """Nearest configuration file above a folder, cached per folder."""

    def __init__(self):
        self._by_folder: dict[str, str | None] = {}

    def find(self, folder: str) -> str | None:
        visited = []
        current = os.path.abspath(folder)
        found = None
        while True:
            if current in self._by_folder:
                found = self._by_folder[current]
                break
            visited.append(current)
            found = _configuration_in(current)
            parent = os.path.dirname(current)
            if found or os.path.exists(os.path.join(current, ".git")) or parent == current:
                break
            current = parent
        for folder_seen in visited:
            self._by_folder[folder_seen] = found
        return found


# ---------------------------------------------------------------------------------------------
# Rules and engines per configuration


def house_rules(config: Config) -> list[Rule]:
    """Rules generated from the house dictionaries, compiled by the built-in kinds."""
    made = []
    if config.terms:
        made.append(
            Rule(
                id="house.terms",
                kind="terms",
                severity=Severity.WARNING,
                message="本社用字：“{match}”应为“{replacement}”",
                options={"terms": [{"wrong": wrong, "right": right} for wrong, right in config.terms.items()]},
                description="本社配置文件 terms 键列出的错误写法，自动修复为正确写法。",
                source=config.path,
                bad=tuple(Example(wrong, right) for wrong, right in list(config.terms.items())[:3]),
                good=tuple(list(config.terms.values())[:3]),
                origin=config.where("terms"),
                title="本社词典",
            )
        )
    if config.slogans:
        made.append(
            Rule(
                id="house.slogans",
                kind="phrases",
                severity=Severity.WARNING,
                message="疑为本社规范提法“{replacement}”的误写",
                options={"phrases": list(config.slogans)},
                description="本社配置文件 slogans 键列出的规范提法：差一个字、两字颠倒、多字漏字时报告。",
                source=config.path,
                applicability="unsafe",
                good=tuple(config.slogans[:3]),
                origin=config.where("slogans"),
                title="本社提法",
            )
        )
    for rule in made:
        key = rule.id.removeprefix("house.")
        try:
            rule.matcher = kinds.build(rule)
        except RuleError as error:
            raise ConfigError(f"{config.where(key)}: 配置键 '{key}'：{error}") from None
        rule.exemptions = Exemptions(())
    return made


class Setup:
    """Resolves, for each linted file, its configuration and the engine built for it."""

    def __init__(self, select, ignore, packs, fail_on=None, config_file=None, isolated=False):
        self.cli_select = select or None
        self.cli_ignore = ignore or []
        self.cli_packs = packs or []
        self.cli_fail_on = fail_on
        self.isolated = isolated
        self.report_unused = False  # --report-unused-suppressions
        self.forced = load_config(config_file) if config_file else None
        self.discovery = Discovery()
        self._configs: dict[str, Config] = {}
        self._rules: dict[str, list[Rule]] = {}
        self._engines: dict[tuple, Any] = {}
        self.in_use: dict[str, Rule] = {}  # every rule of every engine built, for the reporters

    def config_for(self, folder: str) -> Config:
        if self.forced:
            return self.forced
        path = None if self.isolated else self.discovery.find(folder)
        if path is None:
            return Config()
        if path not in self._configs:
            self._configs[path] = load_config(path)
        return self._configs[path]

    def fail_on(self, config: Config) -> Severity:
        return Severity.parse(self.cli_fail_on or config.fail_on or "warning")

    def all_rules(self, config: Config) -> list[Rule]:
        """Built-in, --pack, extend-packs and house rules, with the configured severities; checked once."""
        if config.path in self._rules:
            return self._rules[config.path]
        packs = [*load_builtin_packs(), *(load_pack(path) for path in self.cli_packs + config.extend_packs)]
        house = house_rules(config)
        if house:
            packs.append(Pack(name="house", title="本社配置", path=config.path, rules=house))
        rules = merge_rules(packs)
        _check_selectors(config, rules)
        for selector, level in config.severity.items():
            rules = [
                replace(rule, severity=Severity.parse(level)) if rule_matches(rule, [selector]) else rule
                for rule in rules
            ]
        self._rules[config.path] = rules
        return rules

    def rules(self, folder: str | None = None) -> list[Rule]:
        """Every rule as configured for files in `folder` (default: the current one), selected or not."""
        return self.all_rules(self.config_for(folder or os.getcwd()))

    def check_cli_selectors(self) -> None:
        """--select and --ignore name rules of some configuration in use (or the built-in ones):
        a selector matching none is a typo that would check too much or too little, in silence."""
        known = [rule for rules in self._rules.values() for rule in rules] or self.all_rules(Config())
        for option, values in (("--select", self.cli_select or ()), ("--ignore", self.cli_ignore)):
            for value, hint in unmatched_selectors(values, known):
                raise ConfigError(f"{option}：'{value}' 不匹配任何规则{hint}")

    def engine_for(self, config: Config, path: str | None):
        """The engine for one file: its configuration's selection minus its per-file ignores."""
        ignored = config.ignored_for(path) if path else ()
        key = (config.path, ignored)
        if key not in self._engines:
            select = self.cli_select or config.select
            ignore = ([] if self.cli_select else config.ignore) + self.cli_ignore + list(ignored)
            rules = select_rules(self.all_rules(config), select, ignore)
            allowed = Exemptions([regex.escape(word) for word in config.allow]) if config.allow else None
            self._engines[key] = Engine(rules, self.all_rules(config), self.report_unused, allowed)
            self.in_use.update((rule.id, rule) for rule in rules)
        return self._engines[key]


def merge_rules(packs: list[Pack]) -> list[Rule]:
    """The rules of all packs, after unionlint's own suppression rules; a rule id defined twice is an error."""
    rules: dict[str, Rule] = {}
    for pack_rules in [META_RULES] + [pack.rules for pack in packs]:
        for rule in pack_rules:
            if rule.id in rules:
                first = rules[rule.id].origin
                raise UnionlintError(f"{rule.origin}: 规则 '{rule.id}' 与 {first} 中的规则重名，请改用另一个 id")
            rules[rule.id] = rule
    return list(rules.values())


def _check_selectors(config: Config, rules: list[Rule]) -> None:
    """A selector matching no rule is a typo: name the file, line, key and value, with a hint."""
    places = [("select", (index,), value) for index, value in enumerate(config.select or ())]
    places += [("ignore", (index,), value) for index, value in enumerate(config.ignore)]
    places += [("severity", (selector,), selector) for selector in config.severity]
    places += [
        ("per-file-ignores", (glob, index), value)
        for glob, selectors in config.per_file_ignores.items()
        for index, value in enumerate(selectors)
    ]
    for key, path, value in places:
        for _, hint in unmatched_selectors([value], rules):
            raise ConfigError(f"{config.where(key, *path)}: 配置键 '{key}'：'{value}' 不匹配任何规则{hint}")

"""The documentation subcommands: `rules`, `explain RULE-ID`, `check-packs [FILE…]`."""

from __future__ import annotations

import sys

from unionlint.errors import PackError, UnionlintError
from unionlint.examples import example_problems, fixable


def run(name: str, args: list[str]) -> int:
    return {"rules": rules, "explain": explain, "check-packs": check_packs}[name](args)


def _fix_label(rule) -> str:
    if not fixable(rule):
        return "-"
    return "fix" if rule.applicability == "safe" else "unsafe-fix"


def configured_rules() -> list:
    """Every rule as configured for the current folder: packs, house dictionaries, severities."""
    from unionlint.api import configure

    return configure().rules()


def rules(args: list[str]) -> int:
    """List every rule: id, kind, severity, fixability, message."""
    if args:
        raise UnionlintError(f"rules 不接受参数：{' '.join(args)}")
    for rule in sorted(configured_rules(), key=lambda rule: rule.id):
        print(f"{rule.id:<42} {rule.kind:<12} {str(rule.severity):<8} {_fix_label(rule):<11} {rule.message}")
    return 0


def explain(args: list[str]) -> int:
    """One rule's documentation, source and examples."""
    if len(args) != 1:
        raise UnionlintError("用法：unionlint explain RULE-ID（unionlint rules 列出全部规则）")
    found = {rule.id: rule for rule in configured_rules()}
    rule = found.get(args[0])
    if rule is None:
        from unionlint.model import unmatched_selectors

        near = sorted(rule_id for rule_id in found if args[0] in rule_id)
        if len(near) > 1:
            hint = f"；相近的有：{', '.join(near[:5])}"
        else:
            hint = "".join(hint for _, hint in unmatched_selectors([args[0]], [*found.values()]))
        raise UnionlintError(f"explain：'{args[0]}' 不匹配任何规则{hint}")
    lines = [
        f"{rule.id}  （{rule.title}）",
        f"类型：{rule.kind}    级别：{rule.severity}    自动修复：{_fix_label(rule)}",
        f"提示：{rule.message}",
    ]
    if rule.description:
        lines += ["", rule.description.strip()]
    if rule.kind == "lexicon":
        from unionlint.kinds.lexicon import SCORING

        lines += ["", SCORING]
    if rule.source:
        lines += ["", f"依据：{rule.source}"]
    lines += ["", "错误示例："]
    for example in rule.bad:
        lines.append(f"  ✗ {example.text}" + (f"\n    → {example.fixed}" if example.fixed is not None else ""))
    lines += ["正确示例（不报告）："]
    lines += [f"  ✓ {text}" for text in rule.good]
    lines += ["", f"定义于 {rule.origin}"]
    print("\n".join(lines))
    return 0


def check_packs(args: list[str]) -> int:
    """Validate packs against the schema and run their examples; built-in packs when none given."""
    from unionlint.packs import builtin_pack_paths, load_pack

    paths = args or [str(path) for path in builtin_pack_paths()]
    failures = 0
    for path in paths:
        try:
            pack = load_pack(path)
        except PackError as error:
            print(f"unionlint: 错误：{error}", file=sys.stderr)
            failures += 1
            continue
        problems = [(rule, problem) for rule in pack.rules for problem in example_problems(rule)]
        for rule, problem in problems:
            print(f"{rule.origin}: rule '{rule.id}': {problem}", file=sys.stderr)
        failures += bool(problems)
        status = "通过" if not problems else f"{len(problems)} 个问题"
        print(f"{path}: {len(pack.rules)} 条规则，示例{status}")
    return 2 if failures else 0

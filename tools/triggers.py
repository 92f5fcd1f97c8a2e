"""The built-in pattern rules' triggers: checked, or the rarest sound one proposed.

    python tools/triggers.py              # each built-in pattern rule's trigger: ok, or what is wrong
    python tools/triggers.py --propose    # the rarest sound trigger of each rule (by the clean corpus)

The check itself is unionlint.triggercheck (also run on user packs when they are loaded).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


def frequencies(folder: Path) -> Counter:
    counts: Counter = Counter()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".txt", ".md"):
            counts.update(path.read_text(encoding="utf-8"))
    return counts


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from unionlint.packs import load_builtin_packs
    from unionlint.triggercheck import parse, problems, required_sets, sees_line_break

    counts = frequencies(root / "bench" / "quality" / "clean")
    failing = 0
    for pack in load_builtin_packs():
        for rule in pack.rules:
            if rule.kind != "pattern":
                continue
            tree = parse(rule.options["pattern"])

            def weight(chars: frozenset[str]) -> tuple:
                return (sum(counts[c] for c in chars), len(chars))

            options = required_sets(tree, weight)
            best = min(options, key=weight) if options else None
            crossing = sees_line_break(tree)
            if "--propose" in argv:
                if best and not crossing:
                    seen = sum(counts[c] for c in best)
                    print(f"{rule.id}: trigger: {''.join(sorted(best))!r}  # {seen} in the clean corpus")
                else:
                    print(f"{rule.id}: none ({'sees line breaks' if crossing else 'no literal required'})")
                continue
            if rule.trigger is not None:
                trouble = problems(rule.options["pattern"], rule.trigger)
                failing += bool(trouble)
                print(f"{rule.id}: {rule.trigger!r} {'; '.join(trouble) or 'ok'}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

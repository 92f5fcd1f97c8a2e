"""Finding the files to lint and decoding them into Documents."""

from __future__ import annotations

import codecs
import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from unionlint.boms import BOMS
from unionlint.document import Document

DEFAULT_SUFFIXES = (".txt", ".md", ".docx")
WORD_SUFFIX = ".docx"
LEGACY_WORD_SUFFIXES = (".doc", ".wps")  # binary formats no maintained Python library reads


@dataclass
class InputError:
    """A path that could not be linted, with the message the user sees."""

    path: str
    message: str
    skipped: bool = False  # a warning (a path given twice, a folder with nothing to check), not an error
    reason: str = ""  # a file that is not text ("二进制", "其他格式"): skipped when met in a folder


class Walked(str):
    """A file found by walking a folder, not named on the command line. One that turns out not to
    be text is skipped and counted; a file named explicitly that cannot be checked is an error."""

    __slots__ = ()


def expand_paths(
    paths: list[str], suffixes=DEFAULT_SUFFIXES, respect_ignore: bool = True
) -> Iterator[str | InputError]:
    """Files as given; folders walked recursively for `suffixes` (and the Word formats that cannot
    be read, to count them as skipped), hidden folders and files ignored by `.gitignore`/`.ignore`
    skipped unless `respect_ignore` is false."""
    seen = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = sorted(_walk(path, suffixes + LEGACY_WORD_SUFFIXES, respect_ignore))
            if not candidates:
                yield InputError(given, f"{given}：未找到可检查的文件", skipped=True)
                continue
        elif path.exists() or path.is_symlink():
            candidates = [path]
            if os.path.realpath(path) in seen:
                yield InputError(given, f"{given}：重复给出的文件，只检查一次", skipped=True)
                continue
        else:
            yield InputError(given, f"{given}：文件或文件夹不存在")
            continue
        for candidate in candidates:
            key = os.path.realpath(candidate)
            if key in seen:
                continue
            seen.add(key)
            yield Walked(candidate) if candidate is not path else str(candidate)


def _walk(root: Path, suffixes: tuple[str, ...], respect_ignore: bool) -> list[Path]:
    """The files under `root` with one of `suffixes`. Symbolic links to folders are followed, each
    real folder once (a link back up the tree is no loop)."""
    ignores = _Ignores(root) if respect_ignore else None
    found = []
    visited = set()
    for folder, folders, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:
            folders[:] = []
            continue
        visited.add(real)
        here = Path(folder)
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith(".") and not (ignores and ignores.ignored(here / name, folder=True))
        )
        found.extend(
            here / name
            for name in files
            # ~$稿件.docx: the lock file Word keeps beside an open document
            if name.endswith(suffixes)
            and not name.startswith((".", "~$"))
            and not (ignores and ignores.ignored(here / name, folder=False))
        )
    return found


class _Ignores:
    """`.gitignore` and `.ignore` files (and the work tree's `.git/info/exclude`), read with pathspec's
    GitIgnoreSpec, which implements git's own matching. As in git and ruff, a file's patterns apply
    below its folder, a deeper file overrides a shallower one, and in one folder `.ignore` overrides
    `.gitignore`. Above the walked folder, the files up to the top of its git work tree count too."""

    def __init__(self, root: Path):
        self.root = Path(os.path.abspath(root))
        top = self.root
        while not (top / ".git").exists() and top.parent != top:
            top = top.parent
        self.top = top if (top / ".git").exists() else self.root
        self.specs: dict[Path, object] = {}

    def _spec(self, folder: Path):
        if folder not in self.specs:
            lines: list[str] = []
            names = [".git/info/exclude"] if folder == self.top else []
            for name in [*names, ".gitignore", ".ignore"]:
                try:
                    lines += (folder / name).read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    pass
            if lines:
                import pathspec

                self.specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines)
            else:
                self.specs[folder] = None
        return self.specs[folder]

    def ignored(self, path: Path, folder: bool) -> bool:
        path = Path(os.path.abspath(path))
        for base in path.parents:
            spec = self._spec(base)
            if spec is not None:
                relative = path.relative_to(base).as_posix() + ("/" if folder else "")
                decided = spec.check_file(relative).include
                if decided is not None:
                    return decided
            if base == self.top:
                break
        return False


# Files passed by mistake: a .docx/.zip, images, a PDF. Their first bytes say so.
BINARY_MAGIC = {
    b"PK\x03\x04": "ZIP/Office 文档（如 .docx）",
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"%PDF": "PDF 文件",
}


def binary_kind(data: bytes, wide: bool = False) -> str | None:
    """What a non-text file looks like; `wide` text (UTF-16/32 without a BOM) has NUL bytes."""
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    if not wide and b"\0" in data[:8192]:
        return "二进制文件（含 NUL 字节）"
    return None


def _family(codec_name: str) -> str:
    """`utf-16` for utf-16, utf-16-le, utf-16-be-sig …; the name itself for other codecs."""
    return "-".join(codec_name.split("-")[:2]) if codec_name.startswith("utf-") else codec_name


def _byte_order(data: bytes, family: str) -> str:
    """Little or big endian for BOM-less UTF-16/32: newlines, digits and ASCII have their zero
    bytes high, which comes last in little-endian. Windows writes little-endian; ties go to it."""
    width = 2 if family == "utf-16" else 4
    sample = data[:65536]
    high_last = sum(1 for i in range(width - 1, len(sample), width) if sample[i] == 0)
    high_first = sum(1 for i in range(0, len(sample), width) if sample[i] == 0)
    return f"{family}-be" if high_first > high_last else f"{family}-le"


def decode(data: bytes, path: str, encoding: str | None = None) -> Document | InputError:
    """A byte-order mark first (UTF-8, UTF-16, UTF-32), then UTF-8, then GB18030 (a superset of
    GBK/GB2312) for older newsroom files.

    `encoding` (--encoding) overrides the guess; a BOM of the same family is still recognised and
    kept. `--encoding utf-16` / `utf-32` without a BOM reads the byte order from the text.
    """
    wanted = codecs.lookup(encoding).name if encoding else None
    bom = next((name for mark, name in BOMS if data.startswith(mark)), None)
    if bom and (wanted is None or _family(wanted) == _family(bom)):
        encodings: tuple[str, ...] = ("utf-8-sig" if bom == "utf-8" else f"{bom}-sig",)
    else:
        wide = wanted is not None and _family(wanted) in ("utf-16", "utf-32")
        kind = binary_kind(data, wide)
        if kind:
            return InputError(path, f"{path}：看起来是{kind}，不是纯文本", reason="二进制")
        if wanted in ("utf-16", "utf-32"):
            encodings = (_byte_order(data, wanted),)
        elif encoding:
            encodings = (encoding,)
        else:
            encodings = ("utf-8", "gb18030")
    first_error = None
    for candidate in encodings:
        try:
            return Document.from_text(path, data.decode(candidate), candidate)
        except UnicodeDecodeError as error:
            first_error = first_error or error
    return InputError(
        path,
        f"{path}：无法解码（字节偏移 {first_error.start} 处不是有效的 {' 或 '.join(encodings)}），"
        "请转存为 UTF-8 或用 --encoding 指定编码",
    )


def read_document(path: str, encoding: str | None = None) -> Document | InputError:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in LEGACY_WORD_SUFFIXES:
        return InputError(path, f"{path}：无法读取 {suffix} 格式，请另存为 .docx 后再检查", reason="其他格式")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        return InputError(path, f"{path}：是文件夹，不是文件")
    except PermissionError:
        return InputError(path, f"{path}：没有读取权限")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return InputError(path, f"{path}：符号链接循环，无法读取")
        return InputError(path, f"{path}：无法读取（{error.strerror or error}）")
    if suffix == WORD_SUFFIX:
        from unionlint.errors import UnionlintError
        from unionlint.word import read_word  # python-docx is imported only when a .docx is linted

        try:
            return read_word(path, data)
        except UnionlintError as error:
            return InputError(path, str(error))
    return decode(data, path, encoding)

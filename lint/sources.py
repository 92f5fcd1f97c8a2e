"""Finding the files to lint and decoding them into Documents."""

from __future__ import annotations

import codecs
import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from unionlint.document import Document

DEFAULT_SUFFIXES = (".txt", ".md", ".docx")
WORD_SUFFIX = ".docx"
LEGACY_WORD_SUFFIXES = (".doc", ".wps")  # binary formats no maintained Python library reads


@dataclass
class InputError:
    """A path that could not be linted, with the message the user sees."""

    path: str
    message: str
    skipped: bool = False  # a warning (binary file skipped), not an error


def expand_paths(paths: list[str], suffixes=DEFAULT_SUFFIXES) -> Iterator[str | InputError]:
    """Files as given; folders walked recursively for `suffixes`, hidden folders skipped."""
    seen = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = []
            for root, folders, files in os.walk(path):
                folders[:] = sorted(name for name in folders if not name.startswith("."))
                found.extend(
                    Path(root) / name
                    for name in files
                    # ~$稿件.docx: the lock file Word keeps beside an open document
                    if name.endswith(suffixes) and not name.startswith((".", "~$"))
                )
            candidates = sorted(found)
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
            yield str(candidate)


# Files passed by mistake: a .docx/.zip, images, a PDF. Their first bytes say so.
BINARY_MAGIC = {
    b"PK\x03\x04": "ZIP/Office 文档（如 .docx）",
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"%PDF": "PDF 文件",
}


def binary_kind(data: bytes) -> str | None:
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    if b"\0" in data[:8192]:
        return "二进制文件（含 NUL 字节）"
    return None


def decode(data: bytes, path: str, encoding: str | None = None) -> Document | InputError:
    """UTF-8 (BOM or not) first, then GB18030 (a superset of GBK/GB2312) for older newsroom files.

    `encoding` (--encoding) overrides the guess; a UTF-8 BOM is still recognised and kept.
    """
    kind = binary_kind(data)
    if kind:
        return InputError(path, f"{path}：看起来是{kind}，不是纯文本，已跳过", skipped=True)
    if data.startswith(b"\xef\xbb\xbf") and (encoding is None or codecs.lookup(encoding).name == "utf-8"):
        encodings = ("utf-8-sig",)
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
        return InputError(path, f"{path}：无法读取 {suffix} 格式，请另存为 .docx 后再检查")
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

"""Writing fixed documents back: same bytes conventions in, same out, and never a half-written file.

The fixed text is encoded with the document's encoding (a UTF-8 BOM stays, GB18030 stays
GB18030) and its newline style (CRLF files get CRLF back). The bytes go to a temporary file in
the same folder, are fsynced, given the original file's mode, and only then renamed over the
original with os.replace, so a crash, a full disk or Ctrl-C leaves the old file or the new one,
never a mixture, and no temporary file behind.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile

from unionlint import boms  # noqa: F401 (registers the utf-16-le-sig … codecs that write a BOM back)
from unionlint.document import Document
from unionlint.errors import UnionlintError


def encode(doc: Document) -> bytes:
    """The document's text as bytes in its original encoding and newline style."""
    text = doc.text.replace("\n", doc.newline) if doc.newline != "\n" else doc.text
    try:
        return text.encode(doc.encoding)
    except UnicodeEncodeError as error:
        raise UnionlintError(f"{doc.path}：修复后的文本无法用 {doc.encoding} 编码（{error.reason}），未写入") from None


def write_atomic(path: str, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping its permission bits and owner.

    A symbolic link is followed, so the link stays a link and its target gets the new text.
    """
    target = os.path.realpath(path)
    try:
        status = os.stat(target)
    except FileNotFoundError:  # a new file (a baseline): default permissions, our ownership
        status = None
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".unionlint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, stat.S_IMODE(status.st_mode) if status else 0o666 & ~umask)
        if status and (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(temporary, status.st_uid, status.st_gid)
            except PermissionError:  # only root may give a file away; keep ours then
                pass
        os.replace(temporary, target)
    except BaseException as error:  # includes KeyboardInterrupt: never leave the temporary file behind
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError):
            raise UnionlintError(f"{path}：写回失败（{error.strerror or error}），原文件未改动") from None
        raise


def write_document(doc: Document) -> None:
    write_atomic(doc.path, encode(doc))


def unified_diff(before: Document, after: Document) -> str:
    """The fix as a unified diff (text lines, newline style of the file not shown)."""
    lines = difflib.unified_diff(
        before.text.splitlines(keepends=True),
        after.text.splitlines(keepends=True),
        fromfile=before.path,
        tofile=after.path,
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

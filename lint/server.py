"""`unionlint serve`: an HTTP API for programs, speaking LanguageTool's `/v2` protocol.

LanguageTool's `/v2/check` is what grammar-check clients already speak — LibreOffice's remote
checker, `language_tool_python`, LTeX, Obsidian plug-ins — so serving it makes unionlint usable
in all of them. `POST /v1/lint` returns the `--format json` object for a CMS.

Built on the standard library's ThreadingHTTPServer (see README, "HTTP API"): a thread per
connection, and each check runs in a thread of its own, at most `--workers` at once, so one slow
request does not hold up the others; a request waits at most `--timeout` seconds for its answer.
Where this module is silent it does what LanguageTool's own server does.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import threading
import time
import traceback
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import regex

from unionlint import __version__
from unionlint.errors import UnionlintError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8081
MAX_BODY = 2 << 20  # bytes of a request body (a long article is ~50 KB)
TIME_LIMIT = 20.0  # seconds a request waits for its check
WORKERS = 4  # checks running at once
LANGUAGES = [{"name": "Chinese", "code": "zh", "longCode": "zh-CN"}]
# Every parameter of LanguageTool's /v2/check: in an unencoded body, `&` followed by anything else
# belongs to the text (LibreOffice 7.4 does not encode it).
PARAMETERS = frozenset(
    "text data language altLanguages motherTongue preferredVariants enabledRules disabledRules "
    "enabledCategories disabledCategories enabledOnly level username apiKey tokenV2 mode "
    "allowIncompleteResults useragent noopLanguages ruleValues textSessionId abtest enableHiddenRules "
    "callback instanceId useQuerySource".split()
)
ISSUE_TYPES = {  # LanguageTool's issue types (ITS 2.0); LibreOffice draws `misspelling` as a spelling error
    "confusables": "misspelling",
    "duplicates": "duplication",
    "numbers": "numbers",
    "punctuation": "typographical",
    "slogans": "terminology",
    "stray": "typographical",
}
_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")
_SENTENCE_END = regex.compile(r"[。！？!?；;\n]")


class RequestError(Exception):
    """A bad request: answered with `status` and a JSON body naming the problem."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Checker:
    """The rules the server lints with: the configuration found from the folder it was started in
    (or --config / --isolated) plus --pack; engines for other rule selections are built on demand."""

    def __init__(self, packs=(), config_file=None, isolated=False, cwd="."):
        import os

        from unionlint.config import Setup

        self.setup = Setup(None, None, list(packs), None, config_file, isolated)
        self.config = self.setup.config_for(os.path.abspath(cwd))
        self.all_rules = self.setup.all_rules(self.config)
        self.rules = {rule.id: rule for rule in self.all_rules}
        self.titles = {rule.pack: rule.title for rule in self.all_rules}
        self.engines: OrderedDict = OrderedDict()  # most recently used last, at most 64
        self.lock = threading.Lock()

    def engine(self, path: str, enabled=(), disabled=(), only=False):
        from unionlint.engine import Engine
        from unionlint.model import rule_matches

        base = self.setup.engine_for(self.config, path)
        if not enabled and not disabled:
            return base
        key = (id(base), tuple(enabled), tuple(disabled), only)
        with self.lock:
            if key in self.engines:
                self.engines.move_to_end(key)
                return self.engines[key]
        chosen = set(base.by_id)
        rules = [
            rule
            for rule in self.all_rules
            if (rule_matches(rule, enabled) if only else rule.id in chosen or rule_matches(rule, enabled))
            and not rule_matches(rule, disabled)
        ]
        if only and not rules:
            raise RequestError(400, f"enabledOnly=true，但 enabledRules 没有选中任何规则：{','.join(enabled)}")
        engine = Engine(rules, self.all_rules, False, base.allowed)
        with self.lock:
            self.engines[key] = engine
            while len(self.engines) > 64:
                self.engines.popitem(last=False)
        return engine

    def warm_up(self) -> None:
        """Load what rules load on first use (word lists, dictionaries) before the first request."""
        from unionlint.document import Document

        text = "\n".join(example.text for rule in self.all_rules for example in rule.bad)
        self.engine("warm-up.txt").lint(Document.from_text("warm-up.txt", text))


class Limiter:
    """Runs checks in threads of their own, at most `workers` at once; a caller waits at most
    `seconds` (a check that overruns finishes in the background and frees its slot then)."""

    def __init__(self, workers: int, seconds: float):
        self.slots = threading.BoundedSemaphore(workers)
        self.seconds = seconds

    def run(self, function):
        deadline = time.monotonic() + self.seconds
        if not self.slots.acquire(timeout=self.seconds):
            raise RequestError(503, f"服务器繁忙：{self.seconds:g} 秒内没有空闲的检查线程，请稍后重试")
        outcome: dict = {}

        def work():
            try:
                outcome["value"] = function()
            except BaseException as error:  # handed to the waiting request
                outcome["error"] = error
            finally:
                self.slots.release()

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            raise RequestError(503, f"检查超时：超过 {self.seconds:g} 秒（--timeout），请缩短文本后重试")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]


# --- request bodies ----------------------------------------------------------------------------


def parse_body(body: bytes) -> dict[str, str]:
    """LanguageTool parameters from a body: form-encoded (whatever the Content-Type says: LTeX sends
    a form with `application/json`), a JSON object, or LibreOffice 7.4's unencoded form."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RequestError(400, f"请求体不是 UTF-8（字节偏移 {error.start}）") from None
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as error:
            raise RequestError(400, f"请求体不是有效的 JSON：{error}") from None
        if not isinstance(data, dict):
            raise RequestError(400, "JSON 请求体应为对象")
        return {key: _parameter(value) for key, value in data.items()}
    return parse_form(text)


def _parameter(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def parse_form(body: str) -> dict[str, str]:
    """An encoded form is ASCII. Text that is not (Chinese, sent raw by LibreOffice 7.4) is taken as
    written: split at `&` only where a LanguageTool parameter name follows, and not decoded."""
    if body.isascii():
        try:
            return dict(parse_qsl(body, keep_blank_values=True, max_num_fields=100))
        except ValueError as error:
            raise RequestError(400, f"表单参数过多或格式错误：{error}") from None
    fields: dict[str, str] = {}
    name = None
    for part in body.split("&"):
        key, equals, value = part.partition("=")
        if equals and key in PARAMETERS:
            name = key
            fields[name] = value
        elif name is not None:
            fields[name] += "&" + part
        elif part:
            raise RequestError(400, f"无法识别的参数：{part[:40]}")
    return fields


def annotated(data: str) -> tuple[str, str, list[tuple[int, int, int, bool]]]:
    """LanguageTool's `data` (`{"annotation": [{"text": …}, {"markup": …, "interpretAs": …}]}`):
    (original, checked text, pieces). The checked text has each markup replaced by its interpretAs;
    pieces are (checked start, original start, original end, is text), for mapping offsets back."""
    try:
        parts = json.loads(data)["annotation"]
        assert isinstance(parts, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise RequestError(400, 'data 应为 {"annotation": [{"text": …}, {"markup": …}]} 形式的 JSON') from None
    original, checked, pieces = [], [], []
    at, checked_at = 0, 0
    for part in parts:
        if not isinstance(part, dict) or not isinstance(part.get("text", part.get("markup")), str):
            raise RequestError(400, 'data.annotation 的每一项应有字符串 "text" 或 "markup"')
        if "text" in part:
            value = shown = part["text"]
        else:
            value = part["markup"]
            shown = part.get("interpretAs") or ""
            if not isinstance(shown, str):
                raise RequestError(400, "data.annotation 的 interpretAs 应为字符串")
        pieces.append((checked_at, at, at + len(value), "text" in part))
        original.append(value)
        checked.append(shown)
        at += len(value)
        checked_at += len(shown)
    return "".join(original), "".join(checked), pieces


def original_offset(pieces, offset: int, end: bool) -> int:
    """Where a checked-text offset lies in the original: inside a markup's stand-in, at its start
    (or, for the end of a span, its end)."""
    if not pieces:
        return offset
    index = bisect_right([piece[0] for piece in pieces], offset) - 1
    if end and index > 0 and pieces[index][0] == offset:
        index -= 1  # a span ending where the next piece starts ends in this one
    checked_start, start, stop, is_text = pieces[max(index, 0)]
    if is_text:
        return min(start + offset - checked_start, stop)
    return stop if end and offset > checked_start else start


class Utf16:
    """Code-point offsets in a text as UTF-16 code units (what LanguageTool, a Java server, counts):
    each character outside the BMP (an emoji, a rare Han character) counts twice."""

    def __init__(self, text: str):
        self.astral = [match.start() for match in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset) if self.astral else offset


# --- answers -----------------------------------------------------------------------------------


def check(checker: Checker, params: dict[str, str], limiter: Limiter) -> dict:
    """The answer to /v2/check, in LanguageTool's response shape."""
    language = params.get("language")
    if not language:
        raise RequestError(400, "缺少参数 language（如 zh-CN 或 auto）")
    if not (language.lower() == "auto" or language.lower().split("-")[0] == "zh"):
        raise RequestError(400, f"不支持的语言 {language}：unionlint 只检查中文（zh-CN），见 /v2/languages")
    if "text" in params:
        original = checked = params["text"]
        pieces: list = []
    elif "data" in params:
        original, checked, pieces = annotated(params["data"])
    else:
        raise RequestError(400, "缺少参数 text 或 data")
    only = params.get("enabledOnly", "false").lower() == "true"
    enabled = _ids(params, "enabledRules") + _ids(params, "enabledCategories")
    disabled = _ids(params, "disabledRules") + _ids(params, "disabledCategories")
    if only and not enabled:
        raise RequestError(400, "enabledOnly=true 时必须给出 enabledRules 或 enabledCategories")
    engine = checker.engine("request.txt", enabled, disabled, only)
    diagnostics = limiter.run(lambda: _lint(engine, "request.txt", checked))
    units = Utf16(original)
    matches = []
    for d in diagnostics:
        start, end = original_offset(pieces, d.start, False), original_offset(pieces, d.end, True)
        matches.append(_match(checker, d, original, start, end, units))
    code = "zh-CN"
    return {
        "software": {
            "name": "unionlint",
            "version": __version__,
            "buildDate": None,
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": {
            "name": "Chinese",
            "code": code,
            "detectedLanguage": {"name": "Chinese", "code": code, "confidence": 1.0, "source": "unionlint"},
        },
        "matches": matches,
    }


def _ids(params: dict[str, str], name: str) -> list[str]:
    return [item.strip() for item in params.get(name, "").split(",") if item.strip()]


def _lint(engine, path: str, text: str):
    from unionlint.document import Document

    return engine.lint(Document.from_text(path, text))


def _match(checker: Checker, d, text: str, start: int, end: int, units: Utf16) -> dict:
    rule = checker.rules.get(d.rule)
    pack = d.rule.split(".", 1)[0]
    description = (rule.description.strip().splitlines() or [""])[0] if rule is not None else ""
    left, right = max(0, start - 40), min(len(text), end + 40)
    before = ("..." if left else "") + text[left:start]
    context = (before + text[start:right] + ("..." if right < len(text) else "")).replace("\n", " ")
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 500), start)), default=0)
    found = _SENTENCE_END.search(text, end)
    sentence = text[sentence_start : found.end() if found else len(text)].strip()
    return {
        "message": d.message,
        "shortMessage": checker.titles.get(pack, ""),
        "replacements": [] if d.fix is None else [{"value": d.fix}],
        "offset": units(start),
        "length": units(end) - units(start),
        "context": {
            "text": context,
            "offset": _units(before),
            "length": _units(text[start:end]),
        },
        "sentence": sentence,
        "type": {"typeName": "Hint" if str(d.severity) == "info" else "Other"},
        "rule": {
            "id": d.rule,
            "description": description or d.rule,
            "issueType": ISSUE_TYPES.get(pack, "uncategorized"),
            "category": {"id": pack, "name": checker.titles.get(pack, pack)},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _units(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text)) if not text.isascii() else len(text)


def lint_native(checker: Checker, body: bytes, limiter: Limiter) -> str:
    """POST /v1/lint: `{"text": …, "path": "稿件.md", "select": [...], "ignore": [...]}` → the
    `--format json` object (Markdown when the path says so)."""
    from unionlint.api import FileResult, Run
    from unionlint.reporters import json as json_format

    try:
        request = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise RequestError(400, f"请求体应为 JSON 对象：{error}") from None
    if not isinstance(request, dict) or not isinstance(request.get("text"), str):
        raise RequestError(400, '请求体应为 JSON 对象，含字符串字段 "text"')
    path = request.get("path") or "request.txt"
    select, ignore = request.get("select") or [], request.get("ignore") or []
    if not isinstance(path, str) or not all(isinstance(item, str) for item in [*select, *ignore]):
        raise RequestError(400, "path 应为字符串，select、ignore 应为字符串数组")
    engine = checker.engine(path, select, ignore, bool(select))
    diagnostics = limiter.run(lambda: _lint(engine, path, request["text"]))
    from unionlint.document import Document

    doc = Document(path, "")  # the reporter reads nothing of it
    stream = io.StringIO()
    json_format.render(Run([FileResult(path, diagnostics, doc)], engine.by_id), stream)
    return stream.getvalue()


# --- HTTP --------------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: clients send many small checks
    server_version = f"unionlint/{__version__}"
    timeout = 60  # seconds a connection may sit idle or dribble its request

    def do_GET(self):
        self._answer("GET")

    def do_POST(self):
        self._answer("POST")

    def do_OPTIONS(self):  # CORS preflight from a browser-based editor on another port
        self._send(204, b"", "text/plain")

    def _answer(self, method: str) -> None:
        server = self.server
        try:
            url = urlsplit(self.path)
            route = "/" + "/".join(part for part in url.path.split("/") if part)  # `//check`, `/check/`
            if route == "/v2/languages":
                self._json(200, LANGUAGES)
            elif route == "/v2/check":
                params = dict(parse_qsl(url.query, keep_blank_values=True)) if url.query else {}
                if method == "POST":
                    params.update(parse_body(self._body()))
                self._json(200, check(server.checker, params, server.limiter))
            elif route == "/v1/lint" and method == "POST":
                self._send(200, lint_native(server.checker, self._body(), server.limiter).encode(), "application/json")
            elif route in ("/v1/lint", "/health", "/"):
                if route == "/v1/lint":
                    raise RequestError(405, "/v1/lint 只接受 POST")
                self._json(200, {"name": "unionlint", "version": __version__, "status": "ok"})
            else:
                raise RequestError(404, f"没有这个接口：{url.path}（可用 /v2/check、/v2/languages、/v1/lint）")
        except RequestError as error:
            self._json(error.status, {"error": str(error), "status": error.status})
        except UnionlintError as error:  # a rule's pattern ran out of time, a pack problem
            self._json(500, {"error": str(error), "status": 500})
        except Exception as error:  # a bug: the client gets an answer, the log the traceback
            self.log_error("%s", traceback.format_exc())
            self._json(500, {"error": f"服务器内部错误：{type(error).__name__}: {error}", "status": 500})

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            raise RequestError(411, "缺少 Content-Length")
        try:
            size = int(length)
        except ValueError:
            raise RequestError(400, f"Content-Length 不是整数：{length}") from None
        if size > self.server.max_body:
            self.close_connection = True  # the body is not read
            raise RequestError(413, f"请求体 {size} 字节，超过上限 {self.server.max_body} 字节（--max-bytes）")
        return self.rfile.read(size)

    def _json(self, status: int, value) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        if self.command == "OPTIONS":
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        if self.server.verbose:
            super().log_message(format, *args)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, checker: Checker, workers=WORKERS, seconds=TIME_LIMIT, max_body=MAX_BODY):
        super().__init__(address, Handler)
        self.checker = checker
        self.limiter = Limiter(workers, seconds)
        self.max_body = max_body
        self.verbose = False


def parser() -> argparse.ArgumentParser:
    from unionlint.arguments import Parser

    serve = Parser(
        prog="unionlint serve",
        description="HTTP 接口：LanguageTool 兼容的 /v2/check、/v2/languages，以及 /v1/lint（JSON 诊断）。",
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"监听地址（默认 {DEFAULT_HOST}，只接受本机连接）")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}；0 表示任选空闲端口）"
    )
    serve.add_argument("--workers", type=_positive, default=WORKERS, help=f"同时进行的检查数（默认 {WORKERS}）")
    serve.add_argument("--timeout", type=float, default=TIME_LIMIT, help=f"每个请求最长等待秒数（默认 {TIME_LIMIT:g}）")
    serve.add_argument("--max-bytes", type=_positive, default=MAX_BODY, help=f"请求体字节上限（默认 {MAX_BODY}）")
    serve.add_argument("--pack", action="append", default=[], metavar="FILE", help="附加的规则包 YAML（可重复）")
    where = serve.add_mutually_exclusive_group()
    where.add_argument("--config", metavar="FILE", help="用此配置文件代替在当前文件夹自动查找的配置")
    where.add_argument("--isolated", action="store_true", help="忽略所有配置文件")
    serve.add_argument("--verbose", action="store_true", help="在标准错误上记录每个请求")
    return serve


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"需要正整数，而不是 {value!r}")
    return number


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    checker = Checker(args.pack, args.config, args.isolated)
    checker.warm_up()
    try:
        server = Server((args.host, args.port), checker, args.workers, args.timeout, args.max_bytes)
    except OSError as error:
        raise UnionlintError(f"无法监听 {args.host}:{args.port}：{error.strerror or error}") from None
    server.verbose = args.verbose
    host, port = server.server_address[:2]
    where = "只接受本机连接" if host in ("127.0.0.1", "::1", "localhost") else "注意：其他机器也能连接"
    print(
        f"unionlint serve: 正在 http://{host}:{port}/ 提供服务（{where}）；"
        f"LanguageTool 客户端的服务器地址填 http://{host}:{port}/v2 ；Ctrl-C 停止",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0

"""`unionlint serve`: LanguageTool's /v2 protocol and the native /v1/lint, over real HTTP on
localhost, with real clients' requests (language_tool_python, LTeX's and LibreOffice 7.4's bodies)."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

import pytest

from conftest import ROOT, SEEDS, UNIONLINT
from unionlint.server import Checker, Server

CHECKER = Checker(isolated=True)  # the built-in rules, whatever configuration lies around


@pytest.fixture(scope="module")
def server():
    server = Server(("127.0.0.1", 0), CHECKER, workers=4, seconds=30.0, max_body=400_000)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def request(server, method: str, path: str, body: bytes | str | None = None, content_type: str | None = None):
    """(status, parsed JSON, content type) of one request."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=60)
    headers = {"Content-Type": content_type} if content_type else {}
    connection.request(method, path, body.encode() if isinstance(body, str) else body, headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, json.loads(data), response.getheader("Content-Type")


def check(server, path: str = "/v2/check", **params):
    return request(server, "POST", path, urlencode(params), "application/x-www-form-urlencoded")


def test_languages_lists_chinese(server):
    status, languages, kind = request(server, "GET", "/v2/languages")
    assert status == 200 and kind.startswith("application/json")
    assert {"name": "Chinese", "code": "zh", "longCode": "zh-CN"} in languages


def test_check_answers_in_languagetools_shape(server):
    text = "河南工会:解决职工急难愁盼。"
    status, answer, _ = check(server, text=text, language="zh-CN")
    assert status == 200
    assert answer["software"]["name"] == "unionlint" and answer["language"]["code"] == "zh-CN"
    (match,) = answer["matches"]
    assert match["rule"]["id"] == "punctuation.halfwidth-colon"
    assert (match["offset"], match["length"]) == (4, 1) and text[4] == ":"
    assert match["replacements"] == [{"value": "："}]
    assert match["message"] and match["shortMessage"] and match["sentence"] == text
    context = match["context"]
    assert context["text"][context["offset"] : context["offset"] + context["length"]] == ":"
    assert match["rule"]["issueType"] == "typographical" and match["rule"]["category"]["id"] == "punctuation"
    assert match["type"] == {"typeName": "Other"}


def test_offsets_are_utf16_code_units_after_an_emoji(server):
    text = "👍👍 职工,群众𠀀参加活动,好"
    status, answer, _ = check(
        server, text=text, language="zh-CN", enabledRules="punctuation.halfwidth-comma", enabledOnly="true"
    )
    offsets = [(m["offset"], m["length"]) for m in answer["matches"]]
    units = text.encode("utf-16-le")
    assert [units[2 * o : 2 * (o + n)].decode("utf-16-le") for o, n in offsets] == [",", ","]
    assert offsets == [(7, 1), (16, 1)]


def test_annotated_data_skips_markup_and_counts_it_in_offsets(server):
    data = {
        "annotation": [
            {"text": "职工"},
            {"markup": "<b>"},
            {"text": "群众,参加"},
            {"markup": "</b>", "interpretAs": ""},
        ]
    }
    status, answer, _ = check(server, data=json.dumps(data, ensure_ascii=False), language="zh-CN")
    (match,) = answer["matches"]
    assert match["offset"] == len("职工<b>群众") and match["length"] == 1


def test_markup_interpreted_as_a_paragraph_break_separates_paragraphs(server):
    repeated = "全市职工技能大赛昨日开幕，共有三百名选手参赛。"
    parts = [{"text": repeated}, {"markup": "<p>", "interpretAs": "\n\n"}, {"text": repeated}]
    _, answer, _ = check(server, data=json.dumps({"annotation": parts}, ensure_ascii=False), language="zh-CN")
    duplicate = [m for m in answer["matches"] if m["rule"]["id"].startswith("duplicates.")]
    # The last paragraph is deleted with the break before it (the file ends as it did), so the finding
    # runs from the markup that stands for that break to the end of the second copy.
    assert duplicate and duplicate[0]["offset"] + duplicate[0]["length"] == len(repeated) * 2 + len("<p>")
    assert len(repeated) <= duplicate[0]["offset"] <= len(repeated) + len("<p>")


def test_enabled_and_disabled_rules_map_to_rule_ids_packs_and_globs(server):
    text = "职工,群众参加2023年12月7日(星期四)的活动 。"
    _, everything, _ = check(server, text=text, language="zh-CN")
    ids = {m["rule"]["id"] for m in everything["matches"]}
    assert len(ids) >= 2
    _, without, _ = check(
        server, text=text, language="zh-CN", disabledRules="punctuation.halfwidth-comma,WHITESPACE_RULE"
    )
    assert {m["rule"]["id"] for m in without["matches"]} == ids - {"punctuation.halfwidth-comma"}
    _, only, _ = check(server, text=text, language="zh-CN", enabledRules="punctuation.halfwidth-*", enabledOnly="true")
    assert {m["rule"]["id"] for m in only["matches"]} == {i for i in ids if i.startswith("punctuation.halfwidth-")}
    _, by_category, _ = check(server, text=text, language="zh-CN", disabledCategories="punctuation")
    assert not any(m["rule"]["id"].startswith("punctuation.") for m in by_category["matches"])


def test_ltex_sends_a_form_labelled_as_json(server):
    body = urlencode({"language": "zh-CN", "text": "职工,群众"})
    status, answer, _ = request(server, "POST", "/v2/check", body, "application/json")
    assert status == 200 and [m["offset"] for m in answer["matches"]] == [2]


def test_a_json_object_body_is_accepted_too(server):
    body = json.dumps({"language": "zh-CN", "text": "职工,群众", "enabledOnly": False}, ensure_ascii=False)
    status, answer, _ = request(server, "POST", "/v2/check", body, "application/json")
    assert status == 200 and [m["offset"] for m in answer["matches"]] == [2]


def test_libreoffice_74_unencoded_text_with_ampersands_and_plus(server):
    text = "职工&群众,参加A+B活动&language=不是参数 100%满意"
    body = f"text={text}&language=zh-CN&disabledRules=WHITESPACE_RULE"
    status, answer, _ = request(server, "POST", "/v2/check", body.encode("utf-8"), "application/x-www-form-urlencoded")
    assert status == 200
    commas = [m for m in answer["matches"] if m["rule"]["id"] == "punctuation.halfwidth-comma"]
    assert [m["offset"] for m in commas] == [text.index(",")]
    assert commas[0]["sentence"].startswith("职工&群众,参加A+B活动")


@pytest.mark.parametrize("path", ["/v2/check/", "/v2//check", "//v2/check"])
def test_base_url_with_or_without_trailing_slash(server, path):
    status, answer, _ = check(server, path, text="职工,群众", language="zh-CN")
    assert status == 200 and len(answer["matches"]) == 1


def test_get_with_query_parameters_as_languagetool_allows(server):
    status, answer, _ = request(server, "GET", "/v2/check?" + urlencode({"text": "职工,群众", "language": "auto"}))
    assert status == 200 and len(answer["matches"]) == 1


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"text": "职工"}, 400, "language"),
        ({"language": "zh-CN"}, 400, "text 或 data"),
        ({"text": "hello", "language": "en-US"}, 400, "en-US"),
        ({"data": "{not json", "language": "zh-CN"}, 400, "annotation"),
        ({"text": "职工", "language": "zh-CN", "enabledOnly": "true"}, 400, "enabledRules"),
        ({"text": "职工", "language": "zh-CN", "enabledOnly": "true", "enabledRules": "no.such"}, 400, "no.such"),
    ],
)
def test_bad_parameters_are_clear_json_errors(server, params, status, words):
    got, answer, kind = check(server, **params)
    assert got == status and kind.startswith("application/json")
    assert answer["status"] == status and words in answer["error"]


def test_body_limit_unknown_path_and_wrong_method(server):
    status, answer, _ = check(server, text="职工" * 25_000, language="zh-CN")  # 450 KB encoded
    assert status == 413 and "400000" in answer["error"]
    assert request(server, "GET", "/v2/nothing")[0] == 404
    assert request(server, "GET", "/v1/lint")[0] == 405
    status, answer, _ = request(server, "POST", "/v2/check", b"\xff\xfe", "application/x-www-form-urlencoded")
    assert status == 400 and "UTF-8" in answer["error"]


def test_an_unexpected_error_is_a_json_500_not_a_dropped_connection(server, monkeypatch):
    from unionlint import server as module

    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "check", broken)
    status, answer, _ = check(server, text="职工", language="zh-CN")
    assert status == 500 and "RuntimeError: boom" in answer["error"]


def test_native_lint_returns_the_json_format(server):
    body = json.dumps({"text": "# 标题\n\n职工,群众 `a,b`\n", "path": "稿件.md"}, ensure_ascii=False)
    status, answer, _ = request(server, "POST", "/v1/lint", body, "application/json")
    assert status == 200 and answer["version"] == 1
    (d,) = answer["diagnostics"]  # the comma inside code is masked: Markdown by the path
    assert (d["path"], d["line"], d["column"], d["rule"], d["fix"]) == (
        "稿件.md",
        3,
        3,
        "punctuation.halfwidth-comma",
        "，",
    )
    status, answer, _ = request(
        server, "POST", "/v1/lint", json.dumps({"text": "职工,群众", "ignore": ["punctuation"]})
    )
    assert status == 200 and answer["diagnostics"] == []
    assert request(server, "POST", "/v1/lint", "text=x", "application/x-www-form-urlencoded")[0] == 400


@pytest.mark.slow  # ~2 s
def test_a_slow_request_does_not_hold_up_a_quick_one(server):
    """The seeds three times over take about a second to check; a one-line check sent while that
    runs is answered first."""
    big = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))) * 3
    body = json.dumps({"language": "zh-CN", "text": big}, ensure_ascii=False)
    finished = {}

    def slow():
        finished["slow status"] = request(server, "POST", "/v2/check", body, "application/json")[0]
        finished["slow"] = time.monotonic()

    thread = threading.Thread(target=slow)
    started = time.monotonic()
    thread.start()
    time.sleep(0.1)
    status, answer, _ = check(server, text="职工,群众", language="zh-CN")
    finished["quick"] = time.monotonic()
    thread.join()
    assert status == 200 and len(answer["matches"]) == 1 and finished["slow status"] == 200
    assert finished["quick"] < finished["slow"], (finished["quick"] - started, finished["slow"] - started)


def test_a_request_over_the_time_limit_gets_a_503_and_the_server_goes_on():
    server = Server(("127.0.0.1", 0), CHECKER, workers=1, seconds=0.05, max_body=1 << 21)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        big = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
        body = json.dumps({"language": "zh-CN", "text": big}, ensure_ascii=False)
        status, answer, _ = request(server, "POST", "/v2/check", body, "application/json")
        assert status == 503 and "超时" in answer["error"]
        server.limiter.seconds = 30.0
        status, answer, _ = check(server, text="职工,群众", language="zh-CN")
        assert status == 200 and len(answer["matches"]) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_language_tool_python_gets_our_matches_without_downloading_languagetool(server, monkeypatch, tmp_path):
    language_tool_python = pytest.importorskip("language_tool_python")
    from language_tool_python import download_lt

    def refuse(*args, **kwargs):
        raise AssertionError("language_tool_python tried to download or start LanguageTool")

    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.setattr(download_lt.LocalLanguageTool, "download", refuse, raising=False)
    monkeypatch.setattr(language_tool_python.LanguageTool, "_start_local_server", refuse)
    host, port = server.server_address[:2]
    text = "😀今天，河南工会:解决职工急难愁盼问题,好。"
    for base in (f"http://{host}:{port}", f"http://{host}:{port}/"):
        tool = language_tool_python.LanguageTool("zh-CN", remote_server=base)
        matches = tool.check(text)
        tool.close()
        found = [(m.rule_id, m.offset, text[m.offset : m.offset + m.error_length], m.replacements) for m in matches]
        print(found)
        assert found == [
            ("punctuation.halfwidth-colon", text.index(":"), ":", ["："]),
            ("punctuation.halfwidth-comma", text.index(","), ",", ["，"]),
        ]
        assert language_tool_python.utils.correct(text, matches) == text.replace(":", "：").replace(",", "，")


def test_serve_command_binds_to_localhost_and_says_so(tmp_path):
    process = subprocess.Popen(
        [str(UNIONLINT), "serve", "--port", "0", "--isolated"], stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        line = process.stderr.readline()
        assert "http://127.0.0.1:" in line and "只接受本机连接" in line and "/v2" in line
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/v2/languages")
        assert connection.getresponse().status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_bad_option_is_a_one_line_usage_error():
    result = subprocess.run([str(UNIONLINT), "serve", "--workers", "0"], capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "--workers" in result.stderr


@pytest.mark.slow  # about a minute
def test_load_memory_stays_flat_over_thousands_of_requests():
    """bench/serve_load.py, bounded: 2,000 checks over keep-alive connections; the server's RSS at
    the end is within 10% of its RSS after the first 1,000 (the full 10,000-request run: bench/)."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "serve_load.py"),
            "--requests",
            "2000",
            "--clients",
            "2",
            "--unionlint-cmd",
            str(UNIONLINT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 failed" in result.stdout and "PASS" in result.stdout


def _python_with_uno() -> str | None:
    """The system Python that has LibreOffice's `uno` module (Debian: python3-uno), if any."""
    if not shutil.which("soffice"):
        return None
    for python in ("/usr/bin/python3", shutil.which("python3")):
        if python and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0:
            return python
    return None


@pytest.mark.slow  # starts LibreOffice
def test_libreoffice_remote_checker_reports_our_matches(server):
    """LibreOffice's own LanguageTool remote checker (the code behind Writer's wavy lines), driven
    headless through UNO: it finds zh-CN in /v2/languages, sends the text (7.4: unencoded, `&` and
    all) and places our matches at the right UTF-16 offsets, with our fixes as suggestions."""
    python = _python_with_uno()
    if python is None:
        pytest.skip("LibreOffice with Python UNO (soffice, python3-uno) is not installed")
    host, port = server.server_address[:2]
    text = "😀职工&群众,参加活动:好"
    result = subprocess.run(
        [python, str(ROOT / "tests" / "lo_proofread.py"), f"http://{host}:{port}/v2", text],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    print(found)
    units = text.encode("utf-16-le")
    marked = [
        (units[2 * e["start"] : 2 * (e["start"] + e["length"])].decode("utf-16-le"), e["suggestions"])
        for e in found["errors"]
    ]
    assert found["has_locale"] and marked == [(",", ["，"]), (":", ["："])]
    assert all(any("全角" in comment for comment in e["comments"]) for e in found["errors"])

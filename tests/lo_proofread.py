"""Run by the system Python (the one with LibreOffice's `uno` module), not the test venv:

    /usr/bin/python3 tests/lo_proofread.py BASE_URL TEXT

Starts LibreOffice headless with a throw-away profile, points its built-in LanguageTool remote
checker at BASE_URL (Tools ▸ Options ▸ Language Settings ▸ LanguageTool Server), and proofreads
TEXT as Chinese (PRC) through it, the way Writer does. Prints one JSON object: whether the checker
offers zh-CN (from /v2/languages) and the errors it reports (offsets in UTF-16 units, as Writer)."""

import json
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale

CONFIG = "/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool"


def main(base_url, text):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    profile = tempfile.mkdtemp(prefix="unionlint-lo-")
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "-env:UserInstallation=file://" + profile,
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(240):
            try:
                context = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.25)
        manager = context.ServiceManager
        provider = manager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
        path = PropertyValue()
        path.Name, path.Value = "nodepath", CONFIG
        settings = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", (path,))
        settings.setPropertyValue("IsEnabled", True)
        settings.setPropertyValue("BaseURL", base_url)
        settings.commitChanges()
        checker = manager.createInstanceWithContext("org.openoffice.lingu.LanguageToolGrammarChecker", context)
        locale = Locale("zh", "CN", "")
        units = len(text.encode("utf-16-le")) // 2
        result = checker.doProofreading("unionlint-test", text, locale, 0, units, ())
        errors = [
            {
                "start": e.nErrorStart,
                "length": e.nErrorLength,
                "comments": [e.aShortComment, e.aFullComment],
                "suggestions": list(e.aSuggestions),
            }
            for e in result.aErrors
        ]
        print(json.dumps({"has_locale": bool(checker.hasLocale(locale)), "errors": errors}, ensure_ascii=False))
    finally:
        office.terminate()
        office.wait(60)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

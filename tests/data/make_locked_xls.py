"""Make `locked_roster.xls`: legacy_roster.xlsx saved by LibreOffice as an Excel 97-2003
workbook with the open password `Mima#2025` (RC4 encryption, as Excel and WPS lock an
.xls). Nothing in our dependencies can lock an .xls (msoffcrypto-tool only decrypts
them), so the file is made once and committed. Run with the Python that has
LibreOffice's `uno` module:

    /usr/bin/python3 tests/data/make_locked_xls.py
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]  # LibreOffice's Python bridge
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

HERE = Path(__file__).parent
PASSWORD = "Mima#2025"


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main() -> None:
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                                   "--accept=socket,host=localhost,port=2202;urp;"])
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(120):
                try:
                    ctx = resolver.resolve("uno:socket,host=localhost,port=2202;urp;StarOffice.ComponentContext")
                    break
                except Exception:  # not listening yet
                    time.sleep(0.5)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(HERE / "legacy_roster.xlsx")), "_blank", 0,
                                               (_prop("Hidden", True),))
            doc.storeToURL(uno.systemPathToFileUrl(str(HERE / "locked_roster.xls")),
                           (_prop("FilterName", "MS Excel 97"), _prop("Password", PASSWORD)))
            doc.close(True)
            desktop.terminate()
        finally:
            office.wait(timeout=60)
    print("wrote", HERE / "locked_roster.xls")


if __name__ == "__main__":
    main()

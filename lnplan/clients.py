"""The real programs the tests open the downloads and pages with, besides the browser (lnplan.browser): LibreOffice
(the task-division workbooks, converted headless to PDF) and Java for the Nu Html Checker (vnu.jar, from the npm
package vnu-jar pinned in package.json).

    python -m lnplan.clients            print where each one is; one line saying what to do if one is missing
    python -m lnplan.clients --install  on Debian, first install what is missing from Debian's packages:
                                        libreoffice-calc-nogui when there is no soffice, default-jre-headless when
                                        there is no java
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from .browser import apt_install, is_debian

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP_XSD = ROOT / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
PROGRAMS = {"soffice": "libreoffice-calc-nogui", "java": "default-jre-headless"}


class ClientNotFound(Exception):
    """A program the tests need is missing; the message says what to do."""


def _find(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ClientNotFound(f"no {name} on PATH; run `make client-deps` (on Debian it installs {PROGRAMS[name]})")
    return found


def find_soffice() -> str:
    return _find("soffice")


def find_java() -> str:
    return _find("java")


# The checker runs once over a few dozen pages: Java's quick compiler alone (half the CPU time of the default, the
# same messages); its code takes more stack than the 512 KB the checker asks for, so it gets 16 MB.
JAVA_FLAGS = ["-XX:TieredStopAtLevel=1", "-Xss16m"]


def vnu_command() -> list[str]:
    """The Nu Html Checker: java -jar node_modules/vnu-jar/build/dist/vnu.jar (with JAVA_FLAGS)."""
    if not VNU_JAR.is_file():
        raise ClientNotFound(f"{VNU_JAR} is missing; run `npm ci` (make client-deps does)")
    return [find_java(), *JAVA_FLAGS, "-jar", str(VNU_JAR)]


def install_missing() -> None:
    if is_debian():
        apt_install([package for name, package in PROGRAMS.items() if shutil.which(name) is None])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m lnplan.clients", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--install", action="store_true", help="on Debian, install what is missing first")
    args = ap.parse_args(argv)
    try:
        if args.install:
            install_missing()
        print(f"LibreOffice: {find_soffice()}; Java: {find_java()}")
    except subprocess.CalledProcessError as exc:
        print(f"error: `{' '.join(exc.cmd)}` failed with status {exc.returncode}", file=sys.stderr)
        return 1
    except (OSError, ClientNotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

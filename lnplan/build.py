"""Build the whole site (both languages) atomically.

Validate plan/ first; build the Chinese edition and the English edition in parallel into a temporary
directory; index both for search (Pagefind); check every link; only then replace the output directory. A failure
anywhere (an invalid plan, a build or indexing error, Ctrl-C, a full disk, a read-only directory) leaves the previous
site untouched and prints what went wrong in a line or two, without a traceback: exit 1, or 130 when interrupted.

The output directory must be a build output: one that does not exist yet, or one a previous build wrote (it
holds the marker file .lnplan-site). The build refuses to replace the repository, plan/, docs/ or any other
directory, and refuses an output directory that contains the plan.

  python -m lnplan.build [--out site] [--site-url URL] [--plan DIR] [--engine mkdocs|properdocs]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import ctypes
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from . import checksite, docstree, fulltext, safefiles, urls
from .cli import run_cli
from .model import Plan
from .reading.files import PLAN_DIR
from .schema import ROOT
from .urls import public_root
from .validate import fidelity_source, validated

MARKER = ".lnplan-site"  # written into every site this command builds; only such a directory is ever replaced
TEMP_PREFIX = ".build-"
OWNER = "owner.pid"  # inside each temporary directory: the process that builds there
# Engines that build the docs tree (lnplan.docstree): MkDocs (the default), ProperDocs (its maintained fork) and
# Zensical (Material's successor), each with the flags that make it fail on any warning.
ENGINE_FLAGS = {"mkdocs": [], "properdocs": [], "zensical": ["--strict"]}


class BuildRefused(Exception):
    """The output directory is not one a build may write; the message says why and what to do."""


def check_output_dir(out: Path, plan: Path) -> None:
    out, plan, root = out.resolve(), plan.resolve(), ROOT.resolve()
    if out == root or out in root.parents:
        raise BuildRefused(
            f"--out {out} is the repository or contains it; build into a directory of its own such as {root / 'site'}"
        )
    if out == plan or out in plan.parents or plan in out.parents:
        raise BuildRefused(f"--out {out} holds the plan or is inside it ({plan}); build into a directory of its own")
    if root in out.parents:
        top = root / out.relative_to(root).parts[0]
        if top != out and top.exists() and not _is_build_output(top):
            raise BuildRefused(f"--out {out} is inside {top}, which holds sources; build into site/ or a new directory")
    if out.exists():
        if not out.is_dir():
            raise BuildRefused(f"--out {out} is a file, not a directory")
        if any(out.iterdir()) and not _is_build_output(out):
            raise BuildRefused(
                f"--out {out} is not empty and was not written by a build (no {MARKER} in it); "
                "it would be replaced: choose a new or empty directory, or delete it yourself"
            )


# What the engines read besides plan/ (which the loader checks file by file) and copy into the site.
SOURCE_DIRS = ("docs", "overrides", "hooks", "schema", "source")


def check_sources() -> None:
    """No link, FIFO or device among the files the engines read: MkDocs copies docs/ into the site following links,
    so a link in a pull request could publish a file from outside the repository (or hang the build)."""
    for d in SOURCE_DIRS:
        found = safefiles.special_files(ROOT / d)
        if found:
            rel, kind = found[0]
            more = f" ({len(found) - 1} more in {d}/)" if len(found) > 1 else ""
            raise BuildRefused(
                f"{d}/{rel} is a {kind}{more}; the build copies {d}/ into the site or reads it, and a link "
                "could publish a file from outside the repository: replace it by the file itself"
            )


def _is_build_output(d: Path) -> bool:
    # Sites built before the marker existed are recognized by the files only this project's build writes.
    return (d / MARKER).exists() or ((d / "data" / "plan.json").is_file() and (d / "en" / "index.html").is_file())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(parent: Path) -> list[Path]:
    """Temporary directories left by a build that was killed (its owner process is gone). Live builds' are kept."""
    removed = []
    for d in parent.glob(TEMP_PREFIX + "*"):
        try:
            pid = int((d / OWNER).read_text())
        except (OSError, ValueError):
            pid = None
        if pid is not None and _alive(pid):
            continue
        if pid is None:  # no owner file: stale only if it is old enough not to be a build that just started
            try:
                if time.time() - d.stat().st_mtime < 3600:
                    continue
            except OSError:
                continue
        shutil.rmtree(d, ignore_errors=True)
        removed.append(d)
    return removed


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the child gets SIGTERM when the build process dies, even by SIGKILL, so no mkdocs outlives it."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    os.setpgrp()


def _stop(jobs: list[subprocess.Popen]) -> None:
    for job in jobs:
        if job.poll() is None:
            job.terminate()
    for job in jobs:
        try:
            job.wait(timeout=10)
        except subprocess.TimeoutExpired:
            job.kill()
            job.wait()


# Errors of the machine, not of the plan: a full disk, a read-only or missing directory, no memory, Ctrl-C.
ENVIRONMENT_ERRORS = (
    "OSError",
    "PermissionError",
    "FileNotFoundError",
    "IsADirectoryError",
    "NotADirectoryError",
    "MemoryError",
    "KeyboardInterrupt",
)
VALIDATOR_BUG = (
    "a bug: the validator accepted this plan but the build cannot handle it; please report it with the "
    "change to plan/ that caused it"
)


def summarize(output: str) -> str:
    """Engine output for the reader: from the first warning or error on (not the INFO lines before it), and a
    Python traceback cut to its last line (what went wrong)."""
    lines = output.rstrip().splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))), None)
    if first is not None:
        lines = lines[first:]
    else:  # no warning: drop the INFO lines (and the lists they introduce)
        lines = [line for line in lines if not line.startswith(("INFO", "  - "))]
    if "Traceback (most recent call last):" not in lines:
        return "\n".join(lines)
    start = lines.index("Traceback (most recent call last):")
    last = next((line for line in reversed(lines) if line.strip() and not line.startswith(" ")), "")
    if not last.startswith(ENVIRONMENT_ERRORS):  # the plan passed validation, yet the build could not handle it
        last += f" ({VALIDATOR_BUG})"
    return "\n".join([*lines[:start], last])


def build(out: Path, site_url: str, plan: Path, engine: str = "mkdocs", quiet: bool = True) -> int:
    try:
        check_output_dir(out, plan)
        check_sources()
    except BuildRefused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    source, note = fidelity_source(plan, None)
    if note:
        print(note, file=sys.stderr)
    loaded = validated(plan, source)
    if loaded is None:
        print(f"The plan is invalid; nothing was built and {out} is unchanged.", file=sys.stderr)
        return 1
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    if not public_root(site_url):
        print(
            f"note: {site_url} is not a public address, so the site carries no absolute URL (no canonical links, "
            "sitemap, or URLs in citations and feeds); set SITE_URL=https://… to publish",
            file=sys.stderr,
        )
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out.parent)
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX, dir=out.parent, ignore_cleanup_errors=True) as tmp:
        (Path(tmp) / OWNER).write_text(str(os.getpid()))
        pages = checksite.Pages(Path(tmp) / "zh" / docstree.SITE)  # the pages, read as each edition is done
        site = build_site(loaded, plan, Path(tmp), site_url, engine, quiet, pages)
        if site is None or not finish_site(site, urlsplit(site_url).path or "/", pages):
            print(f"Nothing was written to {out}.", file=sys.stderr)
            return 1
        if out.exists():
            out.rename(Path(tmp) / "old")
        site.rename(out)
    print(f"ok: built {out} (Chinese at /, English at /en/) for {site_url}")
    return 0


def engine_env(plan: Plan, plan_dir: Path) -> dict[str, str]:
    """What the engine processes need: the plan, the adapter (macros.py) on the path, and the issue date as the
    time of every generated file, so that a build gives the same bytes every time."""
    issued = dt.datetime.fromisoformat(plan.notice.date).replace(tzinfo=dt.timezone.utc)
    return {
        **os.environ,
        "LNPLAN_PLAN_DIR": str(plan_dir.resolve()),
        "SOURCE_DATE_EPOCH": str(int(issued.timestamp())),
        "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONHASHSEED": "0",
    }


def build_site(
    plan: Plan,
    plan_dir: Path,
    tmp: Path,
    site_url: str,
    engine: str,
    quiet: bool,
    pages: checksite.Pages | None = None,
) -> Path | None:
    """Both editions built by the engine, in parallel, from their docs trees under tmp: the Chinese site with the
    English one at en/, or None (with the engine's own words about what failed). The edition that is done first is
    read for the link check (into pages) while the other one is still building."""
    exe, env = str(Path(sys.executable).with_name(engine)), engine_env(plan, plan_dir)
    trees = {lang: tmp / lang for lang in ("zh", "en")}
    names = {"zh": "Chinese", "en": "English"}
    # where each edition's pages end up: the English site moves to en/ in the Chinese one
    final = {"zh": trees["zh"] / docstree.SITE, "en": trees["zh"] / docstree.SITE / "en"}
    flags = [] if quiet or engine == "zensical" else ["-v"]  # the output is shown only on failure: keep the warnings
    jobs: dict[str, subprocess.Popen] = {}
    outputs: dict[str, str] = {}
    readers = concurrent.futures.ThreadPoolExecutor(max_workers=len(trees))  # each engine's output, as it comes
    try:
        waiting = {}
        # The English tree first: it is quick to write (the downloads are the Chinese tree's), so its engine starts
        # while the Chinese tree is written, and its pages are read while the Chinese engine finishes.
        for lang, tree in reversed(trees.items()):
            config = docstree.write_tree(plan, lang, tree, site_url + urls.LANG_PREFIX[lang], site_url)
            jobs[lang] = job = subprocess.Popen(
                [exe, "build", *ENGINE_FLAGS[engine], *flags, "-f", str(config)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                preexec_fn=_die_with_parent,
            )
            waiting[readers.submit(job.communicate)] = lang
        for done in concurrent.futures.as_completed(waiting):
            lang = waiting[done]
            outputs[lang] = done.result()[0]
            if pages is not None and jobs[lang].returncode == 0 and len(outputs) < len(trees):
                pages.parse(trees[lang] / docstree.SITE, final[lang])
    finally:
        _stop(
            list(jobs.values())
        )  # interrupted or failed: no engine process outlives the build (before its directory goes)
        readers.shutdown()
    failed = False
    for lang in trees:  # Chinese first
        job = jobs[lang]
        if job.returncode != 0:
            failed = True
            print(f"The {names[lang]} edition failed to build ({engine} exit {job.returncode}):", file=sys.stderr)
            print(summarize(outputs[lang]), file=sys.stderr)
    if failed:
        return None
    for tree in trees.values():
        docstree.keep_generated(tree)
    site = trees["zh"] / docstree.SITE
    shutil.move(str(trees["en"] / docstree.SITE), str(site / "en"))
    return site


def finish_site(site: Path, base_path: str, pages: checksite.Pages | None = None) -> bool:
    """Index the built site for search and check every link in it; mark it as a build's output. False (with what
    went wrong) when either fails."""
    # Pagefind (a program of its own) indexes while this process reads every page for the link check (those pages
    # build_site has not read yet) and checks their links. Pagefind writes no page, and nothing outside pagefind/:
    # when a link leads into pagefind/, or anything is wrong, the links are checked again once it is done, against
    # the files as they are then (so the check says what it would say after Pagefind).
    pages = checksite.Pages(site) if pages is None else pages
    pages.unsettled = str(pages.site / fulltext.PAGEFIND_DIR)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        indexed = pool.submit(fulltext.index_site, site)
        try:
            problems = pages.parse().check(base_path)
        finally:
            code = indexed.result()
    if code != 0:
        print("The search index could not be built.", file=sys.stderr)
        return False
    if problems or pages.unsettled_seen or pages.html_files() != pages.checked:
        problems = pages.check(base_path)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} broken link(s), third-party request(s) or piece(s) of live code.", file=sys.stderr)
        return False
    (site / MARKER).write_text("Written by python -m lnplan.build; the next build replaces this directory.\n")
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m lnplan.build", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--out", type=Path, default=ROOT / "site")
    ap.add_argument("--site-url", default=os.environ.get("SITE_URL", "http://127.0.0.1:8000/"))
    ap.add_argument("--plan", type=Path, default=Path(os.environ.get("LNPLAN_PLAN_DIR", PLAN_DIR)))
    ap.add_argument("--engine", choices=tuple(ENGINE_FLAGS), default="mkdocs")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    return build(args.out, args.site_url, args.plan, args.engine, quiet=not args.verbose)


if __name__ == "__main__":
    sys.exit(run_cli(main))

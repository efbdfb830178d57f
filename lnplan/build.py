"""Build the whole site (both languages) atomically.

Validate plan/ first; build the Chinese edition and the English edition in parallel into a temporary
directory; index both for search (Pagefind); check every link; only then replace the output directory.
A failure anywhere leaves the previous site untouched and prints what went wrong, without a traceback.

  python -m lnplan.build [--out site] [--site-url URL] [--plan DIR] [--engine mkdocs|properdocs]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import checksite, searchindex
from .__main__ import cmd_validate
from .fidelity import SOURCE
from .loader import PLAN_DIR, ROOT

REPRODUCIBLE_EPOCH = "1643587200"  # 2022-01-31: same bytes from one build to the next


def build(out: Path, site_url: str, plan: Path, engine: str = "mkdocs", quiet: bool = True) -> int:
    source = SOURCE if plan.resolve() == PLAN_DIR.resolve() else None
    if cmd_validate(plan, source) != 0:
        print(f"The plan is invalid; nothing was built and {out} is unchanged.", file=sys.stderr)
        return 1
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    env = {**os.environ, "SITE_URL": site_url, "SITE_URL_EN": site_url + "en/", "LNPLAN_PLAN_DIR": str(plan.resolve()),
           "SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    exe = str(Path(sys.executable).with_name(engine))
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out.parent) as tmp:
        zh, en = Path(tmp) / "site", Path(tmp) / "en"
        flags = ["-q"] if quiet else []
        jobs = [subprocess.Popen([exe, "build", *flags, "-f", str(ROOT / cfg), "-d", str(d)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                for cfg, d in (("mkdocs.yml", zh), ("mkdocs.en.yml", en))]
        failed = False
        for job, name in zip(jobs, ("Chinese", "English")):
            output, _ = job.communicate()
            if job.returncode != 0:
                failed = True
                print(f"The {name} edition failed to build ({engine} exit {job.returncode}):", file=sys.stderr)
                print(output, file=sys.stderr)
        if failed:
            print(f"Nothing was written to {out}.", file=sys.stderr)
            return 1
        shutil.move(str(en), str(zh / "en"))
        if searchindex.index_site(zh) != 0:
            print(f"The search index could not be built; nothing was written to {out}.", file=sys.stderr)
            return 1
        problems = checksite.check(zh)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            print(f"{len(problems)} broken link(s); nothing was written to {out}.", file=sys.stderr)
            return 1
        old = Path(tmp) / "old"
        if out.exists():
            out.rename(old)
        zh.rename(out)
    print(f"ok: built {out} (Chinese at /, English at /en/) for {site_url}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lnplan.build", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "site")
    ap.add_argument("--site-url", default=os.environ.get("SITE_URL", "http://127.0.0.1:8000/"))
    ap.add_argument("--plan", type=Path, default=Path(os.environ.get("LNPLAN_PLAN_DIR", PLAN_DIR)))
    ap.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    return build(args.out, args.site_url, args.plan, args.engine, quiet=not args.verbose)


if __name__ == "__main__":
    sys.exit(main())

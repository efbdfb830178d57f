"""Citations of the plan and of each measure: GB/T 7714-2015 (Chinese) and a standard English form as text,
CSL-JSON and BibTeX for reference managers, and schema.org Legislation for JSON-LD.

A citation names the version of this edition it was taken from (the dataset's latest release)."""
from __future__ import annotations

import json
import re

from .model import Measure, Plan
from .releases import version
from .urls import absolute, page

PACKAGE = "liaoning-one-circle-one-belt-two-zones-2022"
LANG_TAG = {"zh": "zh-CN", "en": "en"}


def _url(site_url: str, lang: str, kind: str, ident: str = "") -> str:
    return site_url + absolute(lang, page(kind, ident)) if site_url else ""


def measure_url(site_url: str, lang: str, measure_id: str) -> str:
    """The measure page's public address ('' when the site's address is not known)."""
    return _url(site_url, lang, "measure", measure_id)


def _edition(plan: Plan, lang: str) -> str:
    v, date = version(plan)
    if lang == "zh":
        return f"开放数据版 {v}" if v else "开放数据版"
    return f"unofficial English translation, open edition version {v} ({date})" if v else "unofficial English translation, open edition"


# ---- text forms ------------------------------------------------------------------

def gbt7714(plan: Plan, m: Measure | None, url: str) -> str:
    """GB/T 7714-2015: 主要责任者. 题名: 其他题名信息[EB/OL]. 版本项. (发布日期)[引用日期]. 获取和访问路径."""
    issuer = plan.notice.issuer.zh
    title = plan.title.zh + (f": {m.citation.zh} {m.title.zh}" if m else "")
    v, date = version(plan)
    cited = f"[{date}]" if date else ""
    tail = f" {url}." if url else ""
    return f"{issuer}. {title}[EB/OL]. {_edition(plan, 'zh')}. ({plan.notice.date}){cited}.{tail}"


def english(plan: Plan, m: Measure | None, url: str) -> str:
    """A standard English form (author, “part title”, part of the work, date, edition, URL)."""
    issuer = plan.notice.issuer.en
    part = f"“{m.title.en}.” {m.citation.en} of " if m else ""
    tail = f" {url}." if url else ""
    edition = _edition(plan, "en")
    return f"{issuer}. {part}{plan.title.en}. {plan.notice.date_text.en}. {edition[0].upper()}{edition[1:]}.{tail}"


# ---- CSL-JSON ----------------------------------------------------------------------

def csl_item(plan: Plan, m: Measure | None, lang: str, site_url: str = "") -> dict:
    y, mo, d = (int(x) for x in plan.notice.date.split("-"))
    v, date = version(plan)
    item = {
        "id": f"{PACKAGE}{'/' + m.id if m else ''}{'/en' if lang == 'en' else ''}",
        "type": "legislation",
        "title": m.title[lang] if m else plan.title[lang],
        "author": [{"literal": plan.notice.issuer[lang]}],
        "issued": {"date-parts": [[y, mo, d]]},
        "language": LANG_TAG[lang],
        "note": _edition(plan, lang),
    }
    if m:
        item.update({"container-title": plan.title[lang], "section": m.citation[lang], "number": m.id})
    if v:
        item["version"] = v
    url = _url(site_url, lang, "measure", m.id) if m else _url(site_url, lang, "plan")
    if url:
        item["URL"] = url
        if date:
            y2, m2, d2 = (int(x) for x in date.split("-"))
            item["accessed"] = {"date-parts": [[y2, m2, d2]]}
    return item


def csl_json(items: list[dict]) -> bytes:
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---- BibTeX ------------------------------------------------------------------------

_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_",
        "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX))


def tex(text: str) -> str:
    """Text as a BibTeX/LaTeX field value: braces balanced, special characters escaped."""
    return _TEX_RE.sub(lambda x: _TEX[x.group()], text)


def bibtex_entry(item: dict) -> str:
    """One @misc entry (what Zotero, JabRef and biblatex import for a law-like document) from a CSL item."""
    (y, mo, d), = item["issued"]["date-parts"]
    fields = [("author", "{" + tex(item["author"][0]["literal"]) + "}"), ("title", "{" + tex(item["title"]) + "}")]
    if "container-title" in item:
        fields.append(("howpublished", tex(f"{item['container-title']}, {item['section']}")))
    fields += [("year", str(y)), ("month", str(mo)), ("date", f"{y:04d}-{mo:02d}-{d:02d}"), ("language", item["language"])]
    if "version" in item:
        fields.append(("version", tex(item["version"])))
    if "URL" in item:
        fields.append(("url", tex(item["URL"])))
        if "accessed" in item:
            (y2, m2, d2), = item["accessed"]["date-parts"]
            fields.append(("urldate", f"{y2:04d}-{m2:02d}-{d2:02d}"))
    fields.append(("note", tex(item["note"])))
    key = re.sub(r"[^A-Za-z0-9.:-]", ":", item["id"])
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def bibtex(items: list[dict]) -> bytes:
    return "\n".join(bibtex_entry(i) for i in items).encode("utf-8")


# ---- downloads ----------------------------------------------------------------------

def cite_path(measure_id: str, lang: str, ext: str) -> str:
    """data/cite/2.1.1.bib, data/cite/2.1.1.en.bib, data/cite/2.1.1.csl.json, data/cite/2.1.1.en.csl.json"""
    return f"data/cite/{measure_id}{'.en' if lang == 'en' else ''}.{ext}"


PLAN_CSL = "data/plan.csl.json"
PLAN_BIB = "data/plan.bib"


def plan_items(plan: Plan, site_url: str) -> list[dict]:
    """The whole plan's citation, one item per language."""
    return [csl_item(plan, None, lang, site_url) for lang in ("zh", "en")]


def measure_files(plan: Plan, site_url: str) -> dict[str, bytes]:
    """Each measure's citation as BibTeX and CSL-JSON, in each language."""
    out: dict[str, bytes] = {}
    for m in plan.measures.values():
        for lang in ("zh", "en"):
            item = [csl_item(plan, m, lang, site_url)]
            out[cite_path(m.id, lang, "csl.json")] = csl_json(item)
            out[cite_path(m.id, lang, "bib")] = bibtex(item)
    return out


# ---- schema.org Legislation (JSON-LD) ---------------------------------------------------

def _org(name: str) -> dict:
    return {"@type": "GovernmentOrganization", "name": name}


def plan_legislation(plan: Plan, lang: str, site_url: str) -> dict:
    """The plan as schema.org Legislation, in one language; the English is a translation of the Chinese."""
    ld = {"@type": "Legislation", "name": plan.title[lang], "legislationIdentifier": PACKAGE, "legislationDate": plan.notice.date,
          "legislationType": "行动方案" if lang == "zh" else "action plan", "legislationJurisdiction": "Liaoning, China",
          "legislationResponsible": _org(plan.notice.issuer[lang]), "author": _org(plan.notice.issuer[lang]), "inLanguage": LANG_TAG[lang]}
    if site_url:
        ld["@id"] = ld["url"] = _url(site_url, lang, "plan")
    if lang == "en":
        ld["translationOfWork"] = plan_legislation(plan, "zh", site_url)
    return ld


def measure_legislation(plan: Plan, m: Measure, lang: str, site_url: str) -> dict:
    """A measure as schema.org Legislation: part of the plan, responsible units first the lead."""
    ld = {"@type": "Legislation", "name": f"{m.id} {m.title[lang]}", "legislationIdentifier": m.id, "identifier": m.id,
          "legislationDate": plan.notice.date, "legislationJurisdiction": "Liaoning, China",
          "legislationResponsible": [_org(plan.units[u].full_name[lang]) for u in m.responsibility.units],
          "inLanguage": LANG_TAG[lang], "isPartOf": _ref(plan_legislation(plan, lang, site_url))}
    if site_url:
        ld["@id"] = ld["url"] = _url(site_url, lang, "measure", m.id)
    if lang == "en":
        zh = measure_legislation(plan, m, "zh", site_url)
        ld["translationOfWork"] = _ref(zh)
    return ld


def _ref(ld: dict) -> dict:
    """A short reference to a work described in full on its own page."""
    return {k: ld[k] for k in ("@type", "@id", "name", "legislationIdentifier", "legislationDate", "inLanguage") if k in ld}

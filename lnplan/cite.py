"""Citations of the plan and of each measure: GB/T 7714-2015 (Chinese) and APA (English) as text,
CSL-JSON and BibTeX for reference managers, and schema.org Legislation for JSON-LD.

A citation names the version of this edition it was taken from (the dataset's latest release)."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from .model import Measure, Plan
from .releases import version
from .urls import absolute, page, public_root

LANG_TAG = {"zh": "zh-CN", "en": "en"}
GENRE = {"zh": "行动方案", "en": "Action plan, unofficial English translation"}
BIB_LANGUAGE = {"zh": "chinese", "en": "english"}
URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _url(site_url: str, lang: str, kind: str, ident: str = "") -> str:
    root = public_root(site_url)
    return root + absolute(lang, page(kind, ident)) if root else ""


def measure_url(site_url: str, lang: str, measure_id: str) -> str:
    """The measure page's public address ('' when the site has no public address)."""
    return _url(site_url, lang, "measure", measure_id)


def _edition(plan: Plan, lang: str) -> str:
    v, date = version(plan)
    if lang == "zh":
        return f"开放数据版 {v}" if v else "开放数据版"
    return (
        f"unofficial English translation, open edition version {v} ({date})"
        if v
        else "unofficial English translation, open edition"
    )


def cited_title(plan: Plan, m: Measure | None, lang: str) -> str:
    """The plan's title; for a measure, then where it stands in the plan and its title (题名: 其他题名信息), so that
    every style prints the part cited."""
    if m is None:
        return plan.title[lang]
    return (
        f"{plan.title[lang]}: {m.citation[lang]} {m.title[lang]}"
        if lang == "zh"
        else f"{plan.title[lang]}: {m.citation[lang]}, {m.title[lang]}"
    )


# ---- CSL-JSON ----------------------------------------------------------------------
# A report by the issuing government (Zotero: Report): APA and Chicago cite a government plan so, and GB/T 7714
# prints it as [R/OL]. Not "legislation", which the styles print as a US public law without its author. No access
# date: it is the reader's, not the release's (a reference manager or the reader adds it when citing).


def csl_item(plan: Plan, m: Measure | None, lang: str, site_url: str = "") -> dict:
    y, mo, d = (int(x) for x in plan.notice.date.split("-"))
    v, _ = version(plan)
    item = {
        "id": f"{plan.edition.id}{'/' + m.id if m else ''}{'/en' if lang == 'en' else ''}",
        "type": "report",
        "title": cited_title(plan, m, lang),
        "author": [{"literal": plan.notice.issuer[lang]}],
        "publisher": plan.notice.issuer[lang],
        "genre": GENRE[lang],
        "issued": {"date-parts": [[y, mo, d]]},
        "language": LANG_TAG[lang],
        "note": _edition(plan, lang),
    }
    if m:
        item["section"] = m.citation[lang]
    if v:
        item["version"] = v
    url = _url(site_url, lang, "measure", m.id) if m else _url(site_url, lang, "plan")
    if url:
        item["URL"] = url
    return item


def csl_json(items: list[dict]) -> bytes:
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---- text forms (what the CSL styles print for the items above; tests/test_cite.py renders them with citeproc-py) ----


def gbt7714(plan: Plan, m: Measure | None, url: str) -> str:
    """GB/T 7714-2015 (china-national-standard-gb-t-7714-2015-numeric, without the number):
    主要责任者. 题名: 其他题名信息[R/OL]. 出版者, 出版年. 获取和访问路径."""
    y = plan.notice.date[:4]
    return (
        f"{plan.notice.issuer.zh}. {cited_title(plan, m, 'zh')}[R{'/OL' if url else ''}]. {plan.notice.issuer.zh}, {y}."
        + (f" {url}." if url else "")
    )


def apa(plan: Plan, m: Measure | None, url: str) -> str:
    """APA 7th edition (apa.csl), the English item: Author. (Year). Title (Version v) [Genre]. Publisher. URL"""
    v, _ = version(plan)
    issuer, y = plan.notice.issuer.en, plan.notice.date[:4]
    ver = f" (Version {v})" if v else ""
    genre = GENRE["en"][0].upper() + GENRE["en"][1:]
    return f"{issuer}. ({y}). {cited_title(plan, m, 'en')}{ver} [{genre}]. {issuer}." + (f" {url}" if url else "")


# ---- BibTeX ------------------------------------------------------------------------
# Every text is written so that BibTeX and biblatex read it as it is: the characters TeX treats specially are
# replaced by commands that print them, and braces by \textbraceleft{} and \textbraceright{}: BibTeX counts
# every brace, escaped or not, so a single "}" in a title would otherwise close the field and let the rest of
# the text be read as new entries. An "@" needs nothing: inside balanced braces it is text to BibTeX and TeX, and
# with whitespace collapsed no text ever starts a line with it (where some readers look for entries).

_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX))


def tex(text: str) -> str:
    """Text as a BibTeX/biblatex field value: braces balanced whatever the text, special characters literal."""
    return _TEX_RE.sub(lambda x: _TEX[x.group()], " ".join(text.split()))


def bibtex_entry(item: dict) -> str:
    """One @techreport entry from a CSL item (BibTeX's report type: biblatex reads it as @report, Zotero and
    JabRef import it as a report). Author and title are braced: a corporate author is one name, and the title
    keeps its case."""
    ((y, mo, d),) = item["issued"]["date-parts"]
    lang = "zh" if item["language"] == "zh-CN" else "en"
    fields = [
        ("author", "{" + tex(item["author"][0]["literal"]) + "}"),
        ("title", "{" + tex(item["title"]) + "}"),
        ("institution", tex(item["publisher"])),
        ("type", tex(item["genre"])),
    ]
    fields += [
        ("year", str(y)),
        ("month", MONTHS[mo - 1]),
        ("date", f"{y:04d}-{mo:02d}-{d:02d}"),
        ("language", BIB_LANGUAGE[lang]),
    ]
    if "version" in item:
        fields.append(("version", tex(item["version"])))
    if "URL" in item:
        fields.append(("url", quote(item["URL"], safe=URL_SAFE)))  # biblatex reads url verbatim: no brace or backslash
    fields.append(("note", tex(item["note"])))
    key = re.sub(r"[^A-Za-z0-9.:-]", ":", item["id"])
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{key},\n{body}\n}}\n"


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
    ld = {
        "@type": "Legislation",
        "name": plan.title[lang],
        "legislationIdentifier": plan.edition.id,
        "legislationDate": plan.notice.date,
        "legislationType": plan.edition.document_type[lang],
        "legislationJurisdiction": plan.edition.jurisdiction.en,
        "legislationResponsible": _org(plan.notice.issuer[lang]),
        "author": _org(plan.notice.issuer[lang]),
        "inLanguage": LANG_TAG[lang],
    }
    if site_url:
        ld["@id"] = ld["url"] = _url(site_url, lang, "plan")
    if lang == "en":
        ld["translationOfWork"] = plan_legislation(plan, "zh", site_url)
    return ld


def measure_legislation(plan: Plan, m: Measure, lang: str, site_url: str) -> dict:
    """A measure as schema.org Legislation: part of the plan, responsible units first the lead."""
    ld = {
        "@type": "Legislation",
        "name": f"{m.id} {m.title[lang]}",
        "legislationIdentifier": m.id,
        "identifier": m.id,
        "legislationDate": plan.notice.date,
        "legislationJurisdiction": plan.edition.jurisdiction.en,
        "legislationResponsible": [_org(plan.units[u].full_name[lang]) for u in m.responsibility.units],
        "inLanguage": LANG_TAG[lang],
        "isPartOf": _ref(plan_legislation(plan, lang, site_url)),
    }
    if site_url:
        ld["@id"] = ld["url"] = _url(site_url, lang, "measure", m.id)
    if lang == "en":
        zh = measure_legislation(plan, m, "zh", site_url)
        ld["translationOfWork"] = _ref(zh)
    return ld


def _ref(ld: dict) -> dict:
    """A short reference to a work described in full on its own page."""
    return {
        k: ld[k] for k in ("@type", "@id", "name", "legislationIdentifier", "legislationDate", "inLanguage") if k in ld
    }

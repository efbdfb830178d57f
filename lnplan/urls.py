"""Where each thing lives on the site. Paths are relative to a language's root ('' for zh, 'en/' for en)."""
from __future__ import annotations

LANG_PREFIX = {"zh": "", "en": "en/"}


def page(kind: str, ident: str = "") -> str:
    """Directory URL of a generated page, e.g. page('measure', '2.1.1') -> 'measures/2.1.1/'."""
    return {
        "home": "",
        "plan": "plan/",
        "chapter": f"plan/{ident}/",
        "measure": f"measures/{ident}/",
        "units": "units/",
        "unit": f"units/{ident}/",
        "places": "places/",
        "place": f"places/{ident}/",
        "targets": "targets/",
        "glossary": "glossary/",
        "data": "data/",
        "about": "about/",
        "charts": "charts/",
        "corrections": "corrections/",
        "changes": "changes/",
        "search": "search/",
    }[kind]


def absolute(lang: str, url: str) -> str:
    """Path from the site root, e.g. ('en', 'measures/2.1.1/') -> 'en/measures/2.1.1/'."""
    return LANG_PREFIX[lang] + url


def target_anchor(target_id: str) -> str:
    return "t-" + target_id.replace(".", "-")


def target_url(target_id: str) -> str:
    return page("targets") + "#" + target_anchor(target_id)


def correction_url(correction_id: str) -> str:
    """A correction on the corrections page, e.g. 'corrections/#C001'."""
    return page("corrections") + "#" + correction_id

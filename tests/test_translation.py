"""The English edition: complete, no Chinese left in it, every number carried, one rendering per glossary term."""
import re

import pytest

from lnplan.reading.files import read_sources

HAN = re.compile(r"[\u3400-\u9fff]")
MAGNITUDE = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def pairs(node, path=()):
    if isinstance(node, dict):
        if set(node) == {"zh", "en"}:
            yield path, node
            return
        for k, v in node.items():
            yield from pairs(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from pairs(v, path + (i,))


@pytest.fixture(scope="module")
def sources():
    src, c = read_sources()
    assert not c.problems
    return src


def plan_text_pairs(sources):
    """Pairs of plan text: document, chapters and targets (not registries of names)."""
    for rel, data in sources.items():
        if rel == "document.yaml" or rel.startswith("chapters/") or rel == "targets.yaml":
            for path, pair in pairs(data):
                yield rel, path, pair


def test_no_empty_english(sources):
    empty = [(rel, p) for rel, d in sources.items() for p, pair in pairs(d) if not pair["en"].strip()
             and not (rel == "vocabularies.yaml")]
    assert not empty


def test_no_chinese_characters_in_english(sources):
    bad = []
    for rel, data in sources.items():
        for path, pair in pairs(data):
            # notes and reasons explain Chinese words, and may quote them (老字号, 显着)
            allowed = (rel, path[-1]) in {("glossary.yaml", "note"), ("units.yaml", "note"), ("corrections.yaml", "reason")}
            if HAN.search(pair["en"]) and not allowed:
                bad.append((rel, path, pair["en"][:60]))
    assert not bad


def english_forms(num: str, tail: str) -> list[str]:
    """Ways an English reader would see a Chinese number: 9000 -> 9000/9,000; 4亿 -> 400 million; 1月 -> January."""
    if tail.startswith("月") and num.isdigit() and 1 <= int(num) <= 12:
        return [MONTHS[int(num) - 1]]
    forms = [num]
    for word, mult in MAGNITUDE.items():
        if tail.startswith(word):
            value = float(num) * mult
            for size, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
                if value >= size:
                    forms.append(f"{value / size:g} {name}")
                    break
            break
    return forms


def normalize_en(text: str) -> str:
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 9,000 -> 9000
    return text.replace("-", " ").replace("\u00a0", " ")


def test_every_number_is_carried_into_english(sources):
    missing = []
    for rel, path, pair in plan_text_pairs(sources):
        en = normalize_en(pair["en"])
        for m in re.finditer(r"\d+(?:\.\d+)?", pair["zh"]):
            forms = english_forms(m.group(), pair["zh"][m.end():m.end() + 2])
            if not any(re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", en) for f in forms):
                missing.append((rel, path, m.group() + pair["zh"][m.end():m.end() + 2], forms))
    assert not missing, missing


def term_forms(en: str) -> list[str]:
    base = normalize_en(en.lower())
    forms = [base, base + "s", base + "es"]
    if base.endswith("y"):
        forms.append(base[:-1] + "ies")
    return forms


def without_longer_terms(zh: str, term: str, terms: list[dict]) -> str:
    """The Chinese text with every longer glossary term that contains `term` taken out: inside 自贸试验区 the
    term 试验区 takes the longer term's rendering (pilot free trade zone), not its own."""
    for longer in sorted((t["term"]["zh"] for t in terms), key=len, reverse=True):
        if term in longer and term != longer:
            zh = zh.replace(longer, "")
    return zh


def test_glossary_terms_have_their_fixed_rendering(sources):
    terms = sources["glossary.yaml"]["terms"]
    bad = []
    for rel, path, pair in plan_text_pairs(sources):
        en = normalize_en(pair["en"].lower())
        for t in terms:
            zh = without_longer_terms(pair["zh"], t["term"]["zh"], terms)
            if t["term"]["zh"] in zh and not any(f in en for f in term_forms(t["term"]["en"])):
                bad.append((rel, path, t["term"]["zh"], t["term"]["en"]))
    assert not bad, bad


def test_each_glossary_term_has_its_own_rendering(sources):
    renderings = [normalize_en(t["term"]["en"].lower()) for t in sources["glossary.yaml"]["terms"]]
    assert sorted(r for r in set(renderings) if renderings.count(r) > 1) == []


# Terms whose renderings were once shared or mixed up: their English is used for them and for nothing else.
EXCLUSIVE = ("先导区", "先行区", "试验区", "集结中心", "集聚区", "国家现代综合枢纽")


def test_exclusive_renderings_stand_for_their_term_only(sources):
    terms = {t["term"]["zh"]: t for t in sources["glossary.yaml"]["terms"]}
    bad = []
    for rel, path, pair in plan_text_pairs(sources):
        en = normalize_en(pair["en"].lower())
        for t in sorted(terms.values(), key=lambda t: -len(t["term"]["en"])):  # a longer rendering that belongs here
            if t["term"]["zh"] in pair["zh"]:                                   # (two pioneer zones for 两先区) is
                en = en.replace(normalize_en(t["term"]["en"].lower()), "")      # no use of a shorter one
        for zh in EXCLUSIVE:
            if zh not in pair["zh"] and any(re.search(rf"\b{re.escape(f)}\b", en) for f in term_forms(terms[zh]["term"]["en"])):
                bad.append((rel, path, terms[zh]["term"]["en"], f"used without {zh}"))
    assert not bad, bad


def test_strategy_stays_in_names(sources):
    """战略 in a name (the western Liaoning zone, 战略性新兴产业…) keeps "strategy" or "strategic" in English:
    in every glossary term and full name (a short English name, such as Western Liaoning Pioneer Zone, may abbreviate)."""
    names = [t["term"] for t in sources["glossary.yaml"]["terms"]]
    names += [r["full_name"] for f, key in (("places.yaml", "places"), ("units.yaml", "units")) for r in sources[f][key]]
    bad = [n for n in names if "战略" in n["zh"] and "strateg" not in n["en"].lower()]
    assert not bad, bad


def test_glossary_is_complete_and_explained(sources):
    terms = {t["term"]["zh"]: t for t in sources["glossary.yaml"]["terms"]}
    for zh in ("一圈一带两区", "双核", "全面振兴全方位振兴", "五大安全", "四个短板", "六项重点工作", "三篇大文章",
               "数字辽宁、智造强省", "专精特新", "揭榜挂帅", "带土移植", "一单制", "集结中心", "精深加工", "先导区", "先行区",
               "试验区", "集聚区", "国家现代综合枢纽", "职务科技成果"):
        assert zh in terms, zh
        assert terms[zh].get("note"), f"{zh} needs a note explaining it"

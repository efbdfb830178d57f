"""The English edition: complete, no Chinese left in it, every number carried, one rendering per glossary term, and
the house style of translation/STYLE.md wherever a test can check it."""

import re
import unicodedata

import pytest

from lnplan.export import co_text
from lnplan.reading.files import read_sources
from lnplan.render.document import MONTHS
from lnplan.render.pages import Ctx, responsibility_html

HAN = re.compile(r"[\u3400-\u9fff]")
MAGNITUDE = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


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
    empty = [
        (rel, p)
        for rel, d in sources.items()
        for p, pair in pairs(d)
        if not pair["en"].strip() and not (rel == "vocabularies.yaml")
    ]
    assert not empty


def test_no_chinese_characters_in_english(sources):
    bad = []
    for rel, data in sources.items():
        for path, pair in pairs(data):
            # notes and reasons explain Chinese words, and may quote them (老字号, 显着)
            allowed = (rel, path[-1]) in {
                ("glossary.yaml", "note"),
                ("units.yaml", "note"),
                ("corrections.yaml", "reason"),
            }
            if HAN.search(pair["en"]) and not allowed:
                bad.append((rel, path, pair["en"][:60]))
    assert not bad


def english_forms(num: str, tail: str) -> list[str]:
    """Ways an English reader would see a Chinese number: 9000 -> 9000/9,000; 4亿 -> 400 million; 1月 -> January."""
    if tail.startswith("月") and num.isdigit() and 1 <= int(num) <= 12:
        return [MONTHS[int(num) - 1]]
    forms = [num]
    if num.isdigit() and 1 <= int(num) <= 9:
        forms.append(NUMBER_WORDS[int(num)])  # counts up to nine are spelled out (STYLE.md, Numbers)
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
            forms = english_forms(m.group(), pair["zh"][m.end() : m.end() + 2])
            if not any(
                re.search(rf"(?<![\d.\w]){re.escape(f)}(?![\d])" + (r"\b" if f.isalpha() else ""), en, re.I)
                for f in forms
            ):
                missing.append((rel, path, m.group() + pair["zh"][m.end() : m.end() + 2], forms))
    assert not missing, missing


def term_forms(en: str) -> list[str]:
    """A rendering as written and with any one word in the plural (industrial clusters with competitive and
    distinctive strengths; supply bases for green agricultural products)."""
    base = normalize_en(en.lower())
    words = base.split(" ")
    forms = [base]
    for i, w in enumerate(words):
        for plural in [w + "s", w + "es"] + ([w[:-1] + "ies"] if w.endswith("y") else []):
            forms.append(" ".join(words[:i] + [plural] + words[i + 1 :]))
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


# Short forms the text uses for a glossary term, which take the term's rendering (its note says so).
SHORT_FORMS = {
    "生态补偿": "生态保护补偿",
    "自贸区": "自贸试验区",
    "深加工": "精深加工",
    "优势特色集群": "优势特色产业集群",
}


def test_short_forms_take_their_terms_rendering(sources):
    """生态补偿 in the introduction to Part 6 is 生态保护补偿 (compensation for ecological protection), as in 7.5."""
    terms = {t["term"]["zh"]: t for t in sources["glossary.yaml"]["terms"]}
    bad = []
    for short, full in SHORT_FORMS.items():
        assert f"“{short}”" in terms[full]["note"]["zh"] and short in terms[full]["note"]["en"], (
            full,
            "note names the short form",
        )
        for rel, path, pair in plan_text_pairs(sources):
            if short in pair["zh"].replace(full, "") and not any(
                f in normalize_en(pair["en"].lower()) for f in term_forms(terms[full]["term"]["en"])
            ):
                bad.append((rel, path, short, terms[full]["term"]["en"]))
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
            if t["term"]["zh"] in pair["zh"]:  # (two pioneer zones for 两先区) is
                en = en.replace(normalize_en(t["term"]["en"].lower()), "")  # no use of a shorter one
        for zh in EXCLUSIVE:
            if zh not in pair["zh"] and any(
                re.search(rf"\b{re.escape(f)}\b", en) for f in term_forms(terms[zh]["term"]["en"])
            ):
                bad.append((rel, path, terms[zh]["term"]["en"], f"used without {zh}"))
    assert not bad, bad


def test_strategy_stays_in_names(sources):
    """战略 in a name (the western Liaoning zone, 战略性新兴产业…) keeps "strategy" or "strategic" in English:
    in every glossary term and full name (a short English name, such as Western Liaoning Pioneer Zone, may
    abbreviate)."""
    names = [t["term"] for t in sources["glossary.yaml"]["terms"]]
    names += [
        r["full_name"] for f, key in (("places.yaml", "places"), ("units.yaml", "units")) for r in sources[f][key]
    ]
    bad = [n for n in names if "战略" in n["zh"] and "strateg" not in n["en"].lower()]
    assert not bad, bad


def test_glossary_is_complete_and_explained(sources):
    terms = {t["term"]["zh"]: t for t in sources["glossary.yaml"]["terms"]}
    for zh in (
        "一圈一带两区",
        "双核",
        "全面振兴全方位振兴",
        "五大安全",
        "四个短板",
        "六项重点工作",
        "三篇大文章",
        "数字辽宁、智造强省",
        "专精特新",
        "揭榜挂帅",
        "带土移植",
        "一单制",
        "集结中心",
        "精深加工",
        "先导区",
        "先行区",
        "试验区",
        "集聚区",
        "国家现代综合枢纽",
        "职务科技成果",
        # one rendering each since issue 22 (translation/STYLE.md, Terms)
        "格局",
        "高地",
        "同城化",
        "改扩建",
        "办好",
        "省部共建",
        "重大科技基础设施",
        "跨境电子商务综合试验区",
        "临床医学研究中心",
        "历史文化名城",
        # since the second review: the western zone's three roles and its clusters
        "优势特色产业集群",
        "绿色农产品供应基地",
        "清洁能源供给地",
        "旅游休闲目的地",
    ):
        assert zh in terms, zh
    unexplained = [
        t["id"] for t in terms.values() if not (t.get("note") and t["note"]["zh"].strip() and t["note"]["en"].strip())
    ]
    assert not unexplained, f"every glossary term needs a note (释义) in both languages: {unexplained}"


# ---- house style (translation/STYLE.md) ------------------------------------------------------------------------


def english_texts(sources):
    """(file, path, text) of every English text in plan/ that this edition writes: the plan's translation, every
    registry's names and notes, release summaries, and the reasons of corrections with the words they quote taken
    out (a reason may quote the wording it replaced)."""
    for rel, data in sources.items():
        for path, pair in pairs(data):
            text = pair["en"]
            if rel == "corrections.yaml":
                text = re.sub(r"“[^”]*”", "“”", text)
            yield rel, path, text


# British forms and the American ones this edition writes (STYLE.md, Spelling). Words in -ise/-isation are caught
# by the pattern below, except the English words that end so in American English too.
BRITISH = {
    "colour": "color",
    "favour": "favor",
    "honour": "honor",
    "labour": "labor",
    "neighbour": "neighbor",
    "behaviour": "behavior",
    "harbour": "harbor",
    "centre": "center",
    "metre": "meter",
    "kilometre": "kilometer",
    "litre": "liter",
    "fibre": "fiber",
    "theatre": "theater",
    "programme": "program",
    "licence": "license",
    "defence": "defense",
    "offence": "offense",
    "towards": "toward",
    "amongst": "among",
    "whilst": "while",
    "tonne": "metric ton",
    "storey": "story",
    "understorey": "understory",
    "grey": "gray",
    "ageing": "aging",
    "travelled": "traveled",
    "travelling": "traveling",
    "modelling": "modeling",
    "labelled": "labeled",
    "cancelled": "canceled",
    "fuelled": "fueled",
    "catalogue": "catalog",
    "judgement": "judgment",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "instalment": "installment",
    "skilful": "skillful",
    "aluminium": "aluminum",
    "sulphur": "sulfur",
    "mould": "mold",
    "plough": "plow",
    "cheque": "check",
    "tyre": "tire",
    "jewellery": "jewelry",
    "manoeuvre": "maneuver",
    "paediatric": "pediatric",
    "orthopaedic": "orthopedic",
    "anaesthesia": "anesthesia",
    "learnt": "learned",
    "per cent": "percent",
    "analyse": "analyze",
    "north-east": "northeast",
    "north-eastern": "northeastern",
    "north-west": "northwest",
    "north-western": "northwestern",
    "south-east": "southeast",
    "south-eastern": "southeastern",
    "south-west": "southwest",
    "south-western": "southwestern",
}
AMERICAN_ISE = {
    "advise",
    "arise",
    "chastise",
    "circumcise",
    "comprise",
    "compromise",
    "concise",
    "cruise",
    "demise",
    "despise",
    "devise",
    "disguise",
    "enterprise",
    "excise",
    "exercise",
    "expertise",
    "franchise",
    "guise",
    "improvise",
    "incise",
    "merchandise",
    "noise",
    "otherwise",
    "likewise",
    "clockwise",
    "paradise",
    "poise",
    "praise",
    "precise",
    "premise",
    "promise",
    "raise",
    "reprise",
    "revise",
    "rise",
    "sunrise",
    "supervise",
    "surmise",
    "surprise",
    "televise",
    "treatise",
    "wise",
    "appraise",
    "apprise",
    "braise",
    "bruise",
    "anise",
    "mortise",
    "cerise",
    "valise",
}


def british_words(text: str) -> list[str]:
    found = [w for w in BRITISH if re.search(rf"\b{re.escape(w)}s?\b", text, re.I)]
    for m in re.finditer(r"\b([A-Za-z]+?)(is(?:e|es|ed|ing|ation|ations))\b", text):
        stem = m.group(1).lower()
        base = stem + "ise"
        if base not in AMERICAN_ISE and len(stem) > 2:
            found.append(m.group(0))
    return found


def test_british_spellings_are_recognized():
    assert british_words("optical-fibre broadband, towards the understorey") == ["fibre", "towards", "understorey"]
    assert british_words("the organisation will prioritise it") == ["organisation", "prioritise"]
    assert british_words("raise the enterprises' exercise; promised, cruises, a precise premise, supervised") == []


def test_no_british_spelling(sources):
    bad = [(rel, path, w) for rel, path, text in english_texts(sources) for w in british_words(text)]
    assert not bad, bad


def test_names_are_joined_by_hyphens(sources):
    """Routes, corridors and groupings of places take a hyphen (Beijing-Harbin Expressway); no en dash joins two
    names, and the em dash is not used (STYLE.md, Dashes)."""
    bad = [
        (rel, path, m.group())
        for rel, path, text in english_texts(sources)
        for m in re.finditer(r"\S*[A-Za-z)]\s?[–—]\s?[A-Za-z(]\S*|—", text)
    ]
    assert not bad, bad


def small_counts(text: str) -> list[str]:
    """Numerals 1-9 that stand for a count: not with a unit or magnitude, not in a name, a number, a date, an
    address or a journal issue (2020 (3))."""
    unit = r"(?:%|-hour|\s(?:hour|trillion|billion|million|thousand|kV|mu)\b)"
    named = rf"(?:Line|Phase|Step|version|measure|Part|[Ss]ection|Item|No\.|{'|'.join(MONTHS)})\s$"
    text = re.sub(r"https?://\S+", "", text)
    out = []
    for m in re.finditer(r"(?<![\w.,])[1-9](?![\w.,]\d|\w)", text):
        if (
            re.match(unit, text[m.end() :])
            or re.search(named, text[: m.start()])
            or text[m.start() - 1 : m.end() + 1] == f"({m.group()})"
        ):
            continue
        out.append(text[max(0, m.start() - 20) : m.end() + 20])
    return out


def test_small_counts_are_spelled_out(sources):
    assert len(small_counts("seek 3 state key laboratories, rank in the top 5 nationwide")) == 2
    assert (
        small_counts("1 trillion yuan, 15%, 500 kV, a 1-hour circle, Line 9, 5G, version 2.0, 1 million mu, 9,000")
        == []
    )
    assert small_counts("on September 5, 2022 (section 3), Qiaoyuan 2020 (3), https://x.org/on-January-1-2022") == []
    # the plan's text and every note, source and reason around it (the other cities, seven in all)
    bad = [(rel, path, s) for rel, path, text in english_texts(sources) for s in small_counts(text)]
    assert not bad, bad


def recorded_names(sources) -> set[str]:
    """Every name the edition records: glossary terms, units, places and the places a text implies."""
    names = {t["term"]["en"] for t in sources["glossary.yaml"]["terms"]}
    for rel, key in (("units.yaml", "units"), ("places.yaml", "places")):
        for r in sources[rel][key]:
            names |= {r["name"]["en"], r["full_name"]["en"]}
    names |= {re.sub(r" \(.*\)$", "", n["name"]["en"]) for n in sources["place_names.yaml"]["names"]}
    return {n for n in names if " " in n or n[:1].isupper()}


def case_slips(name: str, text: str) -> list[str]:
    """Occurrences of a recorded name written with other capitals: a generic (lower-case) name may be capitalized
    inside a proper name, and a first letter may follow the sentence; nothing else may differ."""
    slips = []
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I):
        seen = m.group()
        if seen == name or name == name.lower():
            continue
        starts = m.start() == 0 or text[: m.start()].endswith((". ", "“"))
        if starts and seen[1:] == name[1:]:
            continue
        slips.append(seen)
    return slips


def test_recorded_names_keep_their_capitalization(sources):
    names = recorded_names(sources)
    texts = [(rel, path, pair["en"]) for rel, path, pair in plan_text_pairs(sources)]
    texts += [
        (rel, path, pair["en"])
        for rel in ("glossary.yaml", "place_names.yaml", "places.yaml", "units.yaml")
        for path, pair in pairs(sources[rel])
        if path[-1] in ("note", "detail", "unsourced", "reason")
    ]
    bad = [(rel, path, name, seen) for rel, path, text in texts for name in names for seen in case_slips(name, text)]
    assert not bad, bad


def test_parts_of_named_bodies_are_capitalized(sources):
    """The Shenyang Branch of the Liaoning Intelligent Manufacturing Laboratory, like its Dalian Branch: the part of
    a named body is capitalized with it (STYLE.md, Capitalization)."""
    part = r"\b[A-Z][\w'-]* (branch|sub-center|area|base|center|park|zone|institute|laboratory) of the [A-Z]"
    bad = [(rel, path, m.group()) for rel, path, text in english_texts(sources) for m in re.finditer(part, text)]
    assert not bad, bad


# Established names and the forms that loosen them (STYLE.md, Official names; sources in its table).
OFFICIAL = {
    "辽宁）自贸试验区": "China (Liaoning) Pilot Free Trade Zone",
    "辽宁自贸试验区": "China (Liaoning) Pilot Free Trade Zone",
    "中蒙俄": "China-Mongolia-Russia Economic Corridor",
    "大船": "Dalian Shipbuilding Industry Co.",
    "大机车": "CRRC Dalian",
    "大石化": "PetroChina Dalian Petrochemical",
    "沈大国家自主创新示范区": "Shenyang-Dalian National Independent Innovation Demonstration Zone",
    "进口贸易促进创新示范区": "import trade promotion and innovation",
    "达沃斯夏季论坛": "Annual Meeting of the New Champions",
}
LOOSENED = [
    r"(?<!\(Liaoning\) )\bPilot Free Trade Zone",
    r"(?i)(?<!pilot )\bfree trade zone",
    r"China-Mongolia-Russia(?! Economic Corridor)",
    r"National Innovation Demonstration Zone",
]


def test_official_names_are_not_loosened(sources):
    bad = [
        (rel, path, zh)
        for rel, path, pair in plan_text_pairs(sources)
        for zh, en in OFFICIAL.items()
        if zh in pair["zh"] and en not in pair["en"]
    ]
    bad += [
        (rel, path, m.group())
        for rel, path, text in english_texts(sources)
        if rel != "corrections.yaml"
        for p in LOOSENED
        for m in re.finditer(p, text)
    ]
    assert not bad, bad


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def test_one_spelling_of_each_place(sources):
    """A Pinyin name with ü (Lüshunkou) is never spelled without it elsewhere (Lushun)."""
    marked = {w for _, _, text in english_texts(sources) for w in re.findall(r"\w+", text) if fold(w) != w}
    bad = [
        (rel, path, w)
        for rel, path, text in english_texts(sources)
        for w in re.findall(r"\b[A-Z]\w{3,}", text)
        if any(fold(m).lower().startswith(w.lower()) and not m.lower().startswith(w.lower()) for m in marked)
    ]
    assert not bad, bad


def test_etc_is_rendered_as_the_style_guide_says(sources):
    """等 in running text is "such as …" or "… and other …": never "etc." and never a bare "and others"."""
    bad = [
        (rel, path, m.group())
        for rel, path, pair in plan_text_pairs(sources)
        for m in re.finditer(r"\betc\.|\band others\b[.,;]?", pair["en"])
    ]
    assert not bad, bad


# Calques a professional review found, each replaced by what the Chinese means (STYLE.md, Fluency).
CALQUES = [
    "internet-famous",
    "check-in spots",
    "areas of special types",
    "central city for conventions",
    "integration as one city",
    "dragon's head",
    "highland",
    # the second review
    "northeast yew",
    "shenfei",
    "transport airport",
    "marine biology",
    "refine marine fisheries",
    "two pioneer zones",
    "city, integration and innovation",
    "improve the scope",
    "the smooth flow of",
]


def test_known_calques_stay_out(sources):
    bad = [(rel, path, c) for rel, path, pair in plan_text_pairs(sources) for c in CALQUES if c in pair["en"].lower()]
    assert not bad, bad


IGNORED_IN_NAMES = {
    "Ministry",
    "National",
    "State",
    "General",
    "Administration",
    "Commission",
    "Council",
    "Department",
    "Bureau",
    "of",
    "the",
    "for",
    "and",
    "China",
    "People's",
    "Republic",
}


def test_notes_naming_a_national_counterpart_follow_it(sources):
    """A unit whose English name is said to follow a national counterpart names that counterpart, and its name
    really carries the counterpart's words (the sport bureau's note once claimed the General Administration of
    Sport, whose name it does not follow)."""
    bad = []
    for u in sources["units.yaml"]["units"]:
        note = u["name_en_source"]["note"]["en"]
        if "counterpart" not in note or "no national counterpart" in note or "does not follow" in note:
            continue
        m = re.search(r"national counterpart, the (.+?)\.", note)
        if not m:
            bad.append((u["id"], "claims a national counterpart without naming it"))
            continue
        words = set(re.findall(r"[\w'-]+", m.group(1))) - IGNORED_IN_NAMES
        if not words <= set(re.findall(r"[\w'-]+", u["full_name"]["en"])):
            bad.append((u["id"], m.group(1), u["full_name"]["en"]))
    assert not bad, bad


def test_a_lead_alone_with_etc_reads_other_departments_concerned(plan):
    """省商务厅等，相关市政府 (3.5.2): the co-responsible entry is "other departments concerned", never a bare
    "others"; 省发展改革委、省商务厅等 ends in "and other departments concerned" (STYLE.md, 等 and 相关)."""
    lead_alone = [m for m in plan.measures.values() if any(not g.units and g.etc for g in m.responsibility.co_groups)]
    assert {m.id for m in lead_alone} >= {"3.5.2", "4.2.1", "4.3.1", "5.1.2", "5.1.3", "6.1.4"}
    for m in lead_alone:
        text = co_text(plan, m, "en")
        assert text.startswith("other departments concerned") and not re.search(r"(^|; )others\b", text), (m.id, text)
        html = responsibility_html(Ctx(plan, "en", f"measures/{m.id}/"), m)
        assert "other departments concerned" in html and ">others<" not in html, m.id
    listed = plan.measures["2.1.1"]
    assert co_text(plan, listed, "en").endswith("and other departments concerned")


# Words outside the glossary that the second review settled, and what they are wherever the Chinese has them (the
# plan's text, names, notes and labels): a kind's 直属 is "directly under", not dropped; 霍尔果斯 is the Chinese city.
SETTLED = {
    "直属": "directly under",
    "霍尔果斯": "Horgos",
    "减油增化": "refined-oil output",
    "东北红豆杉": "Japanese yew",
    "沈飞": "Shenyang Aircraft Corporation",
    "兴城抽水蓄能电站": "Xingcheng Pumped-Storage Power Station",
    "龙王庙抽水蓄能": "Chaoyang Longwangmiao Pumped-Storage Power Station",
    "大伙房水库输水": "Dahuofang Reservoir Water Transmission Project",
    "桓仁古城": "Huanren Gucheng Airport",
    "乡村振兴局": "Administration for Rural Revitalization",
    "海洋生物产业": "marine bio-industry",
    # the final review: 红色 (culture, tourism) is "red"; a county's full name; pinyin apostrophes; 体制机制
    "红色": "red",
    "岫岩县": "Xiuyan Manchu Autonomous County",
    "五爱": "Wu'ai",
    "体制性机制性": "institutions and mechanisms",
}
# Renderings the final review replaced, wherever they stood: 产业链 is an "industrial chain".
UNSETTLED = ("industry chain", "new-energy")


def test_settled_renderings_hold_everywhere(sources):
    bad = [
        (rel, path, zh)
        for rel, data in sources.items()
        if rel != "corrections.yaml"
        for path, pair in pairs(data)
        for zh, en in SETTLED.items()
        if zh in pair["zh"] and en not in pair["en"]
    ]
    bad += [
        (rel, path, word)
        for rel, data in sources.items()
        if rel != "corrections.yaml"
        for path, pair in pairs(data)
        for word in UNSETTLED
        if word in pair["en"]
    ]
    assert not bad, bad


def test_interface_strings_put_commas_and_periods_inside_closing_quotes():
    """The same rule for the site's own English (lnplan/i18n.py): “{q}.”, not “{q}”."""
    from lnplan.i18n import S

    bad = [key for key, value in S.items() if isinstance(value, dict) and re.search(r"”[,.]", value.get("en", ""))]
    assert not bad, bad


def test_commas_and_periods_go_inside_closing_quotes(sources):
    """American punctuation (STYLE.md, Punctuation): the “four weak links,” not the “four weak links”, (colons and
    semicolons stay outside)."""
    outside = re.compile(r"”[,.]|‘[^‘’]*’[,.]")
    bad = [
        (rel, path, pair["en"][max(0, m.start() - 30) : m.end()])
        for rel, data in sources.items()
        for path, pair in pairs(data)
        for m in outside.finditer(pair["en"])
    ]
    assert not bad, bad


def test_english_lists_lead_with_a_bullet_not_a_dash(plan):
    """The plan's ——-led paragraphs (each region's positioning and goals) are bullets in English: no em dash."""
    from lnplan.render.base import Ctx, paragraph_html

    bullets = [p for ch in plan.chapters for s in ch.sections for p in s.paragraphs if p.bullet]
    assert bullets
    for p in bullets:
        zh, en = (paragraph_html(Ctx(plan, lang, "plan/1/"), p) for lang in ("zh", "en"))
        assert "——" in zh and "—" not in en and "• " in en, p.id

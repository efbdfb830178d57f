"""Every UI string the site shows, in both languages."""
from __future__ import annotations

S: dict[str, dict[str, str]] = {
    "site_name": {"zh": "辽宁“一圈一带两区”三年行动方案", "en": "Liaoning “One Circle, One Belt and Two Zones” Action Plan"},
    "nav_home": {"zh": "首页", "en": "Home"},
    "nav_plan": {"zh": "方案全文", "en": "The plan"},
    "nav_plan_index": {"zh": "目录与通知", "en": "Contents and notice"},
    "nav_units": {"zh": "责任单位", "en": "Responsible units"},
    "nav_places": {"zh": "城市与区域", "en": "Cities and regions"},
    "nav_targets": {"zh": "量化目标", "en": "Targets"},
    "nav_charts": {"zh": "图表", "en": "Charts"},
    "nav_glossary": {"zh": "术语表", "en": "Glossary"},
    "nav_data": {"zh": "数据下载", "en": "Data"},
    "nav_about": {"zh": "关于本版", "en": "About this edition"},
    "lead": {"zh": "牵头单位", "en": "Lead unit"},
    "co": {"zh": "配合单位", "en": "Co-responsible units"},
    "etc": {"zh": "等", "en": "and others"},
    "others": {"zh": "其他单位等", "en": "others"},
    "places": {"zh": "涉及地点", "en": "Places named"},
    "targets": {"zh": "量化目标", "en": "Targets"},
    "measure": {"zh": "措施", "en": "Measure"},
    "measures": {"zh": "措施", "en": "measures"},
    "permalink": {"zh": "永久链接", "en": "Permalink"},
    "cite": {"zh": "引用本条", "en": "Cite this measure"},
    "in_context": {"zh": "在全文中查看", "en": "Read in context"},
    "other_lang": {"zh": "English translation", "en": "中文原文"},
    "zh_original": {"zh": "中文原文", "en": "Chinese original (authoritative)"},
    "clause_as_written": {"zh": "原文条款", "en": "Clause as written"},
    "metric": {"zh": "指标", "en": "Metric"},
    "target_value": {"zh": "目标值", "en": "Target"},
    "aspirational": {"zh": "力争", "en": "Strive for"},
    "annual": {"zh": "年度/年均", "en": "Annual"},
    "scope": {"zh": "适用范围", "en": "Applies to"},
    "source": {"zh": "出处", "en": "Source"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "id": {"zh": "编号", "en": "ID"},
    "kind": {"zh": "类型", "en": "Kind"},
    "as_lead": {"zh": "牵头", "en": "As lead"},
    "as_co": {"zh": "配合", "en": "As co-responsible"},
    "total": {"zh": "合计", "en": "Total"},
    "unit": {"zh": "单位", "en": "Unit"},
    "name": {"zh": "名称", "en": "Name"},
    "tasks_as_lead": {"zh": "牵头的任务", "en": "Tasks as lead unit"},
    "tasks_as_co": {"zh": "配合的任务", "en": "Tasks as co-responsible unit"},
    "none": {"zh": "无。", "en": "None."},
    "other_units": {"zh": "其他责任单位", "en": "Other units involved"},
    "chapter": {"zh": "所属部分", "en": "Chapter"},
    "downloads_for_unit": {"zh": "本单位任务分工表", "en": "This unit's task-division table"},
    "print": {"zh": "打印本页可得到任务清单。", "en": "Print this page for a clean task list."},
    "full_name": {"zh": "全称", "en": "Full name"},
    "government": {"zh": "政府", "en": "Government"},
    "why_by_name": {"zh": "点名由本市政府负责", "en": "Assigned to this government by name"},
    "why_by_name_zone": {"zh": "点名由沈抚示范区负责", "en": "Assigned to the demonstration zone by name"},
    "why_all": {"zh": "由“各市政府”负责（每个市）", "en": "Assigned to “all city governments” (every city)"},
    "why_relevant": {"zh": "由“相关市政府”或“相关市、县政府”负责，且文本提及本地", "en": "Assigned to “relevant city (and county) governments”, and the text names this place"},
    "why_named": {"zh": "文本提及本地的其他措施", "en": "Other measures whose text names this place"},
    "why_by_name_note": {"zh": "确定由本地承担。", "en": "Ours by name."},
    "why_all_note": {"zh": "每个市都承担。", "en": "Every city's."},
    "why_relevant_note": {"zh": "可能由本地承担：条款未点名，但文本提及本地。", "en": "Possibly ours: the clause names no city, but the text names this one."},
    "why_named_note": {"zh": "本地未被列为责任单位，仅供参考。", "en": "Not assigned to this government; listed for reference."},
    "why_region": {"zh": "所属区域专章中由“相关市政府”负责的措施", "en": "Assigned to “relevant city governments” in the chapter on a region this place belongs to"},
    "why_region_note": {"zh": "可能由本地承担：条款和文本均未点名本地，但本地属于该区域（成员资格及出处见上文“所属区域”）。",
                        "en": "Possibly ours: neither the clause nor the text names this place, but it belongs to the region (see Regions above for the membership and its source)."},
    "reason_region": {"zh": "{place}属于{region}", "en": "{place} belongs to the {region}."},
    "reason_region_unsourced": {"zh": "本版将{place}列入{region}，但未找到这一成员资格的出处", "en": "This edition lists {place} in the {region}, but found no source for that membership."},
    "reason_named": {"zh": "文本直接提及“{form}”", "en": "The text names {place} ({form})."},
    "reason_short_form": {"zh": "文本以简称“{form}”（{name}）提及本市", "en": "The text names {place} by the short form {form} ({name})."},
    "reason_within": {"zh": "文本提及“{form}”（{name}，属本市）", "en": "The text names {form} ({name}, in {place})."},
    "region_chapter": {"zh": "本区域专章", "en": "Chapter on this region"},
    "positioning": {"zh": "战略定位", "en": "Strategic positioning"},
    "goals": {"zh": "发展目标", "en": "Development goals"},
    "targets_here": {"zh": "适用于本地的量化目标", "en": "Targets that apply here"},
    "kind_city": {"zh": "城市", "en": "Cities"},
    "kind_region": {"zh": "区域板块", "en": "Regions"},
    "key_figures": {"zh": "关键数字", "en": "Key figures"},
    "chapters": {"zh": "部分", "en": "chapters"},
    "units_count": {"zh": "责任单位", "en": "responsible units"},
    "targets_count": {"zh": "量化目标", "en": "quantitative targets"},
    "for_readers": {"zh": "阅读方案", "en": "Read the plan"},
    "for_departments": {"zh": "部门和城市", "en": "Departments and cities"},
    "for_developers": {"zh": "开发者", "en": "Developers"},
    "layout": {"zh": "“一圈一带两区”格局", "en": "The “One Circle, One Belt and Two Zones” layout"},
    "issued": {"zh": "辽宁省人民政府 2022年1月31日印发", "en": "Issued by the Liaoning Provincial People's Government on January 31, 2022"},
    "unofficial": {"zh": "", "en": "This is an unofficial English translation. The Chinese text is the authoritative one."},
    "file": {"zh": "文件", "en": "File"},
    "size": {"zh": "大小", "en": "Size"},
    "description": {"zh": "说明", "en": "Description"},
    "field": {"zh": "字段", "en": "Field"},
    "type": {"zh": "类型", "en": "Type"},
    "required": {"zh": "必填", "en": "Required"},
    "term": {"zh": "术语", "en": "Term"},
    "rendering": {"zh": "英译", "en": "English rendering"},
    "note": {"zh": "释义", "en": "Note"},
    "contents": {"zh": "目录", "en": "Contents"},
    "notice": {"zh": "印发通知", "en": "Issuing notice"},
    "region": {"zh": "区域", "en": "Region"},
    "count": {"zh": "数量", "en": "Count"},
    "matrix": {"zh": "责任矩阵：各单位在各部分牵头/配合的措施数", "en": "Responsibility matrix: measures led / shared by each unit in each chapter"},
    "tasks_per_unit": {"zh": "各单位任务数", "en": "Tasks per unit"},
    "targets_by_region": {"zh": "各区域量化目标数", "en": "Targets by region"},
    "legend_lead_co": {"zh": "单元格：牵头数 / 配合数", "en": "Cell: measures led / measures shared"},
    "part": {"zh": "第{n}部分", "en": "Part {n}"},
    "skip_other": {"zh": "其他", "en": "Other"},
    "lead_marker": {"zh": "牵头", "en": "lead"},
    "colon": {"zh": "：", "en": ": "},  # after a label: no space follows the full-width colon
    # corrections page, and corrections and outside facts on measure and unit pages
    "nav_corrections": {"zh": "勘误与修订", "en": "Corrections"},
    "corr_intro": {
        "zh": "本页列出本版所作或所记录的每一项更正：所获原文副本与正式发布文本不一致之处（本版从正式文本）、英文译文的修订，以及数据的更正。"
              "每项更正有稳定编号（C001、C002……），不重复使用、不重新编号，可供引用；数据下载中的 plan.json 和 corrections.csv 收有同样的记录。",
        "en": "This page lists every correction this edition makes or notes: places where the copy of the plan we received differs from "
              "the officially published text (this edition follows the official text), revisions of the English translation, and fixes "
              "to the data. Each has a stable id (C001, C002, …) that is never reused or renumbered, so it can be cited; the downloads "
              "plan.json and corrections.csv carry the same records."},
    "corr_punctuation": {
        "zh": "标点：所获原文副本在中文行文中使用半角的逗号、冒号、分号和括号，正式文本使用全角标点（，：；（））。本版全文采用正式文本的全角标点，"
              "数字、拉丁字母缩写和编号中的半角符号保持不变；这一处理统一适用，不逐条列出。自动测试逐字比对本版中文与原文副本，"
              "只容许这些标点宽度差异和下列已记录的更正，形近字（如上标数字、康熙部首、全角数字）都算作差异。",
        "en": "Punctuation: the copy we received writes ASCII , : ; ( ) in Chinese prose, where the official text has the full-width "
              "forms ，：；（）. This edition uses the official full-width punctuation throughout and keeps ASCII in numbers, Latin "
              "abbreviations and ids; this applies everywhere and is not listed item by item. An automated test compares the Chinese "
              "text of this edition with the copy character by character and allows only these differences of punctuation width and "
              "the corrections recorded below; a look-alike character (a superscript digit, a Kangxi radical, a full-width digit) "
              "counts as a difference."},
    "corr_report": {"zh": "如何报告错误", "en": "How to report an error"},
    "corr_report_text": {
        "zh": "如发现原文录入、译文或数据错误，请在本项目的问题跟踪中提交一个问题，写明：页面地址；措施编号（如 2.1.1）或单位、地点的编号；"
              "错在哪里以及建议如何修改；如有依据，请附出处（如正式文本或该机构网站的网址）。经核实的更正以新的编号记入 plan/corrections.yaml，并列于本页。",
        "en": "If you find an error in the Chinese text, the translation or the data, open an issue in this project's tracker with: the "
              "page address; the measure id (such as 2.1.1) or the unit or place id; what is wrong and the correction you suggest; and, "
              "if you have one, a source (such as the address of the official text or of the body's website). A confirmed correction is "
              "recorded in plan/corrections.yaml under the next id and listed on this page."},
    "corr_kind_source": {"zh": "原文副本与正式文本的差异", "en": "Source copy and official text"},
    "corr_kind_translation": {"zh": "译文修订", "en": "Translation revisions"},
    "corr_kind_data": {"zh": "数据更正", "en": "Data fixes"},
    "corr_none": {"zh": "暂无。", "en": "None so far."},
    "corr_date": {"zh": "日期", "en": "Date"},
    "corr_target": {"zh": "对象", "en": "What"},
    "corr_field": {"zh": "字段", "en": "Field"},
    "corr_before": {"zh": "更正前", "en": "Before"},
    "corr_after": {"zh": "更正后", "en": "After"},
    "corr_reason": {"zh": "理由", "en": "Reason"},
    "corr_outside": {"zh": "出处", "en": "source"},
    "corr_for_measure": {"zh": "本条的更正", "en": "Corrections to this measure"},
    "corr_for_unit": {"zh": "本单位信息的更正", "en": "Corrections to this unit"},
    "corr_all": {"zh": "全部更正", "en": "All corrections"},
    "corr_about": {"zh": "已记录的更正及报告错误的方法见“勘误与修订”。", "en": "The corrections recorded so far, and how to report an error, are on the Corrections page."},
    "corr_document": {"zh": "印发通知、标题和引言", "en": "Notice, title and preamble"},
    "corr_text": {"zh": "正文", "en": "Text"},
    "corr_target_kind": {"zh": "量化目标", "en": "Target"},
    "corr_term": {"zh": "术语", "en": "Term"},
    "source_name_en": {"zh": "英文名称出处", "en": "Source of the English name"},
    "source_kind": {"zh": "单位类型依据", "en": "Basis of the kind"},
    "source_self-published": {"zh": "该机构自用", "en": "the body's own"},
    "source_official": {"zh": "官方出版物", "en": "an official publication"},
    "source_edition": {"zh": "本版译法或判断（未找到公开出处）", "en": "this edition's own (no published source found)"},
    "sea_bohai": {"zh": "渤海", "en": "Bohai Sea"},
    "sea_yellow": {"zh": "黄海", "en": "Yellow Sea"},
    "north": {"zh": "北", "en": "N"},
    "map_layout": {"zh": "“一圈一带两区”示意图", "en": "Map of the “One Circle, One Belt and Two Zones” layout"},
    "map_counts_title": {"zh": "各市涉及的措施数示意图", "en": "Map of the measures that name or assign each city"},
    "map_place": {"zh": "{name}在“一圈一带两区”中的位置", "en": "{name} in the “One Circle, One Belt and Two Zones” layout"},
    "map_region": {"zh": "{name}的组成城市", "en": "The cities that make up the {name}"},
    "map_two_regions": {"zh": "双色：同属两个区域板块", "en": "Two colors: the city belongs to two regions"},
    "map_unsourced": {"zh": "斜线：该成员资格未找到出处", "en": "Hatched: no source was found for that membership"},
    "map_zone": {"zh": "菱形：示范区；圆形：地级市", "en": "Diamond: the demonstration zone; circle: a city"},
    "map_counts": {"zh": "圆越大，点名或分配给该市的措施越多；数字为措施数", "en": "The larger the circle, the more measures name or assign the city; the number is the count"},
    "map_note": {"zh": "示意图：各市按所在地坐标标出，不绘行政区界线。", "en": "Schematic map: each city is placed at the coordinates of its seat; no boundaries are drawn."},
    "map_sources": {"zh": "坐标和区域成员的出处", "en": "Sources of the coordinates and region members"},
    "map_text": {"zh": "示意图的文字版", "en": "The map as a table"},
    "map_regions": {"zh": "所属区域", "en": "Regions"},
    "map_count_col": {"zh": "点名或分配的措施", "en": "Measures naming or assigning it"},
    "unsourced": {"zh": "未找到出处", "en": "no source found"},
    "members": {"zh": "组成城市", "en": "Member cities"},
    "map_seat": {"zh": "地图位置", "en": "Position on the map"},
    "sources_cited": {"zh": "出处", "en": "Sources"},
    # versions and changes
    "nav_changes": {"zh": "版本与更新", "en": "Versions and changes"},
    "changes_intro": {"zh": "数据集按语义化版本发布：删除记录或不兼容的结构变更升主版本，新增记录或字段升次版本，更正升修订号。每个版本的变化由前后两版数据逐条比较得出。",
                      "en": "The dataset is released with semantic versions: removed records or an incompatible change of structure raise the major version, added records or fields the minor version, corrections the patch version. Each version's changes are computed by comparing the data of two versions record by record."},
    "current_version": {"zh": "当前版本：{version}（{date} 发布）", "en": "Current version: {version}, released {date}"},
    "not_released": {"zh": "尚未发布任何版本。", "en": "No version has been released yet."},
    "version": {"zh": "版本", "en": "Version"},
    "release_date": {"zh": "发布日期", "en": "Release date"},
    "unreleased": {"zh": "尚未发布的修改", "en": "Unreleased changes"},
    "unreleased_note": {"zh": "以下修改已包含在本站数据中，将随下一个版本发布。", "en": "These changes are already in this site's data and will be part of the next release."},
    "first_release": {"zh": "首次发布：{measures} 项措施、{units} 个责任单位、{places} 个地点、{targets} 项量化目标。",
                      "en": "First publication: {measures} measures, {units} responsible units, {places} places and {targets} quantitative targets."},
    "schema_changed": {"zh": "数据结构版本（schema_version）：{old} → {new}", "en": "Schema version (schema_version): {old} → {new}"},
    "corrections_in_release": {"zh": "包含的更正", "en": "Corrections"},
    "record": {"zh": "类别", "en": "Record"},
    "change": {"zh": "变化", "en": "Change"},
    "what_changed": {"zh": "修改内容", "en": "What changed"},
    "record_measure": {"zh": "措施", "en": "Measure"},
    "record_unit": {"zh": "责任单位", "en": "Unit"},
    "record_place": {"zh": "地点", "en": "Place"},
    "record_target": {"zh": "量化目标", "en": "Target"},
    "change_added": {"zh": "新增", "en": "added"},
    "change_removed": {"zh": "删除", "en": "removed"},
    "change_changed": {"zh": "修改", "en": "changed"},
    "aspect_text": {"zh": "中文文本", "en": "Chinese text"},
    "aspect_translation": {"zh": "英文译文", "en": "English translation"},
    "aspect_responsibility": {"zh": "责任单位", "en": "responsibility"},
    "aspect_places": {"zh": "地点", "en": "places"},
    "aspect_targets": {"zh": "量化目标", "en": "targets"},
    "list_sep": {"zh": "、", "en": ", "},
    "not_found_title": {"zh": "404：页面不存在", "en": "404: page not found"},
    "not_found_text": {"zh": "此地址没有页面。请从首页或方案目录查找。", "en": "There is no page at this address. Start from the home page or the plan's contents."},
    "not_found_home": {"zh": "中文首页", "en": "English home page"},
    "feed_title": {"zh": "辽宁“一圈一带两区”三年行动方案开放数据版：版本与更新", "en": "Liaoning “One Circle, One Belt and Two Zones” Action Plan, open edition: versions and changes"},
    "feed_author": {"zh": "开放数据版编者", "en": "Editors of the open edition"},
    "feed_rights": {"zh": "数据结构与英文译文以 CC BY 4.0 许可发布；方案原文为政府公开文件。", "en": "Data structure and English translation under CC BY 4.0; the plan itself is a public government document."},
    "feed_entry_title": {"zh": "版本 {heading}", "en": "Version {heading}"},
    "feed_link": {"zh": "订阅更新（Atom）", "en": "Subscribe to changes (Atom feed)"},
    "api_heading": {"zh": "静态 API", "en": "Static API"},
    "api_intro": {"zh": "无需解析整个 plan.json：每条记录都有固定地址的小文档，地址由编号得出，如 data/api/measures/2.1.1.json、data/api/units/commerce.json。索引列出全部文档及其 SHA-256，客户端只需重新获取变化了的文档。",
                  "en": "No need to parse the whole plan.json: every record has a small document at a stable address derived from its id, such as data/api/measures/2.1.1.json or data/api/units/commerce.json. The index lists every document with its SHA-256, so a client fetches again only the documents that changed."},
    "cite_english": {"zh": "英文引用格式", "en": "English citation"},
    "cite_files": {"zh": "导入文献管理软件", "en": "For reference managers"},
    "lang_zh": {"zh": "中文", "en": "Chinese"},
    "lang_en": {"zh": "英文", "en": "English"},
    "release_heading": {"zh": "{version}（{date}）", "en": "{version} ({date})"},
    "history": {"zh": "版本记录", "en": "Version history"},
    "first_published": {"zh": "首次发布", "en": "first published"},
    "last_changed": {"zh": "最近修改：{when}", "en": "Last changed: {when}"},
    "unchanged_since": {"zh": "自{when}起未修改。", "en": "Unchanged since {when}."},
    # search (the search page, the header's search box and docs/assets/search.js)
    "search": {"zh": "搜索", "en": "Search"},
    "search_placeholder": {"zh": "搜索单位、城市、编号…", "en": "Search units, cities, ids…"},
    "search_hint": {"zh": "可输入单位名称或简称（如“发改委”）、城市、措施编号（如 2.2.1）或任何词语。",
                    "en": "Type a unit's name or short form (such as “Commerce” or “DRC”), a city, a measure id (such as 2.2.1) or any words."},
    "search_filters": {"zh": "筛选", "en": "Filters"},
    "search_form": {"zh": "搜索与筛选", "en": "Search and filters"},
    "search_unit": {"zh": "责任单位", "en": "Responsible unit"},
    "search_role": {"zh": "责任", "en": "Responsibility"},
    "search_role_any": {"zh": "牵头或配合", "en": "Lead or co-responsible"},
    "search_chapter": {"zh": "部分", "en": "Chapter"},
    "search_place": {"zh": "地点", "en": "Place"},
    "search_kind": {"zh": "页面类型", "en": "Kind of page"},
    "search_any": {"zh": "全部", "en": "Any"},
    "search_kind_pages_measure": {"zh": "措施", "en": "Measures"},
    "search_kind_pages_unit": {"zh": "责任单位", "en": "Responsible units"},
    "search_kind_pages_place": {"zh": "城市与区域", "en": "Cities and regions"},
    "search_kind_pages_targets": {"zh": "量化目标", "en": "Targets"},
    "search_kind_pages_chapter": {"zh": "方案各部分", "en": "Chapters"},
    "search_noscript": {"zh": "搜索需要浏览器启用 JavaScript。不使用搜索，也可以从以下索引找到任何单位、地点和措施：",
                        "en": "Search needs JavaScript. Without it, every unit, place and measure can be reached from these indexes:"},
    "search_results": {"zh": "{n} 个结果", "en": "{n} results"},
    "search_none": {"zh": "没有找到结果。", "en": "No results."},
    "search_results_one": {"zh": "1 个结果", "en": "1 result"},
    "search_did_you_mean": {"zh": "您是不是要找：", "en": "Did you mean: "},
    "search_showing_for": {"zh": "以下是“{q}”的结果。", "en": "Showing results for “{q}”."},
    "search_instead": {"zh": "仍然搜索：", "en": "Search instead for: "},
    "search_some_words": {"zh": "没有页面同时包含所有词语，以下页面包含其中一部分。", "en": "No page has all of these words; these pages have some of them."},
    "search_browse": {"zh": "也可以按责任单位或城市查找：", "en": "You can also look by responsible unit or by city: "},
    "search_glossary_link": {"zh": "在术语表中查看", "en": "See it in the glossary"},
    "search_filters_n": {"zh": "筛选（{n}）", "en": "Filters ({n})"},
    "search_more": {"zh": "显示更多结果", "en": "Show more results"},
    "search_all": {"zh": "全部结果与筛选", "en": "All results and filters"},
    "search_failed": {"zh": "搜索暂时无法使用，请从责任单位、城市与区域或目录页查找。", "en": "Search is unavailable; use the unit, place or contents index."},
    "search_kind_measure": {"zh": "措施", "en": "Measure"},
    "search_kind_section": {"zh": "章节", "en": "Section"},
    "search_kind_target": {"zh": "量化目标", "en": "Target"},
    "search_kind_unit": {"zh": "责任单位", "en": "Responsible unit"},
    "search_kind_place": {"zh": "地点", "en": "Place"},
    "search_kind_term": {"zh": "术语", "en": "Glossary term"},
}


def t(key: str, lang: str, **kw) -> str:
    text = S[key][lang]
    return text.format(**kw) if kw else text


def paren(inner: str, lang: str) -> str:
    """An aside in brackets, as each language prints it after a word: （…） in Chinese, " (…)" in English.
    `inner` is returned as given (escaped HTML, or plain text that is escaped later)."""
    return f"（{inner}）" if lang == "zh" else f" ({inner})"


def group_sep(lang: str) -> str:
    """Between items that themselves contain commas or lists: ； in Chinese, "; " in English."""
    return "；" if lang == "zh" else "; "


# ---- releases and changes in words (the changes page, measure histories and the Atom feed) -------------

RECORD_KEYS = {"measure": "record_measure", "unit": "record_unit", "place": "record_place", "target": "record_target"}
CHANGE_KEYS = {"added": "change_added", "removed": "change_removed", "changed": "change_changed"}


def release_heading(release, lang: str) -> str:
    """'1.1.0（2026-11-27）', or the heading of the changes not yet released (release None)."""
    return t("release_heading", lang, version=release.version, date=release.date) if release else t("unreleased", lang)


def fields_text(change, lang: str) -> str:
    """What changed, in words: the measure's aspects, or a registry record's fields."""
    if change.record == "measure":
        return t("list_sep", lang).join(t("aspect_" + f, lang) for f in change.fields)
    return ", ".join(change.fields)

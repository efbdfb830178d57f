"""Every UI string the site shows, in both languages."""

from __future__ import annotations

import re

S: dict[str, dict[str, str]] = {
    "nav_home": {"zh": "首页", "en": "Home"},
    "nav_plan": {"zh": "方案全文", "en": "The plan"},
    "nav_plan_index": {"zh": "目录与通知", "en": "Contents and notice"},
    "nav_units": {"zh": "责任单位", "en": "Responsible units"},
    "nav_places": {"zh": "城市与区域", "en": "Cities and regions"},
    "nav_targets": {"zh": "量化目标", "en": "Targets"},
    "nav_charts": {"zh": "图表", "en": "Charts"},
    "nav_glossary": {"zh": "术语表", "en": "Glossary"},
    "nav_data": {"zh": "数据下载", "en": "Data"},
    "nav_about": {"zh": "关于本站", "en": "About this edition"},
    "about_source": {"zh": "来源", "en": "Source"},
    "about_source_text": {
        "zh": "本站收录{issuer}印发的《{title}》全文（通知成文日期为{date}）；发文字号、发布日期等文件信息及其出处见"
        "“目录与通知”页。",
        "en": "This site publishes the full text of the {title}, issued by the {issuer} (the notice is dated "
        "{date}); the document's number, release date and other particulars, with their sources, are on the "
        "Contents and notice page.",
    },
    "lead": {"zh": "牵头单位", "en": "Lead unit"},
    "co": {"zh": "配合单位", "en": "Co-responsible units"},
    "etc": {"zh": "等", "en": "and other departments concerned"},
    "etc_then": {
        "zh": "等",
        "en": " and other ",
    },  # 沈阳、大连等相关市政府: …, Dalian Municipal Government and other relevant city governments
    "others": {"zh": "未列名的其他单位（原文作“等”）", "en": "other departments concerned"},
    "responsible_units": {"zh": "责任单位", "en": "Responsible units"},
    "reading": {"zh": "本站解读", "en": "This edition's reading"},
    "reading_note": {
        "zh": "原文只列责任单位，不分牵头、配合；本站将条款中列在第一位的单位视为牵头单位，其余视为配合单位。",
        "en": "The plan lists the responsible units without saying which leads; this edition reads the first unit "
        "named as the lead unit.",
    },
    "reading_link": {"zh": "解读说明", "en": "How we read the clause"},
    "places": {"zh": "涉及地点", "en": "Places named"},
    "targets": {"zh": "量化目标", "en": "Targets"},
    "measure": {"zh": "任务", "en": "Measure"},
    "measures": {"zh": "任务", "en": "measures"},
    "permalink": {"zh": "永久链接", "en": "Permalink"},
    "cite": {"zh": "引用本条", "en": "Cite this measure"},
    "in_context": {"zh": "在全文中查看", "en": "Read in context"},
    "other_lang": {"zh": "English translation", "en": "中文原文"},
    "zh_original": {"zh": "中文原文", "en": "Chinese original (authoritative)"},
    "clause_as_written": {"zh": "原文条款", "en": "As issued"},
    "metric": {"zh": "指标", "en": "Metric"},
    "target_value": {"zh": "目标值", "en": "Target"},
    "aspirational": {"zh": "力争", "en": "Strive for"},
    "annual": {"zh": "年度/年均", "en": "Annual"},
    "scope": {"zh": "适用范围", "en": "Applies to"},
    # targets as the plan writes them (lnplan/render/targets.py): {amount} is 30%, 4亿吨, 5000亿…
    "tv_reach": {"zh": "达到{amount}", "en": "{amount}"},
    "tv_exceed": {"zh": "超过{amount}", "en": "more than {amount}"},
    "tv_at-least": {"zh": "{amount}以上", "en": "at least {amount}"},
    "tv_about": {"zh": "{amount}左右", "en": "about {amount}"},
    "tv_increase-by": {"zh": "增长{amount}", "en": "growth of {amount}"},
    "tv_top-n": {"zh": "前{amount}名", "en": "top {amount}"},
    "tv_top-n_nationwide": {"zh": "全国前{amount}名", "en": "top {amount} nationally"},
    "tv_scale": {"zh": "{amount}级", "en": "{amount} scale"},
    "tv_reach_benchmark": {"zh": "达到{benchmark}", "en": "{benchmark}"},
    "tv_exceed_benchmark": {"zh": "超过{benchmark}", "en": "above {benchmark}"},
    "tag_aspirational": {"zh": "力争", "en": "stretch goal"},
    "tag_aspirational_title": {"zh": "原文为“力争”", "en": "The plan says “strive to”"},
    "tag_annual": {"zh": "年均", "en": "yearly average"},
    "tag_each_year": {"zh": "每年", "en": "each year"},
    "tag_annual_title": {
        "zh": "按年计的目标（年均或每年）",
        "en": "A yearly figure: an average per year, or each year",
    },
    "period_stated": {
        "zh": "“{phrase}”（自{date}起算）",
        "en": "“{phrase}” (counted from the plan's issue on {date})",
    },
    "period_none": {"zh": "未写明", "en": "Not stated"},
    "targets_intro": {
        "zh": "下列各表列出方案中的每项量化目标，并附原文。原文写“力争”的目标标注“力争”，按年计的目标标注“年均”或“每"
        "年”。原文写明期限的，期限自{date}起算；原文未写明期限的，本站不作推算。",
        "en": "Each quantitative target as the plan states it. Targets the plan says to “strive” for are tagged "
        "“stretch goal”; yearly figures are tagged “yearly average” or “each year.” Where the part of the plan "
        "that sets a target states its period (in the plan's words), it runs from the plan's issue on {date}. "
        "Where the plan gives no period, this edition does not infer one.",
    },
    "col_id": {"zh": "编号", "en": "ID"},
    "col_metric": {"zh": "指标", "en": "Indicator"},
    "col_target_value": {"zh": "目标", "en": "Target"},
    "col_period": {"zh": "期限", "en": "By when"},
    "col_scope": {"zh": "适用范围", "en": "Applies to"},
    "col_source": {"zh": "出处", "en": "Source"},
    "col_target_text": {"zh": "原文", "en": "In the plan's words"},
    "source": {"zh": "出处", "en": "Source"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "id": {"zh": "编号", "en": "ID"},
    "kind": {"zh": "类型", "en": "Kind"},
    "as_lead": {"zh": "牵头", "en": "Leads"},
    "as_co": {"zh": "配合", "en": "Supports"},
    "total": {"zh": "合计", "en": "Total"},
    "unit": {"zh": "单位", "en": "Unit"},
    "name": {"zh": "名称", "en": "Name"},
    "tasks_as_lead": {"zh": "牵头的任务", "en": "Tasks as lead unit"},
    "tasks": {"zh": "任务", "en": "Tasks"},
    "unit_counts": {"zh": "牵头{lead}项，配合{co}项", "en": "leads {lead}, supports {co}"},
    "tasks_as_co": {"zh": "配合的任务", "en": "Tasks as co-responsible unit"},
    "none": {"zh": "无。", "en": "None."},
    "other_units": {"zh": "其他责任单位", "en": "Other units involved"},
    "chapter": {"zh": "所属部分", "en": "Part"},
    "downloads_for_unit": {"zh": "本单位任务分工表", "en": "This unit's task-division table"},
    "print": {"zh": "打印本页可得到任务清单。", "en": "Print this page for a clean task list."},
    "full_name": {"zh": "全称", "en": "Full name"},
    "government": {"zh": "对应责任单位", "en": "Government"},
    # a city's or the zone's page (lnplan/render/places.py): the summary, the lists of tasks and the role on each card
    "sum_lead_co": {"zh": "{gov}牵头{lead}、配合{co}", "en": "{gov} leads {lead} and supports {co}"},
    "sum_lead": {"zh": "{gov}牵头{lead}", "en": "{gov} leads {lead}"},
    "sum_co": {"zh": "{gov}配合{co}", "en": "{gov} supports {co}"},
    "sum_all": {"zh": "“各市政府”的任务{n}", "en": "{n} for “all city governments”"},
    "sum_relevant": {
        "zh": "“相关市政府”负责、文本提及{place}的任务{n}",
        "en": "{n} for “relevant city governments” whose text names {place}",
    },
    "sum_region": {
        "zh": "“相关市政府”负责、见于所在区域专章的其他任务{n}",
        "en": "{n} for “relevant city governments” in its region's part",
    },
    "sum_named": {"zh": "文本提及本市的其他任务{n}", "en": "{n} more whose text names {place}"},
    "sum_named_zone": {"zh": "文本提及本区的其他任务{n}", "en": "{n} more whose text names {place}"},
    "sum_members": {"zh": "成员：{n}", "en": "Members: {n}"},
    "sum_targets_region": {"zh": "适用于{place}的量化目标{n}", "en": "{n} applying to the {place}"},
    "sum_chapter": {"zh": "本区域专章的任务{n}", "en": "{n} in the part on it"},
    "sum_named_region": {"zh": "文本提及{place}的任务{n}", "en": "{n} whose text names it"},
    "n_cities": {"zh": "{n}个", "en": "{n}"},
    "bucket_named_region": {"zh": "文本提及{place}的任务", "en": "Tasks whose text names the {place}"},
    "bucket_named_note_region": {
        "zh": "以下任务的文本提及{place}；本区域专章的全部任务见该部分。",
        "en": "Tasks whose text names the {place}; every task of the part on it is in that part.",
    },
    "sum_targets": {"zh": "适用于{place}的量化目标{n}", "en": "{n} applying to {place}"},
    "sum_nothing": {"zh": "方案没有分配给{place}的任务。", "en": "The plan assigns {place} no task."},
    "n_tasks": {"zh": "{n}项", "en": "{n} tasks"},
    "n_tasks_one": {"zh": "{n}项", "en": "{n} task"},
    "n_targets": {"zh": "{n}项", "en": "{n} targets"},
    "n_targets_one": {"zh": "{n}项", "en": "{n} target"},
    "bucket_lead": {"zh": "{gov}牵头的任务", "en": "Tasks {gov} leads"},
    "bucket_co": {"zh": "{gov}配合的任务", "en": "Tasks {gov} supports"},
    "bucket_all": {"zh": "“各市政府”的任务", "en": "Tasks for “all city governments”"},
    "bucket_relevant": {
        "zh": "“相关市政府”的任务：文本提及{place}",
        "en": "Tasks for “relevant city governments” whose text names {place}",
    },
    "bucket_region": {
        "zh": "“相关市政府”的任务：所在区域的专章",
        "en": "Tasks for “relevant city governments” in its region's part",
    },
    "bucket_named": {"zh": "文本提及{place}的其他任务", "en": "Other tasks whose text names {place}"},
    "bucket_named_zone": {"zh": "文本提及{place}的其他任务", "en": "Other tasks whose text names {place}"},
    "bucket_lead_note": {
        "zh": "条款中第一个列出的单位是{gov}，本站视为牵头单位。",
        "en": "{gov} is the first unit the clause names: this edition reads it as the lead unit.",
    },
    "bucket_co_note": {
        "zh": "条款列有{gov}，但不在第一位，本站视为配合单位。",
        "en": "The clause names {gov}, but not first: this edition reads it as co-responsible.",
    },
    "bucket_all_note": {
        "zh": "条款写“各市政府”，即各市均须承担。",
        "en": "The clause says “all city governments”: every city has these tasks.",
    },
    "bucket_relevant_note": {
        "zh": "条款写“相关市政府”，没有点名；文本提及{place}，{place}可能在“相关”之列。",
        "en": "The clause says “relevant city governments” without naming them; the text names {place}, so {place} "
        "may be one of them.",
    },
    "bucket_region_note": {
        "zh": "条款写“相关市政府”，条款和文本都没有点名{place}，但这些任务在{place}所在区域的专章中。",
        "en": "The clause says “relevant city governments”; neither the clause nor the text names {place}, but the "
        "tasks are in the part on a region {place} belongs to.",
    },
    "bucket_named_note": {
        "zh": "责任单位条款未列{place}市政府，此处列出仅供参考。",
        "en": "{place}'s government is not in the clause; listed for reference.",
    },
    "bucket_named_note_zone": {
        "zh": "责任单位条款未列该示范区，此处列出仅供参考。",
        "en": "The demonstration zone is not in the clause; listed for reference.",
    },
    "role_lead": {"zh": "本市牵头", "en": "This city leads"},
    "role_co": {"zh": "本市配合", "en": "This city supports"},
    "role_lead_zone": {"zh": "本区牵头", "en": "The zone leads"},
    "role_co_zone": {"zh": "本区配合", "en": "The zone supports"},
    "role_all": {"zh": "各市政府", "en": "All city governments"},
    "role_relevant": {"zh": "相关市政府", "en": "Relevant city governments"},
    "role_region": {"zh": "所在区域", "en": "Its region"},
    "role_named": {"zh": "提及本市", "en": "Names this city"},
    "role_named_zone": {"zh": "提及本区", "en": "Names the zone"},
    "role_named_region": {"zh": "提及本区域", "en": "Names the region"},
    "role_unit_lead": {"zh": "牵头", "en": "Leads"},
    "role_unit_co": {"zh": "配合", "en": "Supports"},
    "goals_heading": {"zh": "战略定位和发展目标", "en": "Positioning and goals"},
    "about_place": {"zh": "关于{place}", "en": "About {place}"},
    "membership_unsourced_short": {"zh": "未找到文件依据", "en": "no document found that says so"},
    "col_by_name": {
        "zh": "本市政府牵头或配合的任务数",
        "en": "Measures its government leads or supports",
    },
    "col_named": {"zh": "文本提及的任务数", "en": "Measures whose text names it"},
    "reason_region": {"zh": "{place}属于{region}", "en": "{place} belongs to the {region}."},
    "reason_region_unsourced": {
        "zh": "本站将{place}计入{region}，但未找到文件依据",
        "en": "This edition counts {place} as part of the {region}, but found no document that says so.",
    },
    "reason_named": {"zh": "文本直接提及“{form}”", "en": "The text names {place} ({form})."},
    "reason_short_form": {
        "zh": "文本以简称“{form}”（{name}）提及本市",
        "en": "The text names {place} by the short form {form} ({name}).",
    },
    "reason_within": {"zh": "文本提及“{form}”（{name}，属本市）", "en": "The text names {form} ({name}, in {place})."},
    "region_chapter": {"zh": "本区域专章", "en": "Part on this region"},
    "positioning": {"zh": "战略定位", "en": "Strategic positioning"},
    "goals": {"zh": "发展目标", "en": "Development goals"},
    "targets_here": {"zh": "适用于{place}的量化目标", "en": "Targets that apply to {place}"},
    "kind_city": {"zh": "城市", "en": "Cities"},
    "kind_region": {"zh": "区域板块", "en": "Regions"},
    "key_figures": {"zh": "关键数字", "en": "Key figures"},
    "chapters": {"zh": "部分", "en": "parts"},
    "units_count": {"zh": "责任单位", "en": "responsible units"},
    "targets_count": {"zh": "量化目标", "en": "quantitative targets"},
    "for_readers": {"zh": "阅读方案", "en": "Read the plan"},
    "for_departments": {"zh": "部门和城市", "en": "Departments and cities"},
    "for_developers": {"zh": "开发者", "en": "Developers"},
    "layout": {"zh": "{scheme}格局", "en": "The {scheme} pattern"},
    # the document box (lnplan/render/document.py) and the footer of every page
    "doc_box": {"zh": "文件信息", "en": "About the document"},
    "doc_title": {"zh": "标题", "en": "Title"},
    "doc_issuer": {"zh": "发文机关", "en": "Issued by"},
    "doc_number": {"zh": "发文字号", "en": "Document number"},
    "doc_written": {"zh": "成文日期", "en": "Dated"},
    "doc_released": {"zh": "发布日期", "en": "Released"},
    "doc_period": {"zh": "实施期", "en": "Period"},
    "doc_period_value": {
        "zh": "{years}年，自通知成文日期{date}起算。",
        "en": "{years} years, counted from the date on the notice, {date}.",
    },
    "doc_status": {"zh": "状态", "en": "Status"},
    "doc_status_passed": {
        "zh": "按上述起算，实施期在本站数据{version}版（{date}）发布时已届满。本站未掌握该文件此后修订、延期或废止的"
        "情况。",
        "en": "Counted this way, the period had passed when this edition's version {version} was released ({date}). "
        "This edition has no information on any later revision, extension or repeal.",
    },
    "doc_status_running": {
        "zh": "按上述起算，实施期在本站数据{version}版（{date}）发布时尚未届满。",
        "en": "Counted this way, the period had not yet ended when this edition's version {version} was released "
        "({date}).",
    },
    "doc_official": {"zh": "正式文本", "en": "Official text"},
    "doc_edition": {"zh": "本站", "en": "This site"},
    "doc_edition_value": {
        "zh": "非官方的开放数据版，不是政府网站。中文依据正式发布的文本录入，英文为本站译文。",
        "en": "An unofficial open edition, not a government website. The Chinese text follows the officially "
        "published text; the English is this edition's translation.",
    },
    "doc_according_to": {"zh": "据{issuer}", "en": "source: {issuer}"},
    "doc_not_found": {"zh": "未找到出处", "en": "no source found"},
    "footer_notice": {
        "zh": "本站是方案的非官方开放数据版，不是政府网站；以正式发布的中文文本为准。",
        "en": "An unofficial open edition of the plan, not a government website. The officially published Chinese "
        "text prevails.",
    },
    "footer_licence": {
        "zh": "方案原文为政府公开文件；本站的数据结构、英文译文和代码以 CC BY 4.0 许可发布。",
        "en": "The plan is a public government document. This edition's data structure, English translation and code "
        "are published under the CC BY 4.0 license.",
    },
    "footer_version": {"zh": "数据版本 {version}（{date}）", "en": "Dataset version {version} ({date})"},
    "footer_report": {"zh": "报告错误", "en": "Report an error"},
    "footer_address": {"zh": "本页地址：", "en": "This page: "},
    "unofficial": {
        "zh": "",
        "en": "This is an unofficial English translation. The Chinese text is the authoritative one.",
    },
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
    "preamble": {"zh": "引言", "en": "Preamble"},
    "notice": {"zh": "印发通知", "en": "Issuing notice"},
    "region": {"zh": "区域", "en": "Region"},
    "count": {"zh": "数量", "en": "Count"},
    "matrix": {
        "zh": "责任矩阵：各单位在各部分牵头/配合的任务数",
        "en": "Responsibility matrix: measures led / shared by each unit in each part",
    },
    "tasks_per_unit": {"zh": "各单位任务数", "en": "Tasks per unit"},
    "targets_by_region": {"zh": "各城市和区域的量化目标数", "en": "Targets by region"},
    "legend_lead_co": {"zh": "单元格：牵头数 / 配合数", "en": "Cell: measures led / measures shared"},
    "part": {"zh": "第{n}部分", "en": "Part {n}"},
    "skip_other": {"zh": "其他", "en": "Other"},
    "lead_marker": {"zh": "牵头", "en": "lead"},
    "colon": {"zh": "：", "en": ": "},  # after a label: no space follows the full-width colon
    # corrections page, and corrections and outside facts on measure and unit pages
    "nav_corrections": {"zh": "勘误与修订", "en": "Corrections"},
    "corr_intro": {
        "zh": "本页列出本站所作或所记录的每一项更正：所获原文副本与正式发布文本不一致之处（本站以正式文本为准）、英"
        "文译文的修订，以及数据的更正。每项更正有稳定编号（C001、C002……），不重复使用、不重新编号，可供引用"
        "；“数据下载”页中的 plan.json 和 corrections.csv 收有同样的记录。",
        "en": "This page lists every correction this edition makes or notes: places where the copy of the plan we "
        "received differs from "
        "the officially published text (this edition follows the official text), revisions of the English "
        "translation, and fixes "
        "to the data. Each has a stable id (C001, C002, …) that is never reused or renumbered, so it can be cited; "
        "the downloads "
        "plan.json and corrections.csv carry the same records.",
    },
    "corr_punctuation": {
        "zh": "标点：所获原文副本在中文行文中使用半角的逗号、冒号、分号和括号，正式文本使用全角标点（“，”“：”“；”“（"
        "）”）。本站全文采用正式文本的全角标点，数字、拉丁字母缩写和编号中的半角符号保持不变；这一处理统一适"
        "用，不逐条列出。自动测试逐字比对本站中文与原文副本，只容许这些标点宽度差异和下列已记录的更正，形近"
        "字符（如上标数字、康熙部首、全角数字）都算作差异。",
        "en": "Punctuation: the copy we received writes ASCII , : ; ( ) in Chinese prose, where the official text "
        "has the full-width "
        "forms ，：；（）. This edition uses the official full-width punctuation throughout and keeps ASCII in "
        "numbers, "
        "Latin "
        "abbreviations and ids; this applies everywhere and is not listed item by item. An automated test compares "
        "the Chinese "
        "text of this edition with the copy character by character and allows only these differences of punctuation "
        "width and "
        "the corrections recorded below; a look-alike character (a superscript digit, a Kangxi radical, a full-width "
        "digit) "
        "counts as a difference.",
    },
    "corr_report": {"zh": "如何报告错误", "en": "How to report an error"},
    "corr_report_text": {
        "zh": "如发现原文录入、译文或数据错误，请通过每页页脚的“报告错误”链接，在本项目的问题反馈页提交反馈，写明："
        "页面地址；任务编号（如 2.1.1）或单位、地点的编号；错在哪里以及建议如何修改；如有依据，请附出处（如"
        "正式文本或该机构网站的网址）。经核实的更正以新的编号列于本页，并收入数据下载。",
        "en": "If you find an error in the Chinese text, the translation or the data, open an issue in this "
        "project's tracker (the “Report an error” link at the foot of every page) with: the "
        "page address; the measure id (such as 2.1.1) or the unit or place id; what is wrong and the correction you "
        "suggest; and, "
        "if you have one, a source (such as the address of the official text or of the body's website). A confirmed "
        "correction is "
        "listed on this page under the next id, and in the downloads.",
    },
    "corr_kind_source": {"zh": "原文副本与正式文本的差异", "en": "Source copy and official text"},
    "corr_kind_translation": {"zh": "译文修订", "en": "Translation revisions"},
    "corr_kind_data": {"zh": "数据更正", "en": "Data fixes"},
    "corr_none": {"zh": "暂无。", "en": "None so far."},
    "corr_date": {"zh": "日期", "en": "Date"},
    "corr_target": {"zh": "对象", "en": "What"},
    "corr_field": {"zh": "改动之处", "en": "What was changed"},
    "corr_before": {"zh": "更正前", "en": "Before"},
    "corr_after": {"zh": "更正后", "en": "After"},
    "corr_reason": {"zh": "理由", "en": "Reason"},
    "corr_outside": {"zh": "出处", "en": "source"},
    "field_text": {"zh": "正文", "en": "text"},
    "field_title": {"zh": "标题", "en": "title"},
    "field_lead": {"zh": "小标题", "en": "heading"},
    "field_name": {"zh": "简称", "en": "short name"},
    "field_full_name": {"zh": "全称", "en": "full name"},
    "field_note": {"zh": "释义", "en": "note"},
    "field_term": {"zh": "译名", "en": "rendering"},
    "field_kind": {"zh": "类型", "en": "kind"},
    "field_raw": {"zh": "责任单位条款", "en": "responsibility clause"},
    "field_metric": {"zh": "指标", "en": "indicator"},
    "field_notice": {"zh": "印发通知", "en": "notice"},
    "field_addressees": {"zh": "主送单位", "en": "addressees"},
    "field_preamble": {"zh": "引言", "en": "preamble"},
    "field_name_en_source": {"zh": "英文名称出处", "en": "source of the English name"},
    "field_kind_source": {"zh": "单位类型依据", "en": "basis of the kind"},
    "field_status": {"zh": "类别", "en": "kind"},
    "field_url": {"zh": "网址", "en": "address"},
    "reason_within_same": {"zh": "文本提及“{form}”（属本市）", "en": "The text names {form} (in {place})."},
    "coordinates": {"zh": "北纬{lat}°，东经{lon}°", "en": "{lat}° N, {lon}° E"},
    "field_members": {"zh": "成员", "en": "member"},
    "field_members_note": {"zh": "成员说明", "en": "note on the members"},
    "field_record": {"zh": "文件信息", "en": "document record"},
    "field_number_source": {"zh": "发文字号出处", "en": "source of the document number"},
    "field_note_of": {"zh": "说明", "en": "note"},
    "field_lang_zh": {"zh": "中文", "en": "Chinese"},
    "field_lang_en": {"zh": "英文", "en": "English"},
    "field_paragraph": {"zh": "第{n}段", "en": "of paragraph {n}"},
    "corr_for_measure": {"zh": "本条的更正", "en": "Corrections to this measure"},
    "corr_for_unit": {"zh": "本单位信息的更正", "en": "Corrections to this unit"},
    "corr_all": {"zh": "全部更正", "en": "All corrections"},
    "corr_about": {
        "zh": "已记录的更正及报告错误的方法见“勘误与修订”。",
        "en": "The corrections recorded so far, and how to report an error, are on the Corrections page.",
    },
    "corr_document": {"zh": "印发通知、标题和引言", "en": "Notice, title and preamble"},
    "corr_text": {"zh": "正文", "en": "Text"},
    "corr_target_kind": {"zh": "量化目标", "en": "Target"},
    "corr_term": {"zh": "术语", "en": "Term"},
    "source_name_en": {"zh": "英文名称出处", "en": "Source of the English name"},
    "source_kind": {"zh": "单位类型依据", "en": "Basis of the kind"},
    "source_self-published": {"zh": "该机构自用", "en": "the body's own"},
    "source_official": {"zh": "官方出版物", "en": "an official publication"},
    "source_edition": {
        "zh": "本站译法或判断（未找到公开出处）",
        "en": "this edition's own (no published source found)",
    },
    "north": {"zh": "北", "en": "N"},
    "map_layout": {"zh": "{scheme}示意图", "en": "Map of the {scheme} pattern"},
    "map_counts_title": {"zh": "各市相关任务数示意图", "en": "Map of the measures that concern each city"},
    "map_place": {"zh": "{name}在{scheme}中的位置", "en": "{name} in the {scheme} pattern"},
    "map_region": {"zh": "{name}的成员", "en": "The cities that make up the {name}"},
    "map_two_regions": {"zh": "双色：同属两个区域板块", "en": "Two colors: the city belongs to two regions"},
    "map_unsourced": {
        "zh": "斜线：本站将该市计入这一区域，但未找到文件依据",
        "en": "Hatched: this edition counts the city as part of the region, but found no document that says so",
    },
    "map_zone": {"zh": "菱形：示范区；圆形：地级市", "en": "Diamond: the demonstration zone; circle: a city"},
    "map_counts": {
        "zh": "圆越大，与该市相关的任务越多；数字为任务数（分类见各市页面）",
        "en": "The larger the circle, the more measures concern the city; the number is the count (each city's page "
        "breaks it down)",
    },
    "map_note": {
        "zh": "示意图：各市按所在地坐标标出，不绘行政区界线。",
        "en": "Schematic map: each city is placed at the coordinates of its seat; no boundaries are drawn.",
    },
    "map_sources": {"zh": "坐标和区域成员的出处", "en": "Sources of the coordinates and region members"},
    "map_text": {"zh": "示意图的文字版", "en": "The map as a table"},
    "map_regions": {"zh": "所属区域", "en": "Regions"},
    "map_count_col": {"zh": "相关任务数", "en": "Measures concerning it"},
    "unsourced": {"zh": "未找到文件依据", "en": "no document found that says so"},
    "members": {"zh": "成员", "en": "Member cities"},
    "map_seat": {"zh": "位置", "en": "Location"},
    "sources_cited": {"zh": "出处", "en": "Sources"},
    "source_ref": {"zh": "，编号{ref}", "en": ", entry {ref}"},
    "member_of": {"zh": "属于{region}", "en": "Part of the {region}"},
    "full_stop": {"zh": "。", "en": "."},
    # versions and changes
    "nav_changes": {"zh": "版本与更新", "en": "Versions and changes"},
    "changes_intro": {
        "zh": "数据集按语义化版本发布：删除记录或不兼容的结构变更升主版本，新增记录或字段升次版本，更正升修订号。每"
        "个版本的变化由前后两版数据逐条比较得出。",
        "en": "The dataset is released with semantic versions: removed records or an incompatible change of "
        "structure raise the major version, added records or fields the minor version, corrections the patch "
        "version. Each version's changes are computed by comparing the data of two versions record by record.",
    },
    "current_version": {
        "zh": "当前版本：{version}（{date}发布）",
        "en": "Current version: {version}, released {date}",
    },
    "not_released": {"zh": "尚未发布任何版本。", "en": "No version has been released yet."},
    "version": {"zh": "版本", "en": "Version"},
    "release_date": {"zh": "发布日期", "en": "Release date"},
    "unreleased": {"zh": "尚未发布的修改", "en": "Unreleased changes"},
    "unreleased_note": {
        "zh": "以下修改已包含在本站数据中，将随下一个版本发布。",
        "en": "These changes are already in this site's data and will be part of the next release.",
    },
    "first_release": {
        "zh": "首次发布：{measures}项任务、{units}个责任单位、{places}个地点、{targets}项量化目标。",
        "en": "First publication: {measures} measures, {units} responsible units, {places} places and {targets} "
        "quantitative targets.",
    },
    "schema_changed": {"zh": "数据结构版本：{old} → {new}", "en": "Version of the data structure: {old} → {new}"},
    "corrections_in_release": {"zh": "包含的更正", "en": "Corrections"},
    "record": {"zh": "类别", "en": "Record"},
    "change": {"zh": "变化", "en": "Change"},
    "what_changed": {"zh": "修改内容", "en": "What changed"},
    "record_measure": {"zh": "任务", "en": "Measure"},
    "record_unit": {"zh": "责任单位", "en": "Unit"},
    "record_place": {"zh": "地点", "en": "Place"},
    "record_target": {"zh": "量化目标", "en": "Target"},
    "change_added": {"zh": "新增", "en": "added"},
    "change_removed": {"zh": "删除", "en": "removed"},
    "change_changed": {"zh": "修改", "en": "changed"},
    "aspect_text": {"zh": "中文文本", "en": "Chinese text"},
    "aspect_translation": {"zh": "英文译文", "en": "English translation"},
    "aspect_responsibility": {"zh": "责任单位条款", "en": "responsibility clause"},
    "aspect_places": {"zh": "地点", "en": "places"},
    "aspect_targets": {"zh": "量化目标", "en": "targets"},
    "list_sep": {"zh": "、", "en": ", "},
    "semicolon": {"zh": "；", "en": "; "},
    "punctuation_only": {"zh": "标点统一为全角，文字未改", "en": "punctuation made full-width, wording unchanged"},
    "not_found_title": {"zh": "404：页面不存在", "en": "404: page not found"},
    "not_found_text": {
        "zh": "此地址没有页面。请从首页或方案目录查找。",
        "en": "There is no page at this address. Start from the home page or the plan's contents.",
    },
    "not_found_home": {"zh": "中文首页", "en": "English home page"},
    "feed_title": {"zh": "{site}开放数据版：版本与更新", "en": "{site}, open edition: versions and changes"},
    "feed_author": {"zh": "开放数据版编者", "en": "Editors of the open edition"},
    "feed_rights": {
        "zh": "数据结构与英文译文以 CC BY 4.0 许可发布；方案原文为政府公开文件。",
        "en": "Data structure and English translation under CC BY 4.0; the plan itself is a public government "
        "document.",
    },
    "feed_entry_title": {"zh": "版本 {heading}", "en": "Version {heading}"},
    "feed_link": {"zh": "订阅更新（Atom）", "en": "Subscribe to changes (Atom feed)"},
    "api_heading": {"zh": "静态 API", "en": "Static API"},
    "api_intro": {
        "zh": "无需解析整个 plan.json：每条记录都有固定地址的小文档，地址由编号得出，如 "
        "data/api/measures/2.1.1.json、data/api/units/commerce.json。索引列出全部文档及其 SHA-256，客户端只需重新获"
        "取变化了的文档。",
        "en": "No need to parse the whole plan.json: every record has a small document at a stable address derived "
        "from its id, such as data/api/measures/2.1.1.json or data/api/units/commerce.json. The index lists "
        "every document with its SHA-256, so a client fetches again only the documents that changed.",
    },
    "cite_english": {"zh": "英文引用格式", "en": "English citation"},
    "cite_files": {"zh": "导入文献管理软件", "en": "For reference managers"},
    "lang_zh": {"zh": "中文", "en": "Chinese"},
    "lang_en": {"zh": "英文", "en": "English"},
    "release_heading": {"zh": "{version}（{date}）", "en": "{version} ({date})"},
    "history": {"zh": "版本记录", "en": "Version history"},
    "first_published": {"zh": "首次发布", "en": "first published"},
    "last_changed": {"zh": "最近修改：{when}", "en": "Last changed: {when}"},
    "last_changed_unreleased": {"zh": "最近修改：待下一版本发布", "en": "Last changed: in the next release"},
    "unchanged_since": {"zh": "自{when}起未修改。", "en": "Unchanged since {when}."},
    # search (the search page, the header's search box and docs/assets/search.js)
    "search": {"zh": "搜索", "en": "Search"},
    "search_placeholder": {"zh": "搜索单位、城市、编号……", "en": "Search units, cities, ids…"},
    "search_hint": {
        "zh": "可输入单位名称或简称（如“发改委”）、城市、任务编号（如 2.2.1）或任何词语。",
        "en": "Type a unit's name or short form (such as “Commerce” or “DRC”), a city, a measure id (such as 2.2.1) "
        "or any words.",
    },
    "search_filters": {"zh": "筛选", "en": "Filters"},
    "search_form": {"zh": "搜索与筛选", "en": "Search and filters"},
    "search_unit": {"zh": "责任单位", "en": "Responsible unit"},
    "search_role": {"zh": "分工", "en": "Responsibility"},
    "search_role_any": {"zh": "牵头或配合", "en": "Lead or co-responsible"},
    "search_chapter": {"zh": "部分", "en": "Part"},
    "search_place": {"zh": "地点", "en": "Place"},
    "search_kind": {"zh": "页面类型", "en": "Page type"},
    "search_any": {"zh": "全部", "en": "Any"},
    "search_kind_pages_measure": {"zh": "任务", "en": "Measures"},
    "search_kind_pages_unit": {"zh": "责任单位", "en": "Responsible units"},
    "search_kind_pages_place": {"zh": "城市与区域", "en": "Cities and regions"},
    "search_kind_pages_targets": {"zh": "量化目标", "en": "Targets"},
    "search_kind_pages_chapter": {"zh": "方案各部分", "en": "Parts of the plan"},
    "search_noscript": {
        "zh": "搜索需要浏览器启用 JavaScript。不使用搜索，也可以从以下索引找到任何单位、地点和任务：",
        "en": "Search needs JavaScript. Without it, every unit, place and measure can be reached from these indexes:",
    },
    "search_results": {"zh": "{n}个结果", "en": "{n} results"},
    "search_none": {"zh": "没有找到结果。", "en": "No results."},
    "search_results_one": {"zh": "1个结果", "en": "1 result"},
    "search_did_you_mean": {"zh": "您是不是要找：", "en": "Did you mean: "},
    "search_showing_for": {"zh": "以下是“{q}”的结果。", "en": "Showing results for “{q}.”"},
    "search_instead": {"zh": "仍然搜索：", "en": "Search instead for: "},
    "search_some_words": {
        "zh": "没有页面同时包含所有词语，以下页面包含其中一部分。",
        "en": "No page has all of these words; these pages have some of them.",
    },
    "search_browse": {"zh": "也可以按责任单位或城市查找：", "en": "You can also look by responsible unit or by city: "},
    "search_glossary_link": {"zh": "在术语表中查看", "en": "See it in the glossary"},
    "search_filters_n": {"zh": "筛选（{n}）", "en": "Filters ({n})"},
    "search_more": {"zh": "显示更多结果", "en": "Show more results"},
    "search_all": {"zh": "全部结果与筛选", "en": "All results and filters"},
    "search_failed": {
        "zh": "搜索暂时无法使用，请从“责任单位”“城市与区域”或“目录与通知”页查找。",
        "en": "Search is unavailable; use the unit, place or contents index.",
    },
    "search_kind_measure": {"zh": "任务", "en": "Measure"},
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


def sentence_space(lang: str) -> str:
    """Between a sentence and what follows it (another sentence, a link, a note): nothing after a Chinese full stop,
    which carries its own space; a space in English."""
    return "" if lang == "zh" else " "


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
    """What changed, in words: the measure's aspects, or a registry record's fields (英文全称, English full name)."""
    if change.record == "measure":
        return t("list_sep", lang).join(t("aspect_" + f, lang) for f in change.fields)
    return t("list_sep", lang).join(field_words(f, lang) for f in change.fields)


_PARAGRAPH = re.compile(r"^paragraphs\[(\d+)\]$")


def field_words(field: str, lang: str) -> str:
    """A corrected field in a reader's words: text.en → 英文正文 / English text; paragraphs[0].text.zh → 第1段中文正文 /
    Chinese text of paragraph 1; notice.text.en → 印发通知的英文正文 / English text of the notice;
    name_en_source.note.zh → 英文名称出处的中文说明. A path this does not know is shown as it is."""
    parts = field.split(".")
    language = parts.pop() if parts[-1] in ("zh", "en") else ""
    para = _PARAGRAPH.match(parts[0]) if len(parts) > 1 else None
    if para:
        parts.pop(0)
    parts = [p.split("[")[0] for p in parts]  # members[0].note: a member's note
    *within, last = parts
    if not all("field_" + p in S for p in parts):
        return field
    what = t("field_note_of" if within and last == "note" else "field_" + last, lang)
    lang_word = t("field_lang_" + language, lang) if language else ""
    if lang == "zh":
        head = (t("field_paragraph", lang, n=int(para.group(1)) + 1) if para else "") + "的".join(
            t("field_" + p, lang) for p in within
        )
        return head + ("的" if within else "") + lang_word + what
    words = f"{lang_word} {what}".strip()
    words = words[0].upper() + words[1:]
    words += "".join(f" of the {t('field_' + p, lang)}" for p in reversed(within))
    return words + (" " + t("field_paragraph", lang, n=int(para.group(1)) + 1) if para else "")

/* Search that knows the plan. Loaded on the first focus of (or typing in) the header's search box, or at once on
   the search page (overrides/main.html); nothing is downloaded for search before that.
   - Entity hits come first, as direct links: units (with their short forms), places, ids, from
     search/entities.json (generated from plan/ by lnplan/searchentities.py, in this page's language). A glossary
     term the query names is shown as a definition card beside the results, not as one of them.
   - Then Pagefind's full-text results (its index is split by <html lang>: this page's language only), measures
     first among pages that match the query equally well.
   - A query that finds nothing as typed gets a suggestion from the entity list (edit distance), is retried with
     its words OR-ed, and ends with links to the unit and city lists.
   Text from the plan is only ever inserted with textContent. */

const header = document.getElementById("lp-search");
const BUNDLE = new URL(header.dataset.pagefind, location.href);   // <site root>/pagefind/
const SITE_ROOT = new URL("../", BUNDLE);                          // works under a sub-path too
const ENTITIES = new URL(header.dataset.entities, location.href);  // <language root>/search/entities.json
const LANG_ROOT = new URL("../", ENTITIES);
const PAGE_SIZE = 10;
const LIST_SIZE = 50;  // a filtered list without words, such as a unit's tasks
const RANKED = 10;     // full-text results loaded at once and ranked together (the header shows fewer)
const RANKED_SHORT = 30;  // the same for a query too short to be a phrase (one Han character): measures must lead
const LITTLE = 3;      // fewer results than this: retry with the words OR-ed
const SHOWN_ENTITIES = 5;
const KINDS = ["measure", "section", "target", "unit", "place", "term"];
const SMALL_WORDS = new Set(["of", "and", "the", "for", "in", "on", "to", "a"]);
const HAN = /\p{Script=Han}/u;

/* ---- loading ------------------------------------------------------------------------------------- */

let engine = null;
function load() {
  engine ??= Promise.all([
    import(new URL("pagefind.js", BUNDLE).href).then(async (pagefind) => {
      // No worker: one file fewer on the first search; the index is small enough for the main thread.
      await pagefind.options({ basePath: BUNDLE.pathname, baseUrl: SITE_ROOT.pathname, excerptLength: 24, noWorker: true });
      await pagefind.init();
      return pagefind;
    }),
    fetch(ENTITIES).then((r) => { if (!r.ok) throw new Error(`${ENTITIES}: ${r.status}`); return r.json(); }),
  ]).then(([pagefind, data]) => ({ pagefind, strings: data.strings, entities: data.entities.map(prepare) }));
  engine.catch(() => { engine = null; });
  return engine;
}

/* ---- entity matching ------------------------------------------------------------------------------- */

function norm(text) {
  return text.normalize("NFKC").toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, " ").replace(/(^|\s)\.+|\.+(?=\s|$)/g, "$1").trim();
}

function prepare([kind, url, label, names, note, definition]) {
  const forms = names.map((name) => { const n = norm(name); return { n, s: n.replace(/ /g, ""), han: HAN.test(n) }; });
  return { kind, url: new URL(url, LANG_ROOT).href, label, note: note || "", definition: definition || "", forms };
}

/* How well a query names an entity: 40 + 35 × (share of the query the name covers) + 25 × (share of the name the
   query covers), so 100 is the name itself (or a short form, an id). Three ways to match: the name is (most of)
   the query; the query is part of the name (the start of an id, a Chinese name, a name being typed); every word of
   an English query is a word of the name (the last one may be unfinished). */
const MOST = 0.7;
function score(q, form) {
  const qs = q.replace(/ /g, "");
  const mark = (byQuery, byName) => 40 + 35 * byQuery + 25 * byName;
  if (form.han || HAN.test(qs)) {
    if (form.s.length >= 2 && qs.includes(form.s) && form.s.length / qs.length >= MOST) return mark(form.s.length / qs.length, 1);
    if (qs.length >= 2 && form.s.includes(qs)) return mark(1, qs.length / form.s.length);
    return 0;
  }
  const asked = q.split(" ").filter((w) => !SMALL_WORDS.has(w));
  const words = form.n.split(" ");
  const named = words.filter((w) => !SMALL_WORDS.has(w));
  if (!asked.length) return 0;
  if (` ${q} `.includes(` ${form.n} `) && named.length / asked.length >= MOST) return mark(named.length / asked.length, 1);
  if (form.n.startsWith(`${q}.`)) return mark(1, q.length / form.n.length);  // the start of an id
  const last = asked.length - 1;
  const found = asked.every((w, i) => words.some((x) => x === w || (i === last && w.length >= 3 && x.startsWith(w))));
  return found ? mark(1, asked.join("").length / form.s.length) : 0;
}

function entityHits(entities, query) {
  const q = norm(query);
  if (!q) return [];
  const hits = [];
  entities.forEach((e, order) => {
    const best = Math.max(0, ...e.forms.map((f) => score(q, f)));
    if (best > 0) hits.push({ e, best, order });
  });
  if (!hits.length) return [];
  const top = Math.max(...hits.map((h) => h.best));
  return hits.filter((h) => h.best >= Math.max(60, top - 25))
    .sort((a, b) => b.best - a.best || KINDS.indexOf(a.e.kind) - KINDS.indexOf(b.e.kind) || a.e.label.length - b.e.label.length || a.order - b.order)
    .slice(0, SHOWN_ENTITIES).map((h) => ({ ...h.e, weak: h.best < STRONG }));
}
/* A hit below this names only part of the entity (营商环境 in 营商环境建设局): it follows a measure whose own words
   have the query, so that a topic query opens with the measure that acts on it. */
const STRONG = 90;

/* Optimal string alignment distance (Levenshtein with adjacent transpositions: Dalain → Dalian is one edit). */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2 = null;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], prev2[j - 2] + 1);
    }
    if (Math.min(...row) > limit) return limit + 1;
    [prev2, prev] = [prev, row];
  }
  return prev[b.length];
}

/* The entity name a mistyped query most likely meant: within one edit (two for longer names) of the query, as
   typed in this language (an English name on the English site, a Chinese one on the Chinese site). */
function suggestion(entities, query) {
  const q = norm(query).replace(/ /g, "");
  const han = HAN.test(q);
  if (q.length < (han ? 3 : 4)) return null;
  const limit = q.length >= (han ? 7 : 9) ? 2 : 1;
  let best = null;
  entities.forEach((e, order) => {
    for (const f of e.forms) {
      if (f.han !== han || f.s === q) continue;
      const d = distance(q, f.s, limit);
      if (d > limit) continue;
      const rank = d * 1e6 + KINDS.indexOf(e.kind) * 1e4 + order;
      if (!best || rank < best.rank) best = { rank, name: f.n, e };
    }
  });
  return best && { query: best.e.kind === "measure" || best.e.kind === "target" ? best.name : displayName(best.e, best.name), e: best.e };
}

function displayName(e, name) {
  return norm(e.label) === name ? e.label : name;  // the label as the plan writes it, when that is the name found
}

/* ---- one search ------------------------------------------------------------------------------------ */

function pagefindFilters(v) {
  const f = {};
  if (v.unit) {
    if (v.role === "lead" || v.role === "co") f[v.role] = v.unit;
    else f.any = [{ lead: v.unit }, { co: v.unit }];
  }
  for (const k of ["chapter", "place", "kind"]) if (v[k]) f[k] = v[k];
  return f;
}

/* Chinese is written without spaces; the index holds it cut into words. Pagefind (1.4) takes a run of Chinese as
   one word and, if the index lacks it, the longest start of it that it holds (营商环境 → 营商): every page with the
   phrase is found, with others. Cut into words first (营商 环境), it finds the pages with all of them, unless the
   browser cuts differently from the index (自贸 试验区 against 自 贸 试验区). So both are asked, the cut query
   first. A single character is joined to its neighbour: alone it would match every word that starts with it. */
function segmented(query) {
  if (!HAN.test(query) || typeof Intl.Segmenter !== "function") return null;
  const words = [...new Intl.Segmenter("zh", { granularity: "word" }).segment(query)].filter((s) => s.isWordLike).map((s) => s.segment);
  const out = [];
  let carry = "";
  for (const w of words) {
    const word = carry + w;
    carry = "";
    if (word.length === 1 && HAN.test(word)) { carry = word; continue; }
    out.push(word);
  }
  if (carry) { if (out.length) out[out.length - 1] += carry; else out.push(carry); }
  const cut = out.join(" ");
  return cut !== query.trim() ? cut : null;
}

/* The words of a query, for an OR-ed retry when all of them together find little. */
function words(query) {
  const cut = segmented(query) || query;
  return [...new Set(cut.split(/\s+/).filter((w) => w && !SMALL_WORDS.has(w.toLowerCase())))];
}

async function fullText(pagefind, query, filters) {
  const asked = [segmented(query), query].filter(Boolean);
  const found = await Promise.all(asked.map((q) => pagefind.search(q, { filters })));
  return merged(found.map((f) => (f ? f.results : [])));
}

function merged(lists) {
  const seen = new Set();
  const out = [];
  for (const list of lists) for (const r of list) if (!seen.has(r.id)) { seen.add(r.id); out.push(r); }
  return out;
}

/* Pages with any of the words, those with more of them first. */
async function anyWord(pagefind, query, filters) {
  const terms = words(query);
  if (terms.length < 2) return [];
  const found = await Promise.all(terms.map((w) => pagefind.search(w, { filters })));
  const by = new Map();
  for (const f of found) for (const r of f ? f.results : []) {
    const x = by.get(r.id) || { r, n: 0, score: 0 };
    x.n += 1;
    x.score += r.score;
    by.set(r.id, x);
  }
  return [...by.values()].sort((a, b) => b.n - a.n || b.score - a.score).map((x) => x.r);
}

/* Runs a search; returns {entities, definition, note, total(), more(), next(n)}: next(n) loads the following n
   full-text results (a page already shown as an entity hit is not shown twice, nor counted). */
async function search(values) {
  const { pagefind, strings, entities } = await load();
  const filters = pagefindFilters(values);
  const filtered = Object.keys(filters).length > 0;
  const asked = (values.q || "").trim();
  if (!asked && !filtered) return { strings, entities: [], definition: null, note: null, total: () => 0, more: () => false, next: async () => [] };
  if (!asked) return pager((await pagefind.search(null, { filters, sort: { order: "asc" } })).results, "", [], null, strings);
  let s = { query: asked, results: await fullText(pagefind, asked, filters), hits: filtered ? [] : entityHits(entities, asked), note: null };
  if (!filtered && !s.hits.length) s = await corrected(s, pagefind, entities, filters, values.verbatim);
  if (s.results.length < LITTLE) {
    const some = await anyWord(pagefind, s.query, filters);
    if (some.length > s.results.length) {
      if (!s.results.length) s.note ??= { kind: "some" };  // no page has all the words
      s.results = merged([s.results, some]);
    }
  }
  return pager(s.results, s.query, s.hits, s.note, strings);
}

/* A query that names no entity but is one or two edits from one: if the words as typed are on no page, search for
   what was meant instead (as a search engine does, with a way back); otherwise only suggest it. */
async function corrected(s, pagefind, entities, filters, verbatim) {
  const guess = suggestion(entities, s.query);
  if (!guess) return s;
  const asTyped = await Promise.all(s.results.slice(0, RANKED).map((r) => r.data()));
  if (verbatim || asTyped.some((p) => hasPhrase(p.content, s.query))) return { ...s, note: { kind: "suggest", query: guess.query } };
  return { query: guess.query, results: await fullText(pagefind, guess.query, filters), hits: entityHits(entities, guess.query),
           note: { kind: "corrected", query: guess.query, typed: s.query } };
}

/* The results of a search as the page shows them: entity hits (a glossary term apart, as the definition), then
   the full-text results, loaded and ranked a batch at a time. */
function pager(results, query, found, note, strings) {
  const definition = found.find((e) => e.kind === "term") || null;
  const hits = found.filter((e) => e.kind !== "term");
  const seen = new Set(hits.map((e) => e.url));
  let position = 0;  // results loaded so far
  const queue = [];  // loaded and ranked, not yet shown
  let twice = 0;
  const next = async (n) => {
    while (queue.length < n && position < results.length) {
      const first = isPhrase(query) ? RANKED : RANKED_SHORT;
      const batch = results.slice(position, position + Math.max(n, position ? 0 : first));
      position += batch.length;
      const pages = await Promise.all(batch.map((r) => r.data()));
      if (query) rank(pages, query);
      for (const p of pages) {
        const url = new URL(p.url, location.href).href;
        if (seen.has(url)) { twice += 1; continue; }
        seen.add(url);
        const named = (p.filters.kind || []).includes("measure") && hasPhrase(ownWords(p, strings), query);
        queue.push({ url, title: p.meta.title || url, excerpt: excerpt(p, query), named });
      }
    }
    return queue.splice(0, n);
  };
  const total = () => hits.length + results.length - twice;
  return { strings, entities: hits, definition, note, total, more: () => queue.length > 0 || position < results.length, next };
}

/* Pagefind ranks words, not phrases, and every kind of page alike. Of the pages loaded together, those with the
   query as typed come first (in their title before only in their text), and among equals a measure (what the
   plan does) before the pages that list measures. A single character is no phrase: there measures simply lead. */
function isPhrase(query) {
  return [...query.replace(/\s/g, "")].length >= (HAN.test(query) ? 2 : 3);
}

function rank(pages, query) {
  const phrase = isPhrase(query);
  const key = (p) => {
    const measure = (p.filters.kind || []).includes("measure") ? 1 : 0;
    if (!phrase) return measure;
    return 4 * hasPhrase(p.meta.title, query) + 2 * hasPhrase(p.content, query) + measure;
  };
  const order = new Map(pages.map((p, i) => [p, i]));
  pages.sort((a, b) => key(b) - key(a) || order.get(a) - order.get(b));
}

/* A measure's own words: its title and text, before the list of units responsible for it (which starts with the
   label of the lead unit). */
function ownWords(p, strings) {
  const at = p.content.indexOf(strings.lead);
  return `${p.meta.title} ${at > 0 ? p.content.slice(0, at) : p.content}`;
}

/* Text as words for comparing: lower case, punctuation as spaces, a plural -s dropped (integrated circuits is
   integrated circuit). Chinese is compared without spaces. */
function flat(text) {
  const w = text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ")
    .map((x) => (x.length > 3 && x.endsWith("s") && !x.endsWith("ss") ? x.slice(0, -1) : x));
  return ` ${w.join(" ")} `;
}

function hasPhrase(content, query) {
  if (!query || !content) return false;
  const q = flat(query);
  return HAN.test(q) ? flat(content).replace(/ /g, "").includes(q.replace(/ /g, "")) : flat(content).includes(q);
}

/* ---- excerpts ------------------------------------------------------------------------------------- */

/* Pagefind joins a heading and the text after it with ". ", which in Chinese is no punctuation at all. */
const GLUE = /([\p{Script=Han}\u3000-\u303f\uff00-\uffef”’》])\. /gu;

/* An excerpt from the page's own text: around the first place the query (or one of its words) occurs, without
   the title the result already shows; the query's words marked. [{text, mark}] */
function excerpt(p, query) {
  const title = (p.meta.title || "").trim();
  let text = (p.content || "").replace(GLUE, "$1 ").trim();
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.\s]+/, "");
  const han = HAN.test(query) || HAN.test(text.slice(0, 200));
  if (!text) return [];
  const terms = query ? [query.trim(), ...words(query)].filter((w) => w.length >= (HAN.test(w) ? 1 : 3)) : [];
  const at = terms.map((w) => find(text, w)).filter((i) => i >= 0);
  const start = at.length ? Math.max(0, Math.min(...at) - (han ? 20 : 60)) : 0;
  const length = han ? 90 : 220;
  let from = start;
  if (!han && from > 0) from = text.indexOf(" ", from) + 1 || from;
  let to = Math.min(text.length, from + length);
  if (!han && to < text.length) to = text.lastIndexOf(" ", to) > from ? text.lastIndexOf(" ", to) : to;
  const piece = (from > 0 ? "…" : "") + text.slice(from, to).trim() + (to < text.length ? "…" : "");
  return marked(piece, terms);
}

function find(text, word) {
  const w = stem(word.toLowerCase());
  if (HAN.test(w)) return text.toLowerCase().indexOf(w);
  const m = new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "iu").exec(text);
  return m ? m.index : -1;
}

function stem(word) {
  return !HAN.test(word) && word.length > 4 && word.endsWith("s") ? word.slice(0, -1) : word;
}

function marked(text, terms) {
  const alts = [...new Set(terms.map((w) => stem(w.toLowerCase())))].sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!alts.length) return [{ text, mark: false }];
  const re = new RegExp(HAN.test(alts.join("")) ? `(${alts.join("|")})` : `\\b(${alts.join("|")})\\w*`, "giu");
  const out = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), mark: false });
    out.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false });
  return out;
}

/* ---- rendering (textContent only) ----------------------------------------------------------------- */

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function link(href, text, cls = "") {
  const a = el("a", cls, text);
  a.href = href;
  return a;
}

function entityItem(e, strings) {
  const li = el("li", "lp-hit lp-hit--entity");
  const title = el("p", "lp-hit__title");
  title.append(link(e.url, e.label));
  const meta = el("p", "lp-hit__meta");
  meta.append(el("span", "lp-hit__kind", strings[`search_kind_${e.kind}`]));
  if (e.note) meta.append(" ", el("span", "", e.note));
  li.append(title, meta);
  return li;
}

function pageItem(p) {
  const li = el("li", "lp-hit");
  const title = el("p", "lp-hit__title");
  title.append(link(p.url, p.title));
  li.append(title);
  if (p.excerpt.length) {
    const x = el("p", "lp-hit__excerpt");
    for (const part of p.excerpt) x.append(part.mark ? el("mark", "", part.text) : document.createTextNode(part.text));
    li.append(x);
  }
  return li;
}

/* A glossary term the query names: its name in both languages and its definition, beside the results. */
function definitionCard(e, strings) {
  const card = el("aside", "lp-define");
  card.setAttribute("aria-label", strings.search_kind_term);
  const head = el("p", "lp-define__term");
  head.append(el("span", "lp-hit__kind", strings.search_kind_term), " ", el("strong", "", e.label));
  if (e.note) head.append(" ", el("span", "lp-define__other", e.note));
  card.append(head);
  if (e.definition) card.append(el("p", "lp-define__text", e.definition));
  const more = el("p", "lp-define__more");
  more.append(link(e.url, strings.search_glossary_link));
  card.append(more);
  return card;
}

function searchAddress(q, extra = "") {
  const form = page || header;
  return `${form === page ? location.pathname : header.action}?q=${encodeURIComponent(q)}${extra}`;
}

/* What the status line says besides the count: a suggestion, a corrected query, OR-ed words. */
function noteLine(note, strings) {
  const p = el("p", "lp-search-note");
  if (note.kind === "suggest") {
    p.append(strings.search_did_you_mean, link(searchAddress(note.query), note.query, "lp-search-note__q"));
  } else if (note.kind === "corrected") {
    p.append(strings.search_showing_for.replace("{q}", note.query), " ", strings.search_instead,
      link(searchAddress(note.typed, "&verbatim=1"), note.typed));
  } else {
    p.append(strings.search_some_words);
  }
  return p;
}

function browseLine(strings) {
  const p = el("p", "lp-search-note");
  p.append(strings.search_browse, link(new URL("units/", LANG_ROOT).href, strings.nav_units), " · ",
    link(new URL("places/", LANG_ROOT).href, strings.nav_places));
  return p;
}

function countText(n, strings) {
  if (!n) return strings.search_none;
  return n === 1 ? strings.search_results_one : strings.search_results.replace("{n}", n);
}

/* Renders a search into `box` (its status line into `status`): notes, entity hits and full-text results, `size`
   at a time (with a button for more if `more`), then a definition card. data-state="done" and data-query tell when
   a query's first results are shown. */
let generation = 0;
async function show(values, box, status, size, more = true) {
  const mine = ++generation;
  box.dataset.state = "loading";
  try {
    if (engine === null) status.textContent = "…";
    const s = await search(values);
    if (mine !== generation) return;
    if (!values.q && !Object.values(values).some(Boolean)) {
      box.replaceChildren();
      status.textContent = "";
    } else {
      const list = el("ol", "lp-hits");
      const first = await s.next(size);
      if (mine !== generation) return;
      // An entity the query names only in part follows a measure whose own words have the query (营商环境:
      // measure 7.1 before 省营商局, the 营商环境建设局; rural revitalization: the administration first, as no
      // measure's text has the words).
      const lead = first.length && first[0].named ? 1 : 0;
      const strong = s.entities.filter((e) => !e.weak || !lead);
      const weak = s.entities.filter((e) => e.weak && lead);
      list.append(...strong.map((e) => entityItem(e, s.strings)), ...first.slice(0, lead).map(pageItem),
        ...weak.map((e) => entityItem(e, s.strings)), ...first.slice(lead).map(pageItem));
      const parts = [];
      if (s.note) parts.push(noteLine(s.note, s.strings));
      if (list.children.length) parts.push(list);
      if (s.definition) parts.push(definitionCard(s.definition, s.strings));  // after the results in reading order
      if (!s.total()) parts.push(browseLine(s.strings));
      box.replaceChildren(...parts);
      status.textContent = countText(s.total(), s.strings);
      if (more && s.more()) box.append(moreButton(s, box, list, size));
    }
  } catch (err) {
    if (mine !== generation) return;
    box.replaceChildren();
    status.textContent = header.dataset.failed;
    console.warn(err);
  }
  box.dataset.query = values.q || "";
  box.dataset.state = "done";
}

function moreButton(s, box, list, size) {
  const button = el("button", "md-button lp-hits__more", s.strings.search_more);
  button.type = "button";
  button.addEventListener("click", async () => {
    if (box.dataset.state === "loading") return;
    box.dataset.state = "loading";
    const items = (await s.next(size)).map(pageItem);
    list.append(...items);
    if (items.length) items[0].querySelector("a").focus();
    if (!s.more()) button.remove();
    box.dataset.state = "done";
  });
  return button;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

/* ---- the search page: search/?q=…&unit=…&role=…&chapter=…&place=…&kind=… ------------------------------ */

const page = document.querySelector("form.lp-searchpage");
const headerInput = header.elements.q;

function pageValues() {
  const v = {};
  for (const field of page.elements) if (field.name) v[field.name] = field.value.trim();
  return v;
}

/* On a narrow screen the filters fold into one button that says how many are set. */
function filtersToggle() {
  const button = page.querySelector(".lp-filters__toggle");
  const set = page.querySelector(".lp-filters");
  if (!button || !set) return () => {};
  page.classList.add("lp-searchpage--folding");
  button.hidden = false;
  const count = () => {
    const n = [...set.querySelectorAll("select")].filter((s) => s.value).length;
    button.textContent = n ? button.dataset.labelN.replace("{n}", n) : button.dataset.label;
  };
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    set.classList.toggle("lp-filters--open", open);
  });
  count();
  return count;
}

if (page) {
  const box = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  const params = new URLSearchParams(location.search);
  for (const field of page.elements) if (field.name && params.has(field.name)) field.value = params.get(field.name);
  const verbatim = params.get("verbatim") === "1";
  headerInput.value = page.elements.q.value;
  const count = filtersToggle();
  let typed = page.elements.q.value;
  const run = () => {
    const v = pageValues();
    const address = new URLSearchParams(Object.entries(v).filter(([, value]) => value));
    if (verbatim && v.q === typed) { v.verbatim = true; address.set("verbatim", "1"); }
    history.replaceState(null, "", `${location.pathname}${address.size ? "?" + address : ""}`);
    count();
    show(v, box, status, v.q ? PAGE_SIZE : LIST_SIZE);
  };
  // Typing searches once the reader pauses; a filter searches when it changes (a select fires "input" and
  // "change" both, and answering both would draw its results twice).
  const typing = debounce(() => { typed = null; run(); }, 200);
  page.addEventListener("input", (event) => { if (event.target.tagName !== "SELECT") typing(); });
  page.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") run(); });
  page.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  // The header's box types into this page's search.
  headerInput.addEventListener("input", debounce(() => { typed = null; page.elements.q.value = headerInput.value; run(); }, 200));
  header.addEventListener("submit", (event) => { event.preventDefault(); page.elements.q.value = headerInput.value; run(); });
  run();
  if (!page.elements.q.value) page.elements.q.focus();
} else {
  headerPanel();
}

/* ---- the header's box elsewhere: the same results in place, and a link to the search page ----------- */

function headerPanel() {
  const panel = document.getElementById("lp-search-panel");
  const status = el("p", "lp-search__status");
  status.setAttribute("role", "status");
  const box = el("div", "lp-search__results");
  const all = el("a", "lp-search__all");
  const foot = el("p", "lp-search__foot");
  foot.append(all);
  panel.append(status, box, foot);
  let dismissed = false;  // Escape closes the results until the reader types again
  const close = () => { panel.hidden = true; };
  const run = () => {
    const q = headerInput.value.trim();
    if (!q) { close(); generation++; return; }
    panel.hidden = false;
    all.href = `${header.action}?q=${encodeURIComponent(q)}`;
    show({ q }, box, status, 6, false).then(() => {
      if (engine) engine.then((e) => { all.textContent = e.strings.search_all; }).catch(() => {});
    });
  };
  headerInput.addEventListener("input", () => { dismissed = false; });
  headerInput.addEventListener("input", debounce(run, 150));
  headerInput.addEventListener("focus", () => { if (!dismissed && headerInput.value.trim()) run(); });
  load().catch(() => {});  // the reader has started a search: fetch the engine while they type
  const links = () => [...panel.querySelectorAll("a")];
  header.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { dismissed = true; close(); headerInput.focus(); return; }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const list = links();
    if (panel.hidden || !list.length) return;
    const at = list.indexOf(document.activeElement);
    const to = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (to < 0) headerInput.focus();
    else list[Math.min(to, list.length - 1)].focus();
  });
  header.addEventListener("focusout", (event) => { if (!header.contains(event.relatedTarget)) close(); });
  if (headerInput.value.trim()) run();
}

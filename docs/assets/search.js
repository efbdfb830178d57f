/* Search that knows the plan. Loaded on the first focus of (or typing in) the header's search box, or at once on
   the search page (overrides/main.html); nothing is downloaded for search before that.
   - Entity hits come first, as direct links: units (with their short forms), places, ids, glossary terms, from
     search/entities.json (generated from plan/ by lnplan/searchindex.py, in this page's language).
   - Then Pagefind's full-text results (its index is split by <html lang>: this page's language only).
   Text from the plan is only ever inserted with textContent. */

const header = document.getElementById("lp-search");
const BUNDLE = new URL(header.dataset.pagefind, location.href);   // <site root>/pagefind/
const SITE_ROOT = new URL("../", BUNDLE);                          // works under a sub-path too
const ENTITIES = new URL(header.dataset.entities, location.href);  // <language root>/search/entities.json
const LANG_ROOT = new URL("../", ENTITIES);
const PAGE_SIZE = 10;
const LIST_SIZE = 50;  // a filtered list without words, such as a unit's tasks
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

function prepare([kind, url, label, names, note]) {
  const forms = names.map((name) => { const n = norm(name); return { n, s: n.replace(/ /g, ""), han: HAN.test(n) }; });
  return { kind, url: new URL(url, LANG_ROOT).href, label, note: note || "", forms };
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
    .slice(0, SHOWN_ENTITIES).map((h) => h.e);
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

/* Runs a search; returns {entities, total(), more(), next(n)}: next(n) loads the following n full-text results
   (a page already shown as an entity hit is not shown twice, nor counted). */
async function search(values) {
  const { pagefind, strings, entities } = await load();
  const query = (values.q || "").trim();
  const filters = pagefindFilters(values);
  const filtered = Object.keys(filters).length > 0;
  if (!query && !filtered) return { strings, entities: [], total: () => 0, more: () => false, next: async () => [] };
  const hits = filtered ? [] : entityHits(entities, query);
  const seen = new Set(hits.map((e) => e.url));
  const found = query ? await pagefind.search(query, { filters }) : await pagefind.search(null, { filters, sort: { order: "asc" } });
  const results = found ? found.results : [];
  let position = 0;
  let twice = 0;
  const next = async (n) => {
    const batch = results.slice(position, position + n);
    position += batch.length;
    const pages = await Promise.all(batch.map((r) => r.data()));
    const out = [];
    // Pagefind ranks words, not phrases: of the pages loaded, those with the words as typed, together, go first,
    // in their title before in their text.
    const phrase = (p) => 2 * hasPhrase(p.meta.title, query) + hasPhrase(p.content, query);
    pages.sort((a, b) => phrase(b) - phrase(a));
    for (const p of pages) {
      const url = new URL(p.url, location.href).href;
      if (seen.has(url)) { twice += 1; continue; }
      seen.add(url);
      out.push({ url, title: p.meta.title || url, excerpt: p.excerpt });
    }
    return out;
  };
  const total = () => hits.length + results.length - twice;
  return { strings, entities: hits, total, more: () => position < results.length, next };
}

function flat(text) {
  return ` ${text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
}

function hasPhrase(content, query) {
  if (!query || !content) return false;
  const q = flat(query);
  return HAN.test(q) ? flat(content).replace(/ /g, "").includes(q.replace(/ /g, "")) : flat(content).includes(q);
}

/* ---- rendering (textContent only) ----------------------------------------------------------------- */

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

/* Pagefind's excerpt is the page's text (escaped) with <mark> around the words found. Parsed inertly; only its
   text and its marks are kept. */
function excerpt(html) {
  const p = el("p", "lp-hit__excerpt");
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  for (const node of doc.body.childNodes) {
    p.append(node.nodeName === "MARK" ? el("mark", "", node.textContent) : document.createTextNode(node.textContent));
  }
  return p;
}

function entityItem(e, strings) {
  const li = el("li", "lp-hit lp-hit--entity");
  const title = el("p", "lp-hit__title");
  const a = el("a", "", e.label);
  a.href = e.url;
  title.append(a);
  const meta = el("p", "lp-hit__meta");
  meta.append(el("span", "lp-hit__kind", strings[`search_kind_${e.kind}`]));
  if (e.note) meta.append(" ", el("span", "", e.note));
  li.append(title, meta);
  return li;
}

function pageItem(p) {
  const li = el("li", "lp-hit");
  const title = el("p", "lp-hit__title");
  const a = el("a", "", p.title);
  a.href = p.url;
  title.append(a);
  li.append(title);
  if (p.excerpt) li.append(excerpt(p.excerpt));
  return li;
}

/* Renders a search into `box` (its status line into `status`): entity hits, then full-text results, `size` at a
   time (with a button for more if `more`). data-state="done" and data-query tell when a query's first results are
   shown. */
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
      list.append(...s.entities.map((e) => entityItem(e, s.strings)));
      const first = await s.next(size);
      if (mine !== generation) return;
      list.append(...first.map(pageItem));
      box.replaceChildren(list);
      status.textContent = s.total() ? s.strings.search_results.replace("{n}", s.total()) : s.strings.search_none;
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

if (page) {
  const box = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  const params = new URLSearchParams(location.search);
  for (const field of page.elements) if (field.name && params.has(field.name)) field.value = params.get(field.name);
  headerInput.value = page.elements.q.value;
  const run = () => {
    const v = pageValues();
    const address = new URLSearchParams(Object.entries(v).filter(([, value]) => value));
    history.replaceState(null, "", `${location.pathname}${address.size ? "?" + address : ""}`);
    show(v, box, status, v.q ? PAGE_SIZE : LIST_SIZE);
  };
  page.addEventListener("input", debounce(run, 200));
  page.addEventListener("change", run);
  page.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  // The header's box types into this page's search.
  headerInput.addEventListener("input", debounce(() => { page.elements.q.value = headerInput.value; run(); }, 200));
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

/* Kennisbank search: the header search and the search page with facets, both on
   Pagefind's JavaScript API (Dutch stemming; the index is fetched in chunks). */
(function () {
  "use strict";

  var configElement = document.getElementById("__config");
  var siteBase = new URL((configElement ? JSON.parse(configElement.textContent).base : ".") + "/", location.href);
  var pagefind = null;

  // A large site's index comes in parts (macros/search_index.py): pagefind/delen.json names the
  // folders of the parts after the first, and Pagefind merges their results with the first one's.
  function loadPagefind() {
    if (!pagefind) {
      var indexBase = new URL("pagefind/", siteBase);
      var parts = fetch(new URL("delen.json", indexBase)).then(function (response) {
        if (!response.ok) throw new Error("delen.json: " + response.status);
        return response.json();
      });
      pagefind = Promise.all([import(new URL("pagefind.js", indexBase).href), parts]).then(function (loaded) {
        var module = loaded[0];
        var folders = loaded[1].filter(function (folder) { return /^deel-[0-9]+\/$/.test(folder); });
        return module.options({ baseUrl: siteBase.pathname }).then(function () {
          module.init();
          return Promise.all(folders.map(function (folder) {
            return module.mergeIndex(new URL(folder, indexBase).pathname, { baseUrl: siteBase.pathname });
          }));
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text != null) node.textContent = text;
    return node;
  }

  /* Pagefind excerpts mark hits with <mark>; keep only text and <mark>, never other markup. */
  function excerptNode(html) {
    var out = el("p");
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") out.appendChild(el("mark", {}, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  /* Titles come from the page's <h1>, which ends in the heading permalink (an invisible soft hyphen). */
  function cleanTitle(text) { return String(text || "").replace(/[\u00ad¶]/g, "").trim(); }

  /* One result: the title (a heading, above and larger than the snippet), then the type and
     province as labels, then the page summary (from the page's own metadata) or, for pages
     without one, Pagefind's excerpt with the hits marked. */
  function resultItem(data, facets) {
    var meta = data.meta || {};
    var li = el("li", { class: "md-search-result__item" });
    var link = el("a", { href: data.url, class: "md-search-result__link" });
    var article = el("article", { class: "md-search-result__article md-typeset" });
    article.appendChild(el("h2", { class: "kb-zoekresultaat__titel" }, cleanTitle(meta.title || data.url)));
    var labels = facets ? [].concat(facets.type || [], facets.provincie || [])
      : [meta.soort].concat(meta.provincie ? meta.provincie.split(", ") : []).filter(Boolean);
    if (labels.length) {
      var badges = el("p", { class: "kb-zoekresultaat__kenmerken" });
      labels.forEach(function (value) { badges.appendChild(el("span", { class: "kb-label" }, value)); });
      article.appendChild(badges);
    }
    var summary = data.summary || meta.samenvatting;
    var snippet = summary ? el("p", {}, summary) : excerptNode(data.excerpt || "");
    snippet.classList.add("kb-zoekresultaat__samenvatting");
    article.appendChild(snippet);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function countText(n) {
    return n === 0 ? "Geen resultaten" : n === 1 ? "1 resultaat" : n + " resultaten";
  }

  /* ---------------------------------------------------------------- header search */
  function headerSearch() {
    var box = document.querySelector("[data-kb-zoeken]");
    if (!box || box.dataset.kbReady) return;
    box.dataset.kbReady = "1";
    var input = box.querySelector("[data-kb-zoekveld]");
    var list = box.querySelector("#kb-zoekresultaten");
    var status = box.querySelector("#kb-zoekstatus");
    var toggle = document.getElementById("__search");
    var form = box.querySelector("form");
    var more = box.querySelector(".kb-zoek-meer a");
    var moreBase = more ? more.getAttribute("href") : null;
    var timer = null, latest = 0;

    /* The link to the search page carries the query, so the reader does not type it again. */
    function updateMore() {
      if (!more) return;
      var query = input.value.trim();
      more.setAttribute("href", moreBase + (query ? "?q=" + encodeURIComponent(query) : ""));
    }

    function open() { if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); } }
    function close() { if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); } }

    function run() {
      var query = input.value.trim(), ticket = ++latest;
      updateMore();
      if (!query) { list.replaceChildren(); status.textContent = "Typ om te zoeken"; return; }
      status.textContent = "Zoeken…";
      loadPagefind().then(function (pf) { return pf.debouncedSearch ? pf.search(query) : pf.search(query); })
        .then(function (search) {
          if (ticket !== latest || !search) return null;
          return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }))
            .then(function (data) { return { total: search.results.length, data: data }; });
        })
        .then(function (found) {
          if (!found || ticket !== latest) return;
          list.replaceChildren.apply(list, found.data.map(function (d) { return resultItem(d, null); }));
          status.textContent = countText(found.total) + (found.total > 10 ? " (de eerste 10 staan hieronder)" : "");
        })
        .catch(function () { status.textContent = "Zoeken is nu niet beschikbaar."; });
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", function () { open(); clearTimeout(timer); timer = setTimeout(run, 120); });
    form.addEventListener("reset", function () { setTimeout(function () { input.value = ""; run(); input.focus(); }, 0); });
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { close(); input.blur(); }
      else if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
      else if (event.key === "ArrowUp" && at >= 0) { event.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
    });
    list.addEventListener("click", function (event) { if (event.target.closest("a")) close(); });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault(); open(); input.focus();
      }
    });
  }

  /* ---------------------------------------------------------------- search page */
  /* Facets come from assets/zoekfacetten.json (written by the build from the index);
     Pagefind supplies the full-text matches, which are then filtered by page URL. */
  var FACETS = [["type", "Type"], ["provincie", "Provincie"], ["categorie", "Categorie"], ["rol", "Rol"], ["jaar", "Jaar"]];
  var facetData = null;

  function loadFacets() {
    if (!facetData) {
      facetData = fetch(new URL("assets/zoekfacetten.json", siteBase)).then(function (r) { return r.json(); });
    }
    return facetData;
  }

  function pathOf(url) {
    var path = new URL(url, siteBase).pathname;
    return path.indexOf(siteBase.pathname) === 0 ? path.slice(siteBase.pathname.length) : path;
  }

  function matches(facets, chosen) {
    return Object.keys(chosen).every(function (name) { return (facets[name] || []).indexOf(chosen[name]) >= 0; });
  }

  /* The page's form is built at once (fields with "Alle"), so nothing moves when the facet
     file arrives; on a phone the results follow the search field and the facets open
     behind a "Filters" button. Facet counts follow the query: each counts the results of
     the query that also match the other chosen facets. */
  function searchPage() {
    var page = document.querySelector("[data-kb-zoekpagina]");
    if (!page || page.dataset.kbReady) return;
    page.dataset.kbReady = "1";
    page.replaceChildren();
    var params = new URLSearchParams(location.search);
    var form = el("form", { class: "kb-zoekformulier", role: "search", "aria-label": "Zoeken met filters" });
    var row = el("div", { class: "kb-zoekformulier__regel" });
    var termWrap = el("p", { class: "kb-filter__veld kb-zoekformulier__term" });
    termWrap.appendChild(el("label", { for: "kb-zoekterm" }, "Zoekterm"));
    var term = el("input", { type: "search", id: "kb-zoekterm", name: "q", autocomplete: "off" });
    term.value = params.get("q") || "";
    termWrap.appendChild(term);
    row.appendChild(termWrap);
    var toggle = el("button", { type: "button", class: "md-button kb-zoekformulier__filterknop",
                                "aria-expanded": "false", "aria-controls": "kb-zoekfilters" }, "Filters");
    row.appendChild(toggle);
    form.appendChild(row);
    var facetBox = el("div", { class: "kb-filter", id: "kb-zoekfilters", "data-dicht": "" });
    form.appendChild(facetBox);
    var status = el("p", { class: "kb-filter__status", role: "status", "aria-live": "polite" }, "Zoeken…");
    var list = el("ol", { class: "kb-zoekresultaten", "aria-label": "Zoekresultaten" });
    page.appendChild(form); page.appendChild(status); page.appendChild(list);

    var selects = {};
    FACETS.forEach(function (facet) {
      var wrap = el("p", { class: "kb-filter__veld" });
      wrap.appendChild(el("label", { for: "kb-facet-" + facet[0] }, facet[1]));
      var select = el("select", { id: "kb-facet-" + facet[0], name: facet[0] });
      select.appendChild(el("option", { value: "" }, "Alle"));
      var wanted = params.get(facet[0]);
      if (wanted) { select.appendChild(el("option", { value: wanted }, wanted)); select.value = wanted; }
      select.addEventListener("change", run);
      selects[facet[0]] = select;
      wrap.appendChild(select);
      facetBox.appendChild(wrap);
    });
    function chosenCount() { return Object.keys(selects).filter(function (n) { return selects[n].value; }).length; }
    function toggleLabel() { var n = chosenCount(); toggle.textContent = n ? "Filters (" + n + ")" : "Filters"; }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      if (open) facetBox.removeAttribute("data-dicht"); else facetBox.setAttribute("data-dicht", "");
    });
    toggleLabel();

    var timer = null, latest = 0, LIMIT = 50;
    term.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });

    /* Every page the query finds, in rank order: the counts need every hit. The fragments are
       small and fetched at once (Pagefind caches them), not in rounds. */
    function queryPaths(pf, query) {
      return pf.search(query).then(function (search) {
        return Promise.all(search.results.map(function (r) { return r.data(); }));
      }).then(function (results) {
        return results.map(function (d) { return { path: pathOf(d.url), data: d }; });
      });
    }

    /* Options of every facet with counts over the current hits that match the other chosen facets. */
    function updateFacets(data, hits, chosen) {
      FACETS.forEach(function (facet) {
        var name = facet[0], others = {}, counts = {}, all = {};
        Object.keys(chosen).forEach(function (other) { if (other !== name) others[other] = chosen[other]; });
        Object.keys(data.paginas).forEach(function (path) {
          (data.paginas[path].facetten[name] || []).forEach(function (value) { all[value] = true; });
        });
        hits.forEach(function (hit) {
          var facets = hit.facets;
          if (!matches(facets, others)) return;
          (facets[name] || []).forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
        var select = selects[name], keep = chosen[name] || "";
        select.replaceChildren(el("option", { value: "" }, "Alle"));
        Object.keys(all).sort(function (a, b) { return a.localeCompare(b, "nl", { numeric: true }); }).forEach(function (value) {
          var n = counts[value] || 0;
          var option = el("option", { value: value }, value + " (" + n + ")");
          if (!n && value !== keep) option.disabled = true;
          select.appendChild(option);
        });
        select.value = all[keep] ? keep : "";
      });
    }

    function run() {
      var ticket = ++latest, chosen = {}, query = term.value.trim();
      Object.keys(selects).forEach(function (name) { if (selects[name].value) chosen[name] = selects[name].value; });
      toggleLabel();
      var url = new URL(location.href);
      url.search = "";
      if (query) url.searchParams.set("q", query);
      Object.keys(chosen).forEach(function (name) { url.searchParams.set(name, chosen[name]); });
      history.replaceState(history.state, "", url);
      status.textContent = "Zoeken…";
      loadFacets().then(function (data) {
        if (!query) {
          /* Without a search term: every page, in title order; the facets narrow it. */
          var paths = Object.keys(data.paginas).sort(function (a, b) {
            return data.paginas[a].titel.localeCompare(data.paginas[b].titel, "nl");
          });
          return { data: data, hits: paths.map(function (path) {
            var info = data.paginas[path];
            return { path: path, facets: info.facetten,
                     data: { url: new URL(path, siteBase).href, meta: { title: info.titel }, summary: info.samenvatting } };
          }) };
        }
        return loadPagefind().then(function (pf) { return queryPaths(pf, query); }).then(function (found) {
          return { data: data, hits: found.map(function (hit) {
            hit.facets = (data.paginas[hit.path] || { facetten: {} }).facetten;
            return hit;
          }) };
        });
      }).then(function (result) {
        if (ticket !== latest) return;
        updateFacets(result.data, result.hits, chosen);
        var kept = result.hits.filter(function (hit) { return matches(hit.facets, chosen); });
        list.replaceChildren.apply(list, kept.slice(0, LIMIT).map(function (hit) { return resultItem(hit.data, hit.facets); }));
        var words = Object.keys(chosen).map(function (name) { return chosen[name]; });
        if (!kept.length) {
          status.textContent = "Geen resultaten" + (query ? " voor \u201c" + query + "\u201d" : "") +
            (words.length ? " met " + words.join(", ") + ". Kies minder filters." : ".");
        } else {
          status.textContent = countText(kept.length) + (query ? " voor \u201c" + query + "\u201d" : "") +
            (words.length ? " met " + words.join(", ") : "") +
            (kept.length > LIMIT ? " (de eerste " + LIMIT + " staan hieronder)" : "");
        }
      }).catch(function () { if (ticket === latest) status.textContent = "Zoeken is nu niet beschikbaar."; });
    }
    run();
  }

  function enhance() { headerSearch(); searchPage(); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();

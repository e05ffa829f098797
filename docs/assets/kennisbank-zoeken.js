/* Kennisbank search: the header search and the search page with facets, both on
   Pagefind's JavaScript API (Dutch stemming; the index is fetched in chunks). */
(function () {
  "use strict";

  var configElement = document.getElementById("__config");
  var siteBase = new URL((configElement ? JSON.parse(configElement.textContent).base : ".") + "/", location.href);
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteBase).href).then(function (module) {
        return module.options({ baseUrl: siteBase.pathname }).then(function () { module.init(); return module; });
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

  function resultItem(data, withFacets) {
    var li = el("li", { class: "md-search-result__item" });
    var link = el("a", { href: data.url, class: "md-search-result__link" });
    var article = el("article", { class: "md-search-result__article md-typeset" });
    article.appendChild(el("h2", { class: "kb-zoekresultaat__titel" }, data.meta && data.meta.title ? data.meta.title : data.url));
    if (withFacets && data.filters) {
      var badges = el("p", { class: "kb-zoekresultaat__kenmerken" });
      ["type", "provincie"].forEach(function (facet) {
        (data.filters[facet] || []).forEach(function (value) { badges.appendChild(el("span", { class: "kb-label" }, value)); });
      });
      article.appendChild(badges);
    }
    if (data.summary) article.appendChild(el("p", {}, data.summary));
    else article.appendChild(excerptNode(data.excerpt || ""));
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
    var timer = null, latest = 0;

    function open() { if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); } }
    function close() { if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); } }

    function run() {
      var query = input.value.trim(), ticket = ++latest;
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
          list.replaceChildren.apply(list, found.data.map(function (d) { return resultItem(d, false); }));
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

  function searchPage() {
    var page = document.querySelector("[data-kb-zoekpagina]");
    if (!page || page.dataset.kbReady) return;
    page.dataset.kbReady = "1";
    page.replaceChildren();
    var form = el("form", { class: "kb-zoekformulier", role: "search", "aria-label": "Zoeken met filters" });
    var termWrap = el("p", { class: "kb-filter__veld kb-zoekformulier__term" });
    termWrap.appendChild(el("label", { for: "kb-zoekterm" }, "Zoekterm"));
    var term = el("input", { type: "search", id: "kb-zoekterm", name: "q", autocomplete: "off" });
    termWrap.appendChild(term);
    form.appendChild(termWrap);
    var facetBox = el("div", { class: "kb-filter" });
    form.appendChild(facetBox);
    var status = el("p", { class: "kb-filter__status", role: "status", "aria-live": "polite" });
    var list = el("ol", { class: "kb-zoekresultaten", "aria-label": "Zoekresultaten" });
    page.appendChild(form); page.appendChild(status); page.appendChild(list);
    var selects = {};
    var params = new URLSearchParams(location.search);
    term.value = params.get("q") || "";

    loadFacets().then(function (data) {
      FACETS.forEach(function (facet) {
        var counts = {};
        Object.keys(data.paginas).forEach(function (path) {
          (data.paginas[path].facetten[facet[0]] || []).forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
        var wrap = el("p", { class: "kb-filter__veld" });
        wrap.appendChild(el("label", { for: "kb-facet-" + facet[0] }, facet[1]));
        var select = el("select", { id: "kb-facet-" + facet[0], name: facet[0] });
        select.appendChild(el("option", { value: "" }, "Alle"));
        Object.keys(counts).sort(function (a, b) { return a.localeCompare(b, "nl", { numeric: true }); }).forEach(function (value) {
          select.appendChild(el("option", { value: value }, value + " (" + counts[value] + ")"));
        });
        if (params.get(facet[0])) select.value = params.get(facet[0]);
        select.addEventListener("change", run);
        selects[facet[0]] = select;
        wrap.appendChild(select);
        facetBox.appendChild(wrap);
      });
      run();
    }).catch(function () { status.textContent = "Zoeken is nu niet beschikbaar."; });

    var timer = null, latest = 0, LIMIT = 50;
    term.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

    /* Without a search term: every page whose facets match, from the facet file alone. */
    function browse(data, chosen) {
      var paths = Object.keys(data.paginas).filter(function (path) { return matches(data.paginas[path].facetten, chosen); });
      paths.sort(function (a, b) { return data.paginas[a].titel.localeCompare(data.paginas[b].titel, "nl"); });
      return { total: paths.length, items: paths.slice(0, LIMIT).map(function (path) {
        var info = data.paginas[path];
        return { url: new URL(path, siteBase).href, meta: { title: info.titel }, summary: info.samenvatting, filters: info.facetten };
      }) };
    }

    /* With a search term: Pagefind's ranked results, kept when their page matches the facets. */
    function searchFiltered(pf, data, query, chosen) {
      return pf.search(query).then(function (search) {
        var kept = [], position = 0, total = 0, anyFacet = Object.keys(chosen).length > 0;
        function next() {
          if (position >= search.results.length || kept.length >= LIMIT) {
            return { total: anyFacet ? kept.length + (position < search.results.length ? "+" : "") : search.results.length, items: kept };
          }
          var batch = search.results.slice(position, position + 20);
          position += batch.length;
          return Promise.all(batch.map(function (r) { return r.data(); })).then(function (results) {
            results.forEach(function (d) {
              var facets = (data.paginas[pathOf(d.url)] || { facetten: {} }).facetten;
              if (matches(facets, chosen) && kept.length < LIMIT) { d.filters = facets; kept.push(d); }
            });
            return next();
          });
        }
        return next();
      });
    }

    function run() {
      var ticket = ++latest, chosen = {}, query = term.value.trim();
      Object.keys(selects).forEach(function (name) { if (selects[name].value) chosen[name] = selects[name].value; });
      var url = new URL(location.href);
      url.search = "";
      if (query) url.searchParams.set("q", query);
      Object.keys(chosen).forEach(function (name) { url.searchParams.set(name, chosen[name]); });
      history.replaceState(null, "", url);
      if (!query && !Object.keys(chosen).length) { list.replaceChildren(); status.textContent = "Typ een zoekterm of kies een filter."; return; }
      status.textContent = "Zoeken…";
      loadFacets().then(function (data) {
        if (!query) {
          var found = browse(data, chosen);
          return loadPagefind().then(function () { return found; });
        }
        return loadPagefind().then(function (pf) { return searchFiltered(pf, data, query, chosen); });
      }).then(function (found) {
        if (ticket !== latest) return;
        list.replaceChildren.apply(list, found.items.map(function (d) { return resultItem(d, true); }));
        var total = typeof found.total === "number" ? found.total : parseInt(found.total, 10);
        status.textContent = countText(total) + (String(found.total).indexOf("+") >= 0 || total > LIMIT ? " (de eerste " + LIMIT + " staan hieronder)" : "");
      }).catch(function () { status.textContent = "Zoeken is nu niet beschikbaar."; });
    }
  }

  function enhance() { headerSearch(); searchPage(); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();

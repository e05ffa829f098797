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
    article.appendChild(excerptNode(data.excerpt || ""));
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
  var FACETS = [["type", "Type"], ["provincie", "Provincie"], ["categorie", "Categorie"], ["rol", "Rol"], ["jaar", "Jaar"]];

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

    loadPagefind().then(function (pf) { return pf.filters(); }).then(function (available) {
      FACETS.forEach(function (facet) {
        var values = available[facet[0]] || {};
        var wrap = el("p", { class: "kb-filter__veld" });
        wrap.appendChild(el("label", { for: "kb-facet-" + facet[0] }, facet[1]));
        var select = el("select", { id: "kb-facet-" + facet[0], name: facet[0] });
        select.appendChild(el("option", { value: "" }, "Alle"));
        Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "nl", { numeric: true }); }).forEach(function (value) {
          select.appendChild(el("option", { value: value }, value + " (" + values[value] + ")"));
        });
        if (params.get(facet[0])) select.value = params.get(facet[0]);
        select.addEventListener("change", run);
        selects[facet[0]] = select;
        wrap.appendChild(select);
        facetBox.appendChild(wrap);
      });
      run();
    }).catch(function () { status.textContent = "Zoeken is nu niet beschikbaar."; });

    var timer = null, latest = 0;
    term.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

    function run() {
      var ticket = ++latest, filters = {}, any = false, query = term.value.trim();
      Object.keys(selects).forEach(function (name) { if (selects[name].value) { filters[name] = selects[name].value; any = true; } });
      var url = new URL(location.href);
      url.search = "";
      if (query) url.searchParams.set("q", query);
      Object.keys(filters).forEach(function (name) { url.searchParams.set(name, filters[name]); });
      history.replaceState(null, "", url);
      if (!query && !any) { list.replaceChildren(); status.textContent = "Typ een zoekterm of kies een filter."; return; }
      status.textContent = "Zoeken…";
      loadPagefind().then(function (pf) { return pf.search(query || null, { filters: filters }); })
        .then(function (search) {
          return Promise.all(search.results.slice(0, 50).map(function (r) { return r.data(); }))
            .then(function (data) { return { total: search.results.length, data: data }; });
        })
        .then(function (found) {
          if (ticket !== latest) return;
          list.replaceChildren.apply(list, found.data.map(function (d) { return resultItem(d, true); }));
          status.textContent = countText(found.total) + (found.total > 50 ? " (de eerste 50 staan hieronder)" : "");
        })
        .catch(function () { status.textContent = "Zoeken is nu niet beschikbaar."; });
    }
  }

  function enhance() { headerSearch(); searchPage(); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();

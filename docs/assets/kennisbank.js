/* Kennisbank: progressive enhancements. Without JavaScript every table, list and
   comparison is complete; these scripts only add sorting, filters and pickers. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function labelledSelect(id, label, options) {
    var wrap = el("span", { class: "kb-filter__veld" });
    wrap.appendChild(el("label", { for: id }, label));
    var select = el("select", { id: id });
    options.forEach(function (option) { select.appendChild(el("option", { value: option[0] }, option[1])); });
    wrap.appendChild(select);
    return { wrap: wrap, select: select };
  }

  function sortableTables() {
    if (typeof Tablesort === "undefined") return;
    document.querySelectorAll(".kb-sorteerbaar table").forEach(function (table) {
      if (!table.dataset.kbSorted) { new Tablesort(table); table.dataset.kbSorted = "1"; }
    });
  }

  /* Filters keep their state in the URL query (?provincie=…&jaar=…): a filtered view can be
     shared and bookmarked, and it survives a reload. Only the page's own parameters change. */
  function readParam(name) { return new URLSearchParams(location.search).get(name) || ""; }
  function writeParams(values) {
    var url = new URL(location.href);
    Object.keys(values).forEach(function (name) {
      if (values[name]) url.searchParams.set(name, values[name]); else url.searchParams.delete(name);
    });
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  /* A kept choice that is not among the options (a shared link, or a year of another province)
     stays chosen and says so, so the empty result that follows is explained, not hidden. */
  function fillSelect(select, allLabel, options, keep, emptyLabel) {
    select.replaceChildren(el("option", { value: "" }, allLabel));
    options.forEach(function (option) { select.appendChild(el("option", { value: option[0] }, option[1])); });
    if (keep && !options.some(function (option) { return option[0] === keep; })) {
      if (emptyLabel) select.appendChild(el("option", { value: keep }, keep + " " + emptyLabel));
      else keep = "";
    }
    select.value = keep || "";
  }

  function timelineFilters() {
    document.querySelectorAll("[data-kb-filter]").forEach(function (block, n) {
      if (block.dataset.kbReady) return;
      block.dataset.kbReady = "1";
      var items = Array.prototype.slice.call(block.querySelectorAll("li[data-provincies]"));
      var ongoing = block.querySelector(".kb-tijdlijn__doorlopend");
      var provinces = {};
      try { provinces = JSON.parse(block.dataset.provincieNamen || "{}"); } catch (error) { provinces = {}; }
      items.forEach(function (li) {
        var names = li.querySelector(".kb-tijdlijn__provincie");
        li.dataset.provincies.split(" ").forEach(function (slug, i) {
          if (!provinces[slug]) provinces[slug] = names ? names.textContent.split(", ")[i] || slug : slug;
        });
      });
      function has(li, field, value) { return !value || li.dataset[field].split(" ").indexOf(value) >= 0; }
      /* The years of the events of one province (or of all): the year list never offers an empty choice. */
      function yearsOf(province) {
        var years = {};
        items.forEach(function (li) {
          if (has(li, "provincies", province)) li.dataset.jaren.split(" ").forEach(function (y) { if (y) years[y] = y; });
        });
        return Object.keys(years).sort().map(function (y) { return [y, y]; });
      }
      var byProvince = labelledSelect("kb-filter-provincie-" + n, "Provincie", []);
      var byYear = labelledSelect("kb-filter-jaar-" + n, "Jaar", []);
      fillSelect(byProvince.select, "Alle provincies", Object.keys(provinces).sort(function (a, b) {
        return provinces[a].localeCompare(provinces[b], "nl");
      }).map(function (s) { return [s, provinces[s]]; }), readParam("provincie"));
      fillSelect(byYear.select, "Alle jaren", yearsOf(byProvince.select.value), /^\d{4}$/.test(readParam("jaar")) ? readParam("jaar") : "", "(geen gebeurtenissen)");
      var status = el("p", { class: "kb-filter__status", role: "status", "aria-live": "polite" });
      var form = el("div", { class: "kb-filter", role: "search", "aria-label": "Tijdlijn filteren" });
      form.appendChild(byProvince.wrap); form.appendChild(byYear.wrap); form.appendChild(status);
      var spot = block.querySelector("[data-kb-filter-plek]");
      if (spot) spot.replaceChildren(form); else block.parentNode.insertBefore(form, block);
      function apply() {
        var p = byProvince.select.value, y = byYear.select.value, shown = 0, ongoingShown = 0;
        items.forEach(function (li) {
          var ok = has(li, "provincies", p) && has(li, "jaren", y);
          li.hidden = !ok;
          if (ok) { shown += 1; if (ongoing && ongoing.contains(li)) ongoingShown += 1; }
        });
        if (ongoing) ongoing.hidden = ongoingShown === 0;
        if (shown) status.textContent = shown + " van " + items.length + " op de tijdlijn";
        else status.textContent = "Niets op de tijdlijn" + (p ? " voor " + provinces[p] : "") + (y ? " in " + y : "") +
          ". Kies een andere provincie of een ander jaar.";
        writeParams({ provincie: p, jaar: y });
      }
      byProvince.select.addEventListener("change", function () {
        fillSelect(byYear.select, "Alle jaren", yearsOf(byProvince.select.value), byYear.select.value, "(geen gebeurtenissen)");
        apply();
      });
      byYear.select.addEventListener("change", apply);
      apply();
    });
  }

  /* Compare: the reader ticks provinces; the choice and its order live in the URL
     (?p=utrecht,drenthe), so a comparison can be shared and back/forward work.
     Columns follow the chosen order; without a choice every province is shown. */
  function chosenFromUrl(known) {
    var value = new URLSearchParams(location.search).get("p") || "";
    return value.split(",").filter(function (slug, i, all) {
      return Object.prototype.hasOwnProperty.call(known, slug) && all.indexOf(slug) === i;
    });
  }

  function comparePickers() {
    document.querySelectorAll("[data-kb-vergelijk]").forEach(function (box) {
      if (box.dataset.kbReady) return;
      var table = box.querySelector("table");
      if (!table) return;
      box.dataset.kbReady = "1";
      var slugs = (box.getAttribute("data-kb-provincies") || "").split(" ").filter(Boolean);
      var heads = Array.prototype.slice.call(table.querySelectorAll("thead th")).slice(1);
      var names = {};
      slugs.forEach(function (slug, i) { names[slug] = heads[i] ? heads[i].textContent.trim() : slug; });
      var rows = Array.prototype.slice.call(table.querySelectorAll("tr")).map(function (tr) {
        var cells = Array.prototype.slice.call(tr.children), bySlug = {};
        slugs.forEach(function (slug, i) { bySlug[slug] = cells[i + 1]; });
        var values = cells.slice(1);
        if (tr.parentNode.tagName === "TBODY") {
          // A group heading row ("Instrumenten per categorie") has no values.
          if (values.every(function (cell) { return !cell.textContent.trim(); })) tr.classList.add("kb-vergelijk__groep");
          // The province name, shown before each value in the stacked phone layout.
          values.forEach(function (cell, i) { if (slugs[i]) cell.setAttribute("data-kb-kolom", names[slugs[i]]); });
        }
        return { tr: tr, bySlug: bySlug };
      });

      // The picker folds away once a comparison is chosen (a shared link shows the comparison first).
      var picker = el("details", { class: "kb-vergelijk-kies" });
      picker.appendChild(el("summary", {}, "Provincies kiezen"));
      var form = el("fieldset", {});
      form.appendChild(el("legend", { class: "kb-vergelijk-kies__legend" }, "Kies de provincies die je wilt vergelijken"));
      picker.appendChild(form);
      var options = el("div", { class: "kb-vergelijk-kies__opties" });
      var boxes = {};
      slugs.forEach(function (slug) {
        var label = el("label", { class: "kb-vergelijk-kies__optie" });
        var input = el("input", { type: "checkbox", value: slug, id: "kb-vergelijk-" + slug });
        label.appendChild(input);
        label.appendChild(document.createTextNode(names[slug]));
        options.appendChild(label);
        boxes[slug] = input;
      });
      form.appendChild(options);
      var status = el("p", { class: "kb-vergelijk-kies__volgorde", role: "status", "aria-live": "polite" });
      box.parentNode.insertBefore(picker, box);
      box.parentNode.insertBefore(status, box);

      function render(chosen) {
        var shown = chosen.length ? chosen : slugs;
        rows.forEach(function (row) {
          shown.forEach(function (slug) { if (row.bySlug[slug]) row.tr.appendChild(row.bySlug[slug]); });
          slugs.forEach(function (slug) { if (row.bySlug[slug]) row.bySlug[slug].hidden = shown.indexOf(slug) < 0; });
        });
        slugs.forEach(function (slug) { boxes[slug].checked = chosen.indexOf(slug) >= 0; });
        box.classList.toggle("kb-vergelijk--gekozen", chosen.length > 0);
        status.textContent = "";
        if (!chosen.length) {
          status.textContent = "Je ziet nu alle " + slugs.length + " provincies. Kies er twee of meer; ze verschijnen in de volgorde waarin je ze kiest.";
          return;
        }
        status.appendChild(document.createTextNode(
          (chosen.length === 1 ? "Gekozen: " : "Volgorde: ") + chosen.map(function (s) { return names[s]; }).join(", ") +
          (chosen.length === 1 ? ". Kies nog een provincie om te vergelijken." : ".")));
        var clear = el("button", { type: "button" }, "Wis keuze");
        clear.addEventListener("click", function () { choose([]); });
        status.appendChild(clear);
      }

      function choose(chosen) {
        var url = new URL(location.href);
        if (chosen.length) url.searchParams.set("p", chosen.join(",")); else url.searchParams.delete("p");
        // Commas stay readable in the address: ?p=utrecht,drenthe
        history.pushState(history.state, "", url.pathname + url.search.replace(/%2C/gi, ",") + url.hash);
        render(chosen);
      }

      slugs.forEach(function (slug) {
        boxes[slug].addEventListener("change", function () {
          var chosen = chosenFromUrl(names).filter(function (s) { return s !== slug; });
          if (boxes[slug].checked) chosen.push(slug);
          choose(chosen);
        });
      });
      box.kbRender = function () { render(chosenFromUrl(names)); };
      box.kbRender();
      picker.open = chosenFromUrl(names).length < 2;
    });
  }

  // Back and forward within the compare page: the URL holds the choice.
  window.addEventListener("popstate", function () {
    document.querySelectorAll("[data-kb-vergelijk]").forEach(function (box) { if (box.kbRender) box.kbRender(); });
  });

  /* Tiles of the SVG map are links (role="link"); SVG <a> elements would break Material's instant loading. */
  function mapTiles() {
    document.querySelectorAll(".kb-tegel[data-href]").forEach(function (tile) {
      if (tile.dataset.kbReady) return;
      tile.dataset.kbReady = "1";
      // Only addresses on this site, whatever the attribute says (defence in depth: the build refuses others).
      function go() {
        var target = new URL(tile.getAttribute("data-href"), location.href);
        if (target.origin === location.origin && (target.protocol === "https:" || target.protocol === "http:")) location.assign(target.href);
      }
      tile.addEventListener("click", go);
      tile.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); go(); } });
    });
  }

  function enhance() { sortableTables(); timelineFilters(); comparePickers(); mapTiles(); }
  // Material's instant loading swaps pages without a reload; document$ announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();

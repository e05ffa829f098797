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

  function timelineFilters() {
    document.querySelectorAll("[data-kb-filter]").forEach(function (list, n) {
      if (list.dataset.kbReady) return;
      list.dataset.kbReady = "1";
      var items = Array.prototype.slice.call(list.querySelectorAll("li"));
      var provinces = {}, years = {};
      items.forEach(function (li) {
        var names = li.querySelector(".kb-tijdlijn__provincie");
        li.dataset.provincies.split(" ").forEach(function (slug, i) {
          provinces[slug] = names ? names.textContent.split(", ")[i] || slug : slug;
        });
        li.dataset.jaren.split(" ").forEach(function (year) { if (year) years[year] = year; });
      });
      var byProvince = labelledSelect("kb-filter-provincie-" + n, "Provincie",
        [["", "Alle provincies"]].concat(Object.keys(provinces).sort().map(function (s) { return [s, provinces[s]]; })));
      var byYear = labelledSelect("kb-filter-jaar-" + n, "Jaar",
        [["", "Alle jaren"]].concat(Object.keys(years).sort().map(function (y) { return [y, y]; })));
      var status = el("p", { class: "kb-filter__status", role: "status", "aria-live": "polite" });
      var form = el("div", { class: "kb-filter", role: "search", "aria-label": "Tijdlijn filteren" });
      form.appendChild(byProvince.wrap); form.appendChild(byYear.wrap); form.appendChild(status);
      list.parentNode.insertBefore(form, list);
      function apply() {
        var p = byProvince.select.value, y = byYear.select.value, shown = 0;
        items.forEach(function (li) {
          var ok = (!p || li.dataset.provincies.split(" ").indexOf(p) >= 0) &&
                   (!y || li.dataset.jaren.split(" ").indexOf(y) >= 0);
          li.hidden = !ok; if (ok) shown += 1;
        });
        status.textContent = shown + " van " + items.length + " gebeurtenissen";
      }
      byProvince.select.addEventListener("change", apply);
      byYear.select.addEventListener("change", apply);
      apply();
    });
  }

  function comparePickers() {
    document.querySelectorAll("[data-kb-vergelijk]").forEach(function (box) {
      if (box.dataset.kbReady) return;
      var table = box.querySelector("table");
      if (!table) return;
      box.dataset.kbReady = "1";
      var heads = Array.prototype.slice.call(table.querySelectorAll("thead th")).slice(1);
      var options = heads.map(function (th, i) { return [String(i), th.textContent.trim()]; });
      var first = labelledSelect("kb-vergelijk-1", "Eerste provincie", options);
      var second = labelledSelect("kb-vergelijk-2", "Tweede provincie", options);
      first.select.value = "0"; second.select.value = String(Math.min(1, options.length - 1));
      var form = el("div", { class: "kb-filter", role: "group", "aria-label": "Kies twee provincies" });
      form.appendChild(first.wrap); form.appendChild(second.wrap);
      box.parentNode.insertBefore(form, box);
      function apply() {
        var keep = [first.select.value, second.select.value];
        table.querySelectorAll("tr").forEach(function (row) {
          Array.prototype.slice.call(row.children).slice(1).forEach(function (cell, i) {
            cell.hidden = keep.indexOf(String(i)) < 0;
          });
        });
        box.classList.add("kb-vergelijk--gekozen");
      }
      first.select.addEventListener("change", apply);
      second.select.addEventListener("change", apply);
      apply();
    });
  }

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

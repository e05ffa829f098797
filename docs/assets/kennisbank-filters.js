/* Kennisbank: filters for the instruments index and the per-role tables. Without
   JavaScript, and in print, every item shows; these scripts only narrow the view.
   The chosen filters live in the URL query (?provincie=…&categorie=…), so a filtered
   view can be shared and bookmarked and survives a reload. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function params() { return new URLSearchParams(location.search); }

  function writeParams(values) {
    var url = new URL(location.href);
    Object.keys(values).forEach(function (name) {
      if (values[name]) url.searchParams.set(name, values[name]); else url.searchParams.delete(name);
    });
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  /* The form takes the place the page reserved for it (no layout shift), or goes above the box. */
  function place(box, form) {
    var spot = box.querySelector("[data-kb-filter-plek]") ||
      (box.previousElementSibling && box.previousElementSibling.matches("[data-kb-filter-plek]") ? box.previousElementSibling : null);
    if (spot) spot.replaceChildren(form); else box.parentNode.insertBefore(form, box);
  }

  function byName(a, b) { return a[1].localeCompare(b[1], "nl"); }

  /* A labelled <select>; the URL value is kept only when it is one of the options. */
  function filterSelect(id, label, allLabel, options, chosen) {
    var wrap = el("span", { class: "kb-filter__veld" });
    wrap.appendChild(el("label", { for: id }, label));
    var select = el("select", { id: id });
    select.appendChild(el("option", { value: "" }, allLabel));
    options.forEach(function (option) { select.appendChild(el("option", { value: option[0] }, option[1])); });
    select.value = options.some(function (option) { return option[0] === chosen; }) ? chosen : "";
    wrap.appendChild(select);
    return { wrap: wrap, select: select };
  }

  /* ------------------------------------------------------------ instruments index */
  var INDEX_FILTERS = [["provincie", "Provincie", "Alle provincies"], ["categorie", "Categorie", "Alle categorieën"],
                       ["rol", "Rol", "Alle rollen"], ["status", "Status", "Elke status"]];

  function instrumentIndex() {
    document.querySelectorAll("[data-kb-index]").forEach(function (box) {
      if (box.dataset.kbReady) return;
      box.dataset.kbReady = "1";
      var items = Array.prototype.slice.call(box.querySelectorAll("li.kb-index__item"));
      var query = params(), selects = {};
      var form = el("div", { class: "kb-filter", role: "search", "aria-label": "Instrumenten filteren", "data-kb-index-filters": "" });
      INDEX_FILTERS.forEach(function (filter) {
        var names = {};
        box.querySelectorAll('[data-veld="' + filter[0] + '"]').forEach(function (label) {
          names[label.dataset.waarde] = label.textContent.trim();
        });
        var options = Object.keys(names).map(function (slug) { return [slug, names[slug]]; }).sort(byName);
        var field = filterSelect("kb-index-" + filter[0], filter[1], filter[2], options, query.get(filter[0]) || "");
        field.select.addEventListener("change", apply);
        selects[filter[0]] = field.select;
        form.appendChild(field.wrap);
      });
      var reset = el("button", { type: "button", class: "md-button kb-filter__wis" }, "Filters wissen");
      reset.addEventListener("click", function () {
        Object.keys(selects).forEach(function (name) { selects[name].value = ""; });
        apply();
      });
      form.appendChild(reset);
      var status = el("p", { class: "kb-filter__status", role: "status", "aria-live": "polite" });
      form.appendChild(status);
      place(box, form);

      function apply() {
        var chosen = {}, shown = 0, words = [];
        Object.keys(selects).forEach(function (name) {
          chosen[name] = selects[name].value;
          if (chosen[name]) words.push(selects[name].selectedOptions[0].textContent);
        });
        items.forEach(function (li) {
          var ok = Object.keys(chosen).every(function (name) {
            return !chosen[name] || (li.dataset[name] || "").split(" ").indexOf(chosen[name]) >= 0;
          });
          li.hidden = !ok;
          if (ok) shown += 1;
        });
        reset.hidden = words.length === 0;
        status.textContent = shown ? shown + " van " + items.length + " instrumenten" :
          "Geen instrumenten met " + words.join(", ") + ". Kies minder filters of een andere combinatie.";
        writeParams(chosen);
      }
      apply();
    });
  }

  /* ------------------------------------------------------------ per-role tables */
  /* Rows of every table in the box are filtered on province and category (the cells of
     columns 2 and 3); sorting comes from Tablesort (assets/kennisbank.js). */
  function tableFilters() {
    document.querySelectorAll("[data-kb-tabelfilter]").forEach(function (box) {
      if (box.dataset.kbReady) return;
      box.dataset.kbReady = "1";
      var rows = Array.prototype.slice.call(box.querySelectorAll("tbody tr"));
      var columns = [["provincie", "Provincie", "Alle provincies", 1], ["categorie", "Categorie", "Alle categorieën", 2]];
      var query = params(), selects = {};
      var form = el("div", { class: "kb-filter", role: "search", "aria-label": "Tabellen filteren" });
      function cellValues(row, column) {
        var cell = row.children[column];
        return cell ? cell.textContent.split(",").map(function (v) { return v.trim(); }).filter(Boolean) : [];
      }
      columns.forEach(function (column) {
        var values = {};
        rows.forEach(function (row) { cellValues(row, column[3]).forEach(function (v) { values[v] = v; }); });
        var options = Object.keys(values).map(function (v) { return [v, v]; }).sort(byName);
        var field = filterSelect("kb-tabel-" + column[0], column[1], column[2], options, query.get(column[0]) || "");
        field.select.addEventListener("change", apply);
        selects[column[0]] = field.select;
        form.appendChild(field.wrap);
      });
      var status = el("p", { class: "kb-filter__status", role: "status", "aria-live": "polite" });
      form.appendChild(status);
      place(box, form);

      function apply() {
        var shown = 0, chosen = {};
        columns.forEach(function (column) { chosen[column[0]] = selects[column[0]].value; });
        rows.forEach(function (row) {
          var ok = columns.every(function (column) {
            var value = chosen[column[0]];
            return !value || cellValues(row, column[3]).indexOf(value) >= 0;
          });
          row.hidden = !ok;
          if (ok) shown += 1;
        });
        box.querySelectorAll("table").forEach(function (table) {
          var visible = table.querySelectorAll("tbody tr:not([hidden])").length;
          table.classList.toggle("kb-tabel--leeg", visible === 0);
        });
        var words = columns.filter(function (c) { return chosen[c[0]]; }).map(function (c) { return chosen[c[0]]; });
        status.textContent = shown ? shown + " van " + rows.length + " rijen" :
          "Geen instrumenten voor " + words.join(" en ") + ". Kies een andere provincie of categorie.";
        writeParams(chosen);
      }
      apply();
    });
  }

  function enhance() { instrumentIndex(); tableFilters(); }
  // Material's instant loading swaps pages without a reload; document$ announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();

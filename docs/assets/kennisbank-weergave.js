/* Kennisbank: reading aids for tables and abbreviations.

   Tables: wide tables keep their labels in view.
   Material wraps every content table in .md-typeset__scrollwrap; this script puts
   that scroll container in a frame, tells the reader when it scrolls sideways
   ("Scroll opzij voor meer kolommen" and a shadow at the edge that has more), and
   marks tables that fit, so their header row can stick to the page instead.
   The CSS (kennisbank.css, "Tables") makes the header row and first column sticky. */
(function () {
  "use strict";

  var HINT = "Scroll opzij voor meer kolommen";

  /* A wide table scrolls sideways in its own box, but up and down with the page: a box
     that scrolls both ways traps the reader's finger and hides the header row under
     the page header. CSS `position: sticky` cannot stick to the page from inside a
     sideways scroller, so the header row is moved down with a transform (--kb-kop). */
  var wideTables = [];
  var pending = false;

  function headerBottom() {
    var header = document.querySelector(".md-header");
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  }

  function placeHeaderRows() {
    pending = false;
    var top = headerBottom();
    wideTables = wideTables.filter(function (table) { return document.contains(table); });
    wideTables.forEach(function (table) {
      var head = table.tHead;
      if (!head) return;
      var box = table.getBoundingClientRect();
      var offset = Math.max(0, Math.min(top - box.top, box.height - head.offsetHeight));
      table.style.setProperty("--kb-kop", offset + "px");
    });
  }

  function schedule() {
    if (!pending) { pending = true; window.requestAnimationFrame(placeHeaderRows); }
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);

  function frameTable(table) {
    var wrap = table.closest(".md-typeset__scrollwrap");
    if (!wrap || wrap.closest(".kb-tabelvak")) return;
    var box = document.createElement("div");
    box.className = "kb-tabelvak";
    var hint = document.createElement("p");
    hint.className = "kb-tabelvak__hint";
    hint.textContent = HINT;
    hint.hidden = true;
    var frame = document.createElement("div");
    frame.className = "kb-tabelvak__kader";
    wrap.parentNode.insertBefore(box, wrap);
    box.appendChild(hint);
    box.appendChild(frame);
    frame.appendChild(wrap);

    function update() {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      hint.hidden = !wide;
      box.classList.toggle("kb-tabelvak--breed", wide);
      box.classList.toggle("kb-tabelvak--past", !wide);
      frame.classList.toggle("kb-tabelvak--meer-rechts", wide && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1);
      frame.classList.toggle("kb-tabelvak--meer-links", wide && wrap.scrollLeft > 1);
      var listed = wideTables.indexOf(table);
      if (wide && listed < 0) wideTables.push(table);
      if (!wide && listed >= 0) { wideTables.splice(listed, 1); table.style.removeProperty("--kb-kop"); }
      schedule();
      // A scroll container must be reachable by keyboard (WCAG 2.1.1).
      if (wide) wrap.setAttribute("tabindex", "0"); else wrap.removeAttribute("tabindex");
      // Scrolling a cell into view (keyboard focus, find in page) stops beside the sticky first
      // column instead of under it. CSSOM styles are allowed by the CSP; style="" is not.
      var first = table.querySelector("tbody tr > :first-child");
      wrap.style.scrollPaddingLeft = wide && first ? Math.ceil(first.getBoundingClientRect().width) + 8 + "px" : "";
    }
    wrap.addEventListener("scroll", update, { passive: true });
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(update).observe(wrap);
      new ResizeObserver(update).observe(table);
    } else {
      window.addEventListener("resize", update);
    }
    update();
  }

  function frameTables() {
    document.querySelectorAll(".md-typeset .md-typeset__scrollwrap table").forEach(frameTable);
  }

  /* Abbreviations: Material's tooltips (content.tooltips) show an abbreviation's meaning
     on hover and on tap; made focusable, they show it on keyboard focus too. */
  function focusableAbbreviations() {
    document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
      if (!abbr.hasAttribute("tabindex")) abbr.setAttribute("tabindex", "0");
    });
  }

  /* Print writes out where external links go (kennisbank.css). Material's instant loading
     makes every internal href absolute too; mark those so paper shows only the others. */
  function markInternalLinks() {
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      if (link.origin === location.origin) link.classList.add("kb-intern");
    });
  }

  function enhance() { frameTables(); focusableAbbreviations(); markInternalLinks(); }

  // Material's instant loading swaps pages without a reload; document$ announces each page
  // (after Material's own components, which add the scroll wrappers, have subscribed).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();

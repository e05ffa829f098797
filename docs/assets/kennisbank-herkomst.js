/* "Alleen waarden uit de bron": one checkbox before the first overview with provenance marks
   ([data-kb-herkomst]); checked, the editors' values (marked ◇) are hidden and counts show only
   values a source states. The state is kept in the URL (?bron=1) so a filtered view can be
   shared. Without JavaScript every value shows, marked. */
(function () {
  "use strict";

  function setup() {
    var boxes = document.querySelectorAll("[data-kb-herkomst]");
    if (!boxes.length || document.getElementById("kb-alleen-bron")) {
      return;
    }
    var wrapper = document.createElement("p");
    wrapper.className = "kb-herkomst-filter";
    var input = document.createElement("input");
    input.type = "checkbox";
    input.id = "kb-alleen-bron";
    var label = document.createElement("label");
    label.htmlFor = "kb-alleen-bron";
    label.textContent = "Alleen waarden uit de bron";
    wrapper.appendChild(input);
    wrapper.appendChild(document.createTextNode(" "));
    wrapper.appendChild(label);
    // Right under the overview's legend when there is one, else just before the first table.
    var legend = document.querySelector(".md-content .kb-herkomst-legenda");
    if (legend && !legend.closest(".kb-feiten") && legend.compareDocumentPosition(boxes[0]) & Node.DOCUMENT_POSITION_FOLLOWING) {
      legend.parentNode.insertBefore(wrapper, legend.nextSibling);
    } else {
      boxes[0].parentNode.insertBefore(wrapper, boxes[0]);
    }

    function apply(checked) {
      boxes.forEach(function (box) {
        box.classList.toggle("kb-alleen-bron", checked);
      });
    }

    var params = new URLSearchParams(window.location.search);
    input.checked = params.get("bron") === "1";
    apply(input.checked);
    input.addEventListener("change", function () {
      apply(input.checked);
      var url = new URL(window.location.href);
      if (input.checked) {
        url.searchParams.set("bron", "1");
      } else {
        url.searchParams.delete("bron");
      }
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    });
  }

  // Material's instant navigation swaps pages without a reload; document$ fires on each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

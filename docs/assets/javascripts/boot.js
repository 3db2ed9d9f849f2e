/*
 * What the site's other scripts share; loaded before them (mkdocs.yml's extra_javascript).
 *
 * - zr.ready(fn): runs fn on the first load and after every `navigation.instant` page switch
 *   (material's `document$`: inline scripts are not re-run then), or once the page is parsed
 *   where material's bundle did not load.
 * - zr.shown(node, fn): runs fn(node) now if node is shown, else when the folded block
 *   (<details>) holding it is first opened. A long region page folds its tables
 *   (generator/pages/regions.py: FOLD_ROWS); their rows' buttons, links and card labels are made
 *   for the tables a reader opens — by a click, a link to a row, find-in-page — not for every
 *   row at load, while a phone is busiest.
 */
(function () {
  "use strict";

  function ready(fn) {
    var run = function () { fn(); };
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }

  function shown(node, fn) {
    var folded = node.closest("details:not([open])");
    if (!folded) {
      fn(node);
      return;
    }
    folded.addEventListener("toggle", function opened() {
      if (!folded.open) return;
      folded.removeEventListener("toggle", opened);
      shown(node, fn); // (it may sit in a folded block inside this one)
    });
  }

  window.zr = { ready: ready, shown: shown };
})();

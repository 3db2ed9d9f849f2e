/*
 * On a phone (site.css, ≤ 600 px) every table of the page reads as cards, one per row; this names
 * each cell after its column (data-label, shown before the cell's text), so a card says which
 * figure is the value, the period or the note. Without JavaScript the cards still show every
 * cell, unnamed. Runs after every `navigation.instant` page switch (material's `document$`).
 * It also opens by tap and key what only a tooltip said: a cited value's quote, an abbreviation's
 * meaning (≠: the look-alikes of a measure).
 */
(function () {
  "use strict";

  function words(key) {
    return (window.ZONE_WORDS || {})[key] || key;
  }

  function label(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
      });
    });
  }

  // ---- what a tooltip (title) said, opened by a tap or a key ------------------------------------
  // A quote was only a cited value's title, and the meaning of ≠ an <abbr title>: a phone has no
  // hover. Each gets a button (aria-expanded) that shows the text below it, and hides it again.
  var count = 0;

  function tip(button, text, after) {
    var box = document.createElement("span");
    box.className = "zr-tip-text";
    box.id = "zr-tip-" + (++count);
    box.hidden = true;
    box.textContent = text;
    button.type = "button";
    button.className = "zr-tip";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", box.id);
    after.after(box);
  }

  // one listener for every tip button, now and later: compare.js puts the page's own grid back by
  // its HTML (buttons without listeners of their own) and draws picked regions' grids anew
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("button.zr-tip");
    var box = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!box) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    box.hidden = !open;
  });

  function quoteTips(root) {
    root.querySelectorAll("td a[href*='#q-'][title], .fact-value a[href*='#q-'][title]").forEach(function (link) {
      if (link.closest("small.reports") || (link.nextElementSibling && link.nextElementSibling.matches(".zr-tip"))) return;
      var button = document.createElement("button");
      button.textContent = "“”";
      button.setAttribute("aria-label", words("quote_of").replace("{value}", function () { return link.textContent.trim(); }));
      // the value and its button in a span that does not break between them (site.css), and a word
      // joiner (U+2060) between them: Chromium needs both. Where the two do not fit on a line, the
      // value's last word goes to the next with the button, never the button alone under the value
      // (in a key figure's card at 1280 px it read as the start of the next figure)
      var cited = document.createElement("span");
      cited.className = "zr-cited";
      link.replaceWith(cited);
      cited.append(link, "\u2060", button);
      tip(button, link.getAttribute("title"), cited);
    });
  }

  function abbrTips(root) {
    root.querySelectorAll("abbr[title]").forEach(function (abbr) {
      if (abbr.closest(".zr-tip")) return;
      var button = document.createElement("button");
      abbr.replaceWith(button);
      button.appendChild(abbr);
      tip(button, abbr.getAttribute("title"), button);
    });
  }

  // a folded table is labelled when it is opened (boot.js)
  window.zr.ready(function () {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      window.zr.shown(table, label);
    });
    document.querySelectorAll(".md-typeset table, .md-typeset .fact-cards").forEach(function (block) {
      window.zr.shown(block, quoteTips);
    });
    var content = document.querySelector(".md-content");
    if (content) abbrTips(content);
  });

  // for content a script adds after load (compare.js: the grid of the regions a reader picks)
  window.zr.tips = function (root) {
    quoteTips(root);
    abbrTips(root);
  };
})();

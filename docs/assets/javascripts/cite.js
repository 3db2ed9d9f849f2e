/*
 * Citations, one click to copy.
 *
 * - "Cite this page" (generator/site.py: cite_block) is text on every page; this adds a copy
 *   button to each of its forms (Chinese GB/T 7714, English).
 * - On a region page each fact, target and event row gets a "cite" button. Its citations are not
 *   in the page (that was 20 KB a page): the page names one small file per region
 *   (`data-citations`, generator/pages/downloads.py), fetched on the first click; a dialog shows
 *   both forms, each with a copy button.
 * - The access date in a citation ("[2024-04-01]", "accessed 2024-04-01") is the build date
 *   (`data-built`); a copy puts the day of copying in its place.
 * - A site built without its address (no SITE_URL) names each page by its path from the site's
 *   root ("/regions/x/"): the "cite this page" block says so (`data-site-root`, the relative URL
 *   of that root, and `data-path`), and this puts the address the page is read at in front of each
 *   such path, in the citations shown and copied and in the downloads page's lines.
 * Runs after every `navigation.instant` page switch (boot.js); a folded row's button is made when
 * its block is opened.
 */
(function () {
  "use strict";

  function words(key) {
    return (window.ZONE_WORDS || {})[key] || key;
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function accessedToday(text, built) {
    if (!built) return text;
    return text.split("[" + built + "]").join("[" + today() + "]").split("accessed " + built).join("accessed " + today());
  }

  // ---- a build without the site's address: paths from the site's root → this address ----------

  function siteRoot() {
    var block = document.querySelector(".zr-cite-page[data-site-root]");
    return block ? new URL(block.getAttribute("data-site-root"), location.href).href : "";
  }

  // the path `path` after ". " (where both citation styles put the address) made absolute
  function absolute(text, path) {
    var root = siteRoot();
    if (!root || !path) return text;
    return text.split(". " + path).join(". " + root + path.slice(1));
  }

  function recordPath(text, id) {
    var found = new RegExp("\\. (/\\S*#" + id.replace(/[^\w-]/g, "\\$&") + ")(?=[.\\s]|$)").exec(text);
    return found ? found[1] : "";
  }

  function completeAddresses() {
    var block = document.querySelector(".zr-cite-page[data-site-root]");
    if (!block || block.hasAttribute("data-completed")) return;
    block.setAttribute("data-completed", "");
    var root = siteRoot();
    block.querySelectorAll(".zr-cite-body").forEach(function (body) {
      body.textContent = absolute(body.textContent, block.getAttribute("data-path"));
    });
    document.querySelectorAll(".zr-oneline code").forEach(function (code) { // the downloads page
      code.textContent = code.textContent.replace(/(["' ])\/downloads\//g, "$1" + root + "downloads/");
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (err) { /* the text stays selectable on the page */ }
    area.remove();
  }

  function copyButton(text, label) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button zr-copy";
    button.textContent = words("cite_copy");
    button.setAttribute("aria-label", words("cite_copy") + " " + label);
    button.addEventListener("click", function () {
      var done = function () {
        button.textContent = words("cite_copied");
        window.setTimeout(function () { button.textContent = words("cite_copy"); }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
      } else {
        fallbackCopy(text);
        done();
      }
    });
    return button;
  }

  function pageCitations() {
    document.querySelectorAll(".zr-cite-page .zr-cite-text").forEach(function (p) {
      if (p.querySelector(".zr-copy")) return;
      var body = p.querySelector(".zr-cite-body");
      var label = p.querySelector(".zr-cite-lang");
      if (!body) return;
      p.appendChild(document.createTextNode(" "));
      p.appendChild(copyButton(accessedToday(body.textContent, p.getAttribute("data-built")), label ? label.textContent : ""));
    });
  }

  // ---- a record's citation, from its region's file --------------------------------------------

  var files = {};

  function load(src) {
    if (!files[src]) {
      files[src] = fetch(src).then(function (response) {
        if (!response.ok) throw new Error(src + ": " + response.status);
        return response.json();
      });
      files[src].catch(function () { delete files[src]; });
    }
    return files[src];
  }

  function dialog() {
    var box = document.getElementById("zr-cite-dialog");
    if (box) return box;
    box = document.createElement("dialog");
    box.id = "zr-cite-dialog";
    box.className = "zr-cite-dialog md-typeset";
    box.setAttribute("aria-labelledby", "zr-cite-dialog-title");
    document.body.appendChild(box);
    return box;
  }

  function show(entry, built, id) {
    var box = dialog();
    box.textContent = "";
    var title = document.createElement("h2");
    title.id = "zr-cite-dialog-title";
    title.textContent = words("cite_fact");
    box.appendChild(title);
    ["zh", "en"].forEach(function (lang) {
      if (!entry[lang]) return;
      var text = accessedToday(entry[lang], built);
      text = absolute(text, recordPath(text, id));
      var p = document.createElement("p");
      p.className = "zr-cite-text";
      var label = document.createElement("span");
      label.className = "zr-cite-lang";
      label.textContent = words("cite_" + lang);
      var body = document.createElement("span");
      body.className = "zr-cite-body";
      body.lang = lang;
      body.textContent = text;
      p.append(label, " ", body, " ", copyButton(text, label.textContent));
      box.appendChild(p);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "md-button";
    close.textContent = words("cite_close");
    close.addEventListener("click", function () { box.close(); });
    box.appendChild(close);
    box.showModal();
  }

  function rowButtons() {
    var holder = document.querySelector("[data-citations]");
    if (!holder) return;
    var src = holder.getAttribute("data-citations");
    var built = holder.getAttribute("data-built");
    document.querySelectorAll("tr span[id^='fact-'], tr span[id^='target-'], tr span[id^='event-']").forEach(function (anchor) {
      window.zr.shown(anchor, function () { rowButton(anchor, src, built); }); // a folded row: when opened
    });
  }

  function rowButton(anchor, src, built) {
    var row = anchor.closest("tr");
    var value = row.querySelector("a[href*='#q-']"); // the cited value (or date): its cell gets the button
    var cell = (value || anchor).closest("td");
    if (!cell || cell.querySelector(".zr-cite")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "zr-cite";
    button.textContent = words("cite");
    button.setAttribute("aria-label", words("cite_fact"));
    button.setAttribute("data-record", anchor.id);
    button.addEventListener("click", function () {
      load(src).then(function (all) {
        if (all[anchor.id]) show(all[anchor.id], built, anchor.id);
      }, function (err) {
        console.error("citations could not be loaded", err);
      });
    });
    cell.append(" ", button);
  }

  function setUp() {
    completeAddresses();
    pageCitations();
    rowButtons();
  }

  // on paper, the page's citation is printed open
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.zr-cite-page").forEach(function (box) { box.open = true; });
  });

  window.zr.ready(setUp);
})();

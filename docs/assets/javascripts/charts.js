/*
 * The charts' download buttons. Every chart is drawn at build time (generator/static_charts.py:
 * HTML lists with CSS bars, an HTML table, inline SVG) — no chart library is loaded. Each figure
 * gets buttons for:
 *
 * - SVG: the chart as the page draws it, with its title and source line, laid out again off the
 *   page at a fixed width in the light scheme, then copied into one SVG — shapes with their
 *   computed colours, text line by line where it wrapped, inline SVG as it is;
 * - PNG: that SVG drawn on a canvas (2× for sharpness);
 * - CSV: the chart's rows, from its `data-chart` (generator/charts.py).
 */
(function () {
  "use strict";

  var WIDTH = 720; // px: the exported chart's width
  var SVG_NS = "http://www.w3.org/2000/svg";
  var STYLED = ["fill", "stroke", "stroke-width", "opacity", "font-family", "font-size", "font-weight", "text-anchor"];

  function words(key, values) {
    var text = (window.ZONE_WORDS || {})[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  function chartOf(el) {
    return JSON.parse(el.getAttribute("data-chart"));
  }

  function fileName(el, ext) {
    var figures = Array.prototype.slice.call(document.querySelectorAll(".zr-plot[data-chart]"));
    var page = location.pathname.replace(/\/index\.html$/, "/").replace(/^\/+|\/+$/g, "").replace(/\//g, "-") || "home";
    return page + "-chart-" + (figures.indexOf(el) + 1) + "." + ext;
  }

  function save(url, name) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // ---- CSV -------------------------------------------------------------------------------------

  // A cell a spreadsheet would run as a formula gets a leading apostrophe (as the site's CSV
  // downloads do: generator/pages/downloads.py).
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csvOf(el) {
    var chart = chartOf(el);
    var hrefAt = chart.data.fields.indexOf("href");
    var lines = [chart.data.fields.map(csvCell).join(",")];
    chart.data.rows.forEach(function (row) {
      var cells = row.slice();
      if (hrefAt >= 0 && cells[hrefAt]) cells[hrefAt] = new URL(cells[hrefAt], location.href).href;
      lines.push(cells.map(csvCell).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n"; // BOM: spreadsheets then read the Chinese as UTF-8
  }

  // ---- SVG: the drawn figure, copied shape by shape --------------------------------------------

  function node(name, attrs, text) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (key) { el.setAttribute(key, attrs[key]); });
    if (text) el.textContent = text;
    return el;
  }

  function visible(colour) {
    return colour && colour !== "transparent" && !/rgba\([^)]*,\s*0\)$/.test(colour);
  }

  // an inline SVG of the page, with each element's computed colours and font written on it
  function copySvg(svg, box) {
    var copy = svg.cloneNode(true);
    var from = svg.querySelectorAll("*");
    var to = copy.querySelectorAll("*");
    for (var i = 0; i < from.length; i++) {
      var style = getComputedStyle(from[i]);
      STYLED.forEach(function (prop) { to[i].setAttribute(prop, style.getPropertyValue(prop)); });
    }
    copy.setAttribute("x", box.x);
    copy.setAttribute("y", box.y);
    copy.setAttribute("width", box.width);
    copy.setAttribute("height", box.height);
    copy.removeAttribute("class");
    return copy;
  }

  // a text node as one <text> per line it takes (found from its characters' boxes)
  function copyText(textNode, origin, style, out) {
    var range = document.createRange();
    var text = textNode.data;
    var line = null;
    function flush() {
      if (line && line.text.trim()) {
        out.appendChild(node("text", {
          x: line.left - origin.left, y: line.bottom - origin.top - line.height * 0.22,
          fill: style.color, "font-size": style.fontSize, "font-family": style.fontFamily, "font-weight": style.fontWeight
        }, line.text));
      }
    }
    for (var i = 0; i < text.length; i++) {
      range.setStart(textNode, i);
      range.setEnd(textNode, i + 1);
      var r = range.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      if (!line || Math.abs(r.top - line.top) > r.height / 2) {
        flush();
        line = null;
        if (/\s/.test(text[i])) continue; // (SVG drops a text's leading space: start at the word)
        line = { left: r.left, top: r.top, bottom: r.bottom, height: r.height, text: "" };
      }
      line.text += text[i];
    }
    flush();
  }

  function copyBox(el, origin, out) {
    var style = getComputedStyle(el);
    // (a clipped element is text for screen readers only: a timeline mark's name)
    if (style.display === "none" || style.visibility === "hidden" || style.clipPath !== "none") return;
    var r = el.getBoundingClientRect();
    if (el.namespaceURI === SVG_NS) {
      out.appendChild(copySvg(el, { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height }));
      return;
    }
    if (visible(style.backgroundColor) && r.width && r.height) {
      out.appendChild(node("rect", { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height, fill: style.backgroundColor }));
    }
    // a shape drawn by ::before (the matrix's role squares: centred in their box)
    var before = getComputedStyle(el, "::before");
    if (before.content !== "none" && visible(before.backgroundColor)) {
      var w = parseFloat(before.width) || 0;
      var h = parseFloat(before.height) || 0;
      out.appendChild(node("rect", {
        x: r.left - origin.left + (r.width - w) / 2, y: r.top - origin.top + (r.height - h) / 2, width: w, height: h, fill: before.backgroundColor
      }));
    }
    if (parseFloat(style.borderBottomWidth) && visible(style.borderBottomColor) && el.tagName !== "A") {
      out.appendChild(node("rect", { x: r.left - origin.left, y: r.bottom - origin.top - 1, width: r.width, height: 1, fill: style.borderBottomColor }));
    }
    el.childNodes.forEach(function (child) {
      if (child.nodeType === 3) copyText(child, origin, style, out);
      else if (child.nodeType === 1) copyBox(child, origin, out);
    });
  }

  function svgOf(el) {
    // the figure again, off the page, at a fixed width, in the light scheme, nothing scrolled away
    var holder = document.createElement("div");
    holder.setAttribute("data-md-color-scheme", "default");
    holder.className = "md-typeset zr-export";
    // (its text colour set here: the page's, inherited from <body>, is the page's scheme's)
    holder.style.cssText = "position:absolute;left:-10000px;top:0;width:" + WIDTH + "px;background:#fff;color:var(--md-typeset-color)";
    var figure = el.parentNode.cloneNode(true);
    var tools = figure.querySelector(".zr-chart-tools");
    if (tools) tools.remove();
    // the matrix whole: its box does not scroll, its headers do not stick (to the viewport, here)
    figure.querySelectorAll(".zr-mscroll").forEach(function (box) { box.style.cssText = "max-height:none;overflow:visible"; });
    figure.querySelectorAll(".zr-matrix th").forEach(function (th) { th.style.position = "static"; });
    holder.appendChild(figure);
    document.body.appendChild(holder);
    try {
      var origin = holder.getBoundingClientRect();
      var height = Math.ceil(figure.getBoundingClientRect().bottom - origin.top) + 8;
      var out = node("svg", { xmlns: SVG_NS, width: WIDTH, height: height, viewBox: "0 0 " + WIDTH + " " + height });
      out.appendChild(node("rect", { width: "100%", height: "100%", fill: "#fff" }));
      copyBox(figure, origin, out);
      return new XMLSerializer().serializeToString(out);
    } finally {
      holder.remove();
    }
  }

  function pngOf(svg) {
    return new Promise(function (resolve, reject) {
      var image = new Image();
      var url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
      image.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = image.width * 2;
        canvas.height = image.height * 2;
        var context = canvas.getContext("2d");
        context.scale(2, 2);
        context.drawImage(image, 0, 0);
        URL.revokeObjectURL(url);
        resolve(canvas.toDataURL("image/png"));
      };
      image.onerror = function () { URL.revokeObjectURL(url); reject(new Error("the chart's SVG could not be drawn")); };
      image.src = url;
    });
  }

  function download(el, format) {
    if (format === "csv") {
      save(URL.createObjectURL(new Blob([csvOf(el)], { type: "text/csv;charset=utf-8" })), fileName(el, "csv"));
      return;
    }
    var svg = svgOf(el);
    if (format === "svg") {
      save(URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" })), fileName(el, "svg"));
      return;
    }
    pngOf(svg).then(function (url) { save(url, fileName(el, "png")); }, function (err) {
      console.error("chart could not be exported", err);
    });
  }

  function addTools(el) {
    var figure = el.parentNode;
    if (!figure || figure.querySelector(".zr-chart-tools")) return;
    var tools = document.createElement("p");
    tools.className = "zr-chart-tools";
    tools.appendChild(document.createTextNode(words("chart_download") + " "));
    ["svg", "png", "csv"].forEach(function (format) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button zr-download";
      button.textContent = format.toUpperCase();
      // its name is what it shows ("SVG", after the line's "Download"); the tooltip says more
      button.title = words("chart_download_as", { format: format.toUpperCase() });
      button.setAttribute("data-format", format);
      button.addEventListener("click", function () { download(el, format); });
      tools.appendChild(button);
    });
    figure.appendChild(tools);
  }

  window.zoneCharts = { csvOf: csvOf, svgOf: svgOf }; // for the browser tests

  window.zr.ready(function () {
    document.querySelectorAll(".zr-plot[data-chart]").forEach(addTools);
  });
})();

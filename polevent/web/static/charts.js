/* polevent web view: charts drawn in plain SVG from the JSON API (no library, no CDN).
 *
 * Every element with data-chart="series|dyad|shifts|network" and data-api="/api/..." is filled
 * with an SVG chart once its data has arrived; the element then gets data-ready="true". Text always
 * goes in through textContent, never as markup; colours and widths go in as SVG attributes (the
 * Content-Security-Policy allows no inline style).
 */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var QUADS = [
    // key, label, css class, sign (+1 cooperation above the line, -1 conflict below)
    ["verbal_coop", "verbal cooperation", "q1", 1],
    ["material_coop", "material cooperation", "q2", 1],
    ["verbal_conflict", "verbal conflict", "q3", -1],
    ["material_conflict", "material conflict", "q4", -1]
  ];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function el(name, attrs, parent, text) {
    var node = document.createElementNS(NS, name);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function tip(node, text) { el("title", null, node, text); return node; }

  function link(parent, href) { return el("a", { href: href }, parent); }

  function fetchJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error("the API answered " + r.status); }
      return r.json();
    });
  }

  // -- dates (UTC milliseconds) ------------------------------------------------------------------
  function parseDay(s) {
    var p = String(s).split("-").map(Number);
    return Date.UTC(p[0], p[1] - 1, p[2]);
  }
  function fmtDay(t) { return new Date(t).toISOString().slice(0, 10); }
  function addPeriods(t, freq, n) {
    var d = new Date(t);
    if (freq === "day") { d.setUTCDate(d.getUTCDate() + n); }
    else if (freq === "week") { d.setUTCDate(d.getUTCDate() + 7 * n); }
    else if (freq === "month") { d.setUTCMonth(d.getUTCMonth() + n); }
    else if (freq === "quarter") { d.setUTCMonth(d.getUTCMonth() + 3 * n); }
    else { d.setUTCFullYear(d.getUTCFullYear() + n); }
    return d.getTime();
  }
  function periodEnd(t, freq) { return addPeriods(t, freq, 1) - DAY; }
  function periodLabel(t, freq, long) {
    var d = new Date(t), y = d.getUTCFullYear(), m = d.getUTCMonth();
    if (freq === "year") { return String(y); }
    if (freq === "quarter") { return y + " Q" + (Math.floor(m / 3) + 1); }
    if (freq === "month") { return long ? MONTHS[m] + " " + y : MONTHS[m] + " " + String(y).slice(2); }
    return fmtDay(t);
  }
  function periodRange(periods, freq, extra) {
    // every period from the first to the last (also covering the days in extra)
    var ts = periods.map(parseDay);
    (extra || []).forEach(function (t) { ts.push(t); });
    if (!ts.length) { return []; }
    var first = Math.min.apply(null, ts), last = Math.max.apply(null, ts);
    if (!periods.length) { return []; }
    var start = Math.min.apply(null, periods.map(parseDay));
    while (start > first) { start = addPeriods(start, freq, -1); }
    var out = [];
    for (var t = start; t <= last && out.length < 2000; t = addPeriods(t, freq, 1)) { out.push(t); }
    return out;
  }
  function fmtGs(v) { return v === null || v === undefined ? "–" : (v > 0 ? "+" : "") + v.toFixed(1); }
  function niceMax(v) {
    // an even number, so that the half-way tick is a whole number of events
    if (v <= 2) { return 2; }
    var steps = [2, 4, 6, 8, 10];
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= v) { return steps[i] * p; } }
    return 10 * p;
  }

  // -- one panel: bars by quad class around a zero line, Goldstein mean as a line ----------------
  // o: {svg, x, y, w, h, slots, freq, byPeriod, maxCount, href(periodStart), windows, title, titleHref}
  function panel(o) {
    var g = el("g", { "class": "panel", transform: "translate(" + o.x + "," + o.y + ")" }, o.svg);
    var plotL = 44, plotR = o.w - 44, top = o.title ? 22 : 6, bottom = o.h - 22;
    var mid = (top + bottom) / 2, half = (bottom - top) / 2;
    var n = o.slots.length, slotW = (plotR - plotL) / Math.max(n, 1);
    var xOfSlot = function (i) { return plotL + i * slotW; };
    var xOfDay = function (t) {
      for (var i = 0; i < n; i++) {
        var next = i + 1 < n ? o.slots[i + 1] : addPeriods(o.slots[i], o.freq, 1);
        if (t < next) { return xOfSlot(i) + slotW * Math.max(0, (t - o.slots[i]) / (next - o.slots[i])); }
      }
      return plotR;
    };
    var yCount = function (c) { return mid - (c / o.maxCount) * half; };
    var yGs = function (v) { return mid - (v / 10) * half; };

    if (o.title) {
      var head = o.titleHref ? link(g, o.titleHref) : g;
      el("text", { x: plotL, y: 14, "class": "panel-title" }, head, o.title);
      if (o.subtitle) { el("text", { x: plotR, y: 14, "class": "panel-sub", "text-anchor": "end" }, g, o.subtitle); }
    }
    // the two shift windows
    if (o.windows && o.windows.length === 4) {
      var w = o.windows.map(parseDay);
      [[w[0], w[1], "win-before", "window before"], [w[2], w[3], "win-recent", "recent window"]].forEach(function (b) {
        var x1 = xOfDay(b[0]), x2 = xOfDay(b[1] + DAY);
        if (x2 > x1) { tip(el("rect", { x: x1, y: top, width: x2 - x1, height: bottom - top, "class": b[2] }, g), b[3] + ": " + fmtDay(b[0]) + " – " + fmtDay(b[1])); }
      });
    }
    // axes and grid
    [-1, -0.5, 0, 0.5, 1].forEach(function (f) {
      var y = mid - f * half;
      el("line", { x1: plotL, x2: plotR, y1: y, y2: y, "class": f === 0 ? "zero" : "grid" }, g);
      if (f !== 0) {
        el("text", { x: plotL - 6, y: y + 4, "class": "tick", "text-anchor": "end" }, g, Math.round(Math.abs(f) * o.maxCount * 10) / 10);
        el("text", { x: plotR + 6, y: y + 4, "class": "tick gs-tick" }, g, (f > 0 ? "+" : "−") + Math.abs(f * 10));
      }
    });
    el("text", { x: plotL - 6, y: mid + 4, "class": "tick", "text-anchor": "end" }, g, "0");
    el("text", { x: plotR + 6, y: mid + 4, "class": "tick gs-tick" }, g, "0");
    // period labels, as many as fit
    var every = Math.max(1, Math.ceil(n * 52 / Math.max(plotR - plotL, 1)));
    o.slots.forEach(function (t, i) {
      if (i % every === 0) {
        el("text", { x: xOfSlot(i) + slotW / 2, y: o.h - 6, "class": "tick", "text-anchor": "middle" }, g, periodLabel(t, o.freq));
      }
    });
    // change points: a dashed line where a new level of the Goldstein mean starts
    (o.marks || []).forEach(function (m) {
      var t = parseDay(m.period), i = o.slots.indexOf(t);
      if (i < 0) { return; }
      var x = xOfSlot(i);
      tip(el("line", { x1: x, x2: x, y1: top, y2: bottom, "class": "change-line" }, g),
        "change point: from " + periodLabel(t, o.freq, true) + " the Goldstein mean moved " +
        fmtGs(m.goldstein_before) + " → " + fmtGs(m.goldstein_after));
    });
    // bars
    var barW = Math.max(2, slotW * 0.7), line = [];
    o.slots.forEach(function (t, i) {
      var p = o.byPeriod[fmtDay(t)];
      if (!p || !p.events) { line.push(null); return; }
      var a = link(g, o.href(t, p));
      a.setAttribute("class", "bar");
      tip(a, periodLabel(t, o.freq, true) + ": " + p.events + " event" + (p.events === 1 ? "" : "s") + " (" +
        p.cooperative + " cooperative, " + p.conflictual + " conflictual), Goldstein mean " + fmtGs(p.goldstein_mean) +
        ". Click for the events.");
      var up = 0, down = 0, x = xOfSlot(i) + (slotW - barW) / 2;
      QUADS.forEach(function (q) {
        var c = p[q[0]] || 0;
        if (!c) { return; }
        var y0, y1;
        if (q[3] > 0) { y0 = yCount(up + c); y1 = yCount(up); up += c; }
        else { y0 = yCount(-down); y1 = yCount(-down - c); down += c; }
        el("rect", { x: x, y: y0, width: barW, height: Math.max(1, y1 - y0), "class": "seg " + q[2] }, a);
      });
      line.push([xOfSlot(i) + slotW / 2, yGs(p.goldstein_mean || 0), t, p]);
    });
    // Goldstein mean: a line through consecutive periods, a point per period
    var d = "", pen = false;
    line.forEach(function (pt) {
      if (!pt) { pen = false; return; }
      d += (pen ? "L" : "M") + pt[0].toFixed(1) + "," + pt[1].toFixed(1);
      pen = true;
    });
    if (d) { el("path", { d: d, "class": "gs-line" }, g); }
    line.forEach(function (pt) {
      if (!pt) { return; }
      var a = link(g, o.href(pt[2], pt[3]));
      a.setAttribute("class", "point");
      tip(a, periodLabel(pt[2], o.freq, true) + ": Goldstein mean " + fmtGs(pt[3].goldstein_mean) + " over " + pt[3].events + " events. Click for the events.");
      el("circle", { cx: pt[0], cy: pt[1], r: 4, "class": "gs-point" + (pt[3].goldstein_mean >= 0 ? " pos" : " neg") }, a);
    });
    return g;
  }

  function eventsHref(actor, partner, freq) {
    return function (t) {
      var q = new URLSearchParams({ actor: actor, partner: partner, from: fmtDay(t), to: fmtDay(periodEnd(t, freq)) });
      return "/events?" + q.toString();
    };
  }

  function indexPoints(points) {
    var by = {};
    points.forEach(function (p) { by[p.period] = p; });
    return by;
  }

  function maxCount(points) {
    var m = 0;
    points.forEach(function (p) { m = Math.max(m, p.cooperative, p.conflictual); });
    return m;
  }

  function newSvg(box, width, height, label) {
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img", "aria-label": label });
    box.replaceChildren(svg);
    return svg;
  }

  // -- actor page: one panel per partner --------------------------------------------------------
  function drawSeries(box, data) {
    var windows = (box.dataset.windows || "").split(",").filter(Boolean);
    var all = [];
    data.series.forEach(function (s) { all = all.concat(s.points); });
    if (!data.series.length) { box.replaceChildren(document.createTextNode("No partner events to draw.")); return; }
    var slots = periodRange(data.periods, data.freq, windows.map(parseDay));
    var width = Math.max(box.clientWidth || 900, 480), cols = width >= 900 ? 2 : 1;
    var pw = width / cols, ph = 190, rows = Math.ceil(data.series.length / cols);
    var svg = newSvg(box, width, rows * ph, "Cooperation and conflict of " + data.actor + " per partner over time");
    var m = niceMax(maxCount(all));
    data.series.forEach(function (s, i) {
      panel({
        svg: svg, x: (i % cols) * pw, y: Math.floor(i / cols) * ph, w: pw - 8, h: ph - 10,
        slots: slots, freq: data.freq, byPeriod: indexPoints(s.points), maxCount: m,
        href: eventsHref(data.actor, s.partner, data.freq), windows: windows,
        title: (s.name ? s.name + " (" + s.partner + ")" : s.partner),
        titleHref: "/dyad/" + encodeURIComponent(data.actor) + "/" + encodeURIComponent(s.partner),
        subtitle: s.events + (s.events === 1 ? " event" : " events")
      }).setAttribute("data-partner", s.partner);
    });
  }

  // -- dyad page: one wide panel ----------------------------------------------------------------
  function drawDyad(box, data) {
    if (!data.points.length) { box.replaceChildren(document.createTextNode("No events between these two actors.")); return; }
    var slots = periodRange(data.points.map(function (p) { return p.period; }), data.freq, []);
    var width = Math.max(box.clientWidth || 900, 480), height = 300;
    var svg = newSvg(box, width, height, "Events between " + data.actor1 + " and " + data.actor2 + " over time");
    panel({
      svg: svg, x: 0, y: 0, w: width, h: height, slots: slots, freq: data.freq,
      byPeriod: indexPoints(data.points), maxCount: niceMax(maxCount(data.points)),
      href: eventsHref(data.actor1, data.actor2, data.freq), marks: data.change_points || []
    });
  }

  // -- network page: the actors on a circle, an arrow per directed pair, before and recent -------
  var RED = [178, 24, 43], GREY = [160, 166, 173], GREEN = [27, 127, 59];
  function gsColour(v) {
    // -10 red, 0 grey, +10 green, linear in between
    var f = Math.max(-1, Math.min(1, (v || 0) / 10)), a = f < 0 ? RED : GREEN, k = Math.abs(f);
    var c = GREY.map(function (g, i) { return Math.round(g + (a[i] - g) * k); });
    return "rgb(" + c.join(",") + ")";
  }
  function fmtTone(v) {
    if (v === null || v === undefined) { return "–"; }
    return Math.abs(v) < 0.005 ? "0.00" : (v > 0 ? "+" : "") + v.toFixed(2);
  }

  function showEdgeEvents(edge, label, data) {
    var box = document.getElementById("edge-events");
    if (!box) { return; }
    var title = document.getElementById("edge-title"), list = document.getElementById("edge-list");
    var span = data[label];
    title.textContent = edge.source + " → " + edge.target + ", " + (label === "before" ? "window before" : "recent window") +
      " (" + span[0] + " – " + span[1] + "): loading…";
    list.replaceChildren();
    box.hidden = false;
    box.dataset.ready = "false";
    fetchJSON(edge["events_url_" + label]).then(function (res) {
      title.textContent = edge.source + " → " + edge.target + ", " + (label === "before" ? "window before" : "recent window") +
        " (" + span[0] + " – " + span[1] + "): " + res.total + " event" + (res.total === 1 ? "" : "s");
      res.events.forEach(function (ev) {
        var li = document.createElement("li");
        var when = document.createElement("span");
        when.className = "nowrap";
        when.textContent = ev.date + " ";
        var code = document.createElement("span");
        code.className = "cameo";
        code.textContent = ev.cameo;
        var a = document.createElement("a");
        a.className = "event-link";
        a.href = "/event/" + encodeURIComponent(ev.event_id);
        a.textContent = ev.sentence;
        li.append(when, code, document.createTextNode(" " + ev.event_name + ": "), a);
        list.appendChild(li);
      });
      box.dataset.ready = "true";
    }).catch(function (err) {
      title.textContent = "Could not list the events: " + err.message;
      box.dataset.ready = "error";
    });
  }

  function drawNetwork(box, data) {
    var n = data.actors.length;
    var maxN = 1;
    data.edges.forEach(function (e) { maxN = Math.max(maxN, e.events_before, e.events_recent); });
    box.replaceChildren();
    [["before", "Window before"], ["recent", "Recent window"]].forEach(function (w) {
      var label = w[0], span = data[label];
      var width = 460, height = 380, cx = width / 2, cy = height / 2 + 30, R = 150, nodeR = 30;
      var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img",
        "class": "net", "data-window": label,
        "aria-label": w[1] + " " + span[0] + " to " + span[1] + ": how " + data.actors.join(", ") + " act toward each other" });
      box.appendChild(svg);
      el("text", { x: 12, y: 20, "class": "panel-title" }, svg, w[1] + ": " + span[0] + " – " + span[1]);
      var pos = {};
      data.actors.forEach(function (k, i) {
        var ang = -Math.PI / 2 + 2 * Math.PI * i / n;
        pos[k] = [cx + R * Math.cos(ang), cy + R * Math.sin(ang)];
      });
      var drawn = 0;
      data.edges.forEach(function (e) {
        var count = e["events_" + label];
        if (!count) { return; }
        drawn += 1;
        var p = pos[e.source], q = pos[e.target];
        var dx = q[0] - p[0], dy = q[1] - p[1], len = Math.sqrt(dx * dx + dy * dy) || 1;
        var ux = dx / len, uy = dy / len, nx = -uy, ny = ux, bend = 30;
        // start and end on the node rims, the curve bent to the left of its direction
        var x1 = p[0] + ux * nodeR + nx * 8, y1 = p[1] + uy * nodeR + ny * 8;
        var x2 = q[0] - ux * (nodeR + 4) + nx * 8, y2 = q[1] - uy * (nodeR + 4) + ny * 8;
        var mx = (x1 + x2) / 2 + nx * bend, my = (y1 + y2) / 2 + ny * bend;
        var gsv = e["goldstein_" + label], tone = e["tone_" + label], colour = gsColour(gsv);
        var widthPx = 2 + 10 * Math.sqrt(count / maxN);
        var a = link(svg, "/events?" + new URLSearchParams({ source: e.source, target: e.target, from: span[0], to: span[1] }).toString());
        a.setAttribute("class", "edge");
        a.setAttribute("data-source", e.source);
        a.setAttribute("data-target", e.target);
        a.setAttribute("data-window", label);
        tip(a, e.source + " → " + e.target + ": " + count + " event" + (count === 1 ? "" : "s") + " (" +
          e["mentions_" + label] + " mentions), Goldstein mean " + fmtGs(gsv) + ", tone " + fmtTone(tone) +
          ". Click for the events.");
        el("path", { d: "M" + x1.toFixed(1) + "," + y1.toFixed(1) + " Q" + mx.toFixed(1) + "," + my.toFixed(1) +
          " " + x2.toFixed(1) + "," + y2.toFixed(1), "class": "edge-hit" }, a);
        el("path", { d: "M" + x1.toFixed(1) + "," + y1.toFixed(1) + " Q" + mx.toFixed(1) + "," + my.toFixed(1) +
          " " + x2.toFixed(1) + "," + y2.toFixed(1), "class": "edge-line", stroke: colour, "stroke-width": widthPx.toFixed(1) }, a);
        // the arrow head along the curve's end tangent
        var tx = x2 - mx, ty = y2 - my, tl = Math.sqrt(tx * tx + ty * ty) || 1, hx = tx / tl, hy = ty / tl;
        var hl = 10 + widthPx, hw = 5 + widthPx / 2;
        var tipX = x2 + hx * 4, tipY = y2 + hy * 4;
        el("polygon", { points: [tipX, tipY, tipX - hx * hl - hy * hw, tipY - hy * hl + hx * hw,
          tipX - hx * hl + hy * hw, tipY - hy * hl - hx * hw].map(function (v) { return v.toFixed(1); }).join(","),
          fill: colour, "class": "edge-head" }, a);
        // the label on the curve a third of the way from the source (so the labels of the two
        // directions of a pair do not meet), two short lines: events and Goldstein mean; tone
        var lt = 0.36, la = (1 - lt) * (1 - lt), lb = 2 * lt * (1 - lt), lc = lt * lt;
        var lx = la * x1 + lb * mx + lc * x2, ly = la * y1 + lb * my + lc * y2;
        var text = el("text", { x: lx.toFixed(1), y: (ly - 2).toFixed(1), "class": "edge-label", "text-anchor": "middle" }, a);
        el("tspan", { x: lx.toFixed(1) }, text, count + " · " + fmtGs(gsv));
        el("tspan", { x: lx.toFixed(1), dy: "13" }, text, "tone " + fmtTone(tone));
        a.addEventListener("click", function (ev) {
          if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) { return; }
          ev.preventDefault();
          svg.parentNode.querySelectorAll("a.edge.selected").forEach(function (x) { x.classList.remove("selected"); });
          a.classList.add("selected");
          showEdgeEvents(e, label, data);
        });
      });
      data.actors.forEach(function (k) {
        var g = link(svg, "/actor/" + encodeURIComponent(k));
        g.setAttribute("class", "node");
        g.setAttribute("data-actor", k);
        tip(g, (data.names && data.names[k] ? data.names[k] + " (" + k + ")" : k) + ". Click for its partners.");
        el("circle", { cx: pos[k][0], cy: pos[k][1], r: nodeR, "class": "node-dot" }, g);
        el("text", { x: pos[k][0], y: pos[k][1] + 5, "class": "node-label", "text-anchor": "middle" }, g, k);
      });
      if (!drawn) { el("text", { x: cx, y: height - 12, "class": "tick", "text-anchor": "middle" }, svg, "No events among these actors in this window."); }
    });
  }

  // -- actor page: Goldstein mean before and recent, per partner (a dumbbell chart) --------------
  function drawShifts(box, data) {
    var rows = data.partners;
    if (!rows.length) { box.replaceChildren(document.createTextNode("No partners in these windows.")); return; }
    var width = Math.max(Math.min(box.clientWidth || 420, 520), 320), rowH = 30, top = 34;
    var height = top + rows.length * rowH + 26;
    var svg = newSvg(box, width, height, "Goldstein mean per partner of " + data.actor + ": window before and recent window");
    var L = 56, R = width - 70;
    var x = function (v) { return L + (v + 10) / 20 * (R - L); };
    el("text", { x: L, y: 14, "class": "panel-title" }, svg, "Goldstein mean: before ○ → recent ●");
    [-10, -5, 0, 5, 10].forEach(function (v) {
      el("line", { x1: x(v), x2: x(v), y1: top - 8, y2: height - 22, "class": v === 0 ? "zero" : "grid" }, svg);
      el("text", { x: x(v), y: height - 8, "class": "tick", "text-anchor": "middle" }, svg, (v > 0 ? "+" : "") + v);
    });
    el("text", { x: width - 4, y: 14, "class": "tick", "text-anchor": "end" }, svg, "events");
    rows.forEach(function (p, i) {
      var y = top + i * rowH + rowH / 2;
      var a = link(svg, "/dyad/" + encodeURIComponent(data.actor) + "/" + encodeURIComponent(p.partner));
      a.setAttribute("class", "shift-row" + (p.weak ? " weak" : ""));
      tip(a, p.partner + (p.name ? " (" + p.name + ")" : "") + ": Goldstein mean " + fmtGs(p.goldstein_before) +
        " → " + fmtGs(p.goldstein_recent) + " on " + p.events_before + " → " + p.events_recent + " events" +
        (p.weak ? " (weak: few events)" : "") + ". Click for the dyad.");
      el("rect", { x: 0, y: y - rowH / 2, width: width, height: rowH, "class": "row-bg" }, a);
      el("text", { x: L - 10, y: y + 4, "class": "row-label", "text-anchor": "end" }, a, p.partner);
      var b = p.goldstein_before, r = p.goldstein_recent;
      var cls = (b === null || r === null) ? "flat" : (r > b ? "rise" : (r < b ? "fall" : "flat"));
      if (b !== null && r !== null) { el("line", { x1: x(b), x2: x(r), y1: y, y2: y, "class": "dumbbell " + cls }, a); }
      if (b !== null) { el("circle", { cx: x(b), cy: y, r: 5, "class": "before" }, a); }
      if (r !== null) { el("circle", { cx: x(r), cy: y, r: 6, "class": "recent " + cls }, a); }
      el("text", { x: width - 4, y: y + 4, "class": "tick", "text-anchor": "end" }, a, p.events_before + " → " + p.events_recent);
    });
  }

  var DRAW = { series: drawSeries, dyad: drawDyad, shifts: drawShifts, network: drawNetwork };

  function load(box) {
    var draw = DRAW[box.dataset.chart];
    if (!draw || !box.dataset.api) { return; }
    fetchJSON(box.dataset.api).then(function (data) {
      draw(box, data);
      box.dataset.ready = "true";
    }).catch(function (err) {
      var p = document.createElement("p");
      p.className = "error";
      p.textContent = "Could not draw the chart: " + err.message;
      box.replaceChildren(p);
      box.dataset.ready = "error";
    });
  }

  function init() { document.querySelectorAll("[data-chart]").forEach(load); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();

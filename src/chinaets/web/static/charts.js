// Small dependency-free SVG charts for the dashboard (shipped with the package, no CDN).
// Each <figure class="chart" data-chart='{...}'> gets an <svg>: "bar" specs carry
// bars: [[label, value, label in Chinese (optional)], ...]; "line" specs carry series: [{name, points: [[x, y], ...]}] and
// optional marks: [{x, y, label}] drawn as target diamonds.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 480, H = 280, L = 56, R = 16, T = 16, B = 48, B0 = 48;
  var COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

  function el(name, attrs, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function ticks(lo, hi) {
    var span = hi - lo || 1, raw = span / 5;
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * mag; })
      .reduce(function (a, b) { return Math.abs(span / a - 5) <= Math.abs(span / b - 5) ? a : b; });
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) { out.push(+v.toFixed(6)); }
    return out;
  }

  function frame(svg, ys, zero, unit) {
    var lo = Math.min.apply(null, ys), hi = Math.max.apply(null, ys);
    if (zero) { lo = Math.min(lo, 0); }
    var pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
    if (!zero) { lo -= pad; }
    hi += pad;
    var py = function (y) { return H - B - (y - lo) / (hi - lo) * (H - T - B); };
    ticks(lo, hi).forEach(function (y) {
      svg.appendChild(el("line", {x1: L, x2: W - R, y1: py(y), y2: py(y), stroke: "#e3e7ec"}));
      svg.appendChild(el("text", {x: L - 4, y: py(y) + 4, "text-anchor": "end", "font-size": 10}, String(y)));
    });
    svg.appendChild(el("text", {x: 4, y: 11, "font-size": 10, fill: "#5b6776"}, unit || ""));
    svg.appendChild(el("line", {x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#333"}));
    return py;
  }

  function bar(svg, spec) {
    var bars = spec.bars || [];
    if (!bars.length) { return; }
    B = B0;
    var py = frame(svg, bars.map(function (b) { return b[1]; }), true, spec.unit);
    var slot = (W - L - R) / bars.length;
    var zh = document.documentElement.lang.indexOf("zh") === 0;
    bars.forEach(function (b, i) {
      var name = zh && b[2] ? b[2] : b[0];
      var x = L + i * slot + slot * 0.15, top = py(b[1]), base = py(0);
      var rect = el("rect", {"class": "bar", x: x, y: Math.min(top, base), width: slot * 0.7,
        height: Math.max(1, Math.abs(base - top)), fill: COLOURS[0]});
      rect.appendChild(el("title", {}, name + ": " + b[1]));
      svg.appendChild(rect);
      var label = el("text", {x: x + slot * 0.35, y: H - B + 12, "text-anchor": "end", "font-size": 9,
        transform: "rotate(-30 " + (x + slot * 0.35) + " " + (H - B + 12) + ")"}, String(name).slice(0, zh ? 10 : 18));
      svg.appendChild(label);
    });
  }

  function line(svg, spec) {
    var series = spec.series || [], marks = spec.marks || [];
    var xs = [], ys = [];
    series.forEach(function (s) { s.points.forEach(function (p) { xs.push(p[0]); ys.push(p[1]); }); });
    marks.forEach(function (m) { xs.push(m.x); ys.push(m.y); });
    if (!xs.length) { return; }
    B = B0 + 12 * Math.max(0, series.length - 1);  // room for the legend under the axis
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var px = function (x) { return L + (x - x0) / ((x1 - x0) || 1) * (W - L - R - 60); };
    var py = frame(svg, ys, false, spec.unit);
    var stride = Math.max(1, Math.ceil((x1 - x0 + 1) / 8));
    for (var x = x0; x <= x1; x += stride) {
      svg.appendChild(el("text", {x: px(x), y: H - B + 14, "text-anchor": "middle", "font-size": 10}, String(x)));
    }
    series.forEach(function (s, i) {
      var colour = COLOURS[i % COLOURS.length];
      var pts = s.points.map(function (p) { return px(p[0]) + "," + py(p[1]); }).join(" ");
      svg.appendChild(el("polyline", {"class": "series", points: pts, fill: "none", stroke: colour, "stroke-width": 2}));
      s.points.forEach(function (p) {
        var dot = el("circle", {cx: px(p[0]), cy: py(p[1]), r: 2.5, fill: colour});
        dot.appendChild(el("title", {}, p[0] + ": " + (+p[1]).toFixed(2)));
        svg.appendChild(dot);
      });
      svg.appendChild(el("text", {x: L + 4, y: H - 8 - 12 * (series.length - 1 - i), "font-size": 10, fill: colour}, "— " + s.name));
    });
    marks.forEach(function (m) {
      var x = px(m.x), y = py(m.y);
      svg.appendChild(el("path", {"class": "target", d: "M" + x + "," + (y - 5) + " l5,5 l-5,5 l-5,-5 z", fill: "none", stroke: "#000"}));
      svg.appendChild(el("text", {x: x + 7, y: y + 3, "font-size": 9}, m.label));
    });
  }

  function draw(figure) {
    var spec;
    try { spec = JSON.parse(figure.getAttribute("data-chart")); } catch (e) { return; }
    var svg = el("svg", {viewBox: "0 0 " + W + " " + H, role: "img"});
    (spec.type === "line" ? line : bar)(svg, spec);
    figure.appendChild(svg);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("figure.chart"), draw);
  });
}());

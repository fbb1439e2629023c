// Small SVG charts drawn from data (no library). Each chart is an <svg role="img"> with a <title>, axis
// labels, a <title> per bar or point (hover text) and a <desc> that reads the data as a table for screen
// readers. `svg.fallbackTable` is the same data as a visually hidden <table> (in a <div>) the caller may
// append.

import { h, svg } from "./dom.js";

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 16, right: 12, bottom: 36, left: 56 };
export const PALETTE = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#dc2626"];

function niceMax(value) {
  if (value <= 0) return 1;
  const step = Math.pow(10, Math.floor(Math.log10(value)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

function frame({ title, testid, series, labels, format, max }) {
  const root = svg("svg", {
    class: "chart",
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    "data-testid": testid,
    preserveAspectRatio: "xMidYMid meet",
  });
  root.append(svg("title", null, title));
  const rows = labels.map((label, i) => `${label}: ${series.map((s) => `${s.name} ${format(s.values[i] ?? 0)}`).join(", ")}`);
  root.append(svg("desc", null, rows.join("; ")));

  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v) => PAD.top + plotH - (v / max) * plotH;
  const ticks = 4;
  const axis = svg("g", { class: "chart-axis", "aria-hidden": "true" });
  for (let i = 0; i <= ticks; i++) {
    const v = (max / ticks) * i;
    axis.append(
      svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v), class: "chart-grid" }),
      svg("text", { x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end", class: "chart-label" }, format(v)),
    );
  }
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const slot = plotW / Math.max(labels.length, 1);
  labels.forEach((label, i) => {
    if (i % every !== 0 && i !== labels.length - 1) return;
    axis.append(
      svg("text", { x: PAD.left + slot * (i + 0.5), y: HEIGHT - PAD.bottom + 16, "text-anchor": "middle", class: "chart-label" }, label),
    );
  });
  root.append(axis);

  // A table ignores the 1px box of .sr-only, so the wrapper carries it.
  root.fallbackTable = h(
    "div",
    { class: "sr-only" },
    h(
    "table",
    null,
    h("caption", null, title),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, ""), series.map((s) => h("th", { scope: "col" }, s.name)))),
    h(
      "tbody",
      null,
      labels.map((label, i) =>
        h("tr", null, h("th", { scope: "row" }, label), series.map((s) => h("td", null, format(s.values[i] ?? 0)))),
      ),
    ),
    ),
  );
  return { root, y, slot, plotH };
}

function maxOf(series, labels, stacked) {
  let max = 0;
  for (let i = 0; i < labels.length; i++) {
    const values = series.map((s) => Number(s.values[i] ?? 0));
    max = Math.max(max, stacked ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values));
  }
  return niceMax(max);
}

// Stacked bars: one bar per label, one segment per series ({name, values: [number]}, values aligned with
// labels). `format(value)` writes axis ticks and hover text.
export function barChart({ series, labels, title, testid, format = String }) {
  const max = maxOf(series, labels, true);
  const { root, y, slot } = frame({ title, testid, series, labels, format, max });
  const barW = Math.max(2, slot * 0.7);
  const bars = svg("g", { class: "chart-bars" });
  labels.forEach((label, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const v = Number(s.values[i] ?? 0);
      if (v <= 0) return;
      const top = y(base + v);
      const rect = svg(
        "rect",
        {
          x: PAD.left + slot * i + (slot - barW) / 2,
          y: top,
          width: barW,
          height: Math.max(0.5, y(base) - top),
          fill: s.color || PALETTE[k % PALETTE.length],
        },
        svg("title", null, `${label} · ${s.name}: ${format(v)}`),
      );
      bars.append(rect);
      base += v;
    });
  });
  root.append(bars);
  return root;
}

// One line per series, with a dot per point.
export function lineChart({ series, labels, title, testid, format = String }) {
  const max = maxOf(series, labels, false);
  const { root, y, slot } = frame({ title, testid, series, labels, format, max });
  const lines = svg("g", { class: "chart-lines" });
  series.forEach((s, k) => {
    const color = s.color || PALETTE[k % PALETTE.length];
    const points = labels.map((_, i) => [PAD.left + slot * (i + 0.5), y(Number(s.values[i] ?? 0))]);
    lines.append(
      svg("polyline", { points: points.map((p) => p.join(",")).join(" "), fill: "none", stroke: color, "stroke-width": 2 }),
    );
    points.forEach(([px, py], i) =>
      lines.append(
        svg("circle", { cx: px, cy: py, r: 3, fill: color }, svg("title", null, `${labels[i]} · ${s.name}: ${format(s.values[i] ?? 0)}`)),
      ),
    );
  });
  root.append(lines);
  return root;
}

// A legend for the series of a chart (colour swatch and name).
export function legend(series) {
  return h(
    "ul",
    { class: "chart-legend" },
    series.map((s, k) => {
      const swatch = h("span", { class: "chart-swatch", "aria-hidden": "true" });
      swatch.style.background = s.color || PALETTE[k % PALETTE.length];
      return h("li", null, swatch, s.name);
    }),
  );
}

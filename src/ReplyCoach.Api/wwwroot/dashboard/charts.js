// Two small SVG charts drawn from GET /api/v1/audit/aggregates?groupBy=week: flags per week stacked by
// category, and the share of flagged drafts improved before sending. No library: bars and text only.
"use strict";

window.ReplyCoachCharts = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const CATEGORIES = ["hostility", "blame", "generalization", "threat", "condescension", "dismissiveness", "profanity"];
  const LABELS = {
    hostility: "Hostility", blame: "Blame", generalization: "Generalisation", threat: "Threat",
    condescension: "Condescension", dismissiveness: "Dismissiveness", profanity: "Profanity",
  };
  const W = 640, H = 220, LEFT = 40, BOTTOM = 36, TOP = 10;

  function el(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes || {})) {
      node.setAttribute(key, String(value));
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function frame(container, label) {
    container.replaceChildren();
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label, class: "chart-svg" });
    container.append(svg);
    return svg;
  }

  function axis(svg, max, format) {
    const plotH = H - TOP - BOTTOM;
    for (let i = 0; i <= 4; i++) {
      const y = TOP + plotH - (plotH * i) / 4;
      svg.append(el("line", { x1: LEFT, x2: W - 4, y1: y, y2: y, class: "grid" }));
      svg.append(el("text", { x: LEFT - 4, y: y + 4, "text-anchor": "end", class: "tick" }, format((max * i) / 4)));
    }
  }

  function weekLabel(key) {
    const [, m, d] = key.split("-");
    return `${Number(d)}/${Number(m)}`;
  }

  function weekly(container, legend, groups) {
    const total = groups.reduce((sum, g) => sum + g.flags, 0);
    const svg = frame(container, `Flags per week by category: ${total} flags over ${groups.length} weeks.`);
    legend.replaceChildren(...CATEGORIES.map((c) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = `swatch cat-${c}`;
      item.append(swatch, LABELS[c]);
      return item;
    }));
    if (groups.length === 0) {
      svg.append(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "tick" }, "No flags in this range"));
      return;
    }
    const stacks = groups.map((g) => CATEGORIES.reduce((sum, c) => sum + (g.byCategory[c] || 0), 0));
    const max = Math.max(1, ...stacks);
    const nice = Math.ceil(max / 4) * 4;
    axis(svg, nice, (v) => String(Math.round(v)));
    const plotW = W - LEFT - 8, plotH = H - TOP - BOTTOM;
    const slot = plotW / groups.length;
    const bar = Math.max(2, Math.min(36, slot * 0.7));
    groups.forEach((g, i) => {
      let y = TOP + plotH;
      const x = LEFT + i * slot + (slot - bar) / 2;
      for (const c of CATEGORIES) {
        const n = g.byCategory[c] || 0;
        if (n === 0) {
          continue;
        }
        const h = (n / nice) * plotH;
        y -= h;
        const rect = el("rect", { x, y, width: bar, height: Math.max(h, 0.5), class: `cat-${c}` });
        rect.append(el("title", {}, `Week of ${g.key}: ${n} ${LABELS[c].toLowerCase()}`));
        svg.append(rect);
      }
      if (groups.length <= 16 || i % Math.ceil(groups.length / 16) === 0) {
        svg.append(el("text", { x: x + bar / 2, y: H - BOTTOM + 14, "text-anchor": "middle", class: "tick" }, weekLabel(g.key)));
      }
    });
  }

  function improved(container, groups) {
    const known = groups.filter((g) => g.withOutcome > 0);
    const all = groups.reduce((s, g) => s + g.improved, 0);
    const denominator = groups.reduce((s, g) => s + g.withOutcome, 0);
    const overall = denominator ? Math.round((100 * all) / denominator) : 0;
    const svg = frame(container, `Improved before sending: ${overall}% of ${denominator} flagged drafts with a known outcome.`);
    if (known.length === 0) {
      svg.append(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "tick" }, "No outcomes reported in this range"));
      return;
    }
    axis(svg, 100, (v) => `${Math.round(v)}%`);
    const plotW = W - LEFT - 8, plotH = H - TOP - BOTTOM;
    const slot = plotW / groups.length;
    const bar = Math.max(2, Math.min(36, slot * 0.7));
    groups.forEach((g, i) => {
      const x = LEFT + i * slot + (slot - bar) / 2;
      if (g.withOutcome > 0) {
        const share = g.improved / g.withOutcome;
        const h = share * plotH;
        const rect = el("rect", { x, y: TOP + plotH - h, width: bar, height: Math.max(h, 0.5), class: "improved" });
        rect.append(el("title", {}, `Week of ${g.key}: ${Math.round(share * 100)}% (${g.improved} of ${g.withOutcome})`));
        svg.append(rect);
      }
      if (groups.length <= 16 || i % Math.ceil(groups.length / 16) === 0) {
        svg.append(el("text", { x: x + bar / 2, y: H - BOTTOM + 14, "text-anchor": "middle", class: "tick" }, weekLabel(g.key)));
      }
    });
    svg.append(el("text", { x: W - 8, y: TOP + 12, "text-anchor": "end", class: "total" }, `Overall ${overall}%`));
  }

  return { weekly, improved, CATEGORIES, LABELS };
})();

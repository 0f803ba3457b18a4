/**
 * Code run inside the pages (Loupe's and the naive baseline's), as source text: the bench compiles
 * without DOM types, and these must not ship in the app.
 */

/**
 * Frames per second while panning and zooming with wheel events dispatched on `selector` once per
 * animation frame — the work a user's trackpad asks for. Zoom in, pan, zoom out, pan, repeated.
 * Resolves `{ fps, p95FrameMs, frames }`.
 */
export function panZoomProbe(selector: string, durationMs: number, zoomStep: number): string {
  return `new Promise((resolve) => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const rect = el.getBoundingClientRect();
    const cx = rect.left + rect.width / 2;
    const cy = rect.top + rect.height / 2;
    const gaps = [];
    let frames = 0;
    let start = 0;
    let last = 0;
    const step = (now) => {
      if (start === 0) { start = last = now; requestAnimationFrame(step); return; }
      frames++;
      gaps.push(now - last);
      last = now;
      const phase = Math.floor((now - start) / 500) % 4;
      const deltaY = phase === 0 ? -${zoomStep} : phase === 2 ? ${zoomStep} : 0;
      const deltaX = phase % 2 === 1 ? (phase === 1 ? 12 : -12) : 0;
      el.dispatchEvent(new WheelEvent('wheel', { deltaX, deltaY, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
      if (now - start < ${durationMs}) requestAnimationFrame(step);
      else {
        gaps.sort((a, b) => a - b);
        resolve({ fps: frames / ((now - start) / 1000), p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0, frames });
      }
    };
    requestAnimationFrame(step);
  })`;
}

/** Zooms Loupe's map to `k`× of its fitted scale around the centre (for the detailed fps run). */
export function zoomInScript(selector: string, wheelSteps: number): string {
  return `(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const rect = el.getBoundingClientRect();
    for (let i = 0; i < ${wheelSteps}; i++) {
      el.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2, bubbles: true, cancelable: true }));
    }
  })()`;
}

/** The naive baseline: d3-force on the main thread, one SVG element per node and per edge. */
export const NAIVE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>naive topology</title></head>
<body style="margin:0;background:#f7f7f8">
<svg id="svg" width="100%" height="100%" style="position:fixed;inset:0"><g id="g"></g></svg>
<script src="/d3-dispatch.js"></script>
<script src="/d3-quadtree.js"></script>
<script src="/d3-timer.js"></script>
<script src="/d3-force.js"></script>
<script>
fetch('/graph.json').then((r) => r.json()).then((graph) => {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.getElementById('svg');
  const g = document.getElementById('g');
  const nodes = graph.nodes.map((n) => ({ id: n.id }));
  const links = graph.edges.map((e) => ({ source: e.source, target: e.target }));
  const lines = links.map(() => { const l = document.createElementNS(ns, 'line'); l.setAttribute('stroke', '#9aa3b2'); g.appendChild(l); return l; });
  const circles = nodes.map((n) => {
    const c = document.createElementNS(ns, 'circle');
    c.setAttribute('r', '8'); c.setAttribute('fill', '#dcfce7'); c.setAttribute('stroke', '#15803d');
    const t = document.createElementNS(ns, 'title'); t.textContent = n.id; c.appendChild(t);
    g.appendChild(c); return c;
  });
  const width = svg.clientWidth, height = svg.clientHeight;
  let ticks = 0;
  const started = performance.now();
  const sim = d3.forceSimulation(nodes)
    .force('charge', d3.forceManyBody())
    .force('link', d3.forceLink(links).id((d) => d.id))
    .force('center', d3.forceCenter(width / 2, height / 2))
    .force('collide', d3.forceCollide(10));
  sim.on('tick', () => {
    ticks++;
    for (let i = 0; i < nodes.length; i++) { circles[i].setAttribute('cx', nodes[i].x); circles[i].setAttribute('cy', nodes[i].y); }
    for (let i = 0; i < links.length; i++) {
      const l = links[i];
      lines[i].setAttribute('x1', l.source.x); lines[i].setAttribute('y1', l.source.y);
      lines[i].setAttribute('x2', l.target.x); lines[i].setAttribute('y2', l.target.y);
    }
  });
  sim.on('end', () => requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('naive:first-stable-frame');
    document.body.dataset.ticks = String(ticks);
    document.body.dataset.tickMs = String((performance.now() - started) / ticks);
    document.body.dataset.stable = 'true';
  })));
  let k = 1, x = 0, y = 0;
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    if (Math.abs(e.deltaY) >= Math.abs(e.deltaX)) {
      const f = Math.exp(-e.deltaY * 0.0015);
      x = e.clientX - (e.clientX - x) * f; y = e.clientY - (e.clientY - y) * f; k *= f;
    } else { x -= e.deltaX; y -= e.deltaY; }
    g.setAttribute('transform', 'translate(' + x + ',' + y + ') scale(' + k + ')');
  }, { passive: false });
});
</script></body></html>`;

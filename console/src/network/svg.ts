// SVG export of the picture as drawn: the canvas's node positions, kind colours, masked
// captions and relationship types, as one standalone SVG file (vector, for reports).
// Pure: the canvas hands over positions, this writes the text.

export interface SvgNode {
  id: string;
  caption: string;
  colour: string;
  x: number;
  y: number;
  size: number;
  group: boolean;
}

export interface SvgEdge {
  source: string;
  target: string;
  label: string;
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const round = (n: number) => Math.round(n * 10) / 10;

export function toSVG(nodes: readonly SvgNode[], edges: readonly SvgEdge[], title: string): string {
  const pad = 40;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const minX = (nodes.length ? Math.min(...xs) : 0) - pad;
  const minY = (nodes.length ? Math.min(...ys) : 0) - pad;
  const width = (nodes.length ? Math.max(...xs) : 0) + pad - minX;
  const height = (nodes.length ? Math.max(...ys) : 0) + pad + 14 - minY;
  const at = new Map(nodes.map((n) => [n.id, n]));
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${round(minX)} ${round(minY)} ${round(width)} ${round(height)}" width="${round(width)}" height="${round(height)}" font-family="'Noto Sans CJK SC', 'Noto Sans SC', sans-serif">`,
    `  <title>${xml(title)}</title>`,
    '  <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#bfbfbf"/></marker></defs>',
    `  <rect x="${round(minX)}" y="${round(minY)}" width="${round(width)}" height="${round(height)}" fill="#ffffff"/>`,
    '  <g class="edges" stroke="#bfbfbf" stroke-width="1.5">',
  ];
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    const [ux, uy] = [dx / length, dy / length];
    const [x1, y1] = [a.x + (ux * a.size) / 2, a.y + (uy * a.size) / 2];
    const [x2, y2] = [b.x - (ux * b.size) / 2, b.y - (uy * b.size) / 2];
    out.push(
      `    <line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" marker-end="url(#arrow)"><title>${xml(e.label)}</title></line>`,
      `    <text x="${round((x1 + x2) / 2)}" y="${round((y1 + y2) / 2)}" font-size="7" fill="#8c8c8c" stroke="none" text-anchor="middle">${xml(e.label)}</text>`,
    );
  }
  out.push("  </g>", '  <g class="nodes">');
  for (const n of nodes) {
    const r = n.size / 2;
    const shape = n.group
      ? `<rect x="${round(n.x - r)}" y="${round(n.y - r)}" width="${round(n.size)}" height="${round(n.size)}" rx="6" fill="${xml(n.colour)}"/>`
      : `<circle cx="${round(n.x)}" cy="${round(n.y)}" r="${round(r)}" fill="${xml(n.colour)}"/>`;
    out.push(
      `    <g>${shape}<text x="${round(n.x)}" y="${round(n.y + r + 11)}" font-size="10" text-anchor="middle" fill="#262626">${xml(n.caption)}</text></g>`,
    );
  }
  out.push("  </g>", "</svg>");
  return out.join("\n");
}

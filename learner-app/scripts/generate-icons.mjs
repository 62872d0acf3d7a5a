#!/usr/bin/env node
// Generates the PWA icons in learner-app/public/ from simple geometry (a steaming bowl on a
// warm background). No external assets or image libraries: PNGs are encoded with node:zlib.
//
//   node learner-app/scripts/generate-icons.mjs
//
// Outputs (commit them): pwa-192x192.png, pwa-512x512.png, maskable-512x512.png,
// apple-touch-icon-180x180.png, favicon.svg
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

// Keep in sync with src/theme.ts and vite.config.ts (theme_color).
const BG_TOP = [0xc8, 0x55, 0x33];
const BG_BOTTOM = [0xa8, 0x3c, 0x22];
const FG = [0xff, 0xf8, 0xf0];

// ---- geometry in unit coordinates (0..1, y down) --------------------------------------------
const BOWL = { cx: 0.5, cy: 0.5, r: 0.3 }; // lower half-disc
const RIM = { x0: 0.16, x1: 0.84, y0: 0.475, y1: 0.535 }; // rounded bar on top of the bowl
const FOOT = { x0: 0.4, x1: 0.6, y0: 0.78, y1: 0.84 };
const STEAM = { xs: [0.37, 0.5, 0.63], y0: 0.16, y1: 0.4, amp: 0.028, waves: 1.25, width: 0.036 };

function steamX(cx, y) {
  const t = (y - STEAM.y0) / (STEAM.y1 - STEAM.y0);
  return cx + STEAM.amp * Math.sin(t * Math.PI * 2 * STEAM.waves);
}

const STEAM_SEGMENTS = 48;
const STEAM_LINES = STEAM.xs.map((cx) => ({
  cx,
  pts: Array.from({ length: STEAM_SEGMENTS + 1 }, (_, i) => {
    const y = STEAM.y0 + ((STEAM.y1 - STEAM.y0) * i) / STEAM_SEGMENTS;
    return [steamX(cx, y), y];
  }),
}));

function distToPolyline(x, y, pts) {
  let best = Infinity;
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1];
    const [bx, by] = pts[i];
    const vx = bx - ax, vy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
    best = Math.min(best, Math.hypot(x - (ax + t * vx), y - (ay + t * vy)));
  }
  return best;
}

function inRoundedRect(x, y, r) {
  const { x0, x1, y0, y1 } = r;
  const rad = (y1 - y0) / 2;
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cy = (y0 + y1) / 2;
  if (x < x0 + rad) return Math.hypot(x - (x0 + rad), y - cy) <= rad;
  if (x > x1 - rad) return Math.hypot(x - (x1 - rad), y - cy) <= rad;
  return true;
}

/** Is unit point (x, y) inside the foreground motif? */
function inMotif(x, y) {
  if (y >= BOWL.cy && Math.hypot(x - BOWL.cx, y - BOWL.cy) <= BOWL.r) return true;
  if (inRoundedRect(x, y, RIM)) return true;
  if (inRoundedRect(x, y, FOOT)) return true;
  const half = STEAM.width / 2;
  if (y < STEAM.y0 - half || y > STEAM.y1 + half) return false;
  for (const line of STEAM_LINES) {
    if (Math.abs(x - line.cx) > STEAM.amp + half) continue;
    if (distToPolyline(x, y, line.pts) <= half) return true;
  }
  return false;
}

function inSquircle(x, y, radius) {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

/**
 * @param {number} size pixel size
 * @param {{ corner: number, scale: number }} opts corner: background corner radius (0 = full bleed);
 *   scale: motif scale around the centre (maskable icons keep it inside the 80% safe zone)
 */
function render(size, { corner, scale }) {
  const SS = 4; // 4x4 supersampling for anti-aliasing
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          if (corner > 0 && !inSquircle(x, y, corner)) continue;
          const mx = 0.5 + (x - 0.5) / scale;
          const my = 0.5 + (y - 0.5) / scale;
          let c;
          if (inMotif(mx, my)) c = FG;
          else c = BG_TOP.map((top, i) => top + (BG_BOTTOM[i] - top) * y);
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((a / (SS * SS)) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

// ---- minimal PNG encoder (RGBA, 8 bit, no interlace) ------------------------------------------
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- SVG favicon with the same geometry ---------------------------------------------------------
function svg() {
  const hex = (c) => '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const f = (n) => +(n * 100).toFixed(2);
  const steam = STEAM.xs
    .map((cx) => {
      const pts = [];
      for (let i = 0; i <= STEAM_SEGMENTS; i += 2) {
        const y = STEAM.y0 + ((STEAM.y1 - STEAM.y0) * i) / STEAM_SEGMENTS;
        pts.push(`${f(steamX(cx, y))},${f(y)}`);
      }
      return `<polyline points="${pts.join(' ')}"/>`;
    })
    .join('');
  const rr = (r) => {
    const h = r.y1 - r.y0;
    return `<rect x="${f(r.x0)}" y="${f(r.y0)}" width="${f(r.x1 - r.x0)}" height="${f(h)}" rx="${f(h / 2)}"/>`;
  };
  const bowl = `<path d="M${f(BOWL.cx - BOWL.r)} ${f(BOWL.cy)}A${f(BOWL.r)} ${f(BOWL.r)} 0 0 0 ${f(BOWL.cx + BOWL.r)} ${f(BOWL.cy)}Z"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hex(BG_TOP)}"/><stop offset="1" stop-color="${hex(BG_BOTTOM)}"/></linearGradient></defs>
<rect width="100" height="100" rx="22" fill="url(#g)"/>
<g fill="${hex(FG)}">${bowl}${rr(RIM)}${rr(FOOT)}</g>
<g fill="none" stroke="${hex(FG)}" stroke-width="${f(STEAM.width)}" stroke-linecap="round" stroke-linejoin="round">${steam}</g>
</svg>
`;
}

mkdirSync(OUT_DIR, { recursive: true });
const outputs = [
  ['pwa-192x192.png', render(192, { corner: 0.22, scale: 1 })],
  ['pwa-512x512.png', render(512, { corner: 0.22, scale: 1 })],
  ['maskable-512x512.png', render(512, { corner: 0, scale: 0.78 })],
  ['apple-touch-icon-180x180.png', render(180, { corner: 0, scale: 0.9 })],
  ['favicon.svg', Buffer.from(svg())],
];
for (const [name, data] of outputs) {
  writeFileSync(join(OUT_DIR, name), data);
  console.log(`wrote public/${name} (${data.length} bytes)`);
}

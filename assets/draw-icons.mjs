// Draws the add-in's icons (a rising bar chart with a check mark, civic blue to teal) as PNGs
// at the sizes the manifest and the Office ribbon ask for. Run: node assets/draw-icons.mjs
// Shapes are signed-distance functions sampled 8×8 times per pixel, so small sizes stay crisp.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const SIZES = [16, 32, 64, 80, 128];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A minimal PNG encoder: 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

// --- shapes in unit coordinates (0..1, y down); negative distance = inside -----------------
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx, dy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
};
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax, py = y - ay, vx = bx - ax, vy = by - ay;
  const h = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - vx * h, py - vy * h) - w / 2;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));

const background = roundedRect(0.02, 0.02, 0.98, 0.98, 0.2);
const bars = union(
  roundedRect(0.16, 0.62, 0.32, 0.86, 0.03),
  roundedRect(0.42, 0.48, 0.58, 0.86, 0.03),
  roundedRect(0.68, 0.3, 0.84, 0.86, 0.03),
);
const check = union(segment(0.14, 0.3, 0.26, 0.42, 0.1), segment(0.26, 0.42, 0.5, 0.14, 0.1));
const checkHalo = union(segment(0.14, 0.3, 0.26, 0.42, 0.2), segment(0.26, 0.42, 0.5, 0.14, 0.2));

const BLUE = [21, 94, 180];
const TEAL = [0, 137, 123];
const WHITE = [255, 255, 255];
const MINT = [128, 240, 200];

function colourAt(x, y) {
  if (background(x, y) > 0) return null;
  const t = Math.min(1, Math.max(0, (x + y) / 2));
  let c = BLUE.map((b, i) => b + (TEAL[i] - b) * t);
  if (bars(x, y) <= 0) c = WHITE;
  if (checkHalo(x, y) <= 0 && check(x, y) > 0) c = BLUE.map((b) => b * 0.75);
  if (check(x, y) <= 0) c = MINT;
  return c;
}

function draw(size) {
  const ss = 8;
  const px = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let qx = 0; qx < size; qx++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((qx + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
      }
      const o = (py * size + qx) * 4;
      if (a > 0) { px[o] = Math.round(r / a); px[o + 1] = Math.round(g / a); px[o + 2] = Math.round(b / a); }
      px[o + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return encodePng(size, size, px);
}

for (const size of SIZES) writeFileSync(join(here, `icon-${size}.png`), draw(size));
console.log(`icons: ${SIZES.map((s) => `icon-${s}.png`).join(", ")}`);

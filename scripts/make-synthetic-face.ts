// Draws a synthetic passport-style face (ellipses and gradients, no real person) and writes it as a
// baseline JPEG to native/sim/assets/synthetic-face.jpg, the DG2 image of the simulator's profiles.
// Deterministic: the same bytes on every run. Size and quality are chosen to give a file of about
// 20 KB, like the face images on Vietnamese CCCD chips. Run: node bin/run-ts.mjs scripts/make-synthetic-face.ts

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';

const WIDTH = 360;
const HEIGHT = 480;
const QUALITY = 82;

type Rgb = readonly [number, number, number];

const pixels = Buffer.alloc(WIDTH * HEIGHT * 4);

/** Deterministic noise (a 32-bit LCG), so that the image has a photo-like texture yet is reproducible. */
let seed = 0x5eed;
function noise(amplitude: number): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return ((seed / 0x100000000) * 2 - 1) * amplitude;
}

function paint(x: number, y: number, colour: Rgb, alpha = 1): void {
  if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) return;
  const i = (y * WIDTH + x) * 4;
  for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(pixels[i + c]! * (1 - alpha) + colour[c]! * alpha);
  pixels[i + 3] = 255;
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** Fills an ellipse, shading it from `light` (top left) to `dark`. */
function ellipse(cx: number, cy: number, rx: number, ry: number, light: Rgb, dark: Rgb, texture = 6): void {
  for (let y = Math.floor(cy - ry); y <= cy + ry; y++) {
    for (let x = Math.floor(cx - rx); x <= cx + rx; x++) {
      const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      if (d > 1) continue;
      const t = Math.min(1, Math.max(0, 0.5 + ((x - cx) / rx) * 0.3 + ((y - cy) / ry) * 0.3));
      const n = noise(texture);
      const colour: Rgb = [0, 1, 2].map((c) => clamp(light[c]! * (1 - t) + dark[c]! * t + n)) as unknown as Rgb;
      // Soft edge over the outer 8 % of the radius.
      paint(x, y, colour, d > 0.92 ? (1 - d) / 0.08 : 1);
    }
  }
}

function rectangle(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) paint(x, y, colour);
}

// Background: the light grey-blue gradient of a document photo.
for (let y = 0; y < HEIGHT; y++) {
  for (let x = 0; x < WIDTH; x++) {
    const t = y / HEIGHT;
    paint(x, y, [clamp(222 - 20 * t + noise(3)), clamp(228 - 18 * t + noise(3)), clamp(236 - 10 * t + noise(3))]);
  }
}

const cx = WIDTH / 2;
ellipse(cx, 470, 170, 110, [52, 62, 92], [24, 30, 52], 8); // shoulders (jacket)
rectangle(cx - 22, 330, cx + 22, 380, [205, 160, 130]); // neck
ellipse(cx, 395, 40, 22, [236, 236, 240], [200, 200, 210], 3); // collar
ellipse(cx, 150, 112, 100, [44, 36, 32], [16, 12, 10], 10); // hair
ellipse(cx, 215, 92, 122, [236, 192, 160], [190, 138, 108], 7); // face
ellipse(cx - 92, 220, 14, 26, [226, 180, 150], [180, 130, 100]); // ears
ellipse(cx + 92, 220, 14, 26, [226, 180, 150], [180, 130, 100]);
ellipse(cx, 118, 96, 44, [44, 36, 32], [20, 16, 14], 10); // fringe
for (const side of [-1, 1]) {
  ellipse(cx + side * 36, 196, 20, 9, [250, 250, 250], [214, 214, 220], 2); // eye white
  ellipse(cx + side * 36, 196, 8, 8, [70, 48, 36], [30, 20, 16], 3); // iris
  ellipse(cx + side * 36, 176, 24, 4, [60, 44, 36], [30, 22, 18], 3); // eyebrow
}
ellipse(cx, 240, 11, 26, [222, 174, 142], [188, 136, 106], 4); // nose
ellipse(cx, 288, 30, 8, [178, 92, 88], [140, 66, 64], 4); // mouth

const encoded = jpeg.encode({ data: pixels, width: WIDTH, height: HEIGHT }, QUALITY);
const target = fileURLToPath(new URL('../native/sim/assets/synthetic-face.jpg', import.meta.url));
writeFileSync(target, encoded.data);
console.log(`wrote ${target}: ${WIDTH}x${HEIGHT}, ${encoded.data.length} bytes`);

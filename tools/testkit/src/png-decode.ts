// A small PNG decoder (8-bit RGB/RGBA, non-interlaced: what chromium screenshots are) so tests can
// look at pixels: count colours, check a region is not blank.
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row after row. */
  rgba: Uint8Array;
}

export function decodePng(data: Buffer): DecodedPng {
  if (data.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG file');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < data.length) {
    const len = data.readUInt32BE(pos);
    const type = data.subarray(pos + 4, pos + 8).toString('latin1');
    const body = data.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9] ?? 0;
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || body[12] !== 0) {
        throw new Error(
          `unsupported PNG (bit depth ${depth}, colour type ${colorType}, interlace ${body[12]})`,
        );
      }
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? (cur[i - bpp] ?? 0) : 0;
      const b = prev[i] ?? 0;
      const c = i >= bpp ? (prev[i - bpp] ?? 0) : 0;
      const x = line[i] ?? 0;
      let v: number;
      switch (filter) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      cur[i] = v & 0xff;
    }
    for (let xPix = 0; xPix < width; xPix++) {
      for (let k = 0; k < 3; k++) out[(y * width + xPix) * 4 + k] = cur[xPix * bpp + k] ?? 0;
      out[(y * width + xPix) * 4 + 3] = bpp === 4 ? (cur[xPix * bpp + 3] ?? 255) : 255;
    }
    prev = cur;
  }
  return { width, height, rgba: out };
}

export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Pixels within `tolerance` of an RGB colour given as "#rrggbb", optionally inside a region. */
export function countColor(png: DecodedPng, hex: string, tolerance = 8, region?: Region): number {
  const r = Number.parseInt(hex.slice(1, 3), 16);
  const g = Number.parseInt(hex.slice(3, 5), 16);
  const b = Number.parseInt(hex.slice(5, 7), 16);
  let n = 0;
  for (let i = 0; i < png.rgba.length; i += 4) {
    const x = (i / 4) % png.width;
    const y = Math.floor(i / 4 / png.width);
    if (region && (x < region.x0 || x >= region.x1 || y < region.y0 || y >= region.y1)) continue;
    if (
      Math.abs((png.rgba[i] ?? 0) - r) <= tolerance &&
      Math.abs((png.rgba[i + 1] ?? 0) - g) <= tolerance &&
      Math.abs((png.rgba[i + 2] ?? 0) - b) <= tolerance
    )
      n++;
  }
  return n;
}

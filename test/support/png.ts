import { inflateSync } from "node:zlib";

/** An 8-bit greyscale image: one byte of luma per pixel, row by row. */
export interface GreyImage {
  width: number;
  height: number;
  luma: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Reads a PNG into greyscale (BT.601 luma, transparent pixels composited on white), for tests
 * that show an image to a fake camera. Non-interlaced, 8 bits per sample, any colour type:
 * what QR code libraries write. Anything else throws.
 */
export function readPngGrey(bytes: Uint8Array): GreyImage {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!SIGNATURE.every((b, i) => data[i] === b)) throw new TypeError("Not a PNG.");
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  let palette: Buffer | undefined;
  let alphas: Buffer | undefined;
  const compressed: Buffer[] = [];
  while (offset + 8 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString("latin1", offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || interlace !== 0) {
        throw new TypeError("Only non-interlaced 8-bit PNGs are read here.");
      }
      colourType = colour!;
    } else if (type === "PLTE") palette = body;
    else if (type === "tRNS") alphas = body;
    else if (type === "IDAT") compressed.push(body);
    else if (type === "IEND") break;
  }
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType];
  if (!channels || width === 0 || height === 0) throw new TypeError("Unsupported PNG.");
  const raw = inflateSync(Buffer.concat(compressed));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new TypeError("Truncated PNG.");

  // Undo the per-row filters (PNG spec, section 9).
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    const up = (i: number) => (y > 0 ? pixels[out - stride + i]! : 0);
    const left = (i: number) => (i >= channels ? pixels[out + i - channels]! : 0);
    const upLeft = (i: number) =>
      y > 0 && i >= channels ? pixels[out - stride + i - channels]! : 0;
    for (let i = 0; i < stride; i++) {
      const a = left(i);
      const b = up(i);
      const c = upLeft(i);
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new TypeError(`Unknown PNG filter ${filter}.`);
      pixels[out + i] = (row[i]! + predictor) & 0xff;
    }
  }

  const luma = new Uint8Array(width * height);
  for (let p = 0; p < width * height; p++) {
    let r: number;
    let g: number;
    let b: number;
    let alpha = 255;
    const at = p * channels;
    if (colourType === 3) {
      const index = pixels[at]!;
      if (!palette || index * 3 + 2 >= palette.length) throw new TypeError("Bad PNG palette.");
      [r, g, b] = [palette[index * 3]!, palette[index * 3 + 1]!, palette[index * 3 + 2]!];
      alpha = alphas?.[index] ?? 255;
    } else if (colourType === 0 || colourType === 4) {
      r = g = b = pixels[at]!;
      if (colourType === 4) alpha = pixels[at + 1]!;
    } else {
      [r, g, b] = [pixels[at]!, pixels[at + 1]!, pixels[at + 2]!];
      if (colourType === 6) alpha = pixels[at + 3]!;
    }
    const grey = 0.299 * r + 0.587 * g + 0.114 * b;
    luma[p] = Math.round((grey * alpha + 255 * (255 - alpha)) / 255);
  }
  return { width, height, luma };
}

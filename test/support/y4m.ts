import QRCode from "qrcode";
import type { GreyImage } from "./png.js";

interface FrameOptions {
  width?: number;
  height?: number;
  frames?: number;
}

/**
 * A YUV4MPEG2 video (C420jpeg, full range) for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`): the same greyscale frame, repeated.
 */
function greyVideo(luma: Uint8Array, width: number, height: number, frames: number): Uint8Array {
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, "ascii");
  const frameHeader = Buffer.from("FRAME\n", "ascii");
  const parts: Uint8Array[] = [header];
  for (let i = 0; i < frames; i++) parts.push(frameHeader, luma, chroma);
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * A video of a QR code of `text`: the code's module matrix scaled up, black on white, with a
 * quiet zone, centred in every frame.
 */
export function qrVideo(
  text: string,
  options: FrameOptions & { moduleSize?: number } = {},
): Uint8Array {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 5;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 4;
  const side = modules.size + quiet * 2;
  const scale = options.moduleSize ?? Math.floor(Math.min(width, height) / side);
  if (scale < 2) throw new RangeError("The QR code does not fit the frame.");
  const left = Math.floor((width - side * scale) / 2);
  const top = Math.floor((height - side * scale) / 2);

  const luma = new Uint8Array(width * height).fill(255);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const y0 = top + (row + quiet) * scale;
      const x0 = left + (col + quiet) * scale;
      for (let y = y0; y < y0 + scale; y++) luma.fill(0, y * width + x0, y * width + x0 + scale);
    }
  }
  return greyVideo(luma, width, height, frames);
}

/**
 * A video of an image (say, a QR code PNG read with `readPngGrey`): scaled to fit the frame
 * (nearest neighbour, aspect kept), centred on white, as a camera held in front of a screen
 * would see it.
 */
export function imageVideo(image: GreyImage, options: FrameOptions = {}): Uint8Array {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const scale = Math.min(width / image.width, height / image.height);
  const shownWidth = Math.floor(image.width * scale);
  const shownHeight = Math.floor(image.height * scale);
  const left = Math.floor((width - shownWidth) / 2);
  const top = Math.floor((height - shownHeight) / 2);
  const luma = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < shownHeight; y++) {
    const sourceRow = Math.min(image.height - 1, Math.floor(y / scale)) * image.width;
    for (let x = 0; x < shownWidth; x++) {
      const source = sourceRow + Math.min(image.width - 1, Math.floor(x / scale));
      luma[(top + y) * width + left + x] = image.luma[source]!;
    }
  }
  return greyVideo(luma, width, height, options.frames ?? 5);
}

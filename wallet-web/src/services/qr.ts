import jsQRModule from "jsqr";
import pngjs from "pngjs";
import QRCode from "qrcode";

/** A QR code of `text` as SVG (sharp at any size, for screens and print). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** A QR code of `text` as a PNG (to download, or to paste into a document). */
export function qrPng(text: string, width = 480): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 2, width });
}

type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is CommonJS; depending on the loader its function is the module or its `default`.
const jsQR: JsQR =
  typeof jsQRModule === "function"
    ? (jsQRModule as unknown as JsQR)
    : (jsQRModule as unknown as { default: JsQR }).default;

/** Largest image decoded (pixels): a screenshot of a QR code is far smaller. */
const MAX_PIXELS = 16_000_000;

/**
 * The text of the QR code in a PNG image, or `undefined` when the image is not a PNG or holds
 * no readable QR code. Used to claim an offer from a screenshot, and by tests to read the share
 * QR code back.
 */
export function decodeQrPng(bytes: Uint8Array): string | undefined {
  let image: { width: number; height: number; data: Buffer };
  try {
    const buffer = Buffer.from(bytes);
    if (buffer.length < 24 || buffer.readUInt32BE(0) !== 0x89504e47) return undefined;
    // IHDR: width and height at bytes 16 and 20; refuse decompression bombs before inflating.
    if (buffer.readUInt32BE(16) * buffer.readUInt32BE(20) > MAX_PIXELS) return undefined;
    image = pngjs.PNG.sync.read(buffer);
  } catch {
    return undefined;
  }
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return code?.data || undefined;
}

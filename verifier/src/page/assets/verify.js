// Avala verify page: the QR scanner (camera frames decoded by jsQR, loaded only when needed),
// sending a chosen file at once, and checking a CURP or e-mail against the credential's hashes
// in the browser. Everything else on the page works without this file.
(() => {
  const $ = (id) => document.getElementById(id);

  const fileInput = $("file");
  const fileSubmit = $("file-submit");
  if (fileInput && fileSubmit) {
    fileInput.addEventListener("change", () => {
      if (fileInput.files && fileInput.files.length > 0) fileSubmit.form.requestSubmit(fileSubmit);
    });
  }

  // "Check the CURP or e-mail the candidate gave you": compared here, with WebCrypto, against the
  // credential's salted SHA-256 hashes (OB 3.0 IdentityObject), normalised exactly as the issuer
  // does (packages/credentials/src/identity-hash.ts: trimmed; e-mail lower case, CURP upper
  // case; hex(SHA-256(value + salt))). Nothing typed leaves the page: the input has no name and
  // the form is never sent. Without WebCrypto the form stays hidden.
  const CURP = /^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/;
  const subtle = window.crypto?.subtle;
  const hex = (buffer) =>
    Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  for (const form of document.querySelectorAll("form[data-identity-check]")) {
    if (!subtle || typeof TextEncoder !== "function") break;
    let identities;
    try {
      identities = JSON.parse(form.dataset.identities || "[]");
    } catch {
      continue;
    }
    if (!Array.isArray(identities)) continue;
    const input = form.querySelector("input");
    const result = form.querySelector(".identity-result");
    const texts = form.dataset;
    const show = (state, message) => {
      result.dataset.result = state;
      result.textContent = message;
    };
    input.addEventListener("input", () => {
      delete result.dataset.result;
      result.textContent = "";
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const value = input.value.trim();
      const kind = value.includes("@") ? "email" : CURP.test(value.toUpperCase()) ? "curp" : "";
      if (!kind) return show("unrecognised", texts.unrecognised);
      const suffix = kind === "curp" ? "Curp" : "Email";
      const candidates = identities.filter((i) => i && i.kind === kind);
      if (candidates.length === 0) return show("none", texts[`none${suffix}`]);
      const normalised = kind === "email" ? value.toLowerCase() : value.toUpperCase();
      let matched = false;
      for (const candidate of candidates) {
        const bytes = new TextEncoder().encode(normalised + String(candidate.salt));
        if (hex(await subtle.digest("SHA-256", bytes)) === candidate.hash) matched = true;
      }
      show(matched ? "match" : "no-match", texts[`${matched ? "match" : "noMatch"}${suffix}`]);
    });
    form.hidden = false;
  }

  const scan = $("scan");
  const media = navigator.mediaDevices;
  if (!scan || !media || typeof media.getUserMedia !== "function") return;
  scan.hidden = false;
  const start = $("scan-start");
  const stop = $("scan-stop");
  const video = $("scan-video");
  const canvas = $("scan-canvas");
  const status = $("scan-status");
  const text = scan.dataset;
  let stream = null;
  let timer = 0;
  let decode = null;

  const say = (message) => {
    status.textContent = message;
  };

  // Trusted Types (the CSP requires them): the one script URL this page creates is jsQR's.
  const policy =
    window.trustedTypes && typeof window.trustedTypes.createPolicy === "function"
      ? window.trustedTypes.createPolicy("avala", {
          createScriptURL: (url) => {
            if (url !== text.jsqr) throw new TypeError("Unexpected script URL");
            return url;
          },
        })
      : null;

  function loadDecoder() {
    if (decode) return Promise.resolve(decode);
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = policy ? policy.createScriptURL(text.jsqr) : text.jsqr;
      script.onload = () => {
        const lib = window.jsQR;
        decode = lib && typeof lib.default === "function" ? lib.default : lib;
        if (typeof decode === "function") resolve(decode);
        else reject(new Error("jsQR did not load"));
      };
      script.onerror = () => reject(new Error("jsQR did not load"));
      document.head.appendChild(script);
    });
  }

  function stopCamera() {
    if (timer) clearTimeout(timer);
    timer = 0;
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
    video.srcObject = null;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  // A QR code holds a link to verify (a credential, a wallet share link, or this page with
  // ?url=) or a whole credential (JSON or a printed `VC1-` text); anything else is not for us.
  function verifyScanned(content) {
    const value = content.trim();
    if (/^https?:\/\/\S+$/i.test(value)) {
      let next;
      try {
        const scanned = new URL(value);
        const ours =
          scanned.origin === location.origin &&
          scanned.pathname === "/" &&
          scanned.searchParams.has("url");
        next = ours ? scanned : new URL("/", location.href);
        if (!ours) next.searchParams.set("url", value);
      } catch {
        say(text.unrecognised);
        return;
      }
      next.searchParams.set("lang", text.lang);
      say(text.found);
      location.assign(next.href);
      return;
    }
    // A whole credential: JSON, or a printed certificate's compact QR (`VC1-` + base32), which
    // the server reads and checks without fetching the credential.
    if (value.startsWith("{") || value.startsWith("VC1-")) {
      say(text.found);
      $("document").value = value;
      const submit = $("paste-submit");
      submit.form.requestSubmit(submit);
      return;
    }
    say(text.unrecognised);
  }

  const frameSizes = [800, 1280, 960, 1120, 640];
  let frame = 0;

  function tick() {
    timer = 0;
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      // Frames are read at a few sizes in turn: jsQR reads a dense code (a printed
      // certificate's, version 25) at some module sizes and not at others.
      const longest = frameSizes[frame++ % frameSizes.length];
      const scale = Math.min(1, longest / Math.max(video.videoWidth, video.videoHeight));
      const width = Math.round(video.videoWidth * scale);
      const height = Math.round(video.videoHeight * scale);
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, width, height);
      const pixels = context.getImageData(0, 0, width, height).data;
      const code = decode(pixels, width, height, { inversionAttempts: "dontInvert" });
      if (code?.data) {
        stopCamera();
        verifyScanned(code.data);
        return;
      }
    }
    timer = setTimeout(tick, 120);
  }

  start.addEventListener("click", async () => {
    say(text.looking);
    try {
      await loadDecoder();
      stream = await media.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      video.hidden = false;
      start.hidden = true;
      stop.hidden = false;
      await video.play();
      tick();
    } catch {
      stopCamera();
      say(text.unavailable);
    }
  });
  stop.addEventListener("click", () => {
    stopCamera();
    say("");
  });
  window.addEventListener("pagehide", stopCamera);
})();

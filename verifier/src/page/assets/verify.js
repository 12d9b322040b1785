// Avala verify page: the QR scanner (camera frames decoded by jsQR, loaded only when needed)
// and sending a chosen file at once. Everything else on the page works without this file.
(() => {
  const $ = (id) => document.getElementById(id);

  const fileInput = $("file");
  const fileSubmit = $("file-submit");
  if (fileInput && fileSubmit) {
    fileInput.addEventListener("change", () => {
      if (fileInput.files && fileInput.files.length > 0) fileSubmit.form.requestSubmit(fileSubmit);
    });
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
  // ?url=) or a whole credential; anything else is not for us.
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
    if (value.startsWith("{")) {
      say(text.found);
      $("document").value = value;
      const submit = $("paste-submit");
      submit.form.requestSubmit(submit);
      return;
    }
    say(text.unrecognised);
  }

  function tick() {
    timer = 0;
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      const scale = Math.min(1, 800 / Math.max(video.videoWidth, video.videoHeight));
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

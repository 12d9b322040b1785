// Avala wallet, /add: read an offer's or a certificate's QR code with the phone's camera
// (frames decoded by jsQR, loaded only when the camera starts). What was read is sent with the
// page's own form to /add/scan, which decides: an offer goes to the claim, a link to a
// certificate is imported, anything else is answered with a plain message. Without this
// script (or a camera) the section stays hidden and the other ways on the page remain.
(() => {
  const $ = (id) => document.getElementById(id);
  const scan = $("scan");
  const media = navigator.mediaDevices;
  if (!scan || !media || typeof media.getUserMedia !== "function") return;
  const start = $("scan-start");
  const stop = $("scan-stop");
  const video = $("scan-video");
  const canvas = $("scan-canvas");
  const status = $("scan-status");
  const form = $("scan-form");
  const field = $("scan-text");
  const text = scan.dataset;
  let stream = null;
  let timer = 0;
  let decode = null;
  scan.hidden = false;

  const say = (message) => {
    status.textContent = message;
  };

  // Trusted Types (the CSP requires them): the one script URL this page creates is jsQR's.
  const policy =
    window.trustedTypes && typeof window.trustedTypes.createPolicy === "function"
      ? window.trustedTypes.createPolicy("avala-wallet", {
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
        say(text.found);
        field.value = code.data.trim().slice(0, 4096);
        form.requestSubmit();
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

// Avala "Ask a candidate for a certificate" page: while the request waits, ask the verifier every
// two seconds whether the wallet has answered, and reload the page (which then shows the result)
// when it has (not while the answer is being checked), or when the request expired. Without this file the page's Refresh button does it.
(() => {
  const waiting = document.querySelector("[data-poll]");
  if (!waiting || typeof fetch !== "function") return;
  const url = waiting.getAttribute("data-poll");
  let failures = 0;
  const tick = async () => {
    try {
      const response = await fetch(url, { cache: "no-store", credentials: "omit" });
      if (response.ok) {
        const body = await response.json();
        if (body && body.status !== "pending" && body.status !== "checking") {
          window.location.reload();
          return;
        }
        failures = 0;
      } else if (response.status === 404) {
        window.location.reload();
        return;
      }
    } catch {
      failures += 1;
    }
    window.setTimeout(tick, Math.min(2000 * 2 ** failures, 30000));
  };
  window.setTimeout(tick, 2000);
})();

// Avala console: the little behaviour its pages need. Everything works without it.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const copy = target?.closest("[data-copy]");
  if (copy) {
    const field = document.getElementById(copy.getAttribute("data-copy") || "");
    const text = field ? field.value || field.textContent || "" : "";
    if (navigator.clipboard && text) {
      event.preventDefault();
      navigator.clipboard.writeText(text).then(() => {
        const label = copy.textContent;
        copy.textContent = copy.getAttribute("data-copied") || "✓";
        setTimeout(() => {
          copy.textContent = label;
        }, 2000);
      });
    } else if (field?.select) {
      field.select();
    }
  }
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  // One submission at a time: signing takes a moment.
  const button =
    form instanceof HTMLFormElement
      ? form.querySelector("button[type=submit], button:not([type])")
      : null;
  if (button && !button.hasAttribute("data-busy")) {
    setTimeout(() => {
      button.setAttribute("data-busy", "");
      button.setAttribute("aria-busy", "true");
      button.disabled = true;
    });
  }
});
window.addEventListener("pageshow", () => {
  for (const button of document.querySelectorAll("[data-busy]")) {
    button.removeAttribute("data-busy");
    button.removeAttribute("aria-busy");
    button.disabled = false;
  }
});

// A cohort in progress: poll its progress every second and move the bar; reload when done so
// the final report shows.
const live = document.querySelector("[data-progress-url]");
if (live) {
  const url = live.getAttribute("data-progress-url");
  const bar = live.querySelector("progress");
  const text = live.querySelector("[data-progress-text]");
  const template = live.getAttribute("data-progress-template") || "";
  const tick = async () => {
    try {
      const response = await fetch(url, { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const p = await response.json();
      const done = p.issued + p.skipped + p.failed;
      if (bar) {
        bar.max = p.total || 1;
        bar.value = done;
        bar.textContent = `${p.percent}%`;
      }
      live.setAttribute("data-percent", String(p.percent));
      if (text) {
        text.textContent = template
          .replace("{done}", String(done))
          .replace("{total}", String(p.total))
          .replace("{issued}", String(p.issued))
          .replace("{skipped}", String(p.skipped))
          .replace("{failed}", String(p.failed))
          .replace("{percent}", String(p.percent));
      }
      if (p.state === "completed") {
        window.location.reload();
        return;
      }
    } catch {
      // Try again on the next tick.
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 500);
}

// Avala wallet: the little behaviour the pages need. Everything works without it.
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
  if (target?.closest("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  // One submission at a time: signing and fetching take a moment.
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
document.addEventListener("change", (event) => {
  const input = event.target;
  if (
    input instanceof HTMLInputElement &&
    input.type === "file" &&
    input.form &&
    input.hasAttribute("data-autosubmit")
  ) {
    input.form.requestSubmit();
  }
});
window.addEventListener("pageshow", () => {
  for (const button of document.querySelectorAll("[data-busy]")) {
    button.removeAttribute("data-busy");
    button.removeAttribute("aria-busy");
    button.disabled = false;
  }
});

import type { MessageKey } from "@avala/i18n";
import type { MailState } from "../mail.js";
import type { View } from "../view.js";

const text: Record<MailState, { key: MessageKey; cls: string }> = {
  queued: { key: "console.mail.queued", cls: "chip chip-muted" },
  sent: { key: "console.mail.sent", cls: "chip chip-ok" },
  retrying: { key: "console.mail.retrying", cls: "chip chip-warn" },
  failed: { key: "console.mail.failed", cls: "chip chip-bad" },
  cancelled: { key: "console.mail.cancelled", cls: "chip chip-muted" },
  "not-configured": { key: "console.mail.not-configured", cls: "chip chip-warn" },
  "no-address": { key: "console.mail.no-address", cls: "chip chip-muted" },
};

/** The delivery state of an e-mail, in words. */
export function MailStateText({ v, state }: { v: View; state: MailState }) {
  const entry = text[state];
  return (
    <p>
      <span class="muted">{v.t("console.mail.label")} </span>
      <span class={entry.cls} data-mail-state={state}>
        {v.t(entry.key)}
      </span>
    </p>
  );
}

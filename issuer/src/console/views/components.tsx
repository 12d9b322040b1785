import type { MessageKey } from "@avala/i18n";
import type { Child } from "hono/jsx";
import type { CredentialState, StaffRole } from "../../db/schema.js";
import type { View } from "../view.js";

/** A field's error, announced next to it. */
export function FieldError({
  v,
  error,
  id,
}: {
  v: View;
  error?: MessageKey | undefined;
  id: string;
}) {
  return error ? (
    <span class="error-text" id={id} role="alert">
      {v.t(error)}
    </span>
  ) : null;
}

export interface InputProps {
  v: View;
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "url" | "date" | "number" | "search";
  value?: string | undefined;
  hint?: string | undefined;
  error?: MessageKey | undefined;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  minlength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  class?: string;
  lang?: string;
  inputmode?: "numeric" | "email" | "url" | "text";
}

/** A labelled input with its hint and validation message wired for screen readers. */
export function Input(props: InputProps) {
  const id = `f-${props.name.replace(/[^\w-]/g, "-")}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [props.hint ? hintId : "", props.error ? errorId : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={props.class ? `field ${props.class}` : "field"}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      <input
        type={props.type ?? "text"}
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength}
        minlength={props.minlength}
        min={props.min}
        max={props.max}
        pattern={props.pattern}
        lang={props.lang}
        inputmode={props.inputmode}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={described || undefined}
      />
      <FieldError v={props.v} error={props.error} id={errorId} />
    </div>
  );
}

export function TextArea(props: Omit<InputProps, "type" | "min" | "max" | "pattern">) {
  const id = `f-${props.name.replace(/[^\w-]/g, "-")}`;
  const errorId = `${id}-error`;
  return (
    <div class={props.class ? `field ${props.class}` : "field"}>
      <label for={id}>{props.label}</label>
      {props.hint ? <span class="hint">{props.hint}</span> : null}
      <textarea
        id={id}
        name={props.name}
        required={props.required}
        maxlength={props.maxlength}
        lang={props.lang}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? errorId : undefined}
      >
        {props.value ?? ""}
      </textarea>
      <FieldError v={props.v} error={props.error} id={errorId} />
    </div>
  );
}

export function Select(props: {
  v: View;
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value?: string | undefined;
  hint?: string | undefined;
  error?: MessageKey | undefined;
  required?: boolean;
  class?: string;
}) {
  const id = `f-${props.name.replace(/[^\w-]/g, "-")}`;
  const errorId = `${id}-error`;
  return (
    <div class={props.class ? `field ${props.class}` : "field"}>
      <label for={id}>{props.label}</label>
      {props.hint ? <span class="hint">{props.hint}</span> : null}
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? errorId : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError v={props.v} error={props.error} id={errorId} />
    </div>
  );
}

const statusChip: Record<CredentialState, { cls: string; key: MessageKey }> = {
  active: { cls: "chip chip-ok", key: "console.status.active" },
  suspended: { cls: "chip chip-warn", key: "console.status.suspended" },
  revoked: { cls: "chip chip-bad", key: "console.status.revoked" },
};

export function StatusChip({ v, status }: { v: View; status: CredentialState }) {
  const chip = statusChip[status];
  return <span class={chip.cls}>{v.t(chip.key)}</span>;
}

export const roleLabel: Record<StaffRole, MessageKey> = {
  admin: "console.role.admin",
  operator: "console.role.operator",
  viewer: "console.role.viewer",
};

/** A table that turns into one card per row on a phone (cells carry their heading). */
export function ListTable({ head, children }: { head: string[]; children?: Child }) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A link that can be copied, in a read-only field with a copy button. */
export function CopyField({
  v,
  id,
  value,
  label,
}: {
  v: View;
  id: string;
  value: string;
  label: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="copy-row">
        <input type="text" id={id} value={value} readonly />
        <button type="button" class="secondary" data-copy={id} data-copied={v.t("console.copied")}>
          {v.t("console.copy")}
        </button>
      </div>
    </div>
  );
}

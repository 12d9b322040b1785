import type { MessageKey } from "@avala/i18n";
import type { BatchState } from "../../db/schema.js";
import type { BatchProgress } from "../../services/batches.js";
import { batchColumns } from "../../services/batches.js";
import { roleAllows } from "../../services/staff.js";
import type { View } from "../view.js";
import { ListTable } from "./components.js";
import { Layout, PostForm } from "./layout.js";

const stateChip: Record<BatchState, { cls: string; key: MessageKey }> = {
  draft: { cls: "chip chip-warn", key: "console.batches.state.draft" },
  processing: { cls: "chip chip-muted", key: "console.batches.state.processing" },
  completed: { cls: "chip chip-ok", key: "console.batches.state.completed" },
};

export function BatchStateChip({ v, state }: { v: View; state: BatchState }) {
  const chip = stateChip[state];
  return <span class={chip.cls}>{v.t(chip.key)}</span>;
}

export interface ShownRowError {
  line: number;
  column: string;
  reason: string;
  externalId: string | null;
}

export function BatchListPage({ v, batches }: { v: View; batches: BatchProgress[] }) {
  return (
    <Layout v={v} title={v.t("console.batches.title")} nav="batches">
      <h1>{v.t("console.batches.title")}</h1>
      <p class="muted">{v.t("console.batches.intro")}</p>
      {roleAllows(v.staff!.role, "operator") ? (
        <p>
          <a class="button" href="/console/batches/new">
            {v.t("console.batches.new")}
          </a>
        </p>
      ) : null}
      <h2>{v.t("console.batches.list")}</h2>
      {batches.length === 0 ? (
        <p class="muted">{v.t("console.batches.none")}</p>
      ) : (
        <ListTable
          head={[
            v.t("console.batches.uploaded"),
            v.t("console.batches.state"),
            v.t("console.batches.rows"),
          ]}
        >
          {batches.map((b) => (
            <tr>
              <td data-label={v.t("console.batches.uploaded")}>
                <a href={`/console/batches/${b.id}`}>{v.dateTime(b.createdAt)}</a>
              </td>
              <td data-label={v.t("console.batches.state")}>
                <BatchStateChip v={v} state={b.state} />
              </td>
              <td data-label={v.t("console.batches.rows")}>
                {v.t("console.batches.row-summary", {
                  total: b.total,
                  issued: b.issued,
                  failed: b.failed,
                })}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </Layout>
  );
}

const required = new Set(["externalId", "achievementCode"]);

export function NewBatchPage({
  v,
  errors = [],
  problem,
}: {
  v: View;
  errors?: ShownRowError[];
  problem?: string | undefined;
}) {
  return (
    <Layout
      v={v}
      title={v.t("console.batches.new")}
      nav="batches"
      notice={problem ? { kind: "error", text: problem } : undefined}
    >
      <h1>{v.t("console.batches.new")}</h1>
      <p class="muted">{v.t("console.batches.intro")}</p>
      <ol class="card">
        <li>
          <a href="/console/batches/template.csv" download>
            {v.t("console.batches.template")}
          </a>
          <span class="hint">{v.t("console.batches.template-hint")}</span>
        </li>
        <li>{v.t("console.batches.step-fill")}</li>
        <li>{v.t("console.batches.step-upload")}</li>
      </ol>
      {errors.length ? <RowErrorTable v={v} errors={errors} /> : null}
      <div class="card">
        <PostForm v={v} action="/console/batches" multipart>
          <div class="field">
            <label for="f-file">{v.t("console.batches.file")}</label>
            <span class="hint">{v.t("console.batches.file-hint")}</span>
            <input type="file" id="f-file" name="file" accept=".csv,text/csv" required />
          </div>
          <fieldset>
            <legend>{v.t("console.batches.purpose")}</legend>
            <label class="check">
              <input type="radio" name="statusPurpose" value="revocation" checked />
              <span>{v.t("console.batches.purpose-revocation")}</span>
            </label>
            <label class="check">
              <input type="radio" name="statusPurpose" value="suspension" />
              <span>{v.t("console.batches.purpose-suspension")}</span>
            </label>
          </fieldset>
          <div class="actions">
            <button type="submit">{v.t("console.batches.upload")}</button>
          </div>
        </PostForm>
      </div>
      <h2>{v.t("console.batches.columns")}</h2>
      <ListTable head={[v.t("console.batches.column"), v.t("console.batches.meaning")]}>
        {batchColumns.map((name) => (
          <tr>
            <td data-label={v.t("console.batches.column")}>
              <code>{name}</code>
              <span class="hint">
                {v.t(required.has(name) ? "console.batches.required" : "console.batches.optional")}
              </span>
            </td>
            <td data-label={v.t("console.batches.meaning")}>{v.t(`console.column.${name}`)}</td>
          </tr>
        ))}
      </ListTable>
    </Layout>
  );
}

export function RowErrorTable({ v, errors }: { v: View; errors: ShownRowError[] }) {
  return (
    <section>
      <h2>{v.t("console.batches.errors")}</h2>
      <ListTable
        head={[
          v.t("console.batches.line"),
          v.t("console.batches.column"),
          v.t("console.batches.problem"),
        ]}
      >
        {errors.map((e) => (
          <tr data-error-line={String(e.line)}>
            <td data-label={v.t("console.batches.line")}>{e.line}</td>
            <td data-label={v.t("console.batches.column")}>
              <code>{e.column || "—"}</code>
            </td>
            <td data-label={v.t("console.batches.problem")}>{e.reason}</td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}

export function BatchPage({
  v,
  batch,
  errors,
  uploadedBy,
  notice,
}: {
  v: View;
  batch: BatchProgress;
  errors: ShownRowError[];
  uploadedBy: string;
  notice?: string | undefined;
}) {
  const canAct = roleAllows(v.staff!.role, "operator");
  const done = batch.issued + batch.skipped + batch.failed;
  const percent = batch.total ? Math.floor((done * 100) / batch.total) : 100;
  const ready = batch.pending;
  const title =
    batch.state === "draft"
      ? v.t("console.batches.preview-title")
      : batch.state === "processing"
        ? v.t("console.batches.progress-title")
        : v.t("console.batches.report-title");
  return (
    <Layout
      v={v}
      title={title}
      nav="batches"
      notice={notice ? { kind: "ok", text: notice } : undefined}
    >
      <h1>{title}</h1>
      <p class="muted small">
        {v.t("console.batches.uploaded-by", { date: v.dateTime(batch.createdAt), who: uploadedBy })}{" "}
        <BatchStateChip v={v} state={batch.state} />
      </p>
      {batch.state === "draft" ? (
        <div class="card">
          <p class="big-number">{v.t("console.batches.ready", { count: ready })}</p>
          <p>
            {v.t("console.batches.preview-summary", {
              ok: ready,
              bad: batch.failed,
              total: batch.total,
            })}
          </p>
          {batch.failed ? (
            <p class="notice notice-warn">{v.t("console.batches.preview-note")}</p>
          ) : null}
          {canAct ? (
            <div class="actions">
              {ready > 0 ? (
                <PostForm v={v} action={`/console/batches/${batch.id}/confirm`} class="inline-form">
                  <button type="submit">{v.t("console.batches.confirm", { count: ready })}</button>
                </PostForm>
              ) : null}
              <PostForm v={v} action={`/console/batches/${batch.id}/discard`} class="inline-form">
                <button type="submit" class="secondary">
                  {v.t("console.batches.discard")}
                </button>
              </PostForm>
            </div>
          ) : null}
        </div>
      ) : (
        <div
          class="card"
          data-progress-url={
            batch.state === "processing" ? `/console/batches/${batch.id}/progress.json` : undefined
          }
          data-progress-template={v.t("console.batches.progress-counts")}
          data-percent={String(percent)}
        >
          <label for="batch-progress">{v.t("console.batches.progress")}</label>
          <progress id="batch-progress" max={batch.total || 1} value={done}>
            {percent}%
          </progress>
          <p data-progress-text aria-live="polite">
            {v.t("console.batches.progress-counts", {
              done,
              total: batch.total,
              issued: batch.issued,
              skipped: batch.skipped,
              failed: batch.failed,
              percent,
            })}
          </p>
          {batch.state === "completed" ? (
            <div class="actions">
              <a class="button" href={`/console/batches/${batch.id}/results.csv`} download>
                {v.t("console.batches.results")}
              </a>
              <a class="button secondary" href={`/console/batches/${batch.id}/claims.csv`} download>
                {v.t("console.batches.claims")}
              </a>
              <a class="button secondary" href={`/console/credentials?batch=${batch.id}`}>
                {v.t("console.batches.find")}
              </a>
            </div>
          ) : null}
        </div>
      )}
      {errors.length ? <RowErrorTable v={v} errors={errors} /> : null}
    </Layout>
  );
}

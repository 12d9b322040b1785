import type { MessageKey } from "@avala/i18n";
import type {
  StandardRequestMode,
  StandardRequestState,
} from "../../db/tables/standard-request.js";
import type { programmesOf, Recognition, RecognitionCounts } from "../../services/recognition.js";
import { roleAllows } from "../../services/staff.js";
import type { View } from "../view.js";
import { ListTable } from "./components.js";
import { Layout, PostForm } from "./layout.js";

export interface ShownRecognitionRequest {
  id: string;
  state: StandardRequestState;
  recognition: Recognition;
  createdAt: string;
}

const stateChip: Record<StandardRequestState, { cls: string; key: MessageKey }> = {
  pending: { cls: "chip chip-warn", key: "console.standard-requests.state.pending" },
  issued: { cls: "chip chip-ok", key: "console.standard-requests.state.issued" },
  refused: { cls: "chip chip-muted", key: "console.standard-requests.state.refused" },
};

const named = (v: View, name: { es: string; en?: string | undefined }) =>
  (v.locale === "en" && name.en) || name.es;

function RequestTable(props: { v: View; rows: ShownRecognitionRequest[]; decide: boolean }) {
  const { v, rows, decide } = props;
  const head = [
    v.t("console.recognition.programme"),
    v.t("console.recognition.modules"),
    v.t("console.standard-requests.received"),
    v.t("console.standard-requests.state"),
  ];
  return (
    <ListTable head={decide ? [...head, ""] : head}>
      {rows.map((r) => (
        <tr>
          <td data-label={head[0]}>
            {named(v, r.recognition.programme.name)}
            <div class="muted">
              {v.t("console.recognition.credits", { credits: r.recognition.creditsEarned })}
            </div>
          </td>
          <td data-label={head[1]}>
            <ul class="plain">
              {r.recognition.recognised.map((m) => {
                const by = r.recognition.evidence.filter((e) => e.module === m.code);
                return (
                  <li>
                    <strong>{m.code}</strong> · {named(v, m.name)} (
                    {v.t("console.recognition.credits", { credits: m.credits })})
                    <div class="muted">
                      {by.map((e) => `${e.name} · ${e.issuer.name}`).join("; ")}
                    </div>
                  </li>
                );
              })}
            </ul>
          </td>
          <td data-label={head[2]} class="nowrap">
            {v.dateTime(r.createdAt)}
          </td>
          <td data-label={head[3]} class="nowrap">
            <span class={stateChip[r.state].cls}>{v.t(stateChip[r.state].key)}</span>
          </td>
          {decide ? (
            <td>
              <div class="actions">
                <PostForm v={v} action={`/console/recognition/${r.id}/approve`}>
                  <button type="submit">{v.t("console.recognition.approve")}</button>
                </PostForm>
                <PostForm v={v} action={`/console/recognition/${r.id}/refuse`}>
                  <button type="submit" class="secondary">
                    {v.t("console.standard-requests.refuse")}
                  </button>
                </PostForm>
              </div>
            </td>
          ) : null}
        </tr>
      ))}
    </ListTable>
  );
}

function countsText(v: View, counts: RecognitionCounts, names: Map<string, string>): string {
  if ("unit" in counts) return v.t("console.recognition.counts.unit", { code: counts.unit });
  if ("standard" in counts) {
    return v.t("console.recognition.counts.standard", { code: counts.standard });
  }
  return v.t("console.recognition.counts.achievement", {
    achievement: counts.achievement,
    issuer: names.get(counts.issuer) ?? counts.issuer,
  });
}

/** The school's pending and recent credit requests, and its published table (read only). */
export function RecognitionConsolePage(props: {
  v: View;
  pending: ShownRecognitionRequest[];
  decided: ShownRecognitionRequest[];
  programmes: ReturnType<typeof programmesOf>;
  /** Names of the issuers the table names by DID, when they are organisations here. */
  issuerNames: Map<string, string>;
  mode: StandardRequestMode;
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}) {
  const { v, pending, decided, programmes, mode } = props;
  const title = v.t("console.recognition.title");
  const head = [
    v.t("console.recognition.module"),
    v.t("console.recognition.counts"),
    v.t("console.recognition.credits-head"),
  ];
  return (
    <Layout v={v} title={title} nav="recognition" notice={props.notice}>
      <h1>{title}</h1>
      <p class="muted">{v.t("console.recognition.intro")}</p>
      {pending.length === 0 ? (
        <p class="muted">{v.t("console.recognition.none")}</p>
      ) : (
        <RequestTable v={v} rows={pending} decide={roleAllows(v.staff!.role, "operator")} />
      )}
      {decided.length > 0 ? (
        <>
          <h2>{v.t("console.standard-requests.recent")}</h2>
          <RequestTable v={v} rows={decided} decide={false} />
        </>
      ) : null}
      <h2>{v.t("console.recognition.table")}</h2>
      {programmes.length === 0 ? (
        <p class="muted">{v.t("console.recognition.table.none")}</p>
      ) : (
        programmes.map((p) => (
          <section class="card">
            <h3>
              {named(v, p.name)} · {p.id}
            </h3>
            <ListTable head={head}>
              {p.modules.map((m) => (
                <tr>
                  <td data-label={head[0]}>
                    <strong>{m.code}</strong> · {named(v, m.name)}
                  </td>
                  <td data-label={head[1]}>
                    <ul class="plain">
                      {m.counts.map((c) => (
                        <li>{countsText(v, c, props.issuerNames)}</li>
                      ))}
                    </ul>
                  </td>
                  <td data-label={head[2]}>{String(m.credits)}</td>
                </tr>
              ))}
            </ListTable>
          </section>
        ))
      )}
      {programmes.length > 0 ? (
        <>
          <h2>{v.t("console.standard-requests.mode")}</h2>
          {roleAllows(v.staff!.role, "admin") ? (
            <div class="card">
              <PostForm v={v} action="/console/recognition/mode">
                <fieldset>
                  <legend class="visually-hidden">{v.t("console.standard-requests.mode")}</legend>
                  {(["automatic", "review"] as const).map((m) => (
                    <label class="check">
                      <input type="radio" name="mode" value={m} checked={mode === m} />
                      <span>{v.t(`console.recognition.mode.${m}`)}</span>
                    </label>
                  ))}
                </fieldset>
                <div class="actions">
                  <button type="submit">{v.t("console.standard-requests.mode.save")}</button>
                </div>
              </PostForm>
            </div>
          ) : (
            <p>{v.t(`console.recognition.mode.${mode}`)}</p>
          )}
        </>
      ) : null}
    </Layout>
  );
}

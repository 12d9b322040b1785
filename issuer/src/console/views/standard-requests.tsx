import type { MessageKey } from "@avala/i18n";
import type {
  StandardRequestMode,
  StandardRequestState,
} from "../../db/tables/standard-request.js";
import { roleAllows } from "../../services/staff.js";
import type { UnitEvidence } from "../../services/standard-requests.js";
import type { View } from "../view.js";
import { ListTable } from "./components.js";
import { Layout, PostForm } from "./layout.js";

export interface ShownStandardRequest {
  id: string;
  standardCode: string;
  state: StandardRequestState;
  units: UnitEvidence[];
  createdAt: string;
  decidedAt: string | null;
}

const stateChip: Record<StandardRequestState, { cls: string; key: MessageKey }> = {
  pending: { cls: "chip chip-warn", key: "console.standard-requests.state.pending" },
  issued: { cls: "chip chip-ok", key: "console.standard-requests.state.issued" },
  refused: { cls: "chip chip-muted", key: "console.standard-requests.state.refused" },
};

function Units({ units }: { units: UnitEvidence[] }) {
  return (
    <ul class="plain">
      {units.map((u) => (
        <li>
          <strong>{u.code}</strong> · {u.issuer.name}
        </li>
      ))}
    </ul>
  );
}

function RequestTable({
  v,
  rows,
  decide,
}: {
  v: View;
  rows: ShownStandardRequest[];
  decide: boolean;
}) {
  const head = [
    v.t("console.standard-requests.standard"),
    v.t("console.standard-requests.units"),
    v.t("console.standard-requests.received"),
    v.t("console.standard-requests.state"),
  ];
  return (
    <ListTable head={decide ? [...head, ""] : head}>
      {rows.map((r) => (
        <tr>
          <td data-label={head[0]} class="nowrap">
            {r.standardCode}
          </td>
          <td data-label={head[1]}>
            <Units units={r.units} />
          </td>
          <td data-label={head[2]} class="nowrap">
            {v.dateTime(r.createdAt)}
          </td>
          <td data-label={head[3]}>
            <span class={stateChip[r.state].cls}>{v.t(stateChip[r.state].key)}</span>
          </td>
          {decide ? (
            <td>
              <div class="actions">
                <PostForm v={v} action={`/console/standard-requests/${r.id}/approve`}>
                  <button type="submit">{v.t("console.standard-requests.approve")}</button>
                </PostForm>
                <PostForm v={v} action={`/console/standard-requests/${r.id}/refuse`}>
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

export function StandardRequestsPage({
  v,
  pending,
  decided,
  mode,
  notice,
}: {
  v: View;
  pending: ShownStandardRequest[];
  decided: ShownStandardRequest[];
  mode: StandardRequestMode;
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}) {
  const canDecide = roleAllows(v.staff!.role, "operator");
  return (
    <Layout
      v={v}
      title={v.t("console.standard-requests.title")}
      nav="standard-requests"
      notice={notice}
    >
      <h1>{v.t("console.standard-requests.title")}</h1>
      <p class="muted">{v.t("console.standard-requests.intro")}</p>
      {pending.length === 0 ? (
        <p class="muted">{v.t("console.standard-requests.none")}</p>
      ) : (
        <RequestTable v={v} rows={pending} decide={canDecide} />
      )}
      {decided.length > 0 ? (
        <>
          <h2>{v.t("console.standard-requests.recent")}</h2>
          <RequestTable v={v} rows={decided} decide={false} />
        </>
      ) : null}
      <h2>{v.t("console.standard-requests.mode")}</h2>
      {roleAllows(v.staff!.role, "admin") ? (
        <div class="card">
          <PostForm v={v} action="/console/standard-requests/mode">
            <fieldset>
              <legend class="visually-hidden">{v.t("console.standard-requests.mode")}</legend>
              {(["review", "automatic"] as const).map((m) => (
                <label class="check">
                  <input type="radio" name="mode" value={m} checked={mode === m} />
                  <span>{v.t(`console.standard-requests.mode.${m}`)}</span>
                </label>
              ))}
            </fieldset>
            <div class="actions">
              <button type="submit">{v.t("console.standard-requests.mode.save")}</button>
            </div>
          </PostForm>
        </div>
      ) : (
        <p>{v.t(`console.standard-requests.mode.${mode}`)}</p>
      )}
    </Layout>
  );
}

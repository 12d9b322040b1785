import type { CredentialState } from "../../db/schema.js";
import type { BatchProgress } from "../../services/batches.js";
import { roleAllows } from "../../services/staff.js";
import type { View } from "../view.js";
import { BatchStateChip } from "./batches.js";
import { ListTable, roleLabel } from "./components.js";
import { Layout } from "./layout.js";

export function HomePage({
  v,
  counts,
  batches,
  welcome,
}: {
  v: View;
  counts: Record<CredentialState, number>;
  batches: BatchProgress[];
  welcome: boolean;
}) {
  const staff = v.staff!;
  const canIssue = roleAllows(staff.role, "operator");
  return (
    <Layout
      v={v}
      title={v.t("console.home.title")}
      nav="home"
      notice={welcome ? { kind: "ok", text: v.t("console.home.welcome") } : undefined}
    >
      <h1>{v.t("console.home.hello", { name: staff.name })}</h1>
      <p class="muted">
        {v.t("console.home.org", { organisation: v.orgName, role: v.t(roleLabel[staff.role]) })}
      </p>
      <div class="tiles">
        <div class="tile">
          <span class="stat">{v.number(counts.active)}</span>
          <span class="muted"> {v.t("console.home.active")}</span>
        </div>
        <div class="tile">
          <span class="stat">{v.number(counts.suspended)}</span>
          <span class="muted"> {v.t("console.home.suspended")}</span>
        </div>
        <div class="tile">
          <span class="stat">{v.number(counts.revoked)}</span>
          <span class="muted"> {v.t("console.home.revoked")}</span>
        </div>
      </div>
      <h2>{v.t("console.home.actions")}</h2>
      <div class="tiles">
        {canIssue ? (
          <a class="tile" href="/console/issue">
            <strong>{v.t("console.home.issue-one")}</strong>
            <span class="small muted">{v.t("console.home.issue-one-hint")}</span>
          </a>
        ) : null}
        {canIssue ? (
          <a class="tile" href="/console/batches/new">
            <strong>{v.t("console.home.cohort")}</strong>
            <span class="small muted">{v.t("console.home.cohort-hint")}</span>
          </a>
        ) : null}
        <a class="tile" href="/console/credentials">
          <strong>{v.t("console.home.find")}</strong>
          <span class="small muted">{v.t("console.home.find-hint")}</span>
        </a>
        <a class="tile" href="/console/catalogue">
          <strong>{v.t("console.home.catalogue")}</strong>
          <span class="small muted">{v.t("console.home.catalogue-hint")}</span>
        </a>
      </div>
      <h2>{v.t("console.home.recent")}</h2>
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

import type { LocalizedText, MessageKey } from "@avala/i18n";
import type { ProgrammeProgress, School } from "../services/recognition.js";
import { Layout, PostForm } from "./layout.js";
import type { View } from "./view.js";

type Name = { es: string; en?: string };
const named = (v: View, name: Name) => (v.locale === "en" && name.en) || name.es;

/** Each school's programmes: which held credentials count for which module, and the credits. */
export function RecognitionPage(props: {
  v: View;
  schools: Array<{ school: School; programmes: ProgrammeProgress[] }>;
}) {
  const { v, schools } = props;
  const title = v.t("wallet.recognition.title");
  return (
    <Layout v={v} title={title} nav="credentials">
      <div class="narrow">
        <h1>{title}</h1>
        <p class="muted">{v.t("wallet.recognition.lead")}</p>
        {schools.length === 0 ? <p class="card">{v.t("wallet.recognition.no-schools")}</p> : null}
        {schools.map(({ school, programmes }) => {
          const schoolName = named(v, school.name);
          return programmes.map((p) => (
            <section class="card" aria-label={`${schoolName} · ${named(v, p.programme.name)}`}>
              <h2>{named(v, p.programme.name)}</h2>
              <p class="meta">{schoolName}</p>
              <p>
                <strong>
                  {v.t("wallet.recognition.progress", {
                    earned: p.earned,
                    total: p.programme.creditsAvailable,
                  })}
                </strong>
              </p>
              <ul class="stacks">
                {p.modules.map((m) => (
                  <li>
                    <span class={m.counted ? "chip chip-ok" : "chip"}>
                      {`${m.counted ? "✓ " : ""}${m.code} · ${named(v, m.name)}`}
                    </span>{" "}
                    <span class="small">
                      {v.t("wallet.recognition.credits", { credits: m.credits })}
                    </span>
                    <div class="meta">
                      {m.counted
                        ? v.t("wallet.recognition.counts-with", {
                            credential: `${m.counted.name} (${m.counted.issuerName})`,
                          })
                        : v.t("wallet.recognition.not-yet")}
                    </div>
                  </li>
                ))}
              </ul>
              {p.earned > 0 ? (
                <PostForm v={v} action="/recognition">
                  <input type="hidden" name="school" value={school.requestUrl} />
                  <input type="hidden" name="programme" value={p.programme.id} />
                  <button type="submit">
                    {v.t("wallet.recognition.send", { org: schoolName })}
                  </button>
                </PostForm>
              ) : (
                <p class="muted">{v.t("wallet.recognition.nothing")}</p>
              )}
            </section>
          ));
        })}
        <p>
          <a href="/credentials">{v.t("wallet.recognition.back")}</a>
        </p>
      </div>
    </Layout>
  );
}

/** A request the school refused (in its own words), or could not be made. */
export function RecognitionProblemPage(props: {
  v: View;
  problem: "refused" | "unreachable" | "invalid";
  detail?: LocalizedText | undefined;
}) {
  const { v, problem } = props;
  const title = v.t("wallet.recognition.refused.title");
  const message: MessageKey = `wallet.recognition.${problem}`;
  return (
    <Layout v={v} title={title} nav="credentials">
      <div class="narrow card">
        <h1>{title}</h1>
        <p class="notice notice-error" role="alert">
          {v.t(message)}
        </p>
        {props.detail ? <p id="recognition-detail">{props.detail[v.locale]}</p> : null}
        <div class="row">
          <a class="button secondary" href="/recognition">
            {v.t("wallet.recognition.title")}
          </a>
          <a class="button secondary" href="/credentials">
            {v.t("wallet.recognition.back")}
          </a>
        </div>
      </div>
    </Layout>
  );
}

/** A request waiting for a clerk at the school, with "See if it is ready". */
export function RecognitionPendingPage(props: { v: View; statusUrl: string }) {
  const { v } = props;
  const title = v.t("wallet.recognition.pending.title");
  return (
    <Layout v={v} title={title} nav="credentials">
      <div class="narrow card">
        <h1>{title}</h1>
        <p class="notice notice-ok" role="status">
          {v.t("wallet.recognition.pending")}
        </p>
        <div class="row">
          <PostForm v={v} action="/recognition/status">
            <input type="hidden" name="status" value={props.statusUrl} />
            <button type="submit">{v.t("wallet.recognition.check")}</button>
          </PostForm>
          <a class="button secondary" href="/credentials">
            {v.t("wallet.recognition.back")}
          </a>
        </div>
      </div>
    </Layout>
  );
}

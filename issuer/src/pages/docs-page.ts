import { html } from "hono/html";
import type { openApiDocument } from "../openapi.js";

type Doc = ReturnType<typeof openApiDocument>;
type Json = Record<string, unknown>;

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Prose from the OpenAPI document, with `backticked` spans shown as code (text stays escaped). */
function prose(text: unknown) {
  return String(text ?? "")
    .split("`")
    .map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part));
}

function anchor(method: string, path: string): string {
  return `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
}

/**
 * The API documentation as one static HTML page rendered on the server from the OpenAPI
 * document: paths, methods, access, parameters, bodies, responses. No scripts, no CDN.
 */
export function docsPage(doc: Doc) {
  const byTag = new Map<string, Array<{ method: string; path: string; op: Json }>>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = ((op as Json)["tags"] as string[] | undefined)?.[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method, path, op: op as Json });
    }
  }
  const sections = [...byTag.entries()].map(
    ([tag, ops]) => html`<h2 id="${tag}">${tag}</h2>
${ops.map(({ method, path, op }) => {
  const parameters = (op["parameters"] as Json[] | undefined) ?? [];
  const body = op["requestBody"] as { content: Record<string, { schema: unknown }> } | undefined;
  const responses = op["responses"] as Record<
    string,
    { description: string; content?: Record<string, { schema?: unknown }> }
  >;
  return html`<section class="op" id="${anchor(method, path)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> ${path}</h3>
<p><strong>${String(op["summary"] ?? "")}</strong></p>
${op["description"] ? html`<p>${prose(op["description"])}</p>` : ""}
<p class="muted">Access: ${String(op["x-access"] ?? "")}</p>
${
  parameters.length
    ? html`<table><thead><tr><th>Parameter</th><th>In</th><th>Description</th></tr></thead><tbody>
${parameters.map((p) => html`<tr><td><code>${String(p["name"])}</code></td><td>${String(p["in"])}</td><td>${prose(p["description"])}</td></tr>`)}
</tbody></table>`
    : ""
}
${
  body
    ? Object.entries(body.content).map(
        ([type, content]) =>
          html`<details><summary>Request body: <code>${type}</code></summary><pre>${pretty(content.schema)}</pre></details>`,
      )
    : ""
}
<table><thead><tr><th>Status</th><th>Response</th></tr></thead><tbody>
${Object.entries(responses).map(
  ([status, r]) =>
    html`<tr><td>${status}</td><td>${prose(r.description)}${
      r.content
        ? Object.entries(r.content).map(([type, c]) =>
            c.schema
              ? html`<details><summary><code>${type}</code></summary><pre>${pretty(c.schema)}</pre></details>`
              : html` <code>${type}</code>`,
          )
        : ""
    }</td></tr>`,
)}
</tbody></table>
</section>`;
})}`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} API</title>
<link rel="stylesheet" href="/assets/issuer.css">
</head>
<body>
<header>
<h1>${doc.info.title} API <span class="muted">${doc.info.version}</span></h1>
<p>${prose(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${doc.openapi}). Server: <code>${doc.servers[0]?.url ?? ""}</code>. Authenticate with <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<nav><ul>${[...byTag.keys()].map((tag) => html`<li><a href="#${tag}">${tag}</a></li>`)}</ul></nav>
</header>
<main>
${sections}
<h2 id="problems">Problems</h2>
<p>Every error is <code>application/problem+json</code>:</p>
<pre>${pretty(doc.components.schemas.Problem)}</pre>
</main>
</body>
</html>`;
}

/** The one stylesheet of the issuer's pages, served from /assets/issuer.css (CSP: 'self'). */
export const stylesheet = `
:root { color-scheme: light dark; --accent: #0b6e4f; --muted: #5f6b66; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
  padding: 1.5rem; max-width: 60rem; margin-inline: auto; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .25rem; font-family: ui-monospace, monospace; }
.card { border: 1px solid #ccc; border-radius: .75rem; padding: 1.25rem; max-width: 32rem; }
.achievement { font-size: 1.25rem; font-weight: 600; margin: .25rem 0; }
.code, code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.muted { color: var(--muted); }
a.button { display: inline-block; background: var(--accent); color: #fff; padding: .75rem 1.25rem;
  border-radius: .5rem; text-decoration: none; font-weight: 600; margin: 1rem 0; }
a.button:focus, a.button:hover { outline: 3px solid #9fd8c2; }
a.button.secondary { background: transparent; color: var(--accent); border: 2px solid var(--accent); }
.card + .card { margin-top: 1.5rem; }
#other-wallet h2 { margin-top: 0; }
.qr svg { width: 14rem; height: 14rem; background: #fff; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; }
.get { color: #1a5fb4; } .post { color: #26a269; } .patch { color: #c64600; } .delete { color: #c01c28; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; border-bottom: 1px solid #ddd; padding: .25rem .5rem; vertical-align: top; }
pre { background: rgba(127,127,127,.1); padding: .75rem; overflow-x: auto; font-size: .85rem; }
section.op { border-top: 1px solid #ddd; }
nav ul { columns: 2; padding-left: 1rem; }
`;

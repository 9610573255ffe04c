// The widget's stylesheet, scoped to its shadow root. Applied as a constructable stylesheet
// (adoptedStyleSheets), which a host CSP without 'unsafe-inline' still allows; a <style> element is
// the fallback for browsers without them. Theming: the host sets --parley-* custom properties
// (they inherit into the shadow root); --parley-dark-* apply in dark mode, which theme.ts decides.

const LIGHT = [
  "--_text:var(--parley-text,#1f2328)",
  "--_muted:var(--parley-muted,#59636e)",
  "--_bg:var(--parley-bg,transparent)",
  "--_surface:var(--parley-surface,#f6f8fa)",
  "--_border:var(--parley-border,#d1d9e0)",
  "--_accent:var(--parley-accent,#0b62d6)",
  "--_on-accent:var(--parley-accent-text,#fff)",
  "--_warn:#8a4b00",
  "--_warn-bg:#fff4df",
  "--_bad:#b3261e",
  "--_ok:#1a7f37",
  "color-scheme:light",
].join(";");
const DARK = [
  "--_text:var(--parley-dark-text,#e6e8eb)",
  "--_muted:var(--parley-dark-muted,#9aa4af)",
  "--_bg:var(--parley-dark-bg,transparent)",
  "--_surface:var(--parley-dark-surface,#1d2127)",
  "--_border:var(--parley-dark-border,#3a414a)",
  "--_accent:var(--parley-dark-accent,#6ea8ff)",
  "--_on-accent:var(--parley-dark-accent-text,#0d1117)",
  "--_warn:#f2c46d",
  "--_warn-bg:#3a2c10",
  "--_bad:#ff8a80",
  "--_ok:#56d37a",
  "color-scheme:dark",
].join(";");

/** The initial's circle: one of 12 hues per name (the shared view's hue-N classes). */
const HUES = Array.from({ length: 12 }, (_, i) => `.hue-${i}{--h:${i * 30}}`).join("");

export const CSS = `
:host{all:initial;display:block;${LIGHT};font:var(--parley-font-size,16px)/1.6 var(--parley-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
color:var(--_text);background:var(--_bg);border-radius:var(--_r);--_r:var(--parley-radius,8px)}
:host([data-theme=dark]){${DARK}}
*{box-sizing:border-box}
p{margin:0}
[hidden]{display:none!important}
.p{padding:4px 0}
h2{font-size:1.25em;margin:0;line-height:1.3}
.head{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;margin:0 0 16px}
label,.small{font-size:.875em}
.muted{color:var(--_muted)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
a{color:var(--_accent);text-underline-offset:2px}
button,input,select,textarea{font:inherit;color:inherit}
button{cursor:pointer;border:1px solid var(--_border);background:var(--_surface);border-radius:6px;padding:6px 14px;line-height:1.4}
button:disabled{opacity:.6;cursor:progress}
.primary{background:var(--_accent);border-color:var(--_accent);color:var(--_on-accent);font-weight:600}
.link{border:0;background:none;padding:2px 0;color:var(--_muted);font-size:.875em;font-weight:600}
.link:hover{color:var(--_accent);text-decoration:underline}
.closed .rp{display:none}
:focus-visible{outline:2px solid var(--_accent);outline-offset:2px}
input,select,textarea{width:100%;border:1px solid var(--_border);border-radius:6px;padding:8px 10px;background:var(--_bg);min-height:40px}
select{width:auto;padding:4px 8px;min-height:32px;background:var(--_surface)}
textarea{min-height:96px;resize:vertical;line-height:1.5}
[aria-invalid=true]{border-color:var(--_bad)}
form{display:grid;gap:12px;margin:0 0 24px}
.field{display:grid;gap:4px;align-content:start;margin:0;border:0;padding:0;min-width:0}
.fields{display:grid;gap:10px;grid-template-columns:repeat(auto-fit,minmax(170px,1fr))}
.hint{font-size:.8em;color:var(--_muted)}
.err{font-size:.85em;color:var(--_bad)}
.req{color:var(--_bad)}
.check{display:flex;gap:8px;align-items:center}
.check input{width:auto;min-height:0}
.row{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center}
.box{border:1px solid var(--_border);background:var(--_surface);border-radius:var(--_r);padding:12px 14px}
.alert{border-color:var(--_bad)}
.alert strong{color:var(--_bad)}
.si{display:grid;gap:6px}
.sil{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:0;padding:0}
.sib{font-weight:600;background:var(--_bg)}
.mail-link input{flex:1 1 160px;width:auto}
.who{border:1px solid var(--_border);background:var(--_surface);border-radius:var(--_r);padding:8px 12px;display:grid;gap:8px}
.signed-in-as{display:flex;gap:10px;align-items:center}
.signed-in-as .acts{display:inline-flex;margin:0 0 0 12px;gap:12px;vertical-align:baseline}
.ra{width:32px;height:32px;border-radius:50%;background:var(--_border);flex:none}
.new{display:block;width:100%;margin:0 0 12px;background:var(--_accent);color:var(--_on-accent);border-color:var(--_accent);font-weight:600}
ol{list-style:none;margin:0;padding:0}
.comment{margin:0 0 4px}
.comment-body{padding:10px 0 6px}
.comment-body:focus{outline:none}
.comment-body:focus-visible{outline:2px solid var(--_accent)}
.children{margin-left:14px;padding-left:14px;border-left:2px solid var(--_border)}
.comment-meta{display:flex;flex-wrap:wrap;gap:2px 10px;align-items:baseline}
.comment-avatar{--h:210;display:inline-grid;place-items:center;width:28px;height:28px;border-radius:50%;
background:hsl(var(--h) 55% 42%);color:#fff;font-weight:700;font-size:.85em;align-self:center;flex:none}
${HUES}
.comment-author b{font-weight:700}
.comment-author .url{color:inherit}
.says{display:none}
.moderator-badge{border:1px solid currentColor;border-radius:.3em;padding:0 .4em;font-size:.75em;font-weight:600;text-transform:uppercase;color:var(--_accent)}
.comment-verified{border:1px solid var(--_ok);border-radius:999px;padding:0 .45em;
font-size:.75em;font-weight:600;color:var(--_ok);cursor:help;white-space:nowrap}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.comment-date{color:var(--_muted);font-size:.85em;text-decoration:none}
.comment-date:hover{text-decoration:underline}
.comment-edited{color:var(--_muted);font-size:.85em}
.comment-content{overflow-wrap:anywhere;margin:2px 0 0}
.comment-content p{margin:.4em 0}
.comment-content blockquote{margin:.5em 0;padding:.1em 0 .1em 12px;border-left:3px solid var(--_border);color:var(--_muted)}
.comment-content code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--_surface);padding:1px 4px;border-radius:4px}
.comment-content pre{overflow-x:auto}
.comment-content ul,.comment-content ol{list-style:revert;padding-left:1.5em}
.comment-awaiting{margin:6px 0;padding:6px 10px;border-radius:6px;background:var(--_warn-bg);color:var(--_warn);font-size:.875em}
.comment-removed-note{color:var(--_muted);font-style:italic;margin:6px 0}
.acts{display:flex;flex-wrap:wrap;gap:14px;margin-top:2px}
.slot:not(:empty){margin:8px 0 4px}
.slot form{margin:0}
.slot textarea{min-height:64px}
.comment-sources{margin:8px 0 2px;padding-top:6px;border-top:1px solid var(--_border);font-size:.85em;line-height:1.45}
.comment-sources-title{font-weight:700;font-size:.8em;text-transform:uppercase;letter-spacing:.08em;color:var(--_muted);margin:0 0 4px}
.source-list{display:grid;gap:4px}
.source{display:grid;grid-template-columns:auto 1fr auto;gap:2px 8px;align-items:baseline}
.source-label{font-weight:700;color:var(--_muted);min-width:1.8em;grid-column:1}
.source-text{min-width:0;overflow-wrap:anywhere;grid-column:2}
.source-link{font-weight:600;text-decoration:none}
.source-link:hover{text-decoration:underline}
.source-domain{color:var(--_muted);margin-left:6px}
.source-note{display:block;color:var(--_muted);font-style:italic}
.source-state{white-space:nowrap;font-size:.9em;color:var(--_muted);grid-column:3}
.source-ok .source-state{color:var(--_ok)}
.source-bad .source-state{color:var(--_bad)}
.source-bad .source-link{text-decoration:line-through}
@media (max-width:480px){.source{grid-template-columns:auto 1fr}.source-state{grid-column:2}}
.more{display:block;margin:16px auto 0}
.foot{margin-top:20px;font-size:.75em;color:var(--_muted);display:flex;justify-content:flex-end;gap:12px}
.live::before{content:"";display:inline-block;width:7px;height:7px;border-radius:50%;background:var(--_ok);margin-right:5px;vertical-align:1px}
@media (max-width:480px){.children{margin-left:4px;padding-left:10px}}
`;

export function applyStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement("style");
    style.textContent = CSS;
    root.appendChild(style);
  }
}

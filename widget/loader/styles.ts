/**
 * The launcher's stylesheet, applied inside its shadow root.
 *
 * Why every `:host` declaration is `!important`: page rules beat `:host` rules for normal
 * declarations, but for important ones the shadow tree wins (CSS Scoping, cascade "context").
 * So `:host { all: initial !important }` survives a page's `* { all: unset !important }`, and
 * the elements inside the shadow root are unreachable by page selectors altogether.
 * Sizes are in px, never rem: the page may set `html { font-size: 40px !important }`.
 */
export const css =
  ':host{all:initial!important;display:flex!important;flex-direction:column-reverse!important;align-items:flex-end!important;gap:12px!important;position:fixed!important;inset:auto 20px 20px auto!important;z-index:2147483647!important;width:auto!important;height:auto!important;max-width:none!important;max-height:none!important;margin:0!important;padding:0!important;border:0!important;background:none!important;overflow:visible!important;transform:none!important;opacity:1!important;visibility:visible!important;pointer-events:none!important;font:16px/1.4 system-ui,sans-serif!important}' +
  ':host::backdrop{display:none!important}' +
  // The launcher: a 56px round button, keyboard focus ring that shows on any background.
  'button{pointer-events:auto;position:relative;box-sizing:border-box;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:var(--k-color,#4338ca);color:#fff;cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.3);transition:transform .15s}' +
  'button:hover{transform:scale(1.06)}' +
  'button:focus-visible{outline:3px solid #111;outline-offset:3px;box-shadow:0 0 0 3px #fff}' +
  'svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}' +
  '.b{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#dc2626;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}' +
  '.b:empty{display:none}' +
  // The panel holds the iframe; hidden (not removed) when closed so the conversation stays live.
  '.p{pointer-events:auto;display:none;width:380px;height:640px;max-height:calc(100vh - 108px);border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 10px 40px rgba(0,0,0,.3)}' +
  ':host([data-open]) .p{display:block;animation:k .18s ease-out}' +
  'iframe{display:block;width:100%;height:100%;border:0;margin:0;padding:0;background:#fff;color-scheme:normal}' +
  '@keyframes k{from{opacity:0;transform:translateY(12px)}}' +
  // Narrow screens: the open panel takes the whole viewport; the frame has its own close button.
  '@media (max-width:479px){:host([data-open]){inset:0!important;gap:0!important}:host([data-open]) .p{width:100vw;height:100vh;height:100dvh;max-height:none;border-radius:0}:host([data-open]) button{display:none}}' +
  '@media (prefers-reduced-motion:reduce){button,.p{transition:none!important;animation:none!important}button:hover{transform:none}}';

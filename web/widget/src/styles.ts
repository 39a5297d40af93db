export function styles(primary: string, text: string, position: 'left' | 'right'): string {
  return `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.launcher { position: fixed; bottom: 20px; ${position}: 20px; z-index: 2147483000; border: 0; border-radius: 28px;
  background: ${primary}; color: ${text}; padding: 14px 20px; font-size: 15px; cursor: pointer; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
.panel { position: fixed; bottom: 84px; ${position}: 20px; z-index: 2147483000; width: 360px; height: 520px; max-height: calc(100vh - 104px);
  display: flex; flex-direction: column; background: #fff; color: #1d1d1f; border-radius: 12px; overflow: hidden;
  box-shadow: 0 8px 32px rgba(0,0,0,.3); font-size: 14px; }
.panel[hidden] { display: none; }
header { background: ${primary}; color: ${text}; padding: 12px 16px; display: flex; align-items: center; justify-content: space-between; }
header h2 { margin: 0; font-size: 16px; }
header button { background: transparent; border: 0; color: ${text}; font-size: 22px; cursor: pointer; line-height: 1; }
.status { font-size: 12px; padding: 4px 16px; background: #fff4d6; color: #6b4e00; }
.status:empty { display: none; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f6f7f9; }
.greeting { color: #444; font-style: italic; }
.bubble { max-width: 80%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; word-wrap: break-word; }
.bubble[data-kind="customer"] { align-self: flex-end; background: ${primary}; color: ${text}; border-bottom-right-radius: 4px; }
.bubble[data-kind="agent"] { align-self: flex-start; background: #fff; border: 1px solid #dde; border-bottom-left-radius: 4px; }
.bubble[data-pending="true"] { opacity: .6; }
.meta { font-size: 11px; opacity: .75; margin-top: 2px; align-self: flex-end; }
.typing { font-size: 12px; color: #666; padding: 0 16px 4px; min-height: 16px; }
form.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e3e8; background: #fff; }
textarea { flex: 1; resize: none; border: 1px solid #ccd; border-radius: 8px; padding: 8px; font-size: 16px; min-height: 40px; max-height: 120px; }
button.send, form.start button { background: ${primary}; color: ${text}; border: 0; border-radius: 8px; padding: 0 14px; font-size: 15px; cursor: pointer; min-height: 40px; }
form.start { padding: 16px; display: flex; flex-direction: column; gap: 10px; }
form.start input { border: 1px solid #ccd; border-radius: 8px; padding: 10px; font-size: 16px; }
label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; }
form.verify { padding: 8px 12px; border-top: 1px solid #e3e3e8; background: #fffdf5; display: flex; flex-wrap: wrap; gap: 6px; align-items: flex-end; font-size: 13px; }
form.verify p { margin: 0; flex-basis: 100%; }
form.verify input { border: 1px solid #ccd; border-radius: 8px; padding: 6px 8px; font-size: 16px; width: 8em; letter-spacing: 2px; }
form.verify button { background: #fff; color: #1d1d1f; border: 1px solid ${primary}; border-radius: 8px; padding: 0 10px; min-height: 34px; cursor: pointer; }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; bottom: 0; ${position}: 0; }
}
`;
}

// The Defuse chat widget: one <script src="https://defuse.example/widget.js" data-defuse-…> tag.
// Self-contained (no framework), styles isolated in a shadow root, messages over one WebSocket.
import { type Language, pickLanguage, type Words, words } from './i18n.ts';
import { styles } from './styles.ts';

interface ShownMessage {
  id: string;
  kind: 'customer' | 'agent';
  body: string;
  createdAt: string;
  clientId?: string;
}

interface Stored {
  sessionId: string;
  resumeKey: string;
  token: string;
  /** 'email' until the visitor proves the address with the e-mailed code; 'signed' or 'verified' after. */
  verification?: string;
  /** Sent but not yet acknowledged: resent on every reconnect, so nothing typed is lost. */
  outbox: Array<{ clientId: string; body: string }>;
}

interface PublicConfig {
  primaryColor: string;
  textColor: string;
  position: 'left' | 'right';
  greeting: string;
}

type ServerFrame =
  | { type: 'ready'; sessionId: string; conversationId: string | null; agentReadMessageId: string | null }
  | { type: 'history'; messages: ShownMessage[] }
  | { type: 'message'; message: ShownMessage; partial?: boolean }
  | { type: 'ack'; clientId: string; message: ShownMessage }
  | { type: 'conversation'; conversationId: string }
  | { type: 'typing'; by: 'agent'; typing: boolean }
  | { type: 'read'; by: 'agent'; messageId: string }
  | { type: 'error'; code: string; detail: string; clientId?: string; retryAfterMs?: number }
  | { type: 'pong' };

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

class DefuseWidget {
  private readonly storageKey: string;
  private stored: Stored | null;
  private socket: WebSocket | null = null;
  private retries = 0;
  private readonly messages = new Map<string, ShownMessage>();
  private agentReadId: string | null = null;
  /** The newest message this page shows: a reconnect asks only for what came after it; a new page load for everything. */
  private lastSeenId: string | null = null;
  private typingSentAt = 0;
  private typingTimer: number | undefined;
  private reconnectTimer: number | undefined;
  private readonly text: Words;
  private ui!: {
    root: ShadowRoot;
    panel: HTMLElement;
    log: HTMLElement;
    status: HTMLElement;
    typing: HTMLElement;
    body: HTMLElement;
    verify: HTMLElement;
  };

  constructor(
    private readonly server: string,
    private readonly options: { identity: string | null; email: string | null; name: string | null; language: Language },
  ) {
    this.text = words[options.language];
    this.storageKey = `defuse-chat:${server}`;
    this.stored = this.load();
  }

  private load(): Stored | null {
    try {
      const raw = localStorage.getItem(this.storageKey);
      return raw ? (JSON.parse(raw) as Stored) : null;
    } catch {
      return null;
    }
  }

  private save(): void {
    try {
      if (this.stored) localStorage.setItem(this.storageKey, JSON.stringify(this.stored));
    } catch {
      // Private mode: the session lives as long as the page.
    }
  }

  async mount(): Promise<void> {
    let config: PublicConfig = { primaryColor: '#1f6feb', textColor: '#ffffff', position: 'right', greeting: '' };
    try {
      const response = await fetch(`${this.server}/api/v1/widget/config?lang=${this.options.language}`);
      if (response.ok) config = (await response.json()) as PublicConfig;
    } catch {
      // Defaults will do.
    }
    const host = element('div', { 'data-defuse-widget': '' });
    document.body.appendChild(host);
    const root = host.attachShadow({ mode: 'open' });
    root.appendChild(element('style', {}, styles(config.primaryColor, config.textColor, config.position)));
    const launcher = element('button', { class: 'launcher', type: 'button', 'data-testid': 'defuse-launcher' }, this.text.open);
    const panel = element('section', {
      class: 'panel',
      role: 'dialog',
      'aria-label': this.text.title,
      'data-testid': 'defuse-panel',
    });
    panel.hidden = true;
    const header = element('header');
    header.append(element('h2', {}, this.text.title));
    const close = element('button', { type: 'button', 'aria-label': this.text.close }, '×');
    header.append(close);
    const status = element('div', { class: 'status', 'data-testid': 'defuse-status', role: 'status' });
    const log = element('div', { class: 'log', 'data-testid': 'defuse-log', 'aria-live': 'polite' });
    if (config.greeting) log.append(element('div', { class: 'greeting' }, config.greeting));
    const typing = element('div', { class: 'typing', 'data-testid': 'defuse-typing' });
    const body = element('div');
    body.style.display = 'contents';
    const verify = element('div');
    verify.style.display = 'contents';
    panel.append(header, status, log, typing, verify, body);
    root.append(launcher, panel);
    this.ui = { root, panel, log, status, typing, body, verify };

    launcher.addEventListener('click', () => this.toggle(true));
    close.addEventListener('click', () => this.toggle(false));
    if (this.stored || this.options.identity) {
      this.showComposer();
      void this.begin();
    } else {
      this.showStartForm();
    }
  }

  private toggle(open: boolean): void {
    this.ui.panel.hidden = !open;
    if (open) {
      this.markRead();
      (this.ui.panel.querySelector('textarea, input') as HTMLElement | null)?.focus();
    }
  }

  private showStartForm(): void {
    const form = element('form', { class: 'start', 'data-testid': 'defuse-start' });
    form.append(element('p', {}, this.text.emailIntro));
    const emailLabel = element('label', {}, this.text.email);
    const email = element('input', { type: 'email', required: '', autocomplete: 'email', 'data-testid': 'defuse-email' });
    if (this.options.email) email.value = this.options.email;
    emailLabel.append(email);
    const nameLabel = element('label', {}, this.text.name);
    const name = element('input', { type: 'text', autocomplete: 'name', 'data-testid': 'defuse-name' });
    if (this.options.name) name.value = this.options.name;
    nameLabel.append(name);
    form.append(
      emailLabel,
      nameLabel,
      element('button', { type: 'submit', 'data-testid': 'defuse-start-button' }, this.text.start),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.startSession({ email: email.value.trim(), name: name.value.trim() || undefined }).then((ok) => {
        if (!ok) return;
        this.showComposer();
        this.connect();
      });
    });
    this.ui.body.replaceChildren(form);
  }

  private showComposer(): void {
    const form = element('form', { class: 'composer' });
    const input = element('textarea', {
      rows: '1',
      placeholder: this.text.placeholder,
      'aria-label': this.text.placeholder,
      'data-testid': 'defuse-input',
    });
    const send = element('button', { type: 'submit', class: 'send', 'data-testid': 'defuse-send' }, this.text.send);
    form.append(input, send);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = input.value.trim();
      if (!body) return;
      input.value = '';
      this.send(body);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    input.addEventListener('input', () => this.typed());
    this.ui.body.replaceChildren(form);
    this.showVerify();
    for (const pending of this.stored?.outbox ?? [])
      this.render(
        { id: `pending:${pending.clientId}`, kind: 'customer', body: pending.body, createdAt: '', clientId: pending.clientId },
        true,
      );
  }

  /**
   * A visitor who only typed an e-mail address can prove it: we e-mail a 6-digit code, they type it
   * here. Until then the helpdesk keeps their chat apart from that address's customer record.
   */
  private showVerify(): void {
    if (!this.ui || this.stored?.verification !== 'email') {
      this.ui?.verify.replaceChildren();
      return;
    }
    if (this.ui.verify.firstChild) return;
    const form = element('form', { class: 'verify', 'data-testid': 'defuse-verify' });
    const intro = element('p', {}, this.text.verifyIntro);
    const sendCode = element('button', { type: 'button', 'data-testid': 'defuse-send-code' }, this.text.sendCode);
    const codeLabel = element('label', {}, this.text.code);
    const code = element('input', {
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '[0-9]{6}',
      maxlength: '6',
      'data-testid': 'defuse-code',
    });
    codeLabel.append(code);
    codeLabel.hidden = true;
    const submit = element('button', { type: 'submit', 'data-testid': 'defuse-verify-button' }, this.text.verify);
    submit.hidden = true;
    form.append(intro, sendCode, codeLabel, submit);
    sendCode.addEventListener('click', async () => {
      const result = await this.post('verification', {});
      if (!result) return;
      intro.textContent = this.text.codeSent;
      codeLabel.hidden = false;
      submit.hidden = false;
      code.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const result = await this.post('verification/confirm', { code: code.value.trim() });
      if (!result || !this.stored) return;
      this.stored.verification = 'verified';
      this.save();
      this.ui.verify.replaceChildren();
      this.ui.status.textContent = this.text.verified;
      // A fresh socket reads the session again on whichever node serves it.
      const old = this.socket;
      this.socket = null;
      old?.close();
      this.connect();
    });
    this.ui.verify.replaceChildren(form);
  }

  /** A widget endpoint that needs the session token; shows the server's words when it refuses. */
  private async post(path: string, extra: Record<string, unknown>, retried = false): Promise<unknown | null> {
    if (!this.stored) return null;
    try {
      const response = await fetch(`${this.server}/api/v1/widget/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: this.stored.token, ...extra }),
      });
      const result = (await response.json()) as { detail?: string; code?: string };
      // An expired or replaced token: resume the session once for a fresh one and try again.
      if (response.status === 401 && !retried && result.code?.startsWith('token-') && (await this.startSession({}))) {
        return this.post(path, extra, true);
      }
      if (!response.ok) {
        this.ui.status.textContent = result.detail ?? this.text.failed;
        return null;
      }
      this.ui.status.textContent = '';
      return result;
    } catch {
      this.ui.status.textContent = this.text.failed;
      return null;
    }
  }

  private async begin(): Promise<void> {
    if (!this.stored && !(await this.startSession({}))) return;
    this.connect();
  }

  /** Gets a session token: resuming with the kept key, with the site's identity token, or with an e-mail. */
  private async startSession(extra: { email?: string; name?: string | undefined }): Promise<boolean> {
    const body: Record<string, unknown> = { language: this.options.language, ...extra };
    if (this.options.identity) body.identity = this.options.identity;
    if (this.stored) body.resume = { sessionId: this.stored.sessionId, key: this.stored.resumeKey };
    try {
      const response = await fetch(`${this.server}/api/v1/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const result = (await response.json()) as {
        token: string;
        sessionId: string;
        resumeKey: string;
        verification?: string;
        detail?: string;
        code?: string;
      };
      if (!response.ok) {
        if (this.stored && result.code === 'session-not-found') {
          this.stored = null;
          localStorage.removeItem(this.storageKey);
          this.showStartForm();
        }
        this.ui.status.textContent = result.detail ?? this.text.failed;
        return false;
      }
      const previous = this.stored?.sessionId === result.sessionId ? this.stored : null;
      this.stored = {
        sessionId: result.sessionId,
        resumeKey: result.resumeKey || previous?.resumeKey || '',
        token: result.token,
        verification: result.verification ?? previous?.verification,
        outbox: previous?.outbox ?? [],
      };
      this.save();
      this.showVerify();
      this.ui.status.textContent = '';
      return true;
    } catch {
      this.ui.status.textContent = this.text.reconnecting;
      return false;
    }
  }

  private connect(): void {
    if (!this.stored) return;
    window.clearTimeout(this.reconnectTimer);
    const url = `${this.server.replace(/^http/, 'ws')}/api/v1/widget/socket?token=${encodeURIComponent(this.stored.token)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('message', (event) => this.onFrame(JSON.parse(String(event.data)) as ServerFrame));
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.ui.status.textContent = this.text.reconnecting;
      this.ui.panel.dataset.connected = 'false';
      const delay = Math.min(5000, 300 * 2 ** this.retries);
      this.retries += 1;
      this.reconnectTimer = window.setTimeout(async () => {
        // 4401: the token expired or was replaced; resume the session for a fresh one.
        if (event.code === 4401 && !(await this.startSession({}))) {
          this.reconnectTimer = window.setTimeout(() => this.connect(), delay);
          return;
        }
        this.connect();
      }, delay);
    });
  }

  private frame(frame: object): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ready':
        this.retries = 0;
        // A fresh socket after verification keeps telling the visitor they are verified; other notes are done.
        if (this.ui.status.textContent !== this.text.verified) this.ui.status.textContent = '';
        this.ui.panel.dataset.connected = 'true';
        this.agentReadId = frame.agentReadMessageId;
        this.frame({ type: 'sync', after: this.lastSeenId });
        for (const pending of this.stored?.outbox ?? []) this.frame({ type: 'message', ...pending });
        return;
      case 'history':
        for (const message of frame.messages) this.render(message);
        this.markRead();
        return;
      case 'message':
        if (frame.partial) this.frame({ type: 'sync', after: this.lastSeenId });
        else this.render(frame.message);
        if (frame.message.kind === 'agent') this.ui.typing.textContent = '';
        this.markRead();
        return;
      case 'ack':
        if (this.stored) {
          this.stored.outbox = this.stored.outbox.filter((pending) => pending.clientId !== frame.clientId);
          this.save();
        }
        this.render(frame.message);
        return;
      case 'typing':
        this.ui.typing.textContent = frame.typing ? this.text.agentTyping : '';
        return;
      case 'read':
        this.agentReadId = frame.messageId;
        this.showSeen();
        return;
      case 'error':
        if (frame.code === 'rate-limited' && frame.clientId) {
          this.ui.status.textContent = this.text.tooFast;
          const pending = this.stored?.outbox.find((candidate) => candidate.clientId === frame.clientId);
          window.setTimeout(() => {
            if (pending) this.frame({ type: 'message', ...pending });
          }, frame.retryAfterMs ?? 1000);
          return;
        }
        if (!frame.code.startsWith('token-') && frame.code !== 'origin-not-allowed')
          this.ui.status.textContent = this.text.failed;
        return;
      default:
        return;
    }
  }

  private send(body: string): void {
    if (!this.stored) return;
    const pending = { clientId: randomId(), body };
    this.stored.outbox.push(pending);
    this.save();
    this.render({ id: `pending:${pending.clientId}`, kind: 'customer', body, createdAt: '', clientId: pending.clientId }, true);
    this.frame({ type: 'message', ...pending });
    this.frame({ type: 'typing', typing: false });
    this.typingSentAt = 0;
  }

  private typed(): void {
    const now = Date.now();
    if (now - this.typingSentAt > 2000) {
      this.typingSentAt = now;
      this.frame({ type: 'typing', typing: true });
    }
    window.clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => {
      this.typingSentAt = 0;
      this.frame({ type: 'typing', typing: false });
    }, 3000);
  }

  /** Shows a message once, whatever path it came by (ack, live event, history after a reconnect). */
  private render(message: ShownMessage, pending = false): void {
    if (this.messages.has(message.id)) return;
    const log = this.ui.log;
    if (message.clientId) {
      const placeholder = log.querySelector(`[data-client-id="${message.clientId}"]`);
      if (placeholder && !pending) {
        placeholder.setAttribute('data-pending', 'false');
        placeholder.setAttribute('data-message-id', message.id);
        this.messages.delete(`pending:${message.clientId}`);
        this.messages.set(message.id, message);
        this.advance(message.id);
        return;
      }
      if (placeholder) return;
    }
    this.messages.set(message.id, message);
    const bubble = element('div', {
      class: 'bubble',
      'data-testid': 'defuse-message',
      'data-kind': message.kind,
      'data-pending': String(pending),
      ...(message.clientId ? { 'data-client-id': message.clientId } : {}),
      ...(pending ? {} : { 'data-message-id': message.id }),
    });
    bubble.textContent = message.body;
    log.append(bubble);
    log.scrollTop = log.scrollHeight;
    if (!pending) this.advance(message.id);
    this.showSeen();
  }

  private advance(id: string): void {
    if (!this.lastSeenId || id > this.lastSeenId) this.lastSeenId = id;
  }

  private markRead(): void {
    if (this.ui.panel.hidden || !this.lastSeenId) return;
    const last = [...this.messages.values()].filter((message) => message.kind === 'agent').at(-1);
    if (last) this.frame({ type: 'read', messageId: last.id });
  }

  private showSeen(): void {
    for (const old of this.ui.log.querySelectorAll('.meta')) old.remove();
    if (!this.agentReadId) return;
    const own = [...this.ui.log.querySelectorAll('[data-kind="customer"][data-message-id]')].filter(
      (node) => (node.getAttribute('data-message-id') ?? '') <= (this.agentReadId ?? ''),
    );
    const last = own.at(-1);
    if (last) last.after(element('div', { class: 'meta', 'data-testid': 'defuse-seen' }, this.text.seen));
  }
}

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) return;
  const server = new URL(script.src).origin;
  const data = script.dataset;
  const widget = new DefuseWidget(server, {
    identity: data.defuseIdentity ?? null,
    email: data.defuseEmail ?? null,
    name: data.defuseName ?? null,
    language: pickLanguage(data.defuseLanguage, navigator.languages ?? [navigator.language]),
  });
  const start = () => void widget.mount();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

import { useRef, useState } from 'react';

/** Shows a new token's secret once, with a copy button. */
export function SecretReveal({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      inputRef.current?.select();
      setCopied(false);
    }
  };
  return (
    <div className="secret-reveal" role="status">
      <p>
        <strong>Here is the secret for “{name}”.</strong> Copy it now: we will not show it again.
      </p>
      <div className="inline-form">
        <input
          ref={inputRef}
          readOnly
          value={secret}
          aria-label="Token secret"
          className="mono grow"
          data-testid="token-secret"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

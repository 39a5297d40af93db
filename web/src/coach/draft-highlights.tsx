import { type RefObject, useLayoutEffect, useRef } from 'react';
import type { CoachFinding, CoachStrength } from '../api/types';

const rank: Record<string, number> = { problem: 3, warning: 2, info: 1 };

interface Segment {
  start: number;
  end: number;
  finding: CoachFinding | null;
  strength: boolean;
}

/** Cuts the draft into runs; each run takes the most serious finding over it (whole-message ones left out). */
export function segmentsOf(draft: string, findings: readonly CoachFinding[], strengths: readonly CoachStrength[]): Segment[] {
  const marks = findings.filter((finding) => finding.kind !== 'unchanged-template' && finding.end > finding.start);
  const bounds = new Set([0, draft.length]);
  for (const span of [...marks, ...strengths]) {
    bounds.add(Math.max(0, Math.min(draft.length, span.start)));
    bounds.add(Math.max(0, Math.min(draft.length, span.end)));
  }
  const points = [...bounds].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let index = 0; index < points.length - 1; index++) {
    const start = points[index] as number;
    const end = points[index + 1] as number;
    if (end <= start) continue;
    let finding: CoachFinding | null = null;
    for (const each of marks) {
      if (each.start <= start && each.end >= end && (!finding || (rank[each.severity] ?? 0) > (rank[finding.severity] ?? 0))) {
        finding = each;
      }
    }
    const strength = strengths.some((each) => each.start <= start && each.end >= end);
    segments.push({ start, end, finding, strength });
  }
  return segments;
}

/**
 * A mirror of the textarea behind it: same font, padding and wrapping, transparent text, coloured
 * backgrounds where the coach found something. Offsets are UTF-16, as the server sends them.
 */
export function DraftHighlights({
  draft,
  findings,
  strengths,
  current,
  textareaRef,
}: {
  draft: string;
  findings: readonly CoachFinding[];
  strengths: readonly CoachStrength[];
  current: boolean;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const mirrorRef = useRef<HTMLDivElement>(null);
  const segments = current
    ? segmentsOf(draft, findings, strengths)
    : [{ start: 0, end: draft.length, finding: null, strength: false }];
  const marked = segments.filter((segment) => segment.finding || segment.strength).length;

  // Same box as the textarea, its scrollbar included, and scrolled the same way.
  const sync = () => {
    const textarea = textareaRef.current;
    const mirror = mirrorRef.current;
    if (!textarea || !mirror) return;
    const style = getComputedStyle(textarea);
    const borders = Number.parseFloat(style.borderLeftWidth) + Number.parseFloat(style.borderRightWidth);
    const scrollbar = Math.max(0, textarea.offsetWidth - textarea.clientWidth - borders);
    mirror.style.paddingRight = `calc(${style.paddingRight} + ${scrollbar}px)`;
    mirror.style.height = `${textarea.offsetHeight}px`;
    mirror.scrollTop = textarea.scrollTop;
  };
  const syncRef = useRef(sync);
  syncRef.current = sync;
  useLayoutEffect(() => syncRef.current());

  useLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    const sync = () => syncRef.current();
    textarea.addEventListener('scroll', sync);
    const observer = new ResizeObserver(sync);
    observer.observe(textarea);
    return () => {
      textarea.removeEventListener('scroll', sync);
      observer.disconnect();
    };
  }, [textareaRef]);

  // For the live-check benchmark: the moment a fresh review is on screen.
  useLayoutEffect(() => {
    if (current && findings) performance.mark('coach:highlights-shown');
  }, [current, findings]);

  return (
    <div
      ref={mirrorRef}
      className="draft-highlights"
      aria-hidden="true"
      data-testid="coach-highlights"
      data-state={current ? 'current' : 'stale'}
      data-marks={current ? marked : 0}
    >
      {segments.map((segment) =>
        segment.finding ? (
          <mark
            key={segment.start}
            className={`draft-mark draft-mark-${segment.finding.severity}${segment.finding.kind.startsWith('missing-') ? ' draft-mark-soft' : ''}`}
            data-kind={segment.finding.kind}
          >
            {draft.slice(segment.start, segment.end)}
          </mark>
        ) : segment.strength ? (
          <mark key={segment.start} className="draft-mark draft-mark-strength">
            {draft.slice(segment.start, segment.end)}
          </mark>
        ) : (
          <span key={segment.start}>{draft.slice(segment.start, segment.end)}</span>
        ),
      )}
      {/* A trailing newline in a textarea still takes a line; keep the mirror as tall. */}
      {'\u200b'}
    </div>
  );
}

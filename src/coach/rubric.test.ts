import { describe, expect, it } from 'vitest';
import { overallScore, rubric, rubricDimensions, scoreRubric } from './rubric.ts';

describe('the rubric', () => {
  it('defines five dimensions, each with a question', () => {
    expect(rubricDimensions).toEqual(['empathy', 'ownership', 'clarity', 'professionalism', 'resolution']);
    for (const dimension of rubricDimensions) expect(rubric[dimension].question).toMatch(/\?$/);
  });

  it('raises scores for good practice and lowers them for findings, with the reasons', () => {
    const good = scoreRubric({ findings: [], practices: ['feelings-acknowledged', 'apology-owned', 'next-step-with-time'] });
    const bad = scoreRubric({ findings: [{ kind: 'blame', severity: 'problem' }, { kind: 'condescension' }], practices: [] });
    expect(good.empathy.score).toBe(85);
    expect(good.empathy.reasons).toContain('+25 names how the customer feels');
    expect(bad.empathy.score).toBe(10);
    expect(bad.ownership.reasons).toContain('-30 puts the fault on the customer');
    expect(overallScore(good)).toBeGreaterThan(overallScore(bad));
  });

  it('counts a repeated finding less each time and stays within 0–100', () => {
    const once = scoreRubric({ findings: [{ kind: 'jargon' }], practices: [] });
    const thrice = scoreRubric({ findings: [{ kind: 'jargon' }, { kind: 'jargon' }, { kind: 'jargon' }], practices: [] });
    expect(once.clarity.score).toBe(60);
    expect(thrice.clarity.score).toBe(53);
    expect(thrice.clarity.reasons[0]).toMatch(/3 times/);
    const awful = scoreRubric({ findings: Array.from({ length: 20 }, () => ({ kind: 'shouting' as const })), practices: [] });
    expect(awful.professionalism.score).toBeGreaterThanOrEqual(0);
    expect(scoreRubric({ findings: [], practices: [], empty: true }).empathy).toEqual({
      score: 0,
      reasons: ['nothing written yet'],
    });
  });
});

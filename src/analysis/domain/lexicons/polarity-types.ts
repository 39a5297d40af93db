/** Polarity lexicons, written by the Defuse team (no list copied from a package, paper or website). Same phrase syntax as the other lexicons. */
export interface PolarityLexicon {
  code: 'en' | 'de' | 'fr' | 'es' | 'ro';
  negative: string[];
  positive: string[];
  verdicts: string[];
}

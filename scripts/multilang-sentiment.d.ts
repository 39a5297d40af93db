// Minimal types for the dev-only baseline `multilang-sentiment` (no published types).
declare module 'multilang-sentiment' {
  interface MultilangSentimentResult {
    score: number;
    comparative: number;
  }
  function multilangSentiment(text: string, language: string, inject?: { tokens?: string[] }): MultilangSentimentResult;
  export default multilangSentiment;
}
declare module 'multilang-sentiment/lib/tokenize.js' {
  function tokenize(text: string, language: string): Array<{ value: string; negate: boolean }>;
  export default tokenize;
}

declare module 'multilang-sentiment' {
  interface MultilangSentimentResult {
    score: number;
    comparative: number;
  }
  function multilangSentiment(text: string, language: string): MultilangSentimentResult;
  export default multilangSentiment;
}

/** Bump whenever lexicons, rules or model weights change: stored analyses keep the version that produced them. */
export const analysisVersion = '2025.2.0';

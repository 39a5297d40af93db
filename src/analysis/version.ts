/** Bump whenever lexicons, rules or model weights change: stored analyses keep the version that produced them. */
export const analysisVersion = '2026.12.0';

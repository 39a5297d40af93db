/** A token bucket: `burst` sends at once, refilled at `perSecond`. Pure: the caller passes the time. */
export interface Bucket {
  tokens: number;
  updatedMs: number;
}

export interface BucketRule {
  burst: number;
  perSecond: number;
}

/** Takes one token if there is one; otherwise says how long until there will be. */
export function takeToken(bucket: Bucket, rule: BucketRule, nowMs: number): { allowed: boolean; retryAfterMs: number } {
  const elapsed = Math.max(0, nowMs - bucket.updatedMs) / 1000;
  bucket.tokens = Math.min(rule.burst, bucket.tokens + elapsed * rule.perSecond);
  bucket.updatedMs = nowMs;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { allowed: true, retryAfterMs: 0 };
  }
  return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / rule.perSecond) * 1000) };
}

export function fullBucket(rule: BucketRule, nowMs: number): Bucket {
  return { tokens: rule.burst, updatedMs: nowMs };
}

import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/events.ts';
import { TokenCache } from '../domain/token-cache.ts';

/** A token cache that every node empties of a token or user the moment it is revoked or deactivated. */
export function rememberTokens(events: EventBus<DefuseEvent>): TokenCache {
  const cache = new TokenCache();
  events.subscribe((event) => {
    if (event.type === 'token.revoked') cache.forget((actor) => actor.tokenId === event.tokenId);
    if (event.type === 'user.deactivated') cache.forget((actor) => actor.userId === event.userId);
  });
  return cache;
}

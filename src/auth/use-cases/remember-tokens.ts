import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/events.ts';
import { TokenCache } from '../domain/token-cache.ts';

/** A token cache that every node empties of a token or user the moment it is revoked, deactivated or given another role. */
export function rememberTokens(events: EventBus<DefuseEvent>): TokenCache {
  const cache = new TokenCache();
  events.subscribe((event) => {
    if (event.type === 'token.revoked') cache.forget((actor) => actor.tokenId === event.tokenId);
    if (event.type === 'user.deactivated' || event.type === 'user.access-changed') {
      cache.forget((actor) => actor.userId === event.userId);
    }
  });
  return cache;
}

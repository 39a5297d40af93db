export { mayReceive, type Viewer, viewForCustomer } from './audience.ts';
export { eventsRoutes } from './events.routes.ts';
export { type DefuseEvent, shrinkEvent } from './events.ts';

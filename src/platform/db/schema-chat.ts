/** Chat widget, call-log and channel-settings tables (owned by src/channels/chat and src/channels/calls). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the chat channel adds its tables
export interface ChatTables {}

/** E-mail channel tables (owned by src/channels/email). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the e-mail channel adds its tables
export interface EmailTables {}

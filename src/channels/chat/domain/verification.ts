/**
 * How sure we are who a chat visitor is:
 * - `signed`: the company's site vouched with an identity token;
 * - `verified`: they typed the one-time code we e-mailed to their address;
 * - `email`: they only typed an address — unverified, so their chat never reaches the record of
 *   whoever owns that address (a stand-in customer holds it until they verify).
 */
export const verifications = ['signed', 'verified', 'email'] as const;
export type Verification = (typeof verifications)[number];

export function isVerified(verification: string): boolean {
  return verification === 'signed' || verification === 'verified';
}

export const verificationCodeLifetimeMs = 10 * 60_000;
export const verificationMaxAttempts = 5;
export const verificationCodesPerHour = 5;

/** What the agent sees as the stand-in's name: plainly unverified, with what the visitor claimed. */
export function standInName(name: string | null, email: string): string {
  const claimed = name?.trim() || email;
  return `Unverified visitor (${claimed})`.slice(0, 200);
}

const mailText: Record<string, (code: string) => string> = {
  en: (code) =>
    `Your verification code for the chat is ${code}.\n\nType it into the chat window. It is valid for 10 minutes.\nIf you did not ask for it, ignore this e-mail.`,
  de: (code) =>
    `Ihr Bestätigungscode für den Chat lautet ${code}.\n\nGeben Sie ihn im Chatfenster ein. Er ist 10 Minuten gültig.\nWenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.`,
  fr: (code) =>
    `Votre code de vérification pour le chat est ${code}.\n\nSaisissez-le dans la fenêtre de chat. Il est valable 10 minutes.\nSi vous ne l'avez pas demandé, ignorez cet e-mail.`,
  es: (code) =>
    `Su código de verificación para el chat es ${code}.\n\nEscríbalo en la ventana del chat. Es válido durante 10 minutos.\nSi no lo ha solicitado, ignore este correo.`,
  ro: (code) =>
    `Codul de verificare pentru chat este ${code}.\n\nIntroduceți-l în fereastra de chat. Este valabil 10 minute.\nDacă nu l-ați cerut, ignorați acest e-mail.`,
};

export function codeMailText(code: string, language: string): string {
  return (mailText[language] ?? mailText.en ?? ((value: string) => value))(code);
}

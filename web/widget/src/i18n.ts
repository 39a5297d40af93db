/** The widget's own words in the customer's language (the greeting comes from the admin's settings). */
export const languages = ['en', 'de', 'fr', 'es', 'ro'] as const;
export type Language = (typeof languages)[number];

export interface Words {
  open: string;
  close: string;
  title: string;
  placeholder: string;
  send: string;
  emailIntro: string;
  email: string;
  name: string;
  start: string;
  agentTyping: string;
  seen: string;
  sending: string;
  reconnecting: string;
  tooFast: string;
  failed: string;
}

export const words: Record<Language, Words> = {
  en: {
    open: 'Chat with us',
    close: 'Close chat',
    title: 'Support',
    placeholder: 'Write a message…',
    send: 'Send',
    emailIntro: 'Leave your e-mail address so we can reach you if you leave.',
    email: 'E-mail',
    name: 'Name (optional)',
    start: 'Start chat',
    agentTyping: 'Support is typing…',
    seen: 'Seen',
    sending: 'Sending…',
    reconnecting: 'Reconnecting…',
    tooFast: 'You are sending messages quickly; we will send this one in a moment.',
    failed: 'Something went wrong. Please try again.',
  },
  de: {
    open: 'Chatten Sie mit uns',
    close: 'Chat schließen',
    title: 'Kundenservice',
    placeholder: 'Nachricht schreiben…',
    send: 'Senden',
    emailIntro: 'Hinterlassen Sie Ihre E-Mail-Adresse, damit wir Sie erreichen können.',
    email: 'E-Mail',
    name: 'Name (optional)',
    start: 'Chat starten',
    agentTyping: 'Der Support schreibt…',
    seen: 'Gelesen',
    sending: 'Wird gesendet…',
    reconnecting: 'Verbindung wird wiederhergestellt…',
    tooFast: 'Sie schreiben sehr schnell; diese Nachricht senden wir gleich.',
    failed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  },
  fr: {
    open: 'Discuter avec nous',
    close: 'Fermer la discussion',
    title: 'Assistance',
    placeholder: 'Écrivez un message…',
    send: 'Envoyer',
    emailIntro: 'Laissez votre adresse e-mail pour que nous puissions vous répondre.',
    email: 'E-mail',
    name: 'Nom (facultatif)',
    start: 'Commencer',
    agentTyping: 'Le support écrit…',
    seen: 'Lu',
    sending: 'Envoi…',
    reconnecting: 'Reconnexion…',
    tooFast: 'Vous écrivez vite ; nous enverrons ce message dans un instant.',
    failed: 'Une erreur est survenue. Veuillez réessayer.',
  },
  es: {
    open: 'Chatea con nosotros',
    close: 'Cerrar chat',
    title: 'Atención al cliente',
    placeholder: 'Escribe un mensaje…',
    send: 'Enviar',
    emailIntro: 'Déjanos tu correo electrónico para poder responderte.',
    email: 'Correo electrónico',
    name: 'Nombre (opcional)',
    start: 'Iniciar chat',
    agentTyping: 'Soporte está escribiendo…',
    seen: 'Visto',
    sending: 'Enviando…',
    reconnecting: 'Reconectando…',
    tooFast: 'Estás enviando mensajes muy rápido; enviaremos este en un momento.',
    failed: 'Algo salió mal. Inténtalo de nuevo.',
  },
  ro: {
    open: 'Scrieți-ne',
    close: 'Închide chatul',
    title: 'Asistență',
    placeholder: 'Scrieți un mesaj…',
    send: 'Trimite',
    emailIntro: 'Lăsați adresa de e-mail ca să vă putem răspunde.',
    email: 'E-mail',
    name: 'Nume (opțional)',
    start: 'Începe chatul',
    agentTyping: 'Asistența scrie…',
    seen: 'Văzut',
    sending: 'Se trimite…',
    reconnecting: 'Se reconectează…',
    tooFast: 'Trimiteți mesaje foarte repede; îl trimitem pe acesta imediat.',
    failed: 'Ceva nu a mers. Vă rugăm să încercați din nou.',
  },
};

export function pickLanguage(wanted: string | null | undefined, browser: readonly string[]): Language {
  for (const candidate of [wanted, ...browser]) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (code && (languages as readonly string[]).includes(code)) return code as Language;
  }
  return 'en';
}

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
  verifyIntro: string;
  sendCode: string;
  code: string;
  verify: string;
  codeSent: string;
  verified: string;
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
    verifyIntro: 'Verify your e-mail address so we can see your orders and account.',
    sendCode: 'Send me a code',
    code: 'Code from the e-mail',
    verify: 'Verify',
    codeSent: 'We sent a 6-digit code to your e-mail address.',
    verified: 'Thank you, your e-mail address is verified.',
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
    verifyIntro: 'Bestätigen Sie Ihre E-Mail-Adresse, damit wir Ihre Bestellungen und Ihr Konto sehen können.',
    sendCode: 'Code senden',
    code: 'Code aus der E-Mail',
    verify: 'Bestätigen',
    codeSent: 'Wir haben Ihnen einen 6-stelligen Code per E-Mail geschickt.',
    verified: 'Danke, Ihre E-Mail-Adresse ist bestätigt.',
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
    verifyIntro: 'Vérifiez votre adresse e-mail pour que nous puissions voir vos commandes et votre compte.',
    sendCode: 'Recevoir un code',
    code: 'Code reçu par e-mail',
    verify: 'Vérifier',
    codeSent: 'Nous avons envoyé un code à 6 chiffres à votre adresse e-mail.',
    verified: 'Merci, votre adresse e-mail est vérifiée.',
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
    verifyIntro: 'Verifica tu correo electrónico para que podamos ver tus pedidos y tu cuenta.',
    sendCode: 'Enviarme un código',
    code: 'Código del correo',
    verify: 'Verificar',
    codeSent: 'Te hemos enviado un código de 6 dígitos por correo electrónico.',
    verified: 'Gracias, tu correo electrónico está verificado.',
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
    verifyIntro: 'Confirmați adresa de e-mail ca să vă putem vedea comenzile și contul.',
    sendCode: 'Trimiteți-mi un cod',
    code: 'Codul din e-mail',
    verify: 'Confirmă',
    codeSent: 'V-am trimis un cod de 6 cifre pe e-mail.',
    verified: 'Mulțumim, adresa de e-mail este confirmată.',
  },
};

export function pickLanguage(wanted: string | null | undefined, browser: readonly string[]): Language {
  for (const candidate of [wanted, ...browser]) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (code && (languages as readonly string[]).includes(code)) return code as Language;
  }
  return 'en';
}

import type { ScriptTemplate } from './template.ts';

type Core =
  | 'acknowledge'
  | 'clarify'
  | 'reassure'
  | 'explain-solution'
  | 'escalate'
  | 'follow-up'
  | 'boundary'
  | 'decline-with-alternative';

const coreMeta: Record<Core, Pick<ScriptTemplate, 'step' | 'intents'>> = {
  acknowledge: { step: 'initial_contact' },
  clarify: { step: 'listen' },
  reassure: { step: 'de_escalate' },
  'explain-solution': { step: 'resolve' },
  escalate: { step: 'escalate' },
  'follow-up': { step: 'follow_up' },
  boundary: { step: 'de_escalate', intents: ['abuse'] },
  'decline-with-alternative': { step: 'resolve' },
};

function coreSet(language: string, set: Record<Core, { title: string; body: string }>): ScriptTemplate[] {
  return (Object.keys(set) as Core[]).map((core) => ({
    id: `${language}-${core}`,
    version: 1,
    language,
    ...coreMeta[core],
    ...set[core],
  }));
}

const german = coreSet('de', {
  acknowledge: {
    title: 'Ärger anerkennen',
    body: 'Guten Tag {{customer.formalAddress}},\n\nvielen Dank für Ihre Nachricht, und es tut mir leid. Ich kann gut verstehen, wie ärgerlich das für Sie ist. Ich sehe mir Ihr Anliegen jetzt an und kümmere mich darum.\n\nMit freundlichen Grüßen\n{{agent.firstName}}\n{{company.name}}',
  },
  clarify: {
    title: 'Nachfragen, was fehlt',
    body: 'Guten Tag {{customer.formalAddress}},\n\ndanke für Ihre Erklärung. Damit ich es beim ersten Mal richtig mache: Können Sie mir kurz schildern, was genau passiert ist und was wir für Sie tun sollen?\n\nMit freundlichen Grüßen\n{{agent.firstName}}\n{{company.name}}',
  },
  reassure: {
    title: 'Beruhigen: wir sind dran',
    body: 'Guten Tag {{customer.formalAddress}},\n\nich bin für Sie da und bleibe an der Sache, bis sie gelöst ist. Lassen Sie uns das gemeinsam klären. Sie müssen im Moment nichts weiter tun.\n\nMit freundlichen Grüßen\n{{agent.firstName}}\n{{company.name}}',
  },
  'explain-solution': {
    title: 'Die Lösung klar erklären',
    body: 'Guten Tag {{customer.formalAddress}},\n\nso geht es weiter: Ich habe heute die Erstattung von {{amount}} für Ihre Bestellung {{order.reference}} veranlasst. Sie erhalten bis {{date}} eine Bestätigung von mir. Je nach Bank ist das Geld nach 3–5 Werktagen auf Ihrem Konto.\n\nMit freundlichen Grüßen\n{{agent.firstName}}\n{{company.name}}',
  },
  escalate: {
    title: 'Übergabe an eine Kollegin oder einen Kollegen',
    body: 'Guten Tag {{customer.formalAddress}},\n\nich habe {{colleague.firstName}} aus unserem Team gebeten, Ihren Fall zu übernehmen, weil dort die nötige Freigabe erteilt werden kann. Ich habe alles weitergegeben, was Sie uns geschrieben haben, Sie müssen also nichts wiederholen. Sie hören bis {{date}} von uns.\n\nMit freundlichen Grüßen\n{{agent.firstName}}\n{{company.name}}',
  },
  'follow-up': {
    title: 'Nachfassen: ist alles gelöst?',
    body: 'Guten Tag {{customer.formalAddress}},\n\nich wollte kurz nachfragen: Ist jetzt alles in Ordnung? Falls noch etwas nicht stimmt, antworten Sie einfach auf diese Nachricht, sie landet direkt bei mir. Über eine kurze Rückmeldung, wie wir Ihnen geholfen haben, freue ich mich.\n\nMit freundlichen Grüßen\n{{agent.firstName}}\n{{company.name}}',
  },
  boundary: {
    title: 'Eine ruhige Grenze setzen',
    body: 'Guten Tag {{customer.formalAddress}},\n\nich möchte Ihnen helfen, und dafür bitte ich Sie um einen respektvollen Ton. Ich verstehe, dass Sie verärgert sind, und ich arbeite an Ihrem Anliegen. Wenn die Nachrichten persönlich bleiben, gebe ich das Gespräch an meine Vorgesetzte weiter.\n\nMit freundlichen Grüßen\n{{agent.firstName}}\n{{company.name}}',
  },
  'decline-with-alternative': {
    title: 'Höflich ablehnen und eine Alternative anbieten',
    body: 'Guten Tag {{customer.formalAddress}},\n\nich habe Ihre Anfrage sorgfältig geprüft und kann das leider nicht umsetzen, weil {{reason}}. Ich möchte Sie aber nicht nur mit einem Nein zurücklassen: Ich kann Ihnen {{alternative}} anbieten. Wenn das für Sie passt, richte ich es bis {{date}} ein.\n\nMit freundlichen Grüßen\n{{agent.firstName}}\n{{company.name}}',
  },
});

const french = coreSet('fr', {
  acknowledge: {
    title: 'Reconnaître l’agacement',
    body: 'Bonjour {{customer.formalAddress}},\n\nmerci de nous avoir écrit, et je suis désolé(e). Je comprends tout à fait votre agacement. Je regarde votre demande dès maintenant et je m’en occupe.\n\nBien cordialement,\n{{agent.firstName}}\n{{company.name}}',
  },
  clarify: {
    title: 'Demander ce qui manque',
    body: 'Bonjour {{customer.formalAddress}},\n\nmerci pour vos explications. Pour bien faire du premier coup, pourriez-vous me préciser ce qui s’est passé exactement et ce que vous attendez de nous ?\n\nBien cordialement,\n{{agent.firstName}}\n{{company.name}}',
  },
  reassure: {
    title: 'Rassurer : nous nous en occupons',
    body: 'Bonjour {{customer.formalAddress}},\n\nje suis là pour vous aider et je reste sur ce dossier jusqu’à ce qu’il soit réglé. Trouvons la solution ensemble. Vous n’avez rien d’autre à faire pour le moment.\n\nBien cordialement,\n{{agent.firstName}}\n{{company.name}}',
  },
  'explain-solution': {
    title: 'Expliquer clairement la solution',
    body: 'Bonjour {{customer.formalAddress}},\n\nvoici la suite : j’ai lancé aujourd’hui le remboursement de {{amount}} pour votre commande {{order.reference}}. Je vous envoie une confirmation avant {{date}}. Selon votre banque, la somme apparaît sous 3 à 5 jours ouvrés.\n\nBien cordialement,\n{{agent.firstName}}\n{{company.name}}',
  },
  escalate: {
    title: 'Passer le relais à un ou une collègue',
    body: 'Bonjour {{customer.formalAddress}},\n\nj’ai demandé à {{colleague.firstName}}, de notre équipe, de reprendre votre dossier, car c’est elle ou lui qui peut valider la solution. Je lui ai transmis tout ce que vous nous avez écrit : vous n’aurez rien à répéter. Vous aurez de nos nouvelles avant {{date}}.\n\nBien cordialement,\n{{agent.firstName}}\n{{company.name}}',
  },
  'follow-up': {
    title: 'Faire le point : tout est-il réglé ?',
    body: 'Bonjour {{customer.formalAddress}},\n\nje me permets de revenir vers vous : tout fonctionne-t-il maintenant ? Si quelque chose ne va pas encore, répondez simplement à ce message, il m’arrive directement. Votre avis sur notre aide nous serait aussi précieux.\n\nBien cordialement,\n{{agent.firstName}}\n{{company.name}}',
  },
  boundary: {
    title: 'Poser une limite avec calme',
    body: 'Bonjour {{customer.formalAddress}},\n\nje veux vous aider, et pour cela j’ai besoin que nos échanges restent respectueux. Je comprends votre colère et je travaille sur votre demande. Si les messages restent personnels, je transmettrai la conversation à ma responsable.\n\nBien cordialement,\n{{agent.firstName}}\n{{company.name}}',
  },
  'decline-with-alternative': {
    title: 'Refuser poliment et proposer une alternative',
    body: 'Bonjour {{customer.formalAddress}},\n\nj’ai étudié attentivement votre demande et je ne peux malheureusement pas y donner suite, car {{reason}}. Je ne veux pas vous laisser avec un simple non : je peux vous proposer {{alternative}}. Si cela vous convient, je le mets en place avant {{date}}.\n\nBien cordialement,\n{{agent.firstName}}\n{{company.name}}',
  },
});

const spanish = coreSet('es', {
  acknowledge: {
    title: 'Reconocer la molestia',
    body: 'Buenos días, {{customer.formalAddress}}:\n\nGracias por escribirnos, y lo siento mucho. Entiendo perfectamente su molestia. Estoy revisando su caso ahora mismo y me encargo personalmente.\n\nUn saludo,\n{{agent.firstName}}\n{{company.name}}',
  },
  clarify: {
    title: 'Preguntar lo que falta',
    body: 'Buenos días, {{customer.formalAddress}}:\n\nGracias por la explicación. Para hacerlo bien a la primera, ¿podría contarme qué ocurrió exactamente y qué le gustaría que hiciéramos?\n\nUn saludo,\n{{agent.firstName}}\n{{company.name}}',
  },
  reassure: {
    title: 'Tranquilizar: nos ocupamos',
    body: 'Buenos días, {{customer.formalAddress}}:\n\nEstoy aquí para ayudarle y no voy a soltar su caso hasta que esté resuelto. Lo resolvemos juntos. Por ahora no tiene que hacer nada más.\n\nUn saludo,\n{{agent.firstName}}\n{{company.name}}',
  },
  'explain-solution': {
    title: 'Explicar la solución con claridad',
    body: 'Buenos días, {{customer.formalAddress}}:\n\nLe explico los siguientes pasos: hoy he iniciado el reembolso de {{amount}} de su pedido {{order.reference}}. Le enviaré la confirmación antes del {{date}}. Según su banco, el importe aparecerá en 3–5 días hábiles.\n\nUn saludo,\n{{agent.firstName}}\n{{company.name}}',
  },
  escalate: {
    title: 'Pasar el caso a un compañero',
    body: 'Buenos días, {{customer.formalAddress}}:\n\nHe pedido a {{colleague.firstName}}, de nuestro equipo, que se haga cargo de su caso, porque puede aprobar la solución. Le he pasado todo lo que nos ha contado, así que no tendrá que repetir nada. Tendrá noticias nuestras antes del {{date}}.\n\nUn saludo,\n{{agent.firstName}}\n{{company.name}}',
  },
  'follow-up': {
    title: 'Hacer seguimiento: ¿está todo resuelto?',
    body: 'Buenos días, {{customer.formalAddress}}:\n\nQuería saber cómo va: ¿funciona ya todo correctamente? Si algo sigue sin estar bien, responda a este mensaje y me llegará directamente. También nos ayudaría mucho su opinión sobre cómo le hemos atendido.\n\nUn saludo,\n{{agent.firstName}}\n{{company.name}}',
  },
  boundary: {
    title: 'Poner un límite con calma',
    body: 'Buenos días, {{customer.formalAddress}}:\n\nQuiero ayudarle, y para eso necesito que mantengamos un trato respetuoso. Entiendo que esté enfadado y estoy trabajando en su caso. Si los mensajes siguen siendo personales, pasaré la conversación a mi responsable.\n\nUn saludo,\n{{agent.firstName}}\n{{company.name}}',
  },
  'decline-with-alternative': {
    title: 'Decir que no con amabilidad y ofrecer una alternativa',
    body: 'Buenos días, {{customer.formalAddress}}:\n\nHe revisado con atención su petición y no puedo atenderla, porque {{reason}}. Pero no quiero dejarle solo con un no: puedo ofrecerle {{alternative}}. Si le parece bien, lo dejo preparado antes del {{date}}.\n\nUn saludo,\n{{agent.firstName}}\n{{company.name}}',
  },
});

const romanian = coreSet('ro', {
  acknowledge: {
    title: 'Recunoașterea supărării',
    body: 'Bună ziua, {{customer.formalAddress}},\n\nVă mulțumesc că ne-ați scris și îmi pare rău. Înțeleg cât de neplăcut este pentru dumneavoastră. Mă uit chiar acum la situație și mă ocup personal de ea.\n\nCu stimă,\n{{agent.firstName}}\n{{company.name}}',
  },
  clarify: {
    title: 'Întrebări pentru ce lipsește',
    body: 'Bună ziua, {{customer.formalAddress}},\n\nVă mulțumesc pentru explicații. Ca să rezolv corect din prima, îmi puteți spune ce s-a întâmplat exact și ce ați dori să facem pentru dumneavoastră?\n\nCu stimă,\n{{agent.firstName}}\n{{company.name}}',
  },
  reassure: {
    title: 'Liniștire: ne ocupăm',
    body: 'Bună ziua, {{customer.formalAddress}},\n\nSunt aici să vă ajut și rămân pe acest caz până se rezolvă. Rezolvăm împreună. Deocamdată nu trebuie să mai faceți nimic.\n\nCu stimă,\n{{agent.firstName}}\n{{company.name}}',
  },
  'explain-solution': {
    title: 'Explicarea clară a soluției',
    body: 'Bună ziua, {{customer.formalAddress}},\n\nIată pașii următori: am pornit astăzi rambursarea de {{amount}} pentru comanda {{order.reference}}. Vă trimit confirmarea până {{date}}. În funcție de bancă, suma apare în cont în 3–5 zile lucrătoare.\n\nCu stimă,\n{{agent.firstName}}\n{{company.name}}',
  },
  escalate: {
    title: 'Predarea cazului unui coleg',
    body: 'Bună ziua, {{customer.formalAddress}},\n\nAm rugat-o pe colega mea, {{colleague.firstName}}, să preia cazul dumneavoastră, pentru că ea poate aproba soluția. I-am transmis tot ce ne-ați scris, așa că nu va trebui să repetați nimic. Veți primi vești de la noi până {{date}}.\n\nCu stimă,\n{{agent.firstName}}\n{{company.name}}',
  },
  'follow-up': {
    title: 'Revenire: s-a rezolvat totul?',
    body: 'Bună ziua, {{customer.formalAddress}},\n\nAm vrut să verific: funcționează acum totul cum trebuie? Dacă ceva nu e încă în regulă, răspundeți la acest mesaj și ajunge direct la mine. Ne-ar ajuta mult și părerea dumneavoastră despre cum v-am ajutat.\n\nCu stimă,\n{{agent.firstName}}\n{{company.name}}',
  },
  boundary: {
    title: 'O limită pusă cu calm',
    body: 'Bună ziua, {{customer.formalAddress}},\n\nVreau să vă ajut, iar pentru asta am nevoie să păstrăm un ton respectuos. Înțeleg că sunteți supărat și lucrez la problema dumneavoastră. Dacă mesajele rămân personale, voi preda conversația coordonatoarei mele.\n\nCu stimă,\n{{agent.firstName}}\n{{company.name}}',
  },
  'decline-with-alternative': {
    title: 'Refuz politicos, cu o alternativă',
    body: 'Bună ziua, {{customer.formalAddress}},\n\nAm analizat cu atenție cererea dumneavoastră și, din păcate, nu o pot aproba, pentru că {{reason}}. Nu vreau însă să vă las doar cu un „nu”: vă pot oferi {{alternative}}. Dacă vă convine, mă ocup de asta până {{date}}.\n\nCu stimă,\n{{agent.firstName}}\n{{company.name}}',
  },
});

/** The core set in German, French, Spanish and Romanian. */
export const coreTemplates: readonly ScriptTemplate[] = [...german, ...french, ...spanish, ...romanian];

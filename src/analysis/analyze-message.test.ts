import { describe, expect, it } from 'vitest';
import { analyzeMessage } from './index.ts';

const detectedAbuse = (text: string) =>
  Object.entries(analyzeMessage(text).abuse)
    .filter(([, s]) => s.detected)
    .map(([k]) => k);

describe('analyzeMessage: emotions and modifiers', () => {
  it('reads negation: "not happy" is disappointment, not satisfaction', () => {
    const r = analyzeMessage('I am not happy with this at all.');
    expect(r.emotions.disappointment.detected).toBe(true);
    expect(r.emotions.satisfaction.detected).toBe(false);
  });
  it('intensifiers raise the score ("extremely disappointed" > "disappointed")', () => {
    const plain = analyzeMessage('I am disappointed with the delivery.');
    const strong = analyzeMessage('I am extremely disappointed with the delivery.');
    expect(strong.emotions.disappointment.score).toBeGreaterThanOrEqual(plain.emotions.disappointment.score);
  });
  it('contrast "thanks, but…" discounts the thanks', () => {
    const r = analyzeMessage('Thanks, but this is the third time I am writing about the broken charger.');
    expect(r.emotions.satisfaction.detected).toBe(false);
    expect(r.complaint.detected).toBe(true);
    expect(r.intents.repeat_contact.detected).toBe(true);
  });
  it('caps shouting and !!! bursts raise heat', () => {
    const calm = analyzeMessage('where is my order');
    const loud = analyzeMessage('WHERE IS MY ORDER!!!');
    expect(loud.heat).toBeGreaterThan(calm.heat);
    expect(loud.emotions.anger.score).toBeGreaterThan(calm.emotions.anger.score);
  });
  it('emoji and emoticons count', () => {
    expect(analyzeMessage('my parcel is lost 😡😡').emotions.anger.detected).toBe(true);
    expect(analyzeMessage('great, thank you :)').emotions.satisfaction.detected).toBe(true);
  });
});

describe('analyzeMessage: abuse', () => {
  it.each(['f*ck this', 'f u c k this', 'fuuuuck this', 'ƒuck this', 'sh1t service', 'ｆｕｃｋ this', 'fսck this'])(
    'detects profanity through evasion: %s',
    (text) => {
      expect(analyzeMessage(text).abuse.profanity.detected).toBe(true);
    },
  );
  it('keeps profanity-as-frustration ("this damn app") apart from insults aimed at the agent ("you idiots")', () => {
    const frustration = analyzeMessage('this damn app crashed again');
    expect(frustration.abuse.insult.detected).toBe(false);
    expect(frustration.abuse.profanity.detected).toBe(true);
    expect(frustration.abuse.profanity.severity).toBe('low');
    const insult = analyzeMessage('you idiots never read my emails');
    expect(insult.abuse.insult.detected).toBe(true);
    expect(['medium', 'high']).toContain(insult.abuse.insult.severity);
    expect(insult.heat).toBeGreaterThan(frustration.heat);
  });
  it('an untargeted adjective is frustration, a targeted one an insult', () => {
    expect(analyzeMessage('this app is useless').abuse.insult.detected).toBe(false);
    expect(analyzeMessage('you are useless').abuse.insult.detected).toBe(true);
  });
  it.each([
    ['en', 'I will kill you if this is not fixed'],
    ['en', 'I know where you live'],
    ['de', 'Ich bring dich um'],
    ['fr', 'je vais te tuer'],
    ['es', 'te voy a matar'],
    ['ro', 'te omor'],
  ])('detects threats of violence (%s): %s', (_lang, text) => {
    const r = analyzeMessage(text);
    expect(r.abuse.threat.detected).toBe(true);
    expect(r.abuse.threat.severity).toBe('high');
    expect(r.heat).toBeGreaterThanOrEqual(60);
  });
  it.each([
    ['de', 'Ihr Idioten, das ist eine Frechheit'],
    ['fr', 'Bande de connards'],
    ['es', 'Sois unos ladrones y gilipollas'],
    ['ro', 'Sunteți niște hoți și escroci'],
  ])('detects insults in %s', (_lang, text) => {
    expect(detectedAbuse(text)).toContain('insult');
  });
  it('"fuck you" is harassment', () => {
    expect(analyzeMessage('fuck you').abuse.harassment.detected).toBe(true);
  });
});

describe('analyzeMessage: intents in five languages', () => {
  const cases: Array<[string, string, keyof ReturnType<typeof analyzeMessage>['intents']]> = [
    ['en', 'I want a full refund for this order', 'refund'],
    ['de', 'Ich will mein Geld zurück', 'refund'],
    ['fr', 'Je veux être remboursé immédiatement', 'refund'],
    ['es', 'Quiero un reembolso ya', 'refund'],
    ['ro', 'Vreau rambursarea banilor', 'refund'],
    ['en', 'Please cancel my subscription', 'cancellation'],
    ['de', 'Ich kündige meinen Vertrag', 'cancellation'],
    ['fr', 'Je veux résilier mon abonnement', 'cancellation'],
    ['es', 'Quiero darme de baja', 'cancellation'],
    ['ro', 'Vreau să reziliez contractul', 'cancellation'],
    ['en', 'My lawyer will hear about this', 'legal_threat'],
    ['de', 'Ich werde Sie verklagen', 'legal_threat'],
    ['fr', 'Je vais contacter mon avocat', 'legal_threat'],
    ['es', 'Voy a llamar a mi abogado', 'legal_threat'],
    ['ro', 'Vă dau în judecată', 'legal_threat'],
    ['en', 'Let me speak to your manager', 'manager_request'],
    ['de', 'Ich will Ihren Vorgesetzten sprechen', 'manager_request'],
    ['fr', 'Je veux parler au responsable', 'manager_request'],
    ['es', 'Quiero hablar con el gerente', 'manager_request'],
    ['ro', 'Vreau să vorbesc cu un manager', 'manager_request'],
    ['en', 'I will post this on Twitter and tell everyone', 'public_shaming'],
    ['de', 'Das kommt in die sozialen Medien', 'public_shaming'],
    ['fr', 'Je vais laisser un mauvais avis', 'public_shaming'],
    ['es', 'Lo voy a publicar en redes sociales', 'public_shaming'],
    ['ro', 'O să scriu pe Facebook despre voi', 'public_shaming'],
    ['en', 'I expect compensation for this', 'compensation'],
    ['en', 'This is the third time I am contacting you', 'repeat_contact'],
  ];
  it.each(cases)('%s: "%s" → %s', (_lang, text, intent) => {
    expect(analyzeMessage(text).intents[intent].detected).toBe(true);
  });
  it('negation suppresses an intent ("I do not want to cancel")', () => {
    expect(analyzeMessage('I do not want to cancel my subscription').intents.cancellation.score).toBeLessThan(
      analyzeMessage('I want to cancel my subscription').intents.cancellation.score,
    );
  });
  it.each([
    ['en', 'My package still has not arrived'],
    ['de', 'Das Paket ist immer noch nicht angekommen'],
    ['fr', "Je n'ai toujours pas reçu mon colis"],
    ['es', 'Mi paquete todavía no ha llegado'],
    ['ro', 'Coletul meu nu a ajuns nici acum'],
  ])('detects a complaint in %s', (_lang, text) => {
    expect(analyzeMessage(text).complaint.detected).toBe(true);
  });
});

describe('analyzeMessage: language, category, evidence', () => {
  it.each([
    ['en', 'Where is my parcel? I ordered it two weeks ago and it has not arrived.'],
    ['de', 'Wo ist mein Paket? Ich habe es vor zwei Wochen bestellt und es ist nicht angekommen.'],
    ['fr', "Où est mon colis ? Je l'ai commandé il y a deux semaines et il n'est pas arrivé."],
    ['es', '¿Dónde está mi paquete? Lo pedí hace dos semanas y no ha llegado.'],
    ['ro', 'Unde este coletul meu? L-am comandat acum două săptămâni și nu a ajuns.'],
    ['ru', 'Где моя посылка? Я заказал её две недели назад.'],
    ['ar', 'أين طردي؟ لقد طلبته منذ أسبوعين'],
  ])('detects %s', (code, text) => {
    expect(analyzeMessage(text).language.code).toBe(code);
  });
  it('categorises a delivery complaint', () => {
    expect(analyzeMessage('My package never arrived and tracking shows nothing').category.name).toBe('delivery');
  });
  it('evidence spans point at the right text of the original message', () => {
    const text = 'Hello. You IDIOTS charged me twice, I want a refund or I call my lawyer!';
    const r = analyzeMessage(text);
    const find = (signal: string) => r.evidence.filter((e) => e.signal === signal).map((e) => text.slice(e.start, e.end));
    expect(find('abuse.insult')).toContain('IDIOTS');
    expect(find('intents.refund').some((t) => t.includes('refund'))).toBe(true);
    expect(find('intents.legal_threat')).toContain('lawyer');
    for (const e of r.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });
  it('evidence offsets are UTF-16 offsets into the original text (emoji and accents before the span)', () => {
    const text = '😡😡 Ça suffit, vous êtes des escrocs';
    const r = analyzeMessage(text);
    const insult = r.evidence.find((e) => e.signal === 'abuse.insult');
    expect(insult?.text).toBe('escrocs');
    expect(text.slice(insult?.start ?? 0, insult?.end ?? 0)).toBe('escrocs');
  });
});

describe('analyzeMessage: dissatisfaction said plainly (the complaint definition in README.md)', () => {
  it.each([
    'Would not recommend.',
    'avoid!!!',
    'useless app',
    'Never again.',
    "I'm having trouble paying for my booking",
    "the parcel still hasn't come",
    'thanks for nothing, great service',
    'Nicht zu empfehlen, nie wieder.',
    'Das Paket ist immer noch nicht angekommen.',
    'Je ne recommande pas, à éviter.',
    'Toujours pas reçu ma commande, aucune réponse.',
    'No lo recomiendo, nunca más.',
    'Todavía no ha llegado mi pedido.',
    'Nu recomand, calitate slabă.',
    'Comanda nu a ajuns nici acum.',
  ])('reads "%s" as a complaint, hotter than a calm message', (text) => {
    const r = analyzeMessage(text);
    expect(r.complaint.detected).toBe(true);
    expect(r.heat).toBeGreaterThanOrEqual(20);
  });

  it.each([
    'When does my order ship?',
    'Can you change my delivery address to 5 Main Street?',
    'Thanks, the refund arrived, all good!',
    'Wann wird meine Bestellung verschickt?',
    'Merci beaucoup, tout est parfait.',
    '¿Cuándo llega mi pedido?',
  ])('does not read "%s" as a complaint, and keeps it calm', (text) => {
    const r = analyzeMessage(text);
    expect(r.complaint.detected).toBe(false);
    expect(r.heat).toBeLessThan(20);
  });

  it('orders heat so that any dissatisfied message is hotter than a neutral one', () => {
    const neutral = analyzeMessage('Hello, could you tell me when my order ships?');
    const plain = analyzeMessage('The parcel still has not arrived and nobody answers.');
    const angry = analyzeMessage('You useless idiots, I am calling my lawyer!!!');
    expect(plain.heat).toBeGreaterThan(neutral.heat);
    expect(angry.heat).toBeGreaterThan(plain.heat);
    expect(angry.heat).toBeGreaterThanOrEqual(60);
  });
});

describe('analyzeMessage: language of short texts', () => {
  it('a four-word English sentence is English', () => {
    expect(analyzeMessage('still nothing. Hello??').language.code).toBe('en');
    expect(analyzeMessage('Where is my refund').language.code).toBe('en');
  });
  it('takes the language of the customer from context when the text alone cannot tell', () => {
    expect(analyzeMessage('OK', { languageHint: 'de' }).language.code).toBe('de');
    // the text's own evidence wins over the hint
    expect(analyzeMessage('Das ist nicht in Ordnung, ich warte immer noch.', { languageHint: 'fr' }).language.code).toBe('de');
  });
});

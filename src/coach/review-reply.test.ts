import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPractices, guessDraftLanguage, reviewReply } from './review-reply.ts';
import type { FindingKind, PracticeId, ReplyContext } from './types.ts';

const kinds = (draft: string, context: ReplyContext = {}) => reviewReply(draft, context).findings.map((finding) => finding.kind);

interface RuleCase {
  kind: FindingKind;
  language: string;
  context?: ReplyContext;
  flags: string[];
  passes: string[];
}

const ruleCases: RuleCase[] = [
  {
    kind: 'blame',
    language: 'en',
    flags: [
      'You should have read the instructions first.',
      'If you had checked the address, this would not happen.',
      "That's your own fault.",
    ],
    passes: [
      'I should have caught this before it reached you.',
      'We should have told you sooner.',
      "You shouldn't have had to chase us.",
    ],
  },
  {
    kind: 'blame',
    language: 'de',
    context: { customerLanguage: 'de' },
    flags: ['Sie hätten die Anleitung lesen sollen.', 'Das ist Ihr eigener Fehler.', 'Selbst schuld, würde ich sagen.'],
    passes: ['Ich hätte das früher bemerken sollen.', 'Das war unser Fehler.'],
  },
  {
    kind: 'blame',
    language: 'fr',
    context: { customerLanguage: 'fr' },
    flags: ['Vous auriez dû lire les conditions.', "C'est votre faute si le colis est reparti."],
    passes: ["C'est notre erreur, et je m'en excuse.", 'Nous aurions dû vous prévenir.'],
  },
  {
    kind: 'blame',
    language: 'es',
    context: { customerLanguage: 'es' },
    flags: ['Usted debería haber leído las condiciones.', 'Fue culpa suya, no nuestra.'],
    passes: ['Fue un error nuestro.', 'Deberíamos haberle avisado antes.'],
  },
  {
    kind: 'blame',
    language: 'ro',
    context: { customerLanguage: 'ro' },
    flags: ['Ar fi trebuit să citiți condițiile.', 'Este vina dumneavoastră.', 'Nu ati citit emailul.'],
    passes: ['A fost o eroare de partea noastră.', 'Trebuia să vă anunțăm noi.'],
  },
  {
    kind: 'condescension',
    language: 'en',
    flags: [
      'Calm down, please.',
      'As I already said, the refund is on its way.',
      "Like I said, it's very simple.",
      'Sorry you feel that way.',
    ],
    passes: ['I can hear how frustrating this has been.', 'To recap the key point: the refund left us today.'],
  },
  {
    kind: 'condescension',
    language: 'de',
    context: { customerLanguage: 'de' },
    flags: ['Beruhigen Sie sich bitte.', 'Wie bereits gesagt, kommt die Erstattung.', 'Das ist doch ganz einfach.'],
    passes: ['Ich verstehe, wie ärgerlich das ist.', 'Kurz zusammengefasst: die Erstattung ist unterwegs.'],
  },
  {
    kind: 'condescension',
    language: 'fr',
    context: { customerLanguage: 'fr' },
    flags: ['Calmez-vous, Monsieur.', "Comme je vous l'ai déjà dit, le remboursement est en cours.", 'Du calme, je vous prie.'],
    passes: ['Je comprends tout à fait votre agacement.', 'Pour résumer : le remboursement est parti.'],
  },
  {
    kind: 'condescension',
    language: 'es',
    context: { customerLanguage: 'es' },
    flags: ['Cálmese, por favor.', 'Como ya le dije, el reembolso está en camino.', 'Es muy sencillo.'],
    passes: ['Entiendo perfectamente su molestia.', 'En resumen: el reembolso ya ha salido.'],
  },
  {
    kind: 'condescension',
    language: 'ro',
    context: { customerLanguage: 'ro' },
    flags: ['Calmați-vă, vă rog.', 'Calmati-va, va rog.', 'Cum v-am mai spus, rambursarea e pe drum.', 'E foarte simplu.'],
    passes: ['Înțeleg cât de neplăcut este.', 'Pe scurt: rambursarea a plecat azi.'],
  },
  {
    kind: 'arguing',
    language: 'en',
    flags: [
      'Actually, you are wrong about the date.',
      "That's not true.",
      "With all due respect, that's how the warranty works.",
    ],
    passes: ["Here is what our records show; let's look at it together.", "You're right, the date was wrong."],
  },
  {
    kind: 'excuse',
    language: 'en',
    flags: [
      "It's not our fault, the courier lost it.",
      "We're very busy at the moment.",
      'There is nothing we can do.',
      'That is company policy.',
    ],
    passes: ["Here's what I'm doing about it.", 'The courier lost it, so I am sending a new one today.'],
  },
  {
    kind: 'vague-promise',
    language: 'en',
    flags: ['We will refund you soon.', 'Please wait, we will fix it ASAP.', "We'll look into it."],
    passes: ['I will refund you by Thursday at 12:00.', 'You will hear from me within 2 hours, as soon as the bank confirms.'],
  },
  {
    kind: 'absolute-promise',
    language: 'en',
    flags: ['This will never happen again.', 'It is guaranteed to arrive tomorrow.', 'I am 100% sure.'],
    passes: ["I've added a check so this is caught before it reaches you.", 'It should arrive tomorrow.'],
  },
  {
    kind: 'jargon',
    language: 'en',
    flags: [
      'Your RMA number is 1234.',
      'The backend is down.',
      'As per our policy we cannot.',
      'The payment gateway declined it.',
    ],
    passes: ['Your return number is 1234.', 'Our system is down for an hour.'],
  },
  {
    kind: 'sarcasm',
    language: 'en',
    flags: ['Oh great, another complaint.', 'Good luck with that.', "I'm sure you know best."],
    passes: ['Great news: the parcel arrived at the depot.', 'Good luck with the move, and thank you for your patience.'],
  },
  {
    kind: 'shouting',
    language: 'en',
    flags: ['PLEASE READ THE EMAIL before writing again.', 'This is NEVER acceptable.', 'Thank you!!'],
    passes: ['Your order ORD-48213 of 1.249,00 RON is on its way.', 'The SLA and the FAQ are on the web site.', 'Thank you!'],
  },
];

describe('each rule flags what it should and leaves good replies alone', () => {
  for (const rule of ruleCases) {
    for (const draft of rule.flags) {
      it(`${rule.kind} (${rule.language}) flags: ${draft}`, () => {
        expect(kinds(draft, rule.context)).toContain(rule.kind);
      });
    }
    for (const draft of rule.passes) {
      it(`${rule.kind} (${rule.language}) does not flag: ${draft}`, () => {
        expect(kinds(draft, rule.context)).not.toContain(rule.kind);
      });
    }
  }
});

describe('findings carry an exact span and a better alternative', () => {
  it('points at the words themselves', () => {
    const draft = 'Hi Mihai. Calm down, the refund is coming.';
    const finding = reviewReply(draft).findings.find((each) => each.kind === 'condescension');
    expect(finding).toBeDefined();
    expect(draft.slice(finding?.start, finding?.end)).toBe('Calm down');
    expect(finding?.text).toBe('Calm down');
    expect(finding?.suggestion).toMatch(/frustrating/);
    expect(finding?.severity).toBe('problem');
  });

  it('turns a vague promise into a dated one when it knows the date and time zone', () => {
    const review = reviewReply('We will refund you soon.', { now: '2026-11-27T10:00:00Z', customerTimeZone: 'Europe/Bucharest' });
    const vague = review.findings.find((each) => each.kind === 'vague-promise');
    // 27 November 2026 is a Friday, so the next working day is Monday
    expect(vague?.suggestion).toContain('Monday 30 November, 17:00 your time');
  });
});

describe('missing acknowledgement when the customer is upset', () => {
  const cases: { language: string; missing: string; present: string }[] = [
    {
      language: 'en',
      missing: 'Your refund will be processed by Friday at 12:00.',
      present: 'I completely understand why you are upset. Your refund will be processed by Friday at 12:00.',
    },
    {
      language: 'de',
      missing: 'Die Erstattung wird bis Freitag bearbeitet, und Sie erhalten eine Bestätigung.',
      present: 'Ich kann gut verstehen, dass Sie verärgert sind. Die Erstattung wird bis Freitag bearbeitet.',
    },
    {
      language: 'fr',
      missing: 'Le remboursement sera traité vendredi et vous recevrez une confirmation.',
      present: 'Je comprends tout à fait votre agacement. Le remboursement sera traité vendredi.',
    },
    {
      language: 'es',
      missing: 'El reembolso se tramitará el viernes y le enviaremos la confirmación por correo.',
      present: 'Entiendo perfectamente su molestia. El reembolso se tramitará el viernes.',
    },
    {
      language: 'ro',
      missing: 'Rambursarea va fi procesată vineri și vă trimitem confirmarea pe e-mail.',
      present: 'Înțeleg cât de neplăcut este pentru dumneavoastră. Rambursarea va fi procesată vineri.',
    },
  ];
  for (const { language, missing, present } of cases) {
    it(`(${language}) flags a reply without acknowledgement at heat 75, in the draft's language`, () => {
      const review = reviewReply(missing, { customerHeat: 75, customerLanguage: language });
      const finding = review.findings.find((each) => each.kind === 'missing-acknowledgement');
      expect(finding?.severity).toBe('warning');
      expect(review.language).toBe(language);
    });
    it(`(${language}) is satisfied once the feeling is named`, () => {
      expect(kinds(present, { customerHeat: 75, customerLanguage: language })).not.toContain('missing-acknowledgement');
    });
  }

  it('is quiet for a calm customer and a problem for a very hot one', () => {
    expect(kinds('Your refund will be processed by Friday at 12:00.', { customerHeat: 30 })).not.toContain(
      'missing-acknowledgement',
    );
    const hot = reviewReply('Your refund will be processed by Friday at 12:00.', {
      customerHeat: 90,
      customerName: 'Mihai Ionescu',
    });
    const finding = hot.findings.find((each) => each.kind === 'missing-acknowledgement');
    expect(finding?.severity).toBe('problem');
    expect(finding?.suggestion).toContain('Mihai, I can see');
  });
});

describe('next step', () => {
  it('asks for a next step when there is none', () => {
    expect(kinds('Thank you for your message about the coffee machine and the descaling guide.')).toContain('missing-next-step');
  });
  it('asks for a time when the step has none', () => {
    const finding = reviewReply('I will send you a replacement for the coffee machine.').findings.find(
      (each) => each.kind === 'missing-next-step',
    );
    expect(finding?.severity).toBe('info');
  });
  it('is satisfied by a commitment with a time', () => {
    expect(kinds('I will send you a replacement for the coffee machine by Thursday.')).not.toContain('missing-next-step');
    expect(
      kinds('Vă trimit confirmarea mâine până la ora 12:00, împreună cu numărul tranzacției.', { customerLanguage: 'ro' }),
    ).not.toContain('missing-next-step');
  });
  it('does not ask for one while listening when the reply asks a question', () => {
    expect(kinds('Could you tell me which day the payment was taken from your card?', { step: 'listen' })).not.toContain(
      'missing-next-step',
    );
  });
});

describe('amounts in another currency', () => {
  it('flags euros to a customer who pays in lei, and suggests the Romanian format', () => {
    const draft = 'We refunded €1,249.00 to your card today.';
    const finding = reviewReply(draft, { customerCurrency: 'RON', customerLanguage: 'ro' }).findings.find(
      (each) => each.kind === 'wrong-currency',
    );
    expect(finding?.text).toBe('€1,249.00');
    expect(finding?.suggestion).toMatch(/1\.249,00\sRON/);
  });
  it('accepts lei, RON and the customer’s own symbol', () => {
    expect(kinds('We refunded 1.249,00 lei today.', { customerCurrency: 'RON' })).not.toContain('wrong-currency');
    expect(kinds('We refunded 1.249,00 RON today.', { customerCurrency: 'RON' })).not.toContain('wrong-currency');
    expect(kinds('We refunded $49.99 today.', { customerCurrency: 'USD' })).not.toContain('wrong-currency');
    expect(kinds('We refunded ¥32,800 today.', { customerCurrency: 'JPY' })).not.toContain('wrong-currency');
  });
  it('flags codes as well as symbols, and ignores currency words without a number', () => {
    expect(kinds('We refunded 40 USD today.', { customerCurrency: 'EUR' })).toContain('wrong-currency');
    expect(kinds('You can pay in EUR or USD.', { customerCurrency: 'RON' })).not.toContain('wrong-currency');
    expect(kinds('Order ORD-48213 is on its way.', { customerCurrency: 'RON' })).not.toContain('wrong-currency');
  });
});

describe('scripts and placeholders', () => {
  const template =
    "Hi Mihai,\n\nThank you for telling us, and I'm sorry. I can see how frustrating this has been. I'm looking at it now.";
  it('gently asks to make an unchanged script personal for a hot customer', () => {
    const finding = reviewReply(template, { customerHeat: 80, insertedTemplate: template }).findings.find(
      (each) => each.kind === 'unchanged-template',
    );
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toMatch(/Make it personal/);
  });
  it('is satisfied once the agent adds their own words, and never for a calm customer', () => {
    const edited = `${template} I can see the two payments of 1.249,00 lei for ORD-48213 and I've asked for the second to be refunded.`;
    expect(kinds(edited, { customerHeat: 80, insertedTemplate: template })).not.toContain('unchanged-template');
    expect(kinds(template, { customerHeat: 20, insertedTemplate: template })).not.toContain('unchanged-template');
  });
  it('flags a marker left by a missing value', () => {
    expect(kinds('Your order [order reference] is on its way.')).toContain('unfilled-placeholder');
    expect(kinds('Your order {{order.reference}} is on its way.')).toContain('unfilled-placeholder');
  });
});

describe('practices tick the checklist', () => {
  const cases: { draft: string; context?: ReplyContext; expected: PracticeId[] }[] = [
    { draft: 'I understand how frustrating this is.', expected: ['feelings-acknowledged'] },
    {
      draft: "Just to make sure I've understood: the parcel never arrived?",
      expected: ['concern-restated', 'clarifying-question'],
    },
    { draft: "Let's work on this together.", expected: ['reassurance-given'] },
    { draft: 'This was our mistake, and I am sorry.', expected: ['apology-owned'] },
    { draft: "I'll call you tomorrow at 10:00.", expected: ['next-step-with-time'] },
    {
      draft: 'Has the refund arrived on your card? How did we do?',
      expected: ['clarifying-question', 'resolution-checked', 'feedback-asked'],
    },
    { draft: 'I want to help, and I need us to keep this respectful.', expected: ['boundary-set'] },
    {
      draft: 'Ich kann gut verstehen, wie ärgerlich das ist. Das war unser Fehler.',
      expected: ['feelings-acknowledged', 'apology-owned'],
    },
    { draft: 'Si j’ai bien compris, le colis est reparti. Je m’en occupe.', expected: ['concern-restated', 'reassurance-given'] },
    {
      draft: 'Si he entendido bien, el pedido no ha llegado. Le llamo mañana a las 10.',
      expected: ['concern-restated', 'next-step-with-time'],
    },
  ];
  for (const { draft, context, expected } of cases) {
    it(`finds ${expected.join(', ')} in: ${draft}`, () => {
      expect(detectPractices(draft, context)).toEqual(expected);
    });
  }

  it('counts the same order and amount repeated from the customer’s message as restating their concern', () => {
    const customer = 'Mi-ați luat de două ori câte 1.249,00 lei pentru comanda ORD-48213.';
    expect(detectPractices('We charged 1.249,00 lei twice for ORD-48213.', { lastCustomerMessage: customer })).toContain(
      'concern-restated',
    );
    expect(detectPractices('We charged you twice.', { lastCustomerMessage: customer })).not.toContain('concern-restated');
  });
});

describe('the hot Romanian billing dispute from the demo data', () => {
  const context: ReplyContext = {
    customerHeat: 85,
    customerLanguage: 'ro',
    customerCurrency: 'RON',
    customerName: 'Mihai Ionescu',
  };
  it("flags the agent's first impulse and the reasons", () => {
    const review = reviewReply('Bună ziua. Calmați-vă, vă rog, rambursarea de 1.249,00 EUR vine curând.', context);
    expect(review.findings.map((finding) => finding.kind)).toEqual(
      expect.arrayContaining(['condescension', 'missing-acknowledgement', 'wrong-currency']),
    );
    expect(review.scores.empathy.score).toBeLessThan(30);
  });
  it("recognises Ana's real reply as good practice", () => {
    const reply =
      'Bună ziua, domnule Ionescu,\n\nVă mulțumesc că ne-ați scris și îmi pare rău — e firesc să fiți supărat când vedeți încă 1.249,00 lei luați de pe card fără motiv.\n\nCa să fiu sigură că am înțeles corect: pentru comanda ORD-48213 ați fost debitat de două ori cu 1.249,00 lei.\n\nA doua este o eroare de partea noastră. Mâine, până la ora 12:00 (ora României), vă scriu cu confirmarea și numărul tranzacției.\n\nNu trebuie să faceți nimic între timp.\n\nCu stimă,\nAna Popescu';
    const review = reviewReply(reply, context);
    expect(review.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
    expect(review.practices).toEqual([
      'feelings-acknowledged',
      'concern-restated',
      'reassurance-given',
      'apology-owned',
      'next-step-with-time',
    ]);
    expect(review.scores.empathy.score).toBeGreaterThanOrEqual(90);
    expect(review.scores.resolution.score).toBeGreaterThanOrEqual(80);
  });
});

describe('language guess', () => {
  it('tells the five coach languages apart and gives up on others', () => {
    expect(guessDraftLanguage('Thank you for your message, we will send it to you.')).toBe('en');
    expect(guessDraftLanguage('Vielen Dank für Ihre Nachricht, ich kümmere mich darum.')).toBe('de');
    expect(guessDraftLanguage('Merci pour votre message, je vous réponds dans la journée.')).toBe('fr');
    expect(guessDraftLanguage('Gracias por su mensaje, le respondo hoy mismo con la solución.')).toBe('es');
    expect(guessDraftLanguage('Vă mulțumesc pentru mesaj, revin astăzi cu răspunsul care vă trebuie.')).toBe('ro');
    expect(guessDraftLanguage('ご連絡ありがとうございます。')).toBeNull();
  });
  it('does not ask for acknowledgement in a language it cannot read', () => {
    expect(
      kinds('Tack för ditt meddelande, vi återkommer snart med ett svar.', { customerHeat: 90, customerLanguage: 'sv' }),
    ).not.toContain('missing-acknowledgement');
  });
});

describe('any input', () => {
  const anyText = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .array(
        fc.constantFrom(
          'Calm down ',
          'שלום ',
          'مرحبا ',
          '👍🏽',
          '€',
          '12,50 ',
          'SOON!! ',
          '\u202e',
          '\u0000',
          'ț',
          '\n',
          "'",
          'I will ',
        ),
        {
          maxLength: 60,
        },
      )
      .map((parts) => parts.join('')),
  );
  const anyContext = fc.record(
    {
      customerHeat: fc.oneof(fc.integer({ min: -10, max: 200 }), fc.constant(Number.NaN)),
      customerLanguage: fc.constantFrom('en', 'de', 'fr', 'es', 'ro', 'ja', 'xx', ''),
      customerCurrency: fc.constantFrom('RON', 'EUR', 'JPY', 'usd', 'nope', ''),
      insertedTemplate: fc.string({ maxLength: 100 }),
      lastCustomerMessage: fc.string({ maxLength: 100 }),
      now: fc.oneof(fc.integer(), fc.string({ maxLength: 10 })),
      customerTimeZone: fc.constantFrom('Europe/Bucharest', 'Mars/Base'),
    },
    { requiredKeys: [] },
  );

  it('never throws, keeps spans inside the draft and scores within 0–100', () => {
    fc.assert(
      fc.property(anyText, anyContext, (draft, context) => {
        const review = reviewReply(draft, context);
        for (const item of [...review.findings, ...review.strengths]) {
          expect(item.start).toBeGreaterThanOrEqual(0);
          expect(item.end).toBeLessThanOrEqual(draft.length);
          expect(item.start).toBeLessThanOrEqual(item.end);
          expect(draft.slice(item.start, item.end)).toBe(item.text);
        }
        for (const score of Object.values(review.scores)) {
          expect(score.score).toBeGreaterThanOrEqual(0);
          expect(score.score).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finishes quickly on long pathological input', () => {
    const drafts = [
      'a'.repeat(100_000),
      'A '.repeat(50_000),
      `${'1.'.repeat(30_000)} lei`,
      'calm '.repeat(20_000),
      `I will${' '.repeat(50_000)}x`,
    ];
    for (const draft of drafts) expect(() => reviewReply(draft, { customerHeat: 90, customerCurrency: 'RON' })).not.toThrow();
  });
});

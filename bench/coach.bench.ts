/**
 * Reply coach latency: reviewReply on ~1,000-character drafts, one call at a time, after warm-up.
 * Baselines from the same run over the same drafts: lower-casing the draft and looking for each of
 * a list of English phrases with `includes`, and one precompiled regular expression of the same phrases.
 *
 * BENCH_ITERATIONS (20000 reviews).
 */
import { reviewReply } from '../src/coach/index.ts';
import type { ReplyContext } from '../src/coach/types.ts';
import { formatMs, percentile, printTable } from './support/stats.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const targetP99Ms = 2;

const paragraphs = [
  "Hi Mihai, I'm so sorry. Charging you twice for ORD-48213 was our mistake, and I completely understand why you're upset: checking your own statement to catch our errors is not something you should have to do.",
  'Calm down, please. As I already said, the refund will be processed soon. You should have checked the confirmation e-mail before paying a second time, it clearly says the first payment went through.',
  "Just to make sure I've understood: the CleanBot S7 arrived, but it stops after two minutes and shows a red light. Is that right? Could you send a photo of the serial number label underneath?",
  "I've asked our billing team to refund 1.249,00 lei to your card today, and I'll write to you by Thursday at 12:00 with the transaction number. You don't need to do anything in the meantime.",
  'Actually, you are wrong about the delivery date. The order page says 3-5 working days and that is not our fault, the courier is responsible for delays. There is nothing we can do at this point.',
  'PLEASE READ THE INSTRUCTIONS BEFORE CONTACTING US AGAIN!! The RMA number is in the e-mail and the SLA for returns is 14 days as per our policy.',
  "Thank you for your patience. I know how frustrating it is to wait for a parcel that doesn't come. I've rebooked the delivery for tomorrow between 10:00 and 14:00, and the driver will call 30 minutes before.",
  "Oh great, another complaint about the coffee machine. Good luck with that descaling guide, I'm sure you know best. We guarantee it will never happen again, 100% guaranteed.",
  "I've passed your case to Marta, my manager, who approves refunds of this size. She will write to you by Friday 17:00 with the confirmation. I've given her everything you told us, so you won't have to repeat yourself.",
  'Bună ziua, domnule Ionescu, îmi pare rău: e firesc să fiți supărat. Ca să fiu sigură că am înțeles corect, ați fost debitat de două ori cu 1.249,00 lei. Vă scriu mâine până la ora 12:00 cu confirmarea.',
  'Guten Tag Herr Schneider, beruhigen Sie sich bitte. Wie bereits gesagt, Sie hätten die Anleitung lesen sollen. Die Erstattung kommt bald.',
  "Bonjour Madame Martin, je comprends tout à fait votre agacement. C'est une erreur de notre part et je m'en occupe. Je vous écris demain avant 12h avec la confirmation du remboursement.",
  'Buenos días, señor García: cálmese. Como ya le dije, usted debería haber leído las condiciones antes de comprar. No podemos hacer nada más.',
  "We're very busy at the moment due to a high volume of requests, so we'll get back to you ASAP. Our backend team is looking into the root cause and a workaround should be available in due course.",
  "I hear you, and you have every right to be annoyed. We got this wrong. Here's what happens next: the replacement leaves our warehouse today and you'll receive it by Wednesday 26 November.",
  'The refund of €1,249.00 was captured by the payment gateway and reconciled yesterday. Kindly be advised that chargebacks take 45 days.',
  'Has the refund of 389,99 lei arrived on your card? If it has not, tell me and I will chase the bank the same day. How did we do? Any feedback helps the next person with the same problem.',
  "I want to help, and I need us to keep this respectful. I understand you're angry about the delay and I'm working on it. If the messages stay personal I'll pass the conversation to my manager.",
  "Sorry you feel that way. With all due respect, that's not how it works. Per my last email, the warranty does not cover accidental damage, and that is simply not true what you wrote on social media.",
  'Your order ORD-50110 left our warehouse on Monday. Tracking shows it reached the local depot this morning, and the courier expects to deliver it tomorrow before 18:00. I will keep an eye on it for you.',
  'Dear customer, thank you for contacting Brightwell Home & Tech. Your request has been received and will be handled in the order it was received. Please do not reply to this message.',
  "You're right to be frustrated: this is the third time you've written about the same problem, and that's on us. I'm taking it on personally and I'll call you today at 16:30 your time.",
  'Hola, Lucía: entiendo perfectamente su molestia. Fue un error nuestro. Le escribo mañana antes de las 12 con el número de seguimiento del nuevo envío.',
  'I understand the new price feels unfair after five years with us. I can’t undo the change, but I can move you to the annual plan at the old rate for twelve months. If that works for you, I’ll set it up by Friday.',
  'This is obviously a user error. It is very simple: press and hold the power button for ten seconds. Like I said, the manual explains it on page 4. Relax, it is not that hard.',
  'We apologise for the inconvenience. Your ticket number is 48213. A tier 2 agent will review your case and revert to you at the earliest opportunity.',
  "Thank you for flagging the review. I'm sorry about the experience you described. I've sent you a private message so we can look at order ORD-47731 together without sharing your details here.",
  "I'm sorry for the wait. I've checked with the warehouse: your return was scanned on 3 November but not linked to the order, so the refund never started. I've started it now; you'll receive 389,99 lei within 3–5 working days.",
  'Well, what a surprise, the parcel is late again. I promise it will definitely arrive this week. If you had read the tracking page you would have seen that.',
  'Thanks for getting back to me, Ana here. Is everything working now with the soundbar? If anything still isn’t right, reply to this message and it comes straight to me.',
];

const contexts: ReplyContext[] = [
  { customerHeat: 85, customerLanguage: 'ro', customerCurrency: 'RON', customerName: 'Mihai Ionescu' },
  { customerHeat: 40, customerLanguage: 'en', customerCurrency: 'GBP' },
  {
    customerHeat: 70,
    customerLanguage: 'de',
    customerCurrency: 'EUR',
    now: '2026-11-24T12:00:00Z',
    customerTimeZone: 'Europe/Berlin',
  },
  { customerHeat: 20, customerLanguage: 'en', customerCurrency: 'USD', step: 'resolve' },
];

function draftAt(index: number): string {
  let text = '';
  for (let offset = 0; text.length < 1000; offset += 7) {
    text += `${paragraphs[(index + offset) % paragraphs.length]}\n\n`;
  }
  const cut = text.lastIndexOf(' ', 1000);
  return text.slice(0, cut > 900 ? cut : 1000);
}

const drafts = paragraphs.map((_, index) => draftAt(index));
const averageLength = Math.round(drafts.reduce((sum, draft) => sum + draft.length, 0) / drafts.length);

const phrases = [
  'calm down',
  'as i already said',
  'as i said',
  'like i said',
  'per my last email',
  'obviously',
  "it's very simple",
  'you should have',
  'you should not have',
  'you failed to',
  'your fault',
  'if you had read',
  'user error',
  'you are wrong',
  "you're wrong",
  'actually',
  "that's not true",
  "that's not how it works",
  'with all due respect',
  'not our fault',
  'nothing we can do',
  'policy',
  'very busy',
  'high volume',
  'soon',
  'asap',
  'as soon as possible',
  'shortly',
  'in due course',
  'at some point',
  'get back to you',
  'look into it',
  'guarantee',
  'never again',
  'never happen again',
  '100%',
  'definitely',
  'i promise',
  'sla',
  'rma',
  'backend',
  'chargeback',
  'payment gateway',
  'as per',
  'kindly be advised',
  'root cause',
  'workaround',
  'tier 2',
  'oh great',
  'good luck with that',
  'what a surprise',
  'sorry you feel that way',
  'i understand',
  'i can see',
  'i hear you',
  "i'm sorry",
  'our mistake',
  'we got this wrong',
  'to make sure i',
  'if i understand',
  "i'm here to help",
  'together',
  "you don't need to do anything",
  'today',
  'tomorrow',
  'by friday',
];
const phraseRegex = new RegExp(phrases.map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');

function measure(name: string, run: (draft: string, index: number) => unknown): string[] {
  for (let index = 0; index < 2000; index++) run(drafts[index % drafts.length] as string, index);
  const samples: number[] = [];
  let sink = 0;
  const start = performance.now();
  for (let index = 0; index < iterations; index++) {
    const draft = drafts[index % drafts.length] as string;
    const before = performance.now();
    const result = run(draft, index);
    samples.push(performance.now() - before);
    if (result) sink++;
  }
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) console.log(sink);
  const p99 = percentile(samples, 99);
  return [
    name,
    formatMs(percentile(samples, 50)),
    formatMs(p99),
    formatMs(Math.max(...samples)),
    Math.round(iterations / seconds).toLocaleString('en-US'),
    name.startsWith('reviewReply') ? (p99 < targetP99Ms ? `yes (< ${targetP99Ms} ms)` : `NO (target ${targetP99Ms} ms)`) : '-',
  ];
}

console.log(
  `Reply coach: ${drafts.length} drafts of ~${averageLength} characters (en, de, fr, es, ro), ${iterations} reviews each row, Node ${process.version}\n`,
);
const rows = [
  measure('reviewReply (full review + rubric)', (draft, index) => reviewReply(draft, contexts[index % contexts.length])),
  measure('baseline: toLowerCase + includes x 68 phrases', (draft) => {
    const lower = draft.toLowerCase();
    let hits = 0;
    for (const phrase of phrases) if (lower.includes(phrase)) hits++;
    return hits;
  }),
  measure('baseline: one precompiled regex of 68 phrases', (draft) => {
    let hits = 0;
    phraseRegex.lastIndex = 0;
    while (phraseRegex.exec(draft)) hits++;
    return hits;
  }),
];
printTable(['run', 'p50', 'p99', 'max', 'drafts/s', 'p99 target met'], rows);

import { pick, seededRandom } from './random.ts';

/**
 * Customer messages as they arrive at a helpdesk: angry, polite, billing, delivery. Each template
 * is 200–600 characters; extra paragraphs stretch some of them towards 1,500 characters.
 */
const templates: readonly string[] = [
  // angry
  'This is the third time I am writing about order {order} and nobody has answered. I paid {amount} on {date} and I still have nothing. If I do not get a real answer today I will open a dispute with my bank and tell everyone I know to stay away from you.',
  'Unbelievable. The {product} arrived broken, the box was crushed and it smells burnt. I want a full refund of {amount}, not a voucher, not a discount, a refund. Order {order}.',
  'Your chat bot kept me going in circles for forty minutes. I do not want to "rate my experience", I want someone to explain why my account was charged twice for {order}. Fix it.',
  'I was promised a call back within 24 hours. That was {days} days ago. I have taken time off work twice to wait for your courier in {city} and nobody came. This is not acceptable and I expect compensation.',
  'Cancel everything. Cancel order {order}, cancel my subscription, delete my data. I have never been treated this badly by a company. Confirm in writing that it is done.',
  'Your agent hung up on me. I was polite, I gave the order number ({order}) and I was told to "check the website". The website says delivered. It was NOT delivered. I want to speak to a manager.',
  'I am furious. The {product} stopped working after {days} days and the warranty form on your site gives an error 500 every single time. Do you even test your own website? I need a replacement before the weekend.',
  'Stop sending me marketing e-mails while you ignore my complaint about {order}. I counted: six newsletters and zero answers. Your priorities are clear.',
  'I have screenshots of everything. You charged {amount}, then charged it again, then told me it was a "temporary hold". It is not temporary, it has been {days} days. I will go to consumer protection.',
  'The replacement {product} you sent is the wrong model. Again. Two wrong deliveries in a row for order {order}. How hard can it be to read an order form?',
  // polite
  'Hello, I hope you are well. I ordered a {product} on {date} (order {order}) and I wanted to check whether it has shipped yet. There is no rush, I just want to plan to be at home. Thank you!',
  'Good morning, could you tell me whether the {product} is compatible with the older model I bought from you last year? I would like to use the same charger if possible. Many thanks for your help.',
  'Hi there, thank you for the quick delivery of order {order}. Everything arrived in good condition. One small question: the manual is only in English, is there a version in Romanian I could download?',
  'Dear support team, I would like to change the delivery address for order {order} to my office in {city}, if it has not left the warehouse yet. I am sorry for the trouble and thank you in advance.',
  'Hello, my mother received the {product} as a gift and she is not sure how to set it up. Would it be possible for someone to call her? She is available in the afternoons. Kind regards.',
  'Hi, I just wanted to say thank you to the agent who helped me yesterday with my return. She was patient and kind and solved everything in ten minutes. Please pass on my thanks.',
  'Good afternoon, is it possible to add gift wrapping to order {order}? It is a birthday present for {date}. I am happy to pay the extra cost. Thank you very much.',
  'Hello, I noticed the price of the {product} dropped by {amount} a day after I bought it. Do you have a price match policy? No problem if not, I am just asking. Best wishes.',
  'Dear team, I will be away for {days} days. Could the courier leave order {order} with my neighbour at number 12? She has agreed to receive it. Thank you for your understanding.',
  'Hi, could you please send me a copy of the invoice for order {order}? I need it for my company expenses. The company details are the same as on my account. Thank you kindly.',
  // billing
  'Hello, my card statement shows a payment of {amount} to your company on {date}, but I cannot find any order for that amount in my account. Could you tell me what this payment was for?',
  'I was told the refund for order {order} would arrive in 3–5 working days. It has been {days} days and I see nothing on my card. Can you send me the refund reference so I can ask my bank?',
  'The invoice for order {order} has the wrong VAT number for my company. Please issue a corrected invoice; our accountant cannot book it as it is. The correct number is on our account page.',
  'Why was I charged a delivery fee of {amount}? Your website says delivery is free over 200 lei and my basket was well over that. Please refund the difference.',
  'I want to pay for order {order} by bank transfer instead of card. Can you send me your IBAN and the reference I should use? The card payment failed twice with error 05.',
  'My subscription renewed automatically for {amount} even though I cancelled it on {date}. I have the confirmation e-mail. Please refund the renewal and make sure it does not happen again.',
  'Hello, I used a discount code at checkout but the total I was charged ({amount}) does not include the discount. The code was accepted on the page. Could you check order {order}?',
  'Could you split the payment for order {order} into instalments? I saw that you offer this for orders over 1,000 lei but the option did not appear for me. Thank you.',
  'I returned the {product} on {date} and the tracking shows you received it. The refund still says "pending". How long does it take to process? I need the money back before the end of the month.',
  'There are two invoices for the same order {order}, one for {amount} and one slightly higher. Which one is correct and will the other be cancelled? I do not want to pay twice.',
  // delivery
  'Where is my parcel? Order {order} was supposed to arrive on {date}. The tracking has said "in transit" for {days} days with no update. Can you check with the courier please?',
  'The courier left the parcel for order {order} outside the building in the rain. The box was soaked and the {product} inside has water marks. What can you do about this?',
  'The tracking page says my parcel was delivered to a locker in {city}, but I chose home delivery and I do not live there. Please tell me how to get it back.',
  'Hello, the parcel arrived but one item is missing: I ordered two {product} and only one was in the box. The packing slip lists both. Order {order}.',
  'Can I pick up order {order} from your store in {city} instead of waiting for the courier? I need it urgently for a trip on {date}.',
  'The courier called and said he cannot find my address. I live at the same address as always and all your previous deliveries arrived fine. Please give him clearer directions or call me.',
  'My order {order} was split into two parcels. The first arrived on {date}, the second has not moved for {days} days. Is it lost? Should I order again?',
  'The delivery window you gave me was 9:00–18:00. I waited the whole day and the tracking now says "recipient absent". I was at home. Please schedule a new delivery with a shorter window.',
  "I received someone else's parcel. It has my address but a different name on it and contains a {product} I did not order. How do I send it back, and where is my own order {order}?",
  'Is it possible to deliver order {order} on a Saturday? I work long hours during the week and I have already missed the courier twice. I live in {city}.',
];

/** Follow-up paragraphs appended to some messages to make them longer. */
const extras: readonly string[] = [
  'For context, I have been a customer for years and never had a problem like this before, which is why I am so surprised.',
  'I have attached nothing because your form does not accept attachments, but I can send photos if someone tells me where.',
  'Please do not close this ticket automatically again. The last one was closed as "resolved" without anyone actually answering me.',
  'My phone number is on the account if it is easier to call. I am available most mornings between nine and twelve.',
  'I also noticed that my loyalty points from the previous order were not added. Could you check that at the same time?',
  'I have read the help pages about returns and refunds and they do not cover my situation, so I am writing here.',
  'If it helps, the courier was the usual one, a white van, and he arrived a bit after lunch. He did not ask for a signature.',
  'I would appreciate a written answer by e-mail so I have a record of it. Thank you for looking into this.',
  'To be honest, I am starting to lose patience. I have recommended your shop to friends and now I feel embarrassed about it.',
  'I checked my spam folder too, in case your answer ended up there, but there was nothing from you.',
  'My partner also ordered from you last week and had a similar problem, so it seems this is not an isolated case.',
  'Once this is sorted out I am happy to leave a review. I just want it to be fixed properly this time.',
];

const products = [
  'washing machine',
  'laptop',
  'coffee maker',
  'phone case',
  'vacuum cleaner',
  'winter jacket',
  'desk lamp',
  'blender',
  'router',
  'pair of boots',
];
const cities = ['Cluj-Napoca', 'Iași', 'Timișoara', 'Brașov', 'Constanța', 'Bucharest', 'Oradea', 'Sibiu'];
export const subjects = [
  'Order problem',
  'Refund',
  'Where is my parcel?',
  'Invoice question',
  'Complaint',
  'Question about my order',
  'Delivery',
  'Wrong item received',
];
const firstNames = ['Ana', 'Mihai', 'Ioana', 'Andrei', 'Elena', 'Radu', 'Maria', 'Bogdan', 'Cristina', 'Vlad', 'Irina', 'Dan'];
const lastNames = ['Popescu', 'Ionescu', 'Dumitru', 'Stan', 'Gheorghe', 'Rusu', 'Munteanu', 'Matei', 'Constantin', 'Marin'];

/** One realistic customer message body of 200–1,500 characters. */
export function customerMessage(random: () => number): string {
  let text = pick(random, templates)
    .replaceAll('{order}', `ORD-${100000 + Math.floor(random() * 900000)}`)
    .replaceAll('{amount}', `${(20 + random() * 3000).toFixed(2)} lei`)
    .replaceAll('{product}', pick(random, products))
    .replaceAll('{city}', pick(random, cities))
    .replaceAll('{days}', String(2 + Math.floor(random() * 20)))
    .replaceAll('{date}', `${1 + Math.floor(random() * 28)}.${1 + Math.floor(random() * 12)}.2026`);
  const paragraphs = random() < 0.5 ? 0 : Math.floor(random() * 8);
  for (let index = 0; index < paragraphs; index += 1) text += `\n\n${pick(random, extras)}`;
  text = text.padEnd(200, ' Thank you.');
  return text.length > 1500 ? text.slice(0, 1500) : text;
}

export function customerName(index: number): string {
  return `${firstNames[index % firstNames.length]} ${lastNames[Math.floor(index / firstNames.length) % lastNames.length]}`;
}

export function customerEmail(index: number): string {
  return `customer${index}@example.test`;
}

/** An endless supply of POST /api/v1/inbound bodies: `customers` senders, a unique message id each. */
export function inboundBodies(options: { customers: number; seed: number; runId: string }) {
  const random = seededRandom(options.seed);
  let sequence = 0;
  return (): string => {
    const customer = Math.floor(random() * options.customers);
    const channel = random() < 0.7 ? 'email' : pick(random, ['chat', 'api', 'social'] as const);
    sequence += 1;
    return JSON.stringify({
      channel,
      externalMessageId: `bench-${options.runId}-${sequence}`,
      from: { email: customerEmail(customer), name: customerName(customer) },
      ...(channel === 'email' ? { subject: pick(random, subjects) } : {}),
      body: customerMessage(random),
    });
  };
}

export const agentReplies: readonly string[] = [
  'Hello, thank you for writing to us and I am sorry for the trouble. I have checked your order and asked the courier for an update; I will write again as soon as I hear back, at the latest tomorrow.',
  'Thank you for your patience. The refund has been approved today and should reach your card within 3–5 working days. You will receive a confirmation e-mail with the reference.',
  'I understand how frustrating this is. I have arranged a replacement to be sent today by express delivery, and you do not need to return the damaged item.',
  'Thank you for the details. I have corrected the invoice and attached the new version. Please let us know if anything else needs changing.',
  'Good news: your parcel has been located at the local depot and will be delivered tomorrow between 10:00 and 14:00. The courier will call you before arriving.',
  'I am sorry we did not answer sooner. I have escalated your case to our billing team, who can reverse the duplicate charge. You will hear from us within one working day.',
];

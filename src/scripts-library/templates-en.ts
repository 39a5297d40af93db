import type { ScriptTemplate } from './template.ts';

const en = (template: Omit<ScriptTemplate, 'language' | 'version'> & { version?: number }): ScriptTemplate => ({
  version: 1,
  language: 'en',
  ...template,
});

const signOff = '\n\nBest wishes,\n{{agent.firstName}}\n{{company.name}}';

/** The shipped English library: every playbook step and the situations agents meet most. */
export const englishTemplates: readonly ScriptTemplate[] = [
  // 1 Initial contact
  en({
    id: 'en-acknowledge',
    title: 'Acknowledge the frustration',
    step: 'initial_contact',
    body: `Hi {{customer.firstName}},\n\nThank you for telling us, and I'm sorry. I can see how frustrating this has been, and you shouldn't have had to chase us. I'm looking at it now and I'll make sure it gets sorted.${signOff}`,
  }),
  en({
    id: 'en-acknowledge-double-charge',
    title: 'Acknowledge a double charge',
    step: 'initial_contact',
    categories: ['billing'],
    intents: ['refund'],
    body: `Hi {{customer.firstName}},\n\nI'm sorry. Seeing {{amount}} taken twice for order {{order.reference}} is worrying, and I completely understand why you're upset. Checking your own statement to catch our mistakes is not something you should have to do. I'm on it now.${signOff}`,
  }),
  en({
    id: 'en-acknowledge-late-delivery',
    title: 'Acknowledge a late delivery',
    step: 'initial_contact',
    categories: ['delivery'],
    body: `Hi {{customer.firstName}},\n\nI'm sorry your order {{order.reference}} hasn't arrived when we said it would. I understand how annoying it is to plan around a delivery that doesn't turn up. I'm checking with the carrier right now.${signOff}`,
  }),
  en({
    id: 'en-acknowledge-defect',
    title: 'Acknowledge a faulty product',
    step: 'initial_contact',
    categories: ['product-defect'],
    body: `Hi {{customer.firstName}},\n\nI'm really sorry your {{product.name}} isn't working as it should. You paid for something that works, and it's disappointing when it doesn't. Let's get this put right for you.${signOff}`,
  }),
  en({
    id: 'en-acknowledge-account-access',
    title: 'Acknowledge being locked out',
    step: 'initial_contact',
    categories: ['account-access'],
    body: `Hi {{customer.firstName}},\n\nBeing locked out of your own account is stressful, especially when you need it. I'm sorry. I'll help you get back in as quickly and safely as I can.${signOff}`,
  }),
  en({
    id: 'en-acknowledge-repeat-contact',
    title: 'Acknowledge they had to write again',
    step: 'initial_contact',
    intents: ['repeat-contact'],
    body: `Hi {{customer.firstName}},\n\nYou've had to write to us more than once about this, and I'm sorry. That's not the service you should get from us. I've read everything you sent so you don't need to repeat it, and I'm taking this on personally.${signOff}`,
  }),
  en({
    id: 'en-acknowledge-vip',
    title: 'Acknowledge a long-standing customer',
    step: 'initial_contact',
    tiers: ['vip', 'gold'],
    body: `Hi {{customer.firstName}},\n\nThank you for being with us for so long, and I'm sorry we've let you down this time. I understand why you're disappointed. I'm looking after this myself from now on.${signOff}`,
  }),
  en({
    id: 'en-public-first-reply',
    title: 'First reply to a public complaint',
    step: 'initial_contact',
    categories: ['service-quality'],
    intents: ['public-threat'],
    body: `Hi {{customer.firstName}}, I'm sorry about this and I understand why you're frustrated. I'd like to sort it out properly. I've sent you a private message so we can look at your order details safely. – {{agent.firstName}}`,
  }),

  // 2 Listen actively
  en({
    id: 'en-clarify',
    title: 'Ask what is missing',
    step: 'listen',
    body: `Hi {{customer.firstName}},\n\nThank you for explaining. So that I get this right the first time, could you tell me a little more about what happened and what you'd like us to do? Anything you remember helps.${signOff}`,
  }),
  en({
    id: 'en-clarify-billing',
    title: 'Clarify a billing problem',
    step: 'listen',
    categories: ['billing'],
    body: `Hi {{customer.firstName}},\n\nThank you. To find the payment quickly, could you tell me the date it was taken and the last four digits of the card? Please don't send the full card number.${signOff}`,
  }),
  en({
    id: 'en-clarify-delivery',
    title: 'Clarify a delivery problem',
    step: 'listen',
    categories: ['delivery'],
    body: `Hi {{customer.firstName}},\n\nThanks for letting me know. To chase the right parcel, could you confirm the delivery address and whether anyone was in on the day? If you had a note from the carrier, a photo of it helps too.${signOff}`,
  }),
  en({
    id: 'en-clarify-defect',
    title: 'Clarify a faulty product',
    step: 'listen',
    categories: ['product-defect'],
    body: `Hi {{customer.firstName}},\n\nI'm sorry it's giving you trouble. So I can find the quickest fix, could you tell me what happens when you switch it on, and send a photo of the serial number label on the back or underneath?${signOff}`,
  }),
  en({
    id: 'en-restate-concern',
    title: 'Repeat the concern back',
    step: 'listen',
    body: `Hi {{customer.firstName}},\n\nJust to make sure I've understood: {{concern}}. Is that right, and is there anything I've missed?${signOff}`,
  }),
  en({
    id: 'en-restate-repeat',
    title: 'They feel unheard: restate in their words',
    step: 'listen',
    intents: ['repeat-contact'],
    body: `Hi {{customer.firstName}},\n\nYou've told us twice now that {{concern}}, and you're right to expect better than the answers you've had. I hear you. Before I do anything else, can you tell me what would put this right for you?${signOff}`,
  }),
  en({
    id: 'en-clarify-account-access',
    title: 'Clarify an access problem safely',
    step: 'listen',
    categories: ['account-access'],
    body: `Hi {{customer.firstName}},\n\nSo I can help without putting your account at risk, could you tell me the e-mail address you signed up with and what you see when you try to log in? Please don't send your password.${signOff}`,
  }),

  // 3 De-escalate
  en({
    id: 'en-reassure',
    title: 'Reassure: we are on it',
    step: 'de_escalate',
    body: `Hi {{customer.firstName}},\n\nI want you to know I'm here to help and I'll stay with this until it's sorted. Let's work on it together. You don't need to do anything else right now.${signOff}`,
  }),
  en({
    id: 'en-own-mistake',
    title: 'Own our mistake',
    step: 'de_escalate',
    body: `Hi {{customer.firstName}},\n\nI've looked into it, and this was our mistake, not yours. I'm sorry. Here's what I'm doing to put it right.${signOff}`,
  }),
  en({
    id: 'en-reassure-legal-threat',
    title: 'Stay calm when legal action is mentioned',
    step: 'de_escalate',
    intents: ['legal-threat'],
    body: `Hi {{customer.firstName}},\n\nI understand why you're considering that, and you're entitled to. I'd still like the chance to put this right first. I've asked my manager to review your case with me, and I'll write to you by {{date}} with where we stand.${signOff}`,
  }),
  en({
    id: 'en-reassure-cancellation-threat',
    title: 'They threaten to leave',
    step: 'de_escalate',
    intents: ['cancellation'],
    body: `Hi {{customer.firstName}},\n\nI understand you're thinking of leaving, and after this I can see why. I'd like to try to fix what went wrong first. If you still want to go afterwards, I'll make that easy for you.${signOff}`,
  }),
  en({
    id: 'en-boundary',
    title: 'Set a calm boundary with an abusive customer',
    step: 'de_escalate',
    intents: ['abuse'],
    body: `Hi {{customer.firstName}},\n\nI want to help, and I need us to keep this respectful to do that. I understand you're angry about {{concern}}, and I'm working on it. If the messages stay personal, I'll pass the conversation to my manager.${signOff}`,
  }),
  en({
    id: 'en-public-move-private',
    title: 'Move a public complaint to private',
    step: 'de_escalate',
    intents: ['public-threat'],
    body: `Hi {{customer.firstName}},\n\nThank you for replying here. So I can look at your account and order {{order.reference}} without sharing your details in public, I'll continue by e-mail. My colleague {{colleague.firstName}} and I are both on this, and I'll write to you by {{date}}.${signOff}`,
  }),

  // 4 Resolve
  en({
    id: 'en-explain-solution',
    title: 'Explain the solution clearly',
    step: 'resolve',
    body: `Hi {{customer.firstName}},\n\nHere's what happens next:\n\n1. I've started the fix today.\n2. You'll receive a confirmation by {{date}}.\n3. If anything doesn't look right, reply to this message and it comes straight to me.${signOff}`,
  }),
  en({
    id: 'en-refund-duplicate-charge',
    title: 'Refund a double charge',
    step: 'resolve',
    categories: ['billing'],
    intents: ['refund'],
    body: `Hi {{customer.firstName}},\n\nYou were right: we charged you {{amount}} twice for order {{order.reference}}, and that was our mistake. I've refunded the second payment today. You'll see {{amount}} back on your card by {{date:date}}, and I'll send you the transaction number by {{date}}.${signOff}`,
  }),
  en({
    id: 'en-refund-return',
    title: 'Refund a returned item',
    step: 'resolve',
    categories: ['billing'],
    intents: ['refund'],
    body: `Hi {{customer.firstName}},\n\nYour return for order {{order.reference}} has reached us, and I've started the refund of {{amount}} to your original payment method. Banks usually show it within 3–5 working days, so you should see it by {{date:date}}. I'll check in with you then.${signOff}`,
  }),
  en({
    id: 'en-replacement-defect',
    title: 'Send a replacement for a faulty item',
    step: 'resolve',
    categories: ['product-defect'],
    body: `Hi {{customer.firstName}},\n\nI'm sending you a new {{product.name}} today, free of charge. It should reach you by {{date:date}}. The courier will bring a prepaid label so you can hand over the faulty one at the door. Nothing to print, nothing to pay.${signOff}`,
  }),
  en({
    id: 'en-delivery-new-date',
    title: 'Give a firm new delivery date',
    step: 'resolve',
    categories: ['delivery'],
    body: `Hi {{customer.firstName}},\n\nI've spoken to the carrier. Your order {{order.reference}} is now booked for delivery on {{date:date}}. I'll send you the tracking link by {{date:time}} today, and I'll watch it myself until it's with you.${signOff}`,
  }),
  en({
    id: 'en-delivery-missed-redelivery',
    title: 'Rebook a missed delivery',
    step: 'resolve',
    categories: ['delivery'],
    tiers: ['vip', 'gold'],
    body: `Hi {{customer.firstName}},\n\nI'm sorry the carrier missed you. I've rebooked order {{order.reference}} for {{date}}, with a call 30 minutes before they arrive. The redelivery is on us.${signOff}`,
  }),
  en({
    id: 'en-account-restored',
    title: 'Access restored',
    step: 'resolve',
    categories: ['account-access'],
    body: `Hi {{customer.firstName}},\n\nYou're back in. I've reset access to your account and sent a link to your e-mail address that works until {{date}}. Once you've signed in, please choose a new password. If the link doesn't work, reply here and I'll call you.${signOff}`,
  }),
  en({
    id: 'en-decline-with-alternative',
    title: 'Decline politely and offer an alternative',
    step: 'resolve',
    body: `Hi {{customer.firstName}},\n\nI've looked carefully at what you asked for, and I'm not able to do that, because {{reason}}. I don't want to leave you with just a no, though. What I can do is {{alternative}}. If that works for you, I'll set it up by {{date}}.${signOff}`,
  }),
  en({
    id: 'en-decline-full-refund-partial',
    title: 'Offer a partial refund instead of a full one',
    step: 'resolve',
    categories: ['billing', 'service-quality'],
    intents: ['refund', 'compensation'],
    body: `Hi {{customer.firstName}},\n\nI understand why you'd like a full refund. Because you've kept and used the item, I can't refund it in full, but I'd like to make up for the trouble: I can refund {{amount}} today. If you'd prefer, I can arrange a free repair instead. Let me know which you'd like and I'll do it the same day.${signOff}`,
  }),
  en({
    id: 'en-goodwill-compensation',
    title: 'Offer a goodwill gesture',
    step: 'resolve',
    intents: ['compensation'],
    body: `Hi {{customer.firstName}},\n\nThis shouldn't have happened, and I'd like to make it up to you. I've added a credit of {{amount}} to your account, which you can use on anything in our shop. It's there now.${signOff}`,
  }),
  en({
    id: 'en-cancellation-retain',
    title: 'Offer a reason to stay',
    step: 'resolve',
    intents: ['cancellation'],
    body: `Hi {{customer.firstName}},\n\nThank you for giving us the chance to fix this. I've {{fix}}, and from now on you'll get a heads-up from me before any change to your account. If you'd still like to cancel, just say so and I'll do it the same day, no questions asked.${signOff}`,
  }),
  en({
    id: 'en-cancellation-confirm',
    title: 'Respect their decision to leave',
    step: 'resolve',
    intents: ['cancellation'],
    body: `Hi {{customer.firstName}},\n\nI'm sorry we couldn't keep you, and I respect your decision. I've cancelled your account today; you'll receive a confirmation by e-mail within the hour. If you ever want to come back, we'd be glad to have you.${signOff}`,
  }),
  en({
    id: 'en-explain-refund-timing',
    title: 'Explain when refunded money arrives',
    step: 'resolve',
    categories: ['billing'],
    intents: ['refund'],
    body: `Hi {{customer.firstName}},\n\nThe refund of {{amount}} left us today. Your bank then takes a few working days to show it, usually 3–5, so it should appear by {{date:date}}. If it isn't there by then, reply to this message and I'll chase the bank with you.${signOff}`,
  }),

  // 5 Escalate
  en({
    id: 'en-escalate-handover',
    title: 'Tell the customer who is taking over',
    step: 'escalate',
    body: `Hi {{customer.firstName}},\n\nI've asked my manager, {{colleague.firstName}}, to take this on, because they can approve what's needed. I've given them everything you've told us, so you won't need to repeat yourself. {{colleague.firstName}} will write to you by {{date}}.${signOff}`,
  }),
  en({
    id: 'en-escalate-above-limit',
    title: 'A refund above your approval limit',
    step: 'escalate',
    categories: ['billing'],
    intents: ['refund'],
    body: `Hi {{customer.firstName}},\n\nI've confirmed the refund of {{amount}} for order {{order.reference}} is due to you. Refunds of this size need a second approval, so I've passed it to {{colleague.firstName}}, who approves them. I'll write to you by {{date}} with the confirmation.${signOff}`,
  }),
  en({
    id: 'en-escalate-specialist',
    title: 'Bring in a specialist',
    step: 'escalate',
    categories: ['technical', 'product-defect'],
    body: `Hi {{customer.firstName}},\n\nThis needs someone who knows the {{product.name}} inside out, so I've brought in {{colleague.firstName}} from our technical team. I've shared your photos and everything you've tried. {{colleague.firstName}} will call you on {{date}}.${signOff}`,
  }),
  en({
    id: 'en-escalate-manager-request',
    title: 'They asked for a manager',
    step: 'escalate',
    intents: ['manager-request'],
    body: `Hi {{customer.firstName}},\n\nOf course. I've asked {{colleague.firstName}}, my manager, to contact you, and I've passed on the whole story so far. You'll hear from {{colleague.firstName}} by {{date}}. I'm staying on your case too.${signOff}`,
  }),
  en({
    id: 'en-escalate-legal',
    title: 'Hand over when legal action is mentioned',
    step: 'escalate',
    intents: ['legal-threat'],
    body: `Hi {{customer.firstName}},\n\nThank you for letting us know. I've passed your case to {{colleague.firstName}}, who handles formal complaints, together with everything you've sent. You'll have a written answer by {{date}}.${signOff}`,
  }),
  en({
    id: 'en-boundary-final',
    title: 'End an abusive conversation, politely',
    step: 'escalate',
    intents: ['abuse'],
    body: `Hi {{customer.firstName}},\n\nI've asked you to keep this respectful, and the messages have stayed personal, so I'm going to end this conversation here. I've passed your case, with every detail, to my manager {{colleague.firstName}}, who will write to you by {{date}}. Your issue hasn't been dropped.${signOff}`,
  }),

  // 6 Follow up
  en({
    id: 'en-follow-up',
    title: 'Check it is solved',
    step: 'follow_up',
    body: `Hi {{customer.firstName}},\n\nI wanted to check in: is everything working now? If anything still isn't right, reply to this message and it comes straight to me.${signOff}`,
  }),
  en({
    id: 'en-follow-up-refund',
    title: 'Has the refund arrived?',
    step: 'follow_up',
    categories: ['billing'],
    intents: ['refund'],
    body: `Hi {{customer.firstName}},\n\nJust checking in: has the refund of {{amount}} for order {{order.reference}} arrived on your card? If it hasn't, tell me and I'll chase it with the bank the same day.${signOff}`,
  }),
  en({
    id: 'en-follow-up-delivery',
    title: 'Did the order arrive?',
    step: 'follow_up',
    categories: ['delivery'],
    body: `Hi {{customer.firstName}},\n\nI wanted to check that order {{order.reference}} reached you safely and that everything was in the box. If anything's missing or damaged, reply here and I'll sort it.${signOff}`,
  }),
  en({
    id: 'en-follow-up-feedback',
    title: 'Ask how we did',
    step: 'follow_up',
    body: `Hi {{customer.firstName}},\n\nNow that this is sorted, could I ask how we did? Your feedback, good or bad, helps us do better for the next person with the same problem. Just reply to this message; one line is plenty.${signOff}`,
  }),
  en({
    id: 'en-follow-up-after-escalation',
    title: 'Check in after a handover',
    step: 'follow_up',
    body: `Hi {{customer.firstName}},\n\nI wanted to check in after {{colleague.firstName}} took over your case. Has everything been sorted the way you needed? If anything is still open, tell me and I'll follow it up.${signOff}`,
  }),
  en({
    id: 'en-commitment-update',
    title: 'An update on time, even without news',
    step: 'follow_up',
    body: `Hi {{customer.firstName}},\n\nAs promised, here's an update. {{update}}. I don't have the final answer yet, and I didn't want to leave you waiting without news. I'll write again by {{date}}.${signOff}`,
  }),

  // 7 Reflect
  en({
    id: 'en-reflect-note',
    title: 'Reflection note (internal)',
    step: 'reflect',
    body: 'What the customer needed: \nWhat went well: \nWhat I would do differently: \nAnything the team should change (policy, product, scripts): ',
  }),
  en({
    id: 'en-reflect-what-we-changed',
    title: 'Tell the customer what changed because of them',
    step: 'reflect',
    body: `Hi {{customer.firstName}},\n\nThank you again for your patience with us. I wanted you to know that your case led to a change: {{change}}. It should spare other customers the trouble you had.${signOff}`,
  }),
];

import { describe, expect, it } from 'vitest';
import { splitReply } from './reply-text.ts';

describe('quoted history and signatures', () => {
  it('cuts an English Gmail reply at "On … wrote:" and keeps the quote apart', () => {
    const split = splitReply(
      'The refund still has not arrived.\n\nOn Tue, 3 Mar 2026 at 10:00, Brightwell Support <support@brightwell.test> wrote:\n> We have issued your refund.\n> Ana',
    );
    expect(split.fresh).toBe('The refund still has not arrived.');
    expect(split.quoted).toMatch(/^On Tue.*wrote:\n> We have issued your refund\./);
  });

  it('recognises an attribution wrapped over two lines', () => {
    const split = splitReply(
      'Still broken.\n\nOn Tue, 3 Mar 2026 at 10:00, Brightwell Support <support@brightwell.test>\nwrote:\n> Try again.',
    );
    expect(split.fresh).toBe('Still broken.');
  });

  it('cuts German, French, Spanish and Romanian reply headers', () => {
    expect(splitReply('Das Paket ist kaputt.\n\nAm 03.03.2026 um 10:00 schrieb Ana <ana@x.test>:\n> Hallo').fresh).toBe(
      'Das Paket ist kaputt.',
    );
    expect(splitReply('Le colis est cassé.\n\nLe mar. 3 mars 2026 à 10:00, Ana <ana@x.test> a écrit :\n> Bonjour').fresh).toBe(
      'Le colis est cassé.',
    );
    expect(
      splitReply('El paquete llegó roto.\n\nEl mar, 3 mar 2026 a las 10:00, Ana (<ana@x.test>) escribió:\n> Hola').fresh,
    ).toBe('El paquete llegó roto.');
    expect(
      splitReply('Coletul a ajuns spart.\n\nÎn mar., 3 mar. 2026 la 10:00, Ana <ana@x.test> a scris:\n> Bună ziua').fresh,
    ).toBe('Coletul a ajuns spart.');
  });

  it('cuts Outlook "Original Message" separators and From/Sent blocks in several languages', () => {
    expect(splitReply('Please call me.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday\nTo: Dana\n\nHello').fresh).toBe(
      'Please call me.',
    );
    expect(splitReply('Bitte rufen Sie an.\n\n-----Ursprüngliche Nachricht-----\nVon: Ana\nGesendet: Montag').fresh).toBe(
      'Bitte rufen Sie an.',
    );
    expect(
      splitReply(
        'Merci.\n\n________________________________\nDe : Ana <ana@x.test>\nEnvoyé : lundi 2 mars 2026 10:00\nÀ : Dana\nObjet : Re: colis\n\nBonjour',
      ).fresh,
    ).toBe('Merci.');
    expect(
      splitReply('Vă rog să mă sunați.\n\nDe la: Ana\nFrom: Ana <ana@x.test>\nTrimis: luni\nCătre: Dana\nSubiect: colet').fresh,
    ).toBe('Vă rog să mă sunați.\n\nDe la: Ana');
    expect(splitReply('Llámenme.\n\nDe: Ana <ana@x.test>\nEnviado: lunes\nPara: Dana\nAsunto: paquete\n\nHola').fresh).toBe(
      'Llámenme.',
    );
  });

  it('keeps the customer\'s own lines of an interleaved reply and drops the "> " lines', () => {
    const split = splitReply('> Did you try restarting it?\nYes, twice.\n> Which model is it?\nThe X200.');
    expect(split.fresh).toBe('Yes, twice.\nThe X200.');
    expect(split.quoted).toContain('> Which model is it?');
  });

  it('removes "-- " signatures, "Sent from my iPhone" lines in several languages, and sign-offs at the end', () => {
    expect(splitReply('Where is my order?\n-- \nDana Pop\nACME Ltd').fresh).toBe('Where is my order?');
    expect(splitReply('Where is my order?\n\nSent from my iPhone').fresh).toBe('Where is my order?');
    expect(splitReply('Wo ist meine Bestellung?\n\nVon meinem iPhone gesendet').fresh).toBe('Wo ist meine Bestellung?');
    expect(splitReply('¿Dónde está mi pedido?\n\nEnviado desde mi iPhone').fresh).toBe('¿Dónde está mi pedido?');
    expect(splitReply('Unde este comanda mea?\n\nTrimis de pe iPhone-ul meu').fresh).toBe('Unde este comanda mea?');
    expect(splitReply('This is unacceptable.\n\nBest regards,\nDana Pop\n+40 721 000 000').fresh).toBe('This is unacceptable.');
    expect(splitReply('Das ist inakzeptabel.\n\nMit freundlichen Grüßen\nDana Pop').fresh).toBe('Das ist inakzeptabel.');
    expect(splitReply("C'est inacceptable.\n\nCordialement,\nDana").fresh).toBe("C'est inacceptable.");
    expect(splitReply('Es inaceptable.\n\nSaludos,\nDana').fresh).toBe('Es inaceptable.');
    expect(splitReply('Este inacceptabil.\n\nCu stimă,\nDana').fresh).toBe('Este inacceptabil.');
    expect(splitReply('Danke.\n\nBeste Grüße\n--\nJonas\nInhaber').fresh).toBe('Danke.');
  });

  it('keeps a sign-off word in the middle of a message, and the whole text when nothing else is left', () => {
    expect(splitReply('Thanks for nothing. I want a refund now.').fresh).toBe('Thanks for nothing. I want a refund now.');
    expect(splitReply('Thanks,\nbut the second parcel is also damaged and I want it replaced.\nThe box was open.').fresh).toBe(
      'Thanks,\nbut the second parcel is also damaged and I want it replaced.\nThe box was open.',
    );
    expect(splitReply('> only a quote').fresh).toBe('> only a quote');
  });
});

import type { Lexicon } from './lexicon.ts';

const weekday = '(luni|marți|miercuri|joi|vineri|sâmbătă|duminică)';
const month = '(ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie)';

/**
 * Romanian: the core findings (condescension, blame) and the practices that tick the checklist.
 * Both comma-below (ș ț) and cedilla (ş ţ) letters match, and so does text typed without diacritics.
 */
export const romanianLexicon: Lexicon = {
  language: 'ro',
  fold: { ă: '[ăâa]', â: '[âăa]', î: '[îi]', ș: '[șşs]', ş: '[șşs]', ț: '[țţt]', ţ: '[țţt]' },
  findings: {
    condescension: {
      message: 'This talks down to the customer. It reads as impatience and usually makes an upset person angrier.',
      suggestion:
        '„Înțeleg cât de neplăcut este. Hai să rezolvăm împreună.” (sau, formal: „Vă înțeleg perfect supărarea și mă ocup acum de asta.”)',
      phrases: [
        'calmați-vă',
        'calmează-te',
        'liniștiți-vă',
        'liniștește-te',
        '(cum|după cum|așa cum) (v-)?am (mai |deja )?(spus|explicat|menționat|precizat|scris)( deja)?',
        'v-am (mai )?(spus|explicat) (deja|o dată|de)',
        '(e|este) (foarte |destul de )?(simplu|evident)',
        'evident că',
        'nu e nevoie să (țipați|vă enervați|vă agitați)',
        'trebuie să înțelegeți',
        'pentru a (nu știu câta|treia|ultima) oară',
        'îmi pare rău dacă (așa )?(simțiți|vedeți)',
      ],
    },
    blame: {
      message: 'This puts the fault on the customer. Blame makes them defend themselves instead of working with you.',
      suggestion: '„Verific acum și vă scriu până [zi, oră] cu pașii următori.”',
      phrases: [
        'ar fi trebuit să',
        'trebuia să (citiți|verificați|ne anunțați|fiți)',
        'n(u |-)ați (citit|verificat|urmat|respectat)',
        '(este|e) (vina|greșeala) (dumneavoastră|dvs|ta)',
        'din vina (dumneavoastră|dvs)',
        'dacă ați fi (citit|verificat|urmat)',
        'ați uitat să',
        'ați greșit',
      ],
    },
  },
  practices: {
    'feelings-acknowledged': [
      'înțeleg (perfect |foarte bine |pe deplin |complet )?(cât|de ce|că|frustrarea|supărarea|nemulțumirea|situația)',
      '(e|este) (absolut |cât se poate de |perfect )?(firesc|normal|de înțeles) să',
      '(e|este) de înțeles',
      'îmi imaginez (cât|ce)',
      'aveți (toată )?dreptatea? să fiți',
      '(e|este) (foarte |într-adevăr )?(frustrant|neplăcut|enervant)',
      'îmi pare (foarte )?rău să aud',
      'vă înțeleg',
    ],
    'apology-owned': [
      '(e|este|a fost) (o )?(greșeala|greșeală|eroare|eroarea) (noastră|de partea noastră)',
      '(e|este|a fost) vina noastră',
      'o eroare de partea noastră',
      'am greșit',
      'ne cerem (sincer )?scuze pentru',
      'îmi cer (sincer )?scuze pentru',
      'îmi pare rău (că|pentru) (am|v-am|greșeala|eroarea)',
    ],
    'concern-restated': [
      'ca să fiu (sigur|sigură) că (v-)?am înțeles (corect|bine)',
      'dacă (v-)?am înțeles (corect|bine)',
      'din ce (îmi )?(spuneți|scrieți)',
      '(mi-ați|ne-ați) (spus|scris) că',
    ],
    'reassurance-given': [
      'nu trebuie să (mai )?faceți nimic',
      'mă ocup (eu |personal )?(de|eu)',
      '(rezolvăm|vom rezolva|găsim) (asta |problema )?împreună',
      'sunt aici (ca )?să vă ajut',
      'vă ajut (cu plăcere|imediat)',
      'ne ocupăm (noi )?de',
    ],
  },
  commitments: [
    '(vă )(scriu|sun|trimit|confirm|returnez|rambursez)',
    'o să',
    '(vom|voi)',
    'pornesc',
    'am (trimis|pornit|inițiat|cerut|solicitat|aprobat)',
    '(veți|o să) primi',
    'primiți',
  ],
  times: [
    '(mâine|azi|astăzi|poimâine|diseară)',
    weekday,
    `până (mâine|azi|astăzi|diseară|${weekday}|la ora \\d{1,2}|la \\d{1,2}|la sfârșitul zilei)`,
    '(ora|orele) \\d{1,2}(:\\d{2})?',
    '\\d{1,2}:\\d{2}',
    'în (următoarea|următoarele) (oră|ore|\\d{1,3} (ore|zile|minute))',
    'în (cel mult )?\\d{1,3} (ore|zile( lucrătoare)?|minute)',
    '\\d{1,2}-\\d{1,2} zile( lucrătoare)?',
    `\\d{1,2} ${month}`,
  ],
  stopwords: [
    'și',
    'să',
    'că',
    'vă',
    'este',
    'pentru',
    'care',
    'dumneavoastră',
    'ați',
    'în',
    'pe',
    'ne',
    'mulțumesc',
    'nu',
    'cu',
    'sunt',
    'acest',
    'bună',
  ],
};

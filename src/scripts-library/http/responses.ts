import { z } from 'zod';
import { instant, listOf } from '../../platform/http/schemas.ts';

const strings = z.array(z.string()).readonly();

export const scriptResponse = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    step: z.string(),
    language: z.string(),
    categories: strings.optional(),
    intents: strings.optional(),
    regions: strings.optional(),
    tiers: strings.optional(),
    retired: z.boolean().optional(),
    body: z.string(),
    createdAt: instant,
    createdBy: z.string().nullable(),
    retiredAt: instant.nullable(),
  })
  .meta({ id: 'Script' });

export const scriptList = listOf(scriptResponse);

export const regionalGuidanceResponse = z
  .object({
    country: z.string(),
    countryName: z.string(),
    locale: z.string(),
    formality: z.string(),
    directness: z.string(),
    preferredChannels: strings,
    businessHours: z.object({
      timeZone: z.string(),
      days: z.string(),
      open: z.string(),
      close: z.string(),
      note: z.string().optional(),
    }),
    holidays: z.array(z.object({ name: z.string(), when: z.string() })).readonly(),
    notes: strings,
    edited: z.boolean(),
  })
  .meta({ id: 'RegionalGuidance' });

export const regionalGuidanceMap = z.object({ items: z.record(z.string(), regionalGuidanceResponse) });

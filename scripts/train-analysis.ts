/**
 * npm run train — trains the analysis model from ../shared/data (sources whose licence lets it ship; train splits
 * only, dev splits for thresholds and the reader) and writes src/analysis/model/weights/model.bin.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getModel, MODEL_FILE } from '../src/analysis/model/model.ts';
import { trainModel } from './analysis-training.ts';

// --reader-only: keep the hashed model's weights and refit only the dissatisfaction reader (seconds, not minutes).
const trained = trainModel(process.argv.includes('--reader-only') ? { reuse: getModel() } : {});
const file = fileURLToPath(MODEL_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, trained.bytes);
console.log(`wrote ${file}`);

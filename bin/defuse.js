#!/usr/bin/env node
// Runs the TypeScript entry point through tsx (a dependency of Defuse).
import { register } from 'tsx/esm/api';

register();
await import('./defuse.ts');

#!/usr/bin/env node
// suqiu's command line. TypeScript runs through tsx's loader: no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../scripts/cli.ts');

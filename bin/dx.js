#!/usr/bin/env node
// The `dx` command line, compiled by `npm run build` (run by `npm ci` through the prepare script).
import '../dist/services/cli/main.js';

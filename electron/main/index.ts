import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './desktop-app';

startDesktopApp({ mainDir: path.dirname(fileURLToPath(import.meta.url)) });

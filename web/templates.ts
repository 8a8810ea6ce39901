/** Server-rendered pages: Eta templates in web/views, every interpolation escaped by default. */
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

// Built code runs from dist/web/; the templates stay in the repository's web/views.
const views = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './views/' : '../../web/views/', import.meta.url));

const eta = new Eta({ views, autoEscape: true, cache: true, defaultExtension: '.eta' });

export function render(template: string, data: Record<string, unknown>): string {
  return eta.render(template, data);
}

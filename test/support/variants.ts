/** A stored document with a made-up audit: a variant of a real one, under bytes of its own. */
import { createHash } from 'node:crypto';
import type { ReportAudit } from '../../core/report-audit.js';
import type { Store } from '../../store/store.js';

export async function storeVariant(store: Store, base: ReportAudit, name: string, change: (a: ReportAudit) => ReportAudit): Promise<string> {
  const bytes = new TextEncoder().encode(`variant ${name}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await store.registerBatch('local', [{ path: name, file: { bytes, sha256, format: 'docx' } }]);
  await store.saveAudit(sha256, change({ ...base, file: name, sha256 }));
  return sha256;
}

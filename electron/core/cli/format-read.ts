// Human-readable summary of a card read for the technician's terminal.
import type { readReport } from '../card/read-report.ts';

type Report = ReturnType<typeof readReport>;

const VERDICT: Record<string, string> = {
  passed: 'passed',
  failed: 'FAILED',
  'not-performed': 'not performed',
  unverified: 'unverified (no trusted CSCA)',
};

export function formatRead(r: Report, trustNote: string): string {
  const lines: string[] = [];
  const access = `${r.access.method}${r.access.mapping ? `-${r.access.mapping}` : ''} ${r.access.cipher} with ${r.access.keyKind === 'can' ? 'CAN' : 'MRZ key'} (${r.access.attempts} attempt${r.access.attempts === 1 ? '' : 's'})`;
  lines.push(`source      ${r.source}`);
  lines.push(`access      ${access}`);
  if (r.document) {
    lines.push(`document    ${r.document.documentCode} ${r.document.issuingState} ${r.document.documentNumber}, expires ${r.document.dateOfExpiry}`);
    lines.push(`name (MRZ)  ${r.document.primaryIdentifier} ${r.document.secondaryIdentifier}`.trimEnd());
  }
  if (r.holder) {
    lines.push(`name        ${r.holder.fullName ?? '-'}`);
    lines.push(`ID number   ${r.holder.idNumber ?? '-'}   born ${r.holder.dateOfBirth ?? '-'}   ${r.holder.sex ?? ''}`);
    if (r.holder.placeOfResidence) lines.push(`residence   ${r.holder.placeOfResidence}`);
  }
  if (r.face) lines.push(`photo       ${r.face.mimeType} ${r.face.width}x${r.face.height}, ${r.face.bytes} bytes${r.face.path ? ` -> ${r.face.path}` : ''}`);
  for (const p of r.problems) lines.push(`problem     ${p.file}: ${p.message} [${p.code}]`);
  const pa = r.verification.passive;
  lines.push(`passive     ${VERDICT[pa.verdict] ?? pa.verdict}${pa.reasons?.length ? ` — ${pa.reasons.join('; ')}` : ''}`);
  lines.push(`active      ${VERDICT[r.verification.active.verdict]}${r.verification.active.algorithm ? ` (${r.verification.active.algorithm})` : ''}${r.verification.active.reason ? ` — ${r.verification.active.reason}` : ''}`);
  lines.push(`chip        ${VERDICT[r.verification.chip.verdict]}${r.verification.chip.method ? ` (${r.verification.chip.method})` : ''}${r.verification.chip.reason ? ` — ${r.verification.chip.reason}` : ''}`);
  lines.push(`trust store ${trustNote}`);
  lines.push(`assurance   ${r.assurance}${r.trusted ? '' : '  — DO NOT TRUST: a security check failed'}`);
  lines.push(`apdus       ${r.apdu.count}, ${r.apdu.bytesReceived} bytes received, ${r.apdu.resumes} resume(s); ${r.timings.totalMs} ms (name after ${r.timings.holderMs} ms)`);
  return lines.join('\n');
}

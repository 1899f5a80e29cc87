// The JSON shape of a card read, for `kiosk card read --json`, the diagnostics export and (later) the
// central service's PA evidence. It carries the holder's data because the caller asked to read the card;
// it must never be written to logs. The APDU trace is separate and data-free.

import type { DocumentReadResult } from '../../../native/card/reader/document-reader.ts';

export interface ReadReportOptions {
  /** Where the face image was written, if it was. */
  readonly facePath?: string;
  readonly source: string;
}

function hashes(result: DocumentReadResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, status] of result.verification.passive.detail?.dataGroupHashes ?? []) out[`DG${n}`] = status;
  return out;
}

export function readReport(result: DocumentReadResult, options: ReadReportOptions) {
  const { document: d, verification: v } = result;
  const face = d.dg2?.faces[0];
  const pa = v.passive.detail;
  return {
    source: options.source,
    atr: result.atr,
    access: result.access,
    document: d.mrz && {
      format: d.mrz.format,
      documentCode: d.mrz.documentCode,
      issuingState: d.mrz.issuingState,
      documentNumber: d.mrz.documentNumber,
      primaryIdentifier: d.mrz.primaryIdentifier,
      secondaryIdentifier: d.mrz.secondaryIdentifier,
      nationality: d.mrz.nationality,
      dateOfBirth: d.mrz.dateOfBirth,
      sex: d.mrz.sex,
      dateOfExpiry: d.mrz.dateOfExpiry,
      optionalData1: d.mrz.optionalData1,
      checkDigits: d.mrz.checks,
    },
    holder: d.dg13 && {
      idNumber: d.dg13.idNumber,
      fullName: d.dg13.fullName,
      dateOfBirth: d.dg13.dateOfBirth,
      sex: d.dg13.sex,
      nationality: d.dg13.nationality,
      ethnicity: d.dg13.ethnicity,
      religion: d.dg13.religion,
      placeOfOrigin: d.dg13.placeOfOrigin,
      placeOfResidence: d.dg13.placeOfResidence,
      identifyingMarks: d.dg13.identifyingMarks,
      dateOfIssue: d.dg13.dateOfIssue,
      dateOfExpiry: d.dg13.dateOfExpiry,
      fatherName: d.dg13.fatherName,
      motherName: d.dg13.motherName,
      spouseName: d.dg13.spouseName,
      oldIdNumber: d.dg13.oldIdNumber,
    },
    face: face && { mimeType: face.mimeType, width: face.width, height: face.height, bytes: face.bytes.length, path: options.facePath },
    files: Object.fromEntries([...result.files].map(([name, bytes]) => [name, bytes.length])),
    problems: d.problems,
    verification: {
      passive: {
        verdict: v.passive.verdict,
        ...(pa && {
          sodSignature: pa.sodSignature.status,
          digestAlgorithm: pa.digestAlgorithm,
          dataGroupHashes: hashes(result),
          dsCertificate: pa.dsCertificateValidity.status,
          dsChain: pa.dsChain.status,
          csca: pa.dsChain.csca,
          crl: pa.crl,
          reasons: pa.reasons,
        }),
      },
      active: { verdict: v.active.verdict, algorithm: v.active.detail?.algorithm, hash: v.active.detail?.hash, reason: v.active.detail?.reason },
      chip: v.chip,
    },
    assurance: v.assurance,
    trusted: v.trusted,
    timings: result.timings,
    apdu: result.apdu,
  };
}

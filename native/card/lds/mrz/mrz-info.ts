// The machine readable zone as data: ICAO 9303-3 (common rules), 9303-4 (TD3), 9303-5 (TD1), 9303-6 (TD2).

/** TD1: 3 lines of 30 (ID cards, CCCD); TD2: 2 lines of 36; TD3: 2 lines of 44 (passports). */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

/** ICAO 9303-3 §4.2.2: '<' in the sex field means unspecified, reported here as 'X'. */
export type MrzSex = 'M' | 'F' | 'X';

/** Whether each printed check digit matches the data it protects (ICAO 9303-3 §4.9). */
export interface MrzChecks {
  readonly documentNumber: boolean;
  readonly dateOfBirth: boolean;
  readonly dateOfExpiry: boolean;
  /** TD3 only: the personal number's check digit. */
  readonly optionalData?: boolean;
  readonly composite: boolean;
}

/** The fields an MRZ carries; what `encodeMrz` needs. Fillers ('<') at the end of fields are removed. */
export interface MrzFields {
  readonly format: MrzFormat;
  /** 1-2 characters: 'P', 'I', 'ID', 'AC'... */
  readonly documentCode: string;
  /** ICAO 9303-3 §5 three-letter code, fillers removed ('D' for Germany). */
  readonly issuingState: string;
  /**
   * The full document number. Longer than 9 characters only on TD1/TD2, where the overflow lives in the
   * optional data (ICAO 9303-5 §4.2.4 note j, 9303-6 §4.2.4 note j).
   */
  readonly documentNumber: string;
  /** Surname(s), with spaces between name components. */
  readonly primaryIdentifier: string;
  /** Given name(s), with spaces between name components; '' when absent. */
  readonly secondaryIdentifier: string;
  readonly nationality: string;
  /** YYMMDD; '<' marks an unknown part (ICAO 9303-3 §4.7). */
  readonly dateOfBirth: string;
  readonly sex: MrzSex;
  /** YYMMDD, or '<<<<<<' on documents without expiry. */
  readonly dateOfExpiry: string;
  /**
   * TD1: upper-line optional data (after the document-number overflow, if any); TD2: optional data
   * (after the overflow); TD3: the personal number. Inner fillers are kept, trailing fillers removed.
   */
  readonly optionalData1: string;
  /** TD1 middle-line optional data; '' on TD2/TD3. */
  readonly optionalData2: string;
}

export interface MrzInfo extends MrzFields {
  readonly checks: MrzChecks;
  /** The lines as read (validated, without surrounding whitespace). */
  readonly lines: readonly string[];
}

/** Line count and length per format (ICAO 9303-4/5/6 §4.2). */
export const MRZ_LAYOUT: Readonly<Record<MrzFormat, { readonly lines: number; readonly length: number }>> = Object.freeze({
  TD1: Object.freeze({ lines: 3, length: 30 }),
  TD2: Object.freeze({ lines: 2, length: 36 }),
  TD3: Object.freeze({ lines: 2, length: 44 }),
});

/** Marker some documents issued without expiry put in the expiry field (with check digit '0'). */
export const MRZ_NO_EXPIRY = '<<<<<<';

export const MRZ_CHARSET = /^[A-Z0-9<]*$/;

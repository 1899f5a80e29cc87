// Latin text with diacritics to MRZ characters (ICAO 9303-3 §6: diacritics dropped, apostrophes omitted,
// hyphens and other punctuation become fillers). Vietnamese 'Đ' has no decomposition and maps to 'D'.

/**
 * Transliterates a name component for the MRZ: upper case A-Z and digits, with spaces where the MRZ will
 * put fillers. Total function: never throws.
 */
export function mrzTransliterate(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Đđ]/g, 'D')
    .toUpperCase()
    .replace(/['’`]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

// The synthetic people of the simulator profiles (native/sim/profiles): the only people these tests may
// use. Kept as literals rather than imported, so a spec sees the product only through the browser and
// the kiosk process, and a change to a profile shows up here as a failing assertion.

/** The CCCD profile's citizen (cccd-profile.ts: DG13 full name and 12-digit ID number). */
export const CCCD_HOLDER = Object.freeze({
  fullName: 'NGUYỄN VĂN THỬ',
  idNumber: '001099012345',
  oldIdNumber: '012345678',
  dateOfBirth: '15/03/1999',
});

/** The TD3 passport profile's traveller (passport-td3-profile.ts). */
export const PASSPORT_HOLDER = Object.freeze({
  primaryIdentifier: 'SAMPLE',
  secondaryIdentifier: 'ALEX JORDAN',
  documentNumber: 'UT4839201',
});

/** Strings that must never appear in logs or exported reports. */
export const PERSONAL_STRINGS: readonly string[] = Object.freeze([
  CCCD_HOLDER.fullName,
  CCCD_HOLDER.idNumber,
  CCCD_HOLDER.oldIdNumber,
  CCCD_HOLDER.dateOfBirth,
  PASSPORT_HOLDER.secondaryIdentifier,
  PASSPORT_HOLDER.documentNumber,
]);

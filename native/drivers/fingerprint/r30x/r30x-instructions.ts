// Instruction codes and confirmation codes of the R30x/ZFM family (R307 user manual §5 "Module
// instruction system"; R503 adds AuraLedConfig). Names follow the manuals.

export const R30xInstruction = Object.freeze({
  GEN_IMG: 0x01,
  IMG_2_TZ: 0x02,
  MATCH: 0x03,
  SEARCH: 0x04,
  REG_MODEL: 0x05,
  STORE: 0x06,
  LOAD_CHAR: 0x07,
  UP_CHAR: 0x08,
  DOWN_CHAR: 0x09,
  UP_IMAGE: 0x0a,
  DOWN_IMAGE: 0x0b,
  DELETE_CHAR: 0x0c,
  EMPTY: 0x0d,
  SET_SYS_PARA: 0x0e,
  READ_SYS_PARA: 0x0f,
  SET_PWD: 0x12,
  VFY_PWD: 0x13,
  GET_RANDOM_CODE: 0x14,
  SET_ADDER: 0x15,
  TEMPLATE_NUM: 0x1d,
  AURA_LED_CONFIG: 0x35,
} as const);

export const R30xConfirmation = Object.freeze({
  OK: 0x00,
  PACKET_RECEIVE_ERROR: 0x01,
  NO_FINGER: 0x02,
  /** "Fail to enroll the finger": the image could not be collected. */
  IMAGE_FAIL: 0x03,
  /** "Fail to generate character file due to the over-disorderly fingerprint image". */
  IMAGE_MESSY: 0x06,
  /** "... due to lack of character point or over-smallness of fingerprint image". */
  FEATURE_FAIL: 0x07,
  NO_MATCH: 0x08,
  NOT_FOUND: 0x09,
  ENROLL_MISMATCH: 0x0a,
  BAD_LOCATION: 0x0b,
  DB_RANGE_FAIL: 0x0c,
  UPLOAD_FEATURE_FAIL: 0x0d,
  PACKET_RESPONSE_FAIL: 0x0e,
  UPLOAD_FAIL: 0x0f,
  DELETE_FAIL: 0x10,
  DB_CLEAR_FAIL: 0x11,
  PASSWORD_FAIL: 0x13,
  /** "Fail to generate the image for the lack of valid primary image". */
  INVALID_IMAGE: 0x15,
  FLASH_ERROR: 0x18,
  INVALID_REGISTER: 0x1a,
  BAD_REGISTER_CONFIG: 0x1b,
  /** R503: the password must be verified before other commands. */
  PASSWORD_REQUIRED: 0x21,
} as const);

/** AuraLedConfig control codes and colours (R503 manual §"AuraLedConfig"). */
export const R30xLedControl = Object.freeze({ BREATHING: 0x01, FLASHING: 0x02, ON: 0x03, OFF: 0x04, GRADUAL_ON: 0x05, GRADUAL_OFF: 0x06 } as const);
export const R30xLedColor = Object.freeze({ RED: 0x01, BLUE: 0x02, PURPLE: 0x03 } as const);

const NAMES: ReadonlyMap<number, string> = new Map(Object.entries(R30xInstruction).map(([name, code]) => [code, name]));

export function instructionName(code: number): string {
  return NAMES.get(code) ?? `0x${code.toString(16).padStart(2, '0')}`;
}

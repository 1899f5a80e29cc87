// What a chip remembers between power-on and power-off: the selected directory and EF, the
// secure-messaging session and the state of each protocol. Executes plain (already unwrapped) commands
// per ISO 7816-4 §11 and ICAO 9303-10 §3.6 / 9303-11 §4 and §6; never throws for bad input.

import { randomBytes } from 'node:crypto';
import type { CommandApdu } from '../../card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../card/apdu/response-apdu.ts';
import { SW } from '../../card/apdu/status-word.ts';
import type { ChipDirectory, ChipFile, ChipFileSystem } from './chip-file-system.ts';
import type {
  ActiveAuthenticationResponder,
  BacResponder,
  ChipAuthenticationResponder,
  ChipProtocols,
  PaceResponder,
  SecureMessagingResponder,
} from './chip-protocol-roles.ts';
import { INS_READ_BINARY, INS_READ_BINARY_ODD, parseReadBinary, readSlice } from './chip-read-binary.ts';

/** A response, and the SM session to install once it has been sent. */
export interface Executed {
  readonly response: ResponseApdu;
  readonly nextSm?: SecureMessagingResponder;
}

const INS = Object.freeze({
  SELECT: 0xa4,
  GET_CHALLENGE: 0x84,
  EXTERNAL_AUTHENTICATE: 0x82,
  INTERNAL_AUTHENTICATE: 0x88,
  MSE: 0x22,
  GENERAL_AUTHENTICATE: 0x86,
});

const MF_FID = 0x3f00;
/** DG3 (fingerprints) and DG4 (iris) need EAC terminal authentication, which the simulator does not offer. */
const EAC_PROTECTED = new Set([3, 4]);

const status = (sw: number): Executed => ({ response: ResponseApdu.status(sw) });
const ok = (data: Uint8Array = new Uint8Array(0)): Executed => ({ response: new ResponseApdu(data, SW.NO_ERROR) });

export class ChipSession {
  sm: SecureMessagingResponder | null = null;
  private directory: ChipDirectory = 'mf';
  private currentEf: ChipFile | null = null;
  private readonly bac: BacResponder | undefined;
  private readonly pace: PaceResponder | undefined;
  private readonly aa: ActiveAuthenticationResponder | undefined;
  private readonly ca: ChipAuthenticationResponder | undefined;
  private generalAuthenticateTarget: 'pace' | 'ca' | null = null;

  constructor(
    private readonly files: ChipFileSystem,
    protocols: ChipProtocols,
    private readonly selectMasterFile: 'supported' | number,
  ) {
    this.bac = protocols.bac?.();
    this.pace = protocols.pace?.();
    this.aa = protocols.activeAuthentication?.();
    this.ca = protocols.chipAuthentication?.();
  }

  /** Ends secure messaging (and with it the access rights) and answers `sw` unprotected. */
  dropSm(sw: number): Uint8Array {
    this.sm = null;
    this.generalAuthenticateTarget = null;
    return Uint8Array.of(sw >> 8, sw & 0xff);
  }

  /** Executes one plain command; `secured` says it arrived under secure messaging. */
  execute(command: CommandApdu, secured: boolean): Executed {
    try {
      switch (command.ins) {
        case INS.SELECT:
          return this.select(command);
        case INS_READ_BINARY:
        case INS_READ_BINARY_ODD:
          return this.readBinary(command, secured);
        case INS.GET_CHALLENGE:
          return this.getChallenge(command, secured);
        case INS.EXTERNAL_AUTHENTICATE:
          return this.externalAuthenticate(command, secured);
        case INS.MSE:
          return this.manageSecurityEnvironment(command, secured);
        case INS.GENERAL_AUTHENTICATE:
          return this.generalAuthenticate(command);
        case INS.INTERNAL_AUTHENTICATE:
          return this.internalAuthenticate(command, secured);
        default:
          return status(SW.INS_NOT_SUPPORTED);
      }
    } catch {
      // A protocol implementation rejected the data it was given.
      return status(SW.WRONG_DATA);
    }
  }

  private select(command: CommandApdu): Executed {
    const { p1, p2, data } = command;
    if (p2 !== 0x00 && p2 !== 0x04 && p2 !== 0x0c) return status(SW.INCORRECT_P1P2);
    if (p1 === 0x04) {
      // ICAO 9303-10 §3.6.2: SELECT the LDS1 application by its AID.
      if (!this.files.hasApplication(data)) return status(SW.FILE_NOT_FOUND);
      this.directory = 'mrtd';
      this.currentEf = null;
      return ok();
    }
    if (p1 !== 0x00 && p1 !== 0x02) return status(SW.INCORRECT_P1P2);
    if (p1 === 0x00 && (data.length === 0 || (data.length === 2 && ((data[0]! << 8) | data[1]!) === MF_FID))) {
      if (this.selectMasterFile !== 'supported') return status(this.selectMasterFile);
      this.directory = 'mf';
      this.currentEf = null;
      return ok();
    }
    if (data.length !== 2) return status(SW.WRONG_LENGTH);
    const file = this.files.byFid((data[0]! << 8) | data[1]!, this.directory);
    if (!file) return status(SW.FILE_NOT_FOUND);
    this.currentEf = file;
    return ok();
  }

  private readBinary(command: CommandApdu, secured: boolean): Executed {
    const request = parseReadBinary(command);
    if (typeof request === 'number') return status(request);
    let file: ChipFile | undefined;
    switch (request.file.kind) {
      case 'current':
        if (!this.currentEf) return status(SW.COMMAND_NOT_ALLOWED);
        file = this.currentEf;
        break;
      case 'sfi':
        file = this.files.bySfi(request.file.sfi, this.directory);
        break;
      case 'fid':
        file = this.files.byFid(request.file.fid, this.directory);
        break;
    }
    if (!file) return status(SW.FILE_NOT_FOUND);
    // ISO 7816-4 §7.2.2: reading by short EF identifier makes that EF the current one.
    this.currentEf = file;
    if (!this.mayRead(file, secured)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    return { response: readSlice(file.content, request) };
  }

  /** ICAO 9303-11 §4: EF.CardAccess is free; the application's files need BAC or PACE; DG3/DG4 need EAC. */
  private mayRead(file: ChipFile, secured: boolean): boolean {
    if (file.directory === 'mf') return true;
    if (EAC_PROTECTED.has(file.lds.dataGroup)) return false;
    return secured;
  }

  private getChallenge(command: CommandApdu, secured: boolean): Executed {
    if (command.p1 !== 0 || command.p2 !== 0) return status(SW.INCORRECT_P1P2);
    if (command.ne !== 8) return status(SW.WRONG_LENGTH);
    // Under SM a challenge serves terminal authentication; without SM it opens BAC, which a PACE-only chip lacks.
    if (secured) return ok(new Uint8Array(randomBytes(8)));
    if (!this.bac) return status(SW.INS_NOT_SUPPORTED);
    return ok(this.bac.getChallenge());
  }

  private externalAuthenticate(command: CommandApdu, secured: boolean): Executed {
    if (secured || !this.bac) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (command.data.length !== 40) return status(SW.WRONG_LENGTH);
    const result = this.bac.externalAuthenticate(command.data);
    if (!result) return status(SW.VERIFICATION_FAILED);
    return { response: new ResponseApdu(result.responseData, SW.NO_ERROR), nextSm: result.sm };
  }

  private manageSecurityEnvironment(command: CommandApdu, secured: boolean): Executed {
    const p1p2 = (command.p1 << 8) | command.p2;
    switch (p1p2) {
      case 0xc1a4: {
        // ICAO 9303-11 §4.4.4.1: MSE:Set AT for PACE.
        if (!this.pace) return status(SW.FUNCTION_NOT_SUPPORTED);
        const sw = this.pace.mseSetAt(command.data);
        this.generalAuthenticateTarget = sw === SW.NO_ERROR ? 'pace' : null;
        return status(sw);
      }
      case 0x41a4: {
        // ICAO 9303-11 §6.2.4.2: MSE:Set AT for chip authentication (version 2).
        if (!this.ca) return status(SW.FUNCTION_NOT_SUPPORTED);
        if (!secured) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
        const sw = this.ca.mseSetAt(command.data);
        this.generalAuthenticateTarget = sw === SW.NO_ERROR ? 'ca' : null;
        return status(sw);
      }
      case 0x41a6: {
        // ICAO 9303-11 §6.2.4.1: MSE:Set KAT (chip authentication version 1).
        if (!this.ca) return status(SW.FUNCTION_NOT_SUPPORTED);
        if (!secured) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
        const result = this.ca.mseSetKat(command.data);
        return { response: ResponseApdu.status(result.sw), ...(result.sm ? { nextSm: result.sm } : {}) };
      }
      default:
        return status(SW.INCORRECT_P1P2);
    }
  }

  private generalAuthenticate(command: CommandApdu): Executed {
    if (this.generalAuthenticateTarget === 'pace' && this.pace) {
      const result = this.pace.generalAuthenticate(command);
      if (result.sw !== SW.NO_ERROR || result.sm) this.generalAuthenticateTarget = null;
      return { response: new ResponseApdu(result.data, result.sw), ...(result.sm ? { nextSm: result.sm } : {}) };
    }
    if (this.generalAuthenticateTarget === 'ca' && this.ca) {
      const result = this.ca.generalAuthenticate(command.data);
      this.generalAuthenticateTarget = null;
      return { response: new ResponseApdu(result.data, result.sw), ...(result.sm ? { nextSm: result.sm } : {}) };
    }
    return status(SW.CONDITIONS_NOT_SATISFIED);
  }

  private internalAuthenticate(command: CommandApdu, secured: boolean): Executed {
    if (!this.aa) return status(SW.INS_NOT_SUPPORTED);
    if (!secured) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (command.data.length === 0) return status(SW.WRONG_LENGTH);
    return ok(this.aa.internalAuthenticate(command.data));
  }
}

// The contract's flow intents (electron/contract/requests.ts, already parsed by the host) as flow events.

import type { FlowIntent as ContractFlowIntent } from '../../contract/requests.ts';
import type { FlowIntent } from './flow-events.ts';

export function flowIntentOf(request: ContractFlowIntent): FlowIntent {
  switch (request.type) {
    case 'flow.start':
      return { type: 'START' };
    case 'flow.presentCard':
      return { type: 'PRESENT_CARD' };
    case 'flow.useQr':
      return { type: 'USE_QR' };
    case 'flow.chooseLanguage':
      return { type: 'SET_LANGUAGE', language: request.language };
    case 'flow.chooseDepartment':
      return { type: 'CHOOSE_DEPARTMENT', departmentId: request.departmentId };
    case 'flow.skipFingerprint':
      return { type: 'SKIP' };
    case 'flow.confirm':
      return { type: 'CONFIRM' };
    case 'flow.back':
      return { type: 'BACK' };
    case 'flow.cancel':
      return { type: 'CANCEL' };
    case 'flow.retry':
      return { type: 'RETRY' };
    case 'flow.activity':
      return { type: 'ACTIVITY' };
  }
}

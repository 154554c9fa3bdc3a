import type { ProcedureDefinition } from '@xianjie/domain'
import { criminalTransfer } from '@xianjie/criminal-transfer'

/** Every procedure Xianjie runs. Services get them from here, never from workflows directly. */
export const PROCEDURES: ProcedureDefinition[] = [criminalTransfer]

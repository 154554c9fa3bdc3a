import type { ProcedureDefinition } from '@xianjie/domain'
import { creditListing } from '@xianjie/credit-listing'
import { criminalTransfer } from '@xianjie/criminal-transfer'
import { judicialConfirmation } from '@xianjie/judicial-confirmation'
import { transferSupervision } from '@xianjie/transfer-supervision'

/** Every procedure Xianjie runs. Services get them from here, never from workflows directly. */
export const PROCEDURES: ProcedureDefinition[] = [criminalTransfer, judicialConfirmation, creditListing, transferSupervision]

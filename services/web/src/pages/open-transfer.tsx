// Opening a transfer of a suspected crime (行政执法机关移送涉嫌犯罪案件), with the R310 art. 6
// documents as the upload checklist.
import { OpenCasePage, type ChecklistItem } from './open-case.tsx'

/** R310 art. 6 (DOMAIN §2.3 F3): the kinds DISPATCH_TRANSFER accepts (TRANSFER_DOCUMENT_KINDS). */
export const TRANSFER_CHECKLIST: ChecklistItem[] = [
  { kind: 'transferLetter', title: { zh: '涉嫌犯罪案件移送书', en: 'Transfer letter' }, required: true },
  { kind: 'investigationReport', title: { zh: '涉嫌犯罪案件情况的调查报告', en: 'Investigation report' }, required: true },
  { kind: 'itemList', title: { zh: '涉案物品清单', en: 'List of the items involved' }, required: true },
  // Required unless the transfer states why no testing or appraisal was needed (noTestingRequired).
  { kind: 'testReport', title: { zh: '有关检验报告或者鉴定结论（无需检验的，移送时说明理由）', en: 'Test or appraisal reports (or, at dispatch, why none was needed)' }, required: false },
  { kind: 'otherMaterials', title: { zh: '其他有关涉嫌犯罪的材料', en: 'Other materials on the suspected crime' }, required: false },
]

export function OpenTransferPage() {
  return (
    <OpenCasePage
      procedure="criminal-transfer"
      heading={{ zh: '移送涉嫌犯罪案件', en: 'Open a transfer of a suspected crime' }}
      intro={{
        zh: '依据《行政执法机关移送涉嫌犯罪案件的规定》第五条、第六条：立案后提出移送书面报告，经负责人批准后 24 小时内向同级公安机关移送，并附下列材料。',
        en: 'R310 arts 5 and 6: after the written report and the head’s approval, deliver the case to the same-level police within 24 hours, with the documents below.',
      }}
      submitLabel={{ zh: '创建移送案件', en: 'Open the transfer' }}
      checklist={TRANSFER_CHECKLIST}
    />
  )
}

// A mediator records an agreement: opening a judicial-confirmation case (the organisation opens
// it with the agreement reached; a bureau opens it on a party's request and records it later).
import { OpenCasePage } from './open-case.tsx'

export function NewConfirmationPage() {
  return (
    <OpenCasePage
      procedure="judicial-confirmation"
      heading={{ zh: '登记调解协议，申请司法确认', en: 'Record a mediation agreement' }}
      intro={{
        zh: '调解协议生效之日起 30 日内，双方当事人可以共同向有管辖权的人民法院申请司法确认（《民事诉讼法》第二百零五条）。',
        en: 'Within 30 days of the agreement taking effect, both parties may jointly apply to a competent court for confirmation (CivPL art. 205).',
      }}
      submitLabel={{ zh: '登记调解协议', en: 'Record the agreement' }}
      checklist={[
        { kind: 'agreement', title: { zh: '调解协议书', en: 'Mediation agreement' }, required: false },
        { kind: 'mediationProof', title: { zh: '调解组织主持调解的证明', en: 'Proof the organisation presided' }, required: false },
        { kind: 'identity', title: { zh: '双方当事人身份证明', en: 'Identity of both parties' }, required: false },
      ]}
    />
  )
}

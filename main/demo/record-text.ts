/** The words of a medical record: what the patient says, what the doctor finds, the plan. */
import type { DiagnosisSpec } from './data/diagnoses';
import type { PatientState } from './history-types';
import type { Rng } from './random';

const EXTRA_FIRST = ['自服药物效果不佳', '未予特殊处理', '无发热', '饮食、睡眠尚可，二便正常', '精神可，食欲稍差', '无胸闷、气促'];
const EXTRA_FOLLOW_UP = ['规律服药，病情平稳，无明显不适', '服药后症状较前好转', '按医嘱用药，自测指标较前下降', '症状明显缓解，今来复诊'];

export interface RecordText {
  complaint: string;
  presentIllness: string;
  pastHistory: string;
  findings: string;
  plan: string;
}

export function recordText(rng: Rng, dx: DiagnosisSpec, p: PatientState, followUp: boolean): RecordText {
  const complaint = rng.pick(dx.complaints).replaceAll('{n}', () => String(rng.range(1, 7)));
  const presentIllness = followUp
    ? `${dx.name}复诊。${rng.pick(EXTRA_FOLLOW_UP)}。`
    : `患者${complaint}，${rng.pick(EXTRA_FIRST)}。`;
  const history = [...p.conditions].filter((name) => name !== dx.name).map((name) => `${name}病史`);
  const past = history.length > 0 ? `既往${history.join('、')}` : '既往体健';
  const allergy = p.row.allergies ? `${p.row.allergies}过敏` : '否认药物过敏史';
  return { complaint, presentIllness, pastHistory: `${past}；${allergy}。`, findings: dx.findings, plan: dx.plan };
}

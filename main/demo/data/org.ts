/** The demo clinic's structure: departments, rooms, staff, their accounts and weekly clinic hours. */
import type { Role, SessionPeriod } from '../../domain/enums';

export const CLINIC = {
  clinicName: '康宁诊所',
  clinicNameEn: 'Kangning Clinic',
  address: '上海市徐汇区漕溪北路398号',
  phone: '021-64381200',
  timeZone: 'Asia/Shanghai',
  receiptHeader: '康宁诊所 门诊收费票据',
} as const;

/** The password of every demo account (documented in main/demo/README.md). */
export const DEMO_PASSWORD = 'kangning2026';

export interface DepartmentSpec {
  code: string;
  name: string;
  nameEn: string;
  rooms: string[];
}

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  { code: 'QK', name: '全科', nameEn: 'General Practice', rooms: ['101诊室', '102诊室'] },
  { code: 'NK', name: '内科', nameEn: 'Internal Medicine', rooms: ['103诊室', '104诊室', '105诊室'] },
  { code: 'WK', name: '外科', nameEn: 'Surgery', rooms: ['201诊室', '外科处置室'] },
  { code: 'EK', name: '儿科', nameEn: 'Paediatrics', rooms: ['106诊室', '107诊室'] },
  { code: 'FK', name: '妇科', nameEn: 'Gynaecology', rooms: ['202诊室'] },
  { code: 'ZY', name: '中医科', nameEn: 'Traditional Chinese Medicine', rooms: ['203诊室'] },
  { code: 'KQ', name: '口腔科', nameEn: 'Stomatology', rooms: ['口腔诊室1', '口腔诊室2'] },
  { code: 'YEB', name: '眼耳鼻喉科', nameEn: 'Ophthalmology & ENT', rooms: ['205诊室'] },
  { code: 'PFK', name: '皮肤科', nameEn: 'Dermatology', rooms: ['206诊室'] },
];

export type DoctorTitle = '主任医师' | '副主任医师' | '主治医师' | '住院医师';

/** Doctors log in as the pinyin of their name (张建华 → zhangjianhua). */
export interface DoctorSpec {
  name: string;
  sex: 'M' | 'F';
  title: DoctorTitle;
  dept: string;
  specialty: string;
  /** Registration fee in yuan: by title, as Shanghai clinics charge. */
  feeYuan: number;
  /** Sessions a week: day of week (1 = Monday … 6 = Saturday, 0 = Sunday) and period. */
  week: [number, SessionPeriod][];
  capacity: number;
}

const mornings = (...days: number[]) => days.map((d): [number, SessionPeriod] => [d, 'morning']);
const afternoons = (...days: number[]) => days.map((d): [number, SessionPeriod] => [d, 'afternoon']);

export const DOCTORS: readonly DoctorSpec[] = [
  { name: '张建华', sex: 'M', title: '主任医师', dept: 'NK', specialty: '心血管内科', feeYuan: 50, week: [...mornings(1, 3, 5), ...afternoons(3)], capacity: 25 },
  { name: '王丽萍', sex: 'F', title: '副主任医师', dept: 'NK', specialty: '消化内科', feeYuan: 30, week: [...mornings(2, 4, 6), ...afternoons(1, 5)], capacity: 30 },
  { name: '陈志强', sex: 'M', title: '主治医师', dept: 'NK', specialty: '呼吸内科', feeYuan: 20, week: [...mornings(1, 2, 4), ...afternoons(2, 4, 6)], capacity: 30 },
  { name: '刘敏', sex: 'F', title: '主治医师', dept: 'QK', specialty: '全科医学', feeYuan: 15, week: [...mornings(1, 2, 3, 4, 5), ...afternoons(1, 3, 5)], capacity: 35 },
  { name: '赵海涛', sex: 'M', title: '住院医师', dept: 'QK', specialty: '全科医学', feeYuan: 10, week: [...mornings(6, 0), ...afternoons(1, 2, 3, 4, 5, 6, 0)], capacity: 35 },
  { name: '孙立新', sex: 'M', title: '副主任医师', dept: 'WK', specialty: '骨科', feeYuan: 30, week: [...mornings(1, 3, 5), ...afternoons(2)], capacity: 25 },
  { name: '周晓东', sex: 'M', title: '主治医师', dept: 'WK', specialty: '普外科', feeYuan: 20, week: [...mornings(2, 4, 6), ...afternoons(1, 3, 5)], capacity: 25 },
  { name: '吴雅琴', sex: 'F', title: '主任医师', dept: 'EK', specialty: '小儿呼吸', feeYuan: 50, week: [...mornings(1, 3, 6), ...afternoons(5)], capacity: 25 },
  { name: '郑婷', sex: 'F', title: '主治医师', dept: 'EK', specialty: '儿科', feeYuan: 20, week: [...mornings(2, 4, 5, 0), ...afternoons(1, 2, 3, 4, 6)], capacity: 35 },
  { name: '林秀梅', sex: 'F', title: '副主任医师', dept: 'FK', specialty: '妇科', feeYuan: 30, week: [...mornings(1, 2, 3, 4, 5, 6), ...afternoons(2, 4)], capacity: 25 },
  { name: '何文博', sex: 'M', title: '主治医师', dept: 'ZY', specialty: '中医内科', feeYuan: 25, week: [...mornings(1, 3, 5, 6), ...afternoons(2, 4)], capacity: 20 },
  { name: '黄春梅', sex: 'F', title: '主治医师', dept: 'KQ', specialty: '口腔内科', feeYuan: 20, week: [...mornings(1, 2, 3, 4, 5, 6), ...afternoons(1, 3, 5)], capacity: 16 },
  { name: '徐鹏飞', sex: 'M', title: '主治医师', dept: 'YEB', specialty: '耳鼻咽喉科', feeYuan: 20, week: [...mornings(1, 2, 4, 5, 6), ...afternoons(3)], capacity: 25 },
  { name: '马静', sex: 'F', title: '主治医师', dept: 'PFK', specialty: '皮肤科', feeYuan: 20, week: [...mornings(2, 3, 5, 6), ...afternoons(1, 4)], capacity: 25 },
];

export interface StaffSpec {
  name: string;
  sex: 'M' | 'F';
  position: 'receptionist' | 'cashier' | 'pharmacist' | 'admin' | 'nurse' | 'technician';
  /** Username and roles, when this person logs in. */
  account?: { username: string; roles: Role[] };
}

export const OTHER_STAFF: readonly StaffSpec[] = [
  { name: '杨芳', sex: 'F', position: 'receptionist', account: { username: 'reception1', roles: ['receptionist'] } },
  { name: '朱晓燕', sex: 'F', position: 'receptionist', account: { username: 'reception2', roles: ['receptionist', 'cashier'] } },
  { name: '胡俊杰', sex: 'M', position: 'cashier', account: { username: 'cashier1', roles: ['cashier', 'head_cashier'] } },
  { name: '郭丽娟', sex: 'F', position: 'cashier', account: { username: 'cashier2', roles: ['cashier'] } },
  { name: '罗建平', sex: 'M', position: 'pharmacist', account: { username: 'pharmacist1', roles: ['pharmacist'] } },
  { name: '梁雪', sex: 'F', position: 'pharmacist', account: { username: 'pharmacist2', roles: ['pharmacist'] } },
  { name: '谢国强', sex: 'M', position: 'admin', account: { username: 'admin', roles: ['admin'] } },
  { name: '宋玉兰', sex: 'F', position: 'nurse' },
  { name: '唐明', sex: 'M', position: 'technician' },
];

/** Observation rooms (infusions, short stays) and their beds. */
export const WARDS = [
  { name: '输液观察室', dept: 'NK', dailyRateYuan: 30, beds: 8 },
  { name: '儿科观察室', dept: 'EK', dailyRateYuan: 30, beds: 4 },
  { name: '外科留观室', dept: 'WK', dailyRateYuan: 50, beds: 3 },
] as const;

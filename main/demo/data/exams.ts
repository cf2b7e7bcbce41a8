/** Exam items of a community clinic: lab, imaging, ECG, ultrasound; with a usual and an unusual result. */
import type { EXAM_CATEGORIES } from '../../domain/enums';

export interface ExamSpec {
  code: string;
  name: string;
  nameEn: string;
  category: (typeof EXAM_CATEGORIES)[number];
  priceYuan: number;
  normal: string;
  abnormal: string;
}

const e = (code: string, name: string, nameEn: string, category: ExamSpec['category'], priceYuan: number, normal: string, abnormal: string): ExamSpec =>
  ({ code, name, nameEn, category, priceYuan, normal, abnormal });

export const EXAMS: readonly ExamSpec[] = [
  e('E001', '血常规', 'Complete blood count', 'lab', 25, 'WBC 6.2×10⁹/L，N 58%，Hb 136g/L，PLT 228×10⁹/L，未见异常', 'WBC 12.6×10⁹/L↑，N 82%↑，提示细菌感染'),
  e('E002', '尿常规', 'Urinalysis', 'lab', 15, '尿蛋白(-)，尿糖(-)，镜检未见异常', '白细胞(++)，亚硝酸盐(+)，镜检WBC 25/HP↑'),
  e('E003', '粪便常规+隐血', 'Stool routine and occult blood', 'lab', 15, '黄色软便，镜检(-)，隐血(-)', '稀水样便，镜检WBC 3-5/HP，隐血(-)'),
  e('E004', 'C反应蛋白', 'C-reactive protein', 'lab', 30, 'CRP 3.2mg/L', 'CRP 46.5mg/L↑'),
  e('E005', '肝功能', 'Liver function panel', 'lab', 60, 'ALT 22U/L，AST 25U/L，TBil 12.4μmol/L，正常', 'ALT 86U/L↑，AST 64U/L↑'),
  e('E006', '肾功能', 'Renal function panel', 'lab', 45, 'Cr 72μmol/L，BUN 5.1mmol/L，正常', 'Cr 128μmol/L↑，eGFR 52ml/min'),
  e('E007', '血脂四项', 'Lipid panel', 'lab', 50, 'TC 4.6mmol/L，TG 1.3mmol/L，LDL-C 2.6mmol/L', 'TC 6.5mmol/L↑，TG 2.8mmol/L↑，LDL-C 4.1mmol/L↑'),
  e('E008', '空腹血糖', 'Fasting plasma glucose', 'lab', 8, 'FPG 5.2mmol/L', 'FPG 8.9mmol/L↑'),
  e('E009', '糖化血红蛋白', 'HbA1c', 'lab', 70, 'HbA1c 5.6%', 'HbA1c 7.9%↑'),
  e('E010', '电解质', 'Electrolytes', 'lab', 35, 'K 4.1mmol/L，Na 140mmol/L，Cl 102mmol/L', 'K 3.3mmol/L↓'),
  e('E011', '甲状腺功能', 'Thyroid function (FT3, FT4, TSH)', 'lab', 120, 'FT3、FT4、TSH均在正常范围', 'TSH 8.6mIU/L↑，FT4 9.1pmol/L↓'),
  e('E012', '血尿酸', 'Serum uric acid', 'lab', 10, 'UA 320μmol/L', 'UA 538μmol/L↑'),
  e('E013', '凝血四项', 'Coagulation panel', 'lab', 80, 'PT、APTT、TT、FIB均正常', 'FIB 4.6g/L↑'),
  e('E014', '乙肝两对半', 'Hepatitis B serology', 'lab', 60, 'HBsAb(+)，余(-)', 'HBsAg(+)，HBeAb(+)，HBcAb(+)'),
  e('E015', '红细胞沉降率', 'Erythrocyte sedimentation rate', 'lab', 12, 'ESR 8mm/h', 'ESR 42mm/h↑'),
  e('E016', '13C尿素呼气试验', 'Urea breath test (13C)', 'lab', 150, 'DOB 1.2，阴性', 'DOB 18.6，阳性'),
  e('E017', '甲型/乙型流感病毒抗原', 'Influenza A/B antigen', 'lab', 60, '甲型(-)，乙型(-)', '甲型(+)'),
  e('E018', '白带常规', 'Vaginal discharge examination', 'lab', 20, '清洁度Ⅱ度，未见霉菌及滴虫', '清洁度Ⅳ度，见假菌丝'),
  e('E019', '尿hCG', 'Urine hCG', 'lab', 15, '阴性', '阳性'),
  e('E020', '过敏原检测', 'Allergen panel', 'lab', 280, '未检出常见过敏原特异性IgE', '尘螨2级，猫毛1级'),
  e('E021', '胸部X线', 'Chest X-ray', 'imaging', 80, '双肺纹理清晰，心膈未见异常', '右下肺斑片状模糊影，考虑炎症'),
  e('E022', '颈椎X线(正侧位)', 'Cervical spine X-ray', 'imaging', 90, '颈椎序列正常', '颈椎生理曲度变直，C5-6椎间隙变窄'),
  e('E023', '腰椎X线(正侧位)', 'Lumbar spine X-ray', 'imaging', 90, '腰椎序列正常', 'L4-5椎间隙变窄，椎体缘骨质增生'),
  e('E024', '膝关节X线', 'Knee X-ray', 'imaging', 90, '膝关节未见明显异常', '关节间隙变窄，髁间棘变尖'),
  e('E025', '胸部CT平扫', 'Chest CT (plain)', 'imaging', 260, '双肺未见明显异常', '左肺上叶小结节，约4mm，建议随访'),
  e('E026', '心电图', 'Electrocardiogram', 'ecg', 25, '窦性心律，正常心电图', '窦性心律，ST-T改变'),
  e('E027', '24小时动态心电图', '24-hour Holter ECG', 'ecg', 200, '窦性心律，偶发房性早搏', '频发室性早搏，部分成对'),
  e('E028', '腹部B超(肝胆胰脾)', 'Abdominal ultrasound', 'ultrasound', 120, '肝胆胰脾未见明显异常', '脂肪肝(轻度)，胆囊结石'),
  e('E029', '泌尿系B超', 'Urinary tract ultrasound', 'ultrasound', 100, '双肾、输尿管、膀胱未见异常', '右肾结石，约6mm'),
  e('E030', '妇科B超', 'Gynaecological ultrasound', 'ultrasound', 110, '子宫附件未见明显异常', '子宫肌瘤，约2.1×1.8cm'),
  e('E031', '甲状腺B超', 'Thyroid ultrasound', 'ultrasound', 90, '甲状腺未见明显异常', '甲状腺结节，TI-RADS 3类'),
  e('E032', '心脏彩超', 'Echocardiogram', 'ultrasound', 220, '心脏结构及功能未见异常', '左室舒张功能减低'),
  e('E033', '肺功能检查', 'Pulmonary function test', 'other', 150, '通气功能正常', '轻度阻塞性通气功能障碍'),
  e('E034', '眼压测量', 'Intraocular pressure', 'other', 20, '右眼15mmHg，左眼16mmHg', '右眼24mmHg↑'),
  e('E035', '口腔全景片', 'Panoramic dental X-ray', 'imaging', 120, '未见明显异常', '46根尖周低密度影'),
];

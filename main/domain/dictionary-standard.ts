/**
 * The national standard entries of each data-dictionary kind (master.addStandardDictionary), as
 * [code, Chinese name, English name]: GB/T 2261.2-2003 marital status, GB 3304-1991 the 56 ethnic
 * groups (with 97 other and 98 foreign-born citizens), GB/T 6565-2015 occupation major groups (with
 * the student, retired and unemployed the health records add), the identity documents the desk
 * checks (main/domain/idDocuments.ts), usual cancellation and priority reasons, and the built-in payment methods.
 */
import { ID_DOC_TYPES, type DICTIONARY_KINDS } from './enums';

type Entry = readonly [code: string, name: string, nameEn: string];

const ID_DOC_NAMES: Record<(typeof ID_DOC_TYPES)[number], [string, string]> = {
  passport: ['护照', 'Passport'],
  hk_macau_permit: ['港澳居民来往内地通行证', 'Mainland travel permit for Hong Kong and Macau residents'],
  taiwan_permit: ['台湾居民来往大陆通行证', 'Mainland travel permit for Taiwan residents'],
  foreign_permanent_residence: ['外国人永久居留身份证', "Foreigner's permanent residence ID card"],
};

const ETHNIC = '汉族 Han|蒙古族 Mongol|回族 Hui|藏族 Tibetan|维吾尔族 Uyghur|苗族 Miao|彝族 Yi|壮族 Zhuang|布依族 Buyei|朝鲜族 Korean|满族 Manchu|侗族 Dong|瑶族 Yao|白族 Bai|土家族 Tujia|哈尼族 Hani|哈萨克族 Kazakh|傣族 Dai|黎族 Li|傈僳族 Lisu|佤族 Va|畲族 She|高山族 Gaoshan|拉祜族 Lahu|水族 Sui|东乡族 Dongxiang|纳西族 Naxi|景颇族 Jingpo|柯尔克孜族 Kirgiz|土族 Tu|达斡尔族 Daur|仫佬族 Mulao|羌族 Qiang|布朗族 Blang|撒拉族 Salar|毛南族 Maonan|仡佬族 Gelao|锡伯族 Xibe|阿昌族 Achang|普米族 Pumi|塔吉克族 Tajik|怒族 Nu|乌孜别克族 Uzbek|俄罗斯族 Russian|鄂温克族 Ewenki|德昂族 Deang|保安族 Bonan|裕固族 Yugur|京族 Gin|塔塔尔族 Tatar|独龙族 Derung|鄂伦春族 Oroqen|赫哲族 Hezhen|门巴族 Monba|珞巴族 Lhoba|基诺族 Jino';

export const STANDARD_DICTIONARY: Record<(typeof DICTIONARY_KINDS)[number], readonly Entry[]> = {
  id_doc_type: ID_DOC_TYPES.map((t) => [t, ...ID_DOC_NAMES[t]] as const),
  marital_status: [['10', '未婚', 'Never married'], ['20', '已婚', 'Married'], ['30', '丧偶', 'Widowed'], ['40', '离婚', 'Divorced'], ['90', '未说明的婚姻状况', 'Not stated']],
  ethnicity: [
    ...ETHNIC.split('|').map((s, i) => {
      const [zh, en] = s.split(' ') as [string, string];
      return [String(i + 1).padStart(2, '0'), zh, en] as const;
    }),
    ['97', '其他', 'Other'], ['98', '外国血统中国籍人士', 'Chinese citizen of foreign origin'],
  ],
  occupation: [
    ['1', '国家机关、党群组织、企业、事业单位负责人', 'Heads of government, organisations and enterprises'],
    ['2', '专业技术人员', 'Professionals and technicians'],
    ['3', '办事人员和有关人员', 'Clerks and related workers'],
    ['4', '社会生产服务和生活服务人员', 'Service workers'],
    ['5', '农、林、牧、渔业生产及辅助人员', 'Farming, forestry, animal husbandry and fishery workers'],
    ['6', '生产制造及有关人员', 'Production and manufacturing workers'],
    ['7', '军人', 'Military personnel'],
    ['8', '不便分类的其他从业人员', 'Other workers'],
    ['student', '学生', 'Student'], ['retired', '离退休人员', 'Retired'], ['unemployed', '无业人员', 'Unemployed'],
  ],
  cancel_reason: [
    ['patient_request', '患者要求取消', 'Patient asked to cancel'], ['schedule_conflict', '时间冲突', 'Schedule conflict'],
    ['doctor_unavailable', '医生停诊', 'Doctor unavailable'], ['recovered', '病情好转', 'Feeling better'],
    ['duplicate', '重复预约', 'Booked twice'], ['other', '其他', 'Other'],
  ],
  priority_reason: [
    ['elderly', '老年人', 'Elderly'], ['disabled', '残疾人', 'Disabled'], ['emergency', '急诊', 'Emergency'], ['pregnant', '孕妇', 'Pregnant'],
    ['infant', '婴幼儿', 'Infant'], ['veteran', '军人、退役军人', 'Service member or veteran'], ['other', '其他', 'Other'],
  ],
  // The built-in methods (PAYMENT_METHODS), to rename, order or stop; a clinic's own methods count like card.
  payment_method: [['cash', '现金', 'Cash'], ['card', '银行卡', 'Card'], ['qr', '扫码支付', 'QR pay'], ['insurance', '医保统筹', 'Insurance']],
};

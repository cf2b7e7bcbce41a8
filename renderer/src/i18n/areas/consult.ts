import { area } from '../define';

export const consult = area(
  {
    queue: {
      title: '我的候诊', inConsultation: '就诊中', first: '初诊', followUp: '复诊', callNext: '叫下一位', callNextFirst: '叫初诊',
      callNextFollowUp: '叫复诊', call: '呼叫', recall: '再次呼叫', skip: '过号', start: '开始接诊', open: '打开', called_one: '已呼叫 {{count}} 次', called_other: '已呼叫 {{count}} 次',
      empty: '现在没有候诊的患者。', emptyHint: '前台签到并收费后，患者会出现在这里。', calledToast: '正在呼叫 {{queueNo}} 号 {{name}}',
    },
    visit: {
      none: '请选择一位患者', noneHint: '点“叫下一位”呼叫患者，患者进入诊室后点“开始接诊”。', finish: '结束就诊', finishConfirm: '结束 {{name}} 的就诊？结束后不能再修改处方和检查，患者将去缴费。', finished: '{{name}} 的就诊已结束',
      tabs: { record: '病历', prescription: '处方', orders: '检查与床位', history: '既往病史' }, allergies: '过敏史', age: '{{count}} 岁',
    },
    record: {
      complaint: '主诉', presentIllness: '现病史', pastHistory: '既往史', findings: '体格检查', plan: '处理意见', save: '保存病历',
      saved: '病历已保存', sign: '签署病历', signConfirm: '签署病历？签署后不能直接修改，只能以修订记录更正。', signed: '病历已签署', signedAt: '已于 {{time}} 签署', diagnoses: '诊断', primary: '主要诊断',
      makePrimary: '设为主要诊断', icd10: '搜索 ICD-10（编码、中文或拼音首字母）', noDiagnoses: '还没有诊断。签署前至少要有一个诊断。',
      readOnly: '此病历只读（不是您的患者，或就诊尚未开始）。', amend: '修订', amendField: '修订项目', amendText: '修订后内容',
      amendReason: '修订原因', amendments: '修订记录', amendedBy: '{{name}} 于 {{time}} 修订：{{reason}}', notWritten: '尚未书写病历',
      template: '病历模板', templatePlaceholder: '选择本科室的模板', templateFilled: '已用模板“{{name}}”填写空白项',
      templateReplace: '模板“{{name}}”在这些已填写的项目中内容不同：{{fields}}。用模板内容替换您已写的内容吗？（取消则保留您写的）', templateNone: '本科室还没有病历模板',
    },
    vitals: {
      title: '生命体征', none: '本次就诊还没有记录生命体征。', save: '记录体征', saved: '生命体征已记录', time: '时间', temperature: '体温', bp: '血压',
      pulse: '脉搏', respiration: '呼吸', weightHeight: '体重/身高', takenBy: '测量人', childNoFlags: '未满 18 岁：不按成人范围标记',
      field: { temperatureC: '体温 ℃', systolic: '收缩压', diastolic: '舒张压', pulse: '脉搏 次/分', respiration: '呼吸 次/分', spo2: 'SpO2 %', weightKg: '体重 kg', heightCm: '身高 cm' },
      errors: { out_of_range: '不是可能的读数（{{min}}–{{max}}）', diastolic_not_below_systolic: '舒张压应低于收缩压', pair_required: '血压需同时填写收缩压和舒张压', empty: '请至少填写一项', invalid: '请输入数字' },
    },
    rx: {
      new: '开处方', drug: '药品', searchDrug: '搜索药品（名称、拼音首字母或编码）', dose: '单次剂量', frequency: '频次', route: '用法', days: '天数',
      quantity: '数量', add: '添加', issue: '开具处方', issued: '处方已开具', cancel: '作废处方', total: '合计 {{amount}}', stock: '库存 {{count}}',
      outOfStock: '无库存', empty: '这次就诊还没有处方。', emptyHint: '点“开处方”，再逐个添加药品。', lines: '处方明细', allergy: '过敏提醒', allergyText: '患者对“{{allergen}}”过敏，{{drug}} 可能有关，请确认。',
      stopTitle: '安全拦截：开具前须确认', overridden: '已由医师确认的安全拦截', overrideReasonShown: '理由：{{reason}}',
      stop: {
        allergy: '过敏：患者对“{{allergen}}”过敏{{reaction}}，{{drug}} 含有或属于该成分/类别',
        duplicate_drug: '重复用药：{{drug}} 在本次就诊中已开具', duplicate_class: '同类药重复：{{drug}} 与 {{other}} 同属{{allergen}}',
        over_max_dose: '超剂量：{{drug}} 单次 {{dose}}，超过最大单次剂量 {{max}}',
      },
      overrideTitle: '存在安全拦截，确认开具？', overrideHint: '如确需开具，请填写理由。理由将被记录审计、打印在处方上，并显示给药师。',
      overrideReason: '开具理由（必填）', overrideSubmit: '填写理由并开具',
      voidTitle: '作废处方 {{rxNo}}', voidReason: '作废原因（必填）', voidSubmit: '确认作废', voidDone: '处方已作废', voided: '已作废：{{reason}}',
      searchAllergy: '过敏：{{allergens}}', maxDose: '最大单次 {{max}}{{unit}}', contraindications: '禁忌', cautions: '注意事项', allergyListUnreadable: '过敏记录有无法读取的条目，请核对病历中的过敏史。',
    },
    drugClass: {
      penicillin: '青霉素类', cephalosporin: '头孢菌素类', carbapenem: '碳青霉烯类', macrolide: '大环内酯类', tetracycline: '四环素类',
      aminoglycoside: '氨基糖苷类', sulfonamide: '磺胺类', quinolone: '喹诺酮类', nitroimidazole: '硝基咪唑类', nsaid: '非甾体抗炎药',
      opioid: '阿片类', ace_inhibitor: 'ACE 抑制剂', arb: '血管紧张素受体阻滞剂', ccb: '钙通道阻滞剂', beta_blocker: 'β 受体阻滞剂', statin: '他汀类',
      ppi: '质子泵抑制剂', h1_antihistamine: 'H1 抗组胺药', corticosteroid: '糖皮质激素', biguanide: '双胍类', sulfonylurea: '磺脲类',
      benzodiazepine: '苯二氮䓬类', beta2_agonist: 'β2 受体激动剂', iodinated_contrast: '碘造影剂',
    },
    reaction: {
      rash: '（皮疹）', urticaria: '（荨麻疹）', angioedema: '（血管性水肿）', anaphylaxis: '（过敏性休克）', bronchospasm: '（支气管痉挛）',
      gi: '（胃肠道反应）', other: '（其他反应）',
    },
    repeat: {
      title: '既往处方', none: '没有可重复的既往处方。', action: '重复此处方', confirmTitle: '重复处方 {{rxNo}}', added: '将添加到{{into}}：',
      intoDraft: '当前草稿处方', intoNew: '新的草稿处方', leftOut: '不会添加：', available: '（库存 {{count}}）', nothing: '没有可以添加的药品。',
      submit_one: '添加 {{count}} 种药品', submit_other: '添加 {{count}} 种药品', done_one: '已添加 {{count}} 种药品到草稿处方', done_other: '已添加 {{count}} 种药品到草稿处方', checking: '正在核对库存与过敏…',
    },
    orders: {
      exams: '检查检验', order: '开检查', item: '检查项目', note: '备注', noExams: '本次就诊没有检查。', cancel: '取消', result: '结果',
      enterResult: '录入结果', saveResult: '保存结果', beds: '留观/住院', admit: '收入床位', bed: '床位', free: '空床', occupied: '{{name}} 占用',
      admitted: '已收入 {{ward}} {{bed}}', discharge: '出院', noBeds: '没有可用床位。', dischargeNote: '出院小结',
    },
    history: { empty: '没有既往就诊记录。', visit: '{{date}} · {{dept}} · {{doctor}}', diagnoses: '诊断', rx: '处方', noRecord: '无病历' },
  },
  {
    queue: {
      title: 'My queue', inConsultation: 'In consultation', first: 'First visits', followUp: 'Follow-ups', callNext: 'Call next',
      callNextFirst: 'Call next first visit', callNextFollowUp: 'Call next follow-up', call: 'Call', recall: 'Call again', skip: 'Skip',
      start: 'Start', open: 'Open', called_one: 'Called {{count}} time', called_other: 'Called {{count}} times', empty: 'Nobody is waiting for you.',
      emptyHint: 'Patients appear here once the front desk has checked them in with the fee settled.', calledToast: 'Calling {{queueNo}} {{name}}',
    },
    visit: {
      none: 'Choose a patient', noneHint: 'Choose “Call next” to call a patient, then “Start” when the patient is in the room.', finish: 'End consultation', finishConfirm: 'End the consultation of {{name}}? Prescriptions and exams can no longer be changed; the patient goes to pay.',
      finished: 'Consultation of {{name}} ended', tabs: { record: 'Record', prescription: 'Prescription', orders: 'Exams & beds', history: 'History' }, allergies: 'Allergies',
      age: '{{count}} years',
    },
    record: {
      complaint: 'Chief complaint', presentIllness: 'Present illness', pastHistory: 'Past history', findings: 'Examination', plan: 'Plan', save: 'Save record',
      saved: 'Record saved', sign: 'Sign record', signConfirm: 'Sign the record? Once signed it cannot be edited, only amended with a reason.', signed: 'Record signed', signedAt: 'Signed {{time}}', diagnoses: 'Diagnoses', primary: 'Primary',
      makePrimary: 'Make primary', icd10: 'Search ICD-10 (code, Chinese or pinyin initials)', noDiagnoses: 'No diagnosis yet. Signing needs at least one.',
      readOnly: 'Read only (not your patient, or the consultation has not started).', amend: 'Amend', amendField: 'Field', amendText: 'New text',
      amendReason: 'Reason', amendments: 'Amendments', amendedBy: '{{name}} amended at {{time}}: {{reason}}', notWritten: 'No record written yet',
      template: 'Record template', templatePlaceholder: "Choose one of the department's templates", templateFilled: 'Empty fields filled from the template “{{name}}”',
      templateReplace: 'The template “{{name}}” has other text for fields you have written: {{fields}}. Replace your text with the template\'s? (Cancel keeps yours.)', templateNone: 'The department has no record templates yet',
    },
    vitals: {
      title: 'Vital signs', none: 'No vital signs taken at this visit yet.', save: 'Record vital signs', saved: 'Vital signs recorded', time: 'Time', temperature: 'Temp.', bp: 'BP',
      pulse: 'Pulse', respiration: 'Resp.', weightHeight: 'Weight/height', takenBy: 'Taken by', childNoFlags: 'Under 18: not flagged against adult ranges',
      field: { temperatureC: 'Temp. °C', systolic: 'Systolic', diastolic: 'Diastolic', pulse: 'Pulse /min', respiration: 'Resp. /min', spo2: 'SpO2 %', weightKg: 'Weight kg', heightCm: 'Height cm' },
      errors: { out_of_range: 'Not a possible reading ({{min}}–{{max}})', diastolic_not_below_systolic: 'Diastolic must be below systolic', pair_required: 'Blood pressure needs both values', empty: 'Enter at least one value', invalid: 'Enter a number' },
    },
    rx: {
      new: 'New prescription', drug: 'Drug', searchDrug: 'Search drugs (name, pinyin initials or code)', dose: 'Dose', frequency: 'Frequency',
      route: 'Route', days: 'Days', quantity: 'Quantity', add: 'Add', issue: 'Issue prescription', issued: 'Prescription issued',
      cancel: 'Cancel prescription', total: 'Total {{amount}}', stock: 'Stock {{count}}', outOfStock: 'Out of stock',
      empty: 'No prescription for this visit yet.', emptyHint: 'Choose “New prescription”, then add the drugs one by one.', lines: 'Lines',
      allergy: 'Allergy warning', allergyText: 'The patient is allergic to “{{allergen}}”; {{drug}} may be concerned — please confirm.',
      stopTitle: 'Safety stop: confirm before issuing', overridden: 'Safety stops overridden by the prescriber', overrideReasonShown: 'Reason: {{reason}}',
      stop: {
        allergy: 'Allergy: the patient is allergic to “{{allergen}}”{{reaction}}; {{drug}} contains or belongs to it',
        duplicate_drug: 'Duplicate: {{drug}} is already prescribed in this visit', duplicate_class: 'Same class: {{drug}} and {{other}} are both {{allergen}}',
        over_max_dose: 'Dose above maximum: {{drug}} {{dose}} per dose, maximum {{max}}',
      },
      overrideTitle: 'Issue despite safety stops?', overrideHint: 'If it must be issued, give the reason. It is audited, printed on the prescription and shown to the pharmacist.',
      overrideReason: 'Reason (required)', overrideSubmit: 'Issue with this reason',
      voidTitle: 'Void prescription {{rxNo}}', voidReason: 'Reason (required)', voidSubmit: 'Void', voidDone: 'Prescription voided', voided: 'Voided: {{reason}}',
      searchAllergy: 'Allergy: {{allergens}}', maxDose: 'max {{max}}{{unit}} a dose', contraindications: 'Contraindications', cautions: 'Cautions', allergyListUnreadable: 'Part of the coded allergy list cannot be read: check the allergy history.',
    },
    drugClass: {
      penicillin: 'penicillins', cephalosporin: 'cephalosporins', carbapenem: 'carbapenems', macrolide: 'macrolides', tetracycline: 'tetracyclines',
      aminoglycoside: 'aminoglycosides', sulfonamide: 'sulfonamides', quinolone: 'quinolones', nitroimidazole: 'nitroimidazoles', nsaid: 'NSAIDs',
      opioid: 'opioids', ace_inhibitor: 'ACE inhibitors', arb: 'ARBs', ccb: 'calcium channel blockers', beta_blocker: 'beta blockers', statin: 'statins',
      ppi: 'proton pump inhibitors', h1_antihistamine: 'H1 antihistamines', corticosteroid: 'corticosteroids', biguanide: 'biguanides', sulfonylurea: 'sulfonylureas',
      benzodiazepine: 'benzodiazepines', beta2_agonist: 'beta-2 agonists', iodinated_contrast: 'iodinated contrast',
    },
    reaction: {
      rash: ' (rash)', urticaria: ' (urticaria)', angioedema: ' (angioedema)', anaphylaxis: ' (anaphylaxis)', bronchospasm: ' (bronchospasm)',
      gi: ' (GI upset)', other: ' (other reaction)',
    },
    repeat: {
      title: 'Earlier prescriptions', none: 'No earlier prescriptions to repeat.', action: 'Repeat', confirmTitle: 'Repeat prescription {{rxNo}}', added: 'Will be added to {{into}}:',
      intoDraft: 'the open draft', intoNew: 'a new draft', leftOut: 'Will not be added:', available: ' (stock {{count}})', nothing: 'No drug can be added.',
      submit_one: 'Add {{count}} drug', submit_other: 'Add {{count}} drugs', done_one: 'Added {{count}} drug to the draft', done_other: 'Added {{count}} drugs to the draft', checking: 'Checking stock and allergies…',
    },
    orders: {
      exams: 'Exams', order: 'Order exam', item: 'Exam', note: 'Note', noExams: 'No exams for this visit.', cancel: 'Cancel', result: 'Result',
      enterResult: 'Enter result', saveResult: 'Save result', beds: 'Observation beds', admit: 'Admit to bed', bed: 'Bed', free: 'Free',
      occupied: 'Taken by {{name}}', admitted: 'Admitted to {{ward}} {{bed}}', discharge: 'Discharge', noBeds: 'No beds.', dischargeNote: 'Discharge note',
    },
    history: { empty: 'No earlier visits.', visit: '{{date}} · {{dept}} · {{doctor}}', diagnoses: 'Diagnoses', rx: 'Prescriptions', noRecord: 'No record' },
  },
);

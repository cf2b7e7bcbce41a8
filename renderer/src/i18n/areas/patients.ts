import { area } from '../define';

export const patients = area(
  {
    finder: {
      title: '查找患者', placeholder: '姓名、拼音首字母、电话、身份证号或病历号', empty: '没有找到“{{q}}”。',
      emptyHint: '换个写法试试（如拼音首字母、手机号后四位），或登记为新患者。', typeToSearch: '输入即可搜索，↑↓ 选择，回车打开。',
      truncated: '结果较多，只显示前 {{count}} 位，请输入更多内容。', register: '登记新患者',
      matchedBy: { record_no: '病历号', id_number: '身份证', id_doc_number: '证件号', phone: '电话', name: '姓名', pinyin_initials: '拼音首字母', pinyin_full: '拼音' },
    },
    field: {
      name: '姓名', sex: '性别', birthDate: '出生日期', idNumber: '身份证号', phone: '电话', address: '地址', insuranceType: '医保类型',
      insuranceNo: '医保卡号', allergies: '过敏史', emergencyName: '紧急联系人', emergencyPhone: '紧急联系电话', recordNo: '病历号', age: '年龄',
      idDocType: '其他证件类型', idDocNumber: '证件号码', maritalStatus: '婚姻状况', ethnicity: '民族', occupation: '职业',
    },
    idDocType: {
      passport: '护照', hk_macau_permit: '港澳居民来往内地通行证', taiwan_permit: '台湾居民来往大陆通行证', foreign_permanent_residence: '外国人永久居留身份证',
    },
    register: {
      title: '登记新患者', submit: '登记', editTitle: '修改患者信息：{{name}}', save: '保存', updated: '已保存 {{name}} 的信息', edit: '修改信息', autofilled: '已根据身份证号填写性别和出生日期', idHint: '输入 18 位身份证号可自动填写性别和出生日期',
      registered: '已登记 {{name}}，病历号 {{recordNo}}', docHint: '没有居民身份证时填写（护照、港澳台通行证、永居证）',
      duplicates: { title: '可能是同一个人', strong: '身份证号相同', likely: '姓名和出生日期或电话相同', open: '打开此患者' },
      confirm: '我已核对，这是另一位患者，仍然登记', confirmTitle: '已有相同身份证号的患者',
      reasons: { id_number: '身份证号相同', name_birth_date: '姓名和出生日期相同', name_phone: '姓名和电话相同' },
    },
    card: {
      title: '患者信息', years: '{{count}} 岁', noAllergies: '无已知过敏', merged: '此记录已合并到另一位患者', close: '关闭',
    },
    allergy: {
      edit: '编辑过敏', title: '过敏记录：{{name}}', coded: '已编码的过敏', none: '尚未记录已编码的过敏。', history: '过敏史（原文）',
      historyHint: '按患者所述记录，原文保留。', kind: '类别', allergen: '过敏原', reaction: '反应', note: '备注', add: '添加过敏原',
      remove: '移除 {{allergen}}', saved: '已保存 {{name}} 的过敏记录', unreadable: '过敏记录中有无法读取的条目，保存将以当前列表替换。',
      kinds: { class: '药物类别', ingredient: '成分', other: '其他（原文）' },
      reactions: { rash: '皮疹', urticaria: '荨麻疹', angioedema: '血管性水肿', anaphylaxis: '过敏性休克', bronchospasm: '支气管痉挛', gi: '胃肠道反应', other: '其他反应', unknown: '不详' },
      pickClass: '请选择', typeIngredient: '如 阿莫西林', typeOther: '如 花粉、海鲜',
    },
  },
  {
    finder: {
      title: 'Find a patient', placeholder: 'Name, pinyin initials, phone, ID number or record number', empty: 'No one found for “{{q}}”.',
      emptyHint: 'Try another way (pinyin initials, the last four digits of the phone), or register a new patient.',
      typeToSearch: 'Type to search; ↑↓ to choose, Enter to open.', truncated: 'Many matches; only the first {{count}} are shown — type more.',
      register: 'Register a new patient',
      matchedBy: { record_no: 'Record no.', id_number: 'ID number', id_doc_number: 'Document no.', phone: 'Phone', name: 'Name', pinyin_initials: 'Pinyin initials', pinyin_full: 'Pinyin' },
    },
    field: {
      name: 'Name', sex: 'Sex', birthDate: 'Birth date', idNumber: 'ID card number', phone: 'Phone', address: 'Address', insuranceType: 'Insurance',
      insuranceNo: 'Insurance card no.', allergies: 'Allergies', emergencyName: 'Emergency contact', emergencyPhone: 'Emergency phone',
      recordNo: 'Record no.', age: 'Age',
      idDocType: 'Other ID document', idDocNumber: 'Document number', maritalStatus: 'Marital status', ethnicity: 'Ethnicity', occupation: 'Occupation',
    },
    idDocType: {
      passport: 'Passport', hk_macau_permit: 'Hong Kong/Macau residents\' permit', taiwan_permit: 'Taiwan residents\' permit',
      foreign_permanent_residence: 'Permanent residence card',
    },
    register: {
      title: 'Register a new patient', submit: 'Register', editTitle: 'Edit patient: {{name}}', save: 'Save', updated: 'Saved {{name}}', edit: 'Edit', autofilled: 'Sex and birth date filled from the ID number',
      idHint: 'An 18-character ID number fills in sex and birth date', registered: 'Registered {{name}}, record no. {{recordNo}}', docHint: 'For people without a resident ID card',
      duplicates: { title: 'This may be the same person', strong: 'Same ID number', likely: 'Same name and birth date or phone', open: 'Open this patient' },
      confirm: 'I have checked: this is a different patient, register anyway', confirmTitle: 'A patient with this ID number exists',
      reasons: { id_number: 'same ID number', name_birth_date: 'same name and birth date', name_phone: 'same name and phone' },
    },
    card: {
      title: 'Patient', years: '{{count}} years', noAllergies: 'No known allergies', merged: 'This record was merged into another patient', close: 'Close',
    },
    allergy: {
      edit: 'Edit allergies', title: 'Allergies: {{name}}', coded: 'Coded allergies', none: 'No coded allergies recorded yet.', history: 'Allergy history (as told)',
      historyHint: 'Written as the patient tells it; kept as written.', kind: 'Kind', allergen: 'Allergen', reaction: 'Reaction', note: 'Note', add: 'Add allergen',
      remove: 'Remove {{allergen}}', saved: 'Saved the allergies of {{name}}', unreadable: 'Part of the stored list cannot be read; saving replaces it with this list.',
      kinds: { class: 'Drug class', ingredient: 'Ingredient', other: 'Other (as written)' },
      reactions: { rash: 'Rash', urticaria: 'Urticaria', angioedema: 'Angioedema', anaphylaxis: 'Anaphylaxis', bronchospasm: 'Bronchospasm', gi: 'GI upset', other: 'Other reaction', unknown: 'Not known' },
      pickClass: 'Choose…', typeIngredient: 'e.g. amoxicillin', typeOther: 'e.g. pollen, seafood',
    },
  },
);

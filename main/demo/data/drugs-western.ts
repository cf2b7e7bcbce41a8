/**
 * Common Chinese outpatient western medicines (化学药品), one per line:
 *   name | English name | spec | form | unit | dose unit | dose units per unit | price (yuan) |
 *   insurance class | usual dose, frequency, route, days | tags (what they treat, for the demo's prescribing)
 * Prices are typical retail prices of a community clinic, not any hospital's list.
 */
export const WESTERN_DRUGS = `
阿莫西林胶囊|Amoxicillin capsules|0.25g×24粒|capsule|盒|粒|24|18.5|A|2 tid po 5|resp_inf ent dental
阿莫西林克拉维酸钾片|Amoxicillin-clavulanate tablets|0.375g×12片|tablet|盒|片|12|32.8|A|1 tid po 5|resp_inf ent uro
头孢克洛胶囊|Cefaclor capsules|0.25g×12粒|capsule|盒|粒|12|36|A|1 tid po 5|resp_inf ent
头孢呋辛酯片|Cefuroxime axetil tablets|0.25g×12片|tablet|盒|片|12|42.6|A|1 bid po 5|resp_inf uro
头孢克肟分散片|Cefixime dispersible tablets|0.1g×6片|tablet|盒|片|6|28.9|B|1 bid po 5|resp_inf uro
头孢丙烯分散片|Cefprozil dispersible tablets|0.25g×6片|tablet|盒|片|6|35.5|B|2 qd po 5|resp_inf peds
阿奇霉素片|Azithromycin tablets|0.25g×6片|tablet|盒|片|6|24.5|A|2 qd po 3|resp_inf
罗红霉素胶囊|Roxithromycin capsules|150mg×12粒|capsule|盒|粒|12|15.8|A|1 bid po 5|resp_inf skin
克拉霉素片|Clarithromycin tablets|0.25g×6片|tablet|盒|片|6|22.4|A|1 bid po 7|resp_inf gi_hp
左氧氟沙星片|Levofloxacin tablets|0.5g×4片|tablet|盒|片|4|26.8|A|1 qd po 5|resp_inf uro
莫西沙星片|Moxifloxacin tablets|0.4g×3片|tablet|盒|片|3|58|B|1 qd po 5|resp_inf
甲硝唑片|Metronidazole tablets|0.2g×21片|tablet|瓶|片|21|6.5|A|2 tid po 5|dental gyn_inf
替硝唑片|Tinidazole tablets|0.5g×8片|tablet|盒|片|8|9.8|A|2 qd po 3|dental gyn_inf
呋喃妥因肠溶片|Nitrofurantoin tablets|50mg×30片|tablet|瓶|片|30|12.5|A|2 tid po 5|uro
磷霉素氨丁三醇散|Fosfomycin trometamol powder|3g×1袋|powder|盒|袋|1|38|B|1 st po 1|uro
复方磺胺甲噁唑片|Co-trimoxazole tablets|0.48g×100片|tablet|瓶|片|100|12|A|2 bid po 5|uro
注射用头孢曲松钠|Ceftriaxone for injection|1g|injection|支|g|1|9.6|A|2 qd ivgtt 3|resp_inf_severe
注射用阿莫西林钠克拉维酸钾|Amoxicillin-clavulanate for injection|1.2g|injection|支|支|1|16.8|A|1 q8h ivgtt 3|resp_inf_severe
注射用阿奇霉素|Azithromycin for injection|0.5g|injection|支|支|1|18.5|A|1 qd ivgtt 3|resp_inf_severe
0.9%氯化钠注射液|Sodium chloride 0.9% infusion|250ml|infusion|袋|ml|250|3.8|A|250 qd ivgtt 3|infusion
5%葡萄糖注射液|Glucose 5% infusion|250ml|infusion|袋|ml|250|4.2|A|250 qd ivgtt 3|infusion
布洛芬缓释胶囊|Ibuprofen SR capsules|0.3g×20粒|capsule|盒|粒|20|22|A|1 bid po 3|fever pain msk dental
布洛芬混悬液|Ibuprofen oral suspension|100ml:2g|suspension|瓶|ml|100|19.8|A|5 prn po 3|fever peds
对乙酰氨基酚片|Paracetamol tablets|0.5g×12片|tablet|盒|片|12|5.5|A|1 prn po 3|fever pain
对乙酰氨基酚混悬滴剂|Paracetamol oral drops|15ml:1.5g|suspension|瓶|ml|15|16.5|A|1 prn po 3|fever peds
双氯芬酸钠缓释片|Diclofenac SR tablets|75mg×10片|tablet|盒|片|10|16.8|A|1 qd po 7|msk pain
洛索洛芬钠片|Loxoprofen tablets|60mg×20片|tablet|盒|片|20|23.5|B|1 tid po 5|msk pain dental
塞来昔布胶囊|Celecoxib capsules|0.2g×6粒|capsule|盒|粒|6|38.6|B|1 qd po 6|msk
美洛昔康片|Meloxicam tablets|7.5mg×10片|tablet|盒|片|10|15.2|B|1 qd po 10|msk
双氯芬酸二乙胺乳胶剂|Diclofenac diethylamine emulgel|20g|gel|支|g|20|24.8|B|2 tid topical 7|msk
氨酚伪麻美芬片|Paracetamol-pseudoephedrine-dextromethorphan tablets|12片|tablet|盒|片|12|14.5|none|1 tid po 3|cold
复方氨酚烷胺胶囊|Compound paracetamol-amantadine capsules|12粒|capsule|盒|粒|12|12.8|none|1 bid po 3|cold
氯雷他定片|Loratadine tablets|10mg×6片|tablet|盒|片|6|19.8|A|1 qd po 6|allergy cold skin
西替利嗪片|Cetirizine tablets|10mg×12片|tablet|盒|片|12|25.5|A|1 qd po 7|allergy skin
地氯雷他定片|Desloratadine tablets|5mg×6片|tablet|盒|片|6|28|B|1 qd po 6|allergy skin
马来酸氯苯那敏片|Chlorphenamine tablets|4mg×100片|tablet|瓶|片|100|3.5|A|1 tid po 3|allergy cold
孟鲁司特钠片|Montelukast tablets|10mg×5片|tablet|盒|片|5|32.4|B|1 qn po 10|asthma allergy
孟鲁司特钠咀嚼片|Montelukast chewable tablets|4mg×5片|tablet|盒|片|5|29.8|B|1 qn po 10|asthma peds
右美沙芬糖浆|Dextromethorphan syrup|100ml|syrup|瓶|ml|100|12.6|A|10 tid po 5|cough
盐酸氨溴索片|Ambroxol tablets|30mg×20片|tablet|盒|片|20|9.8|A|1 tid po 5|cough resp_inf
盐酸氨溴索口服溶液|Ambroxol oral solution|100ml:0.6g|oral_liquid|瓶|ml|100|18.2|A|10 tid po 5|cough peds
乙酰半胱氨酸泡腾片|Acetylcysteine effervescent tablets|0.6g×6片|tablet|盒|片|6|26.5|B|1 qd po 6|cough
复方甲氧那明胶囊|Compound methoxyphenamine capsules|60粒|capsule|盒|粒|60|35.6|B|2 tid po 5|cough asthma
沙丁胺醇气雾剂|Salbutamol inhaler|100μg×200揿|inhaler|瓶|揿|200|24.6|A|2 prn inhal 10|asthma
布地奈德福莫特罗吸入粉雾剂|Budesonide-formoterol inhaler|160/4.5μg×60吸|inhaler|支|吸|60|228|B|2 bid inhal 15|asthma copd
噻托溴铵粉吸入剂|Tiotropium inhalation powder|18μg×10粒|inhaler|盒|粒|10|95|B|1 qd inhal 10|copd
吸入用布地奈德混悬液|Budesonide nebuliser suspension|2ml:1mg×5支|inhalation|盒|支|5|48|B|1 bid inhal 5|asthma peds
奥美拉唑肠溶胶囊|Omeprazole capsules|20mg×14粒|capsule|盒|粒|14|16.5|A|1 bid po 7|gi gi_hp
泮托拉唑钠肠溶片|Pantoprazole tablets|40mg×7片|tablet|盒|片|7|22.8|A|1 qd po 7|gi
雷贝拉唑钠肠溶片|Rabeprazole tablets|10mg×14片|tablet|盒|片|14|45.6|B|1 qd po 14|gi gi_hp
艾司奥美拉唑镁肠溶片|Esomeprazole tablets|20mg×7片|tablet|盒|片|7|48.5|B|1 qd po 7|gi
铝碳酸镁咀嚼片|Hydrotalcite chewable tablets|0.5g×20片|tablet|盒|片|20|21.5|B|2 tid po 7|gi
枸橼酸铋钾胶囊|Bismuth potassium citrate capsules|0.3g×28粒|capsule|盒|粒|28|24|A|2 bid po 14|gi_hp
多潘立酮片|Domperidone tablets|10mg×30片|tablet|盒|片|30|15.8|A|1 tid po 7|gi
莫沙必利片|Mosapride tablets|5mg×24片|tablet|盒|片|24|26.4|B|1 tid po 7|gi
蒙脱石散|Smectite powder|3g×10袋|powder|盒|袋|10|14.2|A|1 tid po 3|diarrhoea peds
口服补液盐散(III)|Oral rehydration salts III|5.125g×6袋|powder|盒|袋|6|6.8|A|1 prn po 3|diarrhoea peds
双歧杆菌三联活菌胶囊|Bifidobacterium triple viable capsules|210mg×24粒|capsule|盒|粒|24|32.5|B|2 bid po 7|diarrhoea gi
枯草杆菌二联活菌颗粒|Bacillus subtilis-Enterococcus granules|1g×10袋|granules|盒|袋|10|28.6|B|1 bid po 5|diarrhoea peds
小檗碱片|Berberine tablets|0.1g×100片|tablet|瓶|片|100|5.8|A|3 tid po 3|diarrhoea
乳果糖口服溶液|Lactulose oral solution|100ml:66.7g|oral_liquid|瓶|ml|100|36|B|15 qd po 7|constipation
聚乙二醇4000散|Macrogol 4000 powder|10g×10袋|powder|盒|袋|10|32|B|1 qd po 7|constipation
消旋山莨菪碱片|Anisodamine tablets|5mg×100片|tablet|瓶|片|100|6.2|A|2 prn po 1|gi_spasm
匹维溴铵片|Pinaverium tablets|50mg×15片|tablet|盒|片|15|39.5|B|1 tid po 5|gi_spasm
硝苯地平控释片|Nifedipine GITS tablets|30mg×7片|tablet|盒|片|7|32.5|A|1 qd po 28|htn
苯磺酸氨氯地平片|Amlodipine tablets|5mg×28片|tablet|盒|片|28|28.8|A|1 qd po 28|htn chd
非洛地平缓释片|Felodipine ER tablets|5mg×10片|tablet|盒|片|10|22|A|1 qd po 30|htn
缬沙坦胶囊|Valsartan capsules|80mg×7粒|capsule|盒|粒|7|18.6|A|1 qd po 28|htn
厄贝沙坦片|Irbesartan tablets|0.15g×7片|tablet|盒|片|7|19.5|A|1 qd po 28|htn dm
氯沙坦钾片|Losartan tablets|50mg×7片|tablet|盒|片|7|21.3|A|1 qd po 28|htn
替米沙坦片|Telmisartan tablets|40mg×14片|tablet|盒|片|14|24.6|A|1 qd po 28|htn
厄贝沙坦氢氯噻嗪片|Irbesartan-hydrochlorothiazide tablets|150mg/12.5mg×7片|tablet|盒|片|7|26.8|B|1 qd po 28|htn
依那普利片|Enalapril tablets|10mg×16片|tablet|盒|片|16|12.8|A|1 qd po 28|htn
贝那普利片|Benazepril tablets|10mg×14片|tablet|盒|片|14|25.5|A|1 qd po 28|htn
美托洛尔缓释片|Metoprolol succinate ER tablets|47.5mg×7片|tablet|盒|片|7|19.8|A|1 qd po 28|htn chd arrhythmia
酒石酸美托洛尔片|Metoprolol tartrate tablets|25mg×20片|tablet|盒|片|20|6.5|A|1 bid po 28|htn chd arrhythmia
比索洛尔片|Bisoprolol tablets|5mg×10片|tablet|盒|片|10|22.8|A|1 qd po 28|htn chd arrhythmia
氢氯噻嗪片|Hydrochlorothiazide tablets|25mg×100片|tablet|瓶|片|100|4.5|A|1 qd po 28|htn
吲达帕胺缓释片|Indapamide SR tablets|1.5mg×10片|tablet|盒|片|10|15.6|A|1 qd po 28|htn
阿司匹林肠溶片|Aspirin enteric-coated tablets|100mg×30片|tablet|盒|片|30|15.5|A|1 qd po 30|chd cvd
氯吡格雷片|Clopidogrel tablets|75mg×7片|tablet|盒|片|7|27.5|A|1 qd po 28|chd cvd
单硝酸异山梨酯缓释片|Isosorbide mononitrate SR tablets|40mg×24片|tablet|盒|片|24|26.4|A|1 qd po 24|chd
硝酸甘油片|Nitroglycerin sublingual tablets|0.5mg×100片|tablet|瓶|片|100|12.5|A|1 prn sl 30|chd
阿托伐他汀钙片|Atorvastatin tablets|20mg×7片|tablet|盒|片|7|25.6|A|1 qn po 28|lipid chd cvd
瑞舒伐他汀钙片|Rosuvastatin tablets|10mg×7片|tablet|盒|片|7|28.9|A|1 qn po 28|lipid chd
辛伐他汀片|Simvastatin tablets|20mg×10片|tablet|盒|片|10|15|A|1 qn po 30|lipid
非诺贝特胶囊|Fenofibrate capsules|0.2g×10粒|capsule|盒|粒|10|26|B|1 qd po 30|lipid
二甲双胍片|Metformin tablets|0.5g×20片|tablet|盒|片|20|8.8|A|1 tid po 28|dm
二甲双胍缓释片|Metformin ER tablets|0.5g×30片|tablet|盒|片|30|18.6|A|2 qd po 30|dm
格列美脲片|Glimepiride tablets|2mg×15片|tablet|盒|片|15|23.5|A|1 qd po 30|dm
格列齐特缓释片|Gliclazide MR tablets|30mg×30片|tablet|盒|片|30|32|A|1 qd po 30|dm
阿卡波糖片|Acarbose tablets|50mg×30片|tablet|盒|片|30|38.5|A|1 tid po 30|dm
西格列汀片|Sitagliptin tablets|100mg×7片|tablet|盒|片|7|45.8|B|1 qd po 28|dm
达格列净片|Dapagliflozin tablets|10mg×14片|tablet|盒|片|14|59.8|B|1 qd po 28|dm
门冬胰岛素30注射液|Insulin aspart 30 pen|3ml:300U|injection|支|U|300|68|B|12 bid sc 30|dm
甘精胰岛素注射液|Insulin glargine pen|3ml:300U|injection|支|U|300|95|B|14 qd sc 30|dm
左甲状腺素钠片|Levothyroxine tablets|50μg×100片|tablet|盒|片|100|29.5|A|1 qd po 60|thyroid
甲巯咪唑片|Thiamazole tablets|10mg×50片|tablet|盒|片|50|15.8|A|1 tid po 30|thyroid
别嘌醇片|Allopurinol tablets|0.1g×100片|tablet|瓶|片|100|9.5|A|1 qd po 30|gout
非布司他片|Febuxostat tablets|40mg×16片|tablet|盒|片|16|52|B|1 qd po 30|gout
秋水仙碱片|Colchicine tablets|0.5mg×20片|tablet|盒|片|20|12.6|A|1 bid po 5|gout
碳酸钙D3片|Calcium carbonate with vitamin D3 tablets|0.6g×60片|tablet|瓶|片|60|32.5|B|1 qd po 30|vit msk
维生素B族片|Vitamin B complex tablets|100片|tablet|瓶|片|100|8.5|none|1 tid po 14|vit
维生素C片|Vitamin C tablets|0.1g×100片|tablet|瓶|片|100|4.5|A|1 tid po 14|vit cold
甲钴胺片|Mecobalamin tablets|0.5mg×20片|tablet|盒|片|20|24.8|B|1 tid po 14|neuro
叶酸片|Folic acid tablets|0.4mg×31片|tablet|盒|片|31|12|A|1 qd po 30|gyn vit
琥珀酸亚铁片|Ferrous succinate tablets|0.1g×24片|tablet|盒|片|24|15.6|A|1 tid po 14|anaemia
艾司唑仑片|Estazolam tablets|1mg×20片|tablet|盒|片|20|6.8|A|1 qn po 14|sleep
右佐匹克隆片|Eszopiclone tablets|3mg×6片|tablet|盒|片|6|36|B|1 qn po 12|sleep
劳拉西泮片|Lorazepam tablets|0.5mg×20片|tablet|盒|片|20|11.6|A|1 qn po 14|sleep anxiety
舍曲林片|Sertraline tablets|50mg×14片|tablet|盒|片|14|55.6|B|1 qd po 28|anxiety
盐酸氟桂利嗪胶囊|Flunarizine capsules|5mg×20粒|capsule|盒|粒|20|14.5|A|2 qn po 10|vertigo headache
倍他司汀片|Betahistine tablets|6mg×30片|tablet|盒|片|30|18.6|A|2 tid po 7|vertigo
坦索罗辛缓释胶囊|Tamsulosin SR capsules|0.2mg×10粒|capsule|盒|粒|10|32.8|A|1 qn po 30|bph
非那雄胺片|Finasteride tablets|5mg×10片|tablet|盒|片|10|36.5|A|1 qd po 30|bph
克霉唑阴道片|Clotrimazole vaginal tablets|0.5g×1片|vaginal|盒|片|1|12.5|A|1 st pr 1|gyn_inf
硝呋太尔制霉素阴道软胶囊|Nifuratel-nystatin vaginal capsules|6粒|vaginal|盒|粒|6|42|B|1 qn pr 6|gyn_inf
甲硝唑阴道泡腾片|Metronidazole vaginal tablets|0.2g×7片|vaginal|盒|片|7|14.8|A|1 qn pr 7|gyn_inf
地屈孕酮片|Dydrogesterone tablets|10mg×20片|tablet|盒|片|20|98|B|1 bid po 10|gyn
炔雌醇环丙孕酮片|Ethinylestradiol-cyproterone tablets|21片|tablet|盒|片|21|82|B|1 qd po 21|gyn
红霉素软膏|Erythromycin ointment|1%×10g|ointment|支|g|10|4.5|A|1 bid topical 7|skin skin_inf
莫匹罗星软膏|Mupirocin ointment|2%×5g|ointment|支|g|5|16.8|B|1 tid topical 7|skin_inf
夫西地酸乳膏|Fusidic acid cream|2%×15g|cream|支|g|15|32.5|B|1 bid topical 7|skin_inf
糠酸莫米松乳膏|Mometasone furoate cream|0.1%×5g|cream|支|g|5|19.8|A|0.5 qd topical 7|skin eczema
丁酸氢化可的松乳膏|Hydrocortisone butyrate cream|0.1%×20g|cream|支|g|20|22|A|1 bid topical 10|skin eczema
卤米松乳膏|Halometasone cream|0.05%×15g|cream|支|g|15|36.5|B|1 bid topical 7|eczema
炉甘石洗剂|Calamine lotion|100ml|lotion|瓶|ml|100|6.5|A|5 tid topical 5|skin eczema
联苯苄唑乳膏|Bifonazole cream|1%×15g|cream|支|g|15|15.6|A|1 qd topical 14|fungal
特比萘芬乳膏|Terbinafine cream|1%×10g|cream|支|g|10|18.5|B|1 bid topical 14|fungal
酮康唑洗剂|Ketoconazole shampoo|2%×50ml|lotion|瓶|ml|50|28|B|5 qod topical 14|fungal
阿达帕林凝胶|Adapalene gel|0.1%×30g|gel|支|g|30|42|B|1 qn topical 30|acne
过氧苯甲酰凝胶|Benzoyl peroxide gel|5%×20g|gel|支|g|20|18|B|1 qd topical 14|acne
阿昔洛韦乳膏|Aciclovir cream|3%×10g|cream|支|g|10|8.5|A|0.5 qid topical 7|skin_viral
伐昔洛韦片|Valaciclovir tablets|0.3g×6片|tablet|盒|片|6|36|B|1 bid po 7|skin_viral
左氧氟沙星滴眼液|Levofloxacin eye drops|5ml:24.4mg|eye_drops|支|滴|100|18.5|A|1 qid eye 7|eye_inf
妥布霉素地塞米松滴眼液|Tobramycin-dexamethasone eye drops|5ml|eye_drops|支|滴|100|39.5|B|1 qid eye 7|eye_inf
玻璃酸钠滴眼液|Sodium hyaluronate eye drops|0.1%×5ml|eye_drops|支|滴|100|38.5|B|1 tid eye 14|eye_dry
氧氟沙星眼膏|Ofloxacin eye ointment|3.5g|ointment|支|次|30|12.5|A|1 bid eye 7|eye_inf
盐酸奥洛他定滴眼液|Olopatadine eye drops|0.1%×5ml|eye_drops|支|滴|100|52|B|1 bid eye 14|eye_allergy
氧氟沙星滴耳液|Ofloxacin ear drops|5ml:15mg|ear_drops|支|滴|100|12|A|3 bid ear 7|ear
糠酸莫米松鼻喷雾剂|Mometasone nasal spray|50μg×60揿|nasal_spray|支|揿|60|68|B|2 qd nasal 30|rhinitis
布地奈德鼻喷雾剂|Budesonide nasal spray|64μg×120喷|nasal_spray|支|喷|120|72|B|2 bid nasal 30|rhinitis
盐酸羟甲唑啉喷雾剂|Oxymetazoline nasal spray|10ml:5mg|nasal_spray|支|喷|100|16.8|A|2 bid nasal 5|rhinitis cold
西地碘含片|Cydiodine buccal tablets|1.5mg×15片|lozenge|盒|片|15|12.5|B|1 tid sl 5|ent
氯己定含漱液|Chlorhexidine mouthwash|0.12%×300ml|solution|瓶|ml|300|18|B|15 tid topical 7|dental
`;

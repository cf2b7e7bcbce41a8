/** Common Chinese patent medicines (中成药), in the same line format as drugs-western.ts. */
export const TCM_DRUGS = `
连花清瘟胶囊|Lianhua Qingwen capsules|0.35g×24粒|capsule|盒|粒|24|26.8|A|4 tid po 5|cold tcm_cold
板蓝根颗粒|Banlangen granules|10g×20袋|granules|盒|袋|20|15.5|A|1 tid po 5|cold tcm_cold
感冒清热颗粒|Ganmao Qingre granules|12g×10袋|granules|盒|袋|10|18.6|A|1 bid po 3|cold tcm_cold
小柴胡颗粒|Xiao Chaihu granules|10g×10袋|granules|盒|袋|10|16.8|A|1 tid po 5|cold tcm_cold
蓝芩口服液|Lanqin oral liquid|10ml×12支|oral_liquid|盒|支|12|32.5|B|1 tid po 4|ent tcm_cold
双黄连口服液|Shuanghuanglian oral liquid|10ml×10支|oral_liquid|盒|支|10|22.8|A|2 tid po 3|cold tcm_cold
抗病毒口服液|Kangbingdu oral liquid|10ml×10支|oral_liquid|盒|支|10|19.5|A|1 tid po 5|cold tcm_cold
银翘解毒片|Yinqiao Jiedu tablets|24片|tablet|盒|片|24|8.8|A|4 tid po 3|cold tcm_cold
藿香正气水|Huoxiang Zhengqi tincture|10ml×10支|oral_liquid|盒|支|10|12.5|A|1 bid po 3|diarrhoea tcm_gi
藿香正气软胶囊|Huoxiang Zhengqi soft capsules|0.45g×24粒|capsule|盒|粒|24|22|A|2 bid po 3|diarrhoea tcm_gi
小儿豉翘清热颗粒|Xiao'er Chiqiao Qingre granules|2g×6袋|granules|盒|袋|6|36.8|B|1 tid po 3|peds fever tcm_cold
小儿肺咳颗粒|Xiao'er Feike granules|2g×6袋|granules|盒|袋|6|32|B|1 tid po 5|peds cough
小儿氨酚黄那敏颗粒|Paediatric paracetamol-chlorphenamine granules|10袋|granules|盒|袋|10|12.8|none|1 tid po 3|peds cold
急支糖浆|Jizhi syrup|200ml|syrup|瓶|ml|200|18.5|A|20 tid po 5|cough tcm_cough
川贝枇杷膏|Chuanbei Pipa syrup|150ml|syrup|瓶|ml|150|28.5|none|15 tid po 5|cough tcm_cough
强力枇杷露|Qiangli Pipa syrup|150ml|syrup|瓶|ml|150|19.8|B|15 tid po 5|cough tcm_cough
苏黄止咳胶囊|Suhuang Zhike capsules|0.45g×36粒|capsule|盒|粒|36|48.6|B|3 tid po 7|cough tcm_cough
蛇胆川贝液|Shedan Chuanbei liquid|10ml×6支|oral_liquid|盒|支|6|14.5|B|1 tid po 5|cough tcm_cough
清咽滴丸|Qingyan dripping pills|20mg×50丸|pill|盒|丸|50|23.8|B|5 tid sl 5|ent
金嗓子喉片|Jinsangzi lozenges|2g×12片|lozenge|盒|片|12|9.8|none|1 qid sl 5|ent
黄氏响声丸|Huangshi Xiangsheng pills|0.133g×36丸|pill|盒|丸|36|21.5|B|8 tid po 5|ent
香砂养胃丸|Xiangsha Yangwei pills|9g×10袋|pill|盒|袋|10|16.5|A|1 bid po 7|gi tcm_gi
保和丸|Baohe pills|6g×10袋|pill|盒|袋|10|12.8|A|1 bid po 5|gi tcm_gi
气滞胃痛颗粒|Qizhi Weitong granules|5g×9袋|granules|盒|袋|9|22.6|A|1 tid po 7|gi tcm_gi
胃苏颗粒|Weisu granules|5g×9袋|granules|盒|袋|9|24.5|A|1 tid po 7|gi tcm_gi
健胃消食片|Jianwei Xiaoshi tablets|0.8g×32片|tablet|盒|片|32|13.5|none|3 tid po 5|gi peds tcm_gi
参苓白术散|Shenling Baizhu powder|6g×10袋|powder|盒|袋|10|18.8|A|1 bid po 7|diarrhoea tcm_gi
麻仁润肠丸|Maren Runchang pills|6g×10丸|pill|盒|丸|10|14.5|B|1 bid po 5|constipation
复方丹参滴丸|Compound Danshen dripping pills|27mg×180丸|pill|瓶|丸|180|32.6|A|10 tid po 20|chd tcm_heart
速效救心丸|Suxiao Jiuxin pills|40mg×60粒|pill|瓶|粒|60|28.5|A|5 prn sl 30|chd tcm_heart
麝香保心丸|Shexiang Baoxin pills|22.5mg×42丸|pill|瓶|丸|42|36.5|A|2 tid po 7|chd tcm_heart
脑心通胶囊|Naoxintong capsules|0.4g×48粒|capsule|盒|粒|48|42|B|3 tid po 16|cvd tcm_heart
银杏叶片|Ginkgo leaf tablets|19.2mg×24片|tablet|盒|片|24|26.5|B|1 tid po 8|cvd vertigo
松龄血脉康胶囊|Songling Xuemaikang capsules|0.5g×60粒|capsule|盒|粒|60|45.8|B|3 tid po 20|htn tcm_heart
天麻钩藤颗粒|Tianma Gouteng granules|5g×10袋|granules|盒|袋|10|25.6|B|1 tid po 7|htn headache vertigo
六味地黄丸|Liuwei Dihuang pills|200丸|pill|瓶|丸|200|16.8|A|8 tid po 8|tcm_general
金匮肾气丸|Jingui Shenqi pills|4g×20丸|pill|盒|丸|20|24.5|A|1 bid po 10|tcm_general
补中益气丸|Buzhong Yiqi pills|6g×10袋|pill|盒|袋|10|16.6|A|1 bid po 5|tcm_general
归脾丸|Guipi pills|200丸|pill|瓶|丸|200|18.5|A|8 tid po 8|sleep tcm_general
逍遥丸|Xiaoyao pills|200丸|pill|瓶|丸|200|14.8|A|8 tid po 8|gyn anxiety tcm_gyn
加味逍遥丸|Jiawei Xiaoyao pills|6g×10袋|pill|盒|袋|10|19.8|A|1 bid po 5|gyn tcm_gyn
乌鸡白凤丸|Wuji Baifeng pills|9g×10丸|pill|盒|丸|10|22.5|A|1 bid po 5|gyn tcm_gyn
益母草颗粒|Yimucao granules|15g×10袋|granules|盒|袋|10|14.6|A|1 bid po 5|gyn tcm_gyn
妇科千金片|Fuke Qianjin tablets|72片|tablet|盒|片|72|32.8|A|6 bid po 6|gyn_inf tcm_gyn
桂枝茯苓胶囊|Guizhi Fuling capsules|0.31g×60粒|capsule|盒|粒|60|42.5|A|3 tid po 7|gyn tcm_gyn
枣仁安神颗粒|Zaoren Anshen granules|5g×10袋|granules|盒|袋|10|23.6|B|1 qn po 10|sleep
百乐眠胶囊|Bailemian capsules|0.27g×24粒|capsule|盒|粒|24|38.5|B|4 bid po 3|sleep
颈复康颗粒|Jingfukang granules|5g×10袋|granules|盒|袋|10|28.8|A|1 bid po 5|msk
腰痛宁胶囊|Yaotongning capsules|0.3g×30粒|capsule|盒|粒|30|36.5|B|4 qn po 7|msk
云南白药气雾剂|Yunnan Baiyao aerosol|85g+60g|spray|盒|喷|200|42|A|3 tid topical 7|msk
麝香壮骨膏|Shexiang Zhuanggu plasters|7cm×10cm×10贴|patch|盒|贴|10|12.5|B|1 qd topical 7|msk
复方土槿皮酊|Compound Tujingpi tincture|15ml|solution|瓶|ml|15|13.8|B|1 bid topical 10|fungal
湿润烧伤膏|MEBO burn ointment|40g|ointment|支|g|40|32.6|A|2 bid topical 7|skin
京万红软膏|Jingwanhong ointment|20g|ointment|支|g|20|22.5|A|1 bid topical 7|skin
马应龙麝香痔疮膏|Mayinglong haemorrhoid ointment|10g|ointment|支|g|10|18.5|A|1 bid topical 7|haemorrhoid
三金片|Sanjin tablets|0.29g×72片|tablet|盒|片|72|25.8|A|3 tid po 7|uro
癃闭舒胶囊|Longbishu capsules|0.3g×30粒|capsule|盒|粒|30|38.5|B|3 bid po 10|bph
鼻炎康片|Biyankang tablets|0.37g×72片|tablet|盒|片|72|19.8|A|4 tid po 6|rhinitis
辛芩颗粒|Xinqin granules|20g×9袋|granules|盒|袋|9|36.8|B|1 tid po 7|rhinitis
口炎清颗粒|Kouyanqing granules|10g×10袋|granules|盒|袋|10|22|A|2 bid po 5|dental
牛黄解毒片|Niuhuang Jiedu tablets|20片|tablet|盒|片|20|6.5|A|3 bid po 3|dental ent
`;

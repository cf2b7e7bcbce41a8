import { area } from '../define';

export const display = area(
  {
    title: '候诊信息', calling: '请 {{queueNo}} 号 {{name}} 到 {{room}} 就诊', callingNoRoom: '请 {{queueNo}} 号 {{name}} 就诊', now: '正在呼叫',
    spoken: '请 {{queueNo}} 号 到 {{room}} 就诊', spokenNoRoom: '请 {{queueNo}} 号 就诊',
    inRoom: '就诊中', next: '请准备', waiting: '候诊 {{count}} 人', empty: '今天暂无出诊医生。', exit: '退出大屏', open: '打开候诊大屏',
    page: '第 {{page}}/{{pages}} 页', close: '关闭大屏',
  },
  {
    title: 'Waiting room', calling: 'No. {{queueNo}} {{name}}, please go to {{room}}', callingNoRoom: 'No. {{queueNo}} {{name}}, please come in', now: 'Now calling',
    spoken: 'Number {{queueNo}}, please go to {{room}}', spokenNoRoom: 'Number {{queueNo}}, please come in',
    inRoom: 'In consultation', next: 'Next', waiting: '{{count}} waiting', empty: 'No doctor is seeing patients today.', exit: 'Leave the display',
    open: 'Open the waiting-room display',
    page: 'Page {{page}} of {{pages}}', close: 'Close the display',
  },
);

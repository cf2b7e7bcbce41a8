import { area } from '../define';

/** Printing and saving documents (the PDFs themselves are written in the station). */
export const print = area(
  {
    action: {
      prescription: '打印处方', receipt: '打印收据', refundSlip: '打印退款单', medicalRecord: '打印病历',
      dayReport: '打印日结报表', patientLabel: '打印患者标签', drugLabels: '打印药品标签',
    },
    saveAsPdf: '存为 PDF',
    saveAsPdfOf: '{{document}}：存为 PDF',
    copy: '副本',
    copyHint: '此前已打印过，本次为副本',
    downloaded: '已下载 {{filename}}',
    downloadedCopy: '已下载 {{filename}}（副本）',
    printed: '已发送到打印机',
    printedCopy: '已发送到打印机（副本）',
    failed: '打印机未能打印（{{message}}），已改为下载 PDF',
    paper: { label: '收据纸张', A5: 'A5', roll80: '80 mm 卷纸' },
    preview: '预览',
    previewOf: '{{document}}：预览',
    previewTitle: '打印预览（不计为打印）',
    previewWillBeCopy: '此前已打印过：打印出来将是副本',
  },
  {
    action: {
      prescription: 'Print prescription', receipt: 'Print receipt', refundSlip: 'Print refund slip', medicalRecord: 'Print record',
      dayReport: 'Print day report', patientLabel: 'Print patient label', drugLabels: 'Print drug labels',
    },
    saveAsPdf: 'Save as PDF',
    saveAsPdfOf: '{{document}}: save as PDF',
    copy: 'Copy',
    copyHint: 'Printed before: this one is a copy',
    downloaded: 'Downloaded {{filename}}',
    downloadedCopy: 'Downloaded {{filename}} (copy)',
    printed: 'Sent to the printer',
    printedCopy: 'Sent to the printer (copy)',
    failed: 'The printer did not print ({{message}}); the PDF was downloaded instead',
    paper: { label: 'Receipt paper', A5: 'A5', roll80: '80 mm roll' },
    preview: 'Preview',
    previewOf: '{{document}}: preview',
    previewTitle: 'Print preview (not counted as a print)',
    previewWillBeCopy: 'Printed before: the print will be a copy',
  },
);

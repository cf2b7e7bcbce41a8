/** The registration form's state and how it becomes the procedure's input. */
import { parseResidentId, type ID_DOC_TYPES, type Input, type InsuranceType, type Output, type Sex } from '../../../../main/api/contract';

export type IdDocType = (typeof ID_DOC_TYPES)[number];

export interface RegisterDraft {
  name: string;
  idNumber: string;
  sex: Sex | '';
  birthDate: string;
  phone: string;
  insuranceType: InsuranceType;
  insuranceNo: string;
  address: string;
  allergies: string;
  emergencyName: string;
  emergencyPhone: string;
  /** Another identity document (issue 16): '' none. */
  idDocType: IdDocType | '';
  idDocNumber: string;
  /** Data-dictionary codes; '' not told. */
  maritalStatus: string;
  ethnicity: string;
  occupation: string;
}

export function emptyDraft(name = ''): RegisterDraft {
  return {
    name, idNumber: '', sex: '', birthDate: '', phone: '', insuranceType: 'self_pay', insuranceNo: '', address: '',
    allergies: '', emergencyName: '', emergencyPhone: '', idDocType: '', idDocNumber: '', maritalStatus: '', ethnicity: '', occupation: '',
  };
}

/** Sex and birth date read from a complete, valid ID number; null while it is not one. */
export function fromIdNumber(idNumber: string, today: string): { sex: Sex; birthDate: string } | null {
  if (idNumber.trim().length !== 18) return null;
  try {
    const id = parseResidentId(idNumber, today);
    return { sex: id.sex, birthDate: id.birthDate };
  } catch {
    return null;
  }
}

export function toInput(d: RegisterDraft, acknowledged: string[]): Input<'patients.register'> {
  return {
    name: d.name,
    idNumber: d.idNumber,
    ...(d.sex ? { sex: d.sex } : {}),
    birthDate: d.birthDate || null,
    phone: d.phone,
    insuranceType: d.insuranceType,
    insuranceNo: d.insuranceNo,
    address: d.address,
    allergies: d.allergies,
    emergencyName: d.emergencyName,
    emergencyPhone: d.emergencyPhone,
    idDocType: d.idDocType || null,
    idDocNumber: d.idDocNumber,
    maritalStatus: d.maritalStatus || null,
    ethnicity: d.ethnicity || null,
    occupation: d.occupation || null,
    confirmDuplicate: acknowledged.length > 0,
    acknowledgedDuplicateIds: acknowledged,
  };
}

/** The form filled with a patient's card, for editing. */
export function draftOf(p: Output<'patients.get'>): RegisterDraft {
  return {
    name: p.name, idNumber: p.idNumber ?? '', sex: p.sex, birthDate: p.birthDate ?? '', phone: p.phone ?? '', insuranceType: p.insuranceType,
    insuranceNo: p.insuranceNo ?? '', address: p.address ?? '', allergies: p.allergies ?? '', emergencyName: p.emergencyName ?? '',
    emergencyPhone: p.emergencyPhone ?? '', idDocType: p.idDocType ?? '', idDocNumber: p.idDocNumber ?? '', maritalStatus: p.maritalStatus ?? '',
    ethnicity: p.ethnicity ?? '', occupation: p.occupation ?? '',
  };
}

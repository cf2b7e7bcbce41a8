/** `npm run build:patient`: the patient app into out/patient (the hub's default --patient-static). */
import { resolve } from 'node:path';
import { build } from 'vite';
import { PATIENT_APP_ROOT, patientAppConfig } from './build.config';

await build(patientAppConfig(resolve(PATIENT_APP_ROOT, '../out/patient')));

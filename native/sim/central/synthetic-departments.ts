// The simulated hospital's departments, as the central-service simulator serves them to kiosks: the
// ids of the demo profile's own list (so a ticket's prefix and the check-in's departmentId are the same
// whichever list the kiosk shows), Chinese names too, rooms, waits for some, and one department closed
// for the day, so the screen shows every case. Made up; no real hospital.

import type { CentralDepartment } from '../../central/department-list.ts';

const DEPARTMENTS: CentralDepartment[] = [
  { id: 'kham-noi', name: { vi: 'Khám Nội', en: 'Internal medicine', zh: '内科' }, room: 'Phòng 101', available: true, waitMinutes: 25 },
  { id: 'kham-ngoai', name: { vi: 'Khám Ngoại', en: 'Surgery', zh: '外科' }, room: 'Phòng 105', available: true, waitMinutes: 40 },
  { id: 'san-phu-khoa', name: { vi: 'Sản phụ khoa', en: 'Obstetrics and gynaecology', zh: '妇产科' }, room: 'Phòng 201', available: true, waitMinutes: 15 },
  { id: 'nhi', name: { vi: 'Nhi khoa', en: 'Paediatrics', zh: '儿科' }, room: 'Phòng 110', available: true, waitMinutes: 10 },
  { id: 'tai-mui-hong', name: { vi: 'Tai Mũi Họng', en: 'Ear, nose and throat', zh: '耳鼻喉科' }, room: 'Phòng 203', available: true },
  { id: 'rang-ham-mat', name: { vi: 'Răng Hàm Mặt', en: 'Dentistry', zh: '口腔科' }, room: 'Phòng 205', available: false },
  { id: 'mat', name: { vi: 'Mắt', en: 'Ophthalmology', zh: '眼科' }, room: 'Phòng 207', available: true, waitMinutes: 5 },
  { id: 'xet-nghiem', name: { vi: 'Xét nghiệm', en: 'Laboratory tests', zh: '化验' }, room: 'Tầng 1', ticketPrefix: 'XN', available: true },
];

export const SYNTHETIC_DEPARTMENTS: readonly CentralDepartment[] = Object.freeze(DEPARTMENTS.map((d) => Object.freeze(d)));

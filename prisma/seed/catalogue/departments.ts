/**
 * Handling units of 示范市 (Demo City), suqiu's built-in demo jurisdiction. Demo data: a real
 * deployment replaces it with the city's own units and 派单目录.
 */
import type { SeedDepartment } from './types.js';

const city = (code: string, name: string, nameEn: string): SeedDepartment => ({ code: `CITY-${code}`, name, nameEn, level: 'CITY' });

export const DEMO_DEPARTMENTS: readonly SeedDepartment[] = [
  city('HOTLINE', '12345政务服务便民热线中心', '12345 Hotline Centre'),
  city('HOUSING', '市住房和城乡建设局', 'Housing and Urban-Rural Development Bureau'),
  city('URBAN-MGMT', '市城市管理和综合执法局', 'Urban Management and Law Enforcement Bureau'),
  city('PLANNING', '市自然资源和规划局', 'Natural Resources and Planning Bureau'),
  city('LANDSCAPE', '市园林绿化局', 'Landscaping Bureau'),
  city('ECOLOGY', '市生态环境局', 'Ecology and Environment Bureau'),
  city('WATER', '市水务集团', 'Water Supply Group'),
  city('POWER', '市供电公司', 'Power Supply Company'),
  city('GAS', '市燃气集团', 'Gas Group'),
  city('HEATING', '市热力公司', 'Heating Company'),
  city('TELECOM', '市通信管理办公室', 'Telecommunications Administration Office'),
  city('POSTAL', '市邮政管理局', 'Postal Administration'),
  city('TRANSPORT', '市交通运输局', 'Transport Bureau'),
  city('TRAFFIC-POLICE', '市公安局交通警察支队', 'Traffic Police Detachment'),
  city('EDUCATION', '市教育局', 'Education Bureau'),
  city('CULTURE', '市文化广电旅游体育局', 'Culture, Tourism and Sports Bureau'),
  city('HR-SOCIAL', '市人力资源和社会保障局', 'Human Resources and Social Security Bureau'),
  city('MEDICAL-INSURANCE', '市医疗保障局', 'Healthcare Security Bureau'),
  city('HEALTH', '市卫生健康委员会', 'Health Commission'),
  city('MARKET', '市市场监督管理局', 'Market Regulation Administration'),
  city('COMMERCE', '市商务局', 'Commerce Bureau'),
  city('PUBLIC-SECURITY', '市公安局', 'Public Security Bureau'),
  city('FIRE', '市消防救援支队', 'Fire and Rescue Detachment'),
  city('EMERGENCY', '市应急管理局', 'Emergency Management Bureau'),
  city('CIVIL-AFFAIRS', '市民政局', 'Civil Affairs Bureau'),
  city('DISABLED', '市残疾人联合会', "Disabled Persons' Federation"),
  city('AGRICULTURE', '市农业农村局', 'Agriculture and Rural Affairs Bureau'),
  city('GOV-SERVICE', '市政务服务数据管理局', 'Government Services and Data Bureau'),
  city('DEVELOPMENT', '市发展和改革委员会', 'Development and Reform Commission'),
  city('INDUSTRY', '市工业和信息化局', 'Industry and Information Technology Bureau'),
  city('TAX', '国家税务总局示范市税务局', 'Municipal Taxation Bureau'),
  city('FINANCE', '市地方金融管理局', 'Local Financial Administration'),
  city('HOUSING-FUND', '市住房公积金管理中心', 'Housing Provident Fund Centre'),
  city('VETERANS', '市退役军人事务局', 'Veterans Affairs Bureau'),
  { code: 'D01', name: '示范市东城区人民政府', nameEn: 'Dongcheng District Government', level: 'DISTRICT' },
  { code: 'D02', name: '示范市西城区人民政府', nameEn: 'Xicheng District Government', level: 'DISTRICT' },
  { code: 'D03', name: '示范市高新区管委会', nameEn: 'High-Tech Zone Administrative Committee', level: 'DISTRICT' },
  { code: 'D01-S01', name: '东城区和平街道办事处', nameEn: 'Heping Subdistrict Office', level: 'STREET', parent: 'D01' },
  { code: 'D01-S02', name: '东城区幸福街道办事处', nameEn: 'Xingfu Subdistrict Office', level: 'STREET', parent: 'D01' },
  { code: 'D02-S01', name: '西城区新华街道办事处', nameEn: 'Xinhua Subdistrict Office', level: 'STREET', parent: 'D02' },
  { code: 'D02-S02', name: '西城区建设街道办事处', nameEn: 'Jianshe Subdistrict Office', level: 'STREET', parent: 'D02' },
  { code: 'D03-S01', name: '高新区创新街道办事处', nameEn: 'Chuangxin Subdistrict Office', level: 'STREET', parent: 'D03' },
  { code: 'D03-S02', name: '高新区科技园街道办事处', nameEn: 'Science Park Subdistrict Office', level: 'STREET', parent: 'D03' },
];

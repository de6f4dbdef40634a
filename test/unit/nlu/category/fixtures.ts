/** Small synthetic messages for the category tests: three clear topics, a few phrasings each. */
export const MESSAGES = [
  { text: '小区门口路灯坏了好几天，晚上很黑', label: 'URBAN.LIGHT' },
  { text: '路灯不亮，请尽快维修', label: 'URBAN.LIGHT' },
  { text: '我们这条路的路灯晚上不亮', label: 'URBAN.LIGHT' },
  { text: '路灯损坏无人维修，夜里出行不便', label: 'URBAN.LIGHT' },
  { text: '街道路灯一直闪烁，希望修理', label: 'URBAN.LIGHT' },
  { text: '楼下饭店油烟很大，熏得没法开窗', label: 'ENV.FUMES' },
  { text: '餐馆排油烟扰民，味道刺鼻', label: 'ENV.FUMES' },
  { text: '烧烤店的油烟直接排到居民楼', label: 'ENV.FUMES' },
  { text: '饭馆油烟机对着窗户排放', label: 'ENV.FUMES' },
  { text: '小吃店油烟污染严重，请环保部门处理', label: 'ENV.FUMES' },
  { text: '公司拖欠工资三个月不发', label: 'LABOR.WAGES' },
  { text: '老板欠薪跑路了，工资一直没发', label: 'LABOR.WAGES' },
  { text: '工地拖欠农民工工资', label: 'LABOR.WAGES' },
  { text: '单位克扣工资，拖欠两个月', label: 'LABOR.WAGES' },
  { text: '厂里欠我们加班工资不给', label: 'LABOR.WAGES' },
];

export const PARENTS = { 'URBAN.LIGHT': 'URBAN', 'ENV.FUMES': 'ENV', 'LABOR.WAGES': 'LABOR' };

/** Small and fast: three folds, no jieba bigrams, a short vocabulary. */
export const FAST_OPTIONS = { folds: 3, terms: { charMaxN: 2 }, vectorizer: { minDf: 1 } };

/** 其他 (OTHER): demo catalogue data; a jurisdiction replaces it with its own 派单目录. */
import type { SeedCategory } from '../types.js';

export const other: SeedCategory = {
  code: 'OTHER',
  name: '其他',
  nameEn: 'Other',
  description: '无法归入其他任何类别、由热线中心直接答复或协调办理的零散诉求。',
  keywords: ['不知道归谁管', '该找哪个部门', '帮忙转达', '查电话', '放假安排', '调休', '捡到东西', '市花', '吉祥物', '表达感谢'],
  departments: ['CITY-HOTLINE'],
  examples: [
    '今年国庆节是怎么调休的？单位通知说周六要补班，我想核实一下。',
    '在公园长椅上捡到一个钱包，里面有身份证和几百块钱，不知道交到哪里比较好。',
    '想查一下市档案馆的开放时间和联系电话，网上搜到好几个号码都打不通。',
    '孩子写作文需要，请问咱们示范市的市花和市树分别是什么？',
    '有个想法：每年评一次“最美热心市民”，让帮助过别人的普通人也被大家看到。',
    '前几天下暴雨时一位穿黄色雨衣的大哥帮我推车，没留名字，想通过你们向他表示感谢。',
  ],
};

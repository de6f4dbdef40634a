/**
 * Synthetic citizen reports for the similar-ticket tests. The background gives the index realistic
 * document frequencies (common words such as 晚上, 希望, 问题 appear in many reports), as the last
 * 30 days of a hotline would; the scenarios are added on top.
 */
import type { Report } from '../../../../nlu/similar/index.js';

/** Beijing time, as an agent reads it. */
export const at = (local: string): Date => new Date(`${local}+08:00`);

let next = 0;
export function report(text: string, local: string, extra: Partial<Report> = {}): Report {
  next += 1;
  return { id: `r${next}`, text, at: at(local), ...extra };
}

const BACKGROUND_TEXTS = [
  '楼下饭店油烟很大，熏得没法开窗，希望环保部门管一管',
  '公司拖欠工资三个月不发，老板电话也不接',
  '咨询孩子入学需要准备哪些材料，户口不在本区可以吗',
  '小区物业乱收停车费，每个月涨价，业主意见很大',
  '工地晚上十一点还在施工，噪音太大影响休息',
  '公交车司机态度恶劣，乘客问路不理睬',
  '医院挂号排队时间太长，希望增加窗口',
  '社保卡丢失了怎么补办，需要带什么证件',
  '小区电梯经常坏，困人好几次，物业不维修',
  '马路上有个大坑，电动车摔倒了好几辆',
  '菜市场卫生差，污水横流，苍蝇很多',
  '出租车拒载，还绕路多收钱',
  '楼上住户装修从早到晚电钻声，周末也不停',
  '请问公积金提取需要什么手续，多久能到账',
  '学校周边有人摆摊卖三无食品，学生吃了拉肚子',
  '停水两天了也没有通知，什么时候恢复供水',
  '网购商品质量问题商家不给退货',
  '村里的垃圾没人清运，堆了一个多月，臭气熏天',
  '养老金今年调整了吗，退休人员待遇怎么算',
  '广场舞音响声音太大，晚上九点以后还在跳',
  '驾校收了学费迟迟不安排考试，要求退费也不给',
  '燃气公司上门安检收费，是否合理',
  '小区绿化带被业主私自种菜，物业不管',
  '农民工讨薪无门，包工头跑路了',
  '幼儿园收费太高，公办幼儿园学位太少',
  '共享单车乱停乱放，堵住了人行道',
  '希望在我们小区附近增设一个公交站',
  '违章建筑占用消防通道，存在安全隐患',
  '药店卖过期药品，请市场监管部门查处',
  '房东不退押金，租房合同到期了还扣钱',
];

export function background(): Report[] {
  return BACKGROUND_TEXTS.map((text, i) => ({ id: `bg${i}`, text, at: at(`2026-10-${String(10 + (i % 20)).padStart(2, '0')}T10:00:00`) }));
}

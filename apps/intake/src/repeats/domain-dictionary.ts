// Both dictionaries are in jieba's "word freq tag" format, and TS string constants because tsc
// does not copy .txt assets into dist.

/**
 * Petition vocabulary. Without it jieba cuts 保交楼 into 保/交/楼 and 人社局 into 人/社局, which
 * matches unrelated petitions on 楼 or 社局. The frequencies only need to beat the default split.
 * None of these words is ever part of a name.
 */
export const PETITION_VOCABULARY = `拖欠工资 20000 v
欠薪 20000 v
讨薪 20000 v
农民工 20000 n
包工头 20000 n
班组长 20000 n
劳务分包 20000 n
总包 20000 n
项目部 20000 n
保交楼 20000 n
预售资金 20000 n
监管账户 20000 n
烂尾楼 20000 n
不交房 20000 v
逾期交房 20000 v
延期交房 20000 v
办证 20000 v
不动产权证 20000 n
土地出让金 20000 n
物业费 20000 n
维修基金 20000 n
维修资金 20000 n
业委会 20000 n
业主委员会 20000 n
征地拆迁 20000 n
征地补偿 20000 n
拆迁补偿 20000 n
青苗费 20000 n
附着物 20000 n
过渡费 20000 n
安置房 20000 n
产权调换 20000 n
宅基地 20000 n
承包地 20000 n
土地流转 20000 n
流转费 20000 n
高标准农田 20000 n
危房改造 20000 n
集体经济组织 20000 n
村务公开 20000 n
低保 20000 n
临时救助 20000 n
护理补贴 20000 n
地力补贴 20000 n
工伤认定 20000 n
劳动关系 20000 n
劳动仲裁 20000 n
买断工龄 20000 v
养老保险 20000 n
失业保险金 20000 n
人社局 20000 nt
住建局 20000 nt
违建 20000 n
违章建筑 20000 n
违规搭建 20000 v
私搭乱建 20000 v
彩钢房 20000 n
占道经营 20000 v
夜间施工 20000 v
偷排 20000 v
养猪场 20000 n
养殖场 20000 n
非法集资 20000 n
兑付 20000 v
执行难 20000 n
终结本次执行 20000 v
预付卡 20000 n
学区房 20000 n
公租房 20000 n
充电桩 20000 n
临停费 20000 n
慢特病 20000 n
优待证 20000 n
来访人 20000 n
来电人 20000 n
来信人 20000 n
信访人 20000 n
转办件 20000 n
交办件 20000 n
工作人员 20000 n
`;

/**
 * Endings of estate and company names, so that they come out as words of their own: 锦绣/华庭
 * rather than 锦绣/华/庭, which lets the name before them be read off token by token.
 */
export const NAME_SUFFIXES = `有限公司 50000 n
有限责任公司 50000 n
专业合作社 50000 n
合做社 50000 n
小区 50000 n
华庭 5000 n
名苑 5000 n
名门 5000 n
家园 5000 n
公馆 5000 n
天城 5000 n
花园 5000 n
`;

/**
 * Words petitioners use interchangeably for one thing, mapped to one term so that a reworded
 * repeat ("欠薪" after "拖欠工资") still shares it.
 */
export const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['欠薪', '拖欠工资'],
  ['讨薪', '拖欠工资'],
  ['工钱', '工资'],
  ['违建', '违章建筑'],
  ['违法建筑', '违章建筑'],
  ['违规搭建', '违章建筑'],
  ['私搭乱建', '违章建筑'],
  ['烂尾', '烂尾楼'],
  ['逾期交房', '不交房'],
  ['延期交房', '不交房'],
  ['不动产权证', '办证'],
  ['产权证', '办证'],
  ['房产证', '办证'],
  ['维修资金', '维修基金'],
  ['业主委员会', '业委会'],
]);

/** Function words, and the phrases every petition or staff record uses whatever it is about. */
export const STOP_WORDS = new Set(
  (
    '我们 你们 他们 她们 它们 自己 这个 那个 这些 那些 这样 那样 这里 那里 就是 什么 怎么 ' +
    '为什么 没有 但是 因为 所以 如果 而且 或者 还是 以及 已经 一直 现在 目前 可以 能够 ' +
    '一个 一些 一下 一次 几次 多次 任何 有没有 是不是 到底 时候 之后 以后 以前 当时 ' +
    '今年 去年 前年 明年 月份 万元 块钱 进行 表示 认为 知道 晓得 希望 要求 请求 恳请 ' +
    '反映 反应 再次 第二次 第三次 问题 情况 事情 有关 相关 部门 有关部门 领导 尊敬 您好 ' +
    '你好 谢谢 感谢 政府 人民政府 诉求 处理 解决 答复 回复 来访 来访人 来电 来电人 来信 ' +
    '来信人 信访 信访人 网上 转办 转办件 交办件 工作人员 登记 告知 联系 打电话 电话 称其 ' +
    '本人 其中 另外 同时 然后 结果 只能 不能 不是 还有 一样 这件 那件 此事'
  ).split(' '),
);

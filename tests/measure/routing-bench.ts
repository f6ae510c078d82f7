/**
 * How many petitions one core classifies and routes per second, in-process (no HTTP, no database):
 * the classifier alone, the routing rules alone on facts already read, and both with the reading
 * of the text, as the routing handler runs them for each petition.
 *
 *   npm run bench:routing [-- --seconds 5 --file petitions.jsonl --output docs/benchmarks.md]
 *
 * Node runs this on one thread, hence one core. Appends the figures to docs/benchmarks.md.
 */
import { appendFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  PetitionRouter,
  type PetitionToRoute,
} from '../../apps/routing/src/assignments/petition-router.js';
import {
  decideRoute,
  placeOf,
  RoutingDirectory,
} from '../../apps/routing/src/assignments/routing-policy.js';
import { ClassifierModel } from '../../apps/routing/src/classification/classifier-model.js';
import { PetitionClassifier } from '../../apps/routing/src/classification/classifier.js';
import { MatterReader } from '../../apps/routing/src/classification/matter-reader.js';
import { normalisePetitionText } from '../../apps/routing/src/classification/petition-text.js';
import { readJsonLines } from '../support/fixtures.js';
import { demoDirectory } from '../../apps/routing/src/units/demo-directory.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    // A fixture file of the shared format instead of the built-in petitions.
    file: { type: 'string' },
    output: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const seconds = Number(values.seconds);

/** Petitions of several kinds and lengths, invented for the benchmark. */
const BUILT_IN: Omit<PetitionToRoute, 'nature' | 'category'>[] = [
  {
    title: '反映工地拖欠农民工工资问题',
    content:
      '我在射洪市太和街道一个住宅项目工地做钢筋工，从去年三月干到十一月，包工头只付了生活费，尚欠工资三万八千多元，有欠条。工地停工后包工头电话打不通，项目部说劳务费已拨给劳务公司，劳务公司说在对账。家里老人住院，年前拿不到钱过不了年，请政府督促尽快支付欠薪。',
    divisionCode: '510981001',
  },
  {
    title: '小区逾期一年多不交房，何时复工？',
    content:
      '我是小区7栋的购房业主，合同约定去年年底前交房，现在已经超期一年多，工地从去年五月起基本没人干活，塔吊拆了一台。我们每个月还房贷还在外面租房。想请问有没有纳入保交楼，预售资金监管账户的钱到哪里去了，什么时候能复工？',
    divisionCode: '510903012',
  },
  {
    title: '举报村党支部书记侵占集体收入、优亲厚友',
    content:
      '举报村支部书记以下问题：村里把八十多亩地流转给外地老板，流转费实际每亩五百元，给村民看的合同写四百元，差价去向不明；他的亲戚都吃着低保，真正困难的五保户老人反而没评上；村里修的产业路是他女婿的工程队修的，没有招标。希望纪委派人调查。',
    divisionCode: '510923104',
  },
  {
    title: '法院判了执行不了',
    content:
      '我借给朋友二十万元，到期不还，起诉到法院，法院判决还本付息。判决生效后我申请强制执行，法院裁定终结本次执行程序，说被执行人名下没有财产，可是他天天开着豪车在城里跑。执行法官电话打不通，请督促法院执行。',
    divisionCode: '510903',
  },
  {
    title: '楼下烧烤店噪音扰民',
    content:
      '小区楼下的烧烤店每天营业到凌晨三点，鼓风机和客人划拳的噪音很大，油烟直接排到楼上，老人小孩都睡不着，多次协商无果，请环保部门查处。',
    divisionCode: '510904',
  },
  {
    title: '建议在城区增设公共自行车停放点',
    content:
      '建议在公交站和菜市场附近增设公共自行车停放点，方便市民短途出行，也能减少电瓶车乱停乱放。',
    divisionCode: '510921',
  },
  {
    title: '我要反映情况',
    content: '就是那个事情，说了好几次了，到现在还是那个样子，你们到底管不管。',
    divisionCode: '510903',
  },
  {
    title: '举报区住建局对违章建筑不作为',
    content:
      '我们小区楼顶有人私搭乱建彩钢房，违章建筑搭建了半年，多次向区住建局反映，住建局一直不作为、不处理，请上级部门查处。',
    divisionCode: '510903',
  },
];

const PETITIONS: PetitionToRoute[] = (
  values.file ? readJsonLines<Omit<PetitionToRoute, 'nature' | 'category'>>(values.file) : BUILT_IN
).map(({ title, content, divisionCode }) => ({
  title,
  content,
  divisionCode,
  nature: null,
  category: null,
}));
const lengths = PETITIONS.map((p) => p.title.length + p.content.length);

const units = demoDirectory();

/** Calls `work` round the petitions for about `seconds`; returns calls per second. */
function measure(work: (petition: PetitionToRoute) => void): number {
  const until = performance.now() + seconds * 1000;
  let calls = 0;
  const started = performance.now();
  while (performance.now() < until) {
    for (const petition of PETITIONS) work(petition);
    calls += PETITIONS.length;
  }
  return calls / ((performance.now() - started) / 1000);
}

const loadStart = performance.now();
const model = ClassifierModel.load();
const loadMs = performance.now() - loadStart;
const classifier = new PetitionClassifier(model);
const router = new PetitionRouter(model);
const facts = PETITIONS.map((p) => router.route(p, units).facts);
const directory = new RoutingDirectory(units);
const reader = new MatterReader();
const read = PETITIONS.map((p) => {
  const title = normalisePetitionText(p.title);
  const content = normalisePetitionText(p.content);
  return {
    title,
    content,
    reading: reader.read(title, content, directory.placeNames(placeOf(p.divisionCode))),
  };
});

// Warm up the JIT before measuring.
for (let i = 0; i < 200; i++) for (const p of PETITIONS) router.route(p, units);

let nextRead = 0;
const classifications = measure(() => {
  const r = read[nextRead++ % read.length];
  if (r) classifier.classify(r.title, r.content, r.reading, null);
});
let next = 0;
const decisions = measure(() => {
  const petition = facts[next++ % facts.length];
  if (petition) decideRoute(petition, directory, model.autoRouteThreshold);
});
const routed = measure((p) => router.route(p, units));

const day = new Date().toISOString().slice(0, 10);
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const round = (n: number) => Math.round(n).toLocaleString('en-US');
const section = `
## Routing: classification and rules, in-process (${day})

Command: \`npm run bench:routing -- --seconds ${seconds}${values.file ? ` --file ${values.file}` : ''}\`
(one Node thread, so one core; ${PETITIONS.length} ${values.file ? 'petitions of that file' : 'invented petitions'},
${Math.min(...lengths)}–${Math.max(...lengths)} characters, round and round; the demo directory of ${units.length} units).
Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.

| step                                                         | per second | per call |
| ------------------------------------------------------------ | ---------- | -------- |
| classification (features, term verdict, three softmax heads) | ${round(classifications).padEnd(10)} | ${(1000 / classifications).toFixed(3)} ms |
| routing rules on facts already read                          | ${round(decisions).padEnd(10)} | ${(1000 / decisions).toFixed(4)} ms |
| classification + reading the text + rules (what a job does)  | ${round(routed).padEnd(10)} | ${(1000 / routed).toFixed(3)} ms |

Loading the model ${model.version} (${model.file.features.length} features) and jieba's dictionary with
the term vocabulary takes ${loadMs.toFixed(0)} ms, once per process.
`;
appendFileSync(values.output, section);
process.stdout.write(section);

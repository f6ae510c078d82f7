import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// High enough to beat jieba's own split of a rule term (保交楼 would be 保/交楼), low enough not to
// swallow the ordinary words around it.
const TERM_FREQUENCY = 20000;

/**
 * Jieba with its own dictionary plus the routing rule terms, so that each term the rules weigh is
 * cut as one word. Loading the dictionary takes a few hundred milliseconds: build one per process.
 */
export class Segmenter {
  private readonly jieba: Jieba;

  constructor(vocabulary: Iterable<string>) {
    this.jieba = Jieba.withDict(dict);
    const lines = [...new Set(vocabulary)].map((term) => `${term} ${TERM_FREQUENCY} n`);
    this.jieba.loadDict(Buffer.from(lines.join('\n')));
  }

  /**
   * How many times each word occurs in the text. Search mode, because it also gives the words
   * inside longer ones (拖欠工资 → 拖欠, 工资), so a rule on 工资 sees every way of writing it.
   */
  words(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const word of this.jieba.cutForSearch(text.normalize('NFKC').toLowerCase(), true)) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return counts;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Division } from './division.entity.js';
import { childDivisions, type DivisionChild } from './division.repository.js';

// County (6 digits), township (9) or the full 12-digit NBS form.
const DIVISION_CODE = /^(\d{6})(?:(\d{3})(\d{3})?)?$/;

/**
 * The short form of a division code (510903, 510903001), or null when it is not one. NBS pads
 * codes to 12 digits with zeros: 510903001000 is 510903001, 510903000000 is 510903. Village
 * codes (a non-zero last group) are refused, as villages are not kept.
 */
export function normaliseDivisionCode(code: string): string | null {
  const match = DIVISION_CODE.exec(code);
  if (match === null) return null;
  const [, county = '', township = '000', village = '000'] = match;
  if (village !== '000') return null;
  return township === '000' ? county : county + township;
}

@Injectable()
export class DivisionsService {
  constructor(@InjectRepository(Division) private readonly divisions: Repository<Division>) {}

  /** The division a code in any accepted form names; null when it is malformed or unknown. */
  async find(code: string): Promise<Division | null> {
    const normalised = normaliseDivisionCode(code);
    return normalised === null ? null : this.divisions.findOneBy({ code: normalised });
  }

  /**
   * The county-level territory a code lies in, the one case numbers carry: a county, or a
   * township's parent. The prefectures without counties (东莞, 中山, 儋州) hold their townships
   * directly, so they count as county-level themselves. Null above county level.
   */
  async countyOf(code: string): Promise<Division | null> {
    const division = await this.find(code);
    switch (division?.level) {
      case undefined:
      case 'PROVINCE':
        return null;
      case 'COUNTY':
        return division;
      case 'TOWNSHIP':
        return division.parentCode === null ? null : this.find(division.parentCode);
      case 'PREFECTURE': {
        const direct = await this.divisions.existsBy({
          parentCode: division.code,
          level: 'TOWNSHIP',
        });
        return direct ? division : null;
      }
    }
  }

  /** The divisions directly under `parentCode`, the provinces when it is null. */
  children(parentCode: string | null): Promise<DivisionChild[]> {
    return childDivisions(this.divisions.manager, parentCode);
  }
}

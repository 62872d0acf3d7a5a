import { BaseModel } from './base-model';

export class Dish extends BaseModel {
  static override tableName = 'dishes';
  declare id: string;
  declare slug: string;
  declare name_ja: string;
  declare name_en: string;
}

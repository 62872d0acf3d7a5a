import { BaseModel } from './base-model';

export class Principle extends BaseModel {
  static override tableName = 'principles';
  static override jsonAttributes = ['symptoms', 'success_signs'];
  declare id: string;
  declare slug: string;
  declare title_ja: string;
  declare title_en: string;
  declare dishes: string[];
  declare skill: string;
  declare symptoms: unknown[];
  declare why: string;
  declare next_action: string;
  declare success_signs: Record<string, string>;
  declare body_md: string;
  declare published: boolean;
  declare version: number;
  declare embedding_status: 'pending' | 'embedding' | 'ready' | 'failed';
  declare updated_by: string | null;
  declare created_at: Date;
  declare updated_at: Date;
}

import { BaseModel } from './base-model';

export interface Bilingual {
  ja: string;
  en: string;
}

export class Principle extends BaseModel {
  static override tableName = 'principles';
  static override jsonAttributes = ['skill', 'symptoms', 'why', 'next_action', 'success_signs'];
  declare id: string;
  declare slug: string;
  declare title_ja: string;
  declare title_en: string;
  declare dishes: string[];
  declare is_core: boolean;
  declare skill: Bilingual;
  declare symptoms: Array<Bilingual & { sense: 'sight' | 'sound' | 'texture' }>;
  declare why: Bilingual;
  declare next_action: Bilingual;
  declare success_signs: Partial<Record<'sight' | 'sound' | 'texture', Bilingual>>;
  declare addresses: string[];
  declare body_md: string;
  declare source: string;
  declare published: boolean;
  declare version: number;
  declare embedding_status: 'pending' | 'embedding' | 'ready' | 'failed';
  declare updated_by: string | null;
  declare created_at: Date;
  declare updated_at: Date;
}

import { BaseModel } from './base-model';

export class PrincipleChunk extends BaseModel {
  static override tableName = 'principle_chunks';
  declare id: string;
  declare principle_id: string;
  declare chunk_index: number;
  declare content: string;
  declare embedding: string | null; // pgvector text form '[0.1,...]'
  declare embedding_model: string | null;
  declare created_at: Date;
}

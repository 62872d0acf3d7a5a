import { BaseModel } from './base-model';

export class AppSetting extends BaseModel {
  static override tableName = 'app_settings';
  static override idColumn = 'key';
  declare key: string;
  declare value: unknown;
  declare created_at: Date;
}

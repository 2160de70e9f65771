/** Files attached to records' file fields (Notes.filename and the like), kept in memory. */
export interface StoredFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  private key(module: string, id: string, field: string): string {
    return `${module}\u0000${id}\u0000${field}`;
  }

  get(module: string, id: string, field: string): StoredFile | undefined {
    return this.files.get(this.key(module, id, field));
  }

  put(module: string, id: string, field: string, file: StoredFile): void {
    this.files.set(this.key(module, id, field), file);
  }

  delete(module: string, id: string, field: string): boolean {
    return this.files.delete(this.key(module, id, field));
  }
}

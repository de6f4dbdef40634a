/** Why an embedding model folder cannot be used. Thrown at load, so a misconfigured folder stops the start. */
export type EmbeddingModelErrorCode = 'MODEL_DIR_MISSING' | 'MODEL_FILE_MISSING' | 'MODEL_INVALID';

export class EmbeddingModelError extends Error {
  public readonly code: EmbeddingModelErrorCode;
  /** The model folder, as resolved. */
  public readonly dir: string;
  /** Files the folder lacks, relative to it (e.g. `onnx/model_quantized.onnx`); empty unless MODEL_FILE_MISSING. */
  public readonly missingFiles: readonly string[];

  constructor(code: EmbeddingModelErrorCode, dir: string, message: string, options: { missingFiles?: string[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'EmbeddingModelError';
    this.code = code;
    this.dir = dir;
    this.missingFiles = options.missingFiles ?? [];
  }
}

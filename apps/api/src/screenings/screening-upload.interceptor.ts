import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { finalize, type Observable } from 'rxjs';
import { ProblemException } from '../common/problem.filter';

/** An upload above this is refused (413 naming `file`): 20,000 rows of 60 answers fit in a few MB. */
export const MAX_SCREENING_FILE_BYTES = 20 * 1024 * 1024;

/** The upload as multer's disk storage leaves it: a temporary file the request owns. */
export interface UploadedSheet {
  path: string;
  size: number;
  originalname: string;
}

/**
 * multer with disk storage (`dest`): the upload streams into a temporary file instead of one
 * Buffer in memory, and the file is read from disk row by row (docs/adr/0022). Whatever happens
 * to the request — answered, refused by validation, failed — the temporary file is removed.
 * multer's own limit errors are answered as problems naming `file`.
 */
@Injectable()
export class ScreeningUploadInterceptor
  extends FileInterceptor('file', {
    dest: tmpdir(),
    limits: { fileSize: MAX_SCREENING_FILE_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024 },
  })
  implements NestInterceptor
{
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<{ file?: UploadedSheet }>();
    let handled: Observable<unknown>;
    try {
      handled = await super.intercept(context, next);
    } catch (error) {
      await removeUpload(request.file);
      throw uploadProblem(error);
    }
    return handled.pipe(finalize(() => void removeUpload(request.file)));
  }
}

async function removeUpload(file: UploadedSheet | undefined): Promise<void> {
  if (file?.path) await rm(file.path, { force: true });
}

function uploadProblem(error: unknown): unknown {
  if (!(error instanceof HttpException)) return error;
  const status = error.getStatus();
  const detail =
    status === 413
      ? `The file is larger than ${MAX_SCREENING_FILE_BYTES / 1024 / 1024} MB; import it in parts`
      : `The upload could not be read: ${error.message}`;
  return new ProblemException(status, detail, [{ path: 'file', message: detail }]);
}

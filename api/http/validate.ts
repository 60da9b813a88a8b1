import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { AppError } from '../domain/errors.js';

/** zValidator whose failures become one problem+json with every field that is wrong. */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const fields = result.error.issues.map((i) => ({ path: i.path.join('.') || target, message: i.message }));
      throw new AppError('validation_failed', `Invalid ${target}: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, { fields });
    }
  });

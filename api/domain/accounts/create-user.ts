import { AppError } from '../errors.js';
import { MIN_PASSWORD_LENGTH, type Role, type User } from './model.js';
import { hashPassword } from './password.js';
import type { AccountDeps } from './ports.js';

export interface CreateUserInput {
  email: string;
  password: string;
  role: Role;
  name?: string;
}

/** Creates an admin or agent. Emails are unique, compared lower-cased. */
export async function createUser(d: Pick<AccountDeps, 'store'>, input: CreateUserInput): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new AppError('validation_failed', 'The email address is not valid.', { fields: [{ path: 'email', message: 'not an email address' }] });
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new AppError('validation_failed', `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`, { fields: [{ path: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` }] });
  const user = await d.store.createUser({
    email,
    name: input.name?.trim() || email.split('@')[0]!,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  });
  if (!user) throw new AppError('conflict', 'A user with that email already exists.');
  return user;
}

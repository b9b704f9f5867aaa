import { z } from 'zod';
import { ROLES } from '../roles';
import { ADMIN, type Access } from './access';

export const RoleSchema = z.enum(ROLES);

/** Staff as the admin sees them; never customer data, never credentials. */
export const StaffUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  locked: z.boolean(),
  hasPassword: z.boolean(),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

/** The account an admin acts on, by name (ids are not an input anywhere). */
const Target = { name: z.string().min(1).max(64) };
const Password = z.string().min(1).max(256);

export const usersProcedures = {
  'users.list': {
    access: ADMIN as Access,
    input: z.strictObject({ role: RoleSchema.optional() }),
    output: z.array(StaffUserSchema),
  },
  'users.add': {
    access: ADMIN as Access,
    input: z.strictObject({ ...Target, role: RoleSchema, password: Password }),
    output: StaffUserSchema,
  },
  'users.set_role': {
    access: ADMIN as Access,
    input: z.strictObject({ ...Target, role: RoleSchema }),
    output: StaffUserSchema,
  },
  'users.set_password': {
    access: ADMIN as Access,
    input: z.strictObject({ ...Target, password: Password }),
    output: StaffUserSchema,
  },
  'users.disable': {
    access: ADMIN as Access,
    input: z.strictObject({ ...Target, disabled: z.boolean().default(true) }),
    output: StaffUserSchema,
  },
  'users.unlock': {
    access: ADMIN as Access,
    input: z.strictObject(Target),
    output: StaffUserSchema,
  },
};
